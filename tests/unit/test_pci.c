// SPDX-License-Identifier: MIT
/* unit-test-sources: drivers/pci/probe.c drivers/pci/access.c drivers/pci/pci.c drivers/pci/irq.c drivers/pci/pci-driver.c arch/x86/pci/irq.c arch/x86/kernel/apic/msi.c */
/*
 * The PCI core's pure logic on a fake configuration space: BAR size
 * decoding and sizing (original values restored, decoding off while
 * sizing), the scan (multi-function devices, bridges, ghosts), the
 * capability walk (including a looping list), the INTx swizzle and both
 * chipsets' routing tables, driver matching, and the x86 MSI message.
 *
 * The fake bus emulates what sizing depends on: a BAR keeps only the
 * address bits its size allows plus its read-only type bits; an I/O BAR
 * hard-wires bits 31:16 to zero.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include <asm/hw_irq.h>
#include <asm/irq.h>
#include <asm/io_apic.h>
#include <asm/msi.h>
#include <asm/pci_x86.h>

/* By hand: <stdlib.h> drags in a loff_t that clashes with the kernel's. */
void *calloc(size_t n, size_t size);
void free(void *p);

/* --- what the sources under test need from the rest of the kernel ------------ */

void *kmalloc(size_t size, gfp_t gfp) { return calloc(1, size ? size : 1); }
void *kzalloc(size_t size, gfp_t gfp) { return calloc(1, size ? size : 1); }
void kfree(const void *p) { free((void *)p); }

size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

bool pci_msi_enable = true;
bool pci_subsys_ready(void) { return true; }
int pcibios_setup(char *str) { return -EINVAL; }
void *ioremap(phys_addr_t phys, size_t size) { return NULL; }
void iounmap(volatile void *addr) { }

struct irq_domain *x86_vector_domain;
struct irq_chip lapic_controller;
struct irq_cfg *irqd_cfg(struct irq_data *d) { return NULL; }
int msi_domain_set_affinity(struct irq_data *d, const struct cpumask *m, bool f) { return 0; }
/* msi_set_affinity()'s two-step move: not exercised here. */
DEFINE_PER_CPU(vector_irq_t, vector_irq);
void lock_vector_lock(void) { }
void unlock_vector_lock(void) { }
u32 apic_read_irr(unsigned int vector) { return 0; }
struct msi_desc *irq_data_get_msi_desc(struct irq_data *data) { return NULL; }

static bool ioapic;
static int mapped_gsi = -1;
bool io_apic_present(void) { return ioapic; }
int mp_map_gsi_to_irq(u32 gsi, bool is_level, bool active_low)
{
	mapped_gsi = gsi;
	return 100 + gsi;
}
int io_apic_read_entry(int irq, struct IO_APIC_route_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->is_level = 1;
	return 0;
}
int irq_set_irq_type(unsigned int irq, unsigned int type) { return 0; }

/* --- the fake configuration space ---------------------------------------------- */

struct fake_fn {
	bool present;
	u8 cfg[256];
	u64 bar_size[6];	/* 0: unimplemented; for a 64-bit BAR, on its low register */
};

static struct fake_fn fake[4][256];	/* buses 0-3 */
static unsigned int sizing_with_decode_on;

static struct fake_fn *fake_fn(unsigned int bus, unsigned int devfn)
{
	return bus < 4 && devfn < 256 ? &fake[bus][devfn] : NULL;
}

static u32 cfg_get(struct fake_fn *f, int reg, int len)
{
	u32 v = 0;

	memcpy(&v, &f->cfg[reg], len);
	return v;
}

static void cfg_put(struct fake_fn *f, int reg, int len, u32 v)
{
	memcpy(&f->cfg[reg], &v, len);
}

/* The low register of the BAR that @reg belongs to, or -1 when it is not a BAR. */
static int bar_write(struct fake_fn *f, int reg, u32 v)
{
	int i = (reg - PCI_BASE_ADDRESS_0) / 4;
	u32 type;

	if (reg < PCI_BASE_ADDRESS_0 || reg > PCI_BASE_ADDRESS_5)
		return -1;
	/* A bridge has two BARs; bus numbers and windows follow. */
	if ((f->cfg[PCI_HEADER_TYPE] & PCI_HEADER_TYPE_MASK) == PCI_HEADER_TYPE_BRIDGE && i >= 2)
		return -1;
	if (i > 0 && (cfg_get(f, reg - 4, 4) & 7) == PCI_BASE_ADDRESS_MEM_TYPE_64 &&
	    f->bar_size[i - 1] && !(cfg_get(f, reg - 4, 4) & 1)) {
		cfg_put(f, reg, 4, v & (u32)(~(f->bar_size[i - 1] - 1) >> 32));
		return 0;
	}
	if (!f->bar_size[i]) {
		cfg_put(f, reg, 4, 0);
		return 0;
	}
	if ((v & ~0xfU) == ~0xfU && (cfg_get(f, PCI_COMMAND, 2) & 3))
		sizing_with_decode_on++;
	type = cfg_get(f, reg, 4) & ((cfg_get(f, reg, 4) & 1) ? 0x3 : 0xf);
	v &= (u32)~(f->bar_size[i] - 1);
	if (type & 1)
		v &= 0xffff;
	cfg_put(f, reg, 4, (v & ((type & 1) ? ~3U : ~0xfU)) | type);
	return 0;
}

int raw_pci_read(unsigned int domain, unsigned int bus, unsigned int devfn,
		 int reg, int len, u32 *val)
{
	struct fake_fn *f = fake_fn(bus, devfn);

	if (!f || reg < 0 || reg + len > 256) {
		*val = ~0U;
		return -EINVAL;
	}
	*val = f->present ? cfg_get(f, reg, len) : (len == 4 ? ~0U : (1U << (8 * len)) - 1);
	return 0;
}

int raw_pci_write(unsigned int domain, unsigned int bus, unsigned int devfn,
		  int reg, int len, u32 val)
{
	struct fake_fn *f = fake_fn(bus, devfn);

	if (!f || reg < 0 || reg + len > 256)
		return -EINVAL;
	if (!f->present)
		return 0;
	if (len == 4 && bar_write(f, reg, val) == 0)
		return 0;
	cfg_put(f, reg, len, val);
	return 0;
}

static struct fake_fn *fake_add(unsigned int bus, unsigned int slot, unsigned int fn,
				u16 vendor, u16 device, u32 class, u8 hdr)
{
	struct fake_fn *f = &fake[bus][PCI_DEVFN(slot, fn)];

	memset(f, 0, sizeof(*f));
	f->present = true;
	cfg_put(f, PCI_VENDOR_ID, 2, vendor);
	cfg_put(f, PCI_DEVICE_ID, 2, device);
	cfg_put(f, PCI_CLASS_REVISION, 4, class << 8 | 0x03);
	f->cfg[PCI_HEADER_TYPE] = hdr;
	return f;
}

/* A BAR at @addr of @size; @type holds the read-only low bits. */
static void fake_bar(struct fake_fn *f, int i, u64 addr, u64 size, u32 type)
{
	f->bar_size[i] = size;
	cfg_put(f, PCI_BASE_ADDRESS_0 + 4 * i, 4, (u32)addr | type);
	if ((type & 7) == PCI_BASE_ADDRESS_MEM_TYPE_64)
		cfg_put(f, PCI_BASE_ADDRESS_0 + 4 * (i + 1), 4, addr >> 32);
}

static void free_bus(struct pci_bus *bus)
{
	struct pci_bus *child, *tmp;

	list_for_each_entry_safe(child, tmp, &bus->children, node)
		free_bus(child);
	kfree(bus);
}

/* A new machine: the previous scan's devices and buses are dropped. */
static void fake_reset(void)
{
	struct pci_dev *dev, *dtmp;
	struct pci_bus *bus, *btmp;

	list_for_each_entry_safe(dev, dtmp, &pci_devices, global_list)
		kfree(dev);
	list_for_each_entry_safe(bus, btmp, &pci_root_buses, node)
		free_bus(bus);
	memset(fake, 0, sizeof(fake));
	INIT_LIST_HEAD(&pci_devices);
	INIT_LIST_HEAD(&pci_root_buses);
	sizing_with_decode_on = 0;
	host_log_reset();
}

/* --- tests -------------------------------------------------------------------------- */

static void bar_size_is_lowest_writable_bit(void **state)
{
	assert_int_equal(pci_bar_size(0xfff00000, (u32)PCI_BASE_ADDRESS_MEM_MASK), 1 << 20);
	assert_int_equal(pci_bar_size(0xfffe0008, (u32)PCI_BASE_ADDRESS_MEM_MASK), 128 << 10);
	/* I/O with bits 31:16 hard-wired to zero. */
	assert_int_equal(pci_bar_size(0x0000ffe1, (u32)PCI_BASE_ADDRESS_IO_MASK), 32);
	assert_true(pci_bar_size(0xfffffffffe00000cULL, ~0xfULL) == 32 << 20);
	assert_true(pci_bar_size(0xffffffff0000000cULL, ~0xfULL) == 1ULL << 32);
	assert_int_equal(pci_bar_size(0, ~0xfULL), 0);
}

static struct pci_dev *dev_at(unsigned int bus, unsigned int slot, unsigned int fn)
{
	return pci_get_domain_bus_and_slot(0, bus, PCI_DEVFN(slot, fn));
}

static void scan_sizes_bars_and_restores_them(void **state)
{
	struct fake_fn *nic;
	struct pci_dev *dev;

	fake_reset();
	fake_add(0, 0, 0, 0x8086, 0x1237, 0x060000, 0);
	nic = fake_add(0, 3, 0, 0x8086, 0x100e, 0x020000, 0);
	fake_bar(nic, 0, 0xfebc0000, 128 << 10, 0);
	fake_bar(nic, 1, 0xc000, 64, PCI_BASE_ADDRESS_SPACE_IO);
	fake_bar(nic, 2, 0x800000000ULL, 16 << 20,
		 PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH);
	cfg_put(nic, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	cfg_put(nic, PCI_INTERRUPT_PIN, 1, 1);
	cfg_put(nic, PCI_INTERRUPT_LINE, 1, 11);

	assert_non_null(pci_scan_root_bus(0));
	dev = dev_at(0, 3, 0);
	assert_non_null(dev);
	assert_int_equal(dev->class, 0x020000);
	assert_int_equal(dev->revision, 3);
	assert_true(pci_resource_start(dev, 0) == 0xfebc0000);
	assert_true(pci_resource_len(dev, 0) == 128 << 10);
	assert_int_equal(pci_resource_flags(dev, 1), IORESOURCE_IO);
	assert_true(pci_resource_start(dev, 1) == 0xc000 && pci_resource_len(dev, 1) == 64);
	assert_true(pci_resource_start(dev, 2) == 0x800000000ULL);
	assert_true(pci_resource_len(dev, 2) == 16 << 20);
	assert_true(pci_resource_flags(dev, 2) & IORESOURCE_MEM_64);
	assert_true(pci_resource_flags(dev, 2) & IORESOURCE_PREFETCH);
	assert_int_equal(pci_resource_flags(dev, 3), 0);	/* the 64-bit BAR's upper half */
	assert_int_equal(dev->pin, 1);
	assert_int_equal(dev->irq, 11);
	/* Everything put back, and nothing sized while decoding was on. */
	assert_int_equal(cfg_get(nic, PCI_BASE_ADDRESS_0, 4), 0xfebc0000);
	assert_int_equal(cfg_get(nic, PCI_BASE_ADDRESS_0 + 12, 4), 8);
	assert_int_equal(cfg_get(nic, PCI_COMMAND, 2), PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
	assert_int_equal(sizing_with_decode_on, 0);
	assert_true(host_log_contains("pci 0000:00:03.0: [8086:100e] type 00 class 0x020000"));
	assert_true(host_log_contains("pci 0000:00:03.0: BAR 0 [mem 0xfebc0000-0xfebdffff]"));
	assert_true(host_log_contains("pci 0000:00:03.0: BAR 1 [io  0xc000-0xc03f]"));
	assert_true(host_log_contains("BAR 2 [mem 0x800000000-0x800ffffff 64bit pref]"));
}

static void functions_1_to_7_only_when_multifunction(void **state)
{
	fake_reset();
	fake_add(0, 1, 0, 0x8086, 0x7000, 0x060100, PCI_HEADER_TYPE_MFD);
	fake_add(0, 1, 1, 0x8086, 0x7010, 0x010180, 0);
	fake_add(0, 5, 0, 0x1234, 0x11e8, 0x00ff00, 0);
	fake_add(0, 5, 2, 0x1234, 0x11e8, 0x00ff00, 0);	/* a ghost: fn 0 is single */
	pci_scan_root_bus(0);
	assert_non_null(dev_at(0, 1, 1));
	assert_true(dev_at(0, 1, 0)->multifunction);
	assert_non_null(dev_at(0, 5, 0));
	assert_null(dev_at(0, 5, 2));
}

static void bridges_are_followed_and_numbered(void **state)
{
	struct fake_fn *b1, *b2;
	struct pci_dev *leaf, *unnumbered;

	fake_reset();
	b1 = fake_add(0, 4, 0, 0x1b36, 0x0001, 0x060400, PCI_HEADER_TYPE_BRIDGE);
	b1->cfg[PCI_SECONDARY_BUS] = 1;
	b1->cfg[PCI_SUBORDINATE_BUS] = 1;
	fake_add(1, 2, 0, 0x1234, 0x11e8, 0x00ff00, 0);
	b2 = fake_add(0, 6, 0, 0x1b36, 0x0001, 0x060400, PCI_HEADER_TYPE_BRIDGE);
	fake_add(2, 0, 0, 0x8086, 0x10d3, 0x020000, 0);

	assert_int_equal(pci_scan_root_bus(0)->busn_end, 2);
	leaf = dev_at(1, 2, 0);
	assert_non_null(leaf);
	assert_ptr_equal(leaf->bus->self, dev_at(0, 4, 0));
	/* The bridge the firmware left unnumbered gets the next bus, 2. */
	assert_int_equal(b2->cfg[PCI_SECONDARY_BUS], 2);
	assert_int_equal(b2->cfg[PCI_SUBORDINATE_BUS], 2);
	unnumbered = dev_at(2, 0, 0);
	assert_non_null(unnumbered);
	assert_ptr_equal(unnumbered->bus->self, dev_at(0, 6, 0));
}

static struct fake_fn *fake_with_caps(void)
{
	struct fake_fn *f;

	fake_reset();
	f = fake_add(0, 3, 0, 0x1234, 0x11e8, 0x00ff00, 0);
	cfg_put(f, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
	f->cfg[PCI_CAPABILITY_LIST] = 0x41;	/* low bits are reserved: ignored */
	f->cfg[0x40] = PCI_CAP_ID_PM;   f->cfg[0x41] = 0x50;
	f->cfg[0x50] = PCI_CAP_ID_MSI;  f->cfg[0x51] = 0x70;
	f->cfg[0x70] = PCI_CAP_ID_MSIX; f->cfg[0x71] = 0x00;
	return f;
}

static void capability_walk_finds_each_and_stops_at_loops(void **state)
{
	struct fake_fn *f = fake_with_caps();
	struct pci_dev *dev;

	pci_scan_root_bus(0);
	dev = dev_at(0, 3, 0);
	assert_int_equal(dev->msi_cap, 0x50);
	assert_int_equal(dev->msix_cap, 0x70);
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_PM), 0x40);
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_EXP), 0);
	assert_int_equal(pci_find_next_capability(dev, 0x40, PCI_CAP_ID_MSIX), 0x70);

	f->cfg[0x71] = 0x50;	/* MSI-X points back at MSI: a cycle */
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_EXP), 0);
	cfg_put(f, PCI_STATUS, 2, 0);	/* no list at all */
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_MSI), 0);
}

static void swizzle_rotates_pins_through_bridges(void **state)
{
	struct pci_bus root = { .number = 0 }, b1 = { .number = 1, .parent = &root },
		       b2 = { .number = 2, .parent = &b1 };
	struct pci_dev br1 = { .bus = &root, .devfn = PCI_DEVFN(5, 0) };
	struct pci_dev br2 = { .bus = &b1, .devfn = PCI_DEVFN(1, 0) };
	struct pci_dev leaf = { .bus = &b2, .devfn = PCI_DEVFN(2, 0) };
	u8 pin = PCI_INTERRUPT_INTA;

	b1.self = &br1;
	b2.self = &br2;
	assert_int_equal(pci_swizzle_interrupt_pin(&leaf, 1), 3);	/* slot 2: INTA -> INTC */
	assert_int_equal(pci_swizzle_interrupt_pin(&leaf, 3), 1);	/* wraps: INTC -> INTA */
	/* INTA at 02:02 -> INTC at 01:01 -> INTD on the root bus, slot 5. */
	assert_int_equal(pci_common_swizzle(&leaf, &pin), 5);
	assert_int_equal(pin, PCI_INTERRUPT_INTD);
}

static void piix_routing_matches_qemu_pc(void **state)
{
	struct fake_fn *router;
	struct pci_dev *dev;

	assert_int_equal(pirq_piix_get_pirq(1, 1), 0);	/* slot 1 INTA: PIRQA */
	assert_int_equal(pirq_piix_get_pirq(3, 1), 2);	/* the e1000's slot: PIRQC */
	assert_int_equal(pirq_piix_get_pirq(4, 1), 3);
	assert_int_equal(pirq_piix_get_pirq(4, 2), 0);
	assert_int_equal(pirq_piix_get_pirq(0, 1), 3);
	assert_int_equal(pirq_piix_get_pirq(3, 5), -EINVAL);

	fake_reset();
	router = fake_add(0, 1, 0, 0x8086, 0x7000, 0x060100, PCI_HEADER_TYPE_MFD);
	router->cfg[PIIX_PIRQRC + 0] = 10;
	router->cfg[PIIX_PIRQRC + 1] = 10;
	router->cfg[PIIX_PIRQRC + 2] = 11;
	router->cfg[PIIX_PIRQRC + 3] = PIIX_PIRQRC_DISABLE;
	cfg_put(fake_add(0, 3, 0, 0x8086, 0x100e, 0x020000, 0), PCI_INTERRUPT_PIN, 1, 1);
	pci_scan_root_bus(0);
	assert_int_equal(pcibios_irq_init(), 0);
	assert_int_equal(pirq_router_type(), PIRQ_ROUTER_PIIX);
	assert_int_equal(pcibios_lookup_gsi(3, 1), 11);
	assert_int_equal(pcibios_lookup_gsi(2, 1), 10);
	assert_int_equal(pcibios_lookup_gsi(4, 1), -ENODEV);	/* PIRQD not routed */

	ioapic = true;
	dev = dev_at(0, 3, 0);
	assert_int_equal(pcibios_enable_irq(dev), 0);
	assert_int_equal(mapped_gsi, 11);
	assert_int_equal(dev->irq, 111);
	assert_true(dev->irq_routed);
	ioapic = false;
}

static void ich9_routing_matches_qemu_q35(void **state)
{
	assert_int_equal(pirq_ich9_get_pirq(0, 1), 4);		/* PIRQE */
	assert_int_equal(pirq_ich9_get_pirq(2, 1), 6);		/* edu's usual slot: PIRQG */
	assert_int_equal(pirq_ich9_get_pirq(3, 2), 4);		/* (3 + 1) mod 4: wraps to E */
	assert_int_equal(pirq_ich9_get_pirq(24, 2), 5);
	assert_int_equal(pirq_ich9_get_pirq(25, 1), 0);	/* D25IR reset value: INTA -> PIRQA */
	assert_int_equal(pirq_ich9_get_pirq(31, 4), 3);
	assert_int_equal(pirq_ich9_get_pirq(30, 2), 5);	/* DMI-to-PCI bridge: E + INTx */
	assert_int_equal(pirq_ich9_get_pirq(32, 1), -EINVAL);

	fake_reset();
	fake_add(0, 31, 0, 0x8086, 0x2918, 0x060100, PCI_HEADER_TYPE_MFD);
	pci_scan_root_bus(0);
	assert_int_equal(pcibios_irq_init(), 0);
	assert_int_equal(pirq_router_type(), PIRQ_ROUTER_ICH9);
	assert_int_equal(pcibios_lookup_gsi(2, 1), 22);
	assert_int_equal(pcibios_lookup_gsi(31, 1), 16);
}

static int probed;

static int count_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	probed++;
	return 0;
}

static void drivers_match_ids_and_class(void **state)
{
	static const struct pci_device_id by_class[] = {
		{ PCI_DEVICE_CLASS(PCI_CLASS_NETWORK_ETHERNET << 8, 0xffff00) },
		{ }
	};
	static const struct pci_device_id by_id[] = {
		{ PCI_DEVICE(0x8086, 0x10d3) },
		{ }
	};
	struct pci_driver drv = { .name = "t", .id_table = by_class, .probe = count_probe };

	fake_reset();
	fake_add(0, 3, 0, 0x8086, 0x100e, 0x020000, 0);
	fake_add(0, 4, 0, 0x1234, 0x11e8, 0x00ff00, 0);
	pci_scan_root_bus(0);
	assert_non_null(pci_match_id(by_class, dev_at(0, 3, 0)));
	assert_null(pci_match_id(by_class, dev_at(0, 4, 0)));
	assert_null(pci_match_id(by_id, dev_at(0, 3, 0)));
	probed = 0;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(probed, 1);
	assert_ptr_equal(dev_at(0, 3, 0)->driver, &drv);
	pci_unregister_driver(&drv);
	assert_null(dev_at(0, 3, 0)->driver);
}

static void msi_message_targets_apic_and_vector(void **state)
{
	struct irq_cfg cfg = { .dest_apicid = 3, .vector = 0x41 };
	struct msi_msg msg;

	__irq_msi_compose_msg(&cfg, &msg, false);
	assert_int_equal(msg.address_lo, 0xfee03000);
	assert_int_equal(msg.address_hi, 0);
	assert_int_equal(msg.data, 0x41);	/* fixed, edge, physical */
	assert_int_equal(msg.arch_addr_lo.base_address, 0xfee);
	assert_int_equal(msg.arch_addr_lo.destid_0_7, 3);
	assert_int_equal(msg.arch_data.vector, 0x41);
	assert_int_equal(msg.arch_data.is_level, 0);

	cfg.dest_apicid = 0xff;
	cfg.vector = 0xea;
	__irq_msi_compose_msg(&cfg, &msg, false);
	assert_int_equal(msg.address_lo, 0xfeeff000);
	assert_int_equal(msg.data, 0xea);
}

static int group_teardown(void **state)
{
	fake_reset();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bar_size_is_lowest_writable_bit),
		cmocka_unit_test(scan_sizes_bars_and_restores_them),
		cmocka_unit_test(functions_1_to_7_only_when_multifunction),
		cmocka_unit_test(bridges_are_followed_and_numbered),
		cmocka_unit_test(capability_walk_finds_each_and_stops_at_loops),
		cmocka_unit_test(swizzle_rotates_pins_through_bridges),
		cmocka_unit_test(piix_routing_matches_qemu_pc),
		cmocka_unit_test(ich9_routing_matches_qemu_q35),
		cmocka_unit_test(drivers_match_ids_and_class),
		cmocka_unit_test(msi_message_targets_apic_and_vector),
	};

	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
