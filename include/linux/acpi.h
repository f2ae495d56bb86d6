/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ACPI_H
#define _LINUX_ACPI_H

/*
 * The kernel's view of the static ACPI tables: finding them
 * (drivers/acpi/tables.c), mapping them (drivers/acpi/osl.c) and walking
 * the MADT's interrupt-controller structures. What x86 does with the MADT
 * is arch/x86/kernel/acpi/boot.c, declared in asm/acpi.h.
 */
#include <linux/types.h>
#include <acpi/actbl.h>
#include <asm/acpi.h>

/*
 * A handler for one MADT structure: @end is the first byte past the
 * table, so a handler can check its own structure fits (BAD_MADT_ENTRY).
 * It returns 0, or a negative errno for an entry it refuses.
 */
typedef int (*acpi_tbl_entry_handler)(union acpi_subtable_headers *header,
				      const unsigned long end);

/* One structure type to look for in a single walk over a table. */
struct acpi_subtable_proc {
	int id;				/* enum acpi_madt_type */
	acpi_tbl_entry_handler handler;
	int count;			/* out: matching entries seen */
};

/* True when @entry is not a whole structure of its type inside the table. */
#define BAD_MADT_ENTRY(entry, end)					\
	(!(entry) || (unsigned long)(entry) + sizeof(*(entry)) > (end) ||	\
	 ((struct acpi_subtable_header *)(entry))->length < sizeof(*(entry)))

/* acpi=rsdt: ignore the XSDT even where there is one (ACPICA's name). */
extern bool acpi_gbl_do_not_use_xsdt;

int acpi_table_init(void);
int acpi_get_table(const char *signature, u32 instance,
		   struct acpi_table_header **out_table);
/* Tables stay mapped for the kernel's life; kept so callers pair like Linux's. */
static inline void acpi_put_table(struct acpi_table_header *table) { }
int acpi_parse_entries_array(const char *id, unsigned long table_size,
			     struct acpi_table_header *table_header,
			     struct acpi_subtable_proc *proc, int proc_num,
			     unsigned int max_entries);
int acpi_table_parse_madt(enum acpi_madt_type id,
			  acpi_tbl_entry_handler handler, unsigned int max_entries);
void acpi_table_print_madt_entry(struct acpi_subtable_header *header);
u8 acpi_checksum(const void *buffer, size_t length);
/* Write the FADT's reset register, if it has one reflex can reach. */
void acpi_reboot(void);

/* drivers/acpi/osl.c: a permanent mapping of firmware memory, NULL if impossible. */
void *acpi_os_map_memory(phys_addr_t phys, size_t size);

int acpi_boot_init(void);

/*
 * Forget the tables and the parsed MADT. Only the host unit tests need
 * this: they boot many synthetic machines in one process.
 */
void acpi_table_forget(void);
void acpi_boot_forget(void);

#endif
