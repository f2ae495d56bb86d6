// SPDX-License-Identifier: MIT
/*
 * Changing the protection of kernel pages (Linux's change_page_attr, "cpa").
 * Memory in the kernel image is reached through two mappings: the image at
 * __START_KERNEL_map and the direct map at PAGE_OFFSET. A protection that
 * holds on one alias only protects nothing, so every change is made to both,
 * as Linux's cpa_process_alias() does. The direct map is never made
 * executable. A page inside a large (2 MiB or 1 GiB) mapping is changed
 * by splitting that mapping first (split_large_page()), its other pages
 * keeping what they had; reflex's own direct map is in 4 KiB pages
 * (arch/x86/mm/init_64.c says why), so this is for other large mappings.
 *
 * The tables are changed under init_mm.page_table_lock; once a whole
 * request is done, its pages (and their aliases) are flushed on every
 * CPU with flush_tlb_kernel_range(): any CPU may cache kernel mappings.
 */
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>

extern char _text[], _end[];

static unsigned int table_index(unsigned long va, int shift)
{
	return (va >> shift) & (PTRS_PER_TABLE - 1);
}

pteval_t *lookup_address(unsigned long addr, enum pg_level *level)
{
	static const int shifts[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	pteval_t *table = __va(read_cr3() & PTE_PFN_MASK);
	int i;

	for (i = 0; i < 4; i++) {
		pteval_t *e = &table[table_index(addr, shifts[i])];

		*level = PG_LEVEL_512G - i;
		if (!(*e & _PAGE_PRESENT))
			return i == 3 ? e : NULL;
		if (i == 3 || (*e & _PAGE_PSE))
			return e;
		table = __va(*e & PTE_PFN_MASK);
	}
	return NULL;
}

/*
 * Replace the large page *entry (2 MiB or 1 GiB) by a table one level
 * down mapping the same memory with the same protections. The old and
 * the new translations agree everywhere, so a stale TLB entry for the
 * large page is harmless until the caller changes a page and flushes it.
 */
static int split_large_page(pteval_t *entry, enum pg_level level)
{
	unsigned long step = level == PG_LEVEL_1G ? PMD_SIZE : PAGE_SIZE;
	pteval_t prot = *entry & ~PTE_PFN_MASK;
	phys_addr_t base = *entry & PTE_PFN_MASK;
	pteval_t *table = alloc_pgtable_page();
	unsigned int i;

	if (!table)
		return -ENOMEM;
	if (level == PG_LEVEL_2M)
		prot &= ~_PAGE_PSE;	/* in a PTE, bit 7 is PAT */
	for (i = 0; i < PTRS_PER_TABLE; i++)
		table[i] = (base + i * step) | prot;
	*entry = __pa(table) | _KERNPG_TABLE;
	return 0;
}

/*
 * Change one 4 KiB page of one mapping, splitting a large page around it;
 * init_mm.page_table_lock held. The caller flushes the TLBs.
 */
static int __change_page_attr(unsigned long addr, pteval_t set, pteval_t clear)
{
	enum pg_level level;
	pteval_t *pte;

	lockdep_assert_held(&init_mm.page_table_lock);
	pte = lookup_address(addr, &level);

	while (pte && level > PG_LEVEL_4K) {
		if (!(*pte & _PAGE_PRESENT))
			return -EINVAL;
		if (((*pte & ~clear) | set) == *pte)
			return 0;	/* the large page already has it */
		if (split_large_page(pte, level))
			return -ENOMEM;
		pte = lookup_address(addr, &level);
	}
	if (!pte)
		return -EINVAL;
	WRITE_ONCE(*pte, (*pte & ~clear) | set);
	return 0;
}

static bool in_direct_map(unsigned long addr)
{
	return addr >= PAGE_OFFSET && addr < IOREMAP_BASE;
}

/* The other mapping of addr's page: image <-> direct map; 0 if none. */
static unsigned long cpa_alias(unsigned long addr)
{
	if (addr >= (unsigned long)_text && addr < (unsigned long)_end)
		return (unsigned long)__va(__pa_symbol(addr));
	if (in_direct_map(addr) && __pa(addr) >= __pa_symbol(_text) &&
	    __pa(addr) < __pa_symbol(_end))
		return __pa(addr) + __START_KERNEL_map;
	return 0;
}

/* Change one mapping of a page; the direct map is never made executable. */
static int cpa_one_mapping(unsigned long addr, pteval_t set, pteval_t clear)
{
	if (in_direct_map(addr)) {
		set |= _PAGE_NX;
		clear &= ~_PAGE_NX;
	}
	return __change_page_attr(addr, set, clear);
}

/* The pages changed, [start, end), and the span of their aliases. */
struct cpa_range {
	unsigned long start, end;
	unsigned long alias_start, alias_end;	/* alias_end 0: no alias */
};

static void cpa_note_alias(struct cpa_range *r, unsigned long alias)
{
	if (!r->alias_end || alias < r->alias_start)
		r->alias_start = alias;
	if (alias + PAGE_SIZE > r->alias_end)
		r->alias_end = alias + PAGE_SIZE;
}

static int change_page_attr(unsigned long addr, int numpages, pteval_t set,
			    pteval_t clear)
{
	struct cpa_range r = { .start = addr, .end = addr };
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&init_mm.page_table_lock, flags);
	for (; numpages > 0; numpages--, addr += PAGE_SIZE) {
		unsigned long alias = cpa_alias(addr);

		err = cpa_one_mapping(addr, set, clear);
		if (err)
			break;
		r.end = addr + PAGE_SIZE;
		if (alias) {
			err = cpa_one_mapping(alias, set, clear);
			cpa_note_alias(&r, alias);
			if (err)
				break;
		}
	}
	spin_unlock_irqrestore(&init_mm.page_table_lock, flags);
	/* Whatever changed before an error is flushed too. */
	if (r.end > r.start)
		flush_tlb_kernel_range(r.start, r.end);
	if (r.alias_end)
		flush_tlb_kernel_range(r.alias_start, r.alias_end);
	return err;
}

int set_memory_ro(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, 0, _PAGE_RW);
}

int set_memory_rw(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, _PAGE_RW, 0);
}

int set_memory_np(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, 0, _PAGE_PRESENT);
}

int set_memory_p(unsigned long addr, int numpages)
{
	return change_page_attr(addr, numpages, _PAGE_PRESENT, 0);
}
