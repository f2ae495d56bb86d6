// SPDX-License-Identifier: MIT
/*
 * KUnit suite "pci": the PCI core on QEMU's real (emulated) chipsets,
 * -M pc and -M q35, with "-device edu" (QEMU's educational device,
 * docs/specs/edu.rst: MSI with one vector, INTA) and "-device e1000e"
 * (82574L: MSI-X with five vectors). Configuration access, the scan and
 * BAR sizes, the capability list, driver binding, then interrupts for
 * real: edu's INTx through the chipset's router to a level IOAPIC line,
 * edu's MSI on its vector, and e1000e's MSI-X with one vector masked and
 * unmasked through the table. It brings PCI up itself (suite_init), so
 * it runs whether or not start_kernel() did; only with reflex.test=pci.
 * A second edu behind a pci-bridge checks bus numbering and the swizzle.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/pci.h>
#include <linux/msi.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/hw_irq.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <asm/pci_x86.h>
#include <asm/processor.h>
#include <asm/tsc.h>

/* edu's registers in BAR 0 (QEMU docs/specs/edu.rst). */
#define EDU_ID			0x00	/* 0xRRrr00ed */
#define EDU_IRQ_STATUS		0x24	/* what raised the interrupt */
#define EDU_IRQ_RAISE		0x60	/* ORed into the status; asserts the interrupt */
#define EDU_IRQ_ACK		0x64	/* cleared from the status; deasserts when zero */

/* 82574L registers in BAR 0 (Intel 82574 datasheet 10.2; QEMU hw/net/e1000_regs.h). */
#define E1000_ICR		0x000c0	/* interrupt cause read; write 1 to clear */
#define E1000_ICS		0x000c8	/* interrupt cause set */
#define E1000_IMS		0x000d0	/* interrupt mask set */
#define E1000_IMC		0x000d8	/* interrupt mask clear */
#define E1000_IVAR		0x000e4	/* cause -> MSI-X vector, 4 bits per cause */
#define E1000_ICR_RXQ0		0x00100000
#define E1000_IVAR_VALID	0x8

static struct pci_dev *edu, *nic;
static void *edu_regs, *nic_regs;
static volatile unsigned int edu_count, nic_count, offered, bound, unbound;


static bool proc_interrupts_has(const char *needle)
{
	bool found = proc_contains("interrupts", needle);

	if (!found)
		pr_info("pci_kunit: not in /proc/interrupts: \"%s\"\n", needle);
	return found;
}

static int pci_test_suite_init(struct kunit_suite *suite)
{
	int ret = pci_subsys_init();

	if (ret)
		return ret;
	edu = pci_get_device(PCI_VENDOR_ID_QEMU, PCI_DEVICE_ID_QEMU_EDU, NULL);
	nic = pci_get_device(PCI_VENDOR_ID_INTEL, PCI_DEVICE_ID_INTEL_82574L, NULL);
	if (!edu || !nic) {
		pr_err("pci_kunit: run QEMU with -device edu -device e1000e, and a pci-bridge with an edu\n");
		return -ENODEV;
	}
	/* The suite drives the NIC's registers and vectors itself: the e1000e driver lets go. */
	if (nic->driver)
		pci_unregister_driver(nic->driver);
	return 0;
}

static void config_access_reads_host_bridge(struct kunit *test)
{
	struct pci_dev *host = pci_get_domain_bus_and_slot(0, 0, PCI_DEVFN(0, 0));
	u16 vendor;

	KUNIT_ASSERT_NOT_NULL(test, host);
	KUNIT_EXPECT_EQ(test, host->vendor, PCI_VENDOR_ID_INTEL);
	KUNIT_EXPECT_EQ(test, host->class >> 8, PCI_CLASS_BRIDGE_HOST);
	KUNIT_EXPECT_EQ(test, pci_read_config_word(host, PCI_VENDOR_ID, &vendor), 0);
	KUNIT_EXPECT_EQ(test, vendor, PCI_VENDOR_ID_INTEL);
	/* Misaligned is refused; a slot with nothing in it reads all-ones. */
	KUNIT_EXPECT_EQ(test, pci_read_config_word(host, 1, &vendor), PCIBIOS_BAD_REGISTER_NUMBER);
	pci_bus_read_config_word(host->bus, PCI_DEVFN(31, 7), PCI_VENDOR_ID, &vendor);
	KUNIT_EXPECT_EQ(test, vendor, 0xffff);
	if (host->device == PCI_DEVICE_ID_INTEL_Q35_MCH) {
		KUNIT_EXPECT_PTR_EQ(test, raw_pci_ops, &pci_mmcfg);
		KUNIT_EXPECT_EQ(test, edu->cfg_size, PCI_CFG_SPACE_SIZE);
		KUNIT_EXPECT_EQ(test, nic->cfg_size, PCI_CFG_SPACE_EXP_SIZE);
	} else {
		KUNIT_EXPECT_EQ(test, host->device, PCI_DEVICE_ID_INTEL_82441);
		KUNIT_EXPECT_PTR_EQ(test, raw_pci_ops, &pci_direct_conf1);
	}
}

static void scan_sizes_bars(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edu->class, 0x00ff00);
	KUNIT_EXPECT_EQ(test, pci_resource_flags(edu, 0) & IORESOURCE_TYPE_BITS, IORESOURCE_MEM);
	KUNIT_EXPECT_EQ(test, pci_resource_len(edu, 0), 1 << 20);
	KUNIT_EXPECT_EQ(test, pci_resource_start(edu, 0) & ((1 << 20) - 1), 0);
	KUNIT_EXPECT_EQ(test, nic->class, 0x020000);
	KUNIT_EXPECT_EQ(test, pci_resource_len(nic, 0), 128 << 10);
	KUNIT_EXPECT_EQ(test, pci_resource_flags(nic, 2) & IORESOURCE_TYPE_BITS, IORESOURCE_IO);
	KUNIT_EXPECT_EQ(test, pci_resource_len(nic, 2), 32);
	KUNIT_EXPECT_EQ(test, pci_resource_len(nic, 3), 16 << 10);
}

static void capability_list_finds_msi_and_msix(struct kunit *test)
{
	u8 id;

	KUNIT_EXPECT_NE(test, edu->msi_cap, 0);
	KUNIT_EXPECT_EQ(test, edu->msix_cap, 0);
	KUNIT_EXPECT_EQ(test, pci_find_capability(edu, PCI_CAP_ID_MSIX), 0);
	KUNIT_EXPECT_NE(test, nic->msix_cap, 0);
	KUNIT_EXPECT_NE(test, pci_find_capability(nic, PCI_CAP_ID_EXP), 0);
	pci_read_config_byte(nic, nic->msix_cap, &id);
	KUNIT_EXPECT_EQ(test, id, PCI_CAP_ID_MSIX);
	KUNIT_EXPECT_EQ(test, pci_msix_vec_count(nic), 5);
	KUNIT_EXPECT_EQ(test, pci_msi_vec_count(edu), 1);
}

static int test_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	offered++;
	if (dev != edu || id->driver_data != 42)
		return -ENODEV;
	bound++;
	return 0;
}

static void test_remove(struct pci_dev *dev)
{
	unbound++;
}

static const struct pci_device_id test_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_QEMU, PCI_DEVICE_ID_QEMU_EDU), .driver_data = 42 },
	{ }
};

static struct pci_driver test_driver = {
	.name = "pci_kunit", .id_table = test_ids, .probe = test_probe, .remove = test_remove,
};

static void driver_binds_by_id(struct kunit *test)
{
	offered = bound = unbound = 0;
	KUNIT_ASSERT_EQ(test, pci_register_driver(&test_driver), 0);
	KUNIT_EXPECT_EQ(test, offered, 2);	/* both edus match the table ... */
	KUNIT_EXPECT_EQ(test, bound, 1);	/* ... one probe declines */
	KUNIT_EXPECT_PTR_EQ(test, edu->driver, &test_driver);
	KUNIT_EXPECT_PTR_EQ(test, pci_match_id(test_ids, nic), NULL);
	pci_unregister_driver(&test_driver);
	KUNIT_EXPECT_EQ(test, unbound, 1);
	KUNIT_EXPECT_NULL(test, edu->driver);
}

static irqreturn_t edu_interrupt(int irq, void *dev_id)
{
	u32 status = readl(edu_regs + EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, edu_regs + EDU_IRQ_ACK);
	edu_count++;
	return IRQ_HANDLED;
}

static void edu_raise(unsigned int times)
{
	unsigned int i, target = edu_count;

	for (i = 0; i < times; i++) {
		writel(1, edu_regs + EDU_IRQ_RAISE);
		kunit_spin_for_count(&edu_count, ++target, KUNIT_HANG_MS);
	}
}

/* The GSI QEMU wires edu's INTA to, worked out here independently of arch/x86/pci/irq.c. */
static int edu_expected_gsi(void)
{
	unsigned int slot = PCI_SLOT(edu->devfn);
	u8 line;

	if (pirq_router_type() == PIRQ_ROUTER_ICH9)
		return 16 + 4 + slot % 4;
	/* PIIX: SeaBIOS notes the routed ISA IRQ in the line register; GSI n is ISA IRQ n. */
	pci_read_config_byte(edu, PCI_INTERRUPT_LINE, &line);
	return line;
}

static void edu_intx_is_a_level_ioapic_line(struct kunit *test)
{
	struct IO_APIC_route_entry e;
	struct irq_data *irqd;
	char row[48];
	int irq;

	KUNIT_ASSERT_EQ(test, pci_enable_device(edu), 0);
	edu_regs = pci_iomap(edu, 0, 4096);
	KUNIT_ASSERT_NOT_NULL(test, edu_regs);
	KUNIT_EXPECT_EQ(test, readl(edu_regs + EDU_ID) & 0xff, 0xed);
	KUNIT_ASSERT_EQ(test, pci_alloc_irq_vectors(edu, 1, 1, PCI_IRQ_INTX), 1);
	irq = pci_irq_vector(edu, 0);
	KUNIT_ASSERT_GT(test, irq, 0);
	irqd = irq_get_irq_data(irq);
	KUNIT_EXPECT_EQ(test, irqd->hwirq, edu_expected_gsi());
	edu_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(irq, edu_interrupt, IRQF_SHARED, "edu", edu), 0);
	edu_raise(5);
	KUNIT_EXPECT_EQ(test, edu_count, 5);
	KUNIT_EXPECT_EQ(test, io_apic_read_entry(irq, &e), 0);
	KUNIT_EXPECT_EQ(test, e.is_level, 1);
	KUNIT_EXPECT_EQ(test, e.active_low, 0);
	KUNIT_EXPECT_EQ(test, e.masked, 0);
	KUNIT_EXPECT_EQ(test, readl(edu_regs + EDU_IRQ_STATUS), 0);
	snprintf(row, sizeof(row), "IO-APIC %3lu-fasteoi   edu", irqd->hwirq);
	KUNIT_EXPECT_TRUE(test, proc_interrupts_has(row));
	free_irq(irq, edu);
	pci_free_irq_vectors(edu);
}

static void edu_msi_arrives_on_its_vector(struct kunit *test)
{
	struct msi_msg msg;
	char row[64];
	int irq;

	KUNIT_ASSERT_NOT_NULL(test, edu_regs);
	pci_set_master(edu);
	KUNIT_ASSERT_EQ(test, pci_alloc_irq_vectors(edu, 1, 4, PCI_IRQ_MSIX | PCI_IRQ_MSI), 1);
	KUNIT_EXPECT_TRUE(test, edu->msi_enabled);
	irq = pci_irq_vector(edu, 0);
	KUNIT_ASSERT_GT(test, irq, 0);
	KUNIT_EXPECT_EQ(test, edu->irq, irq);
	KUNIT_EXPECT_EQ(test, pci_irq_vector(edu, 1), -EINVAL);
	edu_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(irq, edu_interrupt, 0, "edu", edu), 0);
	edu_raise(5);
	KUNIT_EXPECT_EQ(test, edu_count, 5);
	__pci_read_msi_msg(irq_get_msi_desc(irq), &msg);
	KUNIT_EXPECT_EQ(test, msg.data & 0xff, irq_cfg(irq)->vector);
	KUNIT_EXPECT_EQ(test, msg.address_lo, 0xfee00000 | irq_cfg(irq)->dest_apicid << 12);
	snprintf(row, sizeof(row), "PCI-MSI-%s   0-edge      edu", pci_name(edu));
	KUNIT_EXPECT_TRUE(test, proc_interrupts_has(row));

	/* A move takes a new vector; the device must be told, or the next MSI is lost. */
	KUNIT_EXPECT_EQ(test, irq_set_affinity(irq, cpumask_of(0)), 0);
	__pci_read_msi_msg(irq_get_msi_desc(irq), &msg);
	KUNIT_EXPECT_EQ(test, msg.data & 0xff, irq_cfg(irq)->vector);
	edu_raise(1);
	KUNIT_EXPECT_EQ(test, edu_count, 6);

	free_irq(irq, edu);
	pci_free_irq_vectors(edu);
	KUNIT_EXPECT_FALSE(test, edu->msi_enabled);
	KUNIT_EXPECT_NE(test, edu->irq, irq);
	pci_clear_master(edu);
}

static irqreturn_t nic_interrupt(int irq, void *dev_id)
{
	writel(E1000_ICR_RXQ0, nic_regs + E1000_ICR);
	nic_count++;
	return IRQ_HANDLED;
}

static u32 msix_entry_read(struct pci_dev *dev, unsigned int nr, unsigned int reg)
{
	return readl(dev->msix_base + nr * PCI_MSIX_ENTRY_SIZE + reg);
}

/* The pending-bit array, mapped once and kept for the rest of the run. */
static bool msix_pending(struct pci_dev *dev, unsigned int nr)
{
	static void *pba_map;
	u32 pba, bir;

	if (!pba_map) {
		pci_read_config_dword(dev, dev->msix_cap + PCI_MSIX_PBA, &pba);
		bir = pba & PCI_MSIX_PBA_BIR;
		pba_map = ioremap(pci_resource_start(dev, bir) + (pba & PCI_MSIX_PBA_OFFSET), 8);
	}
	return pba_map && (readq(pba_map) & BIT(nr));
}

static void e1000e_msix_vector_masks_and_fires(struct kunit *test)
{
	struct irq_data *irqd;
	char row[64];
	int irq, nvec;

	KUNIT_ASSERT_EQ(test, pci_enable_device(nic), 0);
	pci_set_master(nic);
	nic_regs = pci_ioremap_bar(nic, 0);
	KUNIT_ASSERT_NOT_NULL(test, nic_regs);
	nvec = pci_alloc_irq_vectors(nic, 3, 8, PCI_IRQ_ALL_TYPES);
	KUNIT_ASSERT_EQ(test, nvec, 5);
	KUNIT_EXPECT_TRUE(test, nic->msix_enabled);
	irq = pci_irq_vector(nic, 2);
	KUNIT_ASSERT_GT(test, irq, 0);
	KUNIT_EXPECT_EQ(test, pci_irq_vector(nic, 1), irq - 1);
	nic_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(irq, nic_interrupt, 0, "e1000e-rx0", nic), 0);
	KUNIT_EXPECT_EQ(test, msix_entry_read(nic, 2, PCI_MSIX_ENTRY_DATA), irq_cfg(irq)->vector);
	KUNIT_EXPECT_EQ(test, msix_entry_read(nic, 2, PCI_MSIX_ENTRY_VECTOR_CTRL) & 1, 0);

	/* Receive queue 0's cause to MSI-X vector 2, then make the cause happen. */
	writel(E1000_IVAR_VALID | 2, nic_regs + E1000_IVAR);
	writel(E1000_ICR_RXQ0, nic_regs + E1000_IMS);
	writel(E1000_ICR_RXQ0, nic_regs + E1000_ICS);
	kunit_spin_for_count(&nic_count, 1, KUNIT_HANG_MS);
	KUNIT_EXPECT_EQ(test, nic_count, 1);

	/* Masked in the table: the message waits in the PBA and comes on unmask. */
	irqd = irq_get_irq_data(irq);
	irqd->chip->irq_mask(irqd);
	KUNIT_EXPECT_EQ(test, msix_entry_read(nic, 2, PCI_MSIX_ENTRY_VECTOR_CTRL) & 1, 1);
	writel(E1000_ICR_RXQ0, nic_regs + E1000_ICS);
	kunit_spin_for_count(&nic_count, 2, 50);
	KUNIT_EXPECT_EQ(test, nic_count, 1);
	KUNIT_EXPECT_TRUE(test, msix_pending(nic, 2));
	irqd->chip->irq_unmask(irqd);
	kunit_spin_for_count(&nic_count, 2, KUNIT_HANG_MS);
	KUNIT_EXPECT_EQ(test, nic_count, 2);
	KUNIT_EXPECT_FALSE(test, msix_pending(nic, 2));

	snprintf(row, sizeof(row), "PCI-MSIX-%s   2-edge      e1000e-rx0", pci_name(nic));
	KUNIT_EXPECT_TRUE(test, proc_interrupts_has(row));
	writel(~0U, nic_regs + E1000_IMC);
	free_irq(irq, nic);
	pci_free_irq_vectors(nic);
	KUNIT_EXPECT_FALSE(test, nic->msix_enabled);
	KUNIT_EXPECT_EQ(test, pci_irq_vector(nic, 2), -EINVAL);
}

/*
 * The second edu sits behind a pci-bridge: its INTA reaches the root bus
 * rotated by its slot, and only the right GSI makes its handler run.
 */
static void intx_behind_a_bridge_is_swizzled(struct kunit *test)
{
	struct pci_dev *leaf = pci_get_device(PCI_VENDOR_ID_QEMU, PCI_DEVICE_ID_QEMU_EDU, edu);
	void *regs = edu_regs;
	int irq;

	KUNIT_ASSERT_NOT_NULL(test, leaf);
	KUNIT_ASSERT_NOT_NULL(test, leaf->bus->self);
	KUNIT_EXPECT_EQ(test, leaf->bus->self->class >> 8, PCI_CLASS_BRIDGE_PCI);
	KUNIT_EXPECT_NE(test, leaf->bus->number, 0);
	KUNIT_ASSERT_EQ(test, pci_enable_device(leaf), 0);
	edu_regs = pci_iomap(leaf, 0, 4096);
	KUNIT_ASSERT_NOT_NULL(test, edu_regs);
	irq = leaf->irq;
	edu_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(irq, edu_interrupt, IRQF_SHARED, "edu", leaf), 0);
	edu_raise(3);
	free_irq(irq, leaf);
	edu_regs = regs;
	KUNIT_EXPECT_EQ(test, edu_count, 3);
}

static void nomsi_falls_back_to_intx(struct kunit *test)
{
	pci_msi_enable = false;
	KUNIT_EXPECT_EQ(test, pci_alloc_irq_vectors(edu, 1, 1, PCI_IRQ_MSI), -ENOSPC);
	KUNIT_EXPECT_EQ(test, pci_alloc_irq_vectors(edu, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX), 1);
	KUNIT_EXPECT_FALSE(test, edu->msi_enabled);
	KUNIT_EXPECT_EQ(test, pci_irq_vector(edu, 0), edu->irq);
	pci_free_irq_vectors(edu);
	pci_msi_enable = true;
}

static struct kunit_case pci_test_cases[] = {
	KUNIT_CASE(config_access_reads_host_bridge),
	KUNIT_CASE(scan_sizes_bars),
	KUNIT_CASE(capability_list_finds_msi_and_msix),
	KUNIT_CASE(driver_binds_by_id),
	KUNIT_CASE(edu_intx_is_a_level_ioapic_line),
	KUNIT_CASE(edu_msi_arrives_on_its_vector),
	KUNIT_CASE(e1000e_msix_vector_masks_and_fires),
	KUNIT_CASE(intx_behind_a_bridge_is_swizzled),
	KUNIT_CASE(nomsi_falls_back_to_intx),
	{}
};

static struct kunit_suite pci_test_suite = {
	.name = "pci",
	.suite_init = pci_test_suite_init,
	.test_cases = pci_test_cases,
	.explicit_only = true,	/* needs -device edu -device e1000e */
};
kunit_test_suite(pci_test_suite);
