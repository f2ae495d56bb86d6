// SPDX-License-Identifier: MIT
/*
 * The tick in one-shot mode: an hrtimer per CPU (tick_cpu_sched) at HZ,
 * doing what the periodic interrupt did. reflex has no NO_HZ: the tick
 * never stops, and check_clocks only starts the switch to one-shot mode.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/bitops.h>
#include <asm/smp.h>
#include "tick-internal.h"

DEFINE_PER_CPU(struct tick_sched, tick_cpu_sched);

/* A one-shot-capable device arrived: the next tick may switch to high resolution. */
void tick_oneshot_notify(void)
{
	set_bit(0, &this_cpu_ptr(&tick_cpu_sched)->check_clocks);
}

/* From the periodic tick: may this CPU switch to one-shot (for hrtimers) now? */
int tick_check_oneshot_change(int allow_nohz)
{
	struct tick_sched *ts = this_cpu_ptr(&tick_cpu_sched);

	if (!test_and_clear_bit(0, &ts->check_clocks))
		return 0;
	if (!tick_is_oneshot_available())
		return 0;
	return !allow_nohz;
}

/* A late interrupt stands for every period it missed: jiffies count them all. */
static enum hrtimer_restart tick_sched_timer(struct hrtimer *timer)
{
	u64 ticks = hrtimer_forward_now(timer, TICK_NSEC);

	if (tick_do_timer_cpu == smp_processor_id())
		do_timer(ticks);
	update_process_times(tick_user_mode());
	return HRTIMER_RESTART;
}

void tick_setup_sched_timer(void)
{
	struct tick_sched *ts = this_cpu_ptr(&tick_cpu_sched);

	hrtimer_init(&ts->sched_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	ts->sched_timer.function = tick_sched_timer;
	hrtimer_start(&ts->sched_timer, ktime_get() + TICK_NSEC, HRTIMER_MODE_ABS);
}

void tick_cancel_sched_timer(int cpu)
{
	struct tick_sched *ts = per_cpu_ptr(&tick_cpu_sched, cpu);

	if (ts->sched_timer.base)
		hrtimer_cancel(&ts->sched_timer);
	ts->check_clocks = 0;
}
