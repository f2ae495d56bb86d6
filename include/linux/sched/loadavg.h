/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_LOADAVG_H
#define _LINUX_SCHED_LOADAVG_H

/* Load averages in Linux's fixed point (kernel/sched/loadavg.c). */
#include <linux/jiffies.h>

#define FSHIFT		11			/* bits of fraction */
#define FIXED_1		(1UL << FSHIFT)		/* 1.0 */
#define LOAD_FREQ	(5 * HZ + 1)		/* 5 s between samples */
#define EXP_1		1884			/* 2048 / exp(5 s / 1 min) */
#define EXP_5		2014			/* 2048 / exp(5 s / 5 min) */
#define EXP_15		2037			/* 2048 / exp(5 s / 15 min) */

extern unsigned long avenrun[3];	/* 1, 5 and 15 minutes, FSHIFT fixed point */

void calc_global_load_tick(void);

#endif
