/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_MMU_H
#define _ASM_X86_MMU_H

/*
 * The x86 part of an mm (Linux's mm_context_t): its LDT, if the program
 * made one with modify_ldt(). Changes take mmap_lock; readers on the
 * context-switch path read the pointer once (arch/x86/kernel/ldt.c).
 */
struct ldt_struct;

typedef struct {
	struct ldt_struct *ldt;
	unsigned long vdso;	/* the vDSO's address (its [vvar] page below it), 0: none */
} mm_context_t;

#endif
