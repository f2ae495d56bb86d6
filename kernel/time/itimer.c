// SPDX-License-Identifier: MIT
/*
 * alarm(), setitimer() and getitimer(): ITIMER_REAL, one hrtimer per
 * process (signal->real_timer) that sends it SIGALRM. As in Linux a
 * periodic one is not re-armed by its expiry but when its SIGALRM is
 * dequeued (it_real_rearm(), from dequeue_signal()), so an interval
 * shorter than the delivery costs no storm; the timer survives exec and
 * ends with the process. ITIMER_VIRTUAL and ITIMER_PROF count CPU time,
 * which reflex has no timers on (posix-cpu-timers.c): -EINVAL.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/time64.h>
#include <linux/uaccess.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct user_itimerval {
	struct __kernel_old_timeval it_interval;
	struct __kernel_old_timeval it_value;
};

static enum hrtimer_restart it_real_fn(struct hrtimer *timer)
{
	struct signal_struct *sig = container_of(timer, struct signal_struct, real_timer);
	struct task_struct *leader = READ_ONCE(sig->real_timer_target);
	siginfo_t info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };

	if (leader)
		do_send_sig_info(SIGALRM, &info, leader, true);
	return HRTIMER_NORESTART;
}

void itimer_init(struct signal_struct *sig)
{
	hrtimer_init(&sig->real_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	sig->real_timer.function = it_real_fn;
}

/**
 * it_real_rearm - current took a SIGALRM: a periodic ITIMER_REAL runs again
 *
 * Under current's siglock.
 */
void it_real_rearm(void)
{
	struct signal_struct *sig = current->signal;

	/*
	 * Not queued: its callback may still be returning on another CPU,
	 * which leaves a timer started meanwhile queued (as Linux's).
	 */
	if (sig->it_real_incr && !hrtimer_is_queued(&sig->real_timer)) {
		hrtimer_forward_now(&sig->real_timer, sig->it_real_incr);
		hrtimer_start(&sig->real_timer, sig->real_timer.expires, HRTIMER_MODE_ABS);
	}
}

/* The process ends (or a thread other than the leader execs): whom SIGALRM goes to. */
void itimer_set_target(struct signal_struct *sig, struct task_struct *leader)
{
	WRITE_ONCE(sig->real_timer_target, leader);
	if (!leader) {
		hrtimer_cancel(&sig->real_timer);
		sig->it_real_incr = 0;
	}
}

static struct __kernel_old_timeval ns_to_old_timeval(s64 ns)
{
	return (struct __kernel_old_timeval){ .tv_sec = ns / NSEC_PER_SEC,
					      .tv_usec = (ns % NSEC_PER_SEC) / 1000 };
}

/* Time left (a running timer never shows 0) and the period. Under siglock. */
static void get_real(struct signal_struct *sig, struct user_itimerval *v)
{
	s64 left = 0;

	if (hrtimer_active(&sig->real_timer)) {
		left = sig->real_timer.expires - ktime_get();
		if (left <= 0)
			left = NSEC_PER_USEC;	/* due now: as Linux, 1 us, not "disarmed" */
	}
	v->it_value = ns_to_old_timeval(left);
	v->it_interval = ns_to_old_timeval(sig->it_real_incr);
}

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static s64 timeval_to_ns(const struct __kernel_old_timeval *tv)
{
	if (tv->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		return KTIME_MAX;
	return tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * NSEC_PER_USEC;
}

static int do_setitimer(int which, const struct user_itimerval *new, struct user_itimerval *old)
{
	struct signal_struct *sig = current->signal;
	s64 value;

	if (which != ITIMER_REAL)
		return -EINVAL;	/* ITIMER_VIRTUAL and ITIMER_PROF too: no CPU timers */
	if (!timeval_valid(&new->it_value) || !timeval_valid(&new->it_interval))
		return -EINVAL;
	/* The expiry sends to the leader; siglock orders setters against the rearm. */
	for (;;) {
		spin_lock_irq(&current->sighand->siglock);
		if (old)
			get_real(sig, old);
		if (hrtimer_try_to_cancel(&sig->real_timer) >= 0)
			break;
		spin_unlock_irq(&current->sighand->siglock);
		cpu_relax();	/* the callback is running: let it finish */
	}
	WRITE_ONCE(sig->real_timer_target, current->group_leader);
	value = timeval_to_ns(&new->it_value);
	sig->it_real_incr = value ? timeval_to_ns(&new->it_interval) : 0;
	if (value)
		hrtimer_start(&sig->real_timer,
			      value > KTIME_MAX - ktime_get() ? KTIME_MAX : ktime_get() + value,
			      HRTIMER_MODE_ABS);
	spin_unlock_irq(&current->sighand->siglock);
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct user_itimerval __user *, value)
{
	struct user_itimerval v;

	if (which != ITIMER_REAL)
		return -EINVAL;
	spin_lock_irq(&current->sighand->siglock);
	get_real(current->signal, &v);
	spin_unlock_irq(&current->sighand->siglock);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, struct user_itimerval __user *, value,
		struct user_itimerval __user *, ovalue)
{
	struct user_itimerval new = {}, old;
	int err;

	/* A NULL value disarms, as Linux still allows. */
	if (value && copy_from_user(&new, value, sizeof(new)))
		return -EFAULT;
	err = do_setitimer(which, &new, ovalue ? &old : NULL);
	if (err)
		return err;
	return ovalue && copy_to_user(ovalue, &old, sizeof(old)) ? -EFAULT : 0;
}

/* Seconds left of the previous alarm, rounded to the nearest, never 0 if one ran. */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct user_itimerval new = { .it_value = { .tv_sec = seconds } }, old;
	unsigned int left;

	do_setitimer(ITIMER_REAL, &new, &old);
	left = old.it_value.tv_sec;
	if ((!left && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		left++;
	return left;
}
