/* SPDX-License-Identifier: MIT */
/*
 * What the futex tests share: futex(2) raw, Linux's constants, tasks
 * that share the caller's memory (raw clone(CLONE_VM | SIGCHLD): separate
 * processes, no libc thread underneath), and waiting for a task to be
 * asleep on a word without sleeping for a while to guess it.
 */
#ifndef REFLEX_FUTEX_UTIL_H
#define REFLEX_FUTEX_UTIL_H

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include "sys.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256

#define FUTEX_WAITERS		0x80000000u
#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu

#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

#ifndef CLONE_VM
#define CLONE_VM		0x00000100
#endif

#define CHILD_STACK_SIZE	(16 * 1024)
#define SPIN_LIMIT		20000000L	/* yields before a wait is called hung */

typedef volatile uint32_t futex_t;

static inline long futex(futex_t *uaddr, int op, uint32_t val, const void *timeout_or_val2,
			 futex_t *uaddr2, uint32_t val3)
{
	return sys6(SYS_futex, (long)uaddr, op, val, (long)timeout_or_val2, (long)uaddr2, val3);
}

static inline long gettid_raw(void)
{
	return sys0(SYS_gettid);
}

static inline struct timespec clock_now(clockid_t clk)
{
	struct timespec ts;

	sys2(SYS_clock_gettime, clk, &ts);
	return ts;
}

static inline struct timespec ts_add_ns(struct timespec ts, long ns)
{
	ts.tv_nsec += ns;
	while (ts.tv_nsec >= 1000000000L) {
		ts.tv_nsec -= 1000000000L;
		ts.tv_sec++;
	}
	return ts;
}

static inline int ts_before(struct timespec a, struct timespec b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/*
 * clone(CLONE_VM | SIGCHLD) onto the top of @stack; the child calls fn()
 * and exits with its value, never touching libc state meant for the
 * parent. Returns the child's pid or -errno.
 */
static inline long clone_vm(int (*fn)(void), void *stack, unsigned long flags)
{
	return clone_vm_top(fn, (char *)stack + CHILD_STACK_SIZE, flags);
}

/* The child's exit status, or -1 if it did not exit normally. */
static inline int reap(long pid)
{
	int status = 0;

	if (pid <= 0 || sys4(SYS_wait4, pid, &status, 0, 0) != pid)
		return -1;
	return (status & 0x7f) ? -1 : (status >> 8) & 0xff;
}

/*
 * How many tasks sleep on @f: FUTEX_CMP_REQUEUE of none woken and all
 * requeued onto the word itself counts them and changes nothing else
 * (a documented use of the count it returns).
 */
static inline long futex_waiters(futex_t *f, int private_flag)
{
	return futex(f, FUTEX_CMP_REQUEUE | private_flag, 0, (void *)(long)INT_MAX, f, *f);
}

/* Until @n tasks sleep on @f: 0, or -1 after SPIN_LIMIT looks. */
static inline int wait_for_waiters(futex_t *f, int private_flag, long n)
{
	long i;

	for (i = 0; i < SPIN_LIMIT; i++) {
		if (futex_waiters(f, private_flag) >= n)
			return 0;
		sys0(SYS_sched_yield);
	}
	return -1;
}

/*
 * Whether a FUTEX_LOCK_PI waiter is queued on @f: a plain requeue that
 * meets one fails with -EINVAL (after comparing the value, so it is
 * passed the current one) and moves nobody else.
 */
static inline int pi_waiter_queued(futex_t *f, int private_flag)
{
	return futex(f, FUTEX_CMP_REQUEUE | private_flag, 0, (void *)1L, f, *f) == -EINVAL;
}

/* Until *@flag is set by another task: 0, or -1 after SPIN_LIMIT looks. */
static inline int wait_for_flag(volatile int *flag)
{
	long i;

	for (i = 0; i < SPIN_LIMIT; i++) {
		if (*flag)
			return 0;
		sys0(SYS_sched_yield);
	}
	return -1;
}

#endif
