// SPDX-License-Identifier: MIT
/*
 * x86's reading of the MADT: the local APIC base, the processors, the
 * IOAPICs, how the ISA IRQs are wired to GSIs, and where NMIs come from.
 * Each fact is handed to the APIC code through the callbacks declared in
 * asm/acpi.h; this file decides nothing about programming the hardware.
 * Finding and checking the tables is drivers/acpi/tables.c's business.
 *
 * Also here, as in Linux: acpi_disabled with "acpi=off" (and
 * "acpi=rsdt"), and acpi_lapic/acpi_ioapic, which say what the MADT
 * provided. The callbacks have weak, logging versions at the end so the
 * kernel links before the APIC code exists. Not done: the FADT's SCI
 * (its own override is honoured like any other), the DMI quirks for the
 * timer override, and MADT types beyond those in include/acpi/actbl.h.
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/acpi.h>

#define NR_IRQS_LEGACY		16
#define MAX_IO_APICS		128
#define BAD_APIC_ID		0xffU		/* the xAPIC broadcast ID, never a CPU */
#define BAD_X2APIC_ID		0xffffffffU

int acpi_disabled;
bool acpi_lapic;
bool acpi_ioapic;

/*
 * The MADT's MPS INTI flags are laid out as the MP table's irqflag, so
 * decoding is masking; these pin that the two encodings agree.
 */
BUILD_BUG_ON(MP_IRQPOL_ACTIVE_LOW != ACPI_MADT_POLARITY_ACTIVE_LOW);
BUILD_BUG_ON(MP_IRQTRIG_EDGE != ACPI_MADT_TRIGGER_EDGE << ACPI_MADT_TRIGGER_SHIFT);
BUILD_BUG_ON(MP_IRQTRIG_LEVEL != ACPI_MADT_TRIGGER_LEVEL << ACPI_MADT_TRIGGER_SHIFT);

static u8 mp_polarity(u16 inti_flags)
{
	return inti_flags & ACPI_MADT_POLARITY_MASK;
}

static u8 mp_trigger(u16 inti_flags)
{
	return inti_flags & ACPI_MADT_TRIGGER_MASK;
}

/* What one pass over the MADT has learnt so far. */
static struct {
	u64 lapic_addr;
	unsigned int nr_ioapics;	/* registered, not merely listed */
	u32 lowest_gsi_base;
	u16 isa_irq_overridden;		/* ISA IRQs some override re-routes */
	u16 isa_gsi_taken;		/* GSIs 0-15 some override points at */
	bool online_capable_defined;	/* revision 5 on: the flag means something */
} madt;

static int __init parse_acpi(char *arg)
{
	if (!strcmp(arg, "off"))
		acpi_disabled = 1;
	else if (!strcmp(arg, "rsdt"))
		acpi_gbl_do_not_use_xsdt = true;
	else
		return -EINVAL;
	return 0;
}
__setup("acpi=", parse_acpi);

static int acpi_parse_lapic_addr_ovr(union acpi_subtable_headers *header,
				     const unsigned long end)
{
	struct acpi_madt_local_apic_override *ovr = &header->local_apic_override;

	if (BAD_MADT_ENTRY(ovr, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	madt.lapic_addr = ovr->address;
	return 0;
}

/*
 * Enabled now, or can be brought online later (ACPI 6.5 §5.2.12.2). Before
 * MADT revision 5 there was no online-capable flag, and a disabled entry
 * may be a hotplug slot; from revision 5 a disabled entry without the flag
 * can never run.
 */
static bool acpi_is_processor_usable(u32 lapic_flags)
{
	if (lapic_flags & ACPI_MADT_ENABLED)
		return true;
	return !madt.online_capable_defined || (lapic_flags & ACPI_MADT_ONLINE_CAPABLE);
}

/*
 * A disabled but usable entry is reported too, so it is counted as a
 * hotplug CPU; the receiver says what it refused, in Linux's words.
 */
static void acpi_report_lapic(u32 apic_id, u32 acpi_id, u32 lapic_flags)
{
	if (acpi_is_processor_usable(lapic_flags))
		acpi_register_lapic(apic_id, acpi_id, lapic_flags & ACPI_MADT_ENABLED);
}

static int acpi_parse_lapic(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_local_apic *p = &header->local_apic;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	if (p->id != BAD_APIC_ID)
		acpi_report_lapic(p->id, p->processor_id, p->lapic_flags);
	return 0;
}

static int acpi_parse_x2apic(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_local_x2apic *p = &header->local_x2apic;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	if (p->local_apic_id != BAD_X2APIC_ID)
		acpi_report_lapic(p->local_apic_id, p->uid, p->lapic_flags);
	return 0;
}

static int acpi_parse_lapic_nmi(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_local_apic_nmi *p = &header->local_apic_nmi;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	if (p->lint != 1)
		pr_warn("NMI not connected to LINT 1!\n");
	acpi_register_lapic_nmi(p->processor_id, p->lint, mp_polarity(p->inti_flags),
				mp_trigger(p->inti_flags));
	return 0;
}

static int acpi_parse_x2apic_nmi(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_local_x2apic_nmi *p = &header->local_x2apic_nmi;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	if (p->lint != 1)
		pr_warn("NMI not connected to LINT 1!\n");
	acpi_register_lapic_nmi(p->uid, p->lint, mp_polarity(p->inti_flags),
				mp_trigger(p->inti_flags));
	return 0;
}

/* The base first, then the processors in one walk so MADT order (boot CPU first) holds. */
static int acpi_parse_madt_lapic_entries(struct acpi_table_madt *m)
{
	struct acpi_subtable_proc cpus[] = {
		{ .id = ACPI_MADT_TYPE_LOCAL_APIC, .handler = acpi_parse_lapic },
		{ .id = ACPI_MADT_TYPE_LOCAL_X2APIC, .handler = acpi_parse_x2apic },
	};
	int ret;

	madt.lapic_addr = m->address;
	madt.online_capable_defined = m->header.revision >= 5;
	ret = acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE,
				    acpi_parse_lapic_addr_ovr, 0);
	if (ret < 0) {
		pr_err("Error parsing LAPIC address override entry\n");
		return ret;
	}
	pr_info("Local APIC address 0x%08llx\n", madt.lapic_addr);
	register_lapic_address(madt.lapic_addr);

	ret = acpi_parse_entries_array(ACPI_SIG_MADT, sizeof(*m), &m->header,
				       cpus, ARRAY_SIZE(cpus), 0);
	if (ret < 0) {
		pr_err("Error parsing LAPIC entry\n");
		return ret;
	}
	if (!ret) {
		pr_err("No LAPIC entries present\n");
		return -ENODEV;
	}

	if (acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_X2APIC_NMI, acpi_parse_x2apic_nmi, 0) < 0 ||
	    acpi_table_parse_madt(ACPI_MADT_TYPE_LOCAL_APIC_NMI, acpi_parse_lapic_nmi, 0) < 0) {
		pr_err("Error parsing LAPIC NMI entry\n");
		return -EINVAL;
	}
	return 0;
}

static int acpi_parse_ioapic(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_io_apic *p = &header->io_apic;
	int err;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	err = mp_register_ioapic(p->id, p->address, p->global_irq_base);
	if (err) {
		pr_warn("IOAPIC id[0x%02x] not registered (%d)\n", p->id, err);
		return 0;
	}
	madt.nr_ioapics++;
	madt.lowest_gsi_base = min(madt.lowest_gsi_base, p->global_irq_base);
	return 0;
}

static int acpi_parse_int_src_ovr(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_interrupt_override *p = &header->interrupt_override;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	if (p->source_irq < NR_IRQS_LEGACY)
		madt.isa_irq_overridden |= BIT(p->source_irq);
	if (p->global_irq < NR_IRQS_LEGACY)
		madt.isa_gsi_taken |= BIT(p->global_irq);
	mp_override_legacy_irq(p->source_irq, mp_polarity(p->inti_flags),
			       mp_trigger(p->inti_flags), p->global_irq);
	return 0;
}

static int acpi_parse_nmi_src(union acpi_subtable_headers *header, const unsigned long end)
{
	struct acpi_madt_nmi_source *p = &header->nmi_source;

	if (BAD_MADT_ENTRY(p, end))
		return -EINVAL;
	acpi_table_print_madt_entry(&header->common);
	acpi_register_nmi_source(p->global_irq, mp_polarity(p->inti_flags),
				 mp_trigger(p->inti_flags));
	return 0;
}

/*
 * Firmware lists only the ISA IRQs that are not wired 1:1; the others
 * are identity mapped, edge triggered, active high, as on a PC. An IRQ is
 * left alone when an override moves it, or when an override has already
 * claimed the IOAPIC pin of the same number (IRQ 2 on almost every PC,
 * whose pin the timer's IRQ 0 takes). "Some IOAPIC serves GSI n" is
 * approximated by "the lowest gsi_base is <= n": pin counts live in the
 * IOAPICs' registers, which this file does not read.
 */
static void mp_config_acpi_legacy_irqs(void)
{
	unsigned int irq;

	for (irq = 0; irq < NR_IRQS_LEGACY; irq++) {
		if (irq < madt.lowest_gsi_base)
			continue;
		if ((madt.isa_irq_overridden | madt.isa_gsi_taken) & BIT(irq))
			continue;
		mp_override_legacy_irq(irq, MP_IRQPOL_DEFAULT, MP_IRQTRIG_DEFAULT, irq);
	}
}

static int acpi_parse_madt_ioapic_entries(void)
{
	int count;

	count = acpi_table_parse_madt(ACPI_MADT_TYPE_IO_APIC, acpi_parse_ioapic, MAX_IO_APICS);
	if (count < 0) {
		pr_err("Error parsing IOAPIC entry\n");
		return count;
	}
	if (!madt.nr_ioapics) {
		pr_err("No IOAPIC entries present\n");
		return -ENODEV;
	}

	count = acpi_table_parse_madt(ACPI_MADT_TYPE_INTERRUPT_OVERRIDE,
				      acpi_parse_int_src_ovr, 0);
	if (count < 0) {
		pr_err("Error parsing interrupt source overrides entry\n");
		return count;
	}
	mp_config_acpi_legacy_irqs();

	count = acpi_table_parse_madt(ACPI_MADT_TYPE_NMI_SOURCE, acpi_parse_nmi_src, 0);
	if (count < 0) {
		pr_err("Error parsing NMI SRC entry\n");
		return count;
	}
	return 0;
}

static int acpi_process_madt(void)
{
	struct acpi_table_header *table;
	int err;

	if (acpi_get_table(ACPI_SIG_MADT, 1, &table)) {
		pr_info("no MADT: no APIC configuration from ACPI\n");
		return -ENODEV;
	}
	memset(&madt, 0, sizeof(madt));
	madt.lowest_gsi_base = UINT32_MAX;

	err = acpi_parse_madt_lapic_entries(container_of(table, struct acpi_table_madt, header));
	if (!err) {
		acpi_lapic = true;
		err = acpi_parse_madt_ioapic_entries();
		if (!err)
			acpi_ioapic = true;
	}
	if (err == -EINVAL) {
		/* Half-believed interrupt routing is worse than none. */
		pr_err("[Firmware Bug]: Invalid BIOS MADT, disabling ACPI\n");
		acpi_disabled = 1;
		return err;
	}

	if (acpi_lapic && acpi_ioapic)
		pr_info("Using ACPI (MADT) for SMP configuration information\n");
	else if (acpi_lapic)
		pr_info("Using ACPI for processor (LAPIC) configuration information\n");
	return acpi_lapic ? 0 : err;
}

static bool acpi_boot_done;
static int acpi_boot_result;

/**
 * acpi_boot_init - report the MADT's interrupt configuration to the APIC code
 *
 * Finds the tables if nobody has yet, then walks the MADT and calls the
 * asm/acpi.h callbacks. Runs once: later calls return the first verdict
 * without reporting again, so a test suite may call it after setup_arch().
 *
 * Return: 0 when the MADT described the local APICs (acpi_ioapic then
 * says whether it described the IOAPICs too); -ENODEV when ACPI is off
 * or there are no tables, no MADT or no LAPIC entry; -EINVAL for a
 * malformed MADT, after which ACPI is disabled.
 */
int acpi_boot_init(void)
{
	if (acpi_boot_done)
		return acpi_boot_result;
	acpi_boot_done = true;

	if (acpi_disabled) {
		pr_info("Interpreter disabled.\n");
		acpi_boot_result = -ENODEV;
	} else if (acpi_table_init()) {
		acpi_disabled = 1;
		acpi_boot_result = -ENODEV;
	} else {
		acpi_boot_result = acpi_process_madt();
	}
	return acpi_boot_result;
}

void acpi_boot_forget(void)
{
	acpi_boot_done = false;
	acpi_disabled = 0;
	acpi_lapic = false;
	acpi_ioapic = false;
	acpi_gbl_do_not_use_xsdt = false;
	acpi_table_forget();
}

/*
 * Stand-ins until the APIC code provides the real callbacks: they log
 * what the MADT said and accept it.
 */
void __weak register_lapic_address(u64 address)
{
	pr_info("no APIC code: local APIC at 0x%llx not registered\n", address);
}

int __weak acpi_register_lapic(u32 apic_id, u32 acpi_id, bool enabled)
{
	pr_info("no APIC code: CPU apic_id 0x%x acpi_id 0x%x (%s) not registered\n",
		apic_id, acpi_id, enabled ? "enabled" : "disabled");
	return 0;
}

int __weak mp_register_ioapic(int id, u32 address, u32 gsi_base)
{
	pr_info("no APIC code: IOAPIC %d at 0x%08x gsi_base %u not registered\n",
		id, address, gsi_base);
	return 0;
}

void __weak mp_override_legacy_irq(u8 bus_irq, u8 polarity, u8 trigger, u32 gsi)
{
	pr_info("no APIC code: ISA IRQ %u -> GSI %u flags 0x%x not recorded\n",
		bus_irq, gsi, polarity | trigger);
}

void __weak acpi_register_nmi_source(u32 gsi, u8 polarity, u8 trigger)
{
	pr_info("no APIC code: NMI source GSI %u flags 0x%x not recorded\n",
		gsi, polarity | trigger);
}

void __weak acpi_register_lapic_nmi(u32 acpi_id, u8 lint, u8 polarity, u8 trigger)
{
	pr_info("no APIC code: LAPIC NMI acpi_id 0x%x LINT%u flags 0x%x not recorded\n",
		acpi_id, lint, polarity | trigger);
}
