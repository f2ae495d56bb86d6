/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IRQ_STACK_H
#define _ASM_X86_IRQ_STACK_H

/*
 * Host stand-in for asm/irq_stack.h: a user process has no IRQ stack to
 * switch to, so softirqs from do_softirq() run on the caller's stack, as
 * on a Linux architecture without its own softirq stack.
 */
void __do_softirq(void);

static inline void do_softirq_own_stack(void)
{
	__do_softirq();
}

#endif
