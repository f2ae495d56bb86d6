// SPDX-License-Identifier: MIT
/*
 * poll() and ppoll(). Each round asks every file's ->poll() for its
 * ready events; on the first round the files also queue the poller on
 * their wait queues (poll_wait). If nothing is ready the task sleeps
 * until one of those queues is woken or the timeout passes, then asks
 * again. A wake-up that lands between a round and the sleep is not
 * lost: pollwake() sets `triggered', which the sleep checks after
 * declaring itself asleep, the same handshake as Linux's.
 *
 * A pending signal ends the wait with -ERESTARTNOHAND: -EINTR after a
 * handler, else the call runs again (poll() through restart_syscall(),
 * with what was left of its timeout). Not done: ppoll's signal mask is read (a bad pointer fails
 * before the wait) but not applied, and select/pselect6 are absent.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/fdtable.h>
#include <linux/resource.h>
#include <asm/page.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define POLL_ENTRIES_PER_PAGE	32

struct poll_table_entry {
	struct file *filp;		/* referenced while queued */
	struct wait_queue_entry wait;
	struct wait_queue_head *wait_address;
};

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int used;
	struct poll_table_entry entries[POLL_ENTRIES_PER_PAGE];
};

struct poll_wqueues {
	poll_table pt;
	struct task_struct *polling_task;
	int triggered;
	int error;
	struct poll_table_page *table;
};

static int pollwake(struct wait_queue_entry *wait, unsigned mode, int sync, void *key)
{
	struct poll_wqueues *pwq = wait->private;

	WRITE_ONCE(pwq->triggered, 1);
	smp_mb();	/* triggered is visible before the task can run and test it */
	return try_to_wake_up(pwq->polling_task, mode, sync);
}

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *page = p->table;

	if (!page || page->used == POLL_ENTRIES_PER_PAGE) {
		page = kmalloc(sizeof(*page), GFP_KERNEL);
		if (!page) {
			p->error = -ENOMEM;
			return NULL;
		}
		page->used = 0;
		page->next = p->table;
		p->table = page;
	}
	return &page->entries[page->used++];
}

static void __pollwait(struct file *filp, struct wait_queue_head *wq, poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(pwq);

	if (!entry)
		return;
	entry->filp = get_file(filp);
	entry->wait_address = wq;
	entry->wait.flags = 0;
	entry->wait.private = pwq;
	entry->wait.func = pollwake;
	INIT_LIST_HEAD(&entry->wait.entry);
	add_wait_queue(wq, &entry->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt._qproc = __pollwait;
	pwq->polling_task = current;
	pwq->triggered = 0;
	pwq->error = 0;
	pwq->table = NULL;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->table;

	while (page) {
		struct poll_table_page *next = page->next;
		unsigned int i;

		for (i = 0; i < page->used; i++) {
			remove_wait_queue(page->entries[i].wait_address, &page->entries[i].wait);
			fput(page->entries[i].filp);
		}
		kfree(page);
		page = next;
	}
}

/* Sleep until woken through a queued entry or timeout; false if the time ran out. */
static bool poll_schedule_timeout(struct poll_wqueues *pwq, long *timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (!READ_ONCE(pwq->triggered))
		*timeout = schedule_timeout(*timeout);
	__set_current_state(TASK_RUNNING);
	WRITE_ONCE(pwq->triggered, 0);
	return *timeout != 0;
}

/* The events of one pollfd (revents), POLLNVAL for a descriptor that is not open. */
static __poll_t do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	__poll_t filter = pfd->events | EPOLLERR | EPOLLHUP;
	struct file *f;
	__poll_t mask;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return EPOLLNVAL;
	mask = vfs_poll(f, pt) & filter;
	fput(f);
	return mask;
}

/*
 * The caller's pollfds, copied in page-sized pieces so that no size the
 * caller names reaches the allocator as one block (nfds is bounded only
 * by RLIMIT_NOFILE, which may be a million).
 */
struct poll_list {
	struct poll_list *next;
	unsigned int len;
	struct pollfd entries[];
};

#define POLLFD_PER_PAGE	((PAGE_SIZE - sizeof(struct poll_list)) / sizeof(struct pollfd))

static void poll_list_free(struct poll_list *head)
{
	while (head) {
		struct poll_list *next = head->next;

		kfree(head);
		head = next;
	}
}

/* 0 with *headp the copy, or -ENOMEM / -EFAULT with nothing to free. */
static int poll_list_copy_in(struct pollfd __user *ufds, unsigned int nfds,
			     struct poll_list **headp)
{
	struct poll_list **tail = headp, *walk;
	unsigned int len;

	*headp = NULL;
	for (; nfds; nfds -= len, ufds += len) {
		len = min(nfds, (unsigned int)POLLFD_PER_PAGE);
		walk = kmalloc(sizeof(*walk) + len * sizeof(struct pollfd), GFP_KERNEL);
		if (!walk) {
			poll_list_free(*headp);
			return -ENOMEM;
		}
		walk->next = NULL;
		walk->len = len;
		*tail = walk;
		tail = &walk->next;
		if (copy_from_user(walk->entries, ufds, len * sizeof(struct pollfd))) {
			poll_list_free(*headp);
			return -EFAULT;
		}
	}
	return 0;
}

static int poll_list_copy_out(struct poll_list *walk, struct pollfd __user *ufds)
{
	unsigned int i;

	for (; walk; ufds += walk->len, walk = walk->next)
		for (i = 0; i < walk->len; i++)
			if (put_user(walk->entries[i].revents, &ufds[i].revents))
				return -EFAULT;
	return 0;
}

static int do_poll(struct poll_list *list, struct poll_wqueues *wait, long *timeout)
{
	poll_table *pt = &wait->pt;
	struct poll_list *walk;
	unsigned int i;
	int count;

	if (!*timeout)
		pt->_qproc = NULL;	/* nobody will sleep: no need to queue */
	for (;;) {
		count = 0;
		for (walk = list; walk; walk = walk->next) {
			for (i = 0; i < walk->len; i++) {
				struct pollfd *pfd = &walk->entries[i];

				pfd->revents = do_pollfd(pfd, pt);
				if (pfd->revents) {
					count++;
					pt->_qproc = NULL;	/* the answer is "now": stop queueing */
				}
			}
		}
		pt->_qproc = NULL;	/* queued once on every wait queue is enough */
		if (count || !*timeout)
			return count;
		if (wait->error)
			return wait->error;
		if (signal_pending(current))
			return -ERESTARTNOHAND;
		if (!poll_schedule_timeout(wait, timeout))
			return 0;
	}
}

/* As Linux: more descriptors than RLIMIT_NOFILE allows is -EINVAL before any copy. */
static int do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, long *timeout)
{
	struct poll_wqueues table;
	struct poll_list *list;
	int ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	ret = poll_list_copy_in(ufds, nfds, &list);
	if (ret)
		return ret;
	poll_initwait(&table);
	ret = do_poll(list, &table, timeout);
	poll_freewait(&table);
	if (ret >= 0 && poll_list_copy_out(list, ufds))
		ret = -EFAULT;
	poll_list_free(list);
	return ret;
}

/* Milliseconds to jiffies, rounded up so that a wait is never shorter than asked. */
static long poll_ms_to_timeout(int ms)
{
	if (ms < 0)
		return MAX_SCHEDULE_TIMEOUT;
	if (!ms)
		return 0;
	return msecs_to_jiffies(ms) + 1;
}

static long do_restart_poll(struct restart_block *restart);

/*
 * poll() leaves its descriptors and its end time for restart_syscall():
 * a stop in the middle must not give it its whole timeout again.
 */
static long poll_restartable(struct pollfd __user *ufds, unsigned int nfds, long timeout)
{
	struct restart_block *restart = &current->restart_block;
	long ret = do_sys_poll(ufds, nfds, &timeout);

	if (ret != -ERESTARTNOHAND)
		return ret;
	restart->poll.ufds = ufds;
	restart->poll.nfds = nfds;
	restart->poll.has_timeout = timeout != MAX_SCHEDULE_TIMEOUT;
	restart->poll.end = jiffies + timeout;
	set_restart_fn(restart, do_restart_poll);
	return -ERESTART_RESTARTBLOCK;
}

static long do_restart_poll(struct restart_block *restart)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (restart->poll.has_timeout) {
		timeout = (long)(restart->poll.end - jiffies);
		if (timeout < 0)
			timeout = 0;
	}
	return poll_restartable(restart->poll.ufds, restart->poll.nfds, timeout);
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	return poll_restartable(ufds, nfds, poll_ms_to_timeout(timeout_msecs));
}

struct __kernel_timespec {
	long tv_sec;
	long tv_nsec;
};

#define NSEC_PER_SEC	1000000000L

static long timespec_to_timeout(const struct __kernel_timespec *ts)
{
	unsigned long ms;

	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (!ts->tv_sec && !ts->tv_nsec)
		return 0;
	if ((unsigned long)ts->tv_sec > (unsigned long)INT32_MAX / 1000)
		return MAX_SCHEDULE_TIMEOUT;
	ms = ts->tv_sec * 1000 + (ts->tv_nsec + 999999) / 1000000;
	return msecs_to_jiffies(ms) + 1;
}

/* Write back the time left, as Linux does for ppoll. */
static int put_time_left(struct __kernel_timespec __user *tsp, long timeout)
{
	struct __kernel_timespec left = { 0 };
	unsigned long ms = jiffies_to_msecs(timeout);

	left.tv_sec = ms / 1000;
	left.tv_nsec = (ms % 1000) * 1000000;
	return copy_to_user(tsp, &left, sizeof(left)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const void __user *, sigmask,
		size_t, sigsetsize)
{
	struct __kernel_timespec ts;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	u64 mask;	/* a sigset_t */
	int ret;

	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		timeout = timespec_to_timeout(&ts);
		if (timeout < 0)
			return timeout;
	}
	if (sigmask && sigsetsize != sizeof(mask))
		return -EINVAL;
	if (sigmask && copy_from_user(&mask, sigmask, sizeof(mask)))
		return -EFAULT;	/* before the wait, as Linux's set_user_sigmask() */
	ret = do_sys_poll(ufds, nfds, &timeout);
	/* The time left is written for an interrupted wait too, as Linux's poll_select_finish(). */
	if (tsp && (ret >= 0 || ret == -ERESTARTNOHAND) && timeout != MAX_SCHEDULE_TIMEOUT &&
	    put_time_left(tsp, timeout))
		return -EFAULT;
	return ret;
}
