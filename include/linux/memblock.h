/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

/*
 * memblock: physical memory as the firmware describes it, before the page
 * allocator exists. Two sorted, merged lists of ranges: "memory" (usable
 * RAM, from E820 or the boot protocol's memory map) and "reserved" (what is
 * in use: the kernel image, boot information, the low 1 MiB, and every
 * early allocation). Free memory is memory minus reserved; once mem_map
 * exists, memblock_free_all() hands it to the buddy allocator and memblock
 * is not used again.
 */
#include <linux/types.h>

#define INIT_MEMBLOCK_REGIONS		128
#define PHYS_ADDR_MAX			(~(phys_addr_t)0)

/*
 * Early allocations come from below this address unless the boot code
 * says otherwise: the early page tables map at least the first 4 GiB of
 * the direct map, and memblock_alloc() hands out __va() pointers.
 */
#define MEMBLOCK_ALLOC_ACCESSIBLE	(1ULL << 32)

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned long cnt;		/* regions in use, sorted by base */
	unsigned long max;		/* capacity of regions[] */
	phys_addr_t total_size;		/* sum of the regions' sizes */
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	phys_addr_t current_limit;	/* allocations end below this */
	/*
	 * Set by memblock_free_all(): every free page then belongs to the
	 * buddy allocator, and an allocation here would hand one out twice.
	 */
	bool released;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Register usable RAM / mark a range in use. 0, or -ENOSPC when full. */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);

/*
 * Allocate @size bytes aligned to @align (a power of two) from free memory
 * below memblock.current_limit, and reserve them. Top-down, as Linux on
 * x86: the highest fitting address is taken, which keeps low memory (the
 * ISA DMA range, real-mode trampolines) free. Returns 0 on failure; the
 * address 0 itself is never handed out.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* The same, returned through the direct map and zeroed; NULL on failure. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void memblock_set_current_limit(phys_addr_t limit);

phys_addr_t memblock_phys_mem_size(void);	/* bytes of RAM added */
phys_addr_t memblock_reserved_size(void);	/* bytes reserved */
phys_addr_t memblock_end_of_DRAM(void);		/* end of the highest RAM range */

bool __next_mem_range(u64 idx, phys_addr_t *out_start, phys_addr_t *out_end);
bool __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end);

/*
 * for_each_mem_range - walk every usable RAM range, reserved or not (what
 * the page-table code maps into the direct map).
 * @i: a u64 cursor; @p_start, @p_end: phys_addr_t *, filled with [start, end).
 */
#define for_each_mem_range(i, p_start, p_end)				\
	for (i = 0; __next_mem_range(i, p_start, p_end); i++)

/*
 * for_each_free_mem_range - walk memory minus reserved, in ascending order.
 * @i: a u64 cursor the walk owns; the other arguments as above.
 */
#define for_each_free_mem_range(i, p_start, p_end)			\
	for (i = 0; __next_free_mem_range(&i, p_start, p_end); )

/* After free_area_init(): give every free page to the buddy allocator. */
void memblock_free_all(void);
/* The "Memory: ...K/...K available" boot line. */
void mem_init_print_info(void);

#endif
