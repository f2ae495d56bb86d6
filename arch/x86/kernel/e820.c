// SPDX-License-Identifier: MIT
/*
 * The firmware's memory map, as handed over by the boot loader (PVH or
 * Multiboot2), printed as Linux prints it and fed to memblock: RAM
 * ranges become allocatable, everything else stays out.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/e820.h>
#include <asm/page.h>

struct e820_table e820_table;

void e820__range_add(u64 start, u64 size, enum e820_type type)
{
	u32 n = e820_table.nr_entries;

	if (n >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries; [mem 0x%016llx-0x%016llx] ignored\n",
		       start, start + size - 1);
		return;
	}
	e820_table.entries[n] = (struct e820_entry){ start, size, type };
	e820_table.nr_entries = n + 1;
}

static const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:	 return "usable";
	case E820_TYPE_RESERVED: return "reserved";
	case E820_TYPE_ACPI:	 return "ACPI data";
	case E820_TYPE_NVS:	 return "ACPI NVS";
	case E820_TYPE_UNUSABLE: return "unusable";
	case E820_TYPE_PMEM:	 return "persistent (type 7)";
	default:		 return "type ?";
	}
}

void e820__print_table(const char *who)
{
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];

		pr_info("%s: [mem 0x%016llx-0x%016llx] %s\n", who, e->addr,
			e->addr + e->size - 1, e820_type_name(e->type));
	}
}

void e820__memblock_setup(void)
{
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];
		u64 start = ALIGN(e->addr, PAGE_SIZE);
		u64 end = ALIGN_DOWN(e->addr + e->size, PAGE_SIZE);

		if (e->type == E820_TYPE_RAM && end > start)
			memblock_add(start, end - start);
	}
}
