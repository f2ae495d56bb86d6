// SPDX-License-Identifier: MIT
/*
 * The periodic tick: HZ times a second the timer interrupt advances
 * jiffies, charges the tick to this CPU's time buckets, gives the
 * scheduler its tick (slices, accounting) and lets the timer wheel see
 * whether anything expired.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/kernel_stat.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>

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
	struct pt_regs *regs = get_irq_regs();

	jiffies += ticks;
	account_process_tick(current, regs && user_mode(regs));
	run_local_timers();
	scheduler_tick();
}
