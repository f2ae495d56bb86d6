/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PCI_X86_H
#define _ASM_X86_PCI_X86_H

/*
 * How x86 reaches PCI configuration space: configuration mechanism #1
 * through ports 0xcf8/0xcfc (arch/x86/pci/direct.c) or the memory-mapped
 * ECAM window the ACPI MCFG describes (arch/x86/pci/mmconfig_64.c), one
 * of them chosen at boot (arch/x86/pci/init.c). raw_pci_read() and
 * raw_pci_write() (common.c) go through whichever was chosen.
 */
#include <linux/types.h>
#include <linux/spinlock.h>

struct pci_raw_ops {
	int (*read)(unsigned int domain, unsigned int bus, unsigned int devfn,
		    int reg, int len, u32 *val);
	int (*write)(unsigned int domain, unsigned int bus, unsigned int devfn,
		     int reg, int len, u32 val);
};

/* For registers 0-0xff, and for the PCI Express extended space above. */
extern const struct pci_raw_ops *raw_pci_ops;
extern const struct pci_raw_ops *raw_pci_ext_ops;

extern const struct pci_raw_ops pci_direct_conf1;
extern const struct pci_raw_ops pci_mmcfg;
/* Type 1 accesses are an index/data pair: one at a time, machine-wide. */
extern raw_spinlock_t pci_config_lock;

#define PCI_PROBE_CONF1		0x0002
#define PCI_PROBE_MMCONF	0x0008
/* pci=conf1 / pci=nommconf narrow this. */
extern unsigned int pci_probe;

int pci_direct_probe(void);
int pci_mmcfg_init(void);
int pci_arch_init(void);

/*
 * INTx routing (arch/x86/pci/irq.c): which interrupt router the chipset
 * has, and a pin's route through it. Exposed for the host unit tests.
 */
enum pirq_router_type {
	PIRQ_ROUTER_NONE,
	PIRQ_ROUTER_PIIX,	/* i440FX + PIIX3: QEMU -M pc */
	PIRQ_ROUTER_ICH9,	/* Q35 + ICH9: QEMU -M q35 */
};

#define PIIX_PIRQRC		0x60	/* PIRQA-D route control, one byte each */
#define  PIIX_PIRQRC_DISABLE	0x80	/* not routed to an ISA IRQ */
#define  PIIX_PIRQRC_IRQ	0x0f
#define ICH9_PIRQ_GSI_BASE	16	/* PIRQA-H reach IOAPIC inputs 16-23 */

int pcibios_irq_init(void);
enum pirq_router_type pirq_router_type(void);
/* Root-bus slot and pin (1 = INTA) to the router's PIRQ number (0 = PIRQA). */
int pirq_piix_get_pirq(unsigned int slot, unsigned int pin);
int pirq_ich9_get_pirq(unsigned int slot, unsigned int pin);
/* A root-bus slot and pin to its IOAPIC GSI, or -errno when it has none. */
int pcibios_lookup_gsi(unsigned int slot, unsigned int pin);

#endif
