// SPDX-License-Identifier: MIT
/*
 * The arch's configuration accessors for the PCI core, and the x86 pci=
 * options. raw_pci_read()/raw_pci_write() use the base mechanism for the
 * first 256 bytes and the extended one (ECAM) above, as Linux does;
 * which mechanisms exist is decided by pci_arch_init().
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <asm/pci_x86.h>

const struct pci_raw_ops *raw_pci_ops;
const struct pci_raw_ops *raw_pci_ext_ops;
unsigned int pci_probe = PCI_PROBE_CONF1 | PCI_PROBE_MMCONF;

int raw_pci_read(unsigned int domain, unsigned int bus, unsigned int devfn,
		 int reg, int len, u32 *val)
{
	if (domain == 0 && reg < 256 && raw_pci_ops)
		return raw_pci_ops->read(domain, bus, devfn, reg, len, val);
	if (raw_pci_ext_ops)
		return raw_pci_ext_ops->read(domain, bus, devfn, reg, len, val);
	*val = ~0U;
	return -EINVAL;
}

int raw_pci_write(unsigned int domain, unsigned int bus, unsigned int devfn,
		  int reg, int len, u32 val)
{
	if (domain == 0 && reg < 256 && raw_pci_ops)
		return raw_pci_ops->write(domain, bus, devfn, reg, len, val);
	if (raw_pci_ext_ops)
		return raw_pci_ext_ops->write(domain, bus, devfn, reg, len, val);
	return -EINVAL;
}

int pcibios_setup(char *str)
{
	if (!strcmp(str, "conf1")) {
		pci_probe = PCI_PROBE_CONF1;
		return 0;
	}
	if (!strcmp(str, "nommconf")) {
		pci_probe &= ~PCI_PROBE_MMCONF;
		return 0;
	}
	return -EINVAL;
}
