// SPDX-License-Identifier: MIT
/*
 * The driver interface of the generic IRQ layer: installing and removing
 * actions (request_threaded_irq(), free_irq()) with Linux's sharing rules,
 * enable_irq()/disable_irq() with a nesting depth, synchronize_irq(), and
 * affinity. Threaded handlers (thread_fn, IRQF_ONESHOT threads) are a
 * later issue; requesting one fails with -ENOSYS rather than silently
 * running the thread function in hard-IRQ context.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/interrupt.h>
#include "internals.h"

/* --- enable / disable ------------------------------------------------------ */

void __disable_irq(struct irq_desc *desc)
{
	if (!desc->depth++)
		irq_disable(desc);
}

/*
 * Undoes one __disable_irq(). The last one starts the line rather than
 * just enabling it: a line requested with IRQF_NO_AUTOEN was never
 * started. irq_startup() also replays an edge that came in meanwhile.
 */
void __enable_irq(struct irq_desc *desc)
{
	switch (desc->depth) {
	case 0:
		WARN(1, "Unbalanced enable for IRQ %u\n", irq_desc_get_irq(desc));
		break;
	case 1:
		if (desc->istate & IRQS_SUSPENDED) {
			WARN(1, "Unbalanced enable for IRQ %u\n", irq_desc_get_irq(desc));
			break;
		}
		irq_settings_set_noprobe(desc);
		irq_startup(desc, IRQ_RESEND, IRQ_START_FORCE);
		break;
	default:
		desc->depth--;
	}
}

static int __disable_irq_nosync(unsigned int irq)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	__disable_irq(desc);
	irq_put_desc_unlock(desc, flags);
	return 0;
}

/**
 * disable_irq_nosync - disable a line without waiting for its handlers
 *
 * Disables nest: every call needs its enable_irq(). Safe from the line's
 * own handler, unlike disable_irq().
 */
void disable_irq_nosync(unsigned int irq)
{
	__disable_irq_nosync(irq);
}

/**
 * disable_irq - disable a line and wait until its handlers are done
 *
 * Calling this from the line's own handler deadlocks; use
 * disable_irq_nosync() there.
 */
void disable_irq(unsigned int irq)
{
	if (!__disable_irq_nosync(irq))
		synchronize_irq(irq);
}

/* Undoes one disable_irq(); an edge that arrived meanwhile is replayed. */
void enable_irq(unsigned int irq)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return;
	if (!WARN(!desc->irq_data.chip, "enable_irq before setup/request_irq: irq %u\n", irq))
		__enable_irq(desc);
	irq_put_desc_unlock(desc, flags);
	resend_irqs();
}

/* --- synchronisation ------------------------------------------------------- */

static void __synchronize_hardirq(struct irq_desc *desc)
{
	unsigned long flags;
	bool inprogress;

	do {
		while (irqd_irq_inprogress(&desc->irq_data))
			cpu_relax();
		/* The unlocked test can be stale; decide under the lock. */
		raw_spin_lock_irqsave(&desc->lock, flags);
		inprogress = irqd_irq_inprogress(&desc->irq_data);
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	} while (inprogress);
}

/*
 * Waits until no CPU runs @irq's hard handlers. Returns whether threaded
 * handlers are idle too, which they always are until irq threads exist.
 */
bool synchronize_hardirq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (desc)
		__synchronize_hardirq(desc);
	return true;
}

/*
 * Waits for the handlers of @irq to finish on every CPU. Calling it from
 * that line's handler, or with desc->lock held, deadlocks.
 */
void synchronize_irq(unsigned int irq)
{
	synchronize_hardirq(irq);
}

/* --- affinity -------------------------------------------------------------- */

/* Asks the chip to route the line to @mask and records it; desc->lock held. */
int irq_do_set_affinity(struct irq_data *data, const struct cpumask *mask, bool force)
{
	struct irq_desc *desc = irq_data_to_desc(data);
	struct irq_chip *chip = data->chip;
	int ret;

	if (!chip || !chip->irq_set_affinity)
		return -EINVAL;
	if (!force && !cpumask_intersects(mask, cpu_online_mask))
		return -EINVAL;

	ret = chip->irq_set_affinity(data, mask, force);
	switch (ret) {
	case IRQ_SET_MASK_OK:
	case IRQ_SET_MASK_OK_DONE:
		cpumask_copy(desc->irq_common_data.affinity, mask);
		/* fall through */
	case IRQ_SET_MASK_OK_NOCOPY:
		ret = 0;
	}
	return ret;
}

static int __irq_set_affinity(unsigned int irq, const struct cpumask *mask, bool force)
{
	struct irq_desc *desc;
	unsigned long flags;
	int ret;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	ret = irq_do_set_affinity(&desc->irq_data, mask, force);
	if (!ret)
		irqd_set(&desc->irq_data, IRQD_AFFINITY_SET);
	irq_put_desc_unlock(desc, flags);
	return ret;
}

/* Routes @irq to the CPUs of @cpumask (at least one of them online). */
int irq_set_affinity(unsigned int irq, const struct cpumask *cpumask)
{
	return __irq_set_affinity(irq, cpumask, false);
}

/* As irq_set_affinity(), for CPU bring-up: the CPUs need not be online yet. */
int irq_force_affinity(unsigned int irq, const struct cpumask *cpumask)
{
	return __irq_set_affinity(irq, cpumask, true);
}

bool irq_can_set_affinity(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc && irqd_can_balance(&desc->irq_data) &&
	       desc->irq_data.chip && desc->irq_data.chip->irq_set_affinity;
}

/* --- installing and removing actions --------------------------------------- */

/*
 * A line can be shared only when both actions ask for it and agree on the
 * trigger type (a level line cannot be half edge), on ONESHOT and on
 * per-CPU-ness. When the line has no type yet, the newcomer's becomes it.
 */
static bool irq_can_share(struct irq_desc *desc, struct irqaction *old,
			  struct irqaction *new)
{
	unsigned int oldtype;

	if (irqd_trigger_type_was_set(&desc->irq_data)) {
		oldtype = irqd_get_trigger_type(&desc->irq_data);
	} else {
		oldtype = new->flags & IRQF_TRIGGER_MASK;
		irqd_set_trigger_type(&desc->irq_data, oldtype);
	}

	if (!(old->flags & new->flags & IRQF_SHARED) ||
	    oldtype != (new->flags & IRQF_TRIGGER_MASK))
		return false;
	if ((old->flags & IRQF_ONESHOT) && (new->flags & IRQF_COND_ONESHOT))
		new->flags |= IRQF_ONESHOT;
	else if ((old->flags ^ new->flags) & IRQF_ONESHOT)
		return false;
	return (old->flags & IRQF_PERCPU) == (new->flags & IRQF_PERCPU);
}

/* The first action on a line: set its type and mode, then start it. */
static int irq_setup_first_action(struct irq_desc *desc, struct irqaction *new)
{
	int ret;

	if (new->flags & IRQF_TRIGGER_MASK) {
		ret = __irq_set_trigger(desc, new->flags & IRQF_TRIGGER_MASK);
		if (ret)
			return ret;
	}
	/* The line must have a path to a CPU even if it is not started yet. */
	ret = irq_activate(desc);
	if (ret)
		return ret;

	desc->istate &= ~(IRQS_AUTODETECT | IRQS_SPURIOUS_DISABLED |
			  IRQS_ONESHOT | IRQS_WAITING);
	irqd_clear(&desc->irq_data, IRQD_IRQ_INPROGRESS);

	if (new->flags & IRQF_PERCPU) {
		irqd_set(&desc->irq_data, IRQD_PER_CPU);
		irq_settings_set_per_cpu(desc);
		if (new->flags & IRQF_NO_DEBUG)
			irq_settings_set_no_debug(desc);
	}
	if (noirqdebug)
		irq_settings_set_no_debug(desc);
	if (new->flags & IRQF_ONESHOT)
		desc->istate |= IRQS_ONESHOT;
	if (new->flags & IRQF_NOBALANCING) {
		irq_settings_set_no_balancing(desc);
		irqd_set(&desc->irq_data, IRQD_NO_BALANCING);
	}

	if (!(new->flags & IRQF_NO_AUTOEN) && irq_settings_can_autoenable(desc)) {
		irq_startup(desc, IRQ_RESEND, IRQ_START_COND);
	} else {
		/* A sharer could never see the line enabled. */
		WARN_ON_ONCE(new->flags & IRQF_SHARED);
		desc->depth = 1;
	}
	return 0;
}

static int __setup_irq(unsigned int irq, struct irq_desc *desc, struct irqaction *new)
{
	struct irqaction *old, **old_ptr;
	unsigned long flags;
	bool shared = false;
	int ret = 0;

	if (desc->irq_data.chip == &no_irq_chip)
		return -ENOSYS;
	new->irq = irq;
	if ((desc->irq_data.chip->flags & IRQCHIP_ONESHOT_SAFE))
		new->flags &= ~IRQF_ONESHOT;

	raw_spin_lock_irqsave(&desc->lock, flags);
	old_ptr = &desc->action;
	old = *old_ptr;
	if (old) {
		if (!irq_can_share(desc, old, new))
			goto mismatch;
		while (*old_ptr)
			old_ptr = &(*old_ptr)->next;
		shared = true;
	} else {
		ret = irq_setup_first_action(desc, new);
		if (ret)
			goto out_unlock;
	}

	*old_ptr = new;
	/* A new handler gets a fresh chance with the spurious detector. */
	desc->irq_count = 0;
	desc->irqs_unhandled = 0;
	if (shared && (desc->istate & IRQS_SPURIOUS_DISABLED)) {
		desc->istate &= ~IRQS_SPURIOUS_DISABLED;
		__enable_irq(desc);
	}
	goto out_unlock;

mismatch:
	if (!(new->flags & IRQF_PROBE_SHARED))
		pr_err("Flags mismatch irq %u. %08x (%s) vs. %08x (%s)\n",
		       irq, new->flags, new->name, old->flags, old->name);
	ret = -EBUSY;
out_unlock:
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	resend_irqs();
	return ret;
}

/* Linux's rules for flag combinations that can never work. */
static bool irq_flags_invalid(unsigned long flags, void *dev_id)
{
	if (flags & IRQF_SHARED)
		return !dev_id || (flags & IRQF_NO_AUTOEN);
	return flags & IRQF_COND_SUSPEND;
}

/**
 * request_threaded_irq - install a handler on a line
 * @irq:	Linux IRQ number (not a vector, not a GSI)
 * @handler:	hard-IRQ handler
 * @thread_fn:	threaded handler; must be NULL until irq threads exist
 * @flags:	IRQF_*
 * @name:	device name for /proc/interrupts; the pointer is kept
 * @dev:	cookie for @handler and for free_irq(); required when shared
 *
 * The first action on a line sets its trigger type and starts it.
 * Returns 0; -EINVAL for a bad request or an unknown line; -ENOSYS for a
 * line without a chip, or a thread_fn; -EBUSY when the line is taken and
 * cannot be shared; -ENOMEM.
 */
int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev)
{
	struct irqaction *action;
	struct irq_desc *desc;
	int ret;

	if (irq == IRQ_NOTCONNECTED)
		return -ENOTCONN;
	if (irq_flags_invalid(flags, dev))
		return -EINVAL;
	desc = irq_to_desc(irq);
	if (!desc)
		return -EINVAL;
	if (!irq_settings_can_request(desc) ||
	    WARN_ON(irq_settings_is_per_cpu_devid(desc)))
		return -EINVAL;
	if (!handler && !thread_fn)
		return -EINVAL;
	/* Threaded handlers arrive with irq threads (a later issue). */
	if (thread_fn)
		return -ENOSYS;

	action = kzalloc(sizeof(*action), GFP_KERNEL);
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->flags = flags;
	action->name = name;
	action->dev_id = dev;

	ret = __setup_irq(irq, desc, action);
	if (ret)
		kfree(action);
	return ret;
}

/*
 * Unlinks the action of @dev_id; the last one to go shuts the line down.
 * Returns the action, still allocated, or NULL when there was none.
 */
static struct irqaction *__free_irq(struct irq_desc *desc, void *dev_id)
{
	unsigned int irq = irq_desc_get_irq(desc);
	struct irqaction *action, **action_ptr;
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	for (action_ptr = &desc->action; (action = *action_ptr); action_ptr = &action->next)
		if (action->dev_id == dev_id)
			break;
	if (!action) {
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		WARN(1, "Trying to free already-free IRQ %u\n", irq);
		return NULL;
	}
	*action_ptr = action->next;
	if (!desc->action)
		irq_shutdown(desc);
	raw_spin_unlock_irqrestore(&desc->lock, flags);

	/* Another CPU may still be inside this very handler. */
	synchronize_hardirq(irq);

	if (!desc->action) {
		raw_spin_lock_irqsave(&desc->lock, flags);
		irq_domain_deactivate_irq(&desc->irq_data);
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	return action;
}

/**
 * free_irq - remove the handler installed with @dev_id
 *
 * Waits until the handler is no longer running anywhere. Returns the
 * name it was requested with (drivers that allocated it free it), or
 * NULL with a warning when @dev_id has no action on @irq.
 */
const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action;
	const char *devname;

	if (!desc || WARN_ON(irq_settings_is_per_cpu_devid(desc)))
		return NULL;
	action = __free_irq(desc, dev_id);
	if (!action)
		return NULL;
	devname = action->name;
	kfree(action);
	return devname;
}
