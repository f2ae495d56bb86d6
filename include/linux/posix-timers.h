/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_POSIX_TIMERS_H
#define _LINUX_POSIX_TIMERS_H

/* CPU-time limits on the tick (kernel/time/posix-cpu-timers.c). */
void run_posix_cpu_timers(void);

/* ITIMER_REAL, alarm(2) (kernel/time/itimer.c). */
struct signal_struct;
void itimer_init(struct signal_struct *sig);
void exit_itimers(struct signal_struct *sig);

#endif
