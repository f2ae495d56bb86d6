// SPDX-License-Identifier: MIT
/*
 * The i386 system-call table that int $0x80, and SYSCALL and SYSENTER
 * from compat mode, use: Linux's numbering
 * (arch/x86/entry/syscalls/syscall_32.tbl), for the calls reflex offers
 * 32-bit-style: restart_syscall, exit, read, write, open, close, getpid,
 * alarm, pause, brk, getppid, ioperm, iopl, modify_ldt, kill, uname,
 * sched_yield, gettid, exit_group and sendto (six arguments); the rest
 * return -ENOSYS. Arguments come from ebx, ecx,
 * edx, esi, edi, ebp (the entry code puts each door's there).
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/syscall.h>

#define __SYSCALL(nr, sym) extern long __ia32_##sym(const struct pt_regs *) __weak;
#include <asm/syscalls_32.h>
#undef __SYSCALL

#define __SYSCALL(nr, sym) [nr] = __ia32_##sym,
const sys_call_ptr_t ia32_sys_call_table[IA32_NR_syscalls] = {
#include <asm/syscalls_32.h>
};
