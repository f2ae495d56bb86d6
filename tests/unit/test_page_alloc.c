// SPDX-License-Identifier: MIT
/* unit-test-sources: mm/page_alloc.c mm/memblock.c */
/*
 * The buddy allocator on a fake 16 MiB machine: splitting, merging,
 * alignment, exhaustion, and the frees it must refuse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include "mm_harness.h"

#define ONE_BLOCK_BASE	HOST_PHYS_BASE

/*
 * RAM that the allocator sees as exactly one free MAX_ORDER block: a
 * second region holds mem_map and is then reserved whole.
 */
static void boot_one_max_order_block(void)
{
	memblock_add(ONE_BLOCK_BASE, MAX_ORDER_BYTES);
	memblock_add(HOST_PHYS_BASE + 2 * MAX_ORDER_BYTES, 1 << 20);
	free_area_init();
	memblock_reserve(HOST_PHYS_BASE + 2 * MAX_ORDER_BYTES, 1 << 20);
	memblock_free_all();
}

static void boot_whole_arena(void)
{
	host_mm_boot(HOST_PHYS_BASE, HOST_PHYS_SIZE);
}

static void alloc_order0_splits_fresh_block(void **state)
{
	struct page *page;
	unsigned int order;

	boot_one_max_order_block();
	assert_int_equal(nr_free_pages(), 1UL << MAX_ORDER);
	assert_int_equal(normal_zone.free_area[MAX_ORDER].nr_free, 1);

	page = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(page);
	assert_int_equal(page_to_phys(page), ONE_BLOCK_BASE);
	/* One buddy of each smaller order is left behind by the split. */
	for (order = 0; order < MAX_ORDER; order++)
		assert_int_equal(normal_zone.free_area[order].nr_free, 1);
	assert_int_equal(normal_zone.free_area[MAX_ORDER].nr_free, 0);
	assert_int_equal(nr_free_pages(), (1UL << MAX_ORDER) - 1);
	__free_pages(page, 0);
}

static void freeing_both_buddies_merges_back(void **state)
{
	struct page *a, *b, *big;

	boot_one_max_order_block();
	a = alloc_pages(GFP_KERNEL, 0);
	b = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(page_to_pfn(a) ^ 1, page_to_pfn(b));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));

	__free_pages(a, 0);
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	__free_pages(b, 0);
	assert_int_equal(normal_zone.free_area[MAX_ORDER].nr_free, 1);
	big = alloc_pages(GFP_KERNEL, MAX_ORDER);
	assert_non_null(big);
	assert_int_equal(page_to_phys(big), ONE_BLOCK_BASE);
	__free_pages(big, MAX_ORDER);
	assert_int_equal(host_warn_count, 0);
}

static void blocks_are_naturally_aligned(void **state)
{
	struct page *odd[3], *page;
	unsigned int order, i;

	boot_whole_arena();
	/* Leave the free lists ragged first. */
	for (i = 0; i < ARRAY_SIZE(odd); i++)
		odd[i] = alloc_pages(GFP_KERNEL, i);
	for (order = 0; order <= MAX_ORDER; order++) {
		page = alloc_pages(GFP_KERNEL, order);
		assert_non_null(page);
		assert_int_equal(page_to_phys(page) % (PAGE_SIZE << order), 0);
		assert_int_equal((unsigned long)page_address(page) % (PAGE_SIZE << order), 0);
		__free_pages(page, order);
	}
	for (i = 0; i < ARRAY_SIZE(odd); i++)
		__free_pages(odd[i], i);
}

/* Many sizes at once, freed in a different order: every page comes back. */
static void mixed_orders_return_every_page(void **state)
{
	static struct page *pages[4096];
	static unsigned int orders[4096];
	unsigned long start;
	unsigned int n = 0, i, seed = 12345;

	boot_whole_arena();
	start = nr_free_pages();
	while (n < ARRAY_SIZE(pages)) {
		seed = seed * 1103515245 + 12345;
		orders[n] = (seed >> 16) % 6;
		pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, orders[n]);
		if (!pages[n])
			break;
		memset(page_address(pages[n]), 0x5a, PAGE_SIZE << orders[n]);
		n++;
	}
	assert_true(n > 100);
	assert_true(nr_free_pages() < start);
	for (i = 0; i < n; i += 2)
		__free_pages(pages[i], orders[i]);
	for (i = 1; i < n; i += 2)
		__free_pages(pages[i], orders[i]);
	assert_int_equal(nr_free_pages(), start);
	assert_int_equal(host_warn_count, 0);
	assert_non_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
}

/* Free pages are chained through their own first word, needing no array. */
static unsigned long alloc_until_null(gfp_t gfp, void **head)
{
	unsigned long n = 0;
	struct page *page;

	*head = NULL;
	while ((page = alloc_pages(gfp, 0))) {
		void **p = page_address(page);

		*p = *head;
		*head = p;
		n++;
	}
	return n;
}

static void free_chain(void *head)
{
	while (head) {
		void *next = *(void **)head;

		free_page((unsigned long)head);
		head = next;
	}
}

static void exhaustion_returns_null_and_reports_failure(void **state)
{
	unsigned long start, n;
	void *head;

	boot_whole_arena();
	start = nr_free_pages();
	n = alloc_until_null(GFP_KERNEL, &head);
	assert_int_equal(n, start);
	assert_int_equal(nr_free_pages(), 0);
	assert_true(host_log_contains("page allocation failure: order:0"));

	host_log_reset();
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	assert_false(host_log_contains("page allocation failure"));
	assert_null(alloc_pages(GFP_KERNEL, 3));
	assert_true(host_log_contains("page allocation failure: order:3"));

	free_chain(head);
	assert_int_equal(nr_free_pages(), start);
}

static void failure_reports_are_rate_limited(void **state)
{
	unsigned int i;
	const char *p;
	int reports = 0;

	boot_one_max_order_block();
	assert_non_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	for (i = 0; i < 100; i++)
		assert_null(alloc_pages(GFP_KERNEL, 0));
	for (p = host_log; (p = strstr(p, "page allocation failure")); p++)
		reports++;
	assert_true(reports >= 1);
	assert_true(reports <= 10);
}

static void order_above_max_fails(void **state)
{
	boot_whole_arena();
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER + 1));
	assert_int_equal(host_warn_count, 0);
}

static void double_free_is_detected_and_ignored(void **state)
{
	struct page *page, *again, *other;
	unsigned long start;

	boot_whole_arena();
	start = nr_free_pages();
	page = alloc_pages(GFP_KERNEL, 0);
	__free_pages(page, 0);
	assert_int_equal(host_warn_count, 0);

	__free_pages(page, 0);
	assert_int_equal(host_warn_count, 1);
	assert_true(host_log_contains("Bad page state"));
	assert_int_equal(nr_free_pages(), start);
	/* Had the second free been listed, the page would come out twice. */
	again = alloc_pages(GFP_KERNEL, 0);
	other = alloc_pages(GFP_KERNEL, 0);
	assert_ptr_not_equal(again, other);
}

static void freeing_unallocated_pages_is_detected(void **state)
{
	struct page *block;
	unsigned long start;

	boot_whole_arena();
	block = alloc_pages(GFP_KERNEL, 2);
	start = nr_free_pages();

	__free_pages(block + 1, 0);		/* a page inside the block */
	assert_int_equal(host_warn_count, 1);
	__free_pages(block, 1);			/* the wrong order */
	assert_int_equal(host_warn_count, 2);
	__free_pages(mem_map, 0);		/* never given out */
	assert_int_equal(host_warn_count, 3);
	__free_pages(virt_to_page(mem_map), 0);	/* reserved by memblock */
	assert_int_equal(host_warn_count, 4);
	assert_int_equal(nr_free_pages(), start);

	__free_pages(block, 2);
	assert_int_equal(host_warn_count, 4);
	assert_int_equal(nr_free_pages(), start + 4);
}

static void gfp_zero_returns_zeroed_memory(void **state)
{
	struct page *page;
	unsigned char *p;
	unsigned long addr;
	unsigned int i;

	boot_whole_arena();
	page = alloc_pages(GFP_KERNEL, 1);
	memset(page_address(page), 0xaa, 2 * PAGE_SIZE);
	__free_pages(page, 1);

	/* The block just freed is the first one handed out again. */
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	p = page_address(page);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0xaa, 2 * PAGE_SIZE);
	__free_pages(page, 1);

	addr = get_zeroed_page(GFP_KERNEL);
	assert_int_not_equal(addr, 0);
	for (i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(((unsigned char *)addr)[i], 0);
	free_page(addr);
}

static void address_conversions_round_trip(void **state)
{
	unsigned long addr;
	struct page *page;

	boot_whole_arena();
	addr = __get_free_pages(GFP_KERNEL, 3);
	assert_int_not_equal(addr, 0);
	page = virt_to_page((void *)addr);
	assert_ptr_equal(page_address(page), (void *)addr);
	assert_int_equal(page_to_phys(page), __pa(addr));
	assert_true(PageHead(page));
	assert_int_equal(page->order, 3);
	free_pages(addr, 3);
	free_pages(0, 0);
	assert_int_equal(host_warn_count, 0);
}

#define MM_TEST(fn) cmocka_unit_test_setup_teardown(fn, host_mm_setup, host_mm_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		MM_TEST(alloc_order0_splits_fresh_block),
		MM_TEST(freeing_both_buddies_merges_back),
		MM_TEST(blocks_are_naturally_aligned),
		MM_TEST(mixed_orders_return_every_page),
		MM_TEST(exhaustion_returns_null_and_reports_failure),
		MM_TEST(failure_reports_are_rate_limited),
		MM_TEST(order_above_max_fails),
		MM_TEST(double_free_is_detected_and_ignored),
		MM_TEST(freeing_unallocated_pages_is_detected),
		MM_TEST(gfp_zero_returns_zeroed_memory),
		MM_TEST(address_conversions_round_trip),
	};

	return cmocka_run_group_tests_name("page_alloc", tests, NULL, NULL);
}
