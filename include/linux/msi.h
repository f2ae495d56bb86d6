/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MSI_H
#define _LINUX_MSI_H

/*
 * Message signalled interrupts: the message a device writes to raise an
 * interrupt (struct msi_msg, whose words the arch gives a typed meaning
 * in asm/msi.h), and one descriptor per allocated vector (struct
 * msi_desc) that the PCI-MSI domains keep and their chips mask, unmask
 * and rewrite through. The PCI side is drivers/pci/msi/; the generic
 * helpers (composing through the hierarchy, affinity) kernel/irq/msi.c.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <asm/msi.h>

struct irq_data;
struct irq_domain;
struct pci_dev;
struct cpumask;

/* The address/data pair, as raw words or in the arch's layout. */
struct msi_msg {
	union {
		u32			address_lo;
		struct x86_msi_addr_lo	arch_addr_lo;
	};
	union {
		u32			address_hi;
		struct x86_msi_addr_hi	arch_addr_hi;
	};
	union {
		u32			data;
		struct x86_msi_data	arch_data;
	};
};

/**
 * struct msi_desc - one MSI or MSI-X vector of a PCI function
 * @list:	on pci_dev::msi_list
 * @irq:	its Linux IRQ
 * @msi_index:	the vector's number in the device (the MSI-X table entry,
 *		or 0 for MSI); also its hwirq in the device's domain
 * @msg:	the message last written to the device
 * @affinity:	the vector's spread (PCI_IRQ_AFFINITY), or NULL; owned by the desc
 * @pci:	the capability's properties and where the mask lives
 */
struct msi_desc {
	struct list_head	list;
	unsigned int		irq;
	unsigned int		nvec_used;
	unsigned int		msi_index;
	struct pci_dev		*dev;
	struct msi_msg		msg;
	struct irq_affinity_desc *affinity;
	struct {
		struct {
			u8	is_msix		: 1,
				is_64		: 1,	/* MSI: 64-bit address capable */
				can_mask	: 1,	/* MSI: per-vector mask bits; MSI-X: always */
				multi_cap	: 3;	/* MSI: log2 of vectors the function asks for */
		} msi_attrib;
		union {
			u8	mask_pos;	/* MSI: offset of the mask bits in config space */
			void	*mask_base;	/* MSI-X: this entry in the mapped table */
		};
		u32	msi_mask;		/* MSI: the mask bits last written */
		unsigned int default_irq;	/* MSI: dev->irq (INTx) to restore on disable */
	} pci;
};

#define msi_desc_to_pci_dev(desc)	((desc)->dev)
#define for_each_pci_msi_entry(desc, pdev) \
	list_for_each_entry((desc), &(pdev)->msi_list, list)

struct msi_desc *irq_data_get_msi_desc(struct irq_data *data);
struct msi_desc *irq_get_msi_desc(unsigned int irq);

/* kernel/irq/msi.c */
int irq_chip_compose_msi_msg(struct irq_data *data, struct msi_msg *msg);
int msi_domain_set_affinity(struct irq_data *data, const struct cpumask *mask, bool force);
void get_cached_msi_msg(unsigned int irq, struct msi_msg *msg);

/* drivers/pci/msi/msi.c: the device side. */
void pci_write_msi_msg(unsigned int irq, struct msi_msg *msg);
void __pci_write_msi_msg(struct msi_desc *entry, struct msi_msg *msg);
void __pci_read_msi_msg(struct msi_desc *entry, struct msi_msg *msg);
void pci_msi_mask_irq(struct irq_data *data);
void pci_msi_unmask_irq(struct irq_data *data);

/* drivers/pci/msi/irqdomain.c: the per-device PCI-MSI / PCI-MSIX domain. */
int pci_msi_setup_msi_irqs(struct pci_dev *dev, int nvec, bool msix);
void pci_msi_teardown_msi_irqs(struct pci_dev *dev);

/* The arch's parent for device MSI domains, and what it needs to allocate (x86: msi.c). */
struct irq_domain *arch_msi_parent_domain(void);
struct irq_alloc_info;
void arch_msi_prepare(struct irq_alloc_info *info, struct msi_desc *desc);
/* What the arch adds to a device domain's chip (x86: affinity, pre-startup). */
struct irq_chip;
void arch_msi_init_chip(struct irq_chip *chip);
int arch_msi_init(void);

#endif
