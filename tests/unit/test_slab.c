// SPDX-License-Identifier: MIT
/* unit-test-sources: mm/slab.c mm/page_alloc.c mm/memblock.c */
/*
 * kmalloc on a fake 16 MiB machine: every size class, the large path,
 * zeroing, the special pointers, memory going back to the page allocator,
 * and the frees it must refuse. The allocator's poisoning hooks drive
 * AddressSanitizer here, so writing one byte past a buffer fails the run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "mm_harness.h"

static unsigned long free_at_boot;

static int slab_setup(void **state)
{
	if (host_mm_setup(state))
		return -1;
	host_mm_boot(HOST_PHYS_BASE, HOST_PHYS_SIZE);
	kmalloc_init();
	free_at_boot = nr_free_pages();
	return 0;
}

static size_t class_of(size_t size)
{
	size_t class = KMALLOC_MIN_SIZE;

	while (class < size)
		class <<= 1;
	return class;
}

/* Three live buffers per size, each filled whole and checked intact. */
static void kmalloc_every_size_1_to_8192(void **state)
{
	size_t size, i;

	for (size = 1; size <= 8192; size++) {
		unsigned char *buf[3];

		for (i = 0; i < 3; i++) {
			buf[i] = kmalloc(size, GFP_KERNEL);
			assert_non_null(buf[i]);
			memset(buf[i], 0x10 + i, size);
		}
		for (i = 0; i < 3; i++) {
			assert_true(ksize(buf[i]) >= size);
			assert_int_equal(buf[i][0], 0x10 + i);
			assert_int_equal(buf[i][size - 1], 0x10 + i);
			kfree(buf[i]);
		}
	}
	assert_int_equal(nr_free_pages(), free_at_boot);
	assert_int_equal(host_warn_count, 0);
}

static void small_sizes_round_up_to_power_of_two_class(void **state)
{
	size_t sizes[] = { 1, 8, 9, 24, 100, 513, 2048, 3000, 4096 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);

		assert_int_equal(ksize(p), class_of(sizes[i]));
		/* Objects sit at multiples of their class inside a page. */
		assert_int_equal((unsigned long)p % class_of(sizes[i]), 0);
		kfree(p);
	}
}

static void large_kmalloc_records_its_order(void **state)
{
	void *p = kmalloc(4097, GFP_KERNEL);
	void *q = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);

	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal(ksize(p), 2 * PAGE_SIZE);
	assert_int_equal(ksize(q), 8 * PAGE_SIZE);
	assert_true(PageLargeKmalloc(virt_to_page(q)));
	assert_int_equal(nr_free_pages(), free_at_boot - 10);
	kfree(p);
	kfree(q);
	assert_int_equal(nr_free_pages(), free_at_boot);
	assert_null(kmalloc((PAGE_SIZE << MAX_ORDER) + 1, GFP_KERNEL | __GFP_NOWARN));
}

static void kfree_returns_slab_pages(void **state)
{
	static void *objs[2000];
	size_t i;

	/* 2000 x 32 bytes spans 16 slab pages. */
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmalloc(32, GFP_KERNEL);
	assert_int_equal(nr_free_pages(), free_at_boot - 16);
	for (i = 0; i < ARRAY_SIZE(objs); i += 2)
		kfree(objs[i]);
	for (i = 1; i < ARRAY_SIZE(objs); i += 2)
		kfree(objs[i]);
	assert_int_equal(nr_free_pages(), free_at_boot);
}

static void objects_are_reused_after_free(void **state)
{
	void *a = kmalloc(64, GFP_KERNEL);
	void *b = kmalloc(64, GFP_KERNEL);

	kfree(a);
	assert_ptr_equal(kmalloc(64, GFP_KERNEL), a);
	kfree(a);
	kfree(b);
}

static void kzalloc_and_kcalloc_zero_reused_memory(void **state)
{
	unsigned char *p = kmalloc(200, GFP_KERNEL);
	unsigned int *q;
	size_t i;

	memset(p, 0xff, 200);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	for (i = 0; i < 200; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0xff, 200);
	kfree(p);

	q = kcalloc(50, sizeof(*q), GFP_KERNEL);
	for (i = 0; i < 50; i++)
		assert_int_equal(q[i], 0);
	kfree(q);
}

static void kcalloc_overflow_returns_null(void **state)
{
	assert_null(kcalloc(SIZE_MAX / 2, 3, GFP_KERNEL));
	assert_null(kcalloc(1UL << 33, 1UL << 33, GFP_KERNEL));
	assert_int_equal(nr_free_pages(), free_at_boot);
}

static void kmalloc_zero_and_kfree_null_are_special(void **state)
{
	void *p = kmalloc(0, GFP_KERNEL);

	assert_ptr_equal(p, ZERO_SIZE_PTR);
	assert_int_equal(ksize(p), 0);
	kfree(p);
	kfree(NULL);
	assert_int_equal(host_warn_count, 0);
	assert_int_equal(nr_free_pages(), free_at_boot);
}

static void exhaustion_returns_null(void **state)
{
	void *head = NULL, *p;
	unsigned long n = 0;

	while ((p = kmalloc(512, GFP_KERNEL | __GFP_NOWARN))) {
		*(void **)p = head;
		head = p;
		n++;
	}
	assert_int_equal(n, free_at_boot * (PAGE_SIZE / 512));
	assert_null(kmalloc(8, GFP_KERNEL | __GFP_NOWARN));
	assert_null(kmalloc(3 * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN));
	while (head) {
		p = *(void **)head;
		kfree(head);
		head = p;
	}
	assert_int_equal(nr_free_pages(), free_at_boot);
}

static void double_kfree_is_detected(void **state)
{
	void *a = kmalloc(128, GFP_KERNEL);
	void *keep = kmalloc(128, GFP_KERNEL);
	void *big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);

	kfree(a);
	kfree(a);			/* its slab still in use */
	assert_int_equal(host_warn_count, 1);
	assert_true(host_log_contains("double free"));
	kfree(keep);
	kfree(keep);			/* its slab already back with the buddy */
	assert_int_equal(host_warn_count, 2);
	kfree(big);
	kfree(big);
	assert_int_equal(host_warn_count, 3);
	assert_int_equal(nr_free_pages(), free_at_boot);
	/* Nothing was listed twice: the same object cannot come out twice. */
	a = kmalloc(128, GFP_KERNEL);
	assert_ptr_not_equal(kmalloc(128, GFP_KERNEL), a);
}

static void kfree_of_foreign_pointer_is_detected(void **state)
{
	char *p = kmalloc(64, GFP_KERNEL);
	unsigned long page = __get_free_page(GFP_KERNEL);

	kfree(p + 8);				/* inside an object */
	assert_int_equal(host_warn_count, 1);
	kfree((void *)page);			/* page allocator's, not kmalloc's */
	assert_int_equal(host_warn_count, 2);
	kfree(p);
	free_page(page);
	assert_int_equal(host_warn_count, 2);
	assert_int_equal(nr_free_pages(), free_at_boot);
}

/* Run @fn in a child; true if AddressSanitizer reported a bad access. */
static bool asan_reports(void (*fn)(void))
{
	char path[] = "/tmp/test_slab_asan.XXXXXX", report[4096] = "";
	int fd = mkstemp(path), status;
	pid_t pid;
	FILE *f;

	assert_true(fd >= 0);
	pid = fork();
	if (pid == 0) {
		dup2(fd, 2);
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	f = fdopen(fd, "r");
	rewind(f);
	fread(report, 1, sizeof(report) - 1, f);
	fclose(f);
	unlink(path);
	return strstr(report, "AddressSanitizer") != NULL;
}

static void overrun_one_past_13(void)
{
	char *p = kmalloc(13, GFP_KERNEL);

	((volatile char *)p)[13] = 1;
}

static void use_after_kfree(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	((volatile char *)p)[20] = 1;
}

static void overrun_large_kmalloc(void)
{
	char *p = kmalloc(5000, GFP_KERNEL);

	((volatile char *)p)[5000] = 1;
}

static void sanitizer_sees_kmalloc_bounds(void **state)
{
#ifdef __SANITIZE_ADDRESS__
	assert_true(asan_reports(overrun_one_past_13));
	assert_true(asan_reports(use_after_kfree));
	assert_true(asan_reports(overrun_large_kmalloc));
#else
	skip();
#endif
}

#define SLAB_TEST(fn) cmocka_unit_test_setup_teardown(fn, slab_setup, host_mm_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		SLAB_TEST(kmalloc_every_size_1_to_8192),
		SLAB_TEST(small_sizes_round_up_to_power_of_two_class),
		SLAB_TEST(large_kmalloc_records_its_order),
		SLAB_TEST(kfree_returns_slab_pages),
		SLAB_TEST(objects_are_reused_after_free),
		SLAB_TEST(kzalloc_and_kcalloc_zero_reused_memory),
		SLAB_TEST(kcalloc_overflow_returns_null),
		SLAB_TEST(kmalloc_zero_and_kfree_null_are_special),
		SLAB_TEST(exhaustion_returns_null),
		SLAB_TEST(double_kfree_is_detected),
		SLAB_TEST(kfree_of_foreign_pointer_is_detected),
		SLAB_TEST(sanitizer_sees_kmalloc_bounds),
	};

	return cmocka_run_group_tests_name("slab", tests, NULL, NULL);
}
