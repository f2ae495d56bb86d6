/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>

/*
 * kmalloc(0) returns this rather than NULL, so that "no memory" and "no
 * bytes asked for" stay distinguishable; any access through it faults
 * (page 0 is never mapped), and kfree() accepts it.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_SHIFT_LOW	3	/* smallest cache: 8 bytes */
#define KMALLOC_SHIFT_HIGH	12	/* largest cache: 4096 bytes */
#define KMALLOC_MIN_SIZE	(1UL << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
/* The largest kmalloc() at all: one block of the page allocator (4 MiB). */
#define KMALLOC_SHIFT_MAX	(MAX_ORDER + 12)	/* + PAGE_SHIFT */
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void kfree(const void *ptr);
size_t ksize(const void *ptr);
void kmalloc_init(void);

/* A kmalloc'd copy of s (Linux's is in mm/util.c). */
static inline char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len = __builtin_strlen(s) + 1;
	char *p = kmalloc(len, gfp);

	if (p)
		__builtin_memcpy(p, s, len);
	return p;
}

#endif
