/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

/*
 * GDT layout, the same as Linux's on x86-64 so that SYSCALL/SYSRET's
 * fixed selector arithmetic (STAR) lines up: user32 CS, user DS, user CS
 * must be consecutive.
 */
#define GDT_ENTRY_KERNEL32_CS	1
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_DEFAULT_USER32_CS 4
#define GDT_ENTRY_DEFAULT_USER_DS 5
#define GDT_ENTRY_DEFAULT_USER_CS 6
#define GDT_ENTRY_TSS		8	/* 16 bytes: takes entries 8 and 9 */
#define GDT_ENTRY_CPUNODE	15	/* limit: the CPU number (LSL; Linux's vgetcpu) */
#define GDT_ENTRIES		16

#define __KERNEL32_CS		(GDT_ENTRY_KERNEL32_CS * 8)
#define __KERNEL_CS		(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS		(GDT_ENTRY_KERNEL_DS * 8)
#define __USER32_CS		(GDT_ENTRY_DEFAULT_USER32_CS * 8 + 3)
#define __USER_DS		(GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define __USER_CS		(GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define GDT_ENTRY_TSS_SEL	(GDT_ENTRY_TSS * 8)
#define __CPUNODE_SEG		(GDT_ENTRY_CPUNODE * 8 + 3)
#define VDSO_CPUNODE_BITS	12
#define VDSO_CPUNODE_MASK	0xfff	/* the CPU number's bits of that limit */

/* Interrupt stack table slots (the TSS's IST1..IST7 are index + 1). */
#define IST_INDEX_DF		0
#define IST_INDEX_NMI		1
#define IST_INDEX_DB		2
#define IST_INDEX_MCE		3
#define N_EXCEPTION_STACKS	4
#define EXCEPTION_STKSZ		(2 * 4096)	/* each IST stack, above its guard page */

#endif
