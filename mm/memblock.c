// SPDX-License-Identifier: MIT
/*
 * memblock: the boot-time physical memory map and its allocator.
 *
 * This file owns two fixed arrays of ranges, "memory" and "reserved", each
 * kept sorted by base with overlapping or touching ranges merged, so that
 * every walk is a single ascending pass. It allocates early memory (mem_map,
 * early page tables) by reserving it, and in memblock_free_all() releases
 * the rest to the buddy allocator, which owns physical memory from then on.
 * Where RAM comes from (E820, PVH, Multiboot2) is the boot code's business.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm-generic/sections.h>
#include "internal.h"

static struct memblock_region memory_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.current_limit	= MEMBLOCK_ALLOC_ACCESSIBLE,
	.memory		= {
		.max	 = INIT_MEMBLOCK_REGIONS,
		.regions = memory_regions,
		.name	 = "memory",
	},
	.reserved	= {
		.max	 = INIT_MEMBLOCK_REGIONS,
		.regions = reserved_regions,
		.name	 = "reserved",
	},
};

static phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

static void memblock_remove_region(struct memblock_type *type, unsigned long i)
{
	type->total_size -= type->regions[i].size;
	memmove(&type->regions[i], &type->regions[i + 1],
		(type->cnt - i - 1) * sizeof(type->regions[0]));
	type->cnt--;
}

static void memblock_insert_region(struct memblock_type *type, unsigned long i,
				   phys_addr_t base, phys_addr_t size)
{
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i].base = base;
	type->regions[i].size = size;
	type->total_size += size;
	type->cnt++;
}

/*
 * Add [base, base + size) to @type, swallowing every region it overlaps or
 * touches. Regions are removed before the new one is inserted, so a full
 * array only refuses a range that merges with nothing, and refuses it
 * without having changed anything.
 */
static int memblock_add_range(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;
	unsigned long i = 0;

	if (!size)
		return 0;
	/* A range running off the top of the address space ends there. */
	end = size > PHYS_ADDR_MAX - base ? PHYS_ADDR_MAX : base + size;

	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];

		if (region_end(r) < base) {
			i++;
			continue;
		}
		if (r->base > end)
			break;
		base = min(base, r->base);
		end = max(end, region_end(r));
		memblock_remove_region(type, i);
	}
	if (type->cnt >= type->max) {
		pr_err("memblock: %s array full (%lu regions), dropping [mem 0x%08llx-0x%08llx]\n",
		       type->name, type->max, (unsigned long long)base,
		       (unsigned long long)end - 1);
		return -ENOSPC;
	}
	memblock_insert_region(type, i, base, end - base);
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

bool __next_mem_range(u64 idx, phys_addr_t *out_start, phys_addr_t *out_end)
{
	const struct memblock_region *r;

	if (idx >= memblock.memory.cnt)
		return false;
	r = &memblock.memory.regions[idx];
	*out_start = r->base;
	*out_end = region_end(r);
	return true;
}

/*
 * The cursor packs two indices: the memory region in the low half, and in
 * the high half the reserved "gap" being looked at, gap j lying between
 * reserved region j-1 and reserved region j. Each gap clipped to the
 * memory region is one free range; both lists are sorted, so the ranges
 * come out ascending.
 */
bool __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_type *rsv = &memblock.reserved;
	unsigned long mi = (u32)*idx, ri = *idx >> 32;

	for (; mi < mem->cnt; mi++, ri = 0) {
		phys_addr_t ms = mem->regions[mi].base;
		phys_addr_t me = region_end(&mem->regions[mi]);

		for (; ri <= rsv->cnt; ri++) {
			phys_addr_t gs = ri ? region_end(&rsv->regions[ri - 1]) : 0;
			phys_addr_t ge = ri < rsv->cnt ? rsv->regions[ri].base : PHYS_ADDR_MAX;

			if (ge <= ms)
				continue;
			if (gs >= me)
				break;
			*out_start = max(gs, ms);
			*out_end = min(ge, me);
			*idx = mi | (u64)(ri + 1) << 32;
			return true;
		}
	}
	*idx = mi;
	return false;
}

/* The highest @align-aligned spot for @size bytes in [start, end), or 0. */
static phys_addr_t fit_top_down(phys_addr_t start, phys_addr_t end,
				phys_addr_t size, phys_addr_t align)
{
	phys_addr_t cand;

	if (end <= start || end - start < size)
		return 0;
	cand = ALIGN_DOWN(end - size, align);
	return cand >= start ? cand : 0;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t start, end, found = 0;
	u64 i;

	if (!size)
		return 0;
	if (WARN(memblock.released, "memblock_phys_alloc() after memblock_free_all()\n"))
		return 0;
	if (WARN_ON(align & (align - 1)))
		return 0;
	if (!align)
		align = 1;

	/* Free ranges ascend, so the last fit is the highest. */
	for_each_free_mem_range(i, &start, &end) {
		phys_addr_t cand = fit_top_down(start,
				min(end, memblock.current_limit), size, align);

		if (cand)
			found = cand;
	}
	if (!found || memblock_reserve(found, size))
		return 0;
	return found;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t phys = memblock_phys_alloc(size, align);
	void *virt;

	if (!phys)
		return NULL;
	virt = __va(phys);
	memset(virt, 0, size);
	return virt;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *mem = &memblock.memory;

	return mem->cnt ? region_end(&mem->regions[mem->cnt - 1]) : 0;
}

/* Give [start, end) to the buddy allocator in the largest aligned blocks. */
static void free_pfn_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = start ? min(__builtin_ctzl(start), MAX_ORDER)
					   : MAX_ORDER;

		while (start + (1UL << order) > end)
			order--;
		memblock_free_pages(pfn_to_page(start), start, order);
		start += 1UL << order;
	}
}

void memblock_free_all(void)
{
	phys_addr_t start, end;
	u64 i;

	if (WARN(!mem_map, "memblock_free_all() before free_area_init()\n"))
		return;
	memblock.released = true;
	/* Only whole pages are usable; a partial page at an edge stays put. */
	for_each_free_mem_range(i, &start, &end)
		free_pfn_range(min(PFN_UP(start), max_pfn),
			       min(PFN_DOWN(end), max_pfn));
}

/* Whole pages of RAM, counted as memblock_free_all() counts them. */
static unsigned long present_pages(void)
{
	phys_addr_t start, end;
	unsigned long pages = 0;
	u64 i;

	for_each_mem_range(i, &start, &end)
		if (PFN_DOWN(end) > PFN_UP(start))
			pages += PFN_DOWN(end) - PFN_UP(start);
	return pages;
}

void mem_init_print_info(void)
{
	unsigned long physpages = present_pages();
	unsigned long avail = totalram_pages();
	unsigned long codesize = _etext - _text;
	unsigned long datasize = _edata - _sdata;
	unsigned long rosize = __end_rodata - __start_rodata;
	unsigned long bss_size = __bss_stop - __bss_start;

#define K(pages) ((pages) << (PAGE_SHIFT - 10))
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, "
		"%luK rodata, %luK bss, %luK reserved)\n",
		K(avail), K(physpages), codesize >> 10, datasize >> 10,
		rosize >> 10, bss_size >> 10, K(physpages - avail));
#undef K
}
