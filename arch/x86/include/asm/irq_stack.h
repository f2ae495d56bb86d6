/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IRQ_STACK_H
#define _ASM_X86_IRQ_STACK_H

/*
 * Hard interrupts and softirqs run on a per-CPU IRQ stack, so that a
 * task stack only ever holds one interrupt frame, however deep the
 * interrupts nest. The entry wrappers (asm/idtentry.h) switch here from
 * a task stack; an interrupt from user mode stays on the task stack,
 * which is empty then, and one that nests on the IRQ stack stays there.
 *
 * hardirq_stack_ptr is the first stack pointer used on the IRQ stack
 * (16-byte aligned, so the calls below follow the ABI); the word it
 * points to holds the interrupted stack pointer while the stack is in
 * use, and "popq %rsp" takes it back. Frame pointers chain across the
 * switch unchanged: the first frame on the IRQ stack saves the %rbp of
 * the wrapper, which lives on the stack it came from.
 */
#include <asm/percpu.h>
#include <asm/bootinfo.h>

#define IRQ_STACK_SIZE		THREAD_SIZE

#ifndef __ASSEMBLY__
#include <linux/types.h>

DECLARE_PER_CPU(void *, hardirq_stack_ptr);
DECLARE_PER_CPU(bool, hardirq_stack_inuse);

int irq_init_percpu_irqstack(unsigned int cpu);
void do_softirq_own_stack(void);

/* The IRQ stack's lowest address on @cpu (its guard page is the page below). */
static inline unsigned long irq_stack_begin(unsigned int cpu)
{
	return (unsigned long)per_cpu(hardirq_stack_ptr, cpu) + 16 - IRQ_STACK_SIZE;
}

/* Tells the compiler the asm uses the stack, so the frame is set up first. */
register unsigned long current_stack_pointer asm("rsp");
#define ASM_CALL_CONSTRAINT	"+r"(current_stack_pointer)

/*
 * Switch to this CPU's IRQ stack, run @asm_call (calls to @func with its
 * arguments in callee-saved registers, see below), switch back. %r11
 * carries the new stack pointer; every caller-saved register is
 * clobbered by the calls.
 */
#define call_on_irqstack(func, asm_call, argconstr...)			\
do {									\
	register void *tos asm("r11") = __this_cpu_read(hardirq_stack_ptr); \
									\
	asm volatile("movq	%%rsp, (%[tos])\n\t"			\
		     "movq	%[tos], %%rsp\n\t"			\
		     asm_call						\
		     "popq	%%rsp\n\t"				\
		     : [tos] "+r"(tos), ASM_CALL_CONSTRAINT		\
		     : [__func] "i"(func) argconstr			\
		     : "cc", "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", \
		       "r10", "memory");				\
} while (0)

/* The same calls as the direct path of call_on_irqstack_cond() makes. */
#define ASM_CALL_ARG0							\
	"call	%c[__func]\n\t"
#define ASM_CALL_SYSVEC							\
	"call	irq_enter_rcu\n\t"					\
	"movq	%[arg1], %%rdi\n\t"					\
	"call	%c[__func]\n\t"						\
	"call	__irq_exit_rcu\n\t"
#define ASM_CALL_IRQ							\
	"call	irq_enter_rcu\n\t"					\
	"movq	%[arg1], %%rdi\n\t"					\
	"movl	%[arg2], %%esi\n\t"					\
	"call	%c[__func]\n\t"						\
	"call	__irq_exit_rcu\n\t"

#define SYSVEC_CONSTRAINTS	, [arg1] "r"(regs)
#define IRQ_CONSTRAINTS		, [arg1] "r"(regs), [arg2] "r"((u32)vector)

/*
 * From user mode the task stack is empty, and on the IRQ stack (a nested
 * interrupt, or one that arrived during softirqs there) we are already
 * where we want to be: no switch. Otherwise mark the stack in use around
 * the switch, interrupts off at both writes.
 */
#define call_on_irqstack_cond(func, regs, asm_call, constr, c_args...)	\
do {									\
	if (user_mode(regs) || __this_cpu_read(hardirq_stack_inuse)) {	\
		irq_enter_rcu();					\
		func(c_args);						\
		irq_exit_rcu();						\
	} else {							\
		__this_cpu_write(hardirq_stack_inuse, true);		\
		call_on_irqstack(func, asm_call, constr);		\
		__this_cpu_write(hardirq_stack_inuse, false);		\
	}								\
} while (0)

/* A system vector's body: func(regs). */
#define run_sysvec_on_irqstack_cond(func, regs)				\
	call_on_irqstack_cond(func, regs, ASM_CALL_SYSVEC,		\
			      SYSVEC_CONSTRAINTS, regs)

/* A device interrupt's body: func(regs, vector). */
#define run_irq_on_irqstack_cond(func, regs, vector)			\
	call_on_irqstack_cond(func, regs, ASM_CALL_IRQ,			\
			      IRQ_CONSTRAINTS, regs, vector)

#endif /* __ASSEMBLY__ */
#endif
