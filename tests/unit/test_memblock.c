// SPDX-License-Identifier: MIT
/* unit-test-sources: mm/memblock.c mm/page_alloc.c */
/*
 * memblock: merging and ordering of ranges, early allocation, and the
 * hand-over to the buddy allocator, which must free exactly the pages
 * that are RAM and not reserved.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include "mm_harness.h"

#define MB(x)	((phys_addr_t)(x) << 20)
#define KB(x)	((phys_addr_t)(x) << 10)

static void assert_region(const struct memblock_type *type, unsigned long i,
			  phys_addr_t base, phys_addr_t end)
{
	assert_true(i < type->cnt);
	assert_int_equal(type->regions[i].base, base);
	assert_int_equal(type->regions[i].base + type->regions[i].size, end);
}

static void add_merges_touching_and_overlapping_ranges(void **state)
{
	struct memblock_type *mem = &memblock.memory;

	assert_int_equal(memblock_add(MB(1), MB(1)), 0);
	assert_int_equal(memblock_add(MB(3), MB(1)), 0);
	assert_int_equal(mem->cnt, 2);
	memblock_add(MB(2), MB(1));		/* fills the gap exactly */
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, MB(1), MB(4));
	memblock_add(MB(3) + KB(512), MB(2));	/* overlaps the end */
	memblock_add(KB(512), KB(600));		/* overlaps the start */
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, KB(512), MB(5) + KB(512));
	memblock_add(MB(2), KB(4));		/* inside: no change */
	assert_int_equal(mem->cnt, 1);
	assert_int_equal(memblock_phys_mem_size(), MB(5));
}

static void add_keeps_ranges_sorted(void **state)
{
	struct memblock_type *mem = &memblock.memory;

	memblock_add(MB(40), MB(1));
	memblock_add(MB(10), MB(1));
	memblock_add(MB(30), MB(1));
	memblock_add(MB(20), MB(1));
	assert_int_equal(mem->cnt, 4);
	assert_region(mem, 0, MB(10), MB(11));
	assert_region(mem, 1, MB(20), MB(21));
	assert_region(mem, 2, MB(30), MB(31));
	assert_region(mem, 3, MB(40), MB(41));
	memblock_add(MB(11), MB(24));	/* touches one, swallows two */
	assert_int_equal(mem->cnt, 2);
	assert_region(mem, 0, MB(10), MB(35));
	assert_int_equal(memblock_end_of_DRAM(), MB(41));
	assert_int_equal(memblock_phys_mem_size(), MB(26));
}

static void reserve_merges_like_add(void **state)
{
	struct memblock_type *rsv = &memblock.reserved;

	memblock_reserve(0, MB(1));
	memblock_reserve(MB(1), KB(4));
	memblock_reserve(KB(16), KB(4));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, 0, MB(1) + KB(4));
	assert_int_equal(memblock_reserved_size(), MB(1) + KB(4));
	assert_int_equal(memblock.memory.cnt, 0);
}

static void zero_size_and_wrapping_ranges(void **state)
{
	assert_int_equal(memblock_add(MB(1), 0), 0);
	assert_int_equal(memblock.memory.cnt, 0);
	assert_int_equal(memblock_add(PHYS_ADDR_MAX - KB(4) + 1, MB(1)), 0);
	assert_region(&memblock.memory, 0, PHYS_ADDR_MAX - KB(4) + 1, PHYS_ADDR_MAX);
}

static void full_array_refuses_only_new_regions(void **state)
{
	unsigned long i;

	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		assert_int_equal(memblock_add(MB(2 * i), MB(1)), 0);
	assert_int_equal(memblock_add(MB(1000), MB(1)), -ENOSPC);
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	/* Merging frees a slot, so a range that touches one is fine. */
	assert_int_equal(memblock_add(MB(1), MB(1)), 0);
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 1);
	assert_int_equal(memblock_add(MB(1000), MB(1)), 0);
}

static void free_ranges_are_memory_minus_reserved(void **state)
{
	phys_addr_t start, end, want[][2] = {
		{ MB(16), MB(17) }, { MB(18), MB(19) }, { MB(25), MB(28) },
	};
	unsigned int n = 0;
	u64 i;

	memblock_add(MB(16), MB(4));
	memblock_add(MB(24), MB(4));
	memblock_reserve(MB(17), MB(1));
	memblock_reserve(MB(19), MB(6));	/* spans the hole */
	memblock_reserve(MB(40), MB(1));	/* outside RAM */
	for_each_free_mem_range(i, &start, &end) {
		assert_true(n < ARRAY_SIZE(want));
		assert_int_equal(start, want[n][0]);
		assert_int_equal(end, want[n][1]);
		n++;
	}
	assert_int_equal(n, ARRAY_SIZE(want));

	n = 0;
	for_each_mem_range(i, &start, &end)
		n++;
	assert_int_equal(n, 2);
}

static void phys_alloc_takes_highest_fit_and_reserves_it(void **state)
{
	phys_addr_t a, b;

	memblock_add(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	memblock_reserve(HOST_PHYS_END - MB(1), MB(1));
	a = memblock_phys_alloc(KB(4), KB(4));
	assert_int_equal(a, HOST_PHYS_END - MB(1) - KB(4));
	b = memblock_phys_alloc(KB(4), KB(4));
	assert_int_equal(b, a - KB(4));
	assert_int_equal(memblock.reserved.cnt, 1);	/* all three merged */
	assert_int_equal(memblock_reserved_size(), MB(1) + KB(8));
}

static void phys_alloc_honours_alignment(void **state)
{
	phys_addr_t p;

	memblock_add(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	memblock_reserve(HOST_PHYS_END - KB(12), KB(12));
	p = memblock_phys_alloc(100, MB(2));
	assert_int_equal(p % MB(2), 0);
	assert_int_equal(p, HOST_PHYS_END - MB(2));
	p = memblock_phys_alloc(8, 8);
	assert_int_equal(p % 8, 0);
}

static void phys_alloc_fits_around_reservations_or_fails(void **state)
{
	memblock_add(MB(16), MB(1));
	memblock_reserve(MB(16), KB(100));
	memblock_reserve(MB(16) + KB(108), MB(1) - KB(108));	/* an 8K hole */
	assert_int_equal(memblock_phys_alloc(KB(12), KB(4)), 0);
	assert_int_equal(memblock_phys_alloc(KB(8), KB(4)), MB(16) + KB(100));
	assert_int_equal(memblock_phys_alloc(1, 1), 0);
	assert_int_equal(memblock_phys_alloc(0, KB(4)), 0);
}

static void phys_alloc_stays_below_current_limit(void **state)
{
	memblock_add(MB(16), MB(16));
	memblock_set_current_limit(MB(20));
	assert_int_equal(memblock_phys_alloc(KB(4), KB(4)), MB(20) - KB(4));
	memblock_set_current_limit(MB(16));
	assert_int_equal(memblock_phys_alloc(KB(4), KB(4)), 0);
}

static void phys_alloc_never_returns_address_zero(void **state)
{
	memblock_add(0, KB(8));
	assert_int_equal(memblock_phys_alloc(KB(4), KB(4)), KB(4));
	assert_int_equal(memblock_phys_alloc(KB(4), KB(4)), 0);
}

static void memblock_alloc_returns_zeroed_direct_map(void **state)
{
	unsigned char *p;
	size_t i;

	memblock_add(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	memset(host_arena, 0xee, HOST_PHYS_SIZE);
	p = memblock_alloc(KB(20), KB(4));
	assert_non_null(p);
	assert_int_equal(__pa(p), HOST_PHYS_END - KB(20));
	for (i = 0; i < KB(20); i++)
		assert_int_equal(p[i], 0);
	assert_null(memblock_alloc(MB(64), KB(4)));
}

/*
 * RAM [16M, 32M) with a reserved page run and a reservation that covers
 * only part of two pages: both of those pages stay with memblock.
 */
static void free_all_frees_only_unreserved_pages(void **state)
{
	static bool seen[8192];
	phys_addr_t rsv_base = MB(20), rsv2 = MB(24) + 100;
	unsigned long expect, pfn;
	struct page *page;

	memblock_add(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	memblock_reserve(rsv_base, KB(12));
	memblock_reserve(rsv2, KB(4));
	free_area_init();
	memblock_free_all();

	expect = PFN_DOWN(HOST_PHYS_SIZE) - 3 - 2 - host_mem_map_pages();
	assert_int_equal(nr_free_pages(), expect);
	assert_int_equal(totalram_pages(), expect);
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(rsv_base))));
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(rsv2) + 1)));
	assert_true(PageReserved(pfn_to_page(0)));	/* below RAM */
	assert_false(PageReserved(pfn_to_page(PFN_DOWN(rsv_base) + 3)));

	/* Every page the allocator can give is RAM and unreserved. */
	while ((page = alloc_pages(__GFP_NOWARN, 0))) {
		pfn = page_to_pfn(page);
		assert_true(pfn >= PFN_DOWN(HOST_PHYS_BASE) && pfn < PFN_DOWN(HOST_PHYS_END));
		assert_false(pfn >= PFN_DOWN(rsv_base) && pfn < PFN_DOWN(rsv_base) + 3);
		assert_false(pfn >= PFN_DOWN(rsv2) && pfn <= PFN_DOWN(rsv2) + 1);
		assert_true(page_address(page) < (void *)mem_map ||
			    page_address(page) >= (void *)(mem_map + max_pfn));
		assert_false(seen[pfn]);
		seen[pfn] = true;
	}
}

static void free_all_uses_largest_aligned_blocks(void **state)
{
	memblock_add(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	free_area_init();
	memblock_free_all();
	/* 16 MiB less mem_map at the top: three whole 4 MiB blocks. */
	assert_int_equal(normal_zone.free_area[MAX_ORDER].nr_free, 3);
	assert_non_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
}

static void phys_alloc_after_free_all_is_refused(void **state)
{
	host_mm_boot(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	assert_int_equal(memblock_phys_alloc(KB(4), KB(4)), 0);
	assert_null(memblock_alloc(KB(4), KB(4)));
	assert_int_equal(host_warn_count, 2);
}

static void mem_init_print_info_reports_linux_line(void **state)
{
	char want[256];
	unsigned long total = PFN_DOWN(HOST_PHYS_SIZE) * 4;

	host_mm_boot(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	host_log_reset();
	mem_init_print_info();
	snprintf(want, sizeof(want),
		 "Memory: %luK/%luK available (123K kernel code, 45K rwdata, "
		 "30K rodata, 200K bss, %luK reserved)\n",
		 nr_free_pages() * 4, total, total - nr_free_pages() * 4);
	assert_string_equal(host_log, want);
}

#define MB_TEST(fn) cmocka_unit_test_setup_teardown(fn, host_mm_setup, host_mm_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		MB_TEST(add_merges_touching_and_overlapping_ranges),
		MB_TEST(add_keeps_ranges_sorted),
		MB_TEST(reserve_merges_like_add),
		MB_TEST(zero_size_and_wrapping_ranges),
		MB_TEST(full_array_refuses_only_new_regions),
		MB_TEST(free_ranges_are_memory_minus_reserved),
		MB_TEST(phys_alloc_takes_highest_fit_and_reserves_it),
		MB_TEST(phys_alloc_honours_alignment),
		MB_TEST(phys_alloc_fits_around_reservations_or_fails),
		MB_TEST(phys_alloc_stays_below_current_limit),
		MB_TEST(phys_alloc_never_returns_address_zero),
		MB_TEST(memblock_alloc_returns_zeroed_direct_map),
		MB_TEST(free_all_frees_only_unreserved_pages),
		MB_TEST(free_all_uses_largest_aligned_blocks),
		MB_TEST(phys_alloc_after_free_all_is_refused),
		MB_TEST(mem_init_print_info_reports_linux_line),
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}
