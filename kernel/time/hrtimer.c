// SPDX-License-Identifier: MIT
/*
 * hrtimers, one base per CPU (hrtimer_bases): a queue sorted by expiry
 * under the base's lock. A timer is queued on the CPU that starts it,
 * unless its callback is running elsewhere right now. In high-resolution
 * mode the CPU's clock-event device is programmed one-shot for the first
 * expiry of its base (tick_program_event()) and hrtimer_interrupt() runs
 * what expired in hard-IRQ context; before the switch the periodic tick
 * runs them (hrtimer_run_queues()), and switches at its first chance.
 * The hardware is the tick code's: nothing here knows which device it is.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/tick.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/smp.h>
#include <trace/events/timer.h>

DEFINE_PER_CPU(struct hrtimer_cpu_base, hrtimer_bases);

/*
 * A timer between two bases points here: lock_hrtimer_base() waits
 * until the move is done instead of locking the base it is leaving.
 */
static struct hrtimer_cpu_base migration_cpu_base;
static struct hrtimer_clock_base migration_base = { .cpu_base = &migration_cpu_base };

static inline int __hrtimer_hres_active(struct hrtimer_cpu_base *cpu_base)
{
	return cpu_base->hres_active;
}

int hrtimer_hres_active(void)
{
	return __hrtimer_hres_active(this_cpu_ptr(&hrtimer_bases));
}

void hrtimer_init(struct hrtimer *timer, int clock_id, enum hrtimer_mode mode)
{
	INIT_LIST_HEAD(&timer->node);
	timer->expires = 0;
	timer->function = NULL;
	timer->base = &this_cpu_ptr(&hrtimer_bases)->clock_base[0];
	trace_hrtimer_init(timer, clock_id, mode);
}

bool hrtimer_is_queued(const struct hrtimer *timer)
{
	return !list_empty(&timer->node);
}

static bool hrtimer_callback_running(const struct hrtimer *timer)
{
	return READ_ONCE(timer->base->cpu_base->running) == timer;
}

/* Queued, or its callback running. */
bool hrtimer_active(const struct hrtimer *timer)
{
	return hrtimer_is_queued(timer) || hrtimer_callback_running(timer);
}

static struct hrtimer_clock_base *lock_hrtimer_base(const struct hrtimer *timer,
						    unsigned long *flags)
{
	for (;;) {
		struct hrtimer_clock_base *base = READ_ONCE(timer->base);

		if (base != &migration_base) {
			raw_spin_lock_irqsave(&base->cpu_base->lock, *flags);
			if (base == timer->base)
				return base;
			raw_spin_unlock_irqrestore(&base->cpu_base->lock, *flags);
		}
		cpu_relax();
	}
}

static void unlock_hrtimer_base(const struct hrtimer *timer, unsigned long *flags)
{
	raw_spin_unlock_irqrestore(&timer->base->cpu_base->lock, *flags);
}

static struct hrtimer *__hrtimer_first(struct hrtimer_clock_base *base)
{
	if (list_empty(&base->active))
		return NULL;
	return list_first_entry(&base->active, struct hrtimer, node);
}

/* Off its queue, base locked; also on expiry, so hrtimer_cancel precedes hrtimer_expire_entry as in Linux. */
static void __remove_hrtimer(struct hrtimer *timer)
{
	trace_hrtimer_cancel(timer);
	list_del_init(&timer->node);
}

/* Queue in expiry order; true when the timer is now the base's first. */
static bool enqueue_hrtimer(struct hrtimer *timer, struct hrtimer_clock_base *base)
{
	struct hrtimer *t;

	lockdep_assert_held(&base->cpu_base->lock);
	list_for_each_entry(t, &base->active, node)
		if (timer->expires < t->expires)
			break;
	list_add_tail(&timer->node, &t->node);
	return base->active.next == &timer->node;
}

/* Program this CPU's device for the first expiry, if it comes before what is programmed. */
static void hrtimer_reprogram(struct hrtimer *timer)
{
	struct hrtimer_cpu_base *cpu_base = this_cpu_ptr(&hrtimer_bases);

	if (!__hrtimer_hres_active(cpu_base) || cpu_base->in_hrtirq)
		return;		/* the tick, or the interrupt on its way out, programs */
	if (timer->expires >= cpu_base->expires_next)
		return;
	cpu_base->expires_next = timer->expires;
	tick_program_event(timer->expires, 1);
}

/*
 * The base a (re)started timer goes to: this CPU's, so that this CPU can
 * program its own device for it; the old one while its callback runs
 * there (that CPU's hrtimer_interrupt() reprograms when it is done).
 * Called with the old base locked; returns with the new one locked.
 */
static struct hrtimer_clock_base *switch_hrtimer_base(struct hrtimer *timer,
						      struct hrtimer_clock_base *base)
{
	struct hrtimer_clock_base *new_base = &this_cpu_ptr(&hrtimer_bases)->clock_base[0];

	if (base == new_base || hrtimer_callback_running(timer))
		return base;
	WRITE_ONCE(timer->base, &migration_base);
	raw_spin_unlock(&base->cpu_base->lock);
	raw_spin_lock(&new_base->cpu_base->lock);
	WRITE_ONCE(timer->base, new_base);
	return new_base;
}

void hrtimer_start(struct hrtimer *timer, ktime_t tim, enum hrtimer_mode mode)
{
	struct hrtimer_clock_base *base;
	unsigned long flags;

	base = lock_hrtimer_base(timer, &flags);
	if (hrtimer_is_queued(timer))
		__remove_hrtimer(timer);
	timer->expires = (mode & HRTIMER_MODE_REL) ? ktime_add_safe(ktime_get(), tim) : max(tim, 0LL);
	base = switch_hrtimer_base(timer, base);
	trace_hrtimer_start(timer, mode);
	if (enqueue_hrtimer(timer, base) && base->cpu_base == this_cpu_ptr(&hrtimer_bases))
		hrtimer_reprogram(timer);
	unlock_hrtimer_base(timer, &flags);
}

/*
 * 1 if the timer was queued and is not now, 0 if it was not queued, -1
 * if its callback is running (and it cannot be stopped now). Leaving the
 * device programmed for a removed first timer costs one early interrupt
 * that finds nothing to do, which is cheaper than reprogramming here.
 */
int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	unsigned long flags;
	int ret = -1;

	lock_hrtimer_base(timer, &flags);
	if (!hrtimer_callback_running(timer)) {
		ret = hrtimer_is_queued(timer);
		if (ret)
			__remove_hrtimer(timer);
	}
	unlock_hrtimer_base(timer, &flags);
	return ret;
}

/* Also waits for a callback running on another CPU. */
int hrtimer_cancel(struct hrtimer *timer)
{
	int ret;

	while ((ret = hrtimer_try_to_cancel(timer)) < 0)
		cpu_relax();
	return ret;
}

u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	ktime_t now = ktime_get(), delta = now - timer->expires;
	u64 overruns;

	if (delta < 0)
		return 0;
	if (interval <= 0)
		interval = 1;
	/* By division: a 1 ns interval that fell a second behind is 10^9 steps. */
	overruns = delta / interval + 1;
	timer->expires = ktime_add_safe(timer->expires, (ktime_t)min(overruns, (u64)KTIME_MAX / interval) *
					interval);
	return overruns;
}

/* Run every timer of cpu_base that expired by now; called and returns with the lock held. */
static void __hrtimer_run_queues(struct hrtimer_cpu_base *cpu_base, ktime_t now)
{
	struct hrtimer_clock_base *base = &cpu_base->clock_base[0];
	struct hrtimer *t;

	while ((t = __hrtimer_first(base)) && t->expires <= now) {
		enum hrtimer_restart restart;

		__remove_hrtimer(t);
		WRITE_ONCE(cpu_base->running, t);
		raw_spin_unlock(&cpu_base->lock);
		trace_hrtimer_expire_entry(t, &now);
		restart = t->function(t);
		trace_hrtimer_expire_exit(t);
		raw_spin_lock(&cpu_base->lock);
		if (restart == HRTIMER_RESTART && !hrtimer_is_queued(t))
			enqueue_hrtimer(t, base);
		WRITE_ONCE(cpu_base->running, NULL);
	}
}

static ktime_t __hrtimer_get_next_event(struct hrtimer_cpu_base *cpu_base)
{
	struct hrtimer *first = __hrtimer_first(&cpu_base->clock_base[0]);

	return first ? first->expires : KTIME_MAX;
}

/*
 * The clock-event device's handler in high-resolution mode. A timer that
 * expires while the others run, or before the device can be armed for
 * it, is run in the same interrupt instead of costing another one.
 */
void hrtimer_interrupt(struct clock_event_device *dev)
{
	struct hrtimer_cpu_base *cpu_base = this_cpu_ptr(&hrtimer_bases);
	ktime_t expires_next;
	int retries = 0;

	raw_spin_lock(&cpu_base->lock);
	cpu_base->nr_events++;
	do {
		cpu_base->in_hrtirq = 1;
		__hrtimer_run_queues(cpu_base, ktime_get());
		expires_next = __hrtimer_get_next_event(cpu_base);
		cpu_base->expires_next = expires_next;
		cpu_base->in_hrtirq = 0;
		if (expires_next == KTIME_MAX || !tick_program_event(expires_next, 0))
			goto out;
	} while (++retries < 3);
	tick_program_event(expires_next, 1);
out:
	raw_spin_unlock(&cpu_base->lock);
}

/*
 * From the periodic tick: switch to high-resolution mode when the
 * device allows, else run the expired timers at tick resolution.
 */
static void hrtimer_switch_to_hres(void)
{
	struct hrtimer_cpu_base *base = this_cpu_ptr(&hrtimer_bases);

	if (tick_init_highres()) {
		pr_warn("Could not switch to high resolution mode on CPU %u\n", base->cpu);
		return;
	}
	base->hres_active = 1;
	base->expires_next = KTIME_MAX;
	tick_setup_sched_timer();
	/* Said once per CPU: one that comes back after hotplug switches again, quietly. */
	if (base->hres_announced)
		return;
	base->hres_announced = 1;
	pr_info("hrtimer: switched to high resolution mode on CPU %u (tick emulated at HZ=%d)\n",
		base->cpu, HZ);
}

void hrtimer_run_queues(void)
{
	struct hrtimer_cpu_base *cpu_base = this_cpu_ptr(&hrtimer_bases);
	unsigned long flags;

	if (__hrtimer_hres_active(cpu_base))
		return;
	if (tick_check_oneshot_change(0)) {
		hrtimer_switch_to_hres();
		return;
	}
	raw_spin_lock_irqsave(&cpu_base->lock, flags);
	__hrtimer_run_queues(cpu_base, ktime_get());
	raw_spin_unlock_irqrestore(&cpu_base->lock, flags);
}

/* Program this CPU's device for its first timer whatever it was programmed for. */
void hrtimers_resume_local(void)
{
	struct hrtimer_cpu_base *cpu_base = this_cpu_ptr(&hrtimer_bases);
	unsigned long flags;

	raw_spin_lock_irqsave(&cpu_base->lock, flags);
	if (__hrtimer_hres_active(cpu_base)) {
		cpu_base->expires_next = __hrtimer_get_next_event(cpu_base);
		if (cpu_base->expires_next != KTIME_MAX)
			tick_program_event(cpu_base->expires_next, 1);
	}
	raw_spin_unlock_irqrestore(&cpu_base->lock, flags);
}

static enum hrtimer_restart hrtimer_wakeup(struct hrtimer *timer)
{
	struct hrtimer_sleeper *t = container_of(timer, struct hrtimer_sleeper, timer);

	wake_up_process(t->task);
	return HRTIMER_NORESTART;
}

static void do_schedule_hrtimeout(ktime_t expires, enum hrtimer_mode mode,
				  unsigned int state)
{
	struct hrtimer_sleeper t = { .task = current };

	hrtimer_init(&t.timer, CLOCK_MONOTONIC, mode);
	t.timer.function = hrtimer_wakeup;
	set_current_state(state);
	hrtimer_start(&t.timer, expires, mode);
	if (hrtimer_active(&t.timer))
		schedule();
	__set_current_state(TASK_RUNNING);
	hrtimer_cancel(&t.timer);
}

int schedule_hrtimeout(ktime_t *expires, enum hrtimer_mode mode)
{
	do_schedule_hrtimeout(*expires, mode, TASK_UNINTERRUPTIBLE);
	return 0;
}

/* Like schedule_hrtimeout(), but a signal (or any wake-up) ends the sleep. */
int schedule_hrtimeout_interruptible(ktime_t *expires)
{
	do_schedule_hrtimeout(*expires, HRTIMER_MODE_ABS, TASK_INTERRUPTIBLE);
	return 0;
}

int hrtimers_prepare_cpu(unsigned int cpu)
{
	struct hrtimer_cpu_base *cpu_base = per_cpu_ptr(&hrtimer_bases, cpu);

	raw_spin_lock_init(&cpu_base->lock);
	cpu_base->cpu = cpu;
	cpu_base->hres_active = 0;
	cpu_base->in_hrtirq = 0;
	cpu_base->expires_next = KTIME_MAX;
	cpu_base->running = NULL;
	cpu_base->clock_base[0].cpu_base = cpu_base;
	INIT_LIST_HEAD(&cpu_base->clock_base[0].active);
	return 0;
}

/**
 * hrtimers_dead_cpu - move a dead CPU's hrtimers to this CPU
 * @cpu: the dead CPU
 *
 * On the controlling CPU (Linux up to 6.7 did it there; later kernels
 * push the timers away from the dying CPU itself, hrtimers_cpu_dying()).
 * The dead CPU's tick timer is cancelled, not moved: this CPU has its
 * own. Every other timer keeps its expiry and is queued here, and this
 * CPU's device is programmed for whichever now comes first.
 */
int hrtimers_dead_cpu(unsigned int cpu)
{
	struct hrtimer_cpu_base *old_base = per_cpu_ptr(&hrtimer_bases, cpu);
	struct hrtimer_cpu_base *new_base;
	struct hrtimer *t;

	tick_cancel_sched_timer(cpu);
	local_irq_disable();
	new_base = this_cpu_ptr(&hrtimer_bases);
	if (old_base->cpu < new_base->cpu) {
		raw_spin_lock(&old_base->lock);
		raw_spin_lock(&new_base->lock);
	} else {
		raw_spin_lock(&new_base->lock);
		raw_spin_lock(&old_base->lock);
	}
	WARN_ON_ONCE(old_base->running);
	while ((t = __hrtimer_first(&old_base->clock_base[0]))) {
		list_del_init(&t->node);
		WRITE_ONCE(t->base, &new_base->clock_base[0]);
		enqueue_hrtimer(t, &new_base->clock_base[0]);
	}
	old_base->hres_active = 0;
	raw_spin_unlock(&old_base->lock);
	raw_spin_unlock(&new_base->lock);
	local_irq_enable();
	hrtimers_resume_local();
	return 0;
}

void hrtimers_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		hrtimers_prepare_cpu(cpu);
}
