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
#define TIF_MEMDIE		20	/* chosen by the OOM killer, on its way out */
#define _TIF_WORK_MASK		((1 << TIF_SIGPENDING) | (1 << TIF_NEED_RESCHED))

#endif
