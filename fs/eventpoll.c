// SPDX-License-Identifier: MIT
/*
 * epoll: a set of watched files (epitems) and the ready list of those
 * whose wait queues were woken since last looked at. Each item sits on
 * its file's wait queues through ->poll() and poll_wait(), like a poller
 * that never leaves; the wake-up (ep_poll_callback(), possibly in hard
 * IRQ context, as a timerfd's hrtimer fires) only puts the item on the
 * ready list. epoll_wait() then asks each ready file's ->poll() for the
 * events it has now: level-triggered items go back on the list while
 * they stay ready, edge-triggered ones wait for the next wake-up,
 * EPOLLONESHOT ones are disarmed until EPOLL_CTL_MOD.
 *
 * Locking, outermost first: epmutex (every change to any set and to any
 * file's f_ep list: epoll_ctl, the last fput of a watched file, the end
 * of an epoll file) -> ep->mtx (one set's items, and the scan of its
 * ready list) -> a watched file's wait-queue lock -> ep->lock (the
 * ready list, irqsave) -> ep->wq's lock. Linux splits epmutex finer;
 * one lock is enough for the set sizes reflex's programs use, and the
 * ready path (wake-up, epoll_wait) never takes it.
 *
 * The set's items are a list (Linux: a red-black tree by file and fd),
 * so EPOLL_CTL_* costs O(items).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/anon_inodes.h>
#include <linux/eventpoll.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLEXCLUSIVE	((__poll_t)(1U << 28))
#define EPOLLWAKEUP	((__poll_t)(1U << 29))
#define EPOLLONESHOT	((__poll_t)(1U << 30))
#define EPOLLET		((__poll_t)(1U << 31))
#define EPOLL_CLOEXEC	O_CLOEXEC

/* Bits that steer the item rather than name events. */
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLINOUT_BITS	(EPOLLIN | EPOLLOUT)
#define EPOLLEXCLUSIVE_OK_BITS \
	(EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)

#define EP_MAX_NESTS	4	/* epoll files inside epoll files, as Linux */
#define EP_MAX_EVENTS	(INT32_MAX / sizeof(struct epoll_event))

/* The user's layout: packed on x86-64, 12 bytes. */
struct epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));

struct eventpoll {
	struct mutex mtx;
	spinlock_t lock;
	struct wait_queue_head wq;		/* epoll_wait() callers */
	struct wait_queue_head poll_wait;	/* pollers of the epoll file itself */
	struct list_head rdllist;		/* ready items, by rdllink */
	struct list_head items;			/* every item, by itemlink */
	struct file *file;
};

struct epitem;

/* One wait queue an item sits on. */
struct eppoll_entry {
	struct eppoll_entry *next;
	struct epitem *base;
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;
};

struct epitem {
	struct list_head itemlink;	/* ep->items */
	struct list_head rdllink;	/* ep->rdllist or a scan's list; empty: not ready */
	struct list_head fllink;	/* file->f_ep */
	struct file *file;
	int fd;
	int nwait;			/* wait queues joined; -1: out of memory */
	struct eventpoll *ep;
	struct eppoll_entry *pwqlist;
	struct epoll_event event;
};

struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
};

static DEFINE_MUTEX(epmutex);
static const struct file_operations eventpoll_fops;

static bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* Move every entry of list to the front of head; list is left empty. */
static void ep_list_splice_init(struct list_head *list, struct list_head *head)
{
	struct list_head *first = list->next, *last = list->prev;

	if (list_empty(list))
		return;
	first->prev = head;
	last->next = head->next;
	head->next->prev = last;
	head->next = first;
	INIT_LIST_HEAD(list);
}

static bool ep_events_available(struct eventpoll *ep)
{
	return !list_empty_careful(&ep->rdllist);
}

/* Put epi on the ready list and wake whoever waits on the set. */
static void ep_make_ready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;
	bool pwake;

	spin_lock_irqsave(&ep->lock, flags);
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	if (waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	pwake = waitqueue_active(&ep->poll_wait);
	spin_unlock_irqrestore(&ep->lock, flags);
	if (pwake)
		wake_up(&ep->poll_wait);
}

/*
 * A watched file's wait queue was woken (its lock is held, interrupts
 * may be off). Only queue the item: what is ready is asked later.
 */
static int ep_poll_callback(struct wait_queue_entry *wait, unsigned mode, int sync, void *key)
{
	struct epitem *epi = container_of(wait, struct eppoll_entry, wait)->base;
	struct eventpoll *ep = epi->ep;
	__poll_t pollflags = (__poll_t)(unsigned long)key;
	unsigned long flags;
	bool ewake = false, pwake = false;

	spin_lock_irqsave(&ep->lock, flags);
	/* Disarmed by EPOLLONESHOT, or a wake-up for events it does not want. */
	if (!(READ_ONCE(epi->event.events) & ~EP_PRIVATE_BITS) ||
	    (pollflags && !(pollflags & epi->event.events)))
		goto out;
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	if (waitqueue_active(&ep->wq)) {
		wake_up(&ep->wq);
		ewake = true;
	}
	pwake = waitqueue_active(&ep->poll_wait);
out:
	spin_unlock_irqrestore(&ep->lock, flags);
	if (pwake)
		wake_up(&ep->poll_wait);
	/* An exclusive item counts as a woken waiter only if it woke one. */
	if (epi->event.events & EPOLLEXCLUSIVE)
		return ewake;
	return 1;
}

static void ep_ptable_queue_proc(struct file *file, struct wait_queue_head *whead, poll_table *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct eppoll_entry *pwq;

	if (epi->nwait < 0)
		return;
	pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);
	if (!pwq) {
		epi->nwait = -1;
		return;
	}
	pwq->wait.flags = 0;
	pwq->wait.private = NULL;
	pwq->wait.func = ep_poll_callback;
	INIT_LIST_HEAD(&pwq->wait.entry);
	pwq->whead = whead;
	pwq->base = epi;
	if (epi->event.events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(whead, &pwq->wait);
	else
		add_wait_queue(whead, &pwq->wait);
	pwq->next = epi->pwqlist;
	epi->pwqlist = pwq;
	epi->nwait++;
}

static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait, int depth);

/* The events of epi's file it asks for, now (and joining its queues, with pt). */
static __poll_t ep_item_poll(struct epitem *epi, poll_table *pt, int depth)
{
	__poll_t res;

	if (is_file_epoll(epi->file))
		res = __ep_eventpoll_poll(epi->file, pt, depth);
	else
		res = vfs_poll(epi->file, pt);
	return res & epi->event.events;
}

/* Take the ready list for a scan (under ep->mtx); callbacks start a new one. */
static void ep_start_scan(struct eventpoll *ep, struct list_head *txlist)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	ep_list_splice_init(&ep->rdllist, txlist);
	spin_unlock_irqrestore(&ep->lock, flags);
}

/* What the scan left goes back in front; an exclusive waiter may have missed it. */
static void ep_done_scan(struct eventpoll *ep, struct list_head *txlist)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	ep_list_splice_init(txlist, &ep->rdllist);
	if (!list_empty(&ep->rdllist) && waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	spin_unlock_irqrestore(&ep->lock, flags);
}

static void ep_unready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	list_del_init(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, flags);
}

static void ep_requeue(struct eventpoll *ep, struct epitem *epi, struct list_head *head)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, head);
	spin_unlock_irqrestore(&ep->lock, flags);
}

/* Does any ready item of this (nested) set have events? */
static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait, int depth)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *tmp;
	LIST_HEAD(txlist);
	__poll_t res = 0;

	poll_wait(file, &ep->poll_wait, wait);
	if (depth > EP_MAX_NESTS)
		return 0;
	mutex_lock(&ep->mtx);
	ep_start_scan(ep, &txlist);
	list_for_each_entry_safe(epi, tmp, &txlist, rdllink) {
		if (ep_item_poll(epi, NULL, depth + 1)) {
			res = EPOLLIN | EPOLLRDNORM;
			break;
		}
		/* Woken for nothing it wants: off the list until the next wake-up. */
		ep_unready(ep, epi);
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

static __poll_t ep_eventpoll_poll(struct file *file, poll_table *wait)
{
	return __ep_eventpoll_poll(file, wait, 0);
}

/* Leave every wait queue: after this no callback runs for epi. */
static void ep_unregister_pollwait(struct epitem *epi)
{
	struct eppoll_entry *pwq;

	while ((pwq = epi->pwqlist)) {
		epi->pwqlist = pwq->next;
		remove_wait_queue(pwq->whead, &pwq->wait);
		kfree(pwq);
	}
}

/* Under epmutex and ep->mtx. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	ep_unregister_pollwait(epi);
	list_del(&epi->fllink);
	list_del(&epi->itemlink);
	ep_unready(ep, epi);
	kfree(epi);
}

void eventpoll_release_file(struct file *file)
{
	struct epitem *epi, *next;

	mutex_lock(&epmutex);
	list_for_each_entry_safe(epi, next, &file->f_ep, fllink) {
		struct eventpoll *ep = epi->ep;

		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

static int ep_eventpoll_release(struct inode *inode, struct file *file)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *next;

	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	list_for_each_entry_safe(epi, next, &ep->items, itemlink)
		ep_remove(ep, epi);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	kfree(ep);
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.llseek		= no_llseek,
	.poll		= ep_eventpoll_poll,
	.release	= ep_eventpoll_release,
};

static int do_epoll_create(int flags)
{
	struct eventpoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	mutex_init(&ep->mtx);
	spin_lock_init(&ep->lock);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	INIT_LIST_HEAD(&ep->items);
	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		goto err;
	ep->file = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, O_RDWR);
	if (IS_ERR(ep->file)) {
		put_unused_fd(fd);
		fd = PTR_ERR(ep->file);
		goto err;
	}
	fd_install(fd, ep->file);
	return fd;
err:
	kfree(ep);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, itemlink)
		if (epi->file == file && epi->fd == fd)
			return epi;
	return NULL;
}

/* --- loops and depth (under epmutex, which keeps every set still) --- */

static struct eventpoll *inserting_into;

/* How deep the sets under ep go; past EP_MAX_NESTS for a path back to inserting_into. */
static int ep_loop_check_proc(struct eventpoll *ep, int depth)
{
	struct epitem *epi;
	int result = 0;

	if (ep == inserting_into || depth > EP_MAX_NESTS)
		return EP_MAX_NESTS + 1;
	list_for_each_entry(epi, &ep->items, itemlink) {
		if (!is_file_epoll(epi->file))
			continue;
		result = max(result, 1 + ep_loop_check_proc(epi->file->private_data, depth + 1));
		if (result > EP_MAX_NESTS)
			break;
	}
	return result;
}

/* How many sets sit above ep. */
static int ep_get_upwards_depth_proc(struct eventpoll *ep, int depth)
{
	struct epitem *epi;
	int result = 0;

	if (depth > EP_MAX_NESTS)
		return EP_MAX_NESTS + 1;
	list_for_each_entry(epi, &ep->file->f_ep, fllink)
		result = max(result, 1 + ep_get_upwards_depth_proc(epi->ep, depth + 1));
	return result;
}

/* -ELOOP if putting set `to' into ep makes a cycle or nests too deep. */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int depth, upwards;

	inserting_into = ep;
	depth = ep_loop_check_proc(to, 0);
	inserting_into = NULL;
	if (depth > EP_MAX_NESTS)
		return -ELOOP;
	upwards = ep_get_upwards_depth_proc(ep, 0);
	return depth + 1 + upwards > EP_MAX_NESTS ? -ELOOP : 0;
}

static int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
		     struct file *tfile, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	struct ep_pqueue epq;
	__poll_t revents;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	epi->ep = ep;
	epi->file = tfile;
	epi->fd = fd;
	epi->event = *event;
	list_add_tail(&epi->fllink, &tfile->f_ep);
	list_add_tail(&epi->itemlink, &ep->items);

	epq.epi = epi;
	epq.pt._qproc = ep_ptable_queue_proc;
	revents = ep_item_poll(epi, &epq.pt, 1);
	if (epi->nwait < 0) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (revents)
		ep_make_ready(ep, epi);
	return 0;
}

static int ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event *event)
{
	WRITE_ONCE(epi->event.events, event->events);
	epi->event.data = event->data;
	smp_mb();	/* a wake-up after this sees the new events; the poll below sees the state */
	if (ep_item_poll(epi, NULL, 1))
		ep_make_ready(ep, epi);
	return 0;
}

static bool ep_op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

/* The checks Linux makes before touching the set, in its order. */
static int ep_ctl_check(struct file *file, struct file *tfile, int op, struct epoll_event *epds)
{
	if (!tfile->f_op->poll)
		return -EPERM;
	if (file == tfile || !is_file_epoll(file))
		return -EINVAL;
	if (ep_op_has_event(op) && (epds->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD && (is_file_epoll(tfile) ||
					    (epds->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	return 0;
}

static int ep_ctl_locked(struct eventpoll *ep, int op, int fd, struct file *tfile,
			 struct epoll_event *epds)
{
	struct epitem *epi = ep_find(ep, tfile, fd);
	int error;

	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		if (is_file_epoll(tfile)) {
			error = ep_loop_check(ep, tfile->private_data);
			if (error)
				return error;
		}
		epds->events |= EPOLLERR | EPOLLHUP;
		return ep_insert(ep, epds, tfile, fd);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(ep, epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->event.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		epds->events |= EPOLLERR | EPOLLHUP;
		return ep_modify(ep, epi, epds);
	}
	return -EINVAL;
}

static int do_epoll_ctl(int epfd, int op, int fd, struct epoll_event *epds)
{
	struct file *file, *tfile;
	struct eventpoll *ep;
	int error = -EBADF;

	file = fget(epfd);
	if (!file)
		return -EBADF;
	tfile = fget(fd);
	if (!tfile)
		goto out_fput;
	error = ep_ctl_check(file, tfile, op, epds);
	if (error)
		goto out_tfput;
	ep = file->private_data;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	error = ep_ctl_locked(ep, op, fd, tfile, epds);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
out_tfput:
	fput(tfile);
out_fput:
	fput(file);
	return error;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event __user *, event)
{
	struct epoll_event epds = { 0 };

	if (ep_op_has_event(op) && copy_from_user(&epds, event, sizeof(epds)))
		return -EFAULT;
	return do_epoll_ctl(epfd, op, fd, &epds);
}

/* --- waiting --------------------------------------------------------- */

/* Copy out up to maxevents ready events; 0 if the ready items had none. */
static int ep_send_events(struct eventpoll *ep, struct epoll_event __user *events, int maxevents)
{
	struct epitem *epi, *tmp;
	LIST_HEAD(txlist);
	int res = 0;

	mutex_lock(&ep->mtx);
	ep_start_scan(ep, &txlist);
	list_for_each_entry_safe(epi, tmp, &txlist, rdllink) {
		struct epoll_event ev;

		if (res >= maxevents)
			break;
		ep_unready(ep, epi);
		ev.events = ep_item_poll(epi, NULL, 1);
		if (!ev.events)
			continue;
		ev.data = epi->event.data;
		if (copy_to_user(&events[res], &ev, sizeof(ev))) {
			ep_requeue(ep, epi, &txlist);
			if (!res)
				res = -EFAULT;
			break;
		}
		res++;
		if (epi->event.events & EPOLLONESHOT)
			WRITE_ONCE(epi->event.events, epi->event.events & EP_PRIVATE_BITS);
		else if (!(epi->event.events & EPOLLET))
			ep_requeue(ep, epi, &ep->rdllist);	/* level: ask again next time */
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

static int ep_poll(struct eventpoll *ep, struct epoll_event __user *events, int maxevents,
		   long timeout)
{
	int res;

	for (;;) {
		if (ep_events_available(ep)) {
			res = ep_send_events(ep, events, maxevents);
			if (res)
				return res;
		}
		if (!timeout)
			return 0;
		if (signal_pending(current))
			return -EINTR;
		DEFINE_WAIT(wait);
		prepare_to_wait_exclusive(&ep->wq, &wait, TASK_INTERRUPTIBLE);
		if (!ep_events_available(ep) && !signal_pending(current))
			timeout = schedule_timeout(timeout);
		finish_wait(&ep->wq, &wait);
	}
}

static int do_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents, long timeout)
{
	struct file *file;
	int error;

	if (maxevents <= 0 || maxevents > (int)EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(events, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	file = fget(epfd);
	if (!file)
		return -EBADF;
	if (!is_file_epoll(file))
		error = -EINVAL;
	else
		error = ep_poll(file->private_data, events, maxevents, timeout);
	fput(file);
	return error;
}

/* Milliseconds (negative: forever) to jiffies, never shorter than asked. */
static long ep_ms_to_timeout(int ms)
{
	if (ms < 0)
		return MAX_SCHEDULE_TIMEOUT;
	if (!ms)
		return 0;
	return msecs_to_jiffies(ms) + 1;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event __user *, events,
		int, maxevents, int, timeout)
{
	return do_epoll_wait(epfd, events, maxevents, ep_ms_to_timeout(timeout));
}

static int do_epoll_pwait(int epfd, struct epoll_event __user *events, int maxevents,
			  long timeout, const u64 __user *sigmask, size_t sigsetsize)
{
	int error = set_user_sigmask(sigmask, sigsetsize);

	if (error)
		return error;
	error = do_epoll_wait(epfd, events, maxevents, timeout);
	restore_saved_sigmask_unless(error == -EINTR);
	return error;
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event __user *, events,
		int, maxevents, int, timeout, const u64 __user *, sigmask, size_t, sigsetsize)
{
	return do_epoll_pwait(epfd, events, maxevents, ep_ms_to_timeout(timeout),
			      sigmask, sigsetsize);
}

SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event __user *, events,
		int, maxevents, const struct __kernel_timespec __user *, timeout,
		const u64 __user *, sigmask, size_t, sigsetsize)
{
	long to = MAX_SCHEDULE_TIMEOUT;

	if (timeout) {
		struct __kernel_timespec ts;

		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		to = poll_timespec_to_timeout(&ts);
		if (to < 0)
			return to;
	}
	return do_epoll_pwait(epfd, events, maxevents, to, sigmask, sigsetsize);
}
