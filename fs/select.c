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
 * select() and pselect6() are the same rounds over the fd_sets' bits.
 * ppoll, pselect6 and epoll_pwait swap in the caller's signal mask for
 * the wait (set_user_sigmask) and keep it, if a signal ended the wait,
 * until that signal's handler has run (restore_saved_sigmask_unless),
 * so a signal unblocked only for the wait cannot be missed. The time
 * left is written back to select's timeval and pselect6/ppoll's
 * timespec, as Linux does.
 *
 * A pending signal ends the wait with -ERESTARTNOHAND: -EINTR after a
 * handler, else the call runs again; poll() through restart_syscall()
 * with what was left of its timeout, select, pselect6 and ppoll with the
 * time left they wrote back.
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
#include <linux/time64.h>
#include <linux/ktime.h>

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

/* --- signal masks for the duration of a wait -------------------------- */

/* Block umask's signals instead for the wait; 0, or -EINVAL / -EFAULT before any change. */
int set_user_sigmask(const u64 __user *umask, size_t sigsetsize)
{
	u64 kmask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&kmask, umask, sizeof(kmask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(kmask);
	return 0;
}

/*
 * Put the caller's mask back now, unless a signal interrupted the wait:
 * then its handler must run under the wait's mask, and the return to
 * user mode (or the handler's sigreturn) restores the caller's.
 */
void restore_saved_sigmask_unless(bool interrupted)
{
	if (!interrupted)
		restore_saved_sigmask();
}

/* --- timeouts ---------------------------------------------------------- */

/* Nanoseconds to jiffies for the sleep, rounded up so that a wait is never shorter. */
static long ns_to_timeout(s64 ns)
{
	if (ns < 0)
		return MAX_SCHEDULE_TIMEOUT;
	if (!ns)
		return 0;
	if (ns / NSEC_PER_MSEC >= INT32_MAX)
		return MAX_SCHEDULE_TIMEOUT;
	return msecs_to_jiffies((ns + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC) + 1;
}

/* A timespec timeout as jiffies: -EINVAL if it is not a valid time. */
long poll_timespec_to_timeout(const struct __kernel_timespec *ts)
{
	if (!timespec64_valid(ts))
		return -EINVAL;
	return ns_to_timeout(timespec64_to_ns(ts));
}

/*
 * What is left of a wait that was to end at end (ns of CLOCK_MONOTONIC),
 * at least 0; nothing once its sleep (@timeout, jiffies left) ran out,
 * as on Linux, whose sleep ends by the same clock as the time left: the
 * tick and the TSC, each calibrated against the PIT, can disagree.
 */
static s64 poll_time_left(ktime_t end, long timeout)
{
	ktime_t now = ktime_get();

	return timeout && end > now ? end - now : 0;
}

static ktime_t poll_end_time(s64 ns)
{
	ktime_t now = ktime_get();

	return ns > KTIME_MAX - now ? KTIME_MAX : now + ns;
}

/* --- poll ------------------------------------------------------------- */

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
	long timeout = timeout_msecs < 0 ? MAX_SCHEDULE_TIMEOUT :
		       ns_to_timeout((s64)timeout_msecs * NSEC_PER_MSEC);

	return poll_restartable(ufds, nfds, timeout);
}

/* Write back the time left, as Linux does for ppoll and pselect6. */
static int put_timespec_left(struct __kernel_timespec __user *tsp, ktime_t end, long timeout)
{
	struct __kernel_timespec left = ns_to_timespec64(poll_time_left(end, timeout));

	return copy_to_user(tsp, &left, sizeof(left)) ? -EFAULT : 0;
}

/*
 * Finishing a timed wait: the mask goes back (or waits for the handler)
 * and the time left is written back. A fault on that write is ignored,
 * as Linux ignores it: the wait itself succeeded.
 */
static void poll_select_finish(struct __kernel_timespec __user *tsp, ktime_t end,
			       long timeout, long ret)
{
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (tsp && end != KTIME_MAX)
		put_timespec_left(tsp, end, timeout);
}

/* 0 with *ns the timeout (-1: none), or -EFAULT / -EINVAL. */
static int get_timespec_timeout(const struct __kernel_timespec __user *tsp, s64 *ns)
{
	struct __kernel_timespec ts;

	*ns = -1;
	if (!tsp)
		return 0;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	*ns = timespec64_to_ns(&ts);
	return 0;
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const u64 __user *, sigmask,
		size_t, sigsetsize)
{
	ktime_t end = KTIME_MAX;
	long timeout;
	s64 ns;
	int ret;

	ret = get_timespec_timeout(tsp, &ns);
	if (ret)
		return ret;
	if (ns > 0)	/* Linux writes nothing back for a zero timeout */
		end = poll_end_time(ns);
	timeout = ns_to_timeout(ns);
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, &timeout);
	poll_select_finish(tsp, end, timeout, ret);
	return ret;
}

/* --- select ----------------------------------------------------------- */

#define POLLIN_SET	(EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET	(EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET	(EPOLLPRI)

#define BITS_PER_LONG	64
#define FDS_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define FDS_BYTES(n)	(FDS_LONGS(n) * sizeof(unsigned long))

/* The three sets the caller passed in and the three this call returns. */
struct fd_set_bits {
	unsigned long *in, *out, *ex;
	unsigned long *res_in, *res_out, *res_ex;
};

static bool fds_test(const unsigned long *set, unsigned int fd)
{
	return set[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

static void fds_set(unsigned long *set, unsigned int fd)
{
	set[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
}

/* -EBADF if a bit names a descriptor that is not open, as Linux's max_select_fd(). */
static int select_check_fds(struct fd_set_bits *fds, unsigned int n)
{
	unsigned int fd;

	for (fd = 0; fd < n; fd++) {
		struct file *f;

		if (!fds_test(fds->in, fd) && !fds_test(fds->out, fd) && !fds_test(fds->ex, fd))
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		fput(f);
	}
	return 0;
}

/* One round over the sets: the number of bits set in the results. */
static int select_round(struct fd_set_bits *fds, unsigned int n, poll_table *pt)
{
	unsigned int fd;
	int count = 0;

	for (fd = 0; fd < n; fd++) {
		bool in = fds_test(fds->in, fd), out = fds_test(fds->out, fd);
		bool ex = fds_test(fds->ex, fd);
		struct file *f;
		__poll_t mask;

		if (!in && !out && !ex)
			continue;
		f = fget(fd);
		if (!f)
			continue;	/* closed since the check: Linux skips it too */
		mask = vfs_poll(f, pt);
		fput(f);
		if (in && (mask & POLLIN_SET)) {
			fds_set(fds->res_in, fd);
			count++;
		}
		if (out && (mask & POLLOUT_SET)) {
			fds_set(fds->res_out, fd);
			count++;
		}
		if (ex && (mask & POLLEX_SET)) {
			fds_set(fds->res_ex, fd);
			count++;
		}
		if (count)
			pt->_qproc = NULL;	/* the answer is "now": stop queueing */
	}
	return count;
}

static int do_select(struct fd_set_bits *fds, unsigned int n, long *timeout)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	int ret;

	ret = select_check_fds(fds, n);
	if (ret)
		return ret;
	poll_initwait(&table);
	if (!*timeout)
		pt->_qproc = NULL;
	for (;;) {
		ret = select_round(fds, n, pt);
		pt->_qproc = NULL;
		if (ret || !*timeout)
			break;
		ret = table.error;
		if (ret)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTNOHAND;
			break;
		}
		if (!poll_schedule_timeout(&table, timeout)) {
			ret = 0;
			break;
		}
	}
	poll_freewait(&table);
	return ret;
}

static int get_fd_set(unsigned int n, const unsigned long __user *ufdset, unsigned long *fdset)
{
	if (!ufdset) {
		memset(fdset, 0, FDS_BYTES(n));
		return 0;
	}
	return copy_from_user(fdset, ufdset, FDS_BYTES(n)) ? -EFAULT : 0;
}

static int set_fd_set(unsigned int n, unsigned long __user *ufdset, const unsigned long *fdset)
{
	if (!ufdset)
		return 0;
	return copy_to_user(ufdset, fdset, FDS_BYTES(n)) ? -EFAULT : 0;
}

static unsigned int current_max_fds(void)
{
	struct files_struct *files = current->files;
	unsigned int max;

	spin_lock(&files->file_lock);
	max = files->fdt.max_fds;
	spin_unlock(&files->file_lock);
	return max;
}

static int core_sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
			   unsigned long __user *exp, long *timeout)
{
	struct fd_set_bits fds;
	unsigned long *bits;
	size_t size;
	int ret;

	if (n < 0)
		return -EINVAL;
	if ((unsigned int)n > current_max_fds())
		n = current_max_fds();
	size = FDS_LONGS(n);
	bits = kzalloc(6 * size * sizeof(unsigned long) + 1, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	fds.in = bits;
	fds.out = bits + size;
	fds.ex = bits + 2 * size;
	fds.res_in = bits + 3 * size;
	fds.res_out = bits + 4 * size;
	fds.res_ex = bits + 5 * size;
	ret = get_fd_set(n, inp, fds.in) ?: get_fd_set(n, outp, fds.out) ?:
	      get_fd_set(n, exp, fds.ex);
	if (ret)
		goto out;
	ret = do_select(&fds, n, timeout);
	if (ret < 0)
		goto out;
	if (set_fd_set(n, inp, fds.res_in) || set_fd_set(n, outp, fds.res_out) ||
	    set_fd_set(n, exp, fds.res_ex))
		ret = -EFAULT;
out:
	kfree(bits);
	return ret;
}

SYSCALL_DEFINE5(select, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct __kernel_old_timeval __user *, tvp)
{
	struct __kernel_old_timeval tv;
	ktime_t end = KTIME_MAX;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	int ret;

	if (tvp) {
		s64 sec, nsec, ns;

		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		/* Linux folds whole seconds of tv_usec into tv_sec before checking. */
		sec = tv.tv_sec + tv.tv_usec / USEC_PER_SEC;
		nsec = (tv.tv_usec % USEC_PER_SEC) * NSEC_PER_USEC;
		if (sec < 0 || nsec < 0)
			return -EINVAL;
		ns = sec >= INT64_MAX / NSEC_PER_SEC ? INT64_MAX : sec * NSEC_PER_SEC + nsec;
		if (ns > 0)	/* Linux writes nothing back for a zero timeout */
			end = poll_end_time(ns);
		timeout = ns_to_timeout(ns);
	}
	ret = core_sys_select(n, inp, outp, exp, &timeout);
	if (tvp && end != KTIME_MAX) {
		s64 left = poll_time_left(end, timeout);

		tv.tv_sec = left / NSEC_PER_SEC;
		tv.tv_usec = (left % NSEC_PER_SEC) / NSEC_PER_USEC;
		copy_to_user(tvp, &tv, sizeof(tv));	/* a fault here is ignored, as Linux */
	}
	return ret;
}

/* pselect6's sixth argument: where the mask is and how big. */
struct sigset_argpack {
	const u64 __user *p;
	size_t size;
};

SYSCALL_DEFINE6(pselect6, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct __kernel_timespec __user *, tsp,
		const struct sigset_argpack __user *, sig)
{
	struct sigset_argpack pack = { NULL, 0 };
	ktime_t end = KTIME_MAX;
	long timeout;
	s64 ns;
	int ret;

	ret = get_timespec_timeout(tsp, &ns);
	if (ret)
		return ret;
	if (ns > 0)	/* Linux writes nothing back for a zero timeout */
		end = poll_end_time(ns);
	timeout = ns_to_timeout(ns);
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	ret = set_user_sigmask(pack.p, pack.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, &timeout);
	poll_select_finish(tsp, end, timeout, ret);
	return ret;
}
