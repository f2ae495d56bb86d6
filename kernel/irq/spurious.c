// SPDX-License-Identifier: MIT
/*
 * The stuck-line detector. A line whose handlers keep saying IRQ_NONE is
 * asserted by something nobody services (a device without a driver, a
 * wrong trigger type, a mis-routed pin) and will eat the CPU. Linux's
 * rule: look at windows of 100,000 interrupts that contain an unhandled
 * one; if more than 99,900 of them were unhandled, report the line
 * ("nobody cared") and disable it. The count of unhandled ones restarts
 * when the previous one is more than 100 ms old, so an occasional
 * spurious interrupt over months never adds up to a disable.
 * "noirqdebug" on the command line turns the detector off. The irqpoll
 * and irqfixup recovery modes are not implemented.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <linux/sched/clock.h>
#include <asm/kdebug.h>
#include "internals.h"

#define SPURIOUS_WINDOW		100000
#define SPURIOUS_THRESHOLD	99900
#define UNHANDLED_AGING_NS	(100 * 1000 * 1000ULL)

bool noirqdebug;

static int __init noirqdebug_setup(char *str)
{
	noirqdebug = true;
	pr_info("IRQ lockup detection disabled\n");
	return 0;
}
__setup("noirqdebug", noirqdebug_setup);

/* Anything but a combination of IRQ_HANDLED and IRQ_WAKE_THREAD. */
static bool bad_action_ret(irqreturn_t action_ret)
{
	return (unsigned int)action_ret > (IRQ_HANDLED | IRQ_WAKE_THREAD);
}

static void __report_bad_irq(struct irq_desc *desc, irqreturn_t action_ret)
{
	unsigned int irq = irq_desc_get_irq(desc);
	struct irqaction *action;
	unsigned long flags;

	if (bad_action_ret(action_ret))
		pr_err("irq event %u: bogus return value %x\n", irq, action_ret);
	else
		pr_err("irq %u: nobody cared (try booting with the \"irqpoll\" option)\n", irq);
	dump_stack();
	pr_err("handlers:\n");

	raw_spin_lock_irqsave(&desc->lock, flags);
	for_each_action_of_desc(desc, action)
		pr_err("[<%p>] %ps\n", action->handler, action->handler);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

/* A driver returning garbage is reported, at most 100 times per boot. */
static void report_bad_irq(struct irq_desc *desc, irqreturn_t action_ret)
{
	static int count = 100;

	if (count > 0) {
		count--;
		__report_bad_irq(desc, action_ret);
	}
}

static void note_unhandled(struct irq_desc *desc)
{
	u64 now = local_clock();

	if (now - desc->last_unhandled > UNHANDLED_AGING_NS)
		desc->irqs_unhandled = 1;
	else
		desc->irqs_unhandled++;
	desc->last_unhandled = now;
}

static void disable_stuck_irq(struct irq_desc *desc, irqreturn_t action_ret)
{
	__report_bad_irq(desc, action_ret);
	pr_emerg("Disabling IRQ #%u\n", irq_desc_get_irq(desc));
	desc->istate |= IRQS_SPURIOUS_DISABLED;
	desc->depth++;
	irq_disable(desc);
}

/*
 * When the hard handlers only woke threads, whether the device was
 * handled is known only once the threads have run. So such an interrupt
 * is judged one interrupt late: handled if threads_handled grew since the
 * previous one. The first of a run of them is not judged at all (false).
 * A line stuck asserted still reaches the threshold, one interrupt late.
 */
#define SPURIOUS_DEFERRED	0x80000000u

static bool threaded_verdict(struct irq_desc *desc, irqreturn_t *action_ret)
{
	unsigned int handled;

	if (*action_ret != IRQ_WAKE_THREAD) {
		desc->threads_handled_last &= ~SPURIOUS_DEFERRED;
		return true;
	}
	if (!(desc->threads_handled_last & SPURIOUS_DEFERRED)) {
		desc->threads_handled_last |= SPURIOUS_DEFERRED;
		return false;
	}
	handled = (unsigned int)atomic_read(&desc->threads_handled) | SPURIOUS_DEFERRED;
	if (handled != desc->threads_handled_last) {
		desc->threads_handled_last = handled;
		*action_ret = IRQ_HANDLED;
	} else {
		*action_ret = IRQ_NONE;
	}
	return true;
}

/**
 * note_interrupt - account one interrupt's outcome to the stuck-line detector
 * @action_ret:	the ORed answers of the line's actions
 *
 * Called after every interrupt (unless noirqdebug). Windows only start
 * counting at an unhandled interrupt, so a healthy line costs one test.
 */
void note_interrupt(struct irq_desc *desc, irqreturn_t action_ret)
{
	if ((desc->istate & IRQS_POLL_INPROGRESS) || irq_settings_is_polled(desc))
		return;
	if (bad_action_ret(action_ret)) {
		report_bad_irq(desc, action_ret);
		return;
	}
	if (!threaded_verdict(desc, &action_ret))
		return;
	if (unlikely(action_ret == IRQ_NONE))
		note_unhandled(desc);

	if (likely(!desc->irqs_unhandled))
		return;
	if (likely(++desc->irq_count < SPURIOUS_WINDOW))
		return;

	desc->irq_count = 0;
	if (unlikely(desc->irqs_unhandled > SPURIOUS_THRESHOLD))
		disable_stuck_irq(desc, action_ret);
	desc->irqs_unhandled = 0;
}
