/* SPDX-License-Identifier: MIT */
#ifndef _DRIVERS_PCI_PCI_H
#define _DRIVERS_PCI_PCI_H

/* What the PCI core's files share and drivers do not see. */
#include <linux/pci.h>

/* irq.c: the pin and the firmware's line, at enumeration. */
void pci_read_irq(struct pci_dev *dev);
/* msi/msi.c: turning MSI (one vector) or MSI-X (@nvec vectors) on; 0 or -errno. */
struct irq_affinity;
int __pci_enable_msi(struct pci_dev *dev, struct irq_affinity *affd);
int __pci_enable_msix(struct pci_dev *dev, int nvec, struct irq_affinity *affd);

#endif
