// SPDX-License-Identifier: MIT
/*
 * Replaying an edge that arrived while its line could not take it
 * (IRQS_PENDING, set by the flow handlers). Level lines are never
 * replayed: the level is still asserted when they are unmasked.
 *
 * The preferred replay is in hardware: the line's chip, or the nearest
 * chip below it in the hierarchy, re-raises the interrupt (on x86 the
 * vector domain sends the vector to itself as an IPI). Without one, the
 * line is queued here and its flow handler is called from resend_irqs().
 * Linux runs that from a tasklet; reflex calls resend_irqs() directly
 * from enable_irq() and request_threaded_irq() once they have dropped
 * desc->lock (the flow handler takes it), with interrupts disabled as a
 * real interrupt would have them, so the replay is over when they return
 * rather than whenever the tasklet gets to run.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <asm/irqflags.h>
#include "internals.h"

#define BITS_PER_WORD	(8 * sizeof(unsigned long))

static unsigned long irqs_resend[NR_IRQS / BITS_PER_WORD];
static DEFINE_RAW_SPINLOCK(irq_resend_lock);

static void resend_mark(unsigned int irq, bool set)
{
	unsigned long bit = 1UL << (irq % BITS_PER_WORD);

	if (set)
		irqs_resend[irq / BITS_PER_WORD] |= bit;
	else
		irqs_resend[irq / BITS_PER_WORD] &= ~bit;
}

/* Takes one queued IRQ off the list; -1 when it is empty. */
static int resend_pop(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(irqs_resend); i++) {
		if (irqs_resend[i]) {
			unsigned int irq = i * BITS_PER_WORD + __builtin_ctzl(irqs_resend[i]);

			resend_mark(irq, false);
			return irq;
		}
	}
	return -1;
}

/* Runs the flow handler of every queued line, as if it had fired again. */
void resend_irqs(void)
{
	unsigned long flags;
	int irq;

	raw_spin_lock_irqsave(&irq_resend_lock, flags);
	while ((irq = resend_pop()) >= 0) {
		struct irq_desc *desc = irq_to_desc(irq);

		raw_spin_unlock(&irq_resend_lock);
		if (desc)
			desc->handle_irq(desc);
		raw_spin_lock(&irq_resend_lock);
	}
	raw_spin_unlock_irqrestore(&irq_resend_lock, flags);
}

/* Drops a queued replay of a line being shut down. */
void clear_irq_resend(struct irq_desc *desc)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_resend_lock, flags);
	resend_mark(irq_desc_get_irq(desc), false);
	raw_spin_unlock_irqrestore(&irq_resend_lock, flags);
}

static int irq_sw_resend(struct irq_desc *desc)
{
	unsigned long flags;

	/* Its handler insists on real hard-IRQ context, which we cannot give. */
	if (irqd_is_handle_enforce_irqctx(&desc->irq_data))
		return -EINVAL;
	raw_spin_lock_irqsave(&irq_resend_lock, flags);
	resend_mark(irq_desc_get_irq(desc), true);
	raw_spin_unlock_irqrestore(&irq_resend_lock, flags);
	return 0;
}

/* 1 when the line's chip, or one below it, re-raised the interrupt. */
static int try_retrigger(struct irq_desc *desc)
{
	if (desc->irq_data.chip->irq_retrigger)
		return desc->irq_data.chip->irq_retrigger(&desc->irq_data);
	return irq_chip_retrigger_hierarchy(&desc->irq_data);
}

/**
 * check_irq_resend - replay a pending edge; desc->lock held
 * @inject:	replay even when nothing is pending
 *
 * Returns 0 when nothing was needed or a replay is on its way (marked
 * IRQS_REPLAY so that a second request does not queue another),
 * -EINVAL for a level line, -EBUSY when a replay is already pending.
 */
int check_irq_resend(struct irq_desc *desc, bool inject)
{
	int err = 0;

	if (irq_settings_is_level(desc)) {
		desc->istate &= ~IRQS_PENDING;
		return -EINVAL;
	}
	if (desc->istate & IRQS_REPLAY)
		return -EBUSY;
	if (!(desc->istate & IRQS_PENDING) && !inject)
		return 0;

	desc->istate &= ~IRQS_PENDING;
	if (!try_retrigger(desc))
		err = irq_sw_resend(desc);
	if (!err)
		desc->istate |= IRQS_REPLAY;
	return err;
}
