/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

/* Host tests: current is a plain global (tests/unit/shim/host.c). */
struct task_struct;
extern struct task_struct *current_task;

static inline struct task_struct *get_current(void)
{
	return current_task;
}

#define current get_current()

#endif
