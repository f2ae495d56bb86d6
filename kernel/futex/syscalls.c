// SPDX-License-Identifier: MIT
/*
 * futex(2), set_robust_list(2) and get_robust_list(2): argument
 * decoding and dispatch. The timeout argument is a relative time for
 * FUTEX_WAIT and an absolute one for the others, which read it; for the
 * requeue and wake-op operations the same argument slot carries a count
 * (val2). FUTEX_FD, which Linux removed, is -ENOSYS.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "futex.h"

extern s64 boot_realtime_sec;

struct __kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

/*
 * CLOCK_REALTIME is CLOCK_MONOTONIC plus the wall-clock time at boot; a
 * deadline before the boot is simply past (hrtimers take no negative time).
 */
static ktime_t futex_realtime_to_monotonic(ktime_t t)
{
	t -= boot_realtime_sec * NSEC_PER_SEC;
	return t < 0 ? 0 : t;
}

long do_futex(u32 __user *uaddr, int op, u32 val, ktime_t *timeout,
	      u32 __user *uaddr2, u32 val2, u32 val3)
{
	unsigned int flags = op & FUTEX_PRIVATE_FLAG ? 0 : FLAGS_SHARED;
	int cmd = op & FUTEX_CMD_MASK;

	if (op & FUTEX_CLOCK_REALTIME) {
		if (cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
		    cmd != FUTEX_LOCK_PI2)
			return -ENOSYS;
		flags |= FLAGS_CLOCKRT;
	}
	if (cmd == FUTEX_LOCK_PI)
		flags |= FLAGS_CLOCKRT;
	if (timeout && (flags & FLAGS_CLOCKRT))
		*timeout = futex_realtime_to_monotonic(*timeout);

	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, flags, val, timeout, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, timeout, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, flags, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, flags, uaddr2, val, val2, val3);
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		return futex_lock_pi(uaddr, flags, timeout, 0);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr, flags);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, flags, NULL, 1);
	case FUTEX_WAIT_REQUEUE_PI:
		return futex_wait_requeue_pi(uaddr, flags, val, timeout, uaddr2);
	case FUTEX_CMP_REQUEUE_PI:
		return futex_cmp_requeue_pi(uaddr, flags, uaddr2, val, val2, val3);
	}
	return -ENOSYS;
}

static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
	       cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* The timeout as an absolute time: FUTEX_WAIT's is relative to now (CLOCK_MONOTONIC). */
static int futex_init_timeout(int cmd, const struct __kernel_timespec __user *utime, ktime_t *t)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	/* Beyond ~285 years: saturate rather than overflow, as ktime_add_safe(). */
	*t = ts.tv_sec > 9000000000LL ? (ktime_t)1 << 62 : ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (cmd == FUTEX_WAIT)
		*t += ktime_get();
	return 0;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	ktime_t t, *tp = NULL;
	long ret;

	if (utime && futex_cmd_has_timeout(cmd)) {
		ret = futex_init_timeout(cmd, utime, &t);
		if (ret)
			return ret;
		tp = &t;
	}
	return do_futex(uaddr, op, val, tp, uaddr2, (unsigned long)utime, val3);
}

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* Every caller is root here, so any task's list may be read (Linux checks ptrace access). */
SYSCALL_DEFINE3(get_robust_list, int, pid, struct robust_list_head __user *__user *, head_ptr,
		size_t __user *, len_ptr)
{
	struct robust_list_head __user *head;
	struct task_struct *p;

	if (pid < 0)
		return -ESRCH;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	head = p->robust_list;
	put_task_struct(p);
	if (put_user(sizeof(*head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}
