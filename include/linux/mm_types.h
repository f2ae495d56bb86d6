/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

/*
 * A process's address space: its page tables (the kernel half shared by
 * all), and its virtual memory areas, each a range with one set of
 * permissions, sorted by address.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <asm/pgtable.h>

#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_GROWSDOWN	0x00000100	/* the stack: may extend downwards */

#define STACK_TOP		0x00007ffffffff000UL
#define STACK_RLIMIT		(8UL << 20)	/* 8 MiB, as the default ulimit -s */
#define TASK_UNMAPPED_BASE	0x00002aaaaaaab000UL	/* mmap() searches from here */

extern unsigned long mmap_min_addr;	/* mmap() never maps below it */

struct vm_area_struct {
	unsigned long vm_start, vm_end;	/* [start, end) */
	unsigned long vm_flags;
	struct list_head vm_list;	/* sorted by vm_start */
};

/* Per-mm page counts, Linux's names and order (get_mm_counter()). */
enum {
	MM_FILEPAGES,		/* file-backed pages: none yet */
	MM_ANONPAGES,		/* anonymous pages mapped */
	MM_SWAPENTS,		/* no swap */
	MM_SHMEMPAGES,		/* no shmem */
	NR_MM_COUNTERS
};

struct mm_struct {
	pteval_t *pgd;
	struct list_head mmap;		/* the VMAs */
	int users;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long mmap_base;
	unsigned long total_vm;		/* pages of VMAs */
	unsigned long rss_stat[NR_MM_COUNTERS];
	unsigned long pgtables_bytes;	/* the user half's PUD, PMD and PTE tables */
};

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	return READ_ONCE(mm->rss_stat[member]);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

static inline unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	return READ_ONCE(mm->pgtables_bytes);
}

struct mm_struct *mm_alloc(void);
struct mm_struct *dup_mm(struct mm_struct *old);
void mmput(struct mm_struct *mm);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags, bool fixed);
int do_user_addr_fault(struct mm_struct *mm, unsigned long addr, bool write, bool exec);
pteval_t *user_pte(struct mm_struct *mm, unsigned long addr, bool create);

#endif
