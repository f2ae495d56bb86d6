/* SPDX-License-Identifier: MIT */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

/* Interfaces between the files of mm/ that nothing outside mm/ may use. */
#include <linux/mm.h>
#include <linux/mm_types.h>

/*
 * Hand a naturally aligned block that has been PG_reserved since
 * free_area_init() to the buddy allocator for the first time.
 */
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);

/* mm/mmap.c: the VMA list, under mmap_lock. */
struct vm_area_struct *vma_new(unsigned long start, unsigned long end, unsigned long flags);
void insert_vma(struct mm_struct *mm, struct vm_area_struct *new);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end);
bool range_free(struct mm_struct *mm, unsigned long start, unsigned long end);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long hint, unsigned long len);
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages);

/* mm/memory.c */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
int force_cow_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long addr, bool write, bool exec);
void *vm_map_new_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len);

/* mm/filemap.c */
struct file;
int filemap_map_private(struct mm_struct *mm, struct vm_area_struct *vma, struct file *file,
			loff_t off);

#endif
