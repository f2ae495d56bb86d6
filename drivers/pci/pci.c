// SPDX-License-Identifier: MIT
/*
 * Using a device once enumeration found it: turning on its decoders and
 * bus mastering (the command register), routing its INTx pin, finding
 * capabilities, and mapping its memory BARs uncached. Also the pci=
 * command-line options (nomsi here; conf1 and nommconf go to the arch).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/pci.h>
#include <asm/io.h>
#include "pci.h"

/* Capabilities are at least 4 bytes apart in 192: a longer chain is a loop. */
#define PCI_FIND_CAP_TTL	48

static u8 __pci_find_next_cap_ttl(struct pci_bus *bus, unsigned int devfn, u8 pos,
				  int cap, int *ttl)
{
	u16 ent;

	pci_bus_read_config_byte(bus, devfn, pos, &pos);
	while ((*ttl)--) {
		if (pos < 0x40)
			break;
		pos &= ~3;
		pci_bus_read_config_word(bus, devfn, pos, &ent);
		if ((ent & 0xff) == 0xff)
			break;
		if ((ent & 0xff) == cap)
			return pos;
		pos = ent >> 8;
	}
	return 0;
}

static u8 __pci_find_next_cap(struct pci_bus *bus, unsigned int devfn, u8 pos, int cap)
{
	int ttl = PCI_FIND_CAP_TTL;

	return __pci_find_next_cap_ttl(bus, devfn, pos, cap, &ttl);
}

/* Where the list starts, or 0 when the function has none. */
static u8 __pci_bus_find_cap_start(struct pci_bus *bus, unsigned int devfn)
{
	u16 status;

	pci_bus_read_config_word(bus, devfn, PCI_STATUS, &status);
	if (status == 0xffff || !(status & PCI_STATUS_CAP_LIST))
		return 0;
	return PCI_CAPABILITY_LIST;
}

u8 pci_bus_find_capability(struct pci_bus *bus, unsigned int devfn, int cap)
{
	u8 pos = __pci_bus_find_cap_start(bus, devfn);

	return pos ? __pci_find_next_cap(bus, devfn, pos, cap) : 0;
}

/* The offset of capability @cap (PCI_CAP_ID_*) in @dev's config space; 0 when absent. */
u8 pci_find_capability(struct pci_dev *dev, int cap)
{
	return pci_bus_find_capability(dev->bus, dev->devfn, cap);
}

/* The next @cap after the one at @pos. */
u8 pci_find_next_capability(struct pci_dev *dev, u8 pos, int cap)
{
	return __pci_find_next_cap(dev->bus, dev->devfn, pos + PCI_CAP_LIST_NEXT, cap);
}

/* The decoders the device's BARs need. */
static u16 pci_decode_bits(struct pci_dev *dev)
{
	u16 bits = 0;
	int i;

	for (i = 0; i < PCI_NUM_RESOURCES; i++) {
		if (resource_type(&dev->resource[i]) == IORESOURCE_IO)
			bits |= PCI_COMMAND_IO;
		else if (resource_type(&dev->resource[i]) == IORESOURCE_MEM && i != PCI_ROM_RESOURCE)
			bits |= PCI_COMMAND_MEMORY;
	}
	return bits;
}

/**
 * pci_enable_device - make @dev answer to its BARs and route its INTx pin
 *
 * Turns on I/O and memory decoding for the BARs it has and, when it has
 * an interrupt pin, asks the arch for the Linux IRQ (dev->irq). Calling
 * it again does nothing.
 */
int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd, want;
	int ret;

	if (dev->is_enabled)
		return 0;
	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	want = cmd | pci_decode_bits(dev);
	if (want != cmd) {
		pr_info("pci %s: enabling device (%04x -> %04x)\n", pci_name(dev), cmd, want);
		pci_write_config_word(dev, PCI_COMMAND, want);
	}
	if (dev->pin && !dev->msi_enabled && !dev->msix_enabled) {
		ret = pcibios_enable_irq(dev);
		if (ret)
			pr_warn("pci %s: INT%c not routed (%d)\n", pci_name(dev),
				'A' + dev->pin - 1, ret);
	}
	dev->is_enabled = true;
	return 0;
}

void pci_disable_device(struct pci_dev *dev)
{
	u16 cmd;

	if (!dev->is_enabled)
		return;
	pci_clear_master(dev);
	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	pci_write_config_word(dev, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	dev->is_enabled = false;
}

static void __pci_set_master(struct pci_dev *dev, bool enable)
{
	u16 old, cmd;

	pci_read_config_word(dev, PCI_COMMAND, &old);
	cmd = enable ? (old | PCI_COMMAND_MASTER) : (old & ~PCI_COMMAND_MASTER);
	if (cmd != old)
		pci_write_config_word(dev, PCI_COMMAND, cmd);
	dev->is_busmaster = enable;
}

/* Lets @dev initiate transactions: DMA, and the memory writes that are MSIs. */
void pci_set_master(struct pci_dev *dev)
{
	__pci_set_master(dev, true);
}

void pci_clear_master(struct pci_dev *dev)
{
	__pci_set_master(dev, false);
}

/* INTx on (1) or off (0) through the command register's INTx Disable bit. */
void pci_intx(struct pci_dev *dev, int enable)
{
	u16 old, cmd;

	pci_read_config_word(dev, PCI_COMMAND, &old);
	cmd = enable ? (old & ~PCI_COMMAND_INTX_DISABLE) : (old | PCI_COMMAND_INTX_DISABLE);
	if (cmd != old)
		pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/**
 * pci_iomap - map the first @maxlen bytes of memory BAR @bar uncached
 * @maxlen:	0 for the whole BAR
 *
 * I/O-port BARs are not mapped (there are no port cookies here): use
 * pci_resource_start() with inb()/outb(). Returns NULL on failure.
 */
void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	u64 len;

	if (bar < 0 || bar >= PCI_STD_NUM_BARS)
		return NULL;
	len = pci_resource_len(dev, bar);
	if (!len || (pci_resource_flags(dev, bar) & IORESOURCE_UNSET))
		return NULL;
	if (!(pci_resource_flags(dev, bar) & IORESOURCE_MEM)) {
		pr_warn("pci %s: BAR %d is I/O ports; pci_iomap() maps memory only\n",
			pci_name(dev), bar);
		return NULL;
	}
	if (maxlen && maxlen < len)
		len = maxlen;
	return ioremap(pci_resource_start(dev, bar), len);
}

void *pci_ioremap_bar(struct pci_dev *dev, int bar)
{
	if (bar < 0 || bar >= PCI_STD_NUM_BARS ||
	    !(pci_resource_flags(dev, bar) & IORESOURCE_MEM)) {
		WARN_ON(1);
		return NULL;
	}
	return pci_iomap(dev, bar, 0);
}

void pci_iounmap(struct pci_dev *dev, void *addr)
{
	iounmap(addr);
}

/* pci=opt[,opt...]: nomsi here; the rest is the arch's. */
static int __init pci_setup(char *str)
{
	char buf[64], *opt, *next;

	strscpy(buf, str, sizeof(buf));
	for (opt = buf; opt && *opt; opt = next) {
		next = strchr(opt, ',');
		if (next)
			*next++ = '\0';
		if (!strcmp(opt, "nomsi"))
			pci_msi_enable = false;
		else if (pcibios_setup(opt))
			pr_err("PCI: Unknown option `%s'\n", opt);
	}
	return 0;
}
__setup("pci=", pci_setup);
