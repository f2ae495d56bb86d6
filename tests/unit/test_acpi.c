// SPDX-License-Identifier: MIT
/* unit-test-sources: drivers/acpi/tables.c arch/x86/kernel/acpi/boot.c */
/*
 * ACPI table discovery and the MADT walk, on synthetic firmware: each
 * test writes an RSDP, root tables and an MADT into an arena standing for
 * physical [0, 2 MiB), boots ACPI on it, and checks what the APIC
 * callbacks were told. The callbacks here are strong versions of
 * boot.c's weak ones and only record their arguments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sanitizer/asan_interface.h>

#include <linux/kernel.h>
#include <linux/acpi.h>
#include <asm/page.h>

/* By hand: <stdlib.h> drags in a loff_t that clashes with the kernel's. */
void *aligned_alloc(size_t alignment, size_t size);
void free(void *p);

#define ARENA_SIZE	(2UL << 20)
#define EBDA		0x9fc00UL
#define BIOS_RSDP	0xe0010UL	/* inside the BIOS area, 16-byte aligned */
#define RSDT_PHYS	0x100000UL
#define XSDT_PHYS	0x101000UL
#define MADT_PHYS	0x102000UL
#define MADT2_PHYS	0x103000UL
#define MCFG_PHYS	0x104000UL

#define LAPIC_BASE	0xfee00000U
#define IOAPIC_BASE	0xfec00000U

#define INTI(pol, trig)	((pol) | (trig) << ACPI_MADT_TRIGGER_SHIFT)

struct boot_params boot_params;
static u8 *arena;

/* The host's acpi_os_map_memory(): the arena is all the memory there is. */
void *acpi_os_map_memory(phys_addr_t phys, size_t size)
{
	if (phys >= ARENA_SIZE || size > ARENA_SIZE - phys)
		return NULL;
	return __va(phys);
}

/* --- what the APIC code was told ---------------------------------------- */

#define MAX_CALLS 32

static struct {
	unsigned int nr_lapic_addr, nr_lapic, nr_ioapic, nr_ovr, nr_nmi_src, nr_lapic_nmi;
	u64 lapic_addr;
	struct { u32 apic_id, acpi_id; bool enabled; } lapic[MAX_CALLS];
	struct { int id; u32 address, gsi_base; } ioapic[MAX_CALLS];
	struct { u8 irq, pol, trig; u32 gsi; } ovr[MAX_CALLS];
	struct { u32 gsi; u8 pol, trig; } nmi_src[MAX_CALLS];
	struct { u32 acpi_id; u8 lint, pol, trig; } lapic_nmi[MAX_CALLS];
} seen;

void register_lapic_address(u64 address)
{
	seen.nr_lapic_addr++;
	seen.lapic_addr = address;
}

int acpi_register_lapic(u32 apic_id, u32 acpi_id, bool enabled)
{
	assert_true(seen.nr_lapic < MAX_CALLS);
	seen.lapic[seen.nr_lapic].apic_id = apic_id;
	seen.lapic[seen.nr_lapic].acpi_id = acpi_id;
	seen.lapic[seen.nr_lapic].enabled = enabled;
	seen.nr_lapic++;
	return 0;
}

int mp_register_ioapic(int id, u32 address, u32 gsi_base)
{
	assert_true(seen.nr_ioapic < MAX_CALLS);
	seen.ioapic[seen.nr_ioapic].id = id;
	seen.ioapic[seen.nr_ioapic].address = address;
	seen.ioapic[seen.nr_ioapic].gsi_base = gsi_base;
	seen.nr_ioapic++;
	return 0;
}

void mp_override_legacy_irq(u8 bus_irq, u8 polarity, u8 trigger, u32 gsi)
{
	assert_true(seen.nr_ovr < MAX_CALLS);
	seen.ovr[seen.nr_ovr].irq = bus_irq;
	seen.ovr[seen.nr_ovr].pol = polarity;
	seen.ovr[seen.nr_ovr].trig = trigger;
	seen.ovr[seen.nr_ovr].gsi = gsi;
	seen.nr_ovr++;
}

void acpi_register_nmi_source(u32 gsi, u8 polarity, u8 trigger)
{
	assert_true(seen.nr_nmi_src < MAX_CALLS);
	seen.nmi_src[seen.nr_nmi_src].gsi = gsi;
	seen.nmi_src[seen.nr_nmi_src].pol = polarity;
	seen.nmi_src[seen.nr_nmi_src].trig = trigger;
	seen.nr_nmi_src++;
}

void acpi_register_lapic_nmi(u32 acpi_id, u8 lint, u8 polarity, u8 trigger)
{
	assert_true(seen.nr_lapic_nmi < MAX_CALLS);
	seen.lapic_nmi[seen.nr_lapic_nmi].acpi_id = acpi_id;
	seen.lapic_nmi[seen.nr_lapic_nmi].lint = lint;
	seen.lapic_nmi[seen.nr_lapic_nmi].pol = polarity;
	seen.lapic_nmi[seen.nr_lapic_nmi].trig = trigger;
	seen.nr_lapic_nmi++;
}

/* --- firmware builders --------------------------------------------------- */

static void *phys(phys_addr_t p)
{
	return __va(p);
}

static void set_checksum(u8 *field, const void *start, size_t len)
{
	*field = 0;
	*field = -acpi_checksum(start, len);
}

static void put_rsdp(phys_addr_t at, u8 revision, u32 rsdt, u64 xsdt)
{
	struct acpi_table_rsdp *r = phys(at);

	memset(r, 0, sizeof(*r));
	memcpy(r->signature, ACPI_SIG_RSDP, 8);
	memcpy(r->oem_id, "BOCHS ", 6);
	r->revision = revision;
	r->rsdt_physical_address = rsdt;
	r->length = sizeof(*r);
	r->xsdt_physical_address = xsdt;
	set_checksum(&r->checksum, r, ACPI_RSDP_CHECKSUM_LENGTH);
	set_checksum(&r->extended_checksum, r, ACPI_RSDP_XCHECKSUM_LENGTH);
}

static struct acpi_table_header *begin_table(phys_addr_t at, const char *sig)
{
	struct acpi_table_header *h = phys(at);

	memset(h, 0, sizeof(*h));
	memcpy(h->signature, sig, 4);
	h->revision = 1;
	memcpy(h->oem_id, "BOCHS ", 6);
	memcpy(h->oem_table_id, "BXPC    ", 8);
	h->oem_revision = 1;
	memcpy(h->asl_compiler_id, "BXPC", 4);
	h->asl_compiler_revision = 1;
	h->length = sizeof(*h);
	return h;
}

static void end_table(struct acpi_table_header *h)
{
	set_checksum(&h->checksum, h, h->length);
}

static void put_rsdt(phys_addr_t at, const u32 *tables, unsigned int n)
{
	struct acpi_table_header *h = begin_table(at, ACPI_SIG_RSDT);

	memcpy((u8 *)h + sizeof(*h), tables, n * sizeof(u32));
	h->length += n * sizeof(u32);
	end_table(h);
}

static void put_xsdt(phys_addr_t at, const u64 *tables, unsigned int n)
{
	struct acpi_table_header *h = begin_table(at, ACPI_SIG_XSDT);

	memcpy((u8 *)h + sizeof(*h), tables, n * sizeof(u64));
	h->length += n * sizeof(u64);
	end_table(h);
}

static struct acpi_table_header *madt;

static void madt_begin(phys_addr_t at, u32 lapic_base)
{
	struct acpi_table_madt *m;

	madt = begin_table(at, ACPI_SIG_MADT);
	m = (void *)madt;
	m->address = lapic_base;
	m->flags = ACPI_MADT_PCAT_COMPAT;
	madt->length = sizeof(*m);
}

static void *madt_add(u8 type, u8 length)
{
	struct acpi_subtable_header *s = (void *)((u8 *)madt + madt->length);

	memset(s, 0, length);
	s->type = type;
	s->length = length;
	madt->length += length;
	return s;
}

static void madt_lapic(u8 acpi_id, u8 apic_id, u32 flags)
{
	struct acpi_madt_local_apic *p = madt_add(ACPI_MADT_TYPE_LOCAL_APIC, sizeof(*p));

	p->processor_id = acpi_id;
	p->id = apic_id;
	p->lapic_flags = flags;
}

static void madt_x2apic(u32 uid, u32 apic_id, u32 flags)
{
	struct acpi_madt_local_x2apic *p = madt_add(ACPI_MADT_TYPE_LOCAL_X2APIC, sizeof(*p));

	p->uid = uid;
	p->local_apic_id = apic_id;
	p->lapic_flags = flags;
}

static void madt_ioapic(u8 id, u32 address, u32 gsi_base)
{
	struct acpi_madt_io_apic *p = madt_add(ACPI_MADT_TYPE_IO_APIC, sizeof(*p));

	p->id = id;
	p->address = address;
	p->global_irq_base = gsi_base;
}

static void madt_override(u8 irq, u32 gsi, u16 flags)
{
	struct acpi_madt_interrupt_override *p =
		madt_add(ACPI_MADT_TYPE_INTERRUPT_OVERRIDE, sizeof(*p));

	p->source_irq = irq;
	p->global_irq = gsi;
	p->inti_flags = flags;
}

static void madt_nmi_source(u32 gsi, u16 flags)
{
	struct acpi_madt_nmi_source *p = madt_add(ACPI_MADT_TYPE_NMI_SOURCE, sizeof(*p));

	p->global_irq = gsi;
	p->inti_flags = flags;
}

static void madt_lapic_nmi(u8 acpi_id, u16 flags, u8 lint)
{
	struct acpi_madt_local_apic_nmi *p = madt_add(ACPI_MADT_TYPE_LOCAL_APIC_NMI, sizeof(*p));

	p->processor_id = acpi_id;
	p->inti_flags = flags;
	p->lint = lint;
}

static void madt_x2apic_nmi(u32 uid, u16 flags, u8 lint)
{
	struct acpi_madt_local_x2apic_nmi *p =
		madt_add(ACPI_MADT_TYPE_LOCAL_X2APIC_NMI, sizeof(*p));

	p->uid = uid;
	p->inti_flags = flags;
	p->lint = lint;
}

static void madt_lapic_addr_ovr(u64 address)
{
	struct acpi_madt_local_apic_override *p =
		madt_add(ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE, sizeof(*p));

	p->address = address;
}

/* QEMU -M pc's MADT: one CPU, one IOAPIC, its usual overrides. */
static void madt_qemu_pc(phys_addr_t at)
{
	madt_begin(at, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 0);
	madt_override(0, 2, 0);
	madt_override(5, 5, INTI(ACPI_MADT_POLARITY_ACTIVE_HIGH, ACPI_MADT_TRIGGER_LEVEL));
	madt_override(9, 9, INTI(ACPI_MADT_POLARITY_ACTIVE_HIGH, ACPI_MADT_TRIGGER_LEVEL));
	madt_override(10, 10, INTI(ACPI_MADT_POLARITY_ACTIVE_HIGH, ACPI_MADT_TRIGGER_LEVEL));
	madt_override(11, 11, INTI(ACPI_MADT_POLARITY_ACTIVE_HIGH, ACPI_MADT_TRIGGER_LEVEL));
	madt_lapic_nmi(0xff, 0, 1);
	end_table(madt);
}

/* A machine whose RSDP (in the BIOS area) leads to an RSDT listing @n tables. */
static void machine_rsdt(const u32 *tables, unsigned int n)
{
	put_rsdt(RSDT_PHYS, tables, n);
	put_rsdp(BIOS_RSDP, 0, RSDT_PHYS, 0);
}

static void machine_with_madt(void)
{
	const u32 tables[] = { MADT_PHYS };

	machine_rsdt(tables, 1);
}

static int setup(void **state)
{
	arena = aligned_alloc(4096, ARENA_SIZE);
	if (!arena)
		return -1;
	memset(arena, 0, ARENA_SIZE);
	host_page_offset = (unsigned long)arena;
	*(u16 *)phys(0x40e) = EBDA >> 4;
	boot_params.acpi_rsdp_addr = 0;
	memset(&seen, 0, sizeof(seen));
	acpi_boot_forget();
	host_log_reset();
	return 0;
}

static int teardown(void **state)
{
	ASAN_UNPOISON_MEMORY_REGION(arena, ARENA_SIZE);
	free(arena);
	return 0;
}

/* --- tests ----------------------------------------------------------------- */

static void rsdp_checksum_rejects_bad_table(void **state)
{
	struct acpi_table_rsdp *r;

	madt_qemu_pc(MADT_PHYS);
	machine_with_madt();
	/* The loader's pointer: a bad checksum. */
	put_rsdp(0x80000, 0, RSDT_PHYS, 0);
	((struct acpi_table_rsdp *)phys(0x80000))->checksum ^= 1;
	boot_params.acpi_rsdp_addr = 0x80000;
	/* The EBDA's: the first 20 bytes fine, the extended checksum not. */
	put_rsdp(EBDA, 2, RSDT_PHYS, XSDT_PHYS);
	r = phys(EBDA);
	r->extended_checksum ^= 0x55;

	assert_int_equal(acpi_table_init(), 0);
	assert_true(host_log_contains("RSDP at 0x80000 from the boot loader is invalid"));
	assert_true(host_log_contains("ACPI: RSDP 0x00000000000E0010 000014 (v00 BOCHS )"));
	assert_true(host_log_contains("ACPI: APIC 0x0000000000102000 "));
	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_lapic, 1);

	/* With the good one broken as well there is nothing to trust. */
	acpi_boot_forget();
	((struct acpi_table_rsdp *)phys(BIOS_RSDP))->checksum ^= 1;
	assert_int_equal(acpi_table_init(), -ENODEV);
}

static void xsdt_preferred_over_rsdt(void **state)
{
	const u32 rsdt[] = { MADT_PHYS };
	const u64 xsdt[] = { MADT2_PHYS };
	struct acpi_table_header *xh;

	madt_begin(MADT_PHYS, LAPIC_BASE);		/* the RSDT's: one CPU */
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	end_table(madt);
	madt_begin(MADT2_PHYS, LAPIC_BASE);		/* the XSDT's: two */
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_lapic(1, 1, ACPI_MADT_ENABLED);
	end_table(madt);
	put_rsdt(RSDT_PHYS, rsdt, 1);
	put_xsdt(XSDT_PHYS, xsdt, 1);
	put_rsdp(BIOS_RSDP, 2, RSDT_PHYS, XSDT_PHYS);

	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_lapic, 2);
	assert_true(host_log_contains("ACPI: XSDT 0x0000000000101000 00002C (v01 BOCHS  BXPC     00000001 BXPC 00000001)"));
	assert_false(host_log_contains("ACPI: RSDT"));

	/* A revision-0 RSDP has no XSDT to offer. */
	acpi_boot_forget();
	memset(&seen, 0, sizeof(seen));
	put_rsdp(BIOS_RSDP, 0, RSDT_PHYS, XSDT_PHYS);
	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_lapic, 1);

	/* A corrupt XSDT falls back to the RSDT. */
	acpi_boot_forget();
	memset(&seen, 0, sizeof(seen));
	put_rsdp(BIOS_RSDP, 2, RSDT_PHYS, XSDT_PHYS);
	xh = phys(XSDT_PHYS);
	xh->checksum ^= 1;
	assert_int_equal(acpi_boot_init(), 0);
	assert_true(host_log_contains("XSDT unusable, falling back to the RSDT"));
	assert_int_equal(seen.nr_lapic, 1);
}

static void madt_reports_every_lapic_and_ioapic(void **state)
{
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 0);
	madt_lapic(1, 2, ACPI_MADT_ENABLED);
	madt_lapic(2, 4, 0);				/* unusable: ignored */
	madt_lapic(3, 6, ACPI_MADT_ONLINE_CAPABLE);	/* hot-pluggable: disabled */
	madt_x2apic(4, 0x100, ACPI_MADT_ENABLED);
	madt_lapic(5, 0xff, ACPI_MADT_ENABLED);		/* broadcast ID: not a CPU */
	madt_ioapic(1, IOAPIC_BASE + 0x1000, 24);
	madt->revision = 5;				/* the online-capable flag counts */
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	assert_true(acpi_lapic);
	assert_true(acpi_ioapic);
	assert_int_equal(seen.nr_lapic_addr, 1);
	assert_int_equal(seen.lapic_addr, LAPIC_BASE);

	assert_int_equal(seen.nr_lapic, 4);
	assert_int_equal(seen.lapic[0].apic_id, 0);
	assert_true(seen.lapic[0].enabled);
	assert_int_equal(seen.lapic[1].apic_id, 2);
	assert_int_equal(seen.lapic[1].acpi_id, 1);
	assert_int_equal(seen.lapic[2].apic_id, 6);
	assert_false(seen.lapic[2].enabled);
	assert_int_equal(seen.lapic[3].apic_id, 0x100);	/* in MADT order */
	assert_int_equal(seen.lapic[3].acpi_id, 4);

	assert_int_equal(seen.nr_ioapic, 2);
	assert_int_equal(seen.ioapic[0].address, IOAPIC_BASE);
	assert_int_equal(seen.ioapic[0].gsi_base, 0);
	assert_int_equal(seen.ioapic[1].id, 1);
	assert_int_equal(seen.ioapic[1].address, IOAPIC_BASE + 0x1000);
	assert_int_equal(seen.ioapic[1].gsi_base, 24);
	assert_true(host_log_contains("ACPI: LAPIC (acpi_id[0x00] lapic_id[0x00] enabled)"));
	assert_true(host_log_contains("ACPI: LAPIC (acpi_id[0x02] lapic_id[0x04] disabled)"));
	assert_true(host_log_contains("ACPI: X2APIC (apic_id[0x100] uid[0x04] enabled)"));
	assert_true(host_log_contains("ACPI: IOAPIC (id[0x01] address[0xfec01000] gsi_base[24])"));
	assert_true(host_log_contains("Using ACPI (MADT) for SMP configuration information"));
}

static int find_override(u8 irq)
{
	unsigned int i;

	for (i = 0; i < seen.nr_ovr; i++)
		if (seen.ovr[i].irq == irq)
			return i;
	return -1;
}

/*
 * Before MADT revision 5 there is no online-capable flag: a disabled
 * entry may be a hotplug slot and is reported as disabled, x2APIC ones
 * included, all in MADT order.
 */
static void madt_before_rev5_reports_disabled_entries(void **state)
{
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_lapic(1, 1, 0);
	madt_x2apic(2, 0x200, 0);
	madt_x2apic(3, 0x201, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 0);
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_lapic, 4);
	assert_false(seen.lapic[1].enabled);
	assert_int_equal(seen.lapic[2].apic_id, 0x200);
	assert_false(seen.lapic[2].enabled);
	assert_int_equal(seen.lapic[3].apic_id, 0x201);
	assert_true(seen.lapic[3].enabled);
}

/* From revision 5 a disabled entry must say online-capable to be a CPU at all. */
static void madt_rev5_ignores_disabled_entries_not_online_capable(void **state)
{
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_lapic(1, 1, 0);
	madt_x2apic(2, 0x200, 0);
	madt_x2apic(3, 0x201, ACPI_MADT_ONLINE_CAPABLE);
	madt_ioapic(0, IOAPIC_BASE, 0);
	madt->revision = 5;
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_lapic, 2);
	assert_int_equal(seen.lapic[1].apic_id, 0x201);
	assert_false(seen.lapic[1].enabled);
}

static void interrupt_override_flags_decoded(void **state)
{
	int i;

	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 0);
	madt_override(0, 2, 0);
	madt_override(9, 9, INTI(ACPI_MADT_POLARITY_ACTIVE_LOW, ACPI_MADT_TRIGGER_LEVEL));
	madt_override(4, 4, INTI(ACPI_MADT_POLARITY_ACTIVE_HIGH, ACPI_MADT_TRIGGER_EDGE));
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	/* Firmware's overrides first, in MADT order. */
	assert_int_equal(seen.ovr[0].irq, 0);
	assert_int_equal(seen.ovr[0].gsi, 2);
	assert_int_equal(seen.ovr[0].pol, MP_IRQPOL_DEFAULT);
	assert_int_equal(seen.ovr[0].trig, MP_IRQTRIG_DEFAULT);
	assert_int_equal(seen.ovr[1].irq, 9);
	assert_int_equal(seen.ovr[1].gsi, 9);
	assert_int_equal(seen.ovr[1].pol, MP_IRQPOL_ACTIVE_LOW);
	assert_int_equal(seen.ovr[1].trig, MP_IRQTRIG_LEVEL);
	assert_int_equal(seen.ovr[2].pol, MP_IRQPOL_ACTIVE_HIGH);
	assert_int_equal(seen.ovr[2].trig, MP_IRQTRIG_EDGE);
	i = find_override(9);
	assert_int_equal(i, 1);
	assert_true(host_log_contains("ACPI: INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)"));
	assert_true(host_log_contains("ACPI: INT_SRC_OVR (bus 0 bus_irq 9 global_irq 9 low level)"));
	assert_true(host_log_contains("ACPI: INT_SRC_OVR (bus 0 bus_irq 4 global_irq 4 high edge)"));
}

static void legacy_irqs_identity_mapped_without_override(void **state)
{
	unsigned int irq, firmware = 5;

	madt_qemu_pc(MADT_PHYS);
	machine_with_madt();
	assert_int_equal(acpi_boot_init(), 0);

	/* 0 and 2 are taken by 0 -> 2; 5, 9, 10, 11 have their own overrides. */
	assert_int_equal(seen.nr_ovr, firmware + 16 - 6);
	for (irq = 0; irq < 16; irq++) {
		int i = find_override(irq);

		if (irq == 2) {
			assert_int_equal(i, -1);
			continue;
		}
		assert_true(i >= 0);
		if (irq == 0 || irq == 5 || irq == 9 || irq == 10 || irq == 11) {
			assert_true(i < (int)firmware);
			continue;
		}
		assert_true(i >= (int)firmware);
		assert_int_equal(seen.ovr[i].gsi, irq);
		assert_int_equal(seen.ovr[i].pol, MP_IRQPOL_DEFAULT);
		assert_int_equal(seen.ovr[i].trig, MP_IRQTRIG_DEFAULT);
	}
}

static void legacy_irqs_skipped_below_first_ioapic(void **state)
{
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 8);
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_ovr, 8);
	assert_int_equal(seen.ovr[0].irq, 8);
	assert_int_equal(find_override(7), -1);
}

static void lapic_address_override_wins(void **state)
{
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_lapic_addr_ovr(0x1fee00000ULL);
	madt_ioapic(0, IOAPIC_BASE, 0);
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_lapic_addr, 1);
	assert_int_equal(seen.lapic_addr, 0x1fee00000ULL);
	assert_true(host_log_contains("ACPI: LAPIC_ADDR_OVR (address[0x1fee00000])"));
}

static void nmi_sources_reported(void **state)
{
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 0);
	madt_nmi_source(3, INTI(ACPI_MADT_POLARITY_ACTIVE_HIGH, ACPI_MADT_TRIGGER_EDGE));
	madt_lapic_nmi(0xff, 0, 1);
	madt_lapic_nmi(0, INTI(ACPI_MADT_POLARITY_ACTIVE_LOW, ACPI_MADT_TRIGGER_LEVEL), 0);
	madt_x2apic_nmi(0xffffffff, 0, 1);
	end_table(madt);
	machine_with_madt();

	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(seen.nr_nmi_src, 1);
	assert_int_equal(seen.nmi_src[0].gsi, 3);
	assert_int_equal(seen.nmi_src[0].pol, MP_IRQPOL_ACTIVE_HIGH);
	assert_int_equal(seen.nmi_src[0].trig, MP_IRQTRIG_EDGE);

	/* x2APIC NMI entries are walked first, as Linux does. */
	assert_int_equal(seen.nr_lapic_nmi, 3);
	assert_int_equal(seen.lapic_nmi[0].acpi_id, ACPI_ID_ALL_CPUS_X2APIC);
	assert_int_equal(seen.lapic_nmi[1].acpi_id, ACPI_ID_ALL_CPUS_LAPIC);
	assert_int_equal(seen.lapic_nmi[1].lint, 1);
	assert_int_equal(seen.lapic_nmi[1].pol, MP_IRQPOL_DEFAULT);
	assert_int_equal(seen.lapic_nmi[2].acpi_id, 0);
	assert_int_equal(seen.lapic_nmi[2].lint, 0);
	assert_int_equal(seen.lapic_nmi[2].pol, MP_IRQPOL_ACTIVE_LOW);
	assert_int_equal(seen.lapic_nmi[2].trig, MP_IRQTRIG_LEVEL);
	assert_true(host_log_contains("ACPI: NMI_SRC (high edge global_irq 3)"));
	assert_true(host_log_contains("ACPI: LAPIC_NMI (acpi_id[0xff] dfl dfl lint[0x1])"));
	assert_true(host_log_contains("ACPI: X2APIC_NMI (uid[0xffffffff] dfl dfl lint[0x1])"));
	assert_true(host_log_contains("NMI not connected to LINT 1!"));
}

static void bad_madt_checksum_skipped(void **state)
{
	const u32 tables[] = { MADT_PHYS, MCFG_PHYS };
	struct acpi_table_header *h, *mcfg;

	madt_qemu_pc(MADT_PHYS);
	madt->oem_revision++;			/* changed after the checksum */
	mcfg = begin_table(MCFG_PHYS, ACPI_SIG_MCFG);
	mcfg->length = sizeof(struct acpi_table_mcfg);
	end_table(mcfg);
	machine_rsdt(tables, 2);

	assert_int_equal(acpi_boot_init(), -ENODEV);
	assert_true(host_log_contains("Incorrect checksum in table [APIC]"));
	assert_int_equal(acpi_get_table(ACPI_SIG_MADT, 1, &h), -ENOENT);
	assert_int_equal(acpi_get_table(ACPI_SIG_MCFG, 1, &h), 0);
	assert_ptr_equal(h, mcfg);
	assert_int_equal(seen.nr_lapic_addr + seen.nr_lapic + seen.nr_ioapic + seen.nr_ovr, 0);
	assert_false(acpi_lapic);
}

/* End the MADT at an arena page whose tail is poisoned: any overread is an ASan report. */
static void poison_after_madt(void)
{
	u8 *end = (u8 *)madt + madt->length;

	ASAN_POISON_MEMORY_REGION(end, 4096);
}

static void truncated_subtable_does_not_overrun(void **state)
{
	struct acpi_madt_local_apic *shrunk;

	/* The last structure's length runs past the table. */
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_add(ACPI_MADT_TYPE_IO_APIC, sizeof(struct acpi_madt_io_apic));
	madt->length -= 4;
	end_table(madt);
	machine_with_madt();
	poison_after_madt();
	assert_int_equal(acpi_boot_init(), -EINVAL);
	assert_true(host_log_contains("[APIC:0x01] subtable of length 12"));
	assert_true(host_log_contains("Invalid BIOS MADT, disabling ACPI"));
	assert_int_equal(seen.nr_ioapic, 0);
	ASAN_UNPOISON_MEMORY_REGION(arena, ARENA_SIZE);

	/* A lone byte of subtable header at the end. */
	acpi_boot_forget();
	madt_begin(MADT_PHYS, LAPIC_BASE);
	madt_lapic(0, 0, ACPI_MADT_ENABLED);
	madt_ioapic(0, IOAPIC_BASE, 0);
	madt->length += 1;
	end_table(madt);
	poison_after_madt();
	assert_int_equal(acpi_boot_init(), 0);
	ASAN_UNPOISON_MEMORY_REGION(arena, ARENA_SIZE);

	/* A structure shorter than its type: refused by its handler. */
	acpi_boot_forget();
	memset(&seen, 0, sizeof(seen));
	madt_begin(MADT_PHYS, LAPIC_BASE);
	shrunk = madt_add(ACPI_MADT_TYPE_LOCAL_APIC, 4);
	shrunk->processor_id = 7;
	end_table(madt);
	poison_after_madt();
	assert_int_equal(acpi_boot_init(), -EINVAL);
	assert_int_equal(seen.nr_lapic, 0);
	ASAN_UNPOISON_MEMORY_REGION(arena, ARENA_SIZE);

	/* A header claiming an absurd length is not believed. */
	acpi_boot_forget();
	madt_qemu_pc(MADT_PHYS);
	madt->length = 0xfffffff0;
	assert_int_equal(acpi_boot_init(), -ENODEV);
	assert_true(host_log_contains("[APIC] at 0x102000 claims length 4294967280, ignored"));
}

static void no_madt_returns_enodev(void **state)
{
	const u32 tables[] = { MCFG_PHYS };
	struct acpi_table_header *mcfg, *h;

	mcfg = begin_table(MCFG_PHYS, ACPI_SIG_MCFG);
	mcfg->length = sizeof(struct acpi_table_mcfg) + sizeof(struct acpi_mcfg_allocation);
	end_table(mcfg);
	machine_rsdt(tables, 1);

	assert_int_equal(acpi_boot_init(), -ENODEV);
	assert_false(acpi_lapic);
	assert_false(acpi_ioapic);
	assert_int_equal(seen.nr_lapic_addr + seen.nr_lapic + seen.nr_ioapic, 0);
	assert_int_equal(acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC, NULL, 0), -ENODEV);
	assert_int_equal(acpi_get_table(ACPI_SIG_MCFG, 1, &h), 0);
	assert_int_equal(acpi_get_table(ACPI_SIG_MCFG, 2, &h), -ENOENT);
	assert_int_equal(acpi_get_table(ACPI_SIG_MCFG, 0, &h), -EINVAL);
}

static void no_rsdp_returns_enodev(void **state)
{
	assert_int_equal(acpi_table_init(), -ENODEV);
	assert_int_equal(acpi_boot_init(), -ENODEV);
	assert_int_equal(acpi_disabled, 1);
}

static void boot_init_reports_once(void **state)
{
	madt_qemu_pc(MADT_PHYS);
	machine_with_madt();
	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(acpi_boot_init(), 0);
	assert_int_equal(acpi_table_init(), 0);
	assert_int_equal(seen.nr_lapic, 1);
	assert_int_equal(seen.nr_ioapic, 1);
	assert_int_equal(seen.nr_lapic_addr, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rsdp_checksum_rejects_bad_table, setup, teardown),
		cmocka_unit_test_setup_teardown(xsdt_preferred_over_rsdt, setup, teardown),
		cmocka_unit_test_setup_teardown(madt_reports_every_lapic_and_ioapic, setup, teardown),
		cmocka_unit_test_setup_teardown(madt_before_rev5_reports_disabled_entries, setup, teardown),
		cmocka_unit_test_setup_teardown(madt_rev5_ignores_disabled_entries_not_online_capable,
						setup, teardown),
		cmocka_unit_test_setup_teardown(interrupt_override_flags_decoded, setup, teardown),
		cmocka_unit_test_setup_teardown(legacy_irqs_identity_mapped_without_override, setup, teardown),
		cmocka_unit_test_setup_teardown(legacy_irqs_skipped_below_first_ioapic, setup, teardown),
		cmocka_unit_test_setup_teardown(lapic_address_override_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(nmi_sources_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_madt_checksum_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(truncated_subtable_does_not_overrun, setup, teardown),
		cmocka_unit_test_setup_teardown(no_madt_returns_enodev, setup, teardown),
		cmocka_unit_test_setup_teardown(no_rsdp_returns_enodev, setup, teardown),
		cmocka_unit_test_setup_teardown(boot_init_reports_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
