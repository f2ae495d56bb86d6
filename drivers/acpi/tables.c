// SPDX-License-Identifier: MIT
/*
 * Finding and trusting the static ACPI tables: the RSDP (where the boot
 * loader said, else in the EBDA and the BIOS area), the XSDT or RSDT it
 * points to, and every table those list. A table is admitted to the
 * table list only when its length is sane and its checksum holds; a bad
 * one is reported and never looked at again. Once admitted, tables are
 * found by signature (acpi_get_table) and the MADT's structures walked
 * by type (acpi_table_parse_madt).
 *
 * Mapping firmware memory is drivers/acpi/osl.c's job; what x86 does with
 * the MADT is arch/x86/kernel/acpi/boot.c's. The AML namespace (DSDT,
 * SSDTs) is not interpreted: reflex needs the static tables only.
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/acpi.h>

/*
 * More tables than any firmware reflex expects lists; entries past this
 * are reported and ignored.
 */
#define ACPI_MAX_TABLES		64
/*
 * Firmware tables the kernel reads are kilobytes; a length beyond this
 * is a corrupt header, and believing it would walk off into whatever
 * follows.
 */
#define ACPI_MAX_TABLE_LENGTH	(1U << 20)

/* Where the RSDP may hide when the boot loader did not say (ACPI 6.5 §5.2.5.1). */
#define EBDA_SEGMENT_PTR	0x40e
#define EBDA_SEARCH_LENGTH	1024
#define BIOS_AREA_START		0xe0000
#define BIOS_AREA_END		0x100000
#define LOW_MEMORY_END		0xa0000
#define RSDP_SCAN_STEP		16

struct acpi_table_desc {
	phys_addr_t address;
	struct acpi_table_header *pointer;
};

static struct acpi_table_desc initial_tables[ACPI_MAX_TABLES];
static unsigned int table_count;
/* acpi_table_init()'s verdict; TABLES_UNTRIED until it has run. */
#define TABLES_UNTRIED	1
static int table_init_result = TABLES_UNTRIED;

bool acpi_gbl_do_not_use_xsdt;

u8 acpi_checksum(const void *buffer, size_t length)
{
	const u8 *p = buffer;
	u8 sum = 0;

	while (length--)
		sum += *p++;
	return sum;
}

/* @avail: bytes readable at @rsdp, so a candidate near an area's end is not overrun. */
static bool acpi_rsdp_valid(const struct acpi_table_rsdp *rsdp, size_t avail)
{
	if (avail < ACPI_RSDP_CHECKSUM_LENGTH ||
	    memcmp(rsdp->signature, ACPI_SIG_RSDP, sizeof(rsdp->signature)))
		return false;
	if (acpi_checksum(rsdp, ACPI_RSDP_CHECKSUM_LENGTH))
		return false;
	if (rsdp->revision < 2)
		return true;
	return avail >= ACPI_RSDP_XCHECKSUM_LENGTH &&
	       !acpi_checksum(rsdp, ACPI_RSDP_XCHECKSUM_LENGTH);
}

static phys_addr_t acpi_scan_for_rsdp(phys_addr_t start, size_t length)
{
	const u8 *area = acpi_os_map_memory(start, length);
	size_t off;

	if (!area)
		return 0;
	for (off = 0; off + ACPI_RSDP_CHECKSUM_LENGTH <= length; off += RSDP_SCAN_STEP)
		if (acpi_rsdp_valid((const void *)(area + off), length - off))
			return start + off;
	return 0;
}

/* The EBDA's first KiB, then the BIOS read-only area: where PC firmware puts the RSDP. */
static phys_addr_t acpi_find_root_pointer(void)
{
	const u16 *segment = acpi_os_map_memory(EBDA_SEGMENT_PTR, sizeof(u16));
	phys_addr_t ebda = segment ? (phys_addr_t)*segment << 4 : 0;
	phys_addr_t found = 0;

	if (ebda >= 0x400 && ebda < LOW_MEMORY_END)
		found = acpi_scan_for_rsdp(ebda, min(EBDA_SEARCH_LENGTH, LOW_MEMORY_END - ebda));
	if (!found)
		found = acpi_scan_for_rsdp(BIOS_AREA_START, BIOS_AREA_END - BIOS_AREA_START);
	return found;
}

/* The loader's word first, but only if the structure there checks out. */
static const struct acpi_table_rsdp *acpi_get_rsdp(phys_addr_t *phys)
{
	phys_addr_t addr = acpi_arch_get_root_pointer();

	if (addr) {
		const void *p = acpi_os_map_memory(addr, ACPI_RSDP_XCHECKSUM_LENGTH);

		if (p && acpi_rsdp_valid(p, ACPI_RSDP_XCHECKSUM_LENGTH)) {
			*phys = addr;
			return p;
		}
		pr_warn("RSDP at 0x%llx from the boot loader is invalid, searching\n", addr);
	}
	addr = acpi_find_root_pointer();
	if (!addr)
		return NULL;
	*phys = addr;
	return acpi_os_map_memory(addr, ACPI_RSDP_XCHECKSUM_LENGTH);
}

static void acpi_print_rsdp(phys_addr_t phys, const struct acpi_table_rsdp *rsdp)
{
	u32 length = rsdp->revision >= 2 ? rsdp->length : ACPI_RSDP_CHECKSUM_LENGTH;

	pr_info("RSDP 0x%016llX %06X (v%02d %-6.6s)\n", phys, length,
		rsdp->revision, rsdp->oem_id);
}

static void acpi_print_table_header(phys_addr_t phys, const struct acpi_table_header *h)
{
	pr_info("%-4.4s 0x%016llX %06X (v%02d %-6.6s %-8.8s %08X %-4.4s %08X)\n",
		h->signature, phys, h->length, h->revision, h->oem_id,
		h->oem_table_id, h->oem_revision, h->asl_compiler_id,
		h->asl_compiler_revision);
}

/*
 * Map the table at @phys whole, or return NULL having said why not. The
 * header is mapped first because only it knows how much to map.
 */
static struct acpi_table_header *acpi_map_table(phys_addr_t phys)
{
	struct acpi_table_header *h;
	u32 length;
	u8 sum;

	h = acpi_os_map_memory(phys, sizeof(*h));
	if (!h) {
		pr_warn("table at 0x%llx cannot be mapped, ignored\n", phys);
		return NULL;
	}
	length = h->length;
	if (length < sizeof(*h) || length > ACPI_MAX_TABLE_LENGTH) {
		pr_warn("[%4.4s] at 0x%llx claims length %u, ignored\n",
			h->signature, phys, length);
		return NULL;
	}
	h = acpi_os_map_memory(phys, length);
	if (!h) {
		pr_warn("table at 0x%llx (%u bytes) cannot be mapped, ignored\n", phys, length);
		return NULL;
	}
	sum = acpi_checksum(h, length);
	if (sum) {
		pr_warn("ACPI BIOS Warning (bug): Incorrect checksum in table [%4.4s] - 0x%02X, should be 0x%02X\n",
			h->signature, h->checksum, (u8)(h->checksum - sum));
		return NULL;
	}
	return h;
}

static void acpi_add_table(phys_addr_t phys)
{
	struct acpi_table_header *h;

	if (!phys)
		return;		/* a null entry: firmware left a hole */
	if (table_count == ACPI_MAX_TABLES) {
		pr_warn("more than %u tables, 0x%llx ignored\n", ACPI_MAX_TABLES, phys);
		return;
	}
	h = acpi_map_table(phys);
	if (!h)
		return;
	acpi_print_table_header(phys, h);
	initial_tables[table_count].address = phys;
	initial_tables[table_count].pointer = h;
	table_count++;
}

/* Admit the root table at @phys and everything it lists; false if the root itself is bad. */
static bool acpi_parse_root_table(phys_addr_t phys, bool xsdt)
{
	struct acpi_table_header *root = acpi_map_table(phys);
	size_t entry_size = xsdt ? sizeof(u64) : sizeof(u32);
	const u8 *entries;
	size_t i, n;

	if (!root)
		return false;
	if (memcmp(root->signature, xsdt ? ACPI_SIG_XSDT : ACPI_SIG_RSDT, ACPI_NAMESEG_SIZE)) {
		pr_warn("[%4.4s] at 0x%llx is not the %s, ignored\n", root->signature,
			phys, xsdt ? ACPI_SIG_XSDT : ACPI_SIG_RSDT);
		return false;
	}
	acpi_print_table_header(phys, root);
	entries = (const u8 *)root + sizeof(*root);
	n = (root->length - sizeof(*root)) / entry_size;
	for (i = 0; i < n; i++) {
		u64 addr;

		if (xsdt) {
			/* XSDT entries sit at 4-byte offsets: read them unaligned. */
			memcpy(&addr, entries + i * entry_size, sizeof(addr));
		} else {
			u32 addr32;

			memcpy(&addr32, entries + i * entry_size, sizeof(addr32));
			addr = addr32;
		}
		acpi_add_table(addr);
	}
	return true;
}

static int acpi_table_init_once(void)
{
	const struct acpi_table_rsdp *rsdp;
	phys_addr_t rsdp_phys;
	bool use_xsdt;

	rsdp = acpi_get_rsdp(&rsdp_phys);
	if (!rsdp) {
		pr_info("no RSDP found\n");
		return -ENODEV;
	}
	acpi_print_rsdp(rsdp_phys, rsdp);

	use_xsdt = rsdp->revision >= 2 && rsdp->xsdt_physical_address &&
		   !acpi_gbl_do_not_use_xsdt;
	if (use_xsdt && acpi_parse_root_table(rsdp->xsdt_physical_address, true))
		return 0;
	if (use_xsdt)
		pr_warn("XSDT unusable, falling back to the RSDT\n");
	if (rsdp->rsdt_physical_address &&
	    acpi_parse_root_table(rsdp->rsdt_physical_address, false))
		return 0;
	pr_err("no usable root table (RSDT/XSDT)\n");
	table_count = 0;
	return -ENODEV;
}

/**
 * acpi_table_init - find the RSDP and admit every valid table it leads to
 *
 * Must run after paging_init(): tables outside RAM are reached through
 * ioremap(). The first call does the work and prints the table list;
 * later calls return the first call's verdict.
 *
 * Return: 0, or -ENODEV when there is no RSDP or no usable root table.
 */
int acpi_table_init(void)
{
	if (table_init_result == TABLES_UNTRIED)
		table_init_result = acpi_table_init_once();
	return table_init_result;
}

/* Host unit tests boot many synthetic machines in one process. */
void acpi_table_forget(void)
{
	table_count = 0;
	table_init_result = TABLES_UNTRIED;
}

/**
 * acpi_get_table - find a table by signature
 * @signature: four characters, e.g. ACPI_SIG_MADT ("APIC")
 * @instance: which of several tables with that signature, counting from 1
 *	(ACPICA's convention; SSDTs come in numbers)
 * @out_table: the mapped, checksum-verified table on success
 *
 * Runs acpi_table_init() if nobody has yet.
 *
 * Return: 0; -ENODEV without ACPI tables; -ENOENT when there is no such
 * table; -EINVAL for instance 0.
 */
int acpi_get_table(const char *signature, u32 instance,
		   struct acpi_table_header **out_table)
{
	unsigned int i;
	u32 seen = 0;

	if (!instance || !out_table)
		return -EINVAL;
	if (acpi_table_init())
		return -ENODEV;
	for (i = 0; i < table_count; i++) {
		struct acpi_table_header *h = initial_tables[i].pointer;

		if (memcmp(h->signature, signature, ACPI_NAMESEG_SIZE) || ++seen < instance)
			continue;
		*out_table = h;
		return 0;
	}
	return -ENOENT;
}

/* Call the first matching @proc's handler on @entry; false if the handler refused it. */
static bool acpi_dispatch_entry(struct acpi_subtable_header *entry, unsigned long end,
				struct acpi_subtable_proc *proc, int proc_num,
				bool *matched)
{
	int i;

	*matched = false;
	for (i = 0; i < proc_num; i++) {
		if (entry->type != proc[i].id)
			continue;
		*matched = true;
		if (proc[i].handler &&
		    proc[i].handler((union acpi_subtable_headers *)entry, end))
			return false;
		proc[i].count++;
		return true;
	}
	return true;
}

/**
 * acpi_parse_entries_array - walk a table's subtables once, for several types
 * @id: the table's signature, for messages
 * @table_size: bytes of fixed table before the first subtable
 * @table_header: the table
 * @proc: the types wanted, each with a handler; counts are added to
 * @proc_num: entries in @proc
 * @max_entries: stop after this many matching entries; 0 for no limit
 *
 * Walking one table for several types at once keeps their relative order,
 * which matters for processors: firmware lists the boot CPU first. A
 * subtable whose length is zero or runs past the end of the table ends
 * the walk: nothing after it can be located reliably.
 *
 * Return: matching entries seen, or -EINVAL if the table is malformed or
 * a handler refused an entry (the walk goes on past refused entries).
 */
int acpi_parse_entries_array(const char *id, unsigned long table_size,
			     struct acpi_table_header *table_header,
			     struct acpi_subtable_proc *proc, int proc_num,
			     unsigned int max_entries)
{
	unsigned long end = (unsigned long)table_header + table_header->length;
	unsigned long p = (unsigned long)table_header + table_size;
	unsigned int count = 0, errors = 0;

	while (p + sizeof(struct acpi_subtable_header) <= end) {
		struct acpi_subtable_header *entry = (void *)p;
		bool matched;

		if (entry->length < sizeof(*entry) || p + entry->length > end) {
			pr_err("[%4.4s:0x%02x] subtable of length %u at offset %lu is malformed\n",
			       id, entry->type, entry->length,
			       p - (unsigned long)table_header);
			return -EINVAL;
		}
		if (max_entries && count == max_entries) {
			pr_warn("[%4.4s:0x%02x] found the maximum %u entries\n",
				id, proc[0].id, max_entries);
			break;
		}
		if (!acpi_dispatch_entry(entry, end, proc, proc_num, &matched))
			errors++;
		count += matched;
		p += entry->length;
	}
	return errors ? -EINVAL : (int)count;
}

/**
 * acpi_table_parse_madt - call @handler on every MADT structure of type @id
 * @id: the structure type
 * @handler: called with the structure and the end of the MADT
 * @max_entries: stop after this many; 0 for no limit
 *
 * Return: entries found, -ENODEV without an MADT, -EINVAL as
 * acpi_parse_entries_array().
 */
int acpi_table_parse_madt(enum acpi_madt_type id,
			  acpi_tbl_entry_handler handler, unsigned int max_entries)
{
	struct acpi_subtable_proc proc = { .id = id, .handler = handler };
	struct acpi_table_header *madt;

	if (acpi_get_table(ACPI_SIG_MADT, 1, &madt))
		return -ENODEV;
	return acpi_parse_entries_array(ACPI_SIG_MADT, sizeof(struct acpi_table_madt),
					madt, &proc, 1, max_entries);
}

/* MPS INTI flag names as Linux prints them. */
static const char *const inti_polarity[] = { "dfl", "high", "res", "low" };
static const char *const inti_trigger[] = { "dfl", "edge", "res", "level" };

#define INTI_POL(f)	inti_polarity[(f) & ACPI_MADT_POLARITY_MASK]
#define INTI_TRIG(f)	inti_trigger[((f) & ACPI_MADT_TRIGGER_MASK) >> ACPI_MADT_TRIGGER_SHIFT]

/* One boot-log line per MADT structure, in Linux's wording. */
void acpi_table_print_madt_entry(struct acpi_subtable_header *header)
{
	union acpi_subtable_headers *p = (void *)header;

	switch (header->type) {
	case ACPI_MADT_TYPE_LOCAL_APIC:
		pr_info("LAPIC (acpi_id[0x%02x] lapic_id[0x%02x] %s)\n",
			p->local_apic.processor_id, p->local_apic.id,
			p->local_apic.lapic_flags & ACPI_MADT_ENABLED ? "enabled" : "disabled");
		break;
	case ACPI_MADT_TYPE_LOCAL_X2APIC:
		pr_info("X2APIC (apic_id[0x%02x] uid[0x%02x] %s)\n",
			p->local_x2apic.local_apic_id, p->local_x2apic.uid,
			p->local_x2apic.lapic_flags & ACPI_MADT_ENABLED ? "enabled" : "disabled");
		break;
	case ACPI_MADT_TYPE_IO_APIC:
		pr_info("IOAPIC (id[0x%02x] address[0x%08x] gsi_base[%u])\n",
			p->io_apic.id, p->io_apic.address, p->io_apic.global_irq_base);
		break;
	case ACPI_MADT_TYPE_INTERRUPT_OVERRIDE:
		pr_info("INT_SRC_OVR (bus %u bus_irq %u global_irq %u %s %s)\n",
			p->interrupt_override.bus, p->interrupt_override.source_irq,
			p->interrupt_override.global_irq,
			INTI_POL(p->interrupt_override.inti_flags),
			INTI_TRIG(p->interrupt_override.inti_flags));
		break;
	case ACPI_MADT_TYPE_NMI_SOURCE:
		pr_info("NMI_SRC (%s %s global_irq %u)\n",
			INTI_POL(p->nmi_source.inti_flags),
			INTI_TRIG(p->nmi_source.inti_flags), p->nmi_source.global_irq);
		break;
	case ACPI_MADT_TYPE_LOCAL_APIC_NMI:
		pr_info("LAPIC_NMI (acpi_id[0x%02x] %s %s lint[0x%x])\n",
			p->local_apic_nmi.processor_id,
			INTI_POL(p->local_apic_nmi.inti_flags),
			INTI_TRIG(p->local_apic_nmi.inti_flags), p->local_apic_nmi.lint);
		break;
	case ACPI_MADT_TYPE_LOCAL_X2APIC_NMI:
		pr_info("X2APIC_NMI (uid[0x%02x] %s %s lint[0x%x])\n",
			p->local_x2apic_nmi.uid,
			INTI_POL(p->local_x2apic_nmi.inti_flags),
			INTI_TRIG(p->local_x2apic_nmi.inti_flags), p->local_x2apic_nmi.lint);
		break;
	case ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE:
		pr_info("LAPIC_ADDR_OVR (address[0x%llx])\n",
			p->local_apic_override.address);
		break;
	default:
		pr_warn("Found unsupported MADT entry (type = 0x%x)\n", header->type);
		break;
	}
}
