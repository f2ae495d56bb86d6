/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <linux/types.h>
#include <asm/page.h>

/* Paging-structure entry bits (SDM Vol. 3A, Tables 4-15 to 4-20). */
#define _PAGE_PRESENT	(1UL << 0)	/* maps something */
#define _PAGE_RW	(1UL << 1)	/* writable */
#define _PAGE_USER	(1UL << 2)	/* user-mode accessible */
#define _PAGE_PWT	(1UL << 3)	/* write-through */
#define _PAGE_PCD	(1UL << 4)	/* cache disable */
#define _PAGE_ACCESSED	(1UL << 5)	/* set by the CPU on access */
#define _PAGE_DIRTY	(1UL << 6)	/* set by the CPU on write */
#define _PAGE_PSE	(1UL << 7)	/* 2 MiB / 1 GiB page (PMD/PUD level) */
#define _PAGE_GLOBAL	(1UL << 8)	/* survives CR3 reloads */
#define _PAGE_NX	(1UL << 63)	/* no instruction fetch */
/* A user PTE without P: a PROT_NONE page, its frame kept (user PTEs are never global). */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
#define PTE_PFN_MASK	0x000ffffffffff000UL

#define __PAGE_KERNEL_BASE (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL	(__PAGE_KERNEL_BASE | _PAGE_RW | _PAGE_DIRTY | _PAGE_NX)
#define PAGE_KERNEL_RO	(__PAGE_KERNEL_BASE | _PAGE_NX)
#define PAGE_KERNEL_ROX	(__PAGE_KERNEL_BASE)
#define PAGE_KERNEL_IO	(PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_TABLE	(_KERNPG_TABLE | _PAGE_USER)

#define PTRS_PER_TABLE	512
#define PGDIR_SHIFT	39
#define PUD_SHIFT	30
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)

typedef u64 pteval_t;
typedef unsigned long pgprot_t;

enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_2M, PG_LEVEL_1G, PG_LEVEL_512G };

extern pteval_t init_top_pgt[PTRS_PER_TABLE];

void paging_init(void);
/* The paging entry mapping addr and its level; NULL where nothing maps it. */
pteval_t *lookup_address(unsigned long addr, enum pg_level *level);
int kernel_map_pages(pteval_t *pgd, unsigned long va, phys_addr_t pa,
		     unsigned long size, pgprot_t prot, bool large);
pteval_t *alloc_pgtable_page(void);
/* These change the page in every mapping of it (image and direct map). */
int set_memory_ro(unsigned long addr, int numpages);
int set_memory_np(unsigned long addr, int numpages);
int set_memory_rw(unsigned long addr, int numpages);
int set_memory_p(unsigned long addr, int numpages);
void *vmap_stack_alloc(void);
void vmap_stack_free(void *stack);

#endif
