/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H

/*
 * ptrace: Linux's request numbers, options and events (uapi/linux/ptrace.h)
 * and the task->ptrace bits (linux/ptrace.h) kernel/ptrace.c keeps.
 */
#include <linux/types.h>
#include <linux/signal.h>

#define PTRACE_TRACEME		0
#define PTRACE_PEEKTEXT		1
#define PTRACE_PEEKDATA		2
#define PTRACE_PEEKUSR		3
#define PTRACE_POKETEXT		4
#define PTRACE_POKEDATA		5
#define PTRACE_POKEUSR		6
#define PTRACE_CONT		7
#define PTRACE_KILL		8
#define PTRACE_SINGLESTEP	9
#define PTRACE_GETREGS		12
#define PTRACE_SETREGS		13
#define PTRACE_GETFPREGS	14
#define PTRACE_SETFPREGS	15
#define PTRACE_ATTACH		16
#define PTRACE_DETACH		17
#define PTRACE_SYSCALL		24
#define PTRACE_SETOPTIONS	0x4200
#define PTRACE_GETEVENTMSG	0x4201
#define PTRACE_GETSIGINFO	0x4202
#define PTRACE_SETSIGINFO	0x4203
#define PTRACE_SEIZE		0x4206
#define PTRACE_INTERRUPT	0x4207
#define PTRACE_LISTEN		0x4208
#define PTRACE_PEEKSIGINFO	0x4209
#define PTRACE_GETSIGMASK	0x420a
#define PTRACE_SETSIGMASK	0x420b
#define PTRACE_GET_SYSCALL_INFO	0x420e

#define PTRACE_PEEKSIGINFO_SHARED	(1 << 0)

#define PTRACE_EVENTMSG_SYSCALL_ENTRY	1
#define PTRACE_EVENTMSG_SYSCALL_EXIT	2

#define PTRACE_O_TRACESYSGOOD	0x00000001
#define PTRACE_O_TRACEFORK	0x00000002
#define PTRACE_O_TRACEVFORK	0x00000004
#define PTRACE_O_TRACECLONE	0x00000008
#define PTRACE_O_TRACEEXEC	0x00000010
#define PTRACE_O_TRACEVFORKDONE	0x00000020
#define PTRACE_O_TRACEEXIT	0x00000040
#define PTRACE_O_TRACESECCOMP	0x00000080
#define PTRACE_O_EXITKILL	0x00100000
#define PTRACE_O_SUSPEND_SECCOMP 0x00200000
#define PTRACE_O_MASK		(0x000000ff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP)

#define PTRACE_EVENT_FORK	1
#define PTRACE_EVENT_VFORK	2
#define PTRACE_EVENT_CLONE	3
#define PTRACE_EVENT_EXEC	4
#define PTRACE_EVENT_VFORK_DONE	5
#define PTRACE_EVENT_EXIT	6
#define PTRACE_EVENT_STOP	128

/* task->ptrace: traced, how, and the options shifted up past the state bits. */
#define PT_PTRACED		0x00000001
#define PT_SEIZED		0x00010000
#define PT_OPT_FLAG_SHIFT	3
#define PT_EVENT_FLAG(event)	(1u << (PT_OPT_FLAG_SHIFT + (event)))
#define PT_TRACESYSGOOD		(PTRACE_O_TRACESYSGOOD << PT_OPT_FLAG_SHIFT)
#define PT_EXITKILL		(PTRACE_O_EXITKILL << PT_OPT_FLAG_SHIFT)
#define PT_OPT_MASK		(PTRACE_O_MASK << PT_OPT_FLAG_SHIFT)

struct task_struct;
struct pt_regs;

void ptrace_init_task(struct task_struct *p);
void ptrace_link_new_task(struct task_struct *p, int trace);
int ptrace_clone_event(unsigned long clone_flags, int exit_signal);
void ptrace_event(int event, unsigned long message);
void ptrace_stop(int exit_code, int why, unsigned long message, siginfo_t *info);
int ptrace_signal(int signr, siginfo_t *info);
long syscall_trace_enter(struct pt_regs *regs);
void syscall_exit_work(struct pt_regs *regs);
void __ptrace_unlink(struct task_struct *child);
void exit_ptrace(struct task_struct *tracer);
bool ptrace_traced_by(struct task_struct *child, struct task_struct *tracer);

/* arch/x86/kernel/ptrace.c */
long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
		 unsigned long data);
void user_disable_single_step(struct task_struct *child);
void user_enable_single_step(struct task_struct *child);

/* mm/process_vm_access.c */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len,
		      bool write);

#endif
