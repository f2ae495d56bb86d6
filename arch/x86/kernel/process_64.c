// SPDX-License-Identifier: MIT
/*
 * The x86 half of task switching and creation, and the FS and GS bases
 * (arch_prctl). __switch_to() finishes a switch begun in __switch_to_asm:
 * it makes the new task current, points the TSS's sp0 (and the #DF guard
 * check) at its stack and gives it its TLS slots, DS and ES, I/O ports
 * (its mm brings the LDT), hardware breakpoints, FPU state and FS and GS
 * bases. A new
 * kernel thread's stack is built so that the first switch to it lands in
 * ret_from_fork_asm → ret_from_fork(), which finishes the switch and
 * calls the thread function — the order a Linux stack trace shows.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/preempt.h>
#include <asm/switch_to.h>
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/bootinfo.h>
#include <asm/fpu.h>
#include <asm/fsgsbase.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/debugreg.h>
#include <linux/mm_types.h>
#include <asm/mmu_context.h>
#include <asm/io_bitmap.h>

_Static_assert(__builtin_offsetof(struct task_struct, thread.sp) == TASK_threadsp,
	       "TASK_threadsp must match struct task_struct");

DEFINE_PER_CPU(struct task_struct *, current_task);
DECLARE_PER_CPU(unsigned long, cpu_current_top_of_stack);
DECLARE_PER_CPU(struct tss_struct, cpu_tss_rw);

DEFINE_PER_CPU(unsigned long, cpu_user_rsp_scratch);

/*
 * Linux's save_fsgs(): the selectors the user loaded into FS and GS (a
 * TLS, LDT or GDT one; null as a rule), and the bases. With FSGSBASE the
 * user may have moved the bases since it last entered the kernel: take
 * them from the CPU. Without it a null selector's base is the one
 * arch_prctl kept in thread.fsbase/gsbase, and a non-null one's is its
 * descriptor's, which loading the selector again brings back (0 here).
 */
static void save_fsgs(struct task_struct *task)
{
	savesegment(fs, task->thread.fsindex);
	savesegment(gs, task->thread.gsindex);
	if (x86_fsgsbase_enabled) {
		task->thread.fsbase = rdfsbase();
		task->thread.gsbase = x86_gsbase_read_cpu_inactive();
		return;
	}
	if (task->thread.fsindex)
		task->thread.fsbase = 0;
	if (task->thread.gsindex)
		task->thread.gsbase = 0;
}

/*
 * The next task's selectors and bases. A selector is loaded only when
 * the CPU's or the task's is non-null (loading reads a descriptor; the
 * CPU's is the last user task's, kernel threads leave it alone); the
 * base is written after it, except without FSGSBASE for a non-null
 * selector, whose base the descriptor gave.
 */
static void load_fsgs(struct task_struct *next)
{
	struct thread_struct *n = &next->thread;
	bool fsgsbase = x86_fsgsbase_enabled;
	unsigned short fs, gs;

	savesegment(fs, fs);
	savesegment(gs, gs);
	if (fs | n->fsindex)
		loadsegment(fs, n->fsindex);
	if (fsgsbase || !n->fsindex)
		x86_fsbase_write_cpu(n->fsbase);
	if (gs | n->gsindex)
		load_gs_index(n->gsindex);
	if (fsgsbase || !n->gsindex)
		x86_gsbase_write_cpu_inactive(n->gsbase);
}

/*
 * The user half of the switch: FPU registers and the FS and GS bases
 * belong to the user task (a task with an FPU image is one). The page
 * tables are switch_mm_irqs_off()'s business (a kernel thread keeps
 * whatever is loaded, lazily: arch/x86/mm/tlb.c).
 */
static void switch_user_state(struct task_struct *prev, struct task_struct *next)
{
	if (prev->fpu)
		save_fsgs(prev);
	switch_fpu(prev->fpu, next->fpu);
	if (next->mm)
		load_fsgs(next);
}

/*
 * DS and ES: loading one reads its descriptor, so only when either task
 * has a selector there (a task that ran compat-mode code or loaded an
 * LDT or TLS selector, as Linux). One whose entry was cleared meanwhile
 * loads as the null selector (loadsegment()).
 */
static void switch_data_segments(struct task_struct *prev, struct task_struct *next)
{
	savesegment(es, prev->thread.es);
	if (prev->thread.es | next->thread.es)
		loadsegment(es, next->thread.es);
	savesegment(ds, prev->thread.ds);
	if (prev->thread.ds | next->thread.ds)
		loadsegment(ds, next->thread.ds);
}

/*
 * A task's hardware breakpoints are armed while it runs, and only then:
 * DR7 is loaded when the next task has any and cleared when only the
 * previous one had. Most switches touch no debug register at all.
 */
static void switch_debugregs(struct task_struct *prev, struct task_struct *next)
{
	int i;

	if (next->thread.debugreg7) {
		for (i = 0; i < 4; i++)
			set_debugreg(next->thread.debugreg[i], i);
		set_debugreg(next->thread.debugreg7, 7);
	} else if (prev->thread.debugreg7) {
		set_debugreg(0, 7);
	}
}

/*
 * The LDT (with the mm) and the TLS slots are loaded before DS and ES,
 * whose selectors may name either.
 */
/* Not graph-traced: it is entered on one task's stack and returns on the other's. */
notrace struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	if (next->mm)
		switch_mm_irqs_off(prev->mm, next->mm, next);
	else
		enter_lazy_tlb(prev->mm, next);
	load_TLS(next);
	switch_data_segments(prev, next);
	switch_to_io_bitmap(prev, next);
	switch_debugregs(prev, next);
	if (prev->fpu || next->mm)
		switch_user_state(prev, next);
	this_cpu_write(current_task, next);
	this_cpu_write(cpu_current_top_of_stack, next->thread.sp0);
	this_cpu_ptr(&cpu_tss_rw)->x86_tss.sp0 = next->thread.sp0;
	return prev;
}

void ret_from_fork_asm(void);
void schedule_tail(struct task_struct *prev);
__noreturn void kthread_exit(int code);

/* A kernel thread runs fn; a user task (fn NULL) returns, to ret_to_user_mode. */
void ret_from_fork(struct task_struct *prev, int (*fn)(void *), void *arg)
{
	schedule_tail(prev);
	if (fn)
		kthread_exit(fn(arg));
}

/*
 * fork: the child returns to user mode with the parent's registers and 0.
 * copy_thread() already built its first frame with no thread function,
 * which is what sends ret_from_fork_asm on to user mode.
 */
void copy_thread_user(struct task_struct *p, const struct pt_regs *parent_regs)
{
	struct pt_regs *regs = task_pt_regs(p);

	*regs = *parent_regs;
	regs->ax = 0;
	savesegment(es, p->thread.es);
	savesegment(ds, p->thread.ds);
	savesegment(fs, p->thread.fsindex);
	savesegment(gs, p->thread.gsindex);
	p->thread.fsbase = x86_fsbase_read_task(current);
	p->thread.gsbase = x86_gsbase_read_task(current);
	copy_thread_segments(p);
}

/* Build the stack a new task is first switched to. */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long top = (unsigned long)p->stack + THREAD_SIZE;
	struct inactive_task_frame *frame;

	/*
	 * Room for a pt_regs at the top, as every task has: a kernel thread
	 * that execs a program (init) returns to user mode through it.
	 */
	frame = (struct inactive_task_frame *)(top - sizeof(struct pt_regs) - sizeof(*frame));
	memset(frame, 0, sizeof(*frame));
	frame->bx = (unsigned long)fn;
	frame->r12 = (unsigned long)arg;
	frame->bp = 0;				/* the end of the frame-pointer chain */
	frame->ret_addr = (unsigned long)ret_from_fork_asm;
	p->thread.sp = (unsigned long)frame;
	p->thread.sp0 = top;
}

/* --- FS and GS bases: arch_prctl -------------------------------------------- */

unsigned long x86_fsbase_read_task(struct task_struct *task)
{
	return task == current ? x86_fsbase_read_cpu() : task->thread.fsbase;
}

unsigned long x86_gsbase_read_task(struct task_struct *task)
{
	return task == current ? x86_gsbase_read_cpu_inactive() : task->thread.gsbase;
}

/* For current the CPU too, with preemption off so that a switch cannot save the old value back. */
void x86_fsbase_write_task(struct task_struct *task, unsigned long fsbase)
{
	preempt_disable();
	if (task == current)
		x86_fsbase_write_cpu(fsbase);
	task->thread.fsbase = fsbase;
	preempt_enable();
}

void x86_gsbase_write_task(struct task_struct *task, unsigned long gsbase)
{
	preempt_disable();
	if (task == current)
		x86_gsbase_write_cpu_inactive(gsbase);
	task->thread.gsbase = gsbase;
	preempt_enable();
}

/* uapi/asm/prctl.h */
#define ARCH_SET_GS		0x1001
#define ARCH_SET_FS		0x1002
#define ARCH_GET_FS		0x1003
#define ARCH_GET_GS		0x1004

/**
 * do_arch_prctl_64 - the FS and GS base options of arch_prctl
 *
 * A base at or above TASK_SIZE_MAX is refused with -EPERM, as Linux
 * refuses it, although WRFSBASE would take any canonical value: a user
 * who wants one there has the instruction. Returns -EINVAL for options
 * not about the bases.
 */
static long do_arch_prctl_64(struct task_struct *task, int option, unsigned long arg2)
{
	switch (option) {
	/* Setting a base sets the selector to null too, as on Linux. */
	case ARCH_SET_GS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		preempt_disable();
		if (task == current)
			load_gs_index(0);
		task->thread.gsindex = 0;
		x86_gsbase_write_task(task, arg2);
		preempt_enable();
		return 0;
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		preempt_disable();
		if (task == current)
			loadsegment(fs, 0);
		task->thread.fsindex = 0;
		x86_fsbase_write_task(task, arg2);
		preempt_enable();
		return 0;
	case ARCH_GET_FS:
		return put_user(x86_fsbase_read_task(task), (unsigned long *)arg2);
	case ARCH_GET_GS:
		return put_user(x86_gsbase_read_task(task), (unsigned long *)arg2);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	long ret = do_arch_prctl_64(current, option, arg2);

	if (ret == -EINVAL)
		ret = fpu_xstate_prctl(option, arg2);
	return ret;
}
