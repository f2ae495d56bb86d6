// SPDX-License-Identifier: MIT
/*
 * Bringing PCI up at boot, in Linux's order: a configuration mechanism
 * (init.c), the MSI parent (apic/msi.c), the scan of bus 0 and what lies
 * behind its bridges (drivers/pci/probe.c), the INTx router (irq.c), and
 * the drivers registered so far. start_kernel() calls pci_subsys_init()
 * once interrupts are set up (after init_IRQ()): routing a pin maps an
 * IOAPIC line, and MSI needs the vector domain.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include <asm/pci_x86.h>

static bool pci_initialized;
static bool pci_ready;

bool pci_subsys_ready(void)
{
	return pci_ready;
}

int pci_subsys_init(void)
{
	int ret;

	if (pci_initialized)
		return 0;
	pci_initialized = true;
	ret = pci_arch_init();
	if (ret)
		return ret;
	if (arch_msi_init()) {
		pr_info("PCI: no MSI parent domain; MSI and MSI-X disabled\n");
		pci_msi_enable = false;
	}
	if (!pci_scan_root_bus(0))
		return -ENOMEM;
	pcibios_irq_init();
	pci_ready = true;
	pci_bus_add_devices();
	return 0;
}
