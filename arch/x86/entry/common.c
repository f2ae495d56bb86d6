// SPDX-License-Identifier: MIT
/*
 * The C half of system-call entry and of every return to user mode.
 * do_syscall_64() dispatches through the x86-64 table and decides
 * whether the fast SYSRET return is safe; do_int80_syscall_32() serves
 * int $0x80 with the i386 numbers. irqentry_exit_to_user_mode() runs the
 * work due before any return to ring 3: reschedule, then signals.
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

void do_int80_syscall_32(struct pt_regs *regs)
{
	unsigned int nr = regs->orig_ax;

	local_irq_enable();
	if (nr < IA32_NR_syscalls && ia32_sys_call_table[nr])
		regs->ax = ia32_sys_call_table[nr](regs);
	else
		regs->ax = -ENOSYS;
	local_irq_disable();
	/* error_return runs the exit-to-user work. */
}
