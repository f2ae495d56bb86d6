/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_POSIX_TIMERS_H
#define _LINUX_POSIX_TIMERS_H

/* CPU-time limits on the tick (kernel/time/posix-cpu-timers.c). */
void run_posix_cpu_timers(void);

struct kernel_siginfo;
struct signal_struct;
struct task_struct;

/* POSIX interval timers (kernel/time/posix-timers.c). */
void posixtimer_rearm(struct kernel_siginfo *info);
void exit_itimers(struct signal_struct *sig);
void exit_itimers_thread(struct task_struct *tsk);

/* ITIMER_REAL (kernel/time/itimer.c). */
void itimer_init(struct signal_struct *sig);
void it_real_rearm(void);
void itimer_set_target(struct signal_struct *sig, struct task_struct *leader);

#endif
