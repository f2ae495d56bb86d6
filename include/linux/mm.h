/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

/*
 * Physical pages: struct page, the mem_map array that has one for every
 * page frame from PFN 0 to max_pfn, and the single zone the buddy
 * allocator (mm/page_alloc.c) keeps its free lists in.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <asm/page.h>

#define NR_PAGE_ORDERS	(MAX_ORDER + 1)

enum pageflags {
	PG_reserved,		/* never given to the allocator (firmware, image, hole) */
	PG_buddy,		/* first page of a free block; ->order is its order */
	PG_head,		/* first page of an allocated block; ->order as allocated */
	PG_slab,		/* owned by a kmalloc cache (mm/slab.c) */
	PG_large_kmalloc,	/* a kmalloc() too big for the caches */
};

struct kmem_cache;
struct address_space;

/*
 * One per page frame. Only the first page of a block carries state; the
 * pages behind it in a free or allocated block have no flags, which is how
 * freeing one of them is told apart from freeing a real block.
 */
struct page {
	unsigned long flags;		/* enum pageflags bits */
	struct list_head lru;		/* free list, or the slab cache's partial list */
	unsigned int order;		/* PG_buddy or PG_head: block order */
	unsigned int inuse;		/* PG_slab: objects handed out */
	struct kmem_cache *slab_cache;	/* PG_slab: the owning cache */
	void *freelist;			/* PG_slab: first free object */
	int _refcount;			/* user pages: mappings + other holders (COW) */
	struct address_space *mapping;	/* a page-cache page's file; NULL: anonymous */
	unsigned long index;		/* a page-cache page's offset in it, in pages */
};

#define PAGEFLAG(uname, lname)						\
static inline bool Page##uname(const struct page *page)		\
{ return page->flags & BIT(PG_##lname); }				\
static inline void __SetPage##uname(struct page *page)			\
{ page->flags |= BIT(PG_##lname); }					\
static inline void __ClearPage##uname(struct page *page)		\
{ page->flags &= ~BIT(PG_##lname); }

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Head, head)
PAGEFLAG(Slab, slab)
PAGEFLAG(LargeKmalloc, large_kmalloc)
#undef PAGEFLAG

struct free_area {
	struct list_head free_list;	/* blocks of this order, by their first page */
	unsigned long nr_free;		/* blocks, not pages */
};

/*
 * reflex has one zone spanning all of memory: no device here is limited to
 * ISA DMA or 32-bit addresses, so Linux's DMA/DMA32/Normal split would buy
 * nothing but bookkeeping.
 */
struct zone {
	spinlock_t lock;		/* free_area and the counters; irqsave */
	struct free_area free_area[NR_PAGE_ORDERS];
	unsigned long free_pages;	/* pages on the free lists */
	unsigned long managed_pages;	/* pages ever given to the allocator */
};

extern struct zone normal_zone;
extern struct page *mem_map;
extern unsigned long max_pfn;		/* mem_map covers [0, max_pfn) */

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

#define virt_to_pfn(addr)	PFN_DOWN(__pa(addr))
#define virt_addr_valid(addr)	pfn_valid(virt_to_pfn(addr))

/* The smallest order whose block holds @size bytes. */
static inline unsigned int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

/*
 * Build mem_map from memblock (every page starts PG_reserved) and empty
 * the free lists. Pages reach the allocator only through memblock_free_all().
 */
void free_area_init(void);

/*
 * Bring up memory management after setup_arch() has filled memblock and
 * built the direct map: mem_map, the buddy allocator, kmalloc.
 */
void mm_core_init(void);

unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);

#endif
