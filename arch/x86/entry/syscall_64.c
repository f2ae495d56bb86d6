// SPDX-License-Identifier: MIT
/*
 * The x86-64 system-call table, Linux's numbering
 * (arch/x86/entry/syscalls/syscall_64.tbl). Every slot holds a function:
 * a number reflex does not implement — or whose implementation is not
 * linked in (the weak aliases below) — is sys_ni_syscall, -ENOSYS, so
 * the entry code dispatches without a NULL check.
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/syscall.h>

long __x64_sys_ni_syscall(const struct pt_regs *regs)
{
	return -ENOSYS;
}

#define __SYSCALL(nr, sym) \
	long __x64_##sym(const struct pt_regs *) __attribute__((weak, alias("__x64_sys_ni_syscall")));
#include <asm/syscalls_64.h>
#undef __SYSCALL

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"

#define __SYSCALL(nr, sym) [nr] = __x64_##sym,
const sys_call_ptr_t sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = __x64_sys_ni_syscall,
#include <asm/syscalls_64.h>
};
#pragma GCC diagnostic pop
