// SPDX-License-Identifier: MIT
/*
 * The kernel's virtual-area allocator and vmap()/vunmap(). One gigabyte
 * at VMALLOC_START is handed out in page units from a bitmap (so it works
 * before kmalloc does: ioremap() at boot uses it), each range followed by
 * an unmapped guard page. vmap_area_lock, taken with interrupts saved,
 * guards the bitmaps. A range goes back to the bitmap only after its
 * mappings are gone from every CPU's TLB (flush_tlb_kernel_range()), so a
 * reuse can never meet a stale entry elsewhere.
 *
 * The page tables are init_mm's (arch/x86/mm/init_64.c builds them under
 * init_mm.page_table_lock); task stacks have their own area there.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>

#define VMALLOC_PAGES	(VMALLOC_SIZE >> PAGE_SHIFT)

static unsigned long vmap_used[VMALLOC_PAGES / BITS_PER_LONG];	/* page taken (guards too) */
static unsigned long vmap_head[VMALLOC_PAGES / BITS_PER_LONG];	/* a range starts here */
static DEFINE_SPINLOCK(vmap_area_lock);

/* The first run of npages free pages; -1 if none. vmap_area_lock held. */
static long find_free_run(unsigned long npages)
{
	unsigned long i = 0, run = 0;

	lockdep_assert_held(&vmap_area_lock);
	while (i < VMALLOC_PAGES) {
		if (i % BITS_PER_LONG == 0 && vmap_used[i / BITS_PER_LONG] == ~0UL) {
			i += BITS_PER_LONG;
			run = 0;
			continue;
		}
		if (test_bit(i, vmap_used))
			run = 0;
		else if (++run == npages)
			return i + 1 - npages;
		i++;
	}
	return -1;
}

unsigned long get_vm_area(unsigned long size)
{
	unsigned long npages = ALIGN(size, PAGE_SIZE) >> PAGE_SHIFT, flags, i;
	long first;

	if (!npages || npages >= VMALLOC_PAGES)
		return 0;
	spin_lock_irqsave(&vmap_area_lock, flags);
	first = find_free_run(npages + 1);
	if (first >= 0) {
		for (i = first; i < first + npages + 1; i++)
			__set_bit(i, vmap_used);
		__set_bit(first, vmap_head);
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return first < 0 ? 0 : VMALLOC_START + ((unsigned long)first << PAGE_SHIFT);
}

/* Index of addr's range start; -1 when addr starts no range. */
static long area_index(unsigned long addr)
{
	unsigned long i = (addr - VMALLOC_START) >> PAGE_SHIFT;

	if (addr < VMALLOC_START || addr >= VMALLOC_END || addr & ~PAGE_MASK ||
	    !test_bit(i, vmap_head))
		return -1;
	return i;
}

/* Pages of the range starting at index first, its guard included. */
static unsigned long area_span_locked(unsigned long first)
{
	unsigned long i = first + 1;

	while (i < VMALLOC_PAGES && test_bit(i, vmap_used) && !test_bit(i, vmap_head))
		i++;
	return i - first;
}

unsigned long vm_area_pages(unsigned long addr)
{
	unsigned long flags, n = 0;
	long first;

	spin_lock_irqsave(&vmap_area_lock, flags);
	first = area_index(addr);
	if (first >= 0)
		n = area_span_locked(first) - 1;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return n;
}

unsigned long free_vm_area(unsigned long addr)
{
	unsigned long flags, span = 0, i;
	long first;

	spin_lock_irqsave(&vmap_area_lock, flags);
	first = area_index(addr);
	if (first >= 0) {
		span = area_span_locked(first);
		for (i = first; i < first + span; i++)
			__clear_bit(i, vmap_used);
		__clear_bit(first, vmap_head);
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return span ? span - 1 : 0;
}

/* Clear the PTEs of [addr, addr + npages pages) in init_mm's tables. */
static void vunmap_range_noflush(unsigned long addr, unsigned long npages)
{
	unsigned long flags, i;

	spin_lock_irqsave(&init_mm.page_table_lock, flags);
	for (i = 0; i < npages; i++) {
		enum pg_level level;
		pteval_t *pte = lookup_address(addr + (i << PAGE_SHIFT), &level);

		if (pte && level == PG_LEVEL_4K)
			WRITE_ONCE(*pte, 0);
	}
	spin_unlock_irqrestore(&init_mm.page_table_lock, flags);
}

/**
 * vmap - map @count pages at contiguous kernel addresses
 * @pages: the pages, still owned by the caller
 * @count: how many
 * @flags: VM_MAP
 * @prot: the protection, PAGE_KERNEL for plain memory
 *
 * Returns the address, or NULL when out of address space or page tables.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	unsigned long addr = get_vm_area((unsigned long)count << PAGE_SHIFT), i;

	if (!addr)
		return NULL;
	for (i = 0; i < count; i++) {
		if (kernel_map_pages(init_top_pgt, addr + (i << PAGE_SHIFT),
				     page_to_phys(pages[i]), PAGE_SIZE, prot, false)) {
			vunmap_range_noflush(addr, i);
			flush_tlb_kernel_range(addr, addr + (i << PAGE_SHIFT));
			free_vm_area(addr);
			return NULL;
		}
	}
	return (void *)addr;
}

/* Take a vmap() or ioremap() mapping away on every CPU; the pages stay the caller's. */
void vunmap(const void *p)
{
	unsigned long addr = (unsigned long)p & PAGE_MASK, npages = vm_area_pages(addr);

	if (!npages) {
		WARN(p, "Trying to vunmap() nonexistent vm area (%p)\n", p);
		return;
	}
	vunmap_range_noflush(addr, npages);
	flush_tlb_kernel_range(addr, addr + (npages << PAGE_SHIFT));
	free_vm_area(addr);
}
