/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SYSCALL_H
#define _ASM_X86_SYSCALL_H

#define NR_syscalls		451
#define IA32_NR_syscalls	451

#ifndef __ASSEMBLY__
#include <linux/syscalls.h>

extern const sys_call_ptr_t sys_call_table[NR_syscalls];
extern const sys_call_ptr_t ia32_sys_call_table[IA32_NR_syscalls];

void syscall_init(void);
#endif

#endif
