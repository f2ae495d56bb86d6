// SPDX-License-Identifier: MIT
/*
 * User page tables and page faults. A page is mapped on first touch
 * (demand-zero), writable only if its VMA is. fork() shares every page
 * read-only and counts the sharers in struct page's _refcount; a write
 * fault then copies the page — unless the faulting process is its last
 * user, which simply gets it writable again (copy-on-write). A MAP_SHARED
 * page (VM_SHARED) is shared writable instead, with no copy. mremap()
 * moves PTEs, never pages, so a page keeps its sharers. A file mapping
 * (vma->vm_file) faults in the file's page-cache pages (mm/filemap.c):
 * MAP_SHARED maps them as they are, MAP_PRIVATE maps them read-only and
 * a write copies the page into an anonymous one; the cache's own
 * reference keeps such a page from ever looking like its last sharer's.
 * Past the end of the file a fault is SIGBUS, and a truncation takes the
 * pages it cuts out of every mapping (unmap_mapping_range). The vDSO's
 * pages, which the kernel keeps a reference to, are mapped at once
 * (vm_insert_page).
 *
 * Everything here runs under the mm's mmap_lock; struct page's _refcount
 * is atomic since the sharers of a page may be different mms on
 * different CPUs. A PTE that loses its page or a permission is flushed
 * from every CPU that may cache it (flush_tlb_*(), arch/x86/mm/tlb.c)
 * before the page can be freed or the syscall returns.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/page_64.h>
#include <asm/tlbflush.h>
#include "internal.h"

#define USER_PGD_PTRS	256	/* PGD entries of the lower (user) half */
#define PTE_USER_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)

unsigned long user_pages_allocated;	/* for /proc/meminfo-style accounting */

static void get_page(struct page *page)
{
	__atomic_add_fetch(&page->_refcount, 1, __ATOMIC_RELAXED);
}

static int page_count(struct page *page)
{
	return __atomic_load_n(&page->_refcount, __ATOMIC_RELAXED);
}

static void put_user_page(struct page *page)
{
	if (__atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		__free_pages(page, 0);
		__atomic_sub_fetch(&user_pages_allocated, 1, __ATOMIC_RELAXED);
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
		page->mapping = NULL;
		__atomic_add_fetch(&user_pages_allocated, 1, __ATOMIC_RELAXED);
	}
	return page;
}

/* A page-cache page of mapping at index, zeroed, the cache's reference held. */
void *page_cache_alloc(struct address_space *mapping, unsigned long index)
{
	struct page *page = alloc_user_page(true);

	if (!page)
		return NULL;
	page->mapping = mapping;
	page->index = index;
	return page_address(page);
}

void page_cache_get(void *kaddr)
{
	get_page(virt_to_page(kaddr));
}

/* The cache lets the page go; mappings still holding it are anonymous-like. */
void page_cache_release(void *kaddr)
{
	struct page *page = virt_to_page(kaddr);

	page->mapping = NULL;
	put_user_page(page);
}

/* The rss counter a mapped page counts in (Linux's mm_counter()). */
static int mm_counter(struct page *page)
{
	if (!page->mapping)
		return MM_ANONPAGES;
	return mapping_shmem(page->mapping) ? MM_SHMEMPAGES : MM_FILEPAGES;
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

/*
 * A user PTE maps its page when present, or keeps it while PROT_NONE:
 * not present for the CPU, so every access faults, but the frame stays
 * for when mprotect() gives access back (Linux's _PAGE_PROTNONE).
 */
static bool pte_present(pteval_t pte)
{
	return pte & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static pteval_t vma_prot(const struct vm_area_struct *vma)
{
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROTNONE | _PAGE_ACCESSED | _PAGE_NX;
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

/*
 * A write to a present, read-only, COW-shared page. Making the PTE
 * writable needs no flush: the fault dropped this CPU's entry (SDM
 * 4.10.4.1), and a stale read-only entry on another CPU only faults again
 * and finds the PTE writable. Replacing the page does: a CPU still
 * reading the old page through its entry must lose it before the old
 * page can be freed by its last sharer.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long addr, pteval_t *pte)
{
	struct page *old = pte_page(*pte), *new;

	/* A shared mapping writes the page itself; so does its last private sharer. */
	if ((vma->vm_flags & VM_SHARED) || page_count(old) == 1) {
		WRITE_ONCE(*pte, *pte | _PAGE_RW | _PAGE_DIRTY);
		return 0;
	}
	new = alloc_user_page(false);
	if (!new)
		return -ENOMEM;
	copy_page(page_address(new), page_address(old));
	WRITE_ONCE(*pte, page_to_phys(new) | vma_prot(vma));
	flush_tlb_page(mm, addr);
	dec_mm_counter(mm, mm_counter(old));
	inc_mm_counter(mm, MM_ANONPAGES);
	put_user_page(old);
	return 0;
}

/*
 * A file mapping's page, not present yet: the cache's page, shared
 * writable (MAP_SHARED) or read-only (MAP_PRIVATE), or for a private
 * write at once the copy the write would make.
 */
static int do_file_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long addr, pteval_t *pte, bool write)
{
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	void *kaddr = filemap_fault_page(file_inode(vma->vm_file), pgoff);
	struct page *page, *new;
	pteval_t prot = vma_prot(vma);

	if (IS_ERR(kaddr))
		return PTR_ERR(kaddr) == -EIO ? -EIO : -ENOMEM;
	page = virt_to_page(kaddr);
	if (write && !(vma->vm_flags & VM_SHARED)) {
		new = alloc_user_page(false);
		if (!new) {
			put_user_page(page);
			return -ENOMEM;
		}
		copy_page(page_address(new), kaddr);
		put_user_page(page);
		WRITE_ONCE(*pte, page_to_phys(new) | prot);
		inc_mm_counter(mm, MM_ANONPAGES);
		return 0;
	}
	if (!(vma->vm_flags & VM_SHARED))
		prot &= ~(pteval_t)(_PAGE_RW | _PAGE_DIRTY);
	WRITE_ONCE(*pte, page_to_phys(page) | prot);
	inc_mm_counter(mm, mm_counter(page));
	return 0;
}

/**
 * force_cow_page - make a present page at @addr @mm's own, for a forced write
 * @mm: the address space, its mmap_lock held
 * @vma: a private mapping @mm may not write (text, say)
 * @addr: a present page in it
 *
 * A debugger's write (ptrace's FOLL_FORCE) must not reach the other
 * sharers of the page, the file's or another process's: it is copied,
 * as a write fault would copy it, but stays read-only to its owner.
 *
 * Return: 0, -EFAULT (nothing there) or -ENOMEM.
 */
int force_cow_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	pteval_t *pte = user_pte(mm, addr, false);
	struct page *old, *new;

	if (!pte || !pte_present(*pte))
		return -EFAULT;
	old = pte_page(*pte);
	if (page_count(old) == 1)
		return 0;
	new = alloc_user_page(false);
	if (!new)
		return -ENOMEM;
	copy_page(page_address(new), page_address(old));
	WRITE_ONCE(*pte, page_to_phys(new) | (*pte & ~PTE_PFN_MASK));
	flush_tlb_page(mm, addr & PAGE_MASK);
	dec_mm_counter(mm, mm_counter(old));
	inc_mm_counter(mm, MM_ANONPAGES);
	put_user_page(old);
	return 0;
}

/*
 * Resolve a fault at addr in vma; 0, or -ENOMEM, or -EFAULT for an
 * access the VMA does not allow (the caller's SEGV_ACCERR), or -EIO for
 * a file page past the end of the file (SIGBUS).
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
	if (pte_present(*pte)) {
		if (write && !(*pte & _PAGE_RW))
			return do_wp_page(mm, vma, addr, pte);
		return 0;	/* another path mapped it meanwhile */
	}
	if (vma->vm_file)
		return do_file_fault(mm, vma, addr, pte, write);
	page = alloc_user_page(true);
	if (!page)
		return -ENOMEM;
	WRITE_ONCE(*pte, page_to_phys(page) | vma_prot(vma));
	inc_mm_counter(mm, MM_ANONPAGES);
	return 0;
}

/*
 * Pages unmapped but not yet flushed (Linux's mmu_gather, reduced): they
 * are freed only after the TLBs of every CPU running the mm have let go
 * of [start, end), so no CPU can reach a page after its next owner has it.
 */
#define MMU_GATHER_BUNDLE	64

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;	/* the unmapped range so far */
	unsigned int nr;
	struct page *pages[MMU_GATHER_BUNDLE];
};

static void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->start = ~0UL;
	tlb->end = 0;
	tlb->nr = 0;
}

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	unsigned int i;

	if (tlb->end)
		flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end, PAGE_SHIFT, false);
	for (i = 0; i < tlb->nr; i++)
		put_user_page(tlb->pages[i]);
	tlb_gather_mmu(tlb, tlb->mm);
}

static void tlb_remove_page(struct mmu_gather *tlb, unsigned long addr, struct page *page)
{
	tlb->start = min(tlb->start, addr);
	tlb->end = max(tlb->end, addr + PAGE_SIZE);
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == MMU_GATHER_BUNDLE)
		tlb_flush_mmu(tlb);
}

/*
 * Fault in every page of [start, end) in vma now (MAP_POPULATE, mlock):
 * for writing where a write would copy (a private writable mapping), so
 * no later write faults. A VMA with no access gets nothing. 0, -ENOMEM,
 * or -EIO for a file page past the end of the file.
 */
int populate_vma_page_range(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end)
{
	bool write = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
	unsigned long addr;
	int err;

	if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return 0;
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		err = handle_mm_fault(mm, vma, addr, write, false);
		if (err)
			return err;
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/**
 * vm_insert_page - map a page the caller owns into vma at addr
 * @mm: the address space
 * @vma: the VMA covering addr, whose permissions the PTE takes
 * @addr: a page-aligned user address with nothing mapped yet
 * @page: a page with a reference the caller keeps (the vDSO's)
 *
 * The mapping takes a reference of its own and counts as any other
 * page, so unmapping and fork() need nothing special; a write to it
 * (after mprotect) copies it, since the caller's reference keeps it
 * shared. Return: 0 or -ENOMEM.
 */
int vm_insert_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		   struct page *page)
{
	pteval_t *pte = user_pte(mm, addr, true);

	if (!pte)
		return -ENOMEM;
	get_page(page);
	WRITE_ONCE(*pte, page_to_phys(page) | (vma_prot(vma) & ~_PAGE_RW));
	inc_mm_counter(mm, MM_ANONPAGES);
	return 0;
}

/* Unmap [start, end) and drop the pages. */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;
	unsigned long addr;

	tlb_gather_mmu(&tlb, mm);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pteval_t *pte = user_pte(mm, addr, false);

		if (!pte) {
			/* Skip the rest of an absent page table quickly. */
			addr = ALIGN_DOWN(addr, 1UL << PMD_SHIFT) + (1UL << PMD_SHIFT) - PAGE_SIZE;
			continue;
		}
		if (pte_present(*pte)) {
			struct page *page = pte_page(*pte);

			WRITE_ONCE(*pte, 0);
			dec_mm_counter(mm, mm_counter(page));
			tlb_remove_page(&tlb, addr, page);
		}
	}
	tlb_flush_mmu(&tlb);
}

/* Re-apply a VMA's permissions to its present pages (mprotect). */
void change_protection(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end)
{
	unsigned long addr, first = ~0UL, last = 0;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pteval_t *pte = user_pte(mm, addr, false), val;

		if (!pte || !pte_present(*pte))
			continue;
		val = (*pte & PTE_PFN_MASK) | vma_prot(vma);
		/* A COW-shared page stays read-only until its COW fault. */
		if (!(vma->vm_flags & VM_SHARED) && page_count(pte_page(*pte)) > 1)
			val &= ~_PAGE_RW;
		WRITE_ONCE(*pte, val);
		first = min(first, addr);
		last = addr + PAGE_SIZE;
	}
	/* mprotect() returns only once no CPU can use the old permissions. */
	if (last)
		flush_tlb_range(mm, first, last);
}

/*
 * fork(): share every present page of vma between the two mms, read-only
 * (copy-on-write) unless the VMA is MAP_SHARED. A page-cache page is left
 * for the child to fault in again, as Linux leaves it: the child then
 * meets the file as it is by then (a truncation racing with the fork
 * cannot leave it a page past the end). The caller flushes src.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pteval_t *spte = user_pte(src, addr, false), *dpte;

		if (!spte || !pte_present(*spte) || pte_page(*spte)->mapping)
			continue;
		dpte = user_pte(dst, addr, true);
		if (!dpte)
			return -ENOMEM;
		if (!(vma->vm_flags & VM_SHARED))
			WRITE_ONCE(*spte, *spte & ~_PAGE_RW);
		*dpte = *spte;
		get_page(pte_page(*spte));
		inc_mm_counter(dst, mm_counter(pte_page(*spte)));
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

/*
 * The user half's page tables (the pages are already gone). Only for an mm
 * no CPU can load any more: mmput() has sent lazy CPUs away first.
 */
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

/* The offset of the last page before the next page table, from base. */
static unsigned long next_table_off(unsigned long base, unsigned long off)
{
	return ALIGN_DOWN(base + off, 1UL << PMD_SHIFT) + (1UL << PMD_SHIFT) - PAGE_SIZE - base;
}

/*
 * mremap(): carry the PTEs of [old_addr, old_addr + len) to new_addr, the
 * pages themselves untouched, so contents, sharing and COW state go with
 * them. Every table the destination needs is made first: a failure
 * (-ENOMEM) then leaves both ranges as they were. The ranges do not
 * overlap. The old range is flushed from every CPU before returning.
 */
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len)
{
	unsigned long off;
	bool moved = false;

	for (off = 0; off < len; off += PAGE_SIZE) {
		pteval_t *pte = user_pte(mm, old_addr + off, false);

		if (!pte)
			off = next_table_off(old_addr, off);
		else if (pte_present(*pte) && !user_pte(mm, new_addr + off, true))
			return -ENOMEM;
	}
	for (off = 0; off < len; off += PAGE_SIZE) {
		pteval_t *pte = user_pte(mm, old_addr + off, false);

		if (!pte)
			off = next_table_off(old_addr, off);
		if (!pte || !pte_present(*pte))
			continue;
		WRITE_ONCE(*user_pte(mm, new_addr + off, false), *pte);
		WRITE_ONCE(*pte, 0);
		moved = true;
	}
	if (moved)
		flush_tlb_range(mm, old_addr, old_addr + len);
	return 0;
}

/* The mms that map mapping, each grabbed; *nr of them in a kmalloc'd array. */
static struct mm_struct **mapping_mms(struct address_space *mapping, unsigned int *nr)
{
	struct vm_area_struct *vma;
	struct mm_struct **mms;
	unsigned int n = 0, max = 0, i;

	for (;;) {
		spin_lock(&mapping->i_mmap_lock);
		list_for_each_entry(vma, &mapping->i_mmap, shared)
			max++;
		spin_unlock(&mapping->i_mmap_lock);
		mms = kmalloc((max ?: 1) * sizeof(*mms), GFP_KERNEL);
		if (!mms)
			return NULL;
		spin_lock(&mapping->i_mmap_lock);
		list_for_each_entry(vma, &mapping->i_mmap, shared) {
			for (i = 0; i < n && mms[i] != vma->vm_mm; i++)
				;
			if (i < n)
				continue;
			if (n == max)
				break;		/* more mappings came: count again */
			mmgrab(vma->vm_mm);
			mms[n++] = vma->vm_mm;
		}
		if (&vma->shared == &mapping->i_mmap) {
			spin_unlock(&mapping->i_mmap_lock);
			*nr = n;
			return mms;
		}
		spin_unlock(&mapping->i_mmap_lock);
		while (n)
			mmdrop(mms[--n]);
		kfree(mms);
		max = 0;
	}
}

/* mm's mappings of mapping lose their pages from index first on. */
static void unmap_mapping_mm(struct mm_struct *mm, struct address_space *mapping,
			     unsigned long first)
{
	struct vm_area_struct *vma;

	mmap_write_lock(mm);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT, start;

		if (!vma->vm_file || file_inode(vma->vm_file)->i_mapping != mapping ||
		    vma->vm_pgoff + pages <= first)
			continue;
		start = vma->vm_start;
		if (first > vma->vm_pgoff)
			start += (first - vma->vm_pgoff) << PAGE_SHIFT;
		zap_page_range(mm, start, vma->vm_end);
	}
	mmap_write_unlock(mm);
}

/**
 * unmap_mapping_range - take a file's pages from index @first on out of every mapping
 * @mapping: the file's page cache
 * @first: the first page index to unmap
 *
 * A truncation's first step, after the new size is set: each mm mapping
 * the file is visited under its own mmap_lock (never two at once, and
 * never with i_mmap_lock held, which mmap() takes inside mmap_lock).
 * Private copies of the pages go too, as on Linux: the file's end is the
 * end of the mapping. Sleeps.
 */
void unmap_mapping_range(struct address_space *mapping, unsigned long first)
{
	struct mm_struct **mms;
	unsigned int nr, i;

	if (list_empty(&mapping->i_mmap))
		return;
	mms = mapping_mms(mapping, &nr);
	if (!mms)
		return;
	for (i = 0; i < nr; i++) {
		unmap_mapping_mm(mms[i], mapping, first);
		mmdrop(mms[i]);
	}
	kfree(mms);
}
