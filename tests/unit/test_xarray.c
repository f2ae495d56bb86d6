// SPDX-License-Identifier: MIT
/* unit-test-sources: lib/xarray.c */
/*
 * The xarray: what is stored is what is loaded, an absent index is NULL,
 * the tree holds only the nodes its entries need (counted through
 * kzalloc/kfree), erasing gives every node back, a failed allocation
 * leaves the array as it was, and xa_find/xa_for_each visit the entries
 * in index order however sparse they are.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>

/* Declared by hand: <stdlib.h> drags in a loff_t that clashes with the kernel's. */
void *calloc(size_t n, size_t size);
void free(void *p);

static int live_nodes;		/* kzalloc()ed and not yet freed */
static int fail_after = -1;	/* allocations left before one fails; -1: never */

void *kzalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	p = calloc(1, size);
	if (p)
		live_nodes++;
	return p;
}

void kfree(const void *p)
{
	if (p)
		live_nodes--;
	free((void *)p);
}

/* Entries are pointers with the low two bits clear; any such value will do. */
#define E(n)	((void *)(((unsigned long)(n) << 3) | 8))

static int setup(void **state)
{
	live_nodes = 0;
	fail_after = -1;
	return 0;
}

static void store_then_load_and_absent_is_null(void **state)
{
	struct xarray xa = XARRAY_INIT(xa);

	assert_true(xa_empty(&xa));
	assert_null(xa_load(&xa, 0));
	assert_null(xa_store(&xa, 5, E(5), GFP_KERNEL));
	assert_ptr_equal(xa_load(&xa, 5), E(5));
	assert_null(xa_load(&xa, 4));
	assert_null(xa_load(&xa, 1UL << 40));
	assert_ptr_equal(xa_store(&xa, 5, E(6), GFP_KERNEL), E(5));	/* the old entry back */
	assert_ptr_equal(xa_load(&xa, 5), E(6));
	xa_destroy(&xa);
	assert_int_equal(live_nodes, 0);
}

/* A page at 1 GiB (index 2^18, 19 bits) costs four nodes, not a 2^18-slot array. */
static void one_far_entry_costs_one_node_per_level(void **state)
{
	struct xarray xa = XARRAY_INIT(xa);

	xa_store(&xa, 1UL << 18, E(1), GFP_KERNEL);
	assert_int_equal(live_nodes, 4);
	xa_store(&xa, (1UL << 18) + 1, E(2), GFP_KERNEL);
	assert_int_equal(live_nodes, 4);
	xa_store(&xa, 0, E(3), GFP_KERNEL);
	assert_int_equal(live_nodes, 7);	/* a second path below the root */
	assert_ptr_equal(xa_load(&xa, 1UL << 18), E(1));
	assert_ptr_equal(xa_load(&xa, 0), E(3));
	xa_destroy(&xa);
	assert_int_equal(live_nodes, 0);
}

static void erase_frees_every_node_and_lowers_the_root(void **state)
{
	struct xarray xa = XARRAY_INIT(xa);

	xa_store(&xa, 3, E(3), GFP_KERNEL);
	xa_store(&xa, ~0UL, E(4), GFP_KERNEL);
	assert_ptr_equal(xa_load(&xa, ~0UL), E(4));
	assert_ptr_equal(xa_erase(&xa, ~0UL), E(4));
	assert_int_equal(live_nodes, 1);	/* back to one leaf for index 3 */
	assert_ptr_equal(xa_load(&xa, 3), E(3));
	assert_null(xa_erase(&xa, 4));
	assert_ptr_equal(xa_store(&xa, 3, NULL, GFP_KERNEL), E(3));	/* NULL erases */
	assert_true(xa_empty(&xa));
	assert_int_equal(live_nodes, 0);
}

static void failed_store_leaves_the_array_as_it_was(void **state)
{
	struct xarray xa = XARRAY_INIT(xa);
	int fails;

	xa_store(&xa, 7, E(7), GFP_KERNEL);
	for (fails = 0; fails < 10; fails++) {	/* 5 roots above, 5 nodes below */
		void *ret;

		fail_after = fails;
		ret = xa_store(&xa, 1UL << 30, E(8), GFP_KERNEL);
		fail_after = -1;
		assert_true(xa_is_err(ret));
		assert_int_equal(xa_err(ret), -ENOMEM);
		assert_int_equal(live_nodes, 1);
		assert_ptr_equal(xa_load(&xa, 7), E(7));
		assert_null(xa_load(&xa, 1UL << 30));
	}
	assert_null(xa_store(&xa, 1UL << 30, E(8), GFP_KERNEL));
	xa_destroy(&xa);
	assert_int_equal(live_nodes, 0);
}

static void find_skips_holes_in_index_order(void **state)
{
	static const unsigned long idx[] = { 0, 63, 64, 4095, 1UL << 18, 1UL << 40, ~0UL - 1, ~0UL };
	struct xarray xa = XARRAY_INIT(xa);
	unsigned long index, i;
	void *entry;

	for (i = ARRAY_SIZE(idx); i-- > 0;)
		xa_store(&xa, idx[i], E(i + 1), GFP_KERNEL);
	i = 0;
	xa_for_each(&xa, index, entry) {
		assert_true(i < ARRAY_SIZE(idx));
		assert_int_equal(index, idx[i]);
		assert_ptr_equal(entry, E(i + 1));
		i++;
	}
	assert_int_equal(i, ARRAY_SIZE(idx));

	index = 65;
	assert_ptr_equal(xa_find(&xa, &index, ~0UL, XA_PRESENT), E(4));
	assert_int_equal(index, 4095);
	index = 4096;
	assert_null(xa_find(&xa, &index, (1UL << 18) - 1, XA_PRESENT));	/* past max */
	index = (1UL << 40) + 1;
	assert_ptr_equal(xa_find(&xa, &index, ~0UL, XA_PRESENT), E(7));
	assert_int_equal(index, ~0UL - 1);
	xa_destroy(&xa);
}

/* Truncation's pattern: erase everything from a start while walking. */
static void for_each_start_may_erase_as_it_goes(void **state)
{
	struct xarray xa = XARRAY_INIT(xa);
	unsigned long index, i, seen = 0;
	void *entry;

	for (i = 0; i < 300; i++)
		xa_store(&xa, i * 37, E(i + 1), GFP_KERNEL);
	xa_for_each_start(&xa, index, entry, 100 * 37) {
		assert_ptr_equal(xa_erase(&xa, index), entry);
		seen++;
	}
	assert_int_equal(seen, 200);
	for (i = 0; i < 300; i++)
		assert_ptr_equal(xa_load(&xa, i * 37), i < 100 ? E(i + 1) : NULL);
	xa_for_each(&xa, index, entry)
		xa_erase(&xa, index);
	assert_true(xa_empty(&xa));
	assert_int_equal(live_nodes, 0);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(store_then_load_and_absent_is_null),
		T(one_far_entry_costs_one_node_per_level),
		T(erase_frees_every_node_and_lowers_the_root),
		T(failed_store_leaves_the_array_as_it_was),
		T(find_skips_holes_in_index_order),
		T(for_each_start_may_erase_as_it_goes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
