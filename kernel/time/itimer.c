// SPDX-License-Identifier: MIT
/*
 * ITIMER_REAL: alarm(2), setitimer(2) and getitimer(2). Each process has
 * one real-time interval timer, an hrtimer in its signal_struct that
 * sends SIGALRM (SI_KERNEL) to the process when it runs out and, with an
 * interval, runs again that much later. A new process starts without
 * one (fork clears it), exec keeps it, the last thread's exit stops it.
 * The state is under the process's siglock, as Linux's; the callback
 * does not take that lock itself but sends under it, so a setter finding
 * the callback running drops the lock and waits for it.
 *
 * reflex has no ITIMER_VIRTUAL or ITIMER_PROF (no per-process CPU-time
 * timers): they are -EINVAL, as an unknown timer is on Linux.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/posix-timers.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/time64.h>
#include <linux/uaccess.h>

#define ITIMER_REAL	0
#define USEC_PER_SEC	1000000L

struct itimerval_k {
	struct __kernel_old_timeval it_interval;
	struct __kernel_old_timeval it_value;
};

/* The first thread of the process gets it as a process-directed signal. */
static enum hrtimer_restart it_real_fn(struct hrtimer *timer)
{
	struct signal_struct *sig = container_of(timer, struct signal_struct, real_timer);
	siginfo_t info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };
	struct task_struct *p;
	unsigned long flags;
	ktime_t incr;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (!list_empty(&sig->thread_head)) {
		p = list_first_entry(&sig->thread_head, struct task_struct, thread_node);
		send_sig_info(SIGALRM, &info, p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	incr = READ_ONCE(sig->it_real_incr);
	if (!incr)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(timer, incr);
	return HRTIMER_RESTART;
}

/* A new process's timer: not armed. */
void itimer_init(struct signal_struct *sig)
{
	hrtimer_init(&sig->real_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	sig->real_timer.function = it_real_fn;
	sig->it_real_incr = 0;
}

/* The process is gone (its last thread exits): no SIGALRM may follow. */
void exit_itimers(struct signal_struct *sig)
{
	hrtimer_cancel(&sig->real_timer);
}

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static ktime_t timeval_to_ktime(const struct __kernel_old_timeval *tv)
{
	if (tv->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		return KTIME_MAX;
	return tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * NSEC_PER_USEC;
}

/* Rounded up to the microsecond, so that a time left is never shown as 0. */
static struct __kernel_old_timeval ktime_to_timeval(ktime_t t)
{
	s64 us = (t + NSEC_PER_USEC - 1) / NSEC_PER_USEC;

	return (struct __kernel_old_timeval){ us / USEC_PER_SEC, us % USEC_PER_SEC };
}

/* What is left; a timer expiring this instant still shows 1 µs, as Linux's. */
static void get_real(struct signal_struct *sig, struct itimerval_k *v)
{
	struct hrtimer *timer = &sig->real_timer;
	ktime_t rem = 0;

	if (hrtimer_active(timer)) {
		rem = READ_ONCE(timer->expires) - ktime_get();
		if (rem <= 0)
			rem = NSEC_PER_USEC;
	}
	v->it_value = ktime_to_timeval(rem);
	v->it_interval = ktime_to_timeval(sig->it_real_incr);
}

static int do_getitimer(int which, struct itimerval_k *v)
{
	struct sighand_struct *sighand = current->sighand;

	if (which != ITIMER_REAL)
		return -EINVAL;
	spin_lock_irq(&sighand->siglock);
	get_real(current->signal, v);
	spin_unlock_irq(&sighand->siglock);
	return 0;
}

static int do_setitimer(int which, const struct itimerval_k *v, struct itimerval_k *old)
{
	struct sighand_struct *sighand = current->sighand;
	struct signal_struct *sig = current->signal;
	ktime_t expires;

	if (which != ITIMER_REAL)
		return -EINVAL;
again:
	spin_lock_irq(&sighand->siglock);
	if (old)
		get_real(sig, old);
	/* The callback may be sending under this lock's twin: let it finish. */
	if (hrtimer_try_to_cancel(&sig->real_timer) < 0) {
		spin_unlock_irq(&sighand->siglock);
		cpu_relax();
		goto again;
	}
	expires = timeval_to_ktime(&v->it_value);
	if (expires) {
		WRITE_ONCE(sig->it_real_incr, timeval_to_ktime(&v->it_interval));
		hrtimer_start(&sig->real_timer, expires, HRTIMER_MODE_REL);
	} else {
		WRITE_ONCE(sig->it_real_incr, 0);
	}
	spin_unlock_irq(&sighand->siglock);
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval_k __user *, value)
{
	struct itimerval_k v;
	int err = do_getitimer(which, &v);

	if (err)
		return err;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* A NULL new value disarms, as Linux still allows. */
SYSCALL_DEFINE3(setitimer, int, which, struct itimerval_k __user *, value,
		struct itimerval_k __user *, ovalue)
{
	struct itimerval_k v = {}, old;
	int err;

	if (value) {
		if (copy_from_user(&v, value, sizeof(v)))
			return -EFAULT;
		if (!timeval_valid(&v.it_value) || !timeval_valid(&v.it_interval))
			return -EINVAL;
	}
	err = do_setitimer(which, &v, ovalue ? &old : NULL);
	if (err || !ovalue)
		return err;
	return copy_to_user(ovalue, &old, sizeof(old)) ? -EFAULT : 0;
}

/*
 * The seconds the previous alarm had left, rounded to the nearest and
 * never 0 while one was pending (Linux's alarm_setitimer()).
 */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval_k v = { .it_value.tv_sec = seconds }, old;

	do_setitimer(ITIMER_REAL, &v, &old);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
