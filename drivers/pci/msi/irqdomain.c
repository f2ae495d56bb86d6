// SPDX-License-Identifier: MIT
/*
 * One irq domain per device and mode, as Linux 6.x builds them: a
 * PCI-MSI or PCI-MSIX domain stacked on the arch's MSI parent (x86: the
 * vector domain), whose hwirq is the vector's MSI index. Its chip is
 * named after the mode and the device, so /proc/interrupts reads as on
 * Linux 6.2 and later:
 *
 *	 24:  7   PCI-MSI-0000:00:04.0    0-edge      edu
 *	 25:  3   PCI-MSIX-0000:00:05.0   0-edge      e1000e-rx0
 *
 * Lines use handle_edge_irq: an MSI is a write, there is nothing to hold
 * a level. Ack is the parent's (the local APIC EOI); mask and unmask are
 * the device's per-vector bits (msi.c). Messages are written when the
 * line is activated, which happens at allocation, so the device never
 * holds a stale message; a later affinity change rewrites it.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include <asm/hw_irq.h>

/* What a device's MSI domain owns: its chip and the names it is known by. */
struct pci_msi_domain_data {
	struct irq_chip		chip;
	struct fwnode_handle	fwnode;
	char			name[32];
};

static void pci_msi_domain_write_msg(struct irq_data *data, struct msi_msg *msg)
{
	__pci_write_msi_msg(irq_data_get_msi_desc(data), msg);
}

static int pci_msi_domain_alloc(struct irq_domain *domain, unsigned int virq,
				unsigned int nr_irqs, void *arg)
{
	struct pci_msi_domain_data *md = domain->host_data;
	struct irq_alloc_info *info = arg;
	struct msi_desc *desc = info->msi.desc;
	int ret;

	if (nr_irqs != 1)
		return -EINVAL;
	ret = irq_domain_alloc_irqs_parent(domain, virq, nr_irqs, info);
	if (ret)
		return ret;
	irq_domain_set_info(domain, virq, desc->msi_index, &md->chip, desc,
			    handle_edge_irq, NULL, "edge");
	irq_get_irq_data(virq)->common->msi_desc = desc;
	/*
	 * A line the device can mask may be moved from any context; a plain
	 * MSI moves at its next interrupt (arch/x86/kernel/apic/msi.c).
	 */
	if (desc->pci.msi_attrib.is_msix || desc->pci.msi_attrib.can_mask)
		irqd_set_move_pcntxt(irq_get_irq_data(virq));
	desc->irq = virq;
	return 0;
}

static void pci_msi_domain_free(struct irq_domain *domain, unsigned int virq,
				unsigned int nr_irqs)
{
	struct irq_data *d = irq_domain_get_irq_data(domain, virq);

	if (d)
		d->common->msi_desc = NULL;
	irq_domain_free_irqs_top(domain, virq, nr_irqs);
}

static int pci_msi_domain_activate(struct irq_domain *domain, struct irq_data *data, bool reserve)
{
	struct msi_msg msg;
	int ret = irq_chip_compose_msi_msg(data, &msg);

	if (ret)
		return ret;
	pci_msi_domain_write_msg(data, &msg);
	return 0;
}

/* A zero message cannot raise anything: address 0 is no local APIC. */
static void pci_msi_domain_deactivate(struct irq_domain *domain, struct irq_data *data)
{
	struct msi_msg msg;

	memset(&msg, 0, sizeof(msg));
	pci_msi_domain_write_msg(data, &msg);
}

static const struct irq_domain_ops pci_msi_domain_ops = {
	.alloc		= pci_msi_domain_alloc,
	.free		= pci_msi_domain_free,
	.activate	= pci_msi_domain_activate,
	.deactivate	= pci_msi_domain_deactivate,
};

static void pci_msi_init_chip(struct pci_msi_domain_data *md)
{
	struct irq_chip *chip = &md->chip;

	chip->name = md->name;
	chip->irq_mask = pci_msi_mask_irq;
	chip->irq_unmask = pci_msi_unmask_irq;
	chip->irq_ack = irq_chip_ack_parent;
	chip->irq_retrigger = irq_chip_retrigger_hierarchy;
	chip->irq_write_msi_msg = pci_msi_domain_write_msg;
	chip->flags = IRQCHIP_ONESHOT_SAFE;
	arch_msi_init_chip(chip);
}

static struct irq_domain *pci_create_device_domain(struct pci_dev *dev, bool msix,
						   unsigned int hwsize)
{
	struct pci_msi_domain_data *md = kzalloc(sizeof(*md), GFP_KERNEL);
	struct irq_domain *domain;

	if (!md)
		return NULL;
	snprintf(md->name, sizeof(md->name), "%s-%s", msix ? "PCI-MSIX" : "PCI-MSI",
		 pci_name(dev));
	md->fwnode.name = md->name;
	pci_msi_init_chip(md);
	domain = irq_domain_create_hierarchy(arch_msi_parent_domain(), IRQ_DOMAIN_FLAG_MSI_DEVICE,
					     hwsize, &md->fwnode, &pci_msi_domain_ops, md);
	if (!domain) {
		kfree(md);
		return NULL;
	}
	irq_domain_update_bus_token(domain, DOMAIN_BUS_PCI_MSI);
	return domain;
}

static void pci_remove_device_domain(struct pci_dev *dev)
{
	struct irq_domain *domain = dev->msi_domain;
	struct pci_msi_domain_data *md;

	if (!domain)
		return;
	md = domain->host_data;
	irq_domain_remove(domain);
	kfree(md);
	dev->msi_domain = NULL;
}

/*
 * A Linux IRQ and a CPU vector for each of @dev's descriptors, each line
 * activated at once (its message written) but left masked.
 */
int pci_msi_setup_msi_irqs(struct pci_dev *dev, int nvec, bool msix)
{
	struct irq_alloc_info info;
	struct msi_desc *desc;
	int virq, ret;

	if (!arch_msi_parent_domain())
		return -ENODEV;
	dev->msi_domain = pci_create_device_domain(dev, msix,
						   msix ? pci_msix_vec_count(dev) : 32);
	if (!dev->msi_domain)
		return -ENOMEM;
	for_each_pci_msi_entry(desc, dev) {
		arch_msi_prepare(&info, desc);
		/* A spread vector's descriptor is born managed, with its mask. */
		virq = __irq_domain_alloc_irqs(dev->msi_domain, -1, 1, -1, &info, false,
					       desc->affinity);
		if (virq < 0) {
			ret = virq;
			goto fail;
		}
		ret = irq_domain_activate_irq(irq_get_irq_data(virq), false);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	pci_msi_teardown_msi_irqs(dev);
	return ret;
}

void pci_msi_teardown_msi_irqs(struct pci_dev *dev)
{
	struct msi_desc *desc;

	for_each_pci_msi_entry(desc, dev) {
		if (!desc->irq)
			continue;
		irq_domain_deactivate_irq(irq_get_irq_data(desc->irq));
		irq_domain_free_irqs(desc->irq, 1);
		desc->irq = 0;
	}
	pci_remove_device_domain(dev);
}
