// SPDX-License-Identifier: MIT
/*
 * The buddy allocator: physical memory in naturally aligned blocks of
 * 2^order pages, order 0 to MAX_ORDER.
 *
 * This file owns mem_map and the zone's free lists. A free block is listed
 * by its first page, which carries PG_buddy and the order. Allocation takes
 * the smallest listed block that fits and splits it, returning the halves it
 * does not need; freeing merges a block with its buddy (the block whose PFN
 * differs only in bit @order) for as long as the buddy is free and whole.
 * Where the free memory comes from is memblock's business
 * (memblock_free_all()); carving pages into small objects is mm/slab.c's.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/kasan.h>
#include "internal.h"

struct zone normal_zone;
struct page *mem_map;
unsigned long max_pfn;

/*
 * No clock drives a ratelimit this early, so allocation failures get a
 * budget: the first few are reported, the rest are only returned.
 */
#define NOPAGE_REPORT_BUDGET	10
static unsigned int nopage_reports_left;

void free_area_init(void)
{
	unsigned long pfn;
	unsigned int order;

	max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	/* Holes get a struct page too: buddy arithmetic needs PFN indexing. */
	mem_map = memblock_alloc((phys_addr_t)max_pfn * sizeof(struct page),
				 PAGE_SIZE);
	if (!mem_map)
		panic("free_area_init: no memory for mem_map (%lu pages)", max_pfn);
	for (pfn = 0; pfn < max_pfn; pfn++)
		__SetPageReserved(pfn_to_page(pfn));

	spin_lock_init(&normal_zone.lock);
	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		INIT_LIST_HEAD(&normal_zone.free_area[order].free_list);
		normal_zone.free_area[order].nr_free = 0;
	}
	normal_zone.free_pages = 0;
	normal_zone.managed_pages = 0;
	nopage_reports_left = NOPAGE_REPORT_BUDGET;
}

static void add_to_free_list(struct page *page, struct zone *zone,
			     unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	page->order = order;
	__SetPageBuddy(page);
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static void del_page_from_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->order = 0;
	zone->free_area[order].nr_free--;
}

/* Is @page the head of a free block of exactly @order, so it may merge? */
static bool page_is_buddy(const struct page *page, unsigned int order)
{
	return PageBuddy(page) && page->order == order;
}

/* Split [page, page + 2^high) down to 2^low, listing the upper halves. */
static void expand(struct zone *zone, struct page *page,
		   unsigned int low, unsigned int high)
{
	while (high > low) {
		high--;
		add_to_free_list(page + (1UL << high), zone, high);
	}
}

static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	unsigned int o;

	for (o = order; o < NR_PAGE_ORDERS; o++) {
		struct free_area *area = &zone->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

static void __free_one_page(struct zone *zone, unsigned long pfn,
			    unsigned int order)
{
	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!pfn_valid(buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!page_is_buddy(buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;	/* the merged block starts at the lower one */
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), zone, order);
}

static void warn_alloc(gfp_t gfp, unsigned int order)
{
	if ((gfp & __GFP_NOWARN) || !nopage_reports_left)
		return;
	nopage_reports_left--;
	pr_warn("page allocation failure: order:%u, mode:0x%x, free:%lu\n",
		order, gfp, nr_free_pages());
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	struct page *page;

	if (order > MAX_ORDER) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}

	spin_lock_irqsave(&normal_zone.lock, flags);
	page = __rmqueue(&normal_zone, order);
	if (page) {
		__SetPageHead(page);
		page->order = order;
	}
	spin_unlock_irqrestore(&normal_zone.lock, flags);

	if (!page) {
		warn_alloc(gfp, order);
		return NULL;
	}
	kasan_unpoison(page_address(page), PAGE_SIZE << order);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

/*
 * Report a free of something that is not an allocated block of @order, and
 * leak it: putting it on a free list would hand the same memory out twice.
 */
static void bad_page(const struct page *page, unsigned int order,
		     const char *reason)
{
	pr_alert("BUG: Bad page state: pfn:0x%lx flags:0x%lx order:%u (freed as order %u): %s\n",
		 page_to_pfn(page), page->flags, page->order, order, reason);
	WARN_ON(1);
}

static const char *free_pages_check(const struct page *page, unsigned int order)
{
	if (PageBuddy(page))
		return "already free";
	if (PageReserved(page))
		return "reserved page";
	if (PageSlab(page))
		return "still owned by a slab cache";
	if (!PageHead(page))
		return "not the start of an allocated block";
	if (page->order != order)
		return "order differs from allocation";
	return NULL;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;
	const char *bad;

	if (order > MAX_ORDER || !pfn_valid(page_to_pfn(page))) {
		WARN(1, "__free_pages: bad page %p order %u\n", page, order);
		return;
	}
	spin_lock_irqsave(&normal_zone.lock, flags);
	bad = free_pages_check(page, order);
	if (!bad) {
		page->flags = 0;
		kasan_poison(page_address(page), PAGE_SIZE << order);
		__free_one_page(&normal_zone, page_to_pfn(page), order);
	}
	spin_unlock_irqrestore(&normal_zone.lock, flags);

	if (bad)
		bad_page(page, order, bad);
}

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	unsigned long flags, i;

	for (i = 0; i < (1UL << order); i++)
		page[i].flags = 0;
	kasan_poison(page_address(page), PAGE_SIZE << order);

	spin_lock_irqsave(&normal_zone.lock, flags);
	normal_zone.managed_pages += 1UL << order;
	__free_one_page(&normal_zone, pfn, order);
	spin_unlock_irqrestore(&normal_zone.lock, flags);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(virt_to_pfn(addr));
}

phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(normal_zone.free_pages);
}

unsigned long totalram_pages(void)
{
	return READ_ONCE(normal_zone.managed_pages);
}
