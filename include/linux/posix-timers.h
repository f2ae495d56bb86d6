/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_POSIX_TIMERS_H
#define _LINUX_POSIX_TIMERS_H

/* CPU-time limits on the tick (kernel/time/posix-cpu-timers.c). */
void run_posix_cpu_timers(void);

#endif
