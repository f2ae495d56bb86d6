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
 * Moving a live MSI between vectors on real hardware needs Linux's
 * intermediate-vector dance (msi_set_affinity()), because the device may
 * fire between the two halves of the update. reflex writes the new
 * message, then frees the old vector; an MSI in flight in that window is
 * counted as an unowned vector (ERR in /proc/interrupts), not lost silently.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/msi.h>
#include <asm/hw_irq.h>
#include <asm/msi.h>

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
	chip->irq_set_affinity = msi_domain_set_affinity;
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
