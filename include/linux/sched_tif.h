/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_TIF_H
#define _LINUX_SCHED_TIF_H

/*
 * task_struct->ti_flags bits, for C and for the entry assembly (which
 * tests them at offset 0 of current): the work due before a return to
 * user mode.
 */
#define TIF_SIGPENDING		2	/* an unblocked signal is pending */
#define TIF_NEED_RESCHED	3
#define TIF_SINGLESTEP		4	/* ptrace single-steps the task: TF on return */
#define TIF_IRET		5	/* the frame was rewritten: SYSRET only if it still may */
#define TIF_SYSCALL_TRACE	8	/* ptrace stops at system-call entry and exit */
#define TIF_FORCED_TF		24	/* TF was set by ptrace, not by the task */
#define TIF_MEMDIE		20	/* chosen by the OOM killer, on its way out */
#define TIF_SYSCALL_TRACEPOINT	28	/* raw_syscalls events on: set on every task */
#define _TIF_SYSCALL_WORK	((1 << TIF_SYSCALL_TRACE) | (1 << TIF_SINGLESTEP) | \
				 (1 << TIF_SYSCALL_TRACEPOINT))
#define _TIF_WORK_MASK		((1 << TIF_SIGPENDING) | (1 << TIF_NEED_RESCHED))

#endif
