/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KASAN_H
#define _LINUX_KASAN_H

/*
 * Hooks through which the allocators say which bytes a caller may touch.
 * The kernel has no shadow memory, so here they cost nothing; the host
 * unit tests replace this header with one that drives AddressSanitizer,
 * which is how an overrun of a kmalloc() buffer or a use of a freed page
 * fails a test instead of silently scribbling on a neighbour.
 */
#include <linux/types.h>

static inline void kasan_poison(const void *addr, size_t size) { }
static inline void kasan_unpoison(const void *addr, size_t size) { }

#endif
