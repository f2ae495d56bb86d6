// SPDX-License-Identifier: MIT
/*
 * Process CPU-time limits, checked on every tick against the time the
 * tick has charged (kernel/sched/cputime.c). Of Linux's CPU timers this
 * is the RLIMIT_CPU part only: at the soft limit SIGXCPU, again each
 * further second (the soft limit moves up by one each time, as Linux
 * records it), and SIGKILL at the hard limit. reflex has no
 * timer_create() CPU clocks or ITIMER_PROF/VIRTUAL. The time is the
 * task's own until thread groups sum their threads'.
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/posix-timers.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/signal.h>

/**
 * run_posix_cpu_timers - enforce current's RLIMIT_CPU
 *
 * Called from the tick in hard-IRQ context, on the CPU running current.
 */
void run_posix_cpu_timers(void)
{
	struct task_struct *tsk = current;
	unsigned long soft, hard;
	u64 cputime;

	if (!tsk->mm || !tsk->sig || tsk->exit_state)
		return;
	soft = READ_ONCE(tsk->sig->rlim[RLIMIT_CPU].rlim_cur);
	if (soft == RLIM_INFINITY)
		return;
	hard = READ_ONCE(tsk->sig->rlim[RLIMIT_CPU].rlim_max);
	cputime = (tsk->utime + tsk->stime) / NSEC_PER_SEC;
	if (hard != RLIM_INFINITY && cputime >= hard) {
		send_sig(SIGKILL, tsk, 1);
		return;
	}
	if (cputime >= soft) {
		send_sig(SIGXCPU, tsk, 1);
		if (soft < hard)
			WRITE_ONCE(tsk->sig->rlim[RLIMIT_CPU].rlim_cur, soft + 1);
	}
}
