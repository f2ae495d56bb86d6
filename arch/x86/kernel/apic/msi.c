// SPDX-License-Identifier: MIT
/*
 * x86's part of MSI: what a message means here and who composes it. The
 * per-device PCI-MSI and PCI-MSIX domains (drivers/pci/msi/irqdomain.c)
 * sit directly on the vector domain, as in Linux 6.x where the vector
 * domain is the MSI parent. The vector domain owns each line's (CPU,
 * vector) and therefore composes the message: the destination APIC ID
 * goes into the address, the vector into the data, delivered fixed, in
 * physical destination mode, edge-triggered (SDM Vol. 3A 11.11).
 *
 * Without interrupt remapping the destination is the xAPIC's 8-bit ID,
 * so CPUs with APIC IDs above 255 cannot receive MSIs here; and a device
 * gets a single MSI vector (no multi-message MSI), as on Linux x86.
 *
 * Moving a line (msi_set_affinity(), as Linux's): an MSI-X entry, or an
 * MSI with per-vector mask bits, is rewritten while masked, from any
 * context (IRQD_MOVE_PCNTXT). A plain MSI cannot be masked, and its
 * address (destination) and data (vector) are two separate config
 * writes: a message the device sends between them would carry the new
 * vector to the old CPU or the old vector to the new one. So such a line
 * moves at its next interrupt, on its current CPU, in two steps: first
 * the new vector on the current CPU (marked VECTOR_RETRIGGERED there if
 * nothing owns it, so a stray hit is not "No irq handler"), then the new
 * CPU; if an interrupt hit the intermediate vector meanwhile (the local
 * IRR says so), it is replayed on the new target.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/msi.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/irq.h>
#include <asm/msi.h>
#include <asm/smp.h>

void __irq_msi_compose_msg(struct irq_cfg *cfg, struct msi_msg *msg, bool dmar)
{
	memset(msg, 0, sizeof(*msg));
	msg->arch_addr_lo.base_address = X86_MSI_BASE_ADDRESS_LOW;
	msg->arch_addr_lo.dest_mode_logical = 0;
	msg->arch_addr_lo.redirect_hint = 0;
	msg->arch_addr_lo.destid_0_7 = cfg->dest_apicid & 0xff;
	msg->arch_data.delivery_mode = 0;	/* fixed */
	msg->arch_data.is_level = 0;
	msg->arch_data.vector = cfg->vector;
	/* Above 255 needs remapping (dmar) or the extended destination ID; neither exists here. */
	WARN_ON_ONCE(cfg->dest_apicid > 0xff && !dmar);
}

/* The vector domain's irq_compose_msi_msg: the line's current CPU and vector. */
static void x86_vector_msi_compose_msg(struct irq_data *data, struct msi_msg *msg)
{
	__irq_msi_compose_msg(irqd_cfg(data), msg, false);
}

static void irq_msi_update_msg(struct irq_data *irqd, struct irq_cfg *cfg)
{
	struct msi_msg msg;

	__irq_msi_compose_msg(cfg, &msg, false);
	irq_data_get_irq_chip(irqd)->irq_write_msi_msg(irqd, &msg);
}

static bool msi_line_can_mask(struct irq_data *irqd)
{
	struct msi_desc *desc = irq_data_get_msi_desc(irqd);

	return desc && (desc->pci.msi_attrib.is_msix || desc->pci.msi_attrib.can_mask);
}

static int msi_set_affinity(struct irq_data *irqd, const struct cpumask *mask, bool force)
{
	struct irq_cfg old_cfg, *cfg = irqd_cfg(irqd);
	struct irq_data *parent = irqd->parent_data;
	unsigned int cpu;
	int ret;

	cpu = cpumask_first(irq_data_get_effective_affinity_mask(irqd));
	old_cfg = *cfg;

	ret = parent->chip->irq_set_affinity(parent, mask, force);
	if (ret < 0 || ret == IRQ_SET_MASK_OK_DONE)
		return ret;

	/*
	 * One write is enough when the line can be masked (the entry is
	 * written masked), when only one of vector and CPU changed, when
	 * the line was on the managed shutdown vector, or when it has not
	 * started yet.
	 */
	if (msi_line_can_mask(irqd) || cfg->vector == old_cfg.vector ||
	    old_cfg.vector == MANAGED_IRQ_SHUTDOWN_VECTOR || !irqd_is_started(irqd) ||
	    cfg->dest_apicid == old_cfg.dest_apicid) {
		irq_msi_update_msg(irqd, cfg);
		return ret;
	}
	/* The two-step move is only safe on the line's current CPU, in its interrupt. */
	if (WARN_ON_ONCE(cpu != smp_processor_id())) {
		irq_msi_update_msg(irqd, cfg);
		return ret;
	}

	lock_vector_lock();
	if (this_cpu_ptr(&vector_irq)[0][cfg->vector] == VECTOR_UNUSED ||
	    this_cpu_ptr(&vector_irq)[0][cfg->vector] == VECTOR_SHUTDOWN)
		this_cpu_ptr(&vector_irq)[0][cfg->vector] = VECTOR_RETRIGGERED;
	/* Step one: the new vector, still on this CPU. */
	old_cfg.vector = cfg->vector;
	irq_msi_update_msg(irqd, &old_cfg);
	/* Step two: the new CPU. */
	irq_msi_update_msg(irqd, cfg);
	unlock_vector_lock();

	/* Interrupts are off here: a message that hit step one waits in this CPU's IRR. */
	if (apic_read_irr(cfg->vector))
		irq_data_get_irq_chip(irqd)->irq_retrigger(irqd);
	return ret;
}

struct irq_domain *arch_msi_parent_domain(void)
{
	return x86_vector_domain;
}

void arch_msi_prepare(struct irq_alloc_info *info, struct msi_desc *desc)
{
	memset(info, 0, sizeof(*info));
	info->type = desc->pci.msi_attrib.is_msix ? X86_IRQ_ALLOC_TYPE_PCI_MSIX
						  : X86_IRQ_ALLOC_TYPE_PCI_MSI;
	info->msi.desc = desc;
}

/*
 * As Linux's x86_init_dev_msi_info(): the vector is chosen before the
 * line is unmasked, so the first message the device gets is the final one.
 */
void arch_msi_init_chip(struct irq_chip *chip)
{
	chip->irq_set_affinity = msi_set_affinity;
	chip->flags |= IRQCHIP_AFFINITY_PRE_STARTUP;
}

/*
 * Linux declares the compose callback in the vector domain's chip
 * (vector.c); until reflex's vector.c does, it is attached here, once,
 * before any MSI domain exists.
 */
int arch_msi_init(void)
{
	if (!x86_vector_domain)
		return -ENODEV;
	lapic_controller.irq_compose_msi_msg = x86_vector_msi_compose_msg;
	return 0;
}
