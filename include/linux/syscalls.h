/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

/*
 * System-call definitions. SYSCALL_DEFINEn(name, type, arg, ...) defines
 * the body __do_sys_name(args) and two entry wrappers taking pt_regs:
 * __x64_sys_name (arguments in rdi, rsi, rdx, r10, r8, r9: the SYSCALL
 * ABI) and __ia32_sys_name (ebx, ecx, edx, esi, edi, ebp: int $0x80).
 * The tables (arch/x86/entry/syscall_64.c, syscall_32.c) point at these.
 */
#include <linux/types.h>
#include <asm/ptrace.h>

#define __user

typedef long (*sys_call_ptr_t)(const struct pt_regs *regs);

#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)

#define __SC_DECL(t, a)	t a
#define __SC_CAST(t, a)	(t)(a)

#define __X64_ARGS0
#define __X64_ARGS1 regs->di
#define __X64_ARGS2 __X64_ARGS1, regs->si
#define __X64_ARGS3 __X64_ARGS2, regs->dx
#define __X64_ARGS4 __X64_ARGS3, regs->r10
#define __X64_ARGS5 __X64_ARGS4, regs->r8
#define __X64_ARGS6 __X64_ARGS5, regs->r9
/* int $0x80 passes 32-bit values: zero-extend them, as Linux does. */
#define __IA32_ARGS0
#define __IA32_ARGS1 (u32)regs->bx
#define __IA32_ARGS2 __IA32_ARGS1, (u32)regs->cx
#define __IA32_ARGS3 __IA32_ARGS2, (u32)regs->dx
#define __IA32_ARGS4 __IA32_ARGS3, (u32)regs->si
#define __IA32_ARGS5 __IA32_ARGS4, (u32)regs->di
#define __IA32_ARGS6 __IA32_ARGS5, (u32)regs->bp

#define __SYSCALL_DEFINEx(n, name, ...)					\
	static long __do_sys_##name(__MAP(n, __SC_DECL, __VA_ARGS__));	\
	static long __se_sys_##name(__MAP(n, __SC_CAST_U64, __VA_ARGS__)) \
	{								\
		return __do_sys_##name(__MAP(n, __SC_ARGS, __VA_ARGS__)); \
	}								\
	long __x64_sys_##name(const struct pt_regs *regs)		\
	{								\
		return __se_sys_##name(__X64_ARGS##n);			\
	}								\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{								\
		return __se_sys_##name(__IA32_ARGS##n);			\
	}								\
	static long __do_sys_##name(__MAP(n, __SC_DECL, __VA_ARGS__))

#define __SC_CAST_U64(t, a)	unsigned long a
#define __SC_ARGS(t, a)		(t)a

#define SYSCALL_DEFINE0(name)						\
	static long __do_sys_##name(void);				\
	long __x64_sys_##name(const struct pt_regs *regs)		\
	{								\
		return __do_sys_##name();				\
	}								\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{								\
		return __do_sys_##name();				\
	}								\
	static long __do_sys_##name(void)
#define SYSCALL_DEFINE1(name, ...) __SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) __SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) __SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) __SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) __SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) __SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#endif
