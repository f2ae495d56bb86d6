/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

#define __GFP_ZERO	0x1u	/* return zeroed memory */
#define __GFP_NOWARN	0x2u	/* no failure report */
#define GFP_KERNEL	0x0u
#define GFP_ATOMIC	0x0u	/* the allocator never sleeps: same as GFP_KERNEL */

#define MAX_ORDER	10	/* largest block: 2^MAX_ORDER pages (4 MiB) */

struct page;

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define __get_free_page(gfp)	__get_free_pages((gfp), 0)
#define free_page(addr)		free_pages((addr), 0)

void *page_address(const struct page *page);
struct page *virt_to_page(const void *addr);
phys_addr_t page_to_phys(const struct page *page);

#endif
