// SPDX-License-Identifier: MIT
/*
 * INTx, the bus-independent half: which pin a function uses and which
 * pin of the root bus that becomes. A PCI-to-PCI bridge passes its
 * secondary bus's INTA-INTD up rotated by the device number (the PCI-to-
 * PCI Bridge Architecture Specification 1.2, table 9-1), so a pin behind
 * any number of bridges lands on one pin of one root-bus slot. Which
 * interrupt controller input that is belongs to the chipset: see the
 * arch's pcibios_enable_irq() (arch/x86/pci/irq.c).
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include "pci.h"

void pci_read_irq(struct pci_dev *dev)
{
	u8 pin, line;

	pci_read_config_byte(dev, PCI_INTERRUPT_PIN, &pin);
	dev->pin = pin <= PCI_INTERRUPT_INTD ? pin : 0;
	/* Only a note the firmware left for 8259 mode, until the pin is routed. */
	pci_read_config_byte(dev, PCI_INTERRUPT_LINE, &line);
	dev->irq = dev->pin && line != 0xff ? line : 0;
}

/* The pin @pin of @dev appears as on its bus's upstream bridge (1 = INTA). */
u8 pci_swizzle_interrupt_pin(const struct pci_dev *dev, u8 pin)
{
	return (((pin - 1) + PCI_SLOT(dev->devfn)) % 4) + 1;
}

/*
 * Follows @dev's pin (*pinp) up to the root bus, returning the root-bus
 * slot it arrives on and leaving the pin there in *pinp.
 */
u8 pci_common_swizzle(struct pci_dev *dev, u8 *pinp)
{
	u8 pin = *pinp;

	while (!pci_is_root_bus(dev->bus)) {
		pin = pci_swizzle_interrupt_pin(dev, pin);
		dev = dev->bus->self;
	}
	*pinp = pin;
	return PCI_SLOT(dev->devfn);
}
