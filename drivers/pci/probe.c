// SPDX-License-Identifier: MIT
/*
 * Enumeration: walk bus 0 slot by slot, every function of multi-function
 * devices, and the buses behind PCI-to-PCI bridges, building a struct
 * pci_dev for each function found: its IDs, class, header type, the
 * size and address of every BAR, its interrupt pin and the offsets of
 * its MSI and MSI-X capabilities. Each function is listed the way Linux
 * lists it at boot:
 *
 *	pci 0000:00:03.0: [8086:100e] type 00 class 0x020000
 *	pci 0000:00:03.0: BAR 0 [mem 0xfebc0000-0xfebdffff]
 *
 * Addresses are the firmware's (SeaBIOS assigns every BAR and bridge
 * window); nothing is reassigned. Bridges the firmware left unnumbered
 * get the next free bus number, as Linux's pci_scan_bridge() does.
 * Binding drivers is pci-driver.c's job, interrupts irq.c's and msi/'s.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include "pci.h"

LIST_HEAD(pci_devices);
LIST_HEAD(pci_root_buses);

/*
 * A BAR decodes a naturally aligned power-of-two window, so the address
 * bits it implements are the ones that stay writable: after all-ones is
 * written, the lowest set bit of the address field is the size (PCI 3.0,
 * 6.2.5.1). I/O BARs may hard-wire bits 31:16 to zero; the lowest set
 * bit is right for them too. 0 means the BAR is not implemented.
 */
u64 pci_bar_size(u64 readback, u64 mask)
{
	u64 bits = readback & mask;

	return bits & ~(bits - 1);
}

/* All-ones in, what sticks out, the original back: one register's sizing read. */
static u32 pci_size_register(struct pci_dev *dev, int pos, u32 ones, u32 *orig)
{
	u32 sz;

	pci_read_config_dword(dev, pos, orig);
	pci_write_config_dword(dev, pos, ones);
	pci_read_config_dword(dev, pos, &sz);
	pci_write_config_dword(dev, pos, *orig);
	return sz;
}

/**
 * __pci_read_base - size and read one BAR into @res
 * @pos:	its config offset
 *
 * Returns 1 when it was the low half of a 64-bit BAR (the next register
 * belongs to it), else 0. An unimplemented BAR leaves @res zeroed.
 */
int __pci_read_base(struct pci_dev *dev, int bar, int pos, struct resource *res)
{
	u32 l, sz, lhi = 0, szhi = 0;
	u64 mask;
	bool is64;

	memset(res, 0, sizeof(*res));
	sz = pci_size_register(dev, pos, ~0U, &l);
	if (!sz || sz == ~0U)
		return 0;
	if (l == ~0U)
		l = 0;

	if ((l & PCI_BASE_ADDRESS_SPACE) == PCI_BASE_ADDRESS_SPACE_IO) {
		mask = (u32)PCI_BASE_ADDRESS_IO_MASK;
		res->flags = IORESOURCE_IO;
		is64 = false;
	} else {
		mask = (u32)PCI_BASE_ADDRESS_MEM_MASK;
		res->flags = IORESOURCE_MEM;
		if (l & PCI_BASE_ADDRESS_MEM_PREFETCH)
			res->flags |= IORESOURCE_PREFETCH;
		is64 = (l & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64;
	}
	if (is64) {
		szhi = pci_size_register(dev, pos + 4, ~0U, &lhi);
		res->flags |= IORESOURCE_MEM_64;
		mask |= 0xffffffff00000000ULL;
	}

	res->start = ((u64)lhi << 32 | l) & mask;
	res->end = res->start + pci_bar_size((u64)szhi << 32 | sz, mask) - 1;
	if (!res->start)
		res->flags |= IORESOURCE_UNSET;
	res->name = dev->name;
	return is64;
}

/* "[mem 0xfebc0000-0xfebdffff 64bit pref]", Linux's %pR for a BAR. */
static void pci_print_resource(struct pci_dev *dev, const char *what, struct resource *r)
{
	const char *flags = (r->flags & IORESOURCE_MEM_64) ?
		((r->flags & IORESOURCE_PREFETCH) ? " 64bit pref" : " 64bit") :
		((r->flags & IORESOURCE_PREFETCH) ? " pref" : "");

	if (resource_type(r) == IORESOURCE_IO)
		pr_info("pci %s: %s [io  0x%04llx-0x%04llx]\n", pci_name(dev), what,
			r->start, r->end);
	else
		pr_info("pci %s: %s [mem 0x%08llx-0x%08llx%s%s]\n", pci_name(dev), what,
			r->start, r->end, flags,
			(r->flags & IORESOURCE_UNSET) ? " unset" : "");
}

static void pci_read_rom(struct pci_dev *dev, int pos)
{
	struct resource *res = &dev->resource[PCI_ROM_RESOURCE];
	u32 l, sz;

	memset(res, 0, sizeof(*res));
	sz = pci_size_register(dev, pos, 0xfffff800, &l);
	if (!sz || sz == ~0U || !pci_bar_size(sz, 0xfffff800))
		return;
	res->flags = IORESOURCE_MEM | IORESOURCE_PREFETCH;
	res->start = l & 0xfffff800;
	res->end = res->start + pci_bar_size(sz, 0xfffff800) - 1;
	res->name = dev->name;
	pci_print_resource(dev, "ROM", res);
}

/*
 * Sizing briefly moves a BAR over whatever is at all-ones; decoding is
 * off meanwhile so no access lands there. Host bridges stay on: some
 * decode RAM through their command register.
 */
static void pci_read_bases(struct pci_dev *dev, unsigned int howmany, int rom)
{
	bool keep_on = (dev->class >> 8) == PCI_CLASS_BRIDGE_HOST;
	unsigned int i;
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	if (!keep_on && (cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)))
		pci_write_config_word(dev, PCI_COMMAND,
				      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < howmany; i++) {
		struct resource *res = &dev->resource[i];
		unsigned int bar = i;
		char what[16];

		if (__pci_read_base(dev, bar, PCI_BASE_ADDRESS_0 + 4 * bar, res))
			i++;
		if (res->flags) {
			snprintf(what, sizeof(what), "BAR %u", bar);
			pci_print_resource(dev, what, res);
		}
	}
	if (rom)
		pci_read_rom(dev, rom);
	if (!keep_on)
		pci_write_config_word(dev, PCI_COMMAND, cmd);
}

static struct pci_dev *pci_alloc_dev(struct pci_bus *bus, unsigned int devfn)
{
	struct pci_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	if (!dev)
		return NULL;
	dev->bus = bus;
	dev->devfn = devfn;
	INIT_LIST_HEAD(&dev->msi_list);
	INIT_LIST_HEAD(&dev->global_list);
	INIT_LIST_HEAD(&dev->bus_list);
	snprintf(dev->name, sizeof(dev->name), "0000:%02x:%02x.%d",
		 bus->number, PCI_SLOT(devfn), PCI_FUNC(devfn));
	return dev;
}

/* PCI Express functions have 4 KiB of configuration space, when the mechanism reaches it. */
static int pci_cfg_space_size(struct pci_dev *dev)
{
	u32 v;

	if (!pci_find_capability(dev, PCI_CAP_ID_EXP))
		return PCI_CFG_SPACE_SIZE;
	if (pci_read_config_dword(dev, PCI_CFG_SPACE_SIZE, &v) || v == ~0U)
		return PCI_CFG_SPACE_SIZE;
	return PCI_CFG_SPACE_EXP_SIZE;
}

static int pci_setup_device(struct pci_dev *dev, u32 id)
{
	u32 class;
	u8 hdr;

	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	pci_read_config_dword(dev, PCI_CLASS_REVISION, &class);
	dev->revision = class & 0xff;
	dev->class = class >> 8;
	pci_read_config_byte(dev, PCI_HEADER_TYPE, &hdr);
	dev->hdr_type = hdr & PCI_HEADER_TYPE_MASK;
	dev->multifunction = !!(hdr & PCI_HEADER_TYPE_MFD);
	pr_info("pci %s: [%04x:%04x] type %02x class 0x%06x\n", pci_name(dev),
		dev->vendor, dev->device, dev->hdr_type, dev->class);

	switch (dev->hdr_type) {
	case PCI_HEADER_TYPE_NORMAL:
		pci_read_bases(dev, 6, PCI_ROM_ADDRESS);
		pci_read_config_word(dev, PCI_SUBSYSTEM_VENDOR_ID, &dev->subsystem_vendor);
		pci_read_config_word(dev, PCI_SUBSYSTEM_ID, &dev->subsystem_device);
		break;
	case PCI_HEADER_TYPE_BRIDGE:
		pci_read_bases(dev, 2, 0);
		break;
	default:
		pr_info("pci %s: unknown header type %02x, ignored\n", pci_name(dev), dev->hdr_type);
		return -EIO;
	}
	pci_read_irq(dev);
	dev->msi_cap = pci_find_capability(dev, PCI_CAP_ID_MSI);
	dev->msix_cap = pci_find_capability(dev, PCI_CAP_ID_MSIX);
	dev->cfg_size = pci_cfg_space_size(dev);
	return 0;
}

static struct pci_dev *pci_scan_device(struct pci_bus *bus, unsigned int devfn)
{
	struct pci_dev *dev;
	u32 id;

	if (pci_bus_read_config_dword(bus, devfn, PCI_VENDOR_ID, &id))
		return NULL;
	/* All-ones: nobody answered; zero or half-ones: a broken or absent function. */
	if (id == ~0U || id == 0 || (id & 0xffff) == 0xffff || (id & 0xffff) == 0)
		return NULL;
	dev = pci_alloc_dev(bus, devfn);
	if (!dev)
		return NULL;
	if (pci_setup_device(dev, id)) {
		kfree(dev);
		return NULL;
	}
	list_add_tail(&dev->bus_list, &bus->devices);
	list_add_tail(&dev->global_list, &pci_devices);
	return dev;
}

/* Function 0 says whether functions 1-7 exist; scanning them blindly finds ghosts. */
static void pci_scan_slot(struct pci_bus *bus, unsigned int devfn)
{
	struct pci_dev *dev = pci_scan_device(bus, devfn);
	unsigned int fn;

	if (!dev || !dev->multifunction)
		return;
	for (fn = 1; fn < 8; fn++)
		pci_scan_device(bus, devfn + fn);
}

static struct pci_bus *pci_alloc_bus(struct pci_bus *parent, struct pci_dev *bridge, int nr)
{
	struct pci_bus *b = kzalloc(sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	INIT_LIST_HEAD(&b->node);
	INIT_LIST_HEAD(&b->children);
	INIT_LIST_HEAD(&b->devices);
	b->parent = parent;
	b->self = bridge;
	b->number = nr;
	b->primary = parent ? parent->number : 0;
	b->busn_end = 0xff;
	if (parent)
		list_add_tail(&b->node, &parent->children);
	return b;
}

static unsigned int pci_scan_child_bus(struct pci_bus *bus, unsigned int max);

/* Writes primary, secondary and subordinate, keeping the secondary latency timer. */
static void pci_bridge_set_buses(struct pci_dev *dev, u8 primary, u8 secondary, u8 subordinate)
{
	u32 buses;

	pci_read_config_dword(dev, PCI_PRIMARY_BUS, &buses);
	buses = (buses & 0xff000000) | primary | (u32)secondary << 8 | (u32)subordinate << 16;
	pci_write_config_dword(dev, PCI_PRIMARY_BUS, buses);
}

/*
 * The bus behind @dev: the firmware's number when it gave one (QEMU's
 * SeaBIOS numbers every bridge), else the next free one. Returns the
 * highest bus number in use below.
 */
static unsigned int pci_scan_bridge(struct pci_bus *bus, struct pci_dev *dev, unsigned int max)
{
	u8 secondary, subordinate;
	struct pci_bus *child;
	bool assign;

	pci_read_config_byte(dev, PCI_SECONDARY_BUS, &secondary);
	pci_read_config_byte(dev, PCI_SUBORDINATE_BUS, &subordinate);
	assign = !secondary || secondary <= bus->number;
	if (assign) {
		if (max >= 0xff)
			return max;
		secondary = max + 1;
		/* Open wide while scanning, so config cycles for any bus below get through. */
		pci_bridge_set_buses(dev, bus->number, secondary, 0xff);
	}
	child = pci_alloc_bus(bus, dev, secondary);
	if (!child)
		return max;
	dev->subordinate = child;
	pr_info("pci %s: PCI bridge to [bus %02x%s]\n", pci_name(dev), secondary,
		assign ? ", assigned" : "");
	max = pci_scan_child_bus(child, max(max, (unsigned int)secondary));
	if (assign) {
		pci_bridge_set_buses(dev, bus->number, secondary, max);
		subordinate = max;
	}
	child->busn_end = subordinate;
	return max(max, (unsigned int)subordinate);
}

static unsigned int pci_scan_child_bus(struct pci_bus *bus, unsigned int max)
{
	struct pci_dev *dev;
	unsigned int devfn;

	for (devfn = 0; devfn < 256; devfn += 8)
		pci_scan_slot(bus, devfn);
	list_for_each_entry(dev, &bus->devices, bus_list)
		if (pci_is_bridge(dev))
			max = pci_scan_bridge(bus, dev, max);
	return max;
}

struct pci_bus *pci_scan_root_bus(int busnr)
{
	struct pci_bus *b = pci_alloc_bus(NULL, NULL, busnr);

	if (!b)
		return NULL;
	list_add_tail(&b->node, &pci_root_buses);
	pr_info("PCI host bridge to bus 0000:%02x\n", busnr);
	b->busn_end = pci_scan_child_bus(b, busnr);
	pr_info("pci_bus 0000:%02x: busn_res: [bus %02x-%02x] end is updated to %02x\n",
		busnr, busnr, 0xff, b->busn_end);
	return b;
}

struct pci_dev *pci_get_slot(struct pci_bus *bus, unsigned int devfn)
{
	struct pci_dev *dev;

	list_for_each_entry(dev, &bus->devices, bus_list)
		if (dev->devfn == devfn)
			return dev;
	return NULL;
}

struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus, unsigned int devfn)
{
	struct pci_dev *dev;

	if (domain)
		return NULL;
	for_each_pci_dev(dev)
		if (dev->bus->number == bus && dev->devfn == devfn)
			return dev;
	return NULL;
}

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from)
{
	struct list_head *pos = from ? from->global_list.next : pci_devices.next;

	for (; pos != &pci_devices; pos = pos->next) {
		struct pci_dev *dev = list_entry(pos, struct pci_dev, global_list);

		if ((vendor == PCI_ANY_ID || dev->vendor == vendor) &&
		    (device == PCI_ANY_ID || dev->device == device))
			return dev;
	}
	return NULL;
}
