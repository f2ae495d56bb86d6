/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_STACKTRACE_H
#define _ASM_X86_STACKTRACE_H

/*
 * Which kernel stack an address is on, for the unwinder (a frame chain
 * may leave one stack for the one it interrupted, never go back) and for
 * the #DF handler (an address just below a stack is its guard page).
 */
#include <linux/types.h>

enum stack_type {
	STACK_TYPE_UNKNOWN,
	STACK_TYPE_TASK,
	STACK_TYPE_IRQ,
};

struct stack_info {
	enum stack_type type;
	unsigned long begin, end;	/* [begin, end) */
};

bool get_stack_info(unsigned long addr, struct stack_info *info);
bool get_stack_guard_info(unsigned long addr, struct stack_info *info);
const char *stack_type_name(enum stack_type type);

#endif
