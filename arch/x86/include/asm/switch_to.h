/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SWITCH_TO_H
#define _ASM_X86_SWITCH_TO_H

/* offsetof(struct task_struct, thread.sp), checked in process_64.c. */
#define TASK_threadsp	8

#ifndef __ASSEMBLY__

struct task_struct;

/*
 * What __switch_to_asm leaves on a sleeping task's stack: the callee-saved
 * registers, and where to return (inside __schedule, or, for a new task,
 * ret_from_fork_asm). The frame pointer is last so unwinders see a frame.
 */
struct inactive_task_frame {
	unsigned long r15, r14, r13, r12;
	unsigned long bx;
	unsigned long bp;
	unsigned long ret_addr;
};

/* A new task's stack: the switch frame, then ret_from_fork's arguments. */
struct fork_frame {
	struct inactive_task_frame frame;
};

struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next);
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

#define switch_to(prev, next, last)					\
do {									\
	((last) = __switch_to_asm((prev), (next)));			\
} while (0)

#endif
#endif
