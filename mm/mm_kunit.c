// SPDX-License-Identifier: MIT
/*
 * KUnit suite "mm" (reflex.test=mm): the page allocator and kmalloc as the
 * booted kernel has them, on whatever memory the machine has, and the OOM
 * killer's oom_badness() on a task built here. Each case
 * leaves the free page count where it found it, and checks that it did.
 * The host unit tests (tests/unit/test_{page_alloc,slab,memblock}.c) pin
 * the finer behaviour; this suite shows it holds on the real memory map.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/slab.h>

static void mm_alloc_free_every_order(struct kunit *test)
{
	unsigned long before = nr_free_pages();
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		unsigned long bytes = PAGE_SIZE << order;
		char *p;

		KUNIT_ASSERT_NOT_NULL(test, page);
		KUNIT_EXPECT_EQ(test, page_to_phys(page) & (bytes - 1), 0);
		KUNIT_EXPECT_EQ(test, nr_free_pages(), before - (1UL << order));
		p = page_address(page);
		p[0] = 1;
		p[bytes - 1] = 1;
		__free_pages(page, order);
		KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
	}
}

static void mm_gfp_zero_zeroes(struct kunit *test)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 1);
	unsigned char *p;
	unsigned long i;

	KUNIT_ASSERT_NE(test, addr, 0);
	memset((void *)addr, 0xa5, 2 * PAGE_SIZE);
	free_pages(addr, 1);

	p = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		if (p[i])
			break;
	KUNIT_EXPECT_EQ(test, i, 2 * PAGE_SIZE);
	free_pages((unsigned long)p, 1);
}

static void mm_kmalloc_many_sizes(struct kunit *test)
{
	unsigned long before = nr_free_pages();
	size_t size;

	for (size = 1; size <= 3 * PAGE_SIZE; size += size < 64 ? 1 : 61) {
		unsigned char *a = kmalloc(size, GFP_KERNEL);
		unsigned char *b = kzalloc(size, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, a);
		KUNIT_ASSERT_NOT_NULL(test, b);
		KUNIT_EXPECT_GE(test, ksize(a), size);
		KUNIT_EXPECT_EQ(test, b[size - 1], 0);
		memset(a, 0x5a, size);
		memset(b, 0xa5, size);
		KUNIT_EXPECT_EQ(test, a[size - 1], 0x5a);
		kfree(a);
		kfree(b);
	}
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
}

static void mm_kmalloc_special_pointers(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	KUNIT_EXPECT_NULL(test, kcalloc(~(size_t)0 / 2, 4, GFP_KERNEL));
}

/*
 * Take every page there is, one at a time, chaining them through their own
 * first word so that the test needs no memory of its own to remember them.
 */
static void mm_exhaustion_returns_null(struct kunit *test)
{
	unsigned long before = nr_free_pages(), n = 0;
	void *head = NULL;
	struct page *page;

	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		void **p = page_address(page);

		*p = head;
		head = p;
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, before);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), 0);
	KUNIT_EXPECT_NULL(test, kmalloc(PAGE_SIZE * 2, GFP_KERNEL | __GFP_NOWARN));

	while (head) {
		void *next = *(void **)head;

		free_page((unsigned long)head);
		head = next;
	}
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);
	/* Every page back and merged: a largest block is there again. */
	page = alloc_pages(GFP_KERNEL, MAX_ORDER);
	KUNIT_EXPECT_NOT_NULL(test, page);
	if (page)
		__free_pages(page, MAX_ORDER);
}

/*
 * oom_badness(): resident pages plus page-table pages, moved by a
 * thousandth of memory per unit of oom_score_adj; never init, a kernel
 * thread or a task at OOM_SCORE_ADJ_MIN.
 */
static void mm_oom_badness_counts_rss_pgtables_and_adj(struct kunit *test)
{
	struct mm_struct mm = { .pgtables_bytes = 2 * PAGE_SIZE };
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	spin_lock_init(&p->alloc_lock);
	p->pid = 100000;
	p->mm = &mm;
	atomic_long_set(&mm.rss_stat[MM_ANONPAGES], 100);
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), 102);
	p->oom_score_adj = 500;
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), 102 + 500 * 10);
	p->oom_score_adj = -50;
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), 102 - 50 * 10);
	p->oom_score_adj = OOM_SCORE_ADJ_MIN;
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), LONG_MIN);
	p->oom_score_adj = 0;
	p->flags = PF_KTHREAD;
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), LONG_MIN);
	p->flags = 0;
	p->pid = 1;
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), LONG_MIN);
	p->pid = 100000;
	p->mm = NULL;
	KUNIT_EXPECT_EQ(test, oom_badness(p, 10000), LONG_MIN);
	kfree(p);
}

static struct kunit_case mm_test_cases[] = {
	KUNIT_CASE(mm_alloc_free_every_order),
	KUNIT_CASE(mm_gfp_zero_zeroes),
	KUNIT_CASE(mm_kmalloc_many_sizes),
	KUNIT_CASE(mm_kmalloc_special_pointers),
	KUNIT_CASE(mm_exhaustion_returns_null),
	KUNIT_CASE(mm_oom_badness_counts_rss_pgtables_and_adj),
	{}
};

static struct kunit_suite mm_test_suite = {
	.name = "mm",
	.test_cases = mm_test_cases,
};
kunit_test_suite(mm_test_suite);
