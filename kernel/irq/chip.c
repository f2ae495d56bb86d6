// SPDX-License-Identifier: MIT
/*
 * Setting up a line (chip, flow handler, trigger type), the internal
 * start/stop/enable/disable/mask operations that keep IRQD_* state and
 * the chip in step, and the flow handlers: each one sequences ack, mask,
 * unmask and EOI the way its kind of line needs, and calls the device
 * actions through handle_irq_event(). Drivers never ack or EOI; the chip
 * does what the flow handler asks.
 *
 * Disabling is lazy, as in Linux: irq_disable() only marks the line
 * disabled unless the chip has irq_disable (or the line is
 * IRQ_DISABLE_UNLAZY). An interrupt that still arrives is then masked by
 * the flow handler and remembered as IRQS_PENDING, to be replayed by
 * enable_irq() (kernel/irq/resend.c). That keeps the common case — a
 * short disable with no interrupt — free of two chip accesses.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <linux/irqdomain.h>
#include "internals.h"

/* --- setting a line up ---------------------------------------------------- */

int irq_set_chip(unsigned int irq, const struct irq_chip *chip)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	desc->irq_data.chip = (struct irq_chip *)(chip ? chip : &no_irq_chip);
	irq_put_desc_unlock(desc, flags);
	return 0;
}

int irq_set_handler_data(unsigned int irq, void *data)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	desc->irq_common_data.handler_data = data;
	irq_put_desc_unlock(desc, flags);
	return 0;
}

int irq_set_chip_data(unsigned int irq, void *data)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	desc->irq_data.chip_data = data;
	irq_put_desc_unlock(desc, flags);
	return 0;
}

int irq_set_irq_type(unsigned int irq, unsigned int type)
{
	struct irq_desc *desc;
	unsigned long flags;
	int ret;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	ret = __irq_set_trigger(desc, type);
	irq_put_desc_unlock(desc, flags);
	return ret;
}

/* Records the type the chip accepted, in the state and in the settings. */
static void irq_record_trigger(struct irq_desc *desc)
{
	u32 type = irqd_get_trigger_type(&desc->irq_data);

	irq_settings_set_trigger_mask(desc, type);
	irqd_clear(&desc->irq_data, IRQD_LEVEL);
	irq_settings_clr_level(desc);
	if (type & IRQ_TYPE_LEVEL_MASK) {
		irq_settings_set_level(desc);
		irqd_set(&desc->irq_data, IRQD_LEVEL);
	}
}

/*
 * Asks the chip to switch @desc to trigger type @flags; a chip without
 * irq_set_type has one fixed type, which is not an error. Called with
 * desc->lock held.
 */
int __irq_set_trigger(struct irq_desc *desc, unsigned long flags)
{
	struct irq_chip *chip = desc->irq_data.chip;
	bool unmask = false;
	int ret;

	if (!chip || !chip->irq_set_type)
		return 0;

	if (chip->flags & IRQCHIP_SET_TYPE_MASKED) {
		if (!irqd_irq_masked(&desc->irq_data))
			mask_irq(desc);
		unmask = !irqd_irq_disabled(&desc->irq_data);
	}

	flags &= IRQ_TYPE_SENSE_MASK;
	ret = chip->irq_set_type(&desc->irq_data, flags);
	switch (ret) {
	case IRQ_SET_MASK_OK:
	case IRQ_SET_MASK_OK_DONE:
		irqd_clear(&desc->irq_data, IRQD_TRIGGER_MASK);
		irqd_set(&desc->irq_data, flags);
		/* fall through */
	case IRQ_SET_MASK_OK_NOCOPY:
		irq_record_trigger(desc);
		ret = 0;
		break;
	default:
		pr_err("Setting trigger mode %lu for irq %u failed (%pS)\n",
		       flags, irq_desc_get_irq(desc), chip->irq_set_type);
	}
	if (unmask)
		unmask_irq(desc);
	return ret;
}

/*
 * With a hierarchy, the top level's chip may not be set yet while a lower
 * one is; the handler can still be installed, the line just cannot start.
 */
static bool irq_has_some_chip(struct irq_desc *desc)
{
	struct irq_data *d;

	for (d = &desc->irq_data; d; d = d->parent_data)
		if (d->chip && d->chip != &no_irq_chip)
			return true;
	return false;
}

static void __irq_do_set_handler(struct irq_desc *desc, irq_flow_handler_t handle,
				 int is_chained, const char *name)
{
	if (!handle) {
		handle = handle_bad_irq;
	} else if (WARN_ON(!irq_has_some_chip(desc))) {
		return;
	}

	/* Uninstalling: leave the line masked and disabled, ready to be reused. */
	if (handle == handle_bad_irq) {
		if (desc->irq_data.chip != &no_irq_chip)
			mask_ack_irq(desc);
		irq_state_set_disabled(desc);
		if (is_chained)
			desc->action = NULL;
		desc->depth = 1;
	}
	desc->handle_irq = handle;
	desc->name = name;

	if (handle != handle_bad_irq && is_chained) {
		irq_settings_set(desc, IRQ_NOPROBE | IRQ_NOREQUEST | IRQ_NOTHREAD);
		irq_activate(desc);
		irq_startup(desc, IRQ_RESEND, IRQ_START_FORCE);
	}
}

void __irq_set_handler(unsigned int irq, irq_flow_handler_t handle,
		       int is_chained, const char *name)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return;
	__irq_do_set_handler(desc, handle, is_chained, name);
	irq_put_desc_unlock(desc, flags);
}

/* @name is the flow's name /proc/interrupts shows: "edge", "fasteoi" ... */
void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name)
{
	irq_set_chip(irq, chip);
	__irq_set_handler(irq, handle, 0, name);
}

/* --- start, stop, enable, disable, mask: all with desc->lock held ---------- */

void mask_irq(struct irq_desc *desc)
{
	if (irqd_irq_masked(&desc->irq_data))
		return;
	if (desc->irq_data.chip->irq_mask) {
		desc->irq_data.chip->irq_mask(&desc->irq_data);
		irq_state_set_masked(desc);
	}
}

void unmask_irq(struct irq_desc *desc)
{
	if (!irqd_irq_masked(&desc->irq_data))
		return;
	if (desc->irq_data.chip->irq_unmask) {
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
		irq_state_clr_masked(desc);
	}
}

/*
 * The end of a ONESHOT line's threaded handling. A chip that delays the
 * EOI until then (IRQCHIP_EOI_THREADED) gets it now, before the unmask.
 */
void unmask_threaded_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (chip->flags & IRQCHIP_EOI_THREADED)
		chip->irq_eoi(&desc->irq_data);
	unmask_irq(desc);
}

/* One chip access where the chip offers the combined operation. */
void mask_ack_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (chip->irq_mask_ack) {
		chip->irq_mask_ack(&desc->irq_data);
		irq_state_set_masked(desc);
		return;
	}
	mask_irq(desc);
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
}

void irq_enable(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (!irqd_irq_disabled(&desc->irq_data)) {
		unmask_irq(desc);
		return;
	}
	irq_state_clr_disabled(desc);
	if (chip->irq_enable) {
		chip->irq_enable(&desc->irq_data);
		irq_state_clr_masked(desc);
	} else {
		unmask_irq(desc);
	}
}

static void __irq_disable(struct irq_desc *desc, bool mask)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (irqd_irq_disabled(&desc->irq_data)) {
		if (mask)
			mask_irq(desc);
		return;
	}
	irq_state_set_disabled(desc);
	if (chip->irq_disable) {
		chip->irq_disable(&desc->irq_data);
		irq_state_set_masked(desc);
	} else if (mask) {
		mask_irq(desc);
	}
}

/* Lazy unless the chip or the line asks otherwise; see the top of the file. */
void irq_disable(struct irq_desc *desc)
{
	__irq_disable(desc, irq_settings_disable_unlazy(desc));
}

/* Programs the hardware path of the line (e.g. its vector) before startup. */
int irq_activate(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);

	if (irqd_affinity_is_managed(d))
		return 0;
	return irq_domain_activate_irq(d, false);
}

static int __irq_startup(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	int ret = 0;

	WARN_ON_ONCE(!irqd_is_activated(d));
	if (d->chip->irq_startup) {
		ret = d->chip->irq_startup(d);
		irq_state_clr_disabled(desc);
		irq_state_clr_masked(desc);
	} else {
		irq_enable(desc);
	}
	irq_state_set_started(desc);
	return ret;
}

enum {
	IRQ_STARTUP_NORMAL,
	IRQ_STARTUP_MANAGED,
	IRQ_STARTUP_ABORT,
};

/*
 * A managed line starts only with a CPU of its mask online; then it is
 * activated (its reserved vector taken on one of them). Otherwise it
 * stays shut down until one comes up (kernel/irq/cpuhotplug.c).
 */
static int __irq_startup_managed(struct irq_desc *desc, const struct cpumask *aff, bool force)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);

	if (!irqd_affinity_is_managed(d))
		return IRQ_STARTUP_NORMAL;
	irqd_clear(d, IRQD_MANAGED_SHUTDOWN);
	if (!cpumask_intersects(aff, cpu_online_mask)) {
		WARN_ON_ONCE(force);
		return IRQ_STARTUP_ABORT;
	}
	/* Its vectors are reserved: activation cannot run out of them. */
	if (WARN_ON(irq_domain_activate_irq(d, false)))
		return IRQ_STARTUP_ABORT;
	return IRQ_STARTUP_MANAGED;
}

/**
 * irq_startup - bring a line into service, or re-enable a started one
 * @resend:	replay an edge that arrived while the line was off
 * @force:	the caller insists (enable_irq()); a managed line with no CPU of its
 *		mask online still stays shut down, with a warning
 *
 * Clears the disable depth: the caller decides when that is right
 * (the first request_irq(), or the enable_irq() that balances the last
 * disable_irq()).
 */
int irq_startup(struct irq_desc *desc, bool resend, bool force)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	const struct cpumask *aff = irq_data_get_affinity_mask(d);
	bool pre = d->chip->flags & IRQCHIP_AFFINITY_PRE_STARTUP;
	int ret = 0;

	desc->depth = 0;
	if (irqd_is_started(d)) {
		irq_enable(desc);
	} else {
		switch (__irq_startup_managed(desc, aff, force)) {
		case IRQ_STARTUP_NORMAL:
			if (pre)
				irq_setup_affinity(desc);
			ret = __irq_startup(desc);
			if (!pre)
				irq_setup_affinity(desc);
			break;
		case IRQ_STARTUP_MANAGED:
			irq_do_set_affinity(d, aff, false);
			ret = __irq_startup(desc);
			break;
		case IRQ_STARTUP_ABORT:
			irqd_set(d, IRQD_MANAGED_SHUTDOWN);
			return 0;
		}
	}
	if (resend)
		check_irq_resend(desc, false);
	return ret;
}

void irq_shutdown(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (!irqd_is_started(&desc->irq_data))
		return;
	clear_irq_resend(desc);
	desc->depth = 1;
	if (chip->irq_shutdown) {
		chip->irq_shutdown(&desc->irq_data);
		irq_state_set_disabled(desc);
		irq_state_set_masked(desc);
	} else {
		__irq_disable(desc, true);
	}
	irq_state_clr_started(desc);
}

void irq_shutdown_and_deactivate(struct irq_desc *desc)
{
	irq_shutdown(desc);
	irq_domain_deactivate_irq(&desc->irq_data);
}

/* --- flow handlers ---------------------------------------------------------- */

/*
 * False while the line's handlers are running on another CPU: the core
 * never runs one line's actions twice at once.
 */
static bool irq_may_run(struct irq_desc *desc)
{
	return !irqd_has_set(&desc->irq_data, IRQD_IRQ_INPROGRESS | IRQD_WAKEUP_ARMED);
}

static bool irq_can_run_now(struct irq_desc *desc)
{
	return desc->action && !irqd_irq_disabled(&desc->irq_data);
}

/**
 * handle_edge_irq - flow for edge-triggered lines (IO-APIC edge, MSI)
 *
 * An edge is a one-off event: lose it and the device may wait forever.
 * So an edge that arrives while the line is disabled, or while its
 * handlers run on another CPU, is acked (so the controller can latch the
 * next one), masked and marked IRQS_PENDING:
 *
 *   CPU0                          CPU1
 *   handle_edge_irq()
 *     ack, INPROGRESS
 *     handlers run ...            edge arrives: handle_edge_irq()
 *                                   PENDING, mask + ack, return
 *     loop sees PENDING:
 *     unmask, run handlers again
 *
 * A pending edge on a disabled line is replayed by enable_irq().
 */
void handle_edge_irq(struct irq_desc *desc)
{
	raw_spin_lock(&desc->lock);
	desc->istate &= ~(IRQS_REPLAY | IRQS_WAITING);

	if (!irq_may_run(desc) || !irq_can_run_now(desc)) {
		desc->istate |= IRQS_PENDING;
		mask_ack_irq(desc);
		goto out_unlock;
	}

	kstat_incr_irqs_this_cpu(desc);
	desc->irq_data.chip->irq_ack(&desc->irq_data);

	do {
		if (unlikely(!desc->action)) {
			mask_irq(desc);
			goto out_unlock;
		}
		/* Masked by an edge that came in while we ran: open it again. */
		if (unlikely(desc->istate & IRQS_PENDING) &&
		    !irqd_irq_disabled(&desc->irq_data) &&
		    irqd_irq_masked(&desc->irq_data))
			unmask_irq(desc);

		handle_irq_event(desc);
	} while ((desc->istate & IRQS_PENDING) && !irqd_irq_disabled(&desc->irq_data));

out_unlock:
	raw_spin_unlock(&desc->lock);
}

/*
 * Unmask after a level line's handlers ran, unless it was disabled
 * meanwhile or a ONESHOT thread still has to run.
 */
static void cond_unmask_irq(struct irq_desc *desc)
{
	if (!irqd_irq_disabled(&desc->irq_data) &&
	    irqd_irq_masked(&desc->irq_data) && !desc->threads_oneshot)
		unmask_irq(desc);
}

/**
 * handle_level_irq - flow for level-triggered lines on mask/ack controllers
 *
 * The line stays asserted until the device is serviced, so it is masked
 * and acked first (or it would fire again at once) and unmasked after the
 * handlers ran. Nothing is lost while it is disabled: the level is still
 * there when it is unmasked, so no PENDING replay is needed.
 */
void handle_level_irq(struct irq_desc *desc)
{
	raw_spin_lock(&desc->lock);
	mask_ack_irq(desc);

	if (!irq_may_run(desc))
		goto out_unlock;
	desc->istate &= ~(IRQS_REPLAY | IRQS_WAITING);

	if (unlikely(!irq_can_run_now(desc))) {
		desc->istate |= IRQS_PENDING;
		goto out_unlock;
	}

	kstat_incr_irqs_this_cpu(desc);
	handle_irq_event(desc);
	cond_unmask_irq(desc);

out_unlock:
	raw_spin_unlock(&desc->lock);
}

static void cond_unmask_eoi_irq(struct irq_desc *desc, struct irq_chip *chip)
{
	if (!(desc->istate & IRQS_ONESHOT)) {
		chip->irq_eoi(&desc->irq_data);
		return;
	}
	if (!irqd_irq_disabled(&desc->irq_data) &&
	    irqd_irq_masked(&desc->irq_data) && !desc->threads_oneshot) {
		chip->irq_eoi(&desc->irq_data);
		unmask_irq(desc);
	} else if (!(chip->flags & IRQCHIP_EOI_THREADED)) {
		chip->irq_eoi(&desc->irq_data);
	}
}

/**
 * handle_fasteoi_irq - flow for controllers that only need an EOI
 *
 * The IO-APIC with a local APIC, MSI: the controller itself holds the
 * line off until the EOI, so there is no ack and no mask on the fast
 * path, and exactly one EOI on every path (unless the chip asks for
 * none on an unhandled line, IRQCHIP_EOI_IF_HANDLED).
 */
void handle_fasteoi_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	raw_spin_lock(&desc->lock);

	/* An affinity change can bring the next one to a new CPU early. */
	if (!irq_may_run(desc)) {
		if (irqd_needs_resend_when_in_progress(&desc->irq_data))
			desc->istate |= IRQS_PENDING;
		goto out_eoi;
	}
	desc->istate &= ~(IRQS_REPLAY | IRQS_WAITING);

	if (unlikely(!irq_can_run_now(desc))) {
		desc->istate |= IRQS_PENDING;
		mask_irq(desc);
		goto out_eoi;
	}

	kstat_incr_irqs_this_cpu(desc);
	if (desc->istate & IRQS_ONESHOT)
		mask_irq(desc);

	handle_irq_event(desc);
	cond_unmask_eoi_irq(desc, chip);

	if (unlikely(desc->istate & IRQS_PENDING))
		check_irq_resend(desc, false);
	raw_spin_unlock(&desc->lock);
	return;

out_eoi:
	if (!(chip->flags & IRQCHIP_EOI_IF_HANDLED))
		chip->irq_eoi(&desc->irq_data);
	raw_spin_unlock(&desc->lock);
}

/**
 * handle_percpu_irq - flow for lines private to each CPU (local APIC timer)
 *
 * Each CPU has its own copy of the line, so there is nothing to serialise
 * and no desc->lock; the line is never disabled through the core.
 */
void handle_percpu_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);

	__kstat_incr_irqs_this_cpu(desc);
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
	handle_irq_event_percpu(desc);
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

/**
 * handle_simple_irq - flow with no chip operations at all
 *
 * For lines demultiplexed in software, whose parent flow already did the
 * hardware handshake.
 */
void handle_simple_irq(struct irq_desc *desc)
{
	raw_spin_lock(&desc->lock);
	if (!irq_may_run(desc))
		goto out_unlock;
	desc->istate &= ~(IRQS_REPLAY | IRQS_WAITING);

	if (unlikely(!irq_can_run_now(desc))) {
		desc->istate |= IRQS_PENDING;
		goto out_unlock;
	}
	kstat_incr_irqs_this_cpu(desc);
	handle_irq_event(desc);
out_unlock:
	raw_spin_unlock(&desc->lock);
}

/* The flow of a line nobody set up: count it and let the arch ack it. */
void handle_bad_irq(struct irq_desc *desc)
{
	unsigned int irq = irq_desc_get_irq(desc);

	print_irq_desc(irq, desc);
	kstat_incr_irqs_this_cpu(desc);
	ack_bad_irq(irq);
}

/* x86 overrides this to EOI the local APIC; the default only reports. */
__weak void ack_bad_irq(unsigned int irq)
{
	pr_crit("unexpected IRQ trap at vector %02x\n", irq);
}

/* --- hierarchy helpers: the chip of one level forwards to the level below -- */

void irq_chip_ack_parent(struct irq_data *data)
{
	data = data->parent_data;
	data->chip->irq_ack(data);
}

void irq_chip_mask_parent(struct irq_data *data)
{
	data = data->parent_data;
	data->chip->irq_mask(data);
}

void irq_chip_unmask_parent(struct irq_data *data)
{
	data = data->parent_data;
	data->chip->irq_unmask(data);
}

void irq_chip_eoi_parent(struct irq_data *data)
{
	data = data->parent_data;
	data->chip->irq_eoi(data);
}

void irq_chip_enable_parent(struct irq_data *data)
{
	data = data->parent_data;
	if (data->chip->irq_enable)
		data->chip->irq_enable(data);
	else
		data->chip->irq_unmask(data);
}

void irq_chip_disable_parent(struct irq_data *data)
{
	data = data->parent_data;
	if (data->chip->irq_disable)
		data->chip->irq_disable(data);
	else
		data->chip->irq_mask(data);
}

int irq_chip_set_affinity_parent(struct irq_data *data,
				 const struct cpumask *dest, bool force)
{
	data = data->parent_data;
	if (data->chip->irq_set_affinity)
		return data->chip->irq_set_affinity(data, dest, force);
	return -ENOSYS;
}

int irq_chip_set_type_parent(struct irq_data *data, unsigned int type)
{
	data = data->parent_data;
	if (data->chip->irq_set_type)
		return data->chip->irq_set_type(data, type);
	return -ENOSYS;
}

/* The nearest level below that can retrigger does it; 0 when none can. */
int irq_chip_retrigger_hierarchy(struct irq_data *data)
{
	for (data = data->parent_data; data; data = data->parent_data)
		if (data->chip && data->chip->irq_retrigger)
			return data->chip->irq_retrigger(data);
	return 0;
}
