// SPDX-License-Identifier: MIT
/*
 * The periodic tick: the local APIC timer's interrupt lands here HZ times
 * a second and advances jiffies. Timers, timekeeping and the scheduler
 * tick hang off this once they exist.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>

volatile unsigned long jiffies;

void tick_handle_periodic(void)
{
	jiffies++;
}
