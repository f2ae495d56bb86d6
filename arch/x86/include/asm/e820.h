/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include <linux/types.h>

/* BIOS memory-map entry types (ACPI 6.5, Table 15.1). */
enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,	/* reclaimable after the tables are read */
	E820_TYPE_NVS		= 4,
	E820_TYPE_UNUSABLE	= 5,
	E820_TYPE_PMEM		= 7,
};

#define E820_MAX_ENTRIES	128

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

extern struct e820_table e820_table;

void e820__range_add(u64 start, u64 size, enum e820_type type);
void e820__print_table(const char *who);
void e820__memblock_setup(void);

static inline bool e820_type_is_ram_like(u32 type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI || type == E820_TYPE_NVS;
}

#endif
