/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <asm/percpu.h>

struct task_struct;

/* The running task, one %gs-relative load. */
DECLARE_PER_CPU(struct task_struct *, current_task);

/*
 * Not volatile: to any one task, current never changes (a switch away
 * and back restores it), so the compiler may load it once per function,
 * as Linux's this_cpu_read_stable() allows.
 */
static __always_inline struct task_struct *get_current(void)
{
	struct task_struct *t;

	asm("movq %%gs:%c1, %0" : "=r"(t) : "i"(&current_task));
	return t;
}

#define current get_current()

#endif
