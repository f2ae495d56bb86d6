// SPDX-License-Identifier: MIT
/*
 * Choosing how to reach configuration space, once, at boot: ECAM when
 * the ACPI MCFG describes a window that answers (QEMU -M q35), else
 * configuration mechanism #1 (QEMU -M pc). With ECAM, every access,
 * base and extended, goes through memory; type 1 stays unused. pci=conf1
 * and pci=nommconf force type 1. The choice is printed.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <asm/pci_x86.h>

int pci_arch_init(void)
{
	if ((pci_probe & PCI_PROBE_MMCONF) && !pci_mmcfg_init()) {
		raw_pci_ops = raw_pci_ext_ops;
		pr_info("PCI: Using MMCONFIG (ECAM) for base and extended access\n");
		return 0;
	}
	if ((pci_probe & PCI_PROBE_CONF1) && !pci_direct_probe()) {
		raw_pci_ops = &pci_direct_conf1;
		pr_info("PCI: Using configuration type 1 for base access\n");
		return 0;
	}
	pr_info("PCI: No configuration mechanism found, PCI disabled\n");
	return -ENODEV;
}
