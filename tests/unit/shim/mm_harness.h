/* SPDX-License-Identifier: MIT */
#ifndef _UNIT_SHIM_MM_HARNESS_H
#define _UNIT_SHIM_MM_HARNESS_H

/*
 * A fake machine for the memory-management tests: "physical" memory
 * [HOST_PHYS_BASE, HOST_PHYS_BASE + HOST_PHYS_SIZE) backed by a malloc()ed
 * arena aligned like a MAX_ORDER block, so physical and virtual alignment
 * agree. Each test starts from empty memblock lists and no mem_map.
 * Only for tests that link mm/memblock.c and mm/page_alloc.c.
 */
#include <stdlib.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <sanitizer/asan_interface.h>

#define HOST_PHYS_BASE	(16UL << 20)
#define HOST_PHYS_SIZE	(16UL << 20)
#define HOST_PHYS_END	(HOST_PHYS_BASE + HOST_PHYS_SIZE)
#define MAX_ORDER_BYTES	(PAGE_SIZE << MAX_ORDER)

static void *host_arena;

static inline int host_mm_setup(void **state)
{
	host_arena = aligned_alloc(MAX_ORDER_BYTES, HOST_PHYS_SIZE);
	if (!host_arena)
		return -1;
	host_page_offset = (unsigned long)host_arena - HOST_PHYS_BASE;

	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.current_limit = MEMBLOCK_ALLOC_ACCESSIBLE;
	memblock.released = false;
	mem_map = NULL;
	max_pfn = 0;
	host_log_reset();
	return 0;
}

static inline int host_mm_teardown(void **state)
{
	/* Free pages are poisoned; hand the arena back to malloc clean. */
	ASAN_UNPOISON_MEMORY_REGION(host_arena, HOST_PHYS_SIZE);
	free(host_arena);
	host_arena = NULL;
	return 0;
}

/* The boot sequence on RAM [base, base + size): mem_map goes at its top. */
static inline void host_mm_boot(phys_addr_t base, phys_addr_t size)
{
	memblock_add(base, size);
	free_area_init();
	memblock_free_all();
}

/* Pages mem_map occupies, as free_area_init() sized it. */
static inline unsigned long host_mem_map_pages(void)
{
	return PFN_UP(max_pfn * sizeof(struct page));
}

#endif
