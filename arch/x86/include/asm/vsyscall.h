/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_VSYSCALL_H
#define _ASM_X86_VSYSCALL_H

/* The legacy vsyscall page, emulated from the page fault (entry/vsyscall/vsyscall_64.c). */
#include <linux/types.h>

#define VSYSCALL_ADDR	0xffffffffff600000UL
#define VSYSCALL_SIZE	4096UL

struct pt_regs;

static inline bool is_vsyscall_vaddr(unsigned long addr)
{
	return (addr & ~(VSYSCALL_SIZE - 1)) == VSYSCALL_ADDR;
}

bool emulate_vsyscall(unsigned long error_code, struct pt_regs *regs,
		      unsigned long address);

#endif
