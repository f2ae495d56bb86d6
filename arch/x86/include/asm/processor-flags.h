/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

#define X86_CR0_PE	(1UL << 0)	/* protection enable */
#define X86_CR0_MP	(1UL << 1)	/* monitor coprocessor */
#define X86_CR0_ET	(1UL << 4)	/* extension type */
#define X86_CR0_NE	(1UL << 5)	/* native x87 error reporting */
#define X86_CR0_WP	(1UL << 16)	/* supervisor writes honour read-only pages */
#define X86_CR0_PG	(1UL << 31)	/* paging */

#define X86_CR4_PSE	(1UL << 4)	/* 4 MiB pages in 32-bit paging */
#define X86_CR4_PAE	(1UL << 5)	/* physical address extension */
#define X86_CR4_PGE	(1UL << 7)	/* global pages */
#define X86_CR4_OSFXSR	(1UL << 9)	/* FXSAVE/FXRSTOR */
#define X86_CR4_OSXMMEXCPT (1UL << 10)	/* unmasked SIMD exceptions */
#define X86_CR4_FSGSBASE (1UL << 16)	/* RDFSBASE & co. */
#define X86_CR4_OSXSAVE	(1UL << 18)	/* XSAVE, XGETBV and XCR0 */
#define X86_CR4_SMEP	(1UL << 20)	/* no supervisor execution of user pages */
#define X86_CR4_SMAP	(1UL << 21)	/* no supervisor access to user pages unless AC */

#define X86_EFLAGS_CF	(1UL << 0)	/* carry */
#define X86_EFLAGS_FIXED (1UL << 1)	/* bit 1 always reads 1 */
#define X86_EFLAGS_PF	(1UL << 2)	/* parity */
#define X86_EFLAGS_AF	(1UL << 4)	/* auxiliary carry */
#define X86_EFLAGS_ZF	(1UL << 6)	/* zero */
#define X86_EFLAGS_SF	(1UL << 7)	/* sign */
#define X86_EFLAGS_TF	(1UL << 8)	/* trap: single-step */
#define X86_EFLAGS_DF	(1UL << 10)	/* direction */
#define X86_EFLAGS_OF	(1UL << 11)	/* overflow */
#define X86_EFLAGS_IOPL	(3UL << 12)	/* I/O privilege level */
#define X86_EFLAGS_NT	(1UL << 14)	/* nested task: IRET in long mode faults */
#define X86_EFLAGS_RF	(1UL << 16)	/* resume: no instruction breakpoint */
#define X86_EFLAGS_AC	(1UL << 18)	/* alignment check; SMAP's window */
#define X86_EFLAGS_ID	(1UL << 21)	/* CPUID available */

#define MSR_EFER	0xc0000080	/* extended feature enables */
#define EFER_SCE	(1UL << 0)	/* SYSCALL */
#define EFER_LME	(1UL << 8)	/* long mode enable */
#define EFER_NX		(1UL << 11)	/* no-execute page bit */
#define MSR_STAR	0xc0000081	/* SYSCALL/SYSRET selectors */
#define MSR_LSTAR	0xc0000082	/* SYSCALL target, 64-bit */
#define MSR_CSTAR	0xc0000083	/* SYSCALL target, compat mode */
#define MSR_SYSCALL_MASK 0xc0000084	/* RFLAGS bits cleared on SYSCALL */
#define MSR_FS_BASE	0xc0000100
#define MSR_GS_BASE	0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102	/* swapped in by SWAPGS */
#define MSR_TSC_AUX	0xc0000103	/* RDTSCP's ECX and RDPID's result */
#define MSR_IA32_SYSENTER_CS  0x174	/* SYSENTER's CS; SS is CS + 8 */
#define MSR_IA32_SYSENTER_ESP 0x175	/* SYSENTER's stack pointer */
#define MSR_IA32_SYSENTER_EIP 0x176	/* SYSENTER's target */

#endif
