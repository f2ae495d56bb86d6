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

bool signal_pending_deliverable(void);
void arch_do_signal_or_restart(struct pt_regs *regs);

/* Work before returning to user mode, with interrupts off on return. */
void exit_to_user_mode_prepare(struct pt_regs *regs)
{
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			schedule();
			continue;
		}
		if (signal_pending_deliverable()) {
			local_irq_enable();
			arch_do_signal_or_restart(regs);
			continue;
		}
		break;
	}
}

void irqentry_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_prepare(regs);
}

/*
 * SYSRET restores RIP from RCX and RFLAGS from R11, and on Intel a
 * non-canonical RIP faults in ring 0 on the user's stack: only use it
 * when the registers say exactly what IRET would restore.
 */
static bool syscall_can_sysret(struct pt_regs *regs)
{
	if (regs->cx != regs->ip || regs->r11 != regs->flags)
		return false;
	if (regs->ip >= TASK_SIZE_MAX)
		return false;
	if (regs->cs != __USER_CS || regs->ss != __USER_DS)
		return false;
	return !(regs->flags & (X86_EFLAGS_TF | (1UL << 16) /* RF */));
}

bool do_syscall_64(struct pt_regs *regs, long nr)
{
	local_irq_enable();
	if ((unsigned long)nr < NR_syscalls && sys_call_table[nr])
		regs->ax = sys_call_table[nr](regs);
	else
		regs->ax = -ENOSYS;
	exit_to_user_mode_prepare(regs);
	return syscall_can_sysret(regs);
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
