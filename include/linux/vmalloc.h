/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

/*
 * Kernel virtual areas (mm/vmalloc.c): vmap() maps pages the caller owns
 * at fresh contiguous kernel addresses, vunmap() takes the mapping away
 * on every CPU. ioremap() draws from the same space.
 */
#include <linux/types.h>
#include <asm/page.h>
#include <asm/pgtable.h>

struct page;

#define VMALLOC_START	IOREMAP_BASE
#define VMALLOC_SIZE	(1UL << 30)
#define VMALLOC_END	(VMALLOC_START + VMALLOC_SIZE)

#define VM_MAP		0x00000004	/* vmap()ed pages */

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);

/* A free range of @size bytes (page multiple) followed by a guard page. */
unsigned long get_vm_area(unsigned long size);
/* Give back the range at @addr once its mappings are gone; its page count. */
unsigned long free_vm_area(unsigned long addr);
/* Pages in the range at @addr (guard page not counted); 0 if none starts there. */
unsigned long vm_area_pages(unsigned long addr);

#endif
