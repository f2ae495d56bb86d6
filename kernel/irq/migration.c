// SPDX-License-Identifier: MIT
/*
 * Affinity changes that wait for the next interrupt, as Linux's
 * GENERIC_PENDING_IRQ. An IOAPIC entry cannot be rewritten safely while
 * its line may fire (a level line with Remote IRR set, or an edge latched
 * with the old vector, would be delivered with a half-written entry), so
 * irq_set_affinity() on such a line only records the wish:
 * IRQD_SETAFFINITY_PENDING and desc->pending_mask. The line's chip, in
 * its ack or eoi, then calls irq_move_irq(): with the line masked and
 * desc->lock held the move is done there, on the CPU the interrupt came
 * to, where nothing else can touch the line.
 *
 * The vector level answers -EBUSY while the previous move of the line is
 * not finished (its old vector not yet given back); the wish then stays
 * pending for the interrupt after, so it is deferred and never lost.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include "internals.h"

/* desc->lock held, the line masked (or about to be EOIed with a level line held off). */
void irq_move_masked_irq(struct irq_data *idata)
{
	struct irq_desc *desc = irq_data_to_desc(idata);
	struct irq_data *data = &desc->irq_data;
	struct irq_chip *chip = data->chip;
	struct cpumask online;

	if (likely(!irqd_is_setaffinity_pending(data)))
		return;
	irqd_clr_move_pending(data);
	/* A per-CPU line has no affinity to change. */
	if (WARN_ON_ONCE(irqd_is_per_cpu(data)))
		return;
	if (unlikely(cpumask_empty(desc->pending_mask)))
		return;
	if (!chip || !chip->irq_set_affinity)
		return;
	lockdep_assert_held(&desc->lock);
	/*
	 * The wish may name only CPUs that went offline since; then it is
	 * dropped, as Linux does, and the line stays where it is.
	 */
	if (cpumask_and(&online, desc->pending_mask, cpu_online_mask)) {
		int ret = irq_do_set_affinity(data, desc->pending_mask, false);

		/* The previous move is still being cleaned up: try again next time. */
		if (ret == -EBUSY) {
			irqd_set_move_pending(data);
			return;
		}
	}
	cpumask_clear(desc->pending_mask);
}

/* The unmasked case: mask around the move unless the line is masked already. */
void __irq_move_irq(struct irq_data *idata)
{
	struct irq_desc *desc = irq_data_to_desc(idata);
	struct irq_data *data = &desc->irq_data;
	bool masked;

	/* A disabled line is masked (or lazily so); its move waits for enable_irq(). */
	if (unlikely(irqd_irq_disabled(data)))
		return;
	masked = irqd_irq_masked(data);
	if (!masked && data->chip->irq_mask)
		data->chip->irq_mask(data);
	irq_move_masked_irq(data);
	if (!masked && data->chip->irq_unmask)
		data->chip->irq_unmask(data);
}
