// SPDX-License-Identifier: MIT
/*
 * The generic halves of every interrupt and exception entry that can
 * return somewhere else than where it came from: irqentry_enter() and
 * irqentry_exit(). reflex keeps no RCU, lockdep or context-tracking state
 * for irqentry_enter() to update, so it only hands back the state.
 * irqentry_exit() is where a return to preemptible kernel code switches
 * to a more important task; a return to user mode runs its pending work
 * (reschedule, signals) on entry_64.S's exit paths, which call
 * irqentry_exit_to_user_mode().
 */
#include <linux/kernel.h>
#include <linux/entry-common.h>
#include <asm/ptrace.h>
#include <asm/irqflags.h>
#include <linux/sched.h>

irqentry_state_t irqentry_enter(struct pt_regs *regs)
{
	irqentry_state_t state = { .exit_rcu = false };

	return state;
}

/*
 * Returning to kernel code that had interrupts enabled and no preemption
 * disabled: if the interrupt made a more important task runnable, switch
 * now (full preemption). The word test folds "count 0" and "resched
 * wanted" into one comparison.
 */
void irqentry_exit(struct pt_regs *regs, irqentry_state_t state)
{
	/* Interrupts stay off until the iret restores the interrupted IF. */
	WARN_ON_ONCE(!irqs_disabled());
	/* Returns to user mode do their work in error_return's path. */
	if (user_mode(regs) || !(regs->flags & X86_EFLAGS_IF))
		return;
	if (should_resched(0) && !is_idle_task(current))
		preempt_schedule_irq();
}
