/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_STAT_H
#define _LINUX_SCHED_STAT_H

/* Scheduler-wide counts for /proc/stat (kernel/sched/core.c). */
#include <linux/types.h>

extern unsigned long total_forks;

unsigned int nr_running(void);
unsigned long long nr_context_switches(void);
unsigned int nr_iowait(void);

#endif
