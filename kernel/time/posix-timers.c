// SPDX-License-Identifier: MIT
/*
 * POSIX interval timers: timer_create(), timer_settime(), timer_gettime(),
 * timer_getoverrun() and timer_delete() on CLOCK_REALTIME, CLOCK_MONOTONIC
 * and CLOCK_BOOTTIME (one clock here, as for timerfd), each an hrtimer
 * owned by its process. An expiry queues the timer's signal (SI_TIMER,
 * si_timerid, si_overrun, si_value) to the process (SIGEV_SIGNAL) or to
 * one of its threads (SIGEV_THREAD_ID), or nothing (SIGEV_NONE).
 *
 * As in Linux a periodic timer is not re-armed by its own expiry but when
 * its signal is dequeued (posixtimer_rearm()): the periods that passed
 * meanwhile are the overrun the siginfo and timer_getoverrun() report, so
 * a 1 us period costs one interrupt per delivered signal, not a storm.
 * The CPU-time clocks are -EINVAL: reflex has no CPU timers besides
 * RLIMIT_CPU (posix-cpu-timers.c). A timer's queued signal stays queued
 * when the timer is deleted.
 *
 * Locking: the process's timers_mutex orders the system calls (a timer
 * is freed only under it); timers_lock (IRQ-safe) guards the fields the
 * expiry and the rearm share. The expiry sends its signal after dropping
 * timers_lock, and the rearm runs under siglock, so siglock is only ever
 * taken before timers_lock.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/posix-timers.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/time64.h>
#include <linux/uaccess.h>

#define CLOCK_REALTIME		0
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

#define SIGEV_SIGNAL		0
#define SIGEV_NONE		1
#define SIGEV_THREAD		2
#define SIGEV_THREAD_ID		4

#define DELAYTIMER_MAX		0x7fffffff	/* the most an overrun counts */

extern s64 boot_realtime_sec;	/* kernel/time: the wall clock at boot */

/* Linux's struct sigevent as x86-64 user space lays it out (64 bytes). */
struct user_sigevent {
	u64 sigev_value;
	int sigev_signo;
	int sigev_notify;
	int sigev_tid;
	int __pad[11];
};

struct k_itimer {
	struct list_head list;		/* signal->posix_timers */
	struct hrtimer timer;
	struct signal_struct *signal;
	int id;
	int clockid;
	int notify, signo;
	u64 sigval;
	/*
	 * SIGEV_THREAD_ID's thread, held by a reference until the timer goes
	 * or the thread exits (then NULL), else the process's leader, whose
	 * task_struct lasts as long as the process and its timers do.
	 */
	struct task_struct *target;
	bool thread;			/* SIGEV_THREAD_ID */
	ktime_t interval;		/* 0: one-shot */
	bool armed;
	bool sig_queued;		/* sent; awaiting its dequeue to re-arm */
	int overrun;			/* periods missed since the last signal */
	int overrun_last;		/* what the last signal reported */
};

static int sat_add(int a, u64 b)
{
	return b >= (u64)(DELAYTIMER_MAX - a) ? DELAYTIMER_MAX : a + (int)b;
}

static enum hrtimer_restart posix_timer_fn(struct hrtimer *t)
{
	struct k_itimer *timr = container_of(t, struct k_itimer, timer);
	struct signal_struct *sig = timr->signal;
	struct task_struct *target = NULL;
	siginfo_t info = {};
	unsigned long flags;

	spin_lock_irqsave(&sig->timers_lock, flags);
	if (!timr->interval)
		timr->armed = false;
	if (timr->notify != SIGEV_NONE && !timr->sig_queued) {
		/* The overrun is counted, and reported, when the signal is taken. */
		timr->sig_queued = !!timr->interval;
		info.si_signo = timr->signo;
		info.si_code = SI_TIMER;
		info.timer.tid = timr->id;
		info.timer.sigval = timr->sigval;
		target = timr->target;
		if (!target)
			timr->sig_queued = false;	/* its thread is gone: nothing to wait for */
	}
	spin_unlock_irqrestore(&sig->timers_lock, flags);
	if (target)
		do_send_sig_info(info.si_signo, &info, target, !timr->thread);
	if (timr->notify == SIGEV_NONE && timr->interval) {
		hrtimer_forward_now(t, timr->interval);
		return HRTIMER_RESTART;
	}
	return HRTIMER_NORESTART;
}

/**
 * posixtimer_rearm - a periodic timer's signal was dequeued: arm it again
 * @info: the dequeued siginfo (SI_TIMER); its overrun is brought up to date
 *
 * Under current's siglock.
 */
void posixtimer_rearm(siginfo_t *info)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *timr;
	unsigned long flags;

	spin_lock_irqsave(&sig->timers_lock, flags);
	list_for_each_entry(timr, &sig->posix_timers, list) {
		if (timr->id != info->timer.tid)
			continue;
		if (timr->sig_queued && timr->armed && timr->interval) {
			u64 missed = hrtimer_forward_now(&timr->timer, timr->interval);

			/* The period whose signal this is does not count. */
			timr->overrun = sat_add(timr->overrun, missed ? missed - 1 : 0);
			timr->overrun_last = timr->overrun;
			timr->overrun = 0;
			info->timer.overrun = timr->overrun_last;
			hrtimer_start(&timr->timer, timr->timer.expires, HRTIMER_MODE_ABS);
		}
		timr->sig_queued = false;
		break;
	}
	spin_unlock_irqrestore(&sig->timers_lock, flags);
}

static bool clock_supported(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_MONOTONIC ||
	       clockid == CLOCK_BOOTTIME;
}

/* The timer @id of current's process, or NULL. Under timers_mutex. */
static struct k_itimer *lock_timer(int id)
{
	struct k_itimer *timr;

	list_for_each_entry(timr, &current->signal->posix_timers, list)
		if (timr->id == id)
			return timr;
	return NULL;
}

SYSCALL_DEFINE3(timer_create, int, clockid, struct user_sigevent __user *, sevp,
		int __user *, created_timer_id)
{
	struct signal_struct *sig = current->signal;
	struct user_sigevent ev = { .sigev_signo = SIGALRM, .sigev_notify = SIGEV_SIGNAL };
	struct task_struct *target = NULL;
	struct k_itimer *timr;
	int id;

	if (!clock_supported(clockid))
		return -EINVAL;
	if (sevp && copy_from_user(&ev, sevp, sizeof(ev)))
		return -EFAULT;
	switch (ev.sigev_notify) {
	case SIGEV_NONE:
		break;
	case SIGEV_THREAD_ID:
		target = find_task_by_pid(ev.sigev_tid);
		if (!target || target->signal != sig)
			return -EINVAL;
		__attribute__((fallthrough));
	case SIGEV_SIGNAL:
		if (ev.sigev_signo < 1 || ev.sigev_signo > _NSIG)
			return -EINVAL;
		break;
	default:	/* SIGEV_THREAD is the C library's, made of SIGEV_THREAD_ID */
		return -EINVAL;
	}
	timr = kzalloc(sizeof(*timr), GFP_KERNEL);
	if (!timr)
		return -ENOMEM;
	hrtimer_init(&timr->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	timr->timer.function = posix_timer_fn;
	timr->signal = sig;
	timr->clockid = clockid;
	timr->notify = ev.sigev_notify;
	timr->signo = ev.sigev_signo;
	timr->thread = !!target;
	timr->target = target ?: current->group_leader;
	if (target)
		get_task_struct(target);
	mutex_lock(&sig->timers_mutex);
	id = sig->next_posix_timer_id;
	if (id < 0) {	/* every id used once: Linux's -EAGAIN */
		mutex_unlock(&sig->timers_mutex);
		kfree(timr);
		return -EAGAIN;
	}
	timr->id = id;
	/* Without a sigevent the value is the timer's id, as Linux. */
	timr->sigval = sevp ? ev.sigev_value : (u64)id;
	if (put_user(id, created_timer_id)) {
		mutex_unlock(&sig->timers_mutex);
		kfree(timr);
		return -EFAULT;
	}
	sig->next_posix_timer_id = id == 0x7fffffff ? -1 : id + 1;
	spin_lock_irq(&sig->timers_lock);
	list_add_tail(&timr->list, &sig->posix_timers);
	spin_unlock_irq(&sig->timers_lock);
	mutex_unlock(&sig->timers_mutex);
	return 0;
}

/* Time left and the period. Under timers_mutex. */
static void timer_get(struct k_itimer *timr, struct __kernel_itimerspec *cur)
{
	ktime_t left = 0;

	spin_lock_irq(&timr->signal->timers_lock);
	if (timr->armed) {
		left = timr->timer.expires - ktime_get();
		/* A periodic timer whose signal waits: its next period, as Linux. */
		if (left <= 0 && timr->interval)
			left = timr->interval - (-left % timr->interval);
		/* Expired, not yet re-armed: 1 ns, never a disarmed-looking 0. */
		if (left <= 0)
			left = timr->interval ? 1 : 0;
	}
	cur->it_value = ns_to_timespec64(left);
	cur->it_interval = ns_to_timespec64(timr->interval);
	spin_unlock_irq(&timr->signal->timers_lock);
}

SYSCALL_DEFINE4(timer_settime, int, timer_id, int, flags,
		const struct __kernel_itimerspec __user *, new_setting,
		struct __kernel_itimerspec __user *, old_setting)
{
	struct signal_struct *sig = current->signal;
	struct __kernel_itimerspec new, old;
	struct k_itimer *timr;
	ktime_t value;

	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(&new, new_setting, sizeof(new)))
		return -EFAULT;
	if (!timespec64_valid(&new.it_value) || !timespec64_valid(&new.it_interval))
		return -EINVAL;
	mutex_lock(&sig->timers_mutex);
	timr = lock_timer(timer_id);
	if (!timr) {
		mutex_unlock(&sig->timers_mutex);
		return -EINVAL;
	}
	timer_get(timr, &old);
	hrtimer_cancel(&timr->timer);
	value = timespec64_to_ns(&new.it_value);
	spin_lock_irq(&sig->timers_lock);
	timr->interval = value ? timespec64_to_ns(&new.it_interval) : 0;
	timr->armed = !!value;
	timr->overrun = 0;
	timr->sig_queued = false;
	spin_unlock_irq(&sig->timers_lock);
	if (value) {
		if (!(flags & TIMER_ABSTIME))
			value = value > KTIME_MAX - ktime_get() ? KTIME_MAX : ktime_get() + value;
		else if (timr->clockid == CLOCK_REALTIME)
			value -= boot_realtime_sec * NSEC_PER_SEC;
		hrtimer_start(&timr->timer, value, HRTIMER_MODE_ABS);
	}
	mutex_unlock(&sig->timers_mutex);
	if (old_setting && copy_to_user(old_setting, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timer_gettime, int, timer_id, struct __kernel_itimerspec __user *, setting)
{
	struct signal_struct *sig = current->signal;
	struct __kernel_itimerspec cur;
	struct k_itimer *timr;

	mutex_lock(&sig->timers_mutex);
	timr = lock_timer(timer_id);
	if (timr)
		timer_get(timr, &cur);
	mutex_unlock(&sig->timers_mutex);
	if (!timr)
		return -EINVAL;
	if (copy_to_user(setting, &cur, sizeof(cur)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(timer_getoverrun, int, timer_id)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *timr;
	int overrun = -EINVAL;

	mutex_lock(&sig->timers_mutex);
	timr = lock_timer(timer_id);
	if (timr)
		overrun = READ_ONCE(timr->overrun_last);
	mutex_unlock(&sig->timers_mutex);
	return overrun;
}

static void timer_free(struct signal_struct *sig, struct k_itimer *timr)
{
	struct task_struct *thread;

	spin_lock_irq(&sig->timers_lock);
	list_del(&timr->list);
	thread = timr->thread ? timr->target : NULL;
	spin_unlock_irq(&sig->timers_lock);
	hrtimer_cancel(&timr->timer);
	if (thread)
		put_task_struct(thread);
	kfree(timr);
}

SYSCALL_DEFINE1(timer_delete, int, timer_id)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *timr;

	mutex_lock(&sig->timers_mutex);
	timr = lock_timer(timer_id);
	if (timr)
		timer_free(sig, timr);
	mutex_unlock(&sig->timers_mutex);
	return timr ? 0 : -EINVAL;
}

/**
 * exit_itimers_thread - a thread exits: timers aimed at it signal no one
 * @tsk: the exiting thread
 */
void exit_itimers_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct k_itimer *timr;
	int refs = 0;

	spin_lock_irq(&sig->timers_lock);
	list_for_each_entry(timr, &sig->posix_timers, list)
		if (timr->thread && timr->target == tsk) {
			timr->target = NULL;
			refs++;
		}
	spin_unlock_irq(&sig->timers_lock);
	/* tsk is current, exiting: none of these is its last reference. */
	while (refs--)
		put_task_struct(tsk);
}

/**
 * exit_itimers - delete every POSIX timer of a process
 * @sig: the process, whose last thread is exiting or which execs
 */
void exit_itimers(struct signal_struct *sig)
{
	struct k_itimer *timr, *next;

	mutex_lock(&sig->timers_mutex);
	list_for_each_entry_safe(timr, next, &sig->posix_timers, list)
		timer_free(sig, timr);
	mutex_unlock(&sig->timers_mutex);
}
