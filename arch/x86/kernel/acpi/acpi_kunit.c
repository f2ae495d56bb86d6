// SPDX-License-Identifier: MIT
/*
 * KUnit suite "acpi" (reflex.test=acpi): the firmware's real tables, as
 * QEMU's pc and q35 machines provide them. The RSDP is found and the MADT
 * admitted; it lists one usable local APIC per CPU (QEMU's own count,
 * read from fw_cfg, is the witness), the boot CPU among them, an IOAPIC
 * at 0xfec00000 serving GSIs from 0, and the timer's ISA IRQ 0 rerouted
 * to GSI 2. The suite walks the MADT with its own handlers, so it checks
 * the firmware and the walker without depending on the APIC callbacks;
 * tests/unit/test_acpi.c pins what the callbacks are told.
 */
#include <kunit/test.h>
#include <linux/acpi.h>
#include <asm/io.h>

/* QEMU's firmware configuration interface: a selector and a data port. */
#define FW_CFG_PORT_SEL		0x510
#define FW_CFG_PORT_DATA	0x511
#define FW_CFG_SIGNATURE	0x00
#define FW_CFG_NB_CPUS		0x05

#define IOAPIC_DEFAULT_BASE	0xfec00000U

static struct {
	unsigned int usable_cpus;
	bool boot_cpu_listed;
	u32 boot_apic_id;
	bool ioapic_at_default;
	bool irq0_to_gsi2;
} found;

static u32 fw_cfg_read(u16 key, unsigned int bytes)
{
	u32 v = 0;
	unsigned int i;

	outw(key, FW_CFG_PORT_SEL);
	for (i = 0; i < bytes; i++)
		v |= (u32)inb(FW_CFG_PORT_DATA) << (8 * i);
	return v;
}

/* CPUs QEMU was started with; 0 when this is not QEMU. */
static unsigned int qemu_nr_cpus(void)
{
	if (fw_cfg_read(FW_CFG_SIGNATURE, 4) != 0x554d4551)	/* "QEMU" */
		return 0;
	return fw_cfg_read(FW_CFG_NB_CPUS, 2);
}

/* The initial APIC ID of the CPU running this (CPUID leaf 1, EBX[31:24]). */
static u32 boot_cpu_apic_id(void)
{
	u32 eax = 1, ebx, ecx = 0, edx;

	asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return ebx >> 24;
}

static void note_cpu(u32 apic_id, u32 flags)
{
	if (!(flags & ACPI_MADT_ENABLED))
		return;
	found.usable_cpus++;
	if (apic_id == found.boot_apic_id)
		found.boot_cpu_listed = true;
}

static int count_lapic(union acpi_subtable_headers *h, const unsigned long end)
{
	if (BAD_MADT_ENTRY(&h->local_apic, end))
		return -EINVAL;
	note_cpu(h->local_apic.id, h->local_apic.lapic_flags);
	return 0;
}

static int count_x2apic(union acpi_subtable_headers *h, const unsigned long end)
{
	if (BAD_MADT_ENTRY(&h->local_x2apic, end))
		return -EINVAL;
	note_cpu(h->local_x2apic.local_apic_id, h->local_x2apic.lapic_flags);
	return 0;
}

static int check_ioapic(union acpi_subtable_headers *h, const unsigned long end)
{
	if (BAD_MADT_ENTRY(&h->io_apic, end))
		return -EINVAL;
	if (h->io_apic.address == IOAPIC_DEFAULT_BASE && h->io_apic.global_irq_base == 0)
		found.ioapic_at_default = true;
	return 0;
}

static int check_override(union acpi_subtable_headers *h, const unsigned long end)
{
	if (BAD_MADT_ENTRY(&h->interrupt_override, end))
		return -EINVAL;
	if (h->interrupt_override.source_irq == 0 && h->interrupt_override.global_irq == 2)
		found.irq0_to_gsi2 = true;
	return 0;
}

static void acpi_tables_found(struct kunit *test)
{
	struct acpi_table_header *madt;

	KUNIT_ASSERT_EQ(test, acpi_table_init(), 0);
	KUNIT_ASSERT_EQ(test, acpi_get_table(ACPI_SIG_MADT, 1, &madt), 0);
	KUNIT_EXPECT_GE(test, madt->length, sizeof(struct acpi_table_madt));
	KUNIT_EXPECT_EQ(test, acpi_checksum(madt, madt->length), 0);
	KUNIT_EXPECT_EQ(test, acpi_get_table(ACPI_SIG_MADT, 2, &madt), -ENOENT);
}

static void acpi_madt_one_lapic_per_cpu(struct kunit *test)
{
	unsigned int nr_cpus = qemu_nr_cpus();
	int n;

	found.usable_cpus = 0;
	found.boot_cpu_listed = false;
	found.boot_apic_id = boot_cpu_apic_id();
	n = acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC, count_lapic, 0);
	KUNIT_ASSERT_GE(test, n, 0);
	n = acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_X2APIC, count_x2apic, 0);
	KUNIT_ASSERT_GE(test, n, 0);
	KUNIT_EXPECT_GE(test, found.usable_cpus, 1);
	if (nr_cpus)
		KUNIT_EXPECT_EQ(test, found.usable_cpus, nr_cpus);
	KUNIT_EXPECT_TRUE(test, found.boot_cpu_listed);
}

static void acpi_madt_ioapic_at_fec00000(struct kunit *test)
{
	found.ioapic_at_default = false;
	KUNIT_EXPECT_GE(test, acpi_table_parse_madt(ACPI_MADT_TYPE_IO_APIC, check_ioapic, 0), 1);
	KUNIT_EXPECT_TRUE(test, found.ioapic_at_default);
}

static void acpi_madt_isa_irq0_to_gsi2(struct kunit *test)
{
	found.irq0_to_gsi2 = false;
	KUNIT_EXPECT_GE(test, acpi_table_parse_madt(ACPI_MADT_TYPE_INTERRUPT_OVERRIDE,
						    check_override, 0), 1);
	KUNIT_EXPECT_TRUE(test, found.irq0_to_gsi2);
}

/* Whether or not setup_arch() got there first, the verdict is the same. */
static void acpi_boot_init_finds_apics(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, acpi_boot_init(), 0);
	KUNIT_EXPECT_EQ(test, acpi_boot_init(), 0);
	KUNIT_EXPECT_TRUE(test, acpi_lapic);
	KUNIT_EXPECT_TRUE(test, acpi_ioapic);
	KUNIT_EXPECT_FALSE(test, acpi_disabled);
}

static struct kunit_case acpi_test_cases[] = {
	KUNIT_CASE(acpi_tables_found),
	KUNIT_CASE(acpi_madt_one_lapic_per_cpu),
	KUNIT_CASE(acpi_madt_ioapic_at_fec00000),
	KUNIT_CASE(acpi_madt_isa_irq0_to_gsi2),
	KUNIT_CASE(acpi_boot_init_finds_apics),
	{}
};

static struct kunit_suite acpi_test_suite = {
	.name = "acpi",
	.test_cases = acpi_test_cases,
};
kunit_test_suite(acpi_test_suite);
