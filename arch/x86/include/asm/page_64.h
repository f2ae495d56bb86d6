/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PAGE_64_H
#define _ASM_X86_PAGE_64_H

#include <asm/page.h>

/*
 * Whole pages move in quadwords: 512 iterations of rep stosq/movsq
 * rather than 4096 of the byte forms (Linux's clear_page_rep/copy_page).
 */
static inline void clear_page(void *page)
{
	unsigned long cnt = PAGE_SIZE / 8;

	asm volatile("rep stosq" : "+D"(page), "+c"(cnt) : "a"(0UL) : "memory");
}

static inline void copy_page(void *to, const void *from)
{
	unsigned long cnt = PAGE_SIZE / 8;

	asm volatile("rep movsq" : "+D"(to), "+S"(from), "+c"(cnt) : : "memory");
}

#endif
