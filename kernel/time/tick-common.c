// SPDX-License-Identifier: MIT
/*
 * The periodic tick: HZ times a second the timer interrupt advances
 * jiffies, gives the scheduler its tick (slices, accounting) and lets the
 * timer wheel see whether anything expired.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>

volatile unsigned long jiffies;

__weak void run_local_timers(void)
{
}

void tick_handle_periodic(void)
{
	tick_periodic(1);
}

/* ticks periods have passed (more than one if the CPU could not take them). */
void tick_periodic(unsigned long ticks)
{
	jiffies += ticks;
	run_local_timers();
	scheduler_tick();
}
