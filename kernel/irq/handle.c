// SPDX-License-Identifier: MIT
/*
 * Running a line's device actions: handle_irq_event() (called by the flow
 * handlers with desc->lock held; drops it around the actions and marks
 * the line IRQD_IRQ_INPROGRESS meanwhile) and the walk over the action
 * chain. Every action of a shared line is called, since the core cannot
 * know which device raised it; their answers are ORed and handed to the
 * spurious detector. An action that answers IRQ_WAKE_THREAD has its
 * thread woken here (__irq_wake_thread(), kernel/irq/manage.c).
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <asm/irqflags.h>
#include "internals.h"
#include <trace/events/irq.h>

/**
 * __irq_wake_thread - hand this interrupt to @action's irq thread
 *
 * In hard-IRQ context, from handle_irq_event() with desc->lock dropped.
 * A second interrupt before the thread ran is folded into the same run.
 * desc->threads_oneshot is changed without the lock; that is safe
 * because IRQD_IRQ_INPROGRESS is set until we are done, and the thread's
 * irq_finalize_oneshot() waits for it to clear before it looks:
 *
 *   CPU0 (hard IRQ)                    CPU1 (irq thread)
 *   INPROGRESS set, lock dropped
 *                                      finalize: lock, sees INPROGRESS,
 *                                      unlock, spin
 *   threads_oneshot |= mask
 *   lock, INPROGRESS cleared, unlock
 *                                      lock, RUNTHREAD set again: keep
 *                                      the line masked, run once more
 */
void __irq_wake_thread(struct irq_desc *desc, struct irqaction *action)
{
	/* free_irq() is stopping the thread: nobody would run it. */
	if (action->thread->flags & PF_EXITING)
		return;
	if (test_and_set_bit(IRQTF_RUNTHREAD, &action->thread_flags))
		return;
	desc->threads_oneshot |= action->thread_mask;
	/* Paired with the decrement when the thread is done: synchronize_irq() waits for 0. */
	atomic_inc(&desc->threads_active);
	wake_up_process(action->thread);
}

/*
 * A handler said IRQ_WAKE_THREAD without a thread function to run: a
 * driver bug, reported once per action; the answer still counts as
 * handled.
 */
static void warn_no_thread(unsigned int irq, struct irqaction *action)
{
	if (test_and_set_bit(IRQTF_WARNED, &action->thread_flags))
		return;
	pr_warn("IRQ %u device %s returned IRQ_WAKE_THREAD but no thread function available.\n",
		irq, action->name);
}

/* Kept out of line: it is the frame a handler's stack trace names, as in Linux. */
noinline irqreturn_t __handle_irq_event_percpu(struct irq_desc *desc)
{
	unsigned int irq = desc->irq_data.irq;
	irqreturn_t retval = IRQ_NONE;
	struct irqaction *action;

	for_each_action_of_desc(desc, action) {
		irqreturn_t res;

		trace_irq_handler_entry(irq, action);
		res = action->handler(irq, action->dev_id);
		trace_irq_handler_exit(irq, action, res);

		/* Hard-IRQ handlers run with interrupts off, and must return so. */
		if (WARN_ONCE(!irqs_disabled(), "irq %u handler %pS enabled interrupts\n",
			      irq, action->handler))
			local_irq_disable();

		if (res == IRQ_WAKE_THREAD) {
			if (unlikely(!action->thread_fn))
				warn_no_thread(irq, action);
			else
				__irq_wake_thread(desc, action);
		}
		retval |= res;
	}
	return retval;
}

irqreturn_t handle_irq_event_percpu(struct irq_desc *desc)
{
	irqreturn_t retval = __handle_irq_event_percpu(desc);

	if (!noirqdebug && !irq_settings_no_debug(desc))
		note_interrupt(desc, retval);
	return retval;
}

/*
 * With desc->lock held on entry and on return. The lock is dropped while
 * the actions run so that another CPU taking the same line can mark it
 * pending instead of spinning; IRQD_IRQ_INPROGRESS tells it to.
 */
irqreturn_t handle_irq_event(struct irq_desc *desc)
{
	irqreturn_t ret;

	desc->istate &= ~IRQS_PENDING;
	irqd_set(&desc->irq_data, IRQD_IRQ_INPROGRESS);
	raw_spin_unlock(&desc->lock);

	ret = handle_irq_event_percpu(desc);

	raw_spin_lock(&desc->lock);
	irqd_clear(&desc->irq_data, IRQD_IRQ_INPROGRESS);
	return ret;
}
