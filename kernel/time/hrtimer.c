// SPDX-License-Identifier: MIT
/*
 * hrtimers in high-resolution mode. Queued timers are kept sorted by
 * expiry; the local APIC timer runs one-shot and is always programmed
 * for the first one. hrtimer_interrupt() runs every expired timer's
 * function in hard-IRQ context (Linux's HRTIMER_MODE_HARD semantics) and
 * reprograms. The periodic tick is emulated by tick_sched_timer, so
 * jiffies, timers and the scheduler tick carry on as before.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/spinlock.h>
#include <asm/apic.h>

#define TICK_NSEC		(NSEC_PER_SEC / HZ)
#define MIN_DELTA_NS		2000	/* don't program the APIC for less */

static LIST_HEAD(hrtimer_queue);
static DEFINE_RAW_SPINLOCK(hrtimer_lock);
static bool hres_active;
static struct hrtimer tick_sched_timer;
unsigned long hrtimer_expiries;

ktime_t ktime_get(void)
{
	return local_clock();
}

bool hrtimer_hres_active(void)
{
	return hres_active;
}

void hrtimer_init(struct hrtimer *timer, int clock_id, enum hrtimer_mode mode)
{
	INIT_LIST_HEAD(&timer->node);
	timer->expires = 0;
	timer->function = NULL;
}

bool hrtimer_active(const struct hrtimer *timer)
{
	return !list_empty(&timer->node);
}

static void hrtimer_reprogram_locked(void)
{
	struct hrtimer *first;
	ktime_t delta;

	if (!hres_active || list_empty(&hrtimer_queue))
		return;
	first = list_first_entry(&hrtimer_queue, struct hrtimer, node);
	delta = first->expires - ktime_get();
	if (delta < MIN_DELTA_NS)
		delta = MIN_DELTA_NS;
	lapic_next_event_ns(delta);
}

static void enqueue_hrtimer_locked(struct hrtimer *timer)
{
	struct hrtimer *t;

	list_for_each_entry(t, &hrtimer_queue, node)
		if (timer->expires < t->expires)
			break;
	list_add_tail(&timer->node, &t->node);
}

void hrtimer_start(struct hrtimer *timer, ktime_t tim, enum hrtimer_mode mode)
{
	unsigned long flags;
	bool first;

	raw_spin_lock_irqsave(&hrtimer_lock, flags);
	if (hrtimer_active(timer))
		list_del_init(&timer->node);
	timer->expires = mode == HRTIMER_MODE_REL ? ktime_get() + tim : tim;
	enqueue_hrtimer_locked(timer);
	first = hrtimer_queue.next == &timer->node;
	if (first)
		hrtimer_reprogram_locked();
	raw_spin_unlock_irqrestore(&hrtimer_lock, flags);
}

int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	unsigned long flags;
	int was_active;

	raw_spin_lock_irqsave(&hrtimer_lock, flags);
	was_active = hrtimer_active(timer);
	if (was_active)
		list_del_init(&timer->node);
	raw_spin_unlock_irqrestore(&hrtimer_lock, flags);
	return was_active;
}

/* Callbacks run in hard-IRQ context on this one CPU, so nothing to wait for. */
int hrtimer_cancel(struct hrtimer *timer)
{
	return hrtimer_try_to_cancel(timer);
}

u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	ktime_t now = ktime_get();
	u64 overruns = 0;

	while (timer->expires <= now) {
		timer->expires += interval;
		overruns++;
	}
	return overruns;
}

/* The local APIC timer's interrupt in high-resolution mode. */
void hrtimer_interrupt(void)
{
	raw_spin_lock(&hrtimer_lock);
	while (!list_empty(&hrtimer_queue)) {
		struct hrtimer *t = list_first_entry(&hrtimer_queue, struct hrtimer, node);
		enum hrtimer_restart restart;

		if (t->expires > ktime_get())
			break;
		list_del_init(&t->node);
		hrtimer_expiries++;
		raw_spin_unlock(&hrtimer_lock);
		restart = t->function(t);
		raw_spin_lock(&hrtimer_lock);
		if (restart == HRTIMER_RESTART && !hrtimer_active(t))
			enqueue_hrtimer_locked(t);
	}
	hrtimer_reprogram_locked();
	raw_spin_unlock(&hrtimer_lock);
}

/* One interrupt may stand for several ticks if it came late: jiffies counts them all. */
static enum hrtimer_restart tick_sched_handle(struct hrtimer *timer)
{
	tick_periodic(hrtimer_forward_now(timer, TICK_NSEC));
	return HRTIMER_RESTART;
}

static enum hrtimer_restart hrtimer_wakeup(struct hrtimer *timer)
{
	struct hrtimer_sleeper *t = container_of(timer, struct hrtimer_sleeper, timer);

	wake_up_process(t->task);
	return HRTIMER_NORESTART;
}

int schedule_hrtimeout(ktime_t *expires, enum hrtimer_mode mode)
{
	struct hrtimer_sleeper t = { .task = current };

	hrtimer_init(&t.timer, CLOCK_MONOTONIC, mode);
	t.timer.function = hrtimer_wakeup;
	set_current_state(TASK_UNINTERRUPTIBLE);
	hrtimer_start(&t.timer, *expires, mode);
	if (hrtimer_active(&t.timer))
		schedule();
	__set_current_state(TASK_RUNNING);
	hrtimer_cancel(&t.timer);
	return 0;
}

/* Like schedule_hrtimeout(), but a signal (or any wake-up) ends the sleep. */
int schedule_hrtimeout_interruptible(ktime_t *expires)
{
	struct hrtimer_sleeper t = { .task = current };

	hrtimer_init(&t.timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	t.timer.function = hrtimer_wakeup;
	set_current_state(TASK_INTERRUPTIBLE);
	hrtimer_start(&t.timer, *expires, HRTIMER_MODE_ABS);
	if (hrtimer_active(&t.timer))
		schedule();
	__set_current_state(TASK_RUNNING);
	hrtimer_cancel(&t.timer);
	return 0;
}

/* Switch the local APIC timer to one-shot and emulate the tick with an hrtimer. */
void hrtimers_init(void)
{
	if (!lapic_timer_period)
		return;
	hrtimer_init(&tick_sched_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	tick_sched_timer.function = tick_sched_handle;
	lapic_timer_set_oneshot();
	lapic_event_handler = hrtimer_interrupt;
	hres_active = true;
	hrtimer_start(&tick_sched_timer, ktime_get() + TICK_NSEC, HRTIMER_MODE_ABS);
	pr_info("hrtimer: high-resolution mode on the local APIC timer (one-shot); tick emulated at HZ=%d\n", HZ);
}

/* After someone borrowed the APIC timer (the apic tests): re-arm. */
void hrtimer_resume(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&hrtimer_lock, flags);
	hrtimer_reprogram_locked();
	raw_spin_unlock_irqrestore(&hrtimer_lock, flags);
}
