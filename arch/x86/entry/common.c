// SPDX-License-Identifier: MIT
/*
 * The C half of system-call entry and of every return to user mode.
 * do_syscall_64() dispatches SYSCALL's x86-64 table.
 * do_int80_syscall_32() serves int $0x80 with the i386 numbers;
 * do_fast_syscall_32() and do_SYSENTER_32() the same table for SYSCALL
 * and SYSENTER from compat mode; they run their own exit work (the
 * syscall-exit stop, signals and so the restart of an interrupted call)
 * while the call is still TS_COMPAT. irqentry_exit_to_user_mode() runs
 * the work due before any other return to ring 3: reschedule, then
 * signals.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>
#include <asm/segment.h>
#include <asm/ptrace.h>
#include <asm/irqflags.h>
#include <asm/processor-flags.h>
#include <linux/signal.h>
#include <linux/ptrace.h>
#include <trace/events/raw_syscalls.h>

bool signal_pending_deliverable(void);
void arch_do_signal_or_restart(struct pt_regs *regs);

/*
 * Work before returning to user mode (a reschedule, signals), looping
 * until none is left; interrupts are off on return, so nothing new can
 * slip in before the return itself.
 */
void exit_to_user_mode_prepare(struct pt_regs *regs)
{
	for (;;) {
		unsigned long work;

		local_irq_disable();
		work = READ_ONCE(current->ti_flags) & _TIF_WORK_MASK;
		if (likely(!work))
			break;
		local_irq_enable();
		if (work & (1UL << TIF_NEED_RESCHED))
			schedule();
		else if (signal_pending_deliverable())
			arch_do_signal_or_restart(regs);
		else
			recalc_sigpending_tsk(current);
	}
}

/* The slow path of every return to user mode: entry_64.S saw work flags. */
void irqentry_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_prepare(regs);
}

/*
 * A 64-bit call under ptrace (TIF_SYSCALL_TRACE or TIF_SINGLESTEP) or
 * with the raw_syscalls events on (TIF_SYSCALL_TRACEPOINT). The tracer
 * may change the number and the arguments at the entry stop: -1, or any
 * number out of range, runs nothing and returns the rax it left
 * (-ENOSYS unless it wrote another).
 */
static noinline void do_syscall_64_traced(struct pt_regs *regs)
{
	int nr = syscall_trace_enter(regs);

	if (nr != -1 && test_thread_flag(TIF_SYSCALL_TRACEPOINT))
		trace_sys_enter(regs, nr);
	if (nr >= 0 && nr < NR_syscalls)
		regs->ax = sys_call_table[nr](regs);
}

/*
 * SYSRET loads RIP from RCX and RFLAGS from R11 and the fixed 64-bit
 * user selectors: it returns what the frame says only when they agree
 * (a signal frame, ptrace or rt_sigreturn may have changed any of them).
 * It must not load a non-canonical RIP (Intel raises #GP in ring 0, on
 * the user's stack), nor TF or RF, which IRET restores exactly.
 */
static __always_inline bool sysret_restores_the_frame(struct pt_regs *regs)
{
	if (unlikely(regs->cx != regs->ip || regs->r11 != regs->flags))
		return false;
	if (unlikely(regs->cs != __USER_CS || regs->ss != __USER_DS))
		return false;
	if (unlikely(regs->ip >> 47))
		return false;
	return !(regs->flags & (X86_EFLAGS_TF | X86_EFLAGS_RF));
}

/*
 * The exit with something to do: the result's event and the exit stop
 * (interrupts on, as the call ran), then the work due before the return
 * (signals, which rewrite the frame), and the full test of the frame,
 * which exec, rt_sigreturn or a tracer (TIF_IRET) may have rewritten.
 */
static noinline bool syscall_exit_to_user_mode_slow(struct pt_regs *regs)
{
	unsigned long work = READ_ONCE(current->ti_flags);

	if (work & _TIF_SYSCALL_WORK) {
		local_irq_enable();
		if (work & (1UL << TIF_SYSCALL_TRACEPOINT))
			trace_sys_exit(regs, regs->ax);
		syscall_exit_work(regs);
		local_irq_disable();
	}
	if (work & (1UL << TIF_IRET))
		clear_thread_flag(TIF_IRET);
	exit_to_user_mode_prepare(regs);
	return sysret_restores_the_frame(regs);
}

/*
 * entry_SYSCALL_64's C half, as Linux's: the call the number names (eax,
 * zero-extended: the number is 32 bits wide; one out of range leaves
 * -ENOSYS in ax), the work due before the return to user mode, and
 * whether SYSRET may make that return (else IRET does). Interrupts are
 * on for the call and off again on return.
 *
 * With no work flag set on the way out, the frame is the one SYSCALL
 * built: RCX = RIP, R11 = RFLAGS, the 64-bit selectors, and a RIP below
 * TASK_SIZE_MAX, whose last page nobody may map. Every path that
 * rewrites a frame sets a flag that sends the exit through the full
 * test: a signal's delivery runs as work, exec and rt_sigreturn call
 * force_iret(), and a tracer writes only while its tracee is in a
 * ptrace stop, which ends with force_iret(). (Linux before 4.x made
 * the same choice, with TIF_IRET; Linux 6.x tests every frame.) Only
 * TF and RF, which user mode may hold, are left to test.
 */
__visible bool do_syscall_64(struct pt_regs *regs, unsigned long nr)
{
	local_irq_enable();
	if (unlikely(READ_ONCE(current->ti_flags) & _TIF_SYSCALL_WORK))
		do_syscall_64_traced(regs);
	else if (likely(nr < NR_syscalls))
		regs->ax = sys_call_table[nr](regs);
	local_irq_disable();
	if (unlikely(READ_ONCE(current->ti_flags) &
		     (_TIF_WORK_MASK | _TIF_SYSCALL_WORK | (1UL << TIF_IRET))))
		return syscall_exit_to_user_mode_slow(regs);
	return !(regs->flags & (X86_EFLAGS_TF | X86_EFLAGS_RF));
}

/*
 * The i386 table; the number is 32 bits wide whatever the entry. -1
 * (a tracer's "skip it") runs nothing and keeps the rax the tracer left.
 */
static __always_inline void do_syscall_32_irqs_on(struct pt_regs *regs, int nr)
{
	unsigned int unr = nr;

	if (unr < IA32_NR_syscalls && ia32_sys_call_table[unr])
		regs->ax = ia32_sys_call_table[unr](regs);
	else if (nr != -1)
		regs->ax = -ENOSYS;
}

/*
 * An i386 call from here to its end is TS_COMPAT: the syscall stops
 * report AUDIT_ARCH_I386 and the i386 registers, and a restart after a
 * signal goes through the i386 restart_syscall (0).
 */
static int syscall_32_enter(struct pt_regs *regs)
{
	current->thread.status |= TS_COMPAT;
	local_irq_enable();
	if (READ_ONCE(current->ti_flags) & _TIF_SYSCALL_WORK)
		return syscall_trace_enter(regs);
	return (int)regs->orig_ax;
}

/*
 * The exit stop, then the work before the return (signals, and so the
 * restart of an interrupted call) while the call is still known as an
 * i386 one; TS_COMPAT ends with it, as in Linux's
 * arch_exit_to_user_mode_prepare(). Returns with interrupts off.
 */
static void syscall_32_exit_to_user_mode(struct pt_regs *regs)
{
	if (READ_ONCE(current->ti_flags) & _TIF_SYSCALL_WORK)
		syscall_exit_work(regs);
	exit_to_user_mode_prepare(regs);
	current->thread.status &= ~TS_COMPAT;
}

void do_int80_syscall_32(struct pt_regs *regs)
{
	int nr = syscall_32_enter(regs);

	do_syscall_32_irqs_on(regs, nr);
	syscall_32_exit_to_user_mode(regs);
	/* error_return runs any work that came since. */
}

/*
 * SYSCALL and SYSENTER from compat mode ("fast" in Linux's words). Their
 * convention needs a register for something else (arg2 in %ebp for
 * SYSCALL, the stack pointer in %ebp for SYSENTER), so arg6 waits on the
 * user stack, where Linux's __kernel_vsyscall pushes it. A stack the
 * kernel cannot read makes the call fail with -EFAULT before it runs.
 */
void do_fast_syscall_32(struct pt_regs *regs)
{
	int nr = syscall_32_enter(regs);
	u32 arg6;

	if (get_user(arg6, (u32 __user *)(unsigned long)(u32)regs->sp)) {
		regs->ax = -EFAULT;
	} else {
		regs->bp = arg6;
		do_syscall_32_irqs_on(regs, nr);
	}
	syscall_32_exit_to_user_mode(regs);
}

/*
 * Linux returns from SYSENTER to the int $0x80 landing pad of the 32-bit
 * vDSO, which restores what __kernel_vsyscall saved. reflex maps no
 * 32-bit vDSO (it runs no i386 executables), and a 64-bit task on Linux
 * has none either: there is nowhere to return to. So the call runs, and
 * then the task gets SIGSEGV (SI_KERNEL), its context at ip 0 on the
 * stack it passed in %ebp, with the flags it entered with (TF, AC, NT
 * included), as the handler's ucontext shows.
 */
void do_SYSENTER_32(struct pt_regs *regs)
{
	regs->sp = (u32)regs->bp;
	/* SYSENTER cleared IF; ring 3 always runs with it set. */
	regs->flags |= X86_EFLAGS_IF;
	do_fast_syscall_32(regs);
	pr_info_ratelimited("%s[%d]: sysenter without a 32-bit vDSO to return to, sp:%lx\n",
			    current->comm, current->pid, regs->sp);
	force_sig_fault(SIGSEGV, SI_KERNEL, NULL);
}
