// SPDX-License-Identifier: MIT
/*
 * The ACPI table code's window on physical memory. Tables in RAM-like
 * E820 ranges (RAM, ACPI, NVS) and in the first MiB are already in the
 * direct map. Firmware is free to put them elsewhere, and SeaBIOS does:
 * its tables sit at the top of RAM in a range E820 calls "reserved",
 * which paging_init() leaves unmapped. Those are reached through
 * ioremap(); the windows are remembered and reused, never unmapped,
 * since the same few tables are looked up again and again.
 *
 * Mappings are permanent; nothing unmaps. Callable only after
 * paging_init(), and under the same rules as ioremap() (boot, one CPU).
 * The host unit tests replace this file with a map into their arena.
 */
#include <linux/kernel.h>
#include <linux/acpi.h>
#include <asm/e820.h>
#include <asm/io.h>
#include <asm/page.h>

#define LOW_MEMORY_END		0x100000
#define MAX_ACPI_WINDOWS	16
/*
 * Firmware packs its tables together, so a window is mapped in 64 KiB
 * units: one window then serves the header and the body of most tables.
 * The extra pages are mapped but never read.
 */
#define ACPI_WINDOW_ALIGN	0x10000

struct acpi_window {
	phys_addr_t start, end;		/* [start, end), ACPI_WINDOW_ALIGN aligned */
	void *virt;			/* maps start */
};

static struct acpi_window windows[MAX_ACPI_WINDOWS];
static unsigned int nr_windows;

/* Is [start, end) entirely inside memory paging_init() put in the direct map? */
static bool acpi_in_direct_map(phys_addr_t start, phys_addr_t end)
{
	unsigned int i;

	if (end <= LOW_MEMORY_END)
		return true;
	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e820_type_is_ram_like(e->type) &&
		    start >= e->addr && end <= e->addr + e->size)
			return true;
	}
	return false;
}

static void *acpi_window_lookup(phys_addr_t start, phys_addr_t end)
{
	unsigned int i;

	for (i = 0; i < nr_windows; i++)
		if (start >= windows[i].start && end <= windows[i].end)
			return (u8 *)windows[i].virt + (start - windows[i].start);
	return NULL;
}

static void *acpi_window_add(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t base = ALIGN_DOWN(start, ACPI_WINDOW_ALIGN);
	phys_addr_t top = ALIGN(end, ACPI_WINDOW_ALIGN);
	void *virt = ioremap(base, top - base);

	if (!virt)
		return NULL;
	if (nr_windows < MAX_ACPI_WINDOWS) {
		windows[nr_windows].start = base;
		windows[nr_windows].end = top;
		windows[nr_windows].virt = virt;
		nr_windows++;
	}
	return (u8 *)virt + (start - base);
}

/**
 * acpi_os_map_memory - make firmware memory readable
 * @phys: physical address
 * @size: bytes wanted
 *
 * Return: a kernel address for @phys, valid for @size bytes, or NULL.
 */
void *acpi_os_map_memory(phys_addr_t phys, size_t size)
{
	phys_addr_t end = phys + size;
	void *virt;

	if (!size || end < phys)
		return NULL;
	if (acpi_in_direct_map(phys, end))
		return __va(phys);
	virt = acpi_window_lookup(phys, end);
	return virt ? virt : acpi_window_add(phys, end);
}
