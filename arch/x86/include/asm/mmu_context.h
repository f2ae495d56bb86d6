/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

/*
 * Switching address spaces (arch/x86/mm/tlb.c). switch_mm_irqs_off()
 * loads next's page tables and keeps mm_cpumask() and the per-CPU
 * cpu_tlbstate true; enter_lazy_tlb() is what a switch to a kernel
 * thread does instead: nothing but a note that this CPU is lazy.
 */
#include <linux/types.h>
#include <asm/tlbflush.h>

struct mm_struct;
struct task_struct;

void switch_mm_irqs_off(struct mm_struct *prev, struct mm_struct *next,
			struct task_struct *tsk);
/* The same with interrupts saved and disabled around it. */
void switch_mm(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk);
void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk);

/* The LDT (arch/x86/kernel/ldt.c). */
void load_mm_ldt(struct mm_struct *mm);
void switch_ldt(struct mm_struct *prev, struct mm_struct *next);
int ldt_dup_context(struct mm_struct *old, struct mm_struct *mm);
void destroy_context_ldt(struct mm_struct *mm);
unsigned int ldt_user_code_bits(unsigned int sel);

#endif
