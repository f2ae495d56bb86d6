// SPDX-License-Identifier: MIT
/*
 * The PCI Express enhanced configuration access mechanism (ECAM, PCIe
 * Base Specification 7.2.2): each function's 4 KiB of configuration
 * space is memory at base + (bus << 20 | device << 15 | function << 12),
 * for the bus range the ACPI MCFG gives (PCI Firmware Specification 3.3,
 * 4.1.2). QEMU's q35 has one: the MCH's PCIEXBAR, which the firmware
 * enabled and the MCFG describes; i440FX (-M pc) has none.
 *
 * Only segment 0 is used. Each bus's megabyte is mapped uncached the
 * first time it is touched: the scan touches the buses that exist, and
 * mapping all 256 up front would spend page tables on nothing.
 */
#include <linux/kernel.h>
#include <linux/acpi.h>
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/pci_x86.h>

#define PCI_MMCFG_BUS_SIZE	(1UL << 20)

struct pci_mmcfg_region {
	u64 address;		/* ECAM base for bus 0 */
	u8 start_bus, end_bus;
	void *bus_virt[256];	/* each bus's mapping, NULL until first use */
};

static struct pci_mmcfg_region mmcfg;
static bool mmcfg_present;
static DEFINE_RAW_SPINLOCK(mmcfg_map_lock);

static void *pci_mmcfg_bus_base(unsigned int bus)
{
	unsigned long flags;
	void *virt;

	if (bus < mmcfg.start_bus || bus > mmcfg.end_bus)
		return NULL;
	virt = READ_ONCE(mmcfg.bus_virt[bus]);
	if (virt)
		return virt;
	raw_spin_lock_irqsave(&mmcfg_map_lock, flags);
	if (!mmcfg.bus_virt[bus])
		mmcfg.bus_virt[bus] = ioremap(mmcfg.address + (u64)bus * PCI_MMCFG_BUS_SIZE,
					      PCI_MMCFG_BUS_SIZE);
	virt = mmcfg.bus_virt[bus];
	raw_spin_unlock_irqrestore(&mmcfg_map_lock, flags);
	return virt;
}

static void *pci_dev_base(unsigned int domain, unsigned int bus, unsigned int devfn,
			  int reg, int len)
{
	void *base;

	if (domain || devfn > 255 || reg < 0 || reg > 4095 ||
	    !(len == 1 || len == 2 || len == 4) || (reg & (len - 1)))
		return NULL;
	base = pci_mmcfg_bus_base(bus);
	return base ? base + (devfn << 12) + reg : NULL;
}

/* ECAM needs no lock: every access is one naturally aligned MMIO cycle. */
static int pci_mmcfg_read(unsigned int domain, unsigned int bus, unsigned int devfn,
			  int reg, int len, u32 *value)
{
	void *addr = pci_dev_base(domain, bus, devfn, reg, len);

	if (!addr) {
		*value = ~0U;
		return -EINVAL;
	}
	if (len == 1)
		*value = readb(addr);
	else if (len == 2)
		*value = readw(addr);
	else
		*value = readl(addr);
	return 0;
}

static int pci_mmcfg_write(unsigned int domain, unsigned int bus, unsigned int devfn,
			   int reg, int len, u32 value)
{
	void *addr = pci_dev_base(domain, bus, devfn, reg, len);

	if (!addr)
		return -EINVAL;
	if (len == 1)
		writeb(value, addr);
	else if (len == 2)
		writew(value, addr);
	else
		writel(value, addr);
	return 0;
}

const struct pci_raw_ops pci_mmcfg = {
	.read	= pci_mmcfg_read,
	.write	= pci_mmcfg_write,
};

/* The MCFG's entry for segment 0, if any. */
static int pci_parse_mcfg(struct acpi_mcfg_allocation *out)
{
	struct acpi_table_header *hdr;
	struct acpi_mcfg_allocation *cfg;
	unsigned int i, n;

	if (acpi_get_table(ACPI_SIG_MCFG, 1, &hdr))
		return -ENODEV;
	if (hdr->length < sizeof(struct acpi_table_mcfg))
		return -EINVAL;
	n = (hdr->length - sizeof(struct acpi_table_mcfg)) / sizeof(*cfg);
	cfg = (void *)hdr + sizeof(struct acpi_table_mcfg);
	for (i = 0; i < n; i++) {
		if (cfg[i].pci_segment == 0 && cfg[i].start_bus_number <= cfg[i].end_bus_number) {
			*out = cfg[i];
			return 0;
		}
	}
	return -ENOENT;
}

/* 0 when the MCFG describes ECAM for segment 0 and it answers; raw_pci_ext_ops set. */
int pci_mmcfg_init(void)
{
	struct acpi_mcfg_allocation cfg;
	u32 id;

	if (mmcfg_present)
		return 0;
	if (acpi_disabled || pci_parse_mcfg(&cfg))
		return -ENODEV;
	mmcfg.address = cfg.address;
	mmcfg.start_bus = cfg.start_bus_number;
	mmcfg.end_bus = cfg.end_bus_number;
	pr_info("PCI: MMCONFIG for domain 0000 [bus %02x-%02x] at [mem 0x%08llx-0x%08llx] (base 0x%llx)\n",
		mmcfg.start_bus, mmcfg.end_bus,
		mmcfg.address + (u64)mmcfg.start_bus * PCI_MMCFG_BUS_SIZE,
		mmcfg.address + ((u64)mmcfg.end_bus + 1) * PCI_MMCFG_BUS_SIZE - 1,
		mmcfg.address);
	/* A window the chipset does not decode reads all-ones: do not trust it then. */
	if (pci_mmcfg_read(0, mmcfg.start_bus, 0, 0, 4, &id) || id == ~0U) {
		pr_warn("PCI: MMCONFIG at 0x%llx does not answer; not used\n", mmcfg.address);
		return -ENODEV;
	}
	mmcfg_present = true;
	raw_pci_ext_ops = &pci_mmcfg;
	return 0;
}
