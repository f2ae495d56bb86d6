/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_CLOCK_H
#define _LINUX_SCHED_CLOCK_H

#include <linux/types.h>

/* Nanoseconds since boot from the TSC; 0 until the TSC is calibrated. */
u64 sched_clock(void);
#define local_clock()	sched_clock()

/*
 * IRQ time accounting (Linux's CONFIG_IRQ_TIME_ACCOUNTING, on unless
 * "tsc=noirqtime"): the time a CPU spends in hard interrupts, and in
 * softirqs outside ksoftirqd, is kept out of the run time of the task it
 * interrupted (kernel/sched/cputime.c).
 */
extern int sched_clock_irqtime;

static inline void enable_sched_clock_irqtime(void)
{
	sched_clock_irqtime = 1;
}

#endif
