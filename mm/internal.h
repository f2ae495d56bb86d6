/* SPDX-License-Identifier: MIT */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

/* Interfaces between the files of mm/ that nothing outside mm/ may use. */
#include <linux/mm.h>

/*
 * Hand a naturally aligned block that has been PG_reserved since
 * free_area_init() to the buddy allocator for the first time.
 */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);

#endif
