// SPDX-License-Identifier: MIT
/*
 * kmalloc: small objects carved out of pages.
 *
 * This file owns the kmalloc caches, one per power of two from 8 to 4096
 * bytes. A cache's slabs are single pages from the buddy allocator; the
 * slab's state (cache, free-object list, objects in use) lives in the
 * page's struct page, so objects need no header and kfree() finds the cache
 * through virt_to_page(). A free object holds the pointer to the next free
 * one. Slabs with a free object sit on the cache's partial list; a slab
 * whose last object is freed goes straight back to the page allocator,
 * so freed memory is visible in nr_free_pages() at once. Anything larger
 * than 4096 bytes is a block of pages of its own, marked PG_large_kmalloc.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/kasan.h>

#define NR_KMALLOC_CACHES (KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW + 1)

struct kmem_cache {
	spinlock_t lock;		/* partial and every slab's page fields; irqsave */
	unsigned int size;		/* object size, a power of two */
	unsigned int objects;		/* objects per slab */
	struct list_head partial;	/* slabs with at least one free object */
	const char *name;
};

static const char *const kmalloc_names[NR_KMALLOC_CACHES] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
};

static struct kmem_cache kmalloc_caches[NR_KMALLOC_CACHES];

_Static_assert(KMALLOC_MAX_SIZE == PAGE_SIZE << MAX_ORDER, "KMALLOC_SHIFT_MAX assumes 4 KiB pages");

/* Called once before the first kmalloc(), after memblock_free_all(). */
void kmalloc_init(void)
{
	unsigned int i;

	for (i = 0; i < NR_KMALLOC_CACHES; i++) {
		struct kmem_cache *s = &kmalloc_caches[i];

		spin_lock_init(&s->lock);
		s->size = 1U << (i + KMALLOC_SHIFT_LOW);
		s->objects = PAGE_SIZE / s->size;
		s->name = kmalloc_names[i];
		INIT_LIST_HEAD(&s->partial);
	}
}

static struct kmem_cache *kmalloc_slab(size_t size)
{
	unsigned int shift = size <= KMALLOC_MIN_SIZE ? KMALLOC_SHIFT_LOW
						      : 64 - __builtin_clzl(size - 1);

	return &kmalloc_caches[shift - KMALLOC_SHIFT_LOW];
}

/*
 * Free objects are poisoned for the sanitizer, so the free pointer inside
 * one is unpoisoned only for the moment it is read or written.
 */
static void *get_freepointer(void *object)
{
	void *next;

	kasan_unpoison(object, sizeof(void *));
	next = *(void **)object;
	kasan_poison(object, sizeof(void *));
	return next;
}

static void set_freepointer(void *object, void *next)
{
	kasan_unpoison(object, sizeof(void *));
	*(void **)object = next;
	kasan_poison(object, sizeof(void *));
}

/* A fresh page with every object on its free list, not yet on the cache. */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~__GFP_ZERO, 0);
	char *base;
	unsigned int i;

	if (!page)
		return NULL;
	base = page_address(page);
	kasan_poison(base, PAGE_SIZE);
	page->freelist = NULL;
	for (i = s->objects; i-- > 0; ) {
		set_freepointer(base + i * s->size, page->freelist);
		page->freelist = base + i * s->size;
	}
	__SetPageSlab(page);
	page->slab_cache = s;
	page->inuse = 0;
	return page;
}

/* Take an object from the first partial slab; the cache lock is held. */
static void *alloc_from_partial(struct kmem_cache *s)
{
	struct page *page;
	void *object;

	if (list_empty(&s->partial))
		return NULL;
	page = list_first_entry(&s->partial, struct page, lru);
	object = page->freelist;
	page->freelist = get_freepointer(object);
	if (++page->inuse == s->objects)
		list_del_init(&page->lru);
	return object;
}

static void *slab_alloc(struct kmem_cache *s, size_t size, gfp_t gfp)
{
	unsigned long flags;
	struct page *page;
	void *object;

	spin_lock_irqsave(&s->lock, flags);
	object = alloc_from_partial(s);
	spin_unlock_irqrestore(&s->lock, flags);

	if (!object) {
		/* Outside the lock: the page allocator takes its own. */
		page = new_slab(s, gfp);
		if (!page)
			return NULL;
		spin_lock_irqsave(&s->lock, flags);
		list_add(&page->lru, &s->partial);
		object = alloc_from_partial(s);
		spin_unlock_irqrestore(&s->lock, flags);
	}
	kasan_unpoison(object, size);
	if (gfp & __GFP_ZERO)
		memset(object, 0, size);
	return object;
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp, get_order(size));
	void *ptr;

	if (!page)
		return NULL;
	__SetPageLargeKmalloc(page);
	ptr = page_address(page);
	/* Only @size bytes are the caller's, whatever the block holds. */
	kasan_poison(ptr, PAGE_SIZE << page->order);
	kasan_unpoison(ptr, size);
	return ptr;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	return slab_alloc(kmalloc_slab(size), size, gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

static void slab_free(struct page *page, void *object)
{
	struct kmem_cache *s = page->slab_cache;
	unsigned long offset = (char *)object - (char *)page_address(page);
	bool empty = false;
	unsigned long flags;

	if (WARN(offset % s->size, "kfree: %p is inside a %s object\n",
		 object, s->name))
		return;

	spin_lock_irqsave(&s->lock, flags);
	/* The cheap half of a double-free check: the object freed last. */
	if (page->inuse == 0 || page->freelist == object) {
		spin_unlock_irqrestore(&s->lock, flags);
		WARN(1, "kfree: double free of %p in %s\n", object, s->name);
		return;
	}
	kasan_poison(object, s->size);
	set_freepointer(object, page->freelist);
	page->freelist = object;
	if (page->inuse-- == s->objects)
		list_add(&page->lru, &s->partial);	/* was full, now partial */
	if (page->inuse == 0) {
		list_del_init(&page->lru);
		__ClearPageSlab(page);
		empty = true;
	}
	spin_unlock_irqrestore(&s->lock, flags);

	if (empty)
		__free_pages(page, 0);
}

void kfree(const void *ptr)
{
	void *object = (void *)ptr;
	struct page *page;

	if (ZERO_OR_NULL_PTR(ptr))
		return;
	if (WARN(!virt_addr_valid(object), "kfree: %p is not kernel memory\n", ptr))
		return;
	page = virt_to_page(object);
	if (PageSlab(page)) {
		slab_free(page, object);
		return;
	}
	if (WARN(!PageLargeKmalloc(page) || object != page_address(page),
		 "kfree: %p was not allocated by kmalloc\n", ptr))
		return;
	__ClearPageLargeKmalloc(page);
	__free_pages(page, page->order);
}

size_t ksize(const void *ptr)
{
	struct page *page;
	size_t size;

	if (ZERO_OR_NULL_PTR(ptr))
		return 0;
	page = virt_to_page(ptr);
	if (PageSlab(page))
		size = page->slab_cache->size;
	else if (PageLargeKmalloc(page))
		size = PAGE_SIZE << page->order;
	else
		return 0;
	/* The caller may now use all of it. */
	kasan_unpoison(ptr, size);
	return size;
}
