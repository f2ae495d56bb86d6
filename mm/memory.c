// SPDX-License-Identifier: MIT
/*
 * User page tables and page faults. A page is mapped on first touch
 * (demand-zero), writable only if its VMA is. fork() shares every page
 * read-only and counts the sharers in struct page's _refcount; a write
 * fault then copies the page — unless the faulting process is its last
 * user, which simply gets it writable again (copy-on-write).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/page_64.h>

#define USER_PGD_PTRS	256	/* PGD entries of the lower (user) half */
#define PTE_USER_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

unsigned long user_pages_allocated;	/* for /proc/meminfo-style accounting */

static void get_page(struct page *page)
{
	page->_refcount++;
}

static void put_user_page(struct page *page)
{
	if (--page->_refcount == 0) {
		__free_pages(page, 0);
		user_pages_allocated--;
	}
}

/* A fresh user page; zeroed unless the caller fills all of it. */
static struct page *alloc_user_page(bool zero)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);

	if (page) {
		if (zero)
			clear_page(page_address(page));
		page->_refcount = 1;
		user_pages_allocated++;
	}
	return page;
}

static unsigned int idx(unsigned long addr, int shift)
{
	return (addr >> shift) & (PTRS_PER_TABLE - 1);
}

static pteval_t *next_table(struct mm_struct *mm, pteval_t *entry, bool create)
{
	if (!(*entry & _PAGE_PRESENT)) {
		unsigned long t;

		if (!create)
			return NULL;
		t = get_zeroed_page(GFP_KERNEL | __GFP_NOWARN);
		if (!t)
			return NULL;
		*entry = __pa(t) | PTE_USER_TABLE;
		mm->pgtables_bytes += PAGE_SIZE;
	}
	return __va(*entry & PTE_PFN_MASK);
}

/* The PTE for a user address, creating the tables on the way if asked. */
pteval_t *user_pte(struct mm_struct *mm, unsigned long addr, bool create)
{
	pteval_t *pud, *pmd, *pt;

	pud = next_table(mm, &mm->pgd[idx(addr, PGDIR_SHIFT)], create);
	if (!pud)
		return NULL;
	pmd = next_table(mm, &pud[idx(addr, PUD_SHIFT)], create);
	if (!pmd)
		return NULL;
	pt = next_table(mm, &pmd[idx(addr, PMD_SHIFT)], create);
	if (!pt)
		return NULL;
	return &pt[idx(addr, PAGE_SHIFT)];
}

static pteval_t vma_prot(const struct vm_area_struct *vma)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (vma->vm_flags & VM_WRITE)
		prot |= _PAGE_RW | _PAGE_DIRTY;
	if (!(vma->vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

static struct page *pte_page(pteval_t pte)
{
	return virt_to_page(__va(pte & PTE_PFN_MASK));
}

static void flush_user_tlb(struct mm_struct *mm, unsigned long addr)
{
	if (current->mm == mm)
		__flush_tlb_one(addr);
}

/* A write to a present, read-only, COW-shared page. */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long addr, pteval_t *pte)
{
	struct page *old = pte_page(*pte), *new;

	if (old->_refcount == 1) {
		/* The last sharer: no copy needed. */
		*pte |= _PAGE_RW | _PAGE_DIRTY;
		flush_user_tlb(mm, addr);
		return 0;
	}
	new = alloc_user_page(false);
	if (!new)
		return -ENOMEM;
	copy_page(page_address(new), page_address(old));
	*pte = page_to_phys(new) | vma_prot(vma);
	put_user_page(old);
	flush_user_tlb(mm, addr);
	return 0;
}

/*
 * Resolve a fault at addr in vma; 0, or -ENOMEM, or -EFAULT for an
 * access the VMA does not allow (the caller's SEGV_ACCERR).
 */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long addr, bool write, bool exec)
{
	pteval_t *pte;
	struct page *page;

	if ((write && !(vma->vm_flags & VM_WRITE)) ||
	    (exec && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EFAULT;
	addr &= PAGE_MASK;
	pte = user_pte(mm, addr, true);
	if (!pte)
		return -ENOMEM;
	if (*pte & _PAGE_PRESENT) {
		if (write && !(*pte & _PAGE_RW))
			return do_wp_page(mm, vma, addr, pte);
		return 0;	/* another path mapped it meanwhile */
	}
	page = alloc_user_page(true);
	if (!page)
		return -ENOMEM;
	*pte = page_to_phys(page) | vma_prot(vma);
	mm->rss_stat[MM_ANONPAGES]++;
	return 0;
}

/* Unmap [start, end) and drop the pages. */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pteval_t *pte = user_pte(mm, addr, false);

		if (!pte) {
			/* Skip the rest of an absent page table quickly. */
			addr = ALIGN_DOWN(addr, 1UL << PMD_SHIFT) + (1UL << PMD_SHIFT) - PAGE_SIZE;
			continue;
		}
		if (*pte & _PAGE_PRESENT) {
			put_user_page(pte_page(*pte));
			mm->rss_stat[MM_ANONPAGES]--;
			*pte = 0;
			flush_user_tlb(mm, addr);
		}
	}
}

/* Re-apply a VMA's permissions to its present pages (mprotect). */
void change_protection(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pteval_t *pte = user_pte(mm, addr, false);
		bool cow;

		if (!pte || !(*pte & _PAGE_PRESENT))
			continue;
		/* A shared page stays read-only until its COW fault. */
		cow = pte_page(*pte)->_refcount > 1;
		*pte = (*pte & PTE_PFN_MASK) | vma_prot(vma);
		if (cow)
			*pte &= ~_PAGE_RW;
		flush_user_tlb(mm, addr);
	}
}

/* fork(): share every present page of vma read-only between the two mms. */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pteval_t *spte = user_pte(src, addr, false), *dpte;

		if (!spte || !(*spte & _PAGE_PRESENT))
			continue;
		dpte = user_pte(dst, addr, true);
		if (!dpte)
			return -ENOMEM;
		*spte &= ~_PAGE_RW;
		*dpte = *spte;
		get_page(pte_page(*spte));
		dst->rss_stat[MM_ANONPAGES]++;
	}
	return 0;
}

static void free_table_level(pteval_t *table, int level)
{
	int i;

	for (i = 0; i < PTRS_PER_TABLE; i++)
		if ((table[i] & _PAGE_PRESENT) && level > 1)
			free_table_level(__va(table[i] & PTE_PFN_MASK), level - 1);
	free_page((unsigned long)table);
}

/* The user half's page tables (the pages are already gone). */
void free_pgtables(struct mm_struct *mm)
{
	int i;

	for (i = 0; i < USER_PGD_PTRS; i++) {
		if (mm->pgd[i] & _PAGE_PRESENT)
			free_table_level(__va(mm->pgd[i] & PTE_PFN_MASK), 3);
		mm->pgd[i] = 0;
	}
	mm->pgtables_bytes = 0;
}

/* A new top level: empty user half, the kernel half of init_top_pgt. */
pteval_t *pgd_alloc(void)
{
	pteval_t *pgd = (pteval_t *)get_zeroed_page(GFP_KERNEL | __GFP_NOWARN);

	if (pgd)
		memcpy(pgd + USER_PGD_PTRS, init_top_pgt + USER_PGD_PTRS,
		       USER_PGD_PTRS * sizeof(pteval_t));
	return pgd;
}
