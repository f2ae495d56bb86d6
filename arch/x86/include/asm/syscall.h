/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SYSCALL_H
#define _ASM_X86_SYSCALL_H

#define NR_syscalls		451
#define IA32_NR_syscalls	451

#ifndef __ASSEMBLY__
#include <linux/syscalls.h>
#include <linux/sched.h>
#include <linux/errno.h>

extern const sys_call_ptr_t sys_call_table[NR_syscalls];
extern const sys_call_ptr_t ia32_sys_call_table[IA32_NR_syscalls];

void syscall_init(void);

#define __NR_restart_syscall		219
#define __NR_ia32_restart_syscall	0

/* The system call the task is in: orig_ax as an int, -1 for none (an interrupt, a fault). */
static inline int syscall_get_nr(struct task_struct *task, struct pt_regs *regs)
{
	return regs->orig_ax;
}

/* The call came through int $0x80 (or compat SYSCALL/SYSENTER): i386 numbers and registers. */
static inline bool task_in_ia32_syscall(struct task_struct *task)
{
	return task->thread.status & TS_COMPAT;
}

/* The return value as an error, sign-extended from eax for an i386 call. */
static inline long syscall_get_error(struct task_struct *task, struct pt_regs *regs)
{
	long error = regs->ax;

	if (task_in_ia32_syscall(task))
		error = (long)(int)error;
	return IS_ERR_VALUE(error) ? error : 0;
}
#endif

#endif
