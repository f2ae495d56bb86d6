// SPDX-License-Identifier: MIT
/*
 * The load averages of sysinfo() and /proc/loadavg: every LOAD_FREQ
 * ticks the number of runnable tasks is folded into three exponentially
 * decaying averages (1, 5 and 15 minutes), kept in fixed point with
 * FSHIFT fraction bits as Linux keeps avenrun[]. reflex counts runnable
 * tasks only; Linux adds tasks in uninterruptible sleep.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/stat.h>

unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ;

/* One step of the decay: load moves towards active by (1 - exp) of the gap. */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	/* Round up while rising, so a steady load is reached, not approached forever. */
	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/**
 * calc_global_load_tick - fold the run queues into avenrun[] when due
 *
 * Called from every CPU's tick; the first CPU to see the period over
 * claims it, so each period is counted once whichever CPUs are online.
 */
void calc_global_load_tick(void)
{
	unsigned long due = READ_ONCE(calc_load_update), active;

	if (time_before(jiffies, due))
		return;
	if (!__atomic_compare_exchange_n(&calc_load_update, &due, due + LOAD_FREQ, false,
					 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	active = (unsigned long)nr_running() * FIXED_1;
	WRITE_ONCE(avenrun[0], calc_load(avenrun[0], EXP_1, active));
	WRITE_ONCE(avenrun[1], calc_load(avenrun[1], EXP_5, active));
	WRITE_ONCE(avenrun[2], calc_load(avenrun[2], EXP_15, active));
}
