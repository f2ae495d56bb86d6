// SPDX-License-Identifier: MIT
/*
 * PCI configuration mechanism #1 (PCI 3.0, 3.2.2.3.2): a dword written to
 * port 0xcf8 selects bus, device, function and register; port 0xcfc
 * (and the three bytes after it) is the window onto that register. The
 * pair is not atomic, so every access holds pci_config_lock. It reaches
 * registers 0-0xff only; the PCI Express extended space needs ECAM.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/pci_x86.h>

#define PCI_CONF1_ADDRESS_PORT	0xcf8
#define PCI_CONF1_DATA_PORT	0xcfc

/* The CONFIG_ADDRESS dword (PCI 3.0, figure 3-2). */
union pci_conf1_address {
	struct {
		u32	reg		: 8,	/* dword-aligned: bits 1:0 are zero */
			function	: 3,
			device		: 5,
			bus		: 8,
			reserved	: 7,
			enable		: 1;	/* 1: the data port is a config access */
	};
	u32 raw;
};
_Static_assert(sizeof(union pci_conf1_address) == 4, "CONFIG_ADDRESS layout");

DEFINE_RAW_SPINLOCK(pci_config_lock);

static bool pci_conf1_args_ok(unsigned int domain, unsigned int bus, unsigned int devfn,
			      int reg, int len)
{
	return !domain && bus <= 255 && devfn <= 255 && reg >= 0 && reg <= 255 &&
	       (len == 1 || len == 2 || len == 4) && !(reg & (len - 1));
}

static void pci_conf1_select(unsigned int bus, unsigned int devfn, int reg)
{
	union pci_conf1_address a = {
		.reg = reg & 0xfc, .function = devfn & 7, .device = devfn >> 3,
		.bus = bus, .enable = 1,
	};

	outl(a.raw, PCI_CONF1_ADDRESS_PORT);
}

static int pci_conf1_read(unsigned int domain, unsigned int bus, unsigned int devfn,
			  int reg, int len, u32 *value)
{
	u16 port = PCI_CONF1_DATA_PORT + (reg & 3);
	unsigned long flags;

	if (!pci_conf1_args_ok(domain, bus, devfn, reg, len)) {
		*value = ~0U;
		return -EINVAL;
	}
	raw_spin_lock_irqsave(&pci_config_lock, flags);
	pci_conf1_select(bus, devfn, reg);
	if (len == 1)
		*value = inb(port);
	else if (len == 2)
		*value = inw(port);
	else
		*value = inl(port);
	raw_spin_unlock_irqrestore(&pci_config_lock, flags);
	return 0;
}

static int pci_conf1_write(unsigned int domain, unsigned int bus, unsigned int devfn,
			   int reg, int len, u32 value)
{
	u16 port = PCI_CONF1_DATA_PORT + (reg & 3);
	unsigned long flags;

	if (!pci_conf1_args_ok(domain, bus, devfn, reg, len))
		return -EINVAL;
	raw_spin_lock_irqsave(&pci_config_lock, flags);
	pci_conf1_select(bus, devfn, reg);
	if (len == 1)
		outb(value, port);
	else if (len == 2)
		outw(value, port);
	else
		outl(value, port);
	raw_spin_unlock_irqrestore(&pci_config_lock, flags);
	return 0;
}

const struct pci_raw_ops pci_direct_conf1 = {
	.read	= pci_conf1_read,
	.write	= pci_conf1_write,
};

/*
 * A type 1 host bridge latches the enable bit in CONFIG_ADDRESS and reads
 * it back; nothing at 0xcf8 reads all-ones. The old value is put back.
 */
int pci_direct_probe(void)
{
	unsigned long flags;
	u32 saved, seen;

	raw_spin_lock_irqsave(&pci_config_lock, flags);
	saved = inl(PCI_CONF1_ADDRESS_PORT);
	outl(0x80000000, PCI_CONF1_ADDRESS_PORT);
	seen = inl(PCI_CONF1_ADDRESS_PORT);
	outl(saved, PCI_CONF1_ADDRESS_PORT);
	raw_spin_unlock_irqrestore(&pci_config_lock, flags);
	return seen == 0x80000000 ? 0 : -ENODEV;
}
