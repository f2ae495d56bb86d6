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
#define X86_CR4_SMEP	(1UL << 20)	/* no supervisor execution of user pages */
#define X86_CR4_SMAP	(1UL << 21)	/* no supervisor access to user pages unless AC */

#define X86_EFLAGS_CF	(1UL << 0)
#define X86_EFLAGS_TF	(1UL << 8)
#define X86_EFLAGS_DF	(1UL << 10)
#define X86_EFLAGS_AC	(1UL << 18)
#define X86_EFLAGS_FIXED (1UL << 1)	/* bit 1 always reads 1 */

#define MSR_EFER	0xc0000080	/* extended feature enables */
#define EFER_SCE	(1UL << 0)	/* SYSCALL */
#define EFER_LME	(1UL << 8)	/* long mode enable */
#define EFER_NX		(1UL << 11)	/* no-execute page bit */
#define MSR_STAR	0xc0000081	/* SYSCALL/SYSRET selectors */
#define MSR_LSTAR	0xc0000082	/* SYSCALL target, 64-bit */
#define MSR_SYSCALL_MASK 0xc0000084	/* RFLAGS bits cleared on SYSCALL */
#define MSR_FS_BASE	0xc0000100
#define MSR_GS_BASE	0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102	/* swapped in by SWAPGS */

#endif
