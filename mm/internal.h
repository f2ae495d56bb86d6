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

/* mm/shmem.c: MAP_SHARED anonymous memory's object */
int shmem_zero_setup(struct vm_area_struct *vma);

/* mm/memory.c */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
int force_cow_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long addr, bool write, bool exec);
int populate_vma_page_range(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end);
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len);

/*
 * mm/memory.c: page-cache pages are page frames with a reference held by
 * the cache (mm/filemap.c calls these under the inode's i_lock).
 */
struct address_space;
void *page_cache_alloc(struct address_space *mapping, unsigned long index);
void page_cache_get(void *kaddr);
void page_cache_release(void *kaddr);
void unmap_mapping_range(struct address_space *mapping, unsigned long first);

/* mm/mmap.c: a VMA's file and its i_mmap link */
struct vm_area_struct *vma_dup(struct vm_area_struct *vma, unsigned long start,
			       unsigned long end);
void vma_free(struct vm_area_struct *vma);
struct vm_area_struct *vma_split_range(struct mm_struct *mm, struct vm_area_struct *vma,
				       unsigned long start, unsigned long end);
void vma_set_flags(struct vm_area_struct *vma, unsigned long flags);
void vma_set_file(struct vm_area_struct *vma, struct file *file, unsigned long pgoff);

#endif
