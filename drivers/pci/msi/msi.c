// SPDX-License-Identifier: MIT
/*
 * MSI and MSI-X, the device side: reading the capabilities, building one
 * msi_desc per vector, writing messages where each capability keeps them
 * (config space for MSI, the MSI-X table in a memory BAR) and masking
 * (MSI's optional mask bits, MSI-X's per-entry Vector Control). The irq
 * domain that gives each vector a Linux IRQ and a CPU vector is in
 * irqdomain.c; the driver-facing calls in api.c.
 *
 * Enabling follows the order PCI 3.0 6.8.3 implies: MSI-X is turned on
 * with every entry masked (Function Mask), entries are written while
 * masked, and only then unmasked; INTx is disabled once messages are in
 * place, and re-enabled when MSI or MSI-X is turned off again.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include <linux/interrupt.h>
#include <asm/io.h>
#include "../pci.h"

bool pci_msi_enable = true;

/* --- masking ------------------------------------------------------------------- */

static void pci_msi_update_mask(struct msi_desc *desc, u32 clear, u32 set)
{
	desc->pci.msi_mask = (desc->pci.msi_mask & ~clear) | set;
	pci_write_config_dword(desc->dev, desc->pci.mask_pos, desc->pci.msi_mask);
}

static void pci_msix_write_vector_ctrl(struct msi_desc *desc, bool masked)
{
	void *base = desc->pci.mask_base;
	u32 ctrl = readl(base + PCI_MSIX_ENTRY_VECTOR_CTRL);

	ctrl = masked ? (ctrl | PCI_MSIX_ENTRY_CTRL_MASKBIT) : (ctrl & ~PCI_MSIX_ENTRY_CTRL_MASKBIT);
	writel(ctrl, base + PCI_MSIX_ENTRY_VECTOR_CTRL);
	/* Reading back flushes the posted write: masked means masked on return. */
	readl(base + PCI_MSIX_ENTRY_VECTOR_CTRL);
}

/*
 * The chip's mask: the vector's own bit where the capability has one;
 * else the parent's mask when it has one. x86's vector domain has none,
 * so an MSI without mask bits cannot be masked at all, as on Linux.
 */
static void pci_msi_set_masked(struct irq_data *data, bool masked)
{
	struct msi_desc *desc = irq_data_get_msi_desc(data);
	u32 bit;

	if (desc->pci.msi_attrib.is_msix) {
		pci_msix_write_vector_ctrl(desc, masked);
	} else if (desc->pci.msi_attrib.can_mask) {
		bit = BIT(data->hwirq - desc->msi_index);
		pci_msi_update_mask(desc, masked ? 0 : bit, masked ? bit : 0);
	} else if (data->parent_data && data->parent_data->chip) {
		struct irq_chip *parent = data->parent_data->chip;

		if (masked && parent->irq_mask)
			parent->irq_mask(data->parent_data);
		else if (!masked && parent->irq_unmask)
			parent->irq_unmask(data->parent_data);
	}
}

void pci_msi_mask_irq(struct irq_data *data)
{
	pci_msi_set_masked(data, true);
}

void pci_msi_unmask_irq(struct irq_data *data)
{
	pci_msi_set_masked(data, false);
}

/* --- messages ------------------------------------------------------------------ */

static void pci_msix_write_entry(struct msi_desc *entry, struct msi_msg *msg)
{
	void *base = entry->pci.mask_base;
	u32 ctrl = readl(base + PCI_MSIX_ENTRY_VECTOR_CTRL);
	bool unmasked = !(ctrl & PCI_MSIX_ENTRY_CTRL_MASKBIT);

	/* Rewriting a live entry may deliver half old, half new (PCI 3.0 6.8.3.5). */
	if (unmasked)
		writel(ctrl | PCI_MSIX_ENTRY_CTRL_MASKBIT, base + PCI_MSIX_ENTRY_VECTOR_CTRL);
	writel(msg->address_lo, base + PCI_MSIX_ENTRY_LOWER_ADDR);
	writel(msg->address_hi, base + PCI_MSIX_ENTRY_UPPER_ADDR);
	writel(msg->data, base + PCI_MSIX_ENTRY_DATA);
	if (unmasked)
		writel(ctrl, base + PCI_MSIX_ENTRY_VECTOR_CTRL);
	readl(base + PCI_MSIX_ENTRY_DATA);
}

static void pci_msi_write_regs(struct msi_desc *entry, struct msi_msg *msg)
{
	struct pci_dev *dev = entry->dev;
	int pos = dev->msi_cap;

	pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_LO, msg->address_lo);
	if (entry->pci.msi_attrib.is_64) {
		pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_HI, msg->address_hi);
		pci_write_config_word(dev, pos + PCI_MSI_DATA_64, msg->data);
	} else {
		pci_write_config_word(dev, pos + PCI_MSI_DATA_32, msg->data);
	}
}

void __pci_write_msi_msg(struct msi_desc *entry, struct msi_msg *msg)
{
	if (entry->pci.msi_attrib.is_msix)
		pci_msix_write_entry(entry, msg);
	else
		pci_msi_write_regs(entry, msg);
	entry->msg = *msg;
}

void __pci_read_msi_msg(struct msi_desc *entry, struct msi_msg *msg)
{
	struct pci_dev *dev = entry->dev;
	int pos = dev->msi_cap;
	u16 data;

	if (entry->pci.msi_attrib.is_msix) {
		void *base = entry->pci.mask_base;

		msg->address_lo = readl(base + PCI_MSIX_ENTRY_LOWER_ADDR);
		msg->address_hi = readl(base + PCI_MSIX_ENTRY_UPPER_ADDR);
		msg->data = readl(base + PCI_MSIX_ENTRY_DATA);
		return;
	}
	pci_read_config_dword(dev, pos + PCI_MSI_ADDRESS_LO, &msg->address_lo);
	msg->address_hi = 0;
	if (entry->pci.msi_attrib.is_64)
		pci_read_config_dword(dev, pos + PCI_MSI_ADDRESS_HI, &msg->address_hi);
	pci_read_config_word(dev, pos + (entry->pci.msi_attrib.is_64 ? PCI_MSI_DATA_64
								      : PCI_MSI_DATA_32), &data);
	msg->data = data;
}

void pci_write_msi_msg(unsigned int irq, struct msi_msg *msg)
{
	struct msi_desc *desc = irq_get_msi_desc(irq);

	if (desc)
		__pci_write_msi_msg(desc, msg);
}

/* --- descriptors ---------------------------------------------------------------- */

static struct msi_desc *msi_desc_alloc(struct pci_dev *dev, unsigned int index)
{
	struct msi_desc *desc = kzalloc(sizeof(*desc), GFP_KERNEL);

	if (!desc)
		return NULL;
	desc->dev = dev;
	desc->msi_index = index;
	desc->nvec_used = 1;
	list_add_tail(&desc->list, &dev->msi_list);
	return desc;
}

static void msi_free_descs(struct pci_dev *dev)
{
	struct msi_desc *desc, *tmp;

	list_for_each_entry_safe(desc, tmp, &dev->msi_list, list) {
		list_del(&desc->list);
		kfree(desc->affinity);
		kfree(desc);
	}
}

static bool pci_msi_lines_free(struct pci_dev *dev)
{
	struct msi_desc *desc;

	for_each_pci_msi_entry(desc, dev) {
		struct irq_desc *d = desc->irq ? irq_to_desc(desc->irq) : NULL;

		if (d && d->action)
			return false;
	}
	return true;
}

/* --- MSI ------------------------------------------------------------------------- */

static void pci_msi_set_enable(struct pci_dev *dev, bool enable)
{
	u16 ctrl;

	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &ctrl);
	ctrl &= ~(PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE);	/* one vector granted */
	if (enable)
		ctrl |= PCI_MSI_FLAGS_ENABLE;
	pci_write_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, ctrl);
}

int pci_msi_vec_count(struct pci_dev *dev)
{
	u16 ctrl;

	if (!dev->msi_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &ctrl);
	return 1 << ((ctrl & PCI_MSI_FLAGS_QMASK) >> 1);
}

static struct msi_desc *msi_setup_msi_desc(struct pci_dev *dev)
{
	struct msi_desc *desc;
	u16 ctrl;

	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &ctrl);
	desc = msi_desc_alloc(dev, 0);
	if (!desc)
		return NULL;
	desc->pci.msi_attrib.is_64 = !!(ctrl & PCI_MSI_FLAGS_64BIT);
	desc->pci.msi_attrib.can_mask = !!(ctrl & PCI_MSI_FLAGS_MASKBIT);
	desc->pci.msi_attrib.multi_cap = (ctrl & PCI_MSI_FLAGS_QMASK) >> 1;
	desc->pci.mask_pos = dev->msi_cap + (desc->pci.msi_attrib.is_64 ? PCI_MSI_MASK_64
									 : PCI_MSI_MASK_32);
	desc->pci.default_irq = dev->irq;
	return desc;
}

/* Each descriptor keeps its own copy of its vector's spread. */
static int msi_desc_set_affinity(struct msi_desc *desc, const struct irq_affinity_desc *mask)
{
	if (!mask)
		return 0;
	desc->affinity = kmalloc(sizeof(*desc->affinity), GFP_KERNEL);
	if (!desc->affinity)
		return -ENOMEM;
	*desc->affinity = *mask;
	return 0;
}

/*
 * One vector: x86 without interrupt remapping cannot give a function the
 * block of consecutive vectors multi-message MSI needs (neither does Linux).
 * With @affd (PCI_IRQ_AFFINITY) it is a managed line spread over every CPU.
 */
int __pci_enable_msi(struct pci_dev *dev, struct irq_affinity *affd)
{
	struct irq_affinity_desc *masks;
	struct msi_desc *desc;
	int ret;

	if (!pci_msi_enable || !dev->msi_cap || dev->msi_enabled || dev->msix_enabled)
		return -EINVAL;
	pci_msi_set_enable(dev, false);
	desc = msi_setup_msi_desc(dev);
	if (!desc)
		return -ENOMEM;
	masks = affd ? irq_create_affinity_masks(1, affd) : NULL;
	ret = msi_desc_set_affinity(desc, masks);
	kfree(masks);
	if (ret) {
		msi_free_descs(dev);
		return ret;
	}
	/* Everything masked until the line is started by request_irq(). */
	if (desc->pci.msi_attrib.can_mask)
		pci_msi_update_mask(desc, 0, ~0U >> (32 - (1 << desc->pci.msi_attrib.multi_cap)));
	ret = pci_msi_setup_msi_irqs(dev, 1, false);
	if (ret) {
		msi_free_descs(dev);
		return ret;
	}
	pci_intx(dev, 0);
	pci_msi_set_enable(dev, true);
	dev->msi_enabled = true;
	dev->irq = desc->irq;
	return 0;
}

void pci_disable_msi(struct pci_dev *dev)
{
	struct msi_desc *desc;
	unsigned int default_irq;

	if (!dev->msi_enabled)
		return;
	WARN_ON(!pci_msi_lines_free(dev));
	desc = list_first_entry(&dev->msi_list, struct msi_desc, list);
	default_irq = desc->pci.default_irq;
	if (desc->pci.msi_attrib.can_mask)
		pci_msi_update_mask(desc, 0, ~0U >> (32 - (1 << desc->pci.msi_attrib.multi_cap)));
	pci_msi_set_enable(dev, false);
	pci_intx(dev, 1);
	pci_msi_teardown_msi_irqs(dev);
	msi_free_descs(dev);
	dev->msi_enabled = false;
	dev->irq = default_irq;
}

/* --- MSI-X ------------------------------------------------------------------------ */

static void pci_msix_clear_and_set_ctrl(struct pci_dev *dev, u16 clear, u16 set)
{
	u16 ctrl;

	pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, &ctrl);
	ctrl = (ctrl & ~clear) | set;
	pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, ctrl);
}

int pci_msix_vec_count(struct pci_dev *dev)
{
	u16 ctrl;

	if (!dev->msix_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, &ctrl);
	return (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1;
}

/* The table, in the memory BAR its Table Offset/BIR register names; mapped once. */
static void *msix_map_region(struct pci_dev *dev, unsigned int nr_entries)
{
	u32 table, bir;
	u64 phys;

	if (dev->msix_base)
		return dev->msix_base;
	pci_read_config_dword(dev, dev->msix_cap + PCI_MSIX_TABLE, &table);
	bir = table & PCI_MSIX_TABLE_BIR;
	if (bir >= PCI_STD_NUM_BARS || !(pci_resource_flags(dev, bir) & IORESOURCE_MEM) ||
	    (pci_resource_flags(dev, bir) & IORESOURCE_UNSET))
		return NULL;
	phys = pci_resource_start(dev, bir) + (table & PCI_MSIX_TABLE_OFFSET);
	dev->msix_base = ioremap(phys, nr_entries * PCI_MSIX_ENTRY_SIZE);
	return dev->msix_base;
}

static int msix_setup_msi_descs(struct pci_dev *dev, void *base, int nvec,
				struct irq_affinity_desc *masks)
{
	int i;

	for (i = 0; i < nvec; i++) {
		struct msi_desc *desc = msi_desc_alloc(dev, i);

		if (!desc || msi_desc_set_affinity(desc, masks ? &masks[i] : NULL))
			return -ENOMEM;
		desc->pci.msi_attrib.is_msix = 1;
		desc->pci.msi_attrib.is_64 = 1;
		desc->pci.msi_attrib.can_mask = 1;
		desc->pci.mask_base = base + i * PCI_MSIX_ENTRY_SIZE;
		pci_msix_write_vector_ctrl(desc, true);
	}
	return 0;
}

int __pci_enable_msix(struct pci_dev *dev, int nvec, struct irq_affinity *affd)
{
	struct irq_affinity_desc *masks;
	void *base;
	int ret;

	if (!pci_msi_enable || !dev->msix_cap || dev->msi_enabled || dev->msix_enabled)
		return -EINVAL;
	if (nvec < 1 || nvec > pci_msix_vec_count(dev))
		return -EINVAL;
	/* Enabled but masked as a whole: INTx stops and no entry fires half-written. */
	pci_msix_clear_and_set_ctrl(dev, 0, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE);
	base = msix_map_region(dev, pci_msix_vec_count(dev));
	masks = affd ? irq_create_affinity_masks(nvec, affd) : NULL;
	ret = base ? msix_setup_msi_descs(dev, base, nvec, masks) : -ENOMEM;
	kfree(masks);
	if (!ret)
		ret = pci_msi_setup_msi_irqs(dev, nvec, true);
	if (ret) {
		msi_free_descs(dev);
		pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE, 0);
		return ret;
	}
	pci_intx(dev, 0);
	pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL, 0);
	dev->msix_enabled = true;
	return 0;
}

void pci_disable_msix(struct pci_dev *dev)
{
	struct msi_desc *desc;

	if (!dev->msix_enabled)
		return;
	WARN_ON(!pci_msi_lines_free(dev));
	pci_msix_clear_and_set_ctrl(dev, 0, PCI_MSIX_FLAGS_MASKALL);
	for_each_pci_msi_entry(desc, dev)
		pci_msix_write_vector_ctrl(desc, true);
	pci_msi_teardown_msi_irqs(dev);
	msi_free_descs(dev);
	pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE, 0);
	pci_intx(dev, 1);
	dev->msix_enabled = false;
}
