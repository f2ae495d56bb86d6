// SPDX-License-Identifier: MIT
/*
 * The driver's interrupt-vector calls, as Linux 6.x's: ask for between
 * min and max vectors of the kinds allowed, best first (MSI-X, then MSI,
 * then the INTx line), learn each vector's Linux IRQ with
 * pci_irq_vector(), and give them back with pci_free_irq_vectors() once
 * every free_irq() is done. MSI grants one vector on x86.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include <linux/slab.h>
#include <linux/interrupt.h>
#include "../pci.h"

/* With a spread, no more vectors than it can use (irq_calc_affinity_vectors()). */
static int pci_alloc_msix(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  struct irq_affinity *affd)
{
	int nvec = pci_msix_vec_count(dev);

	if (nvec < 0)
		return nvec;
	nvec = min((unsigned int)nvec, max_vecs);
	if (affd)
		nvec = irq_calc_affinity_vectors(min_vecs, nvec, affd);
	if (nvec < (int)min_vecs)
		return -ENOSPC;
	return __pci_enable_msix(dev, nvec, affd) ?: nvec;
}

static int pci_alloc_msi(struct pci_dev *dev, unsigned int min_vecs, struct irq_affinity *affd)
{
	if (min_vecs > 1)
		return -ENOSPC;
	if (affd && irq_calc_affinity_vectors(min_vecs, 1, affd) < 1)
		return -ENOSPC;
	return __pci_enable_msi(dev, affd) ?: 1;
}

/* The pin's line, routed now if pci_enable_device() did not already. */
static int pci_alloc_intx(struct pci_dev *dev, unsigned int min_vecs)
{
	if (min_vecs > 1 || !dev->pin)
		return -ENOSPC;
	if (!dev->irq_routed && pcibios_enable_irq(dev))
		return -ENOSPC;
	if (!dev->irq)
		return -ENOSPC;
	pci_intx(dev, 1);
	return 1;
}

/**
 * pci_alloc_irq_vectors_affinity - interrupt vectors for @dev, maybe spread
 * @flags:	PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_INTX (or PCI_IRQ_LEGACY),
 *		and PCI_IRQ_AFFINITY to spread them over the CPUs, ORed
 * @affd:	the spread's layout (pre/post vectors, sets); NULL with
 *		PCI_IRQ_AFFINITY means "spread them all"
 *
 * With PCI_IRQ_AFFINITY each spread vector is a managed interrupt
 * (kernel/irq/affinity.c): its affinity is set here and user space
 * cannot change it.
 *
 * Returns how many vectors were allocated (at least @min_vecs), or
 * -ENOSPC when no allowed kind can give that many, -EINVAL for nonsense.
 */
int pci_alloc_irq_vectors_affinity(struct pci_dev *dev, unsigned int min_vecs,
				   unsigned int max_vecs, unsigned int flags,
				   struct irq_affinity *affd)
{
	struct irq_affinity msi_default_affd = {0};
	int nvec;

	if (!min_vecs || max_vecs < min_vecs)
		return -EINVAL;
	if (dev->msi_enabled || dev->msix_enabled)
		return -EINVAL;
	if (flags & PCI_IRQ_AFFINITY) {
		if (!affd)
			affd = &msi_default_affd;
	} else if (WARN_ON(affd)) {
		affd = NULL;
	}
	if ((flags & PCI_IRQ_MSIX) && pci_msi_enable && dev->msix_cap) {
		nvec = pci_alloc_msix(dev, min_vecs, max_vecs, affd);
		if (nvec > 0)
			return nvec;
	}
	if ((flags & PCI_IRQ_MSI) && pci_msi_enable && dev->msi_cap) {
		nvec = pci_alloc_msi(dev, min_vecs, affd);
		if (nvec > 0)
			return nvec;
	}
	if (flags & PCI_IRQ_INTX) {
		nvec = pci_alloc_intx(dev, min_vecs);
		/* The driver's calc_sets learns it has one vector. */
		if (nvec == 1 && affd)
			kfree(irq_create_affinity_masks(1, affd));
		return nvec;
	}
	return -ENOSPC;
}

/**
 * pci_alloc_irq_vectors - interrupt vectors for @dev
 * @flags:	PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_INTX (or PCI_IRQ_LEGACY), ORed
 *
 * Returns how many vectors were allocated (at least @min_vecs), or
 * -ENOSPC when no allowed kind can give that many, -EINVAL for nonsense.
 */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs,
			  unsigned int max_vecs, unsigned int flags)
{
	return pci_alloc_irq_vectors_affinity(dev, min_vecs, max_vecs, flags, NULL);
}

void pci_free_irq_vectors(struct pci_dev *dev)
{
	pci_disable_msix(dev);
	pci_disable_msi(dev);
}

/* The Linux IRQ of vector @nr: an MSI-X entry, the MSI vector, or the INTx line (nr 0). */
int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	struct msi_desc *desc;

	if (dev->msix_enabled || dev->msi_enabled) {
		for_each_pci_msi_entry(desc, dev)
			if (desc->msi_index == nr && desc->irq)
				return desc->irq;
		return -EINVAL;
	}
	if (nr == 0 && dev->irq)
		return dev->irq;
	return -EINVAL;
}

int pci_enable_msi(struct pci_dev *dev)
{
	return pci_alloc_irq_vectors(dev, 1, 1, PCI_IRQ_MSI) == 1 ? 0 : -ENOSPC;
}
