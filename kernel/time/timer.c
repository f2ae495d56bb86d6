// SPDX-License-Identifier: MIT
/*
 * Jiffies timers, one base per CPU (timer_bases): a timer is queued on
 * the CPU that adds it, or on the one add_timer_on() names, and runs
 * there. A base's pending timers sit on one list sorted by expiry (a
 * wheel would scale better; the few timers of this kernel do not need
 * one). Each CPU's tick compares jiffies with its base's first expiry
 * and raises TIMER_SOFTIRQ; the expired timers run there, with
 * interrupts enabled. Also schedule_timeout() and msleep(), built on
 * them, and update_process_times(), the per-CPU part of the tick.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/sched.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/hrtimer.h>
#include <linux/cpumask.h>
#include <linux/kernel_stat.h>
#include <linux/posix-timers.h>
#include <asm/smp.h>
#include <trace/events/timer.h>

/*
 * One CPU's pending timers. next_expiry and timers_pending let the tick
 * decide without the lock whether TIMER_SOFTIRQ has work; they may be
 * stale only towards "look again", never towards missing a timer.
 */
struct timer_base {
	raw_spinlock_t lock;
	struct timer_list *running_timer;	/* whose callback runs now */
	unsigned long next_expiry;
	unsigned int cpu;
	bool timers_pending;
	struct list_head pending;		/* sorted by expiry */
};

/* Linux keeps deferrable timers on a second base; reflex has none. */
#define BASE_STD	0
#define NR_BASES	1

static DEFINE_PER_CPU(struct timer_base, timer_bases[NR_BASES]);

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = func;
	timer->flags = (flags & ~TIMER_BASEMASK) | raw_smp_processor_id();
	trace_timer_init(timer);
}

bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

static struct timer_base *get_timer_cpu_base(u32 tflags, unsigned int cpu)
{
	return per_cpu_ptr(&timer_bases[BASE_STD], cpu);
}

static struct timer_base *get_timer_base(u32 tflags)
{
	return get_timer_cpu_base(tflags, tflags & TIMER_CPUMASK);
}

/*
 * The timer's base, locked. TIMER_MIGRATING is set while a timer moves
 * between bases with neither lock held: wait for the move to finish.
 */
static struct timer_base *lock_timer_base(struct timer_list *timer, unsigned long *flags)
{
	for (;;) {
		u32 tf = READ_ONCE(timer->flags);

		if (!(tf & TIMER_MIGRATING)) {
			struct timer_base *base = get_timer_base(tf);

			raw_spin_lock_irqsave(&base->lock, *flags);
			if (timer->flags == tf)
				return base;
			raw_spin_unlock_irqrestore(&base->lock, *flags);
		}
		cpu_relax();
	}
}

/* Move a timer (not queued) to new_base; base is locked on entry, new_base on return. */
static struct timer_base *timer_switch_base(struct timer_list *timer, struct timer_base *base,
					    struct timer_base *new_base)
{
	if (base == new_base)
		return base;
	timer->flags |= TIMER_MIGRATING;
	raw_spin_unlock(&base->lock);
	raw_spin_lock(&new_base->lock);
	WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_BASEMASK) | new_base->cpu);
	return new_base;
}

static void enqueue_timer(struct timer_base *base, struct timer_list *timer)
{
	struct timer_list *t;

	lockdep_assert_held(&base->lock);
	list_for_each_entry(t, &base->pending, entry)
		if (time_before(timer->expires, t->expires))
			break;
	list_add_tail(&timer->entry, &t->entry);
	if (!base->timers_pending || time_before(timer->expires, base->next_expiry))
		WRITE_ONCE(base->next_expiry, timer->expires);
	WRITE_ONCE(base->timers_pending, true);
	/* One sorted list, no wheel: the timer's bucket expires when it does. */
	trace_timer_start(timer, timer->expires);
}

/* Off its list, with the base locked; also on expiry, so timer_cancel precedes timer_expire_entry as in Linux. */
static void detach_timer(struct timer_list *timer)
{
	trace_timer_cancel(timer);
	list_del_init(&timer->entry);
}

/* Called with the base locked: whether timer was queued, and it is not now. */
static int detach_if_pending(struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	detach_timer(timer);
	return 1;
}

/*
 * Queue on this CPU, as Linux does for a timer that is not pinned
 * elsewhere; one whose callback runs on its old base stays there, so
 * that del_timer_sync() finds it where it runs.
 */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct timer_base *base, *new_base;
	unsigned long flags;
	int was_pending;

	base = lock_timer_base(timer, &flags);
	was_pending = detach_if_pending(timer);
	new_base = get_timer_cpu_base(timer->flags, smp_processor_id());
	if (base->running_timer != timer)
		base = timer_switch_base(timer, base, new_base);
	timer->expires = expires;
	enqueue_timer(base, timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	mod_timer(timer, timer->expires);
}

/* Queue on cpu's base: its tick and TIMER_SOFTIRQ run the timer, on that CPU. */
void add_timer_on(struct timer_list *timer, int cpu)
{
	struct timer_base *base, *new_base = get_timer_cpu_base(timer->flags, cpu);
	unsigned long flags;

	if (WARN_ON_ONCE(timer_pending(timer) || !timer->function || !cpu_online(cpu)))
		return;
	base = lock_timer_base(timer, &flags);
	base = timer_switch_base(timer, base, new_base);
	enqueue_timer(base, timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

int del_timer(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int was_pending;

	base = lock_timer_base(timer, &flags);
	was_pending = detach_if_pending(timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return was_pending;
}

/* del_timer(), or -1 if the callback is running now. */
static int try_to_del_timer_sync(struct timer_list *timer, bool *here)
{
	struct timer_base *base;
	unsigned long flags;
	int ret = -1;

	base = lock_timer_base(timer, &flags);
	*here = base->cpu == smp_processor_id();
	if (base->running_timer != timer)
		ret = detach_if_pending(timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/*
 * Also waits for a running callback on another CPU. One on this CPU can
 * only be below us (an interrupt over TIMER_SOFTIRQ): waiting would
 * never end, so the timer is only removed.
 */
int del_timer_sync(struct timer_list *timer)
{
	bool here;
	int ret;

	while ((ret = try_to_del_timer_sync(timer, &here)) < 0) {
		if (here && in_interrupt())
			return del_timer(timer);
		cpu_relax();
	}
	return ret;
}

/* From the tick, in hard-IRQ context: is there work for this CPU's softirq? */
void run_local_timers(void)
{
	struct timer_base *base = this_cpu_ptr(&timer_bases[BASE_STD]);

	hrtimer_run_queues();
	if (!READ_ONCE(base->timers_pending) || time_before(jiffies, READ_ONCE(base->next_expiry)))
		return;
	raise_softirq(TIMER_SOFTIRQ);
}

/* Everything a CPU does on each tick that is not the do_timer CPU's duty. */
void update_process_times(int user_tick)
{
	account_process_tick(current, user_tick);
	run_posix_cpu_timers();
	run_local_timers();
	scheduler_tick();
}

/* The callback may free @timer: the exit event records only its address. */
static void call_timer_fn(struct timer_list *timer, void (*fn)(struct timer_list *),
			  unsigned long baseclk)
{
	trace_timer_expire_entry(timer, baseclk);
	fn(timer);
	trace_timer_expire_exit(timer);
}

static void __run_timers(struct timer_base *base)
{
	struct timer_list *t;
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	while (!list_empty(&base->pending)) {
		t = list_first_entry(&base->pending, struct timer_list, entry);
		if (time_before(jiffies, t->expires))
			break;
		detach_timer(t);
		WRITE_ONCE(base->running_timer, t);
		raw_spin_unlock_irqrestore(&base->lock, flags);
		call_timer_fn(t, t->function, jiffies);
		raw_spin_lock_irqsave(&base->lock, flags);
		WRITE_ONCE(base->running_timer, NULL);
	}
	WRITE_ONCE(base->timers_pending, !list_empty(&base->pending));
	if (base->timers_pending)
		WRITE_ONCE(base->next_expiry, list_first_entry(&base->pending,
				struct timer_list, entry)->expires);
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

static void run_timer_softirq(void)
{
	__run_timers(this_cpu_ptr(&timer_bases[BASE_STD]));
}

static void init_timer_cpu(unsigned int cpu)
{
	struct timer_base *base = per_cpu_ptr(&timer_bases[BASE_STD], cpu);

	raw_spin_lock_init(&base->lock);
	base->cpu = cpu;
	base->running_timer = NULL;
	base->timers_pending = false;
	INIT_LIST_HEAD(&base->pending);
}

/* --- CPU hotplug ----------------------------------------------------------- */

/* A CPU coming up again starts with an empty base. */
int timers_prepare_cpu(unsigned int cpu)
{
	struct timer_base *base = per_cpu_ptr(&timer_bases[BASE_STD], cpu);

	WARN_ON_ONCE(!list_empty(&base->pending));
	base->running_timer = NULL;
	base->timers_pending = false;
	return 0;
}

/**
 * timers_dead_cpu - move a dead CPU's pending timers to this CPU
 * @cpu: the dead CPU
 *
 * On the controlling CPU. Each timer keeps its expiry and now runs
 * here; add_timer_on() already refuses a CPU that is offline. The two
 * bases are locked in CPU order, as every double lock of one class.
 */
int timers_dead_cpu(unsigned int cpu)
{
	struct timer_base *old_base = per_cpu_ptr(&timer_bases[BASE_STD], cpu);
	struct timer_base *new_base;
	struct timer_list *t;

	local_irq_disable();
	new_base = this_cpu_ptr(&timer_bases[BASE_STD]);
	if (old_base->cpu < new_base->cpu) {
		raw_spin_lock(&old_base->lock);
		raw_spin_lock(&new_base->lock);
	} else {
		raw_spin_lock(&new_base->lock);
		raw_spin_lock(&old_base->lock);
	}
	WARN_ON_ONCE(old_base->running_timer);
	while (!list_empty(&old_base->pending)) {
		t = list_first_entry(&old_base->pending, struct timer_list, entry);
		list_del_init(&t->entry);
		WRITE_ONCE(t->flags, (t->flags & ~TIMER_BASEMASK) | new_base->cpu);
		enqueue_timer(new_base, t);
	}
	WRITE_ONCE(old_base->timers_pending, false);
	raw_spin_unlock(&old_base->lock);
	raw_spin_unlock(&new_base->lock);
	local_irq_enable();
	return 0;
}

void init_timers(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		init_timer_cpu(cpu);
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *timeout = from_timer(timeout, t, timer);

	wake_up_process(timeout->task);
}

/*
 * Sleep until woken or timeout jiffies pass, in the state the caller set;
 * the jiffies left (0 when the time ran out).
 */
long schedule_timeout(long timeout)
{
	struct process_timer timer;
	unsigned long expire;

	might_sleep();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies + timeout;
	timer.task = current;
	timer_setup(&timer.timer, process_timeout, 0);
	timer.timer.expires = expire;
	add_timer(&timer.timer);
	schedule();
	del_timer_sync(&timer.timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

void msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
