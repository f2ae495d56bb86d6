/* SPDX-License-Identifier: MIT */
#ifndef _ACPI_ACTBL_H
#define _ACPI_ACTBL_H

/*
 * The static ACPI tables reflex reads, laid out byte for byte as firmware
 * writes them: the RSDP, the common table header, the root tables, the
 * MADT with the interrupt-controller structures x86 uses, the MCFG, and
 * the FADT's reset register.
 * Section numbers are those of the ACPI 6.5 specification; the MCFG is
 * defined by the PCI Firmware Specification 3.3. Every structure is
 * packed because firmware places 64-bit fields at 4-byte offsets.
 * Parsing lives in drivers/acpi/tables.c and arch/x86/kernel/acpi/boot.c.
 */
#include <linux/types.h>
#include <linux/compiler.h>

#define ACPI_NAMESEG_SIZE	4
#define ACPI_OEM_ID_SIZE	6
#define ACPI_OEM_TABLE_ID_SIZE	8

#define ACPI_SIG_RSDP		"RSD PTR "
#define ACPI_SIG_RSDT		"RSDT"
#define ACPI_SIG_XSDT		"XSDT"
#define ACPI_SIG_MADT		"APIC"	/* the MADT's signature predates its name */
#define ACPI_SIG_MCFG		"MCFG"
#define ACPI_SIG_FADT		"FACP"

/* Root System Description Pointer (§5.2.5.3). */
struct acpi_table_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* bytes 0..19 sum to zero */
	char oem_id[ACPI_OEM_ID_SIZE];
	u8 revision;			/* 0: ACPI 1.0, 20 bytes; 2: 36 bytes */
	u32 rsdt_physical_address;
	/* Revision >= 2 only from here on. */
	u32 length;
	u64 xsdt_physical_address;
	u8 extended_checksum;		/* all 36 bytes sum to zero */
	u8 reserved[3];
} __packed;

#define ACPI_RSDP_CHECKSUM_LENGTH	20
#define ACPI_RSDP_XCHECKSUM_LENGTH	36

/* System Description Table Header, common to every table but the RSDP (§5.2.6). */
struct acpi_table_header {
	char signature[ACPI_NAMESEG_SIZE];
	u32 length;			/* of the whole table, header included */
	u8 revision;
	u8 checksum;			/* all length bytes sum to zero */
	char oem_id[ACPI_OEM_ID_SIZE];
	char oem_table_id[ACPI_OEM_TABLE_ID_SIZE];
	u32 oem_revision;
	char asl_compiler_id[ACPI_NAMESEG_SIZE];
	u32 asl_compiler_revision;
} __packed;

/* RSDT (§5.2.7) and XSDT (§5.2.8): a header, then physical table addresses. */
struct acpi_table_rsdt {
	struct acpi_table_header header;
	u32 table_offset_entry[];
} __packed;

struct acpi_table_xsdt {
	struct acpi_table_header header;
	u64 table_offset_entry[];	/* only 4-byte aligned */
} __packed;

/* Multiple APIC Description Table (§5.2.12): interrupt-controller structures follow. */
struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;			/* local APIC physical address */
	u32 flags;
} __packed;

#define ACPI_MADT_PCAT_COMPAT	BIT(0)	/* dual 8259s are present too */

/* The two bytes every interrupt-controller structure starts with (§5.2.12). */
struct acpi_subtable_header {
	u8 type;
	u8 length;			/* of the whole structure */
} __packed;

enum acpi_madt_type {
	ACPI_MADT_TYPE_LOCAL_APIC		= 0,
	ACPI_MADT_TYPE_IO_APIC			= 1,
	ACPI_MADT_TYPE_INTERRUPT_OVERRIDE	= 2,
	ACPI_MADT_TYPE_NMI_SOURCE		= 3,
	ACPI_MADT_TYPE_LOCAL_APIC_NMI		= 4,
	ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE	= 5,
	ACPI_MADT_TYPE_LOCAL_X2APIC		= 9,
	ACPI_MADT_TYPE_LOCAL_X2APIC_NMI		= 10,
};

/* Processor Local APIC (§5.2.12.2). */
struct acpi_madt_local_apic {
	struct acpi_subtable_header header;
	u8 processor_id;		/* ACPI processor UID */
	u8 id;				/* local APIC ID */
	u32 lapic_flags;
} __packed;

/* Local APIC flags (§5.2.12.2, shared by the x2APIC structure). */
#define ACPI_MADT_ENABLED		BIT(0)
#define ACPI_MADT_ONLINE_CAPABLE	BIT(1)	/* may be enabled at run time */

/* I/O APIC (§5.2.12.3). */
struct acpi_madt_io_apic {
	struct acpi_subtable_header header;
	u8 id;
	u8 reserved;
	u32 address;			/* MMIO base of IOREGSEL/IOWIN */
	u32 global_irq_base;		/* GSI of its pin 0 */
} __packed;

/*
 * MPS INTI flags (§5.2.12.5): polarity in bits 1:0, trigger mode in bits
 * 3:2; 0 in either means "conforms to the bus" (ISA: high, edge).
 */
#define ACPI_MADT_POLARITY_MASK		0x3
#define ACPI_MADT_POLARITY_CONFORMS	0
#define ACPI_MADT_POLARITY_ACTIVE_HIGH	1
#define ACPI_MADT_POLARITY_RESERVED	2
#define ACPI_MADT_POLARITY_ACTIVE_LOW	3
#define ACPI_MADT_TRIGGER_MASK		0xc
#define ACPI_MADT_TRIGGER_SHIFT		2
#define ACPI_MADT_TRIGGER_CONFORMS	0
#define ACPI_MADT_TRIGGER_EDGE		1
#define ACPI_MADT_TRIGGER_RESERVED	2
#define ACPI_MADT_TRIGGER_LEVEL		3

/* Interrupt Source Override (§5.2.12.5): an ISA IRQ wired to another GSI or mode. */
struct acpi_madt_interrupt_override {
	struct acpi_subtable_header header;
	u8 bus;				/* 0: ISA, the only bus defined */
	u8 source_irq;
	u32 global_irq;
	u16 inti_flags;
} __packed;

/* Non-Maskable Interrupt Source (§5.2.12.6): a GSI that delivers NMI. */
struct acpi_madt_nmi_source {
	struct acpi_subtable_header header;
	u16 inti_flags;
	u32 global_irq;
} __packed;

/* Local APIC NMI (§5.2.12.7): which LINT pin of which CPU gets NMI. */
struct acpi_madt_local_apic_nmi {
	struct acpi_subtable_header header;
	u8 processor_id;		/* 0xff: every processor */
	u16 inti_flags;
	u8 lint;			/* 0 or 1 */
} __packed;

/* Local APIC Address Override (§5.2.12.8): a 64-bit base beats the MADT's. */
struct acpi_madt_local_apic_override {
	struct acpi_subtable_header header;
	u16 reserved;
	u64 address;
} __packed;

/* Processor Local x2APIC (§5.2.12.12): CPUs whose APIC ID does not fit a byte. */
struct acpi_madt_local_x2apic {
	struct acpi_subtable_header header;
	u16 reserved;
	u32 local_apic_id;
	u32 lapic_flags;
	u32 uid;			/* ACPI processor UID */
} __packed;

/* Local x2APIC NMI (§5.2.12.13). */
struct acpi_madt_local_x2apic_nmi {
	struct acpi_subtable_header header;
	u16 inti_flags;
	u32 uid;			/* 0xffffffff: every processor */
	u8 lint;
	u8 reserved[3];
} __packed;

/* Any MADT structure, for handlers that switch on the header's type. */
union acpi_subtable_headers {
	struct acpi_subtable_header common;
	struct acpi_madt_local_apic local_apic;
	struct acpi_madt_io_apic io_apic;
	struct acpi_madt_interrupt_override interrupt_override;
	struct acpi_madt_nmi_source nmi_source;
	struct acpi_madt_local_apic_nmi local_apic_nmi;
	struct acpi_madt_local_apic_override local_apic_override;
	struct acpi_madt_local_x2apic local_x2apic;
	struct acpi_madt_local_x2apic_nmi local_x2apic_nmi;
};

/*
 * PCI Express memory-mapped configuration (PCI Firmware Specification
 * 3.3, §4.1.2): one allocation entry per segment and bus range follows
 * the table.
 */
struct acpi_table_mcfg {
	struct acpi_table_header header;
	u8 reserved[8];
} __packed;

struct acpi_mcfg_allocation {
	u64 address;			/* ECAM base for bus 0 of this segment */
	u16 pci_segment;
	u8 start_bus_number;
	u8 end_bus_number;
	u32 reserved;
} __packed;

/* Generic Address Structure (§5.2.3.2): where a register lives. */
struct acpi_generic_address {
	u8 space_id;			/* ACPI_ADR_SPACE_* */
	u8 bit_width;
	u8 bit_offset;
	u8 access_width;
	u64 address;
} __packed;

#define ACPI_ADR_SPACE_SYSTEM_MEMORY	0
#define ACPI_ADR_SPACE_SYSTEM_IO	1
#define ACPI_ADR_SPACE_PCI_CONFIG	2

/*
 * Fixed ACPI Description Table (§5.2.9), as far as the reset register:
 * the power-management blocks before it are not read by reflex.
 */
struct acpi_table_fadt {
	struct acpi_table_header header;
	u8 unused[76];			/* FACS, DSDT, PM blocks, latencies, century, boot flags */
	u32 flags;			/* ACPI_FADT_* */
	struct acpi_generic_address reset_register;
	u8 reset_value;			/* written to reset_register to reset the machine */
} __packed;

#define ACPI_FADT_RESET_REGISTER	(1U << 10)	/* reset_register is supported */

_Static_assert(sizeof(struct acpi_table_rsdp) == 36, "RSDP layout");
_Static_assert(sizeof(struct acpi_generic_address) == 12, "GAS layout");
_Static_assert(__builtin_offsetof(struct acpi_table_fadt, flags) == 112, "FADT flags offset");
_Static_assert(__builtin_offsetof(struct acpi_table_fadt, reset_value) == 128, "FADT reset value offset");
_Static_assert(sizeof(struct acpi_table_header) == 36, "table header layout");
_Static_assert(sizeof(struct acpi_table_madt) == 44, "MADT layout");
_Static_assert(sizeof(struct acpi_madt_local_apic) == 8, "LAPIC layout");
_Static_assert(sizeof(struct acpi_madt_io_apic) == 12, "IOAPIC layout");
_Static_assert(sizeof(struct acpi_madt_interrupt_override) == 10, "override layout");
_Static_assert(sizeof(struct acpi_madt_nmi_source) == 8, "NMI source layout");
_Static_assert(sizeof(struct acpi_madt_local_apic_nmi) == 6, "LAPIC NMI layout");
_Static_assert(sizeof(struct acpi_madt_local_apic_override) == 12, "LAPIC override layout");
_Static_assert(sizeof(struct acpi_madt_local_x2apic) == 16, "x2APIC layout");
_Static_assert(sizeof(struct acpi_madt_local_x2apic_nmi) == 12, "x2APIC NMI layout");
_Static_assert(sizeof(struct acpi_table_mcfg) == 44, "MCFG layout");
_Static_assert(sizeof(struct acpi_mcfg_allocation) == 16, "MCFG entry layout");

#endif
