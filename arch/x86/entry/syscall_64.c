// SPDX-License-Identifier: MIT
/*
 * The x86-64 system-call table, Linux's numbering
 * (arch/x86/entry/syscalls/syscall_64.tbl). Entries are weak references:
 * a call whose implementation is absent reads NULL here and returns
 * -ENOSYS, like every number not in the table.
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/syscall.h>

#define __SYSCALL(nr, sym) extern long __x64_##sym(const struct pt_regs *) __weak;
#include <asm/syscalls_64.h>
#undef __SYSCALL

#define __SYSCALL(nr, sym) [nr] = __x64_##sym,
const sys_call_ptr_t sys_call_table[NR_syscalls] = {
#include <asm/syscalls_64.h>
};
