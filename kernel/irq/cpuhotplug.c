// SPDX-License-Identifier: MIT
/*
 * Interrupts and CPU hotplug, the generic half (Linux's
 * kernel/irq/cpuhotplug.c). A CPU going down moves every interrupt it
 * receives to another online CPU before it stops (fixup_irqs() in
 * arch/x86/kernel/irq.c calls irq_migrate_all_off_this_cpu() and then
 * deals with what the local APIC already latched). A managed interrupt
 * (IRQD_AFFINITY_MANAGED: its CPUs were chosen by the kernel for a queue
 * of those CPUs) is not moved outside its mask: when its last CPU goes
 * it is shut down, and it starts again when one of its CPUs comes back
 * (irq_affinity_online_cpu()).
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/irqnr.h>
#include <linux/cpumask.h>
#include <linux/cpu.h>
#include "internals.h"

/*
 * Does the line reach this CPU? Its effective affinity says where the
 * chip actually sends it; a chip that does not record one may send it
 * to any CPU of its affinity.
 */
static bool irq_needs_fixup(struct irq_data *d)
{
	const struct cpumask *m = irq_data_get_effective_affinity_mask(d);
	unsigned int cpu = smp_processor_id();

	if (cpumask_empty(m))
		m = irq_data_get_affinity_mask(d);
	return cpumask_test_cpu(cpu, m);
}

/*
 * A move requested for the line's next interrupt (IRQD_SETAFFINITY_PENDING)
 * is done now instead, if the requested CPUs include an online one; then
 * the returned true says to use desc->pending_mask. A wish naming only
 * offline CPUs is dropped. @force_clear: the request is consumed.
 */
static bool irq_fixup_move_pending(struct irq_desc *desc, bool force_clear)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);

	if (!irqd_is_setaffinity_pending(d))
		return false;
	if (!cpumask_intersects(desc->pending_mask, cpu_online_mask)) {
		irqd_clr_move_pending(d);
		return false;
	}
	if (force_clear)
		irqd_clr_move_pending(d);
	return true;
}

/*
 * Move one line off this (dying) CPU; desc->lock held, interrupts off.
 * Returns true when its affinity had no online CPU left and was
 * widened to all online CPUs ("broken").
 */
static bool migrate_one_irq(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	const struct cpumask *affinity;
	bool brokeaff = false;
	int err;

	if (!d->chip || !d->chip->irq_set_affinity)
		return false;
	/*
	 * A move still being cleaned up would keep the old vector here, on
	 * a CPU about to vanish: finish it first.
	 */
	irq_force_complete_move(desc);
	if (irqd_is_per_cpu(d) || !irqd_is_started(d) || !irq_needs_fixup(d)) {
		irq_fixup_move_pending(desc, false);
		return false;
	}
	if (irq_fixup_move_pending(desc, true))
		affinity = desc->pending_mask;
	else
		affinity = irq_data_get_affinity_mask(d);
	if (!cpumask_intersects(affinity, cpu_online_mask)) {
		if (irqd_affinity_is_managed(d)) {
			irqd_set(d, IRQD_MANAGED_SHUTDOWN);
			irq_shutdown_and_deactivate(desc);
			return false;
		}
		affinity = cpu_online_mask;
		brokeaff = true;
	}
	/* The chip takes the online part of @affinity: this CPU is no longer in it. */
	err = irq_do_set_affinity(d, affinity, false);
	if (err == -ENOSPC && !irqd_affinity_is_managed(d) && affinity != cpu_online_mask) {
		/* No vector free on the line's CPUs: any online CPU will do. */
		affinity = cpu_online_mask;
		brokeaff = true;
		err = irq_do_set_affinity(d, affinity, false);
	}
	if (err) {
		pr_warn_ratelimited("IRQ%u: set affinity failed(%d).\n", d->irq, err);
		brokeaff = false;
	}
	return brokeaff;
}

/**
 * irq_migrate_all_off_this_cpu - move every interrupt off a dying CPU
 *
 * On the dying CPU, inside stop_machine() (interrupts off everywhere),
 * after it left cpu_online_mask.
 */
void irq_migrate_all_off_this_cpu(void)
{
	unsigned int irq;

	for_each_active_irq(irq) {
		struct irq_desc *desc = irq_to_desc(irq);
		bool affinity_broken;

		if (!desc)
			continue;
		raw_spin_lock(&desc->lock);
		affinity_broken = migrate_one_irq(desc);
		raw_spin_unlock(&desc->lock);
		if (affinity_broken)
			printk_ratelimited(KERN_INFO "IRQ%u: no longer affine to CPU%u\n",
					   irq, smp_processor_id());
	}
}

/*
 * A managed line one of whose CPUs is back: start it again if the last
 * one's departure shut it down (its vector is chosen among the online
 * CPUs of its mask); desc->lock held.
 */
static void irq_restore_affinity_of_irq(struct irq_desc *desc, unsigned int cpu)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);

	if (!irqd_affinity_is_managed(d) || !desc->action || !d->chip ||
	    !cpumask_test_cpu(cpu, irq_data_get_affinity_mask(d)))
		return;
	if (!(__irqd_to_state(d) & IRQD_MANAGED_SHUTDOWN))
		return;
	irqd_clear(d, IRQD_MANAGED_SHUTDOWN);
	if (!irqd_is_activated(d) && irq_domain_activate_irq(d, false))
		return;
	irq_startup(desc, true, true);
}

/* @cpu is online again (on the controlling CPU, in task context). */
int irq_affinity_online_cpu(unsigned int cpu)
{
	unsigned int irq;

	for_each_active_irq(irq) {
		struct irq_desc *desc = irq_to_desc(irq);

		if (!desc)
			continue;
		raw_spin_lock_irq(&desc->lock);
		irq_restore_affinity_of_irq(desc, cpu);
		raw_spin_unlock_irq(&desc->lock);
	}
	return 0;
}
