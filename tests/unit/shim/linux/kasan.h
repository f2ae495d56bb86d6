/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KASAN_H
#define _LINUX_KASAN_H

/*
 * Host version of the allocators' poisoning hooks: AddressSanitizer's
 * manual poisoning, so a test touching bytes kmalloc() did not hand out,
 * or a page after it was freed, stops with an ASan report.
 */
#include <stddef.h>
#include <sanitizer/asan_interface.h>

static inline void kasan_poison(const void *addr, size_t size)
{
	ASAN_POISON_MEMORY_REGION(addr, size);
}

static inline void kasan_unpoison(const void *addr, size_t size)
{
	ASAN_UNPOISON_MEMORY_REGION(addr, size);
}

#endif
