// SPDX-License-Identifier: MIT
/*
 * The kernel's clocks: CLOCK_MONOTONIC from the TSC (sched_clock) and
 * jiffies, which only the do_timer CPU of the tick advances. The tick
 * also republishes the clock to the vDSO (update_vsyscall()).
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/sched/clock.h>
#include <asm/vdso.h>
#include "tick-internal.h"

volatile unsigned long jiffies;

ktime_t ktime_get(void)
{
	return local_clock();
}

/* ticks periods have passed (more than one when the tick came late). */
void do_timer(unsigned long ticks)
{
	jiffies += ticks;
	update_vsyscall();
}
