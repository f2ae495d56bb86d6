// SPDX-License-Identifier: MIT
/*
 * INTx routing on the two chipsets QEMU emulates, from a root-bus slot
 * and pin (drivers/pci/irq.c swizzles through bridges first) to an IOAPIC
 * GSI, then to a Linux IRQ through mp_map_gsi_to_irq(). Linux gets this
 * from the ACPI _PRT and link devices (AML); reflex has no AML
 * interpreter, so the routing is the chipset's own, as QEMU wires it:
 *
 * -M pc (i440FX + PIIX3, router 00:01.0, 8086:7000). A slot's INTx goes
 *   to PIRQ (slot + INTx - 1) mod 4, INTA counted 0 (QEMU hw/i386/pc_piix.c,
 *   pc_pci_slot_get_pirq()). Each PIRQ reaches only the 8259/ISA IRQ its
 *   PIRQRC register (config 0x60-0x63) names; SeaBIOS programs 10, 10,
 *   11, 11 (hw/isa/piix.c drives nothing else: the direct IOAPIC 16-19
 *   inputs exist only in QEMU's Xen variant). The ISA IRQ is the IOAPIC
 *   input of the same number, and QEMU's MADT overrides IRQ 5, 9, 10 and
 *   11 to level, active high (hw/i386/acpi-common.c, build_madt()). So
 *   the e1000 in slot 3 (INTA -> PIRQC -> IRQ 11) is "IO-APIC 11-fasteoi".
 *
 * -M q35 (Q35 + ICH9, router 00:1f.0, 8086:2918). PIRQA-H drive IOAPIC
 *   inputs 16-23 directly, whatever the PIRQ route registers say (those
 *   steer the 8259 copy only; hw/isa/lpc_ich9.c, ich9_lpc_set_irq()).
 *   Slots 0-24 use PIRQE-H: INTx -> PIRQ E + (slot + INTx) mod 4; slots
 *   25-29 and 31 follow the D25IR-D31IR registers, whose reset value
 *   0x3210 gives INTA-D -> PIRQA-D; slot 30 (the DMI-to-PCI bridge) INTx
 *   -> PIRQ E + INTx (ich9_cc_init()/ich9_cc_update(); the same table QEMU's
 *   DSDT declares in build_q35_routing_table()).
 *
 * Both DSDTs declare these interrupts level-triggered, active high
 * (hw/i386/acpi-build.c: build_link_dev() and build_gsi_link_dev() use
 * AML_LEVEL, AML_ACTIVE_HIGH, AML_SHARED), and lines are shared.
 *
 * Not supported: other chipsets, the ACPI _PRT (no AML), D25IR-D31IR
 * values other than the reset ones, and ISA IRQs the MADT moves to other
 * GSIs (QEMU does not). With noapic, dev->irq stays the firmware's
 * PCI_INTERRUPT_LINE (the 8259 IRQ SeaBIOS routed), and the 8259's
 * edge/level control register is left as the firmware set it.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/pci.h>
#include <asm/io_apic.h>
#include <asm/pci_x86.h>

#define ICH9_SLOT_DMI_BRIDGE	30
#define ICH9_FIRST_DIR_SLOT	25	/* D25IR is the first routing register */

static struct pci_dev *pirq_router_dev;
static enum pirq_router_type pirq_router;

enum pirq_router_type pirq_router_type(void)
{
	return pirq_router;
}

/* PIIX3 slot/pin to PIRQA-D (0-3); @pin 1 = INTA. */
int pirq_piix_get_pirq(unsigned int slot, unsigned int pin)
{
	if (pin < 1 || pin > PCI_NUM_INTX)
		return -EINVAL;
	return (slot + (pin - 1) + 3) & 3;
}

/* ICH9 slot/pin to PIRQA-H (0-7); @pin 1 = INTA. */
int pirq_ich9_get_pirq(unsigned int slot, unsigned int pin)
{
	unsigned int intx = pin - 1;

	if (pin < 1 || pin > PCI_NUM_INTX || slot > 31)
		return -EINVAL;
	if (slot < ICH9_FIRST_DIR_SLOT)
		return 4 + (slot + intx) % 4;
	if (slot == ICH9_SLOT_DMI_BRIDGE)
		return 4 + intx;
	return intx;
}

/* PIIX3: the ISA IRQ its PIRQRC register routes @pirq to, which is also its GSI. */
static int pirq_piix_get_gsi(int pirq)
{
	u8 v;

	if (!pirq_router_dev)
		return -ENODEV;
	pci_read_config_byte(pirq_router_dev, PIIX_PIRQRC + pirq, &v);
	if ((v & PIIX_PIRQRC_DISABLE) || (v & PIIX_PIRQRC_IRQ) < 3)
		return -ENODEV;
	return v & PIIX_PIRQRC_IRQ;
}

int pcibios_lookup_gsi(unsigned int slot, unsigned int pin)
{
	int pirq;

	switch (pirq_router) {
	case PIRQ_ROUTER_PIIX:
		pirq = pirq_piix_get_pirq(slot, pin);
		return pirq < 0 ? pirq : pirq_piix_get_gsi(pirq);
	case PIRQ_ROUTER_ICH9:
		pirq = pirq_ich9_get_pirq(slot, pin);
		return pirq < 0 ? pirq : ICH9_PIRQ_GSI_BASE + pirq;
	default:
		return -ENODEV;
	}
}

int pcibios_irq_init(void)
{
	struct pci_dev *dev;

	if ((dev = pci_get_device(PCI_VENDOR_ID_INTEL, PCI_DEVICE_ID_INTEL_82371SB_0, NULL)))
		pirq_router = PIRQ_ROUTER_PIIX;
	else if ((dev = pci_get_device(PCI_VENDOR_ID_INTEL, PCI_DEVICE_ID_INTEL_ICH9_8, NULL)))
		pirq_router = PIRQ_ROUTER_ICH9;
	else
		pirq_router = PIRQ_ROUTER_NONE;
	pirq_router_dev = dev;
	if (!dev) {
		pr_info("PCI: No known IRQ router; INTx stays with the firmware's lines\n");
		return -ENODEV;
	}
	pr_info("PCI: Using IRQ router %s [%04x/%04x] at %s\n",
		pirq_router == PIRQ_ROUTER_PIIX ? "PIIX/ICH" : "ICH9",
		dev->vendor, dev->device, pci_name(dev));
	return 0;
}

/* A line an earlier user set up as edge (an ISA default) is made PCI's: level, high. */
static void pcibios_make_level(unsigned int irq)
{
	struct IO_APIC_route_entry e;

	if (io_apic_read_entry(irq, &e) == 0 && e.is_level && !e.active_low)
		return;
	irq_set_irq_type(irq, IRQ_TYPE_LEVEL_HIGH);
}

int pcibios_enable_irq(struct pci_dev *dev)
{
	u8 pin = dev->pin;
	unsigned int slot;
	int gsi, irq;

	if (!pin)
		return 0;
	if (!io_apic_present())
		return dev->irq ? 0 : -ENODEV;
	slot = pci_common_swizzle(dev, &pin);
	gsi = pcibios_lookup_gsi(slot, pin);
	if (gsi < 0)
		return gsi;
	irq = mp_map_gsi_to_irq(gsi, true, false);
	if (irq < 0)
		return irq;
	pcibios_make_level(irq);
	dev->irq = irq;
	dev->irq_routed = true;
	pr_info("pci %s: INT%c -> GSI %d (level, high) -> IRQ %d\n",
		pci_name(dev), 'A' + dev->pin - 1, gsi, irq);
	return 0;
}

/* The mapping stays: other devices may share the line. */
void pcibios_disable_irq(struct pci_dev *dev)
{
	dev->irq_routed = false;
}
