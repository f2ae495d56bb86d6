// SPDX-License-Identifier: MIT
/*
 * The kernel's page tables. head_64.S left a temporary 4 GiB identity and
 * direct map made of large writable, executable pages; paging_init()
 * replaces it with the real layout:
 *
 *   0xffff888000000000  direct map of RAM (E820 RAM-like ranges and the
 *                       first MiB) in 4 KiB pages, NX; the image's text,
 *                       rodata and IDT read-only here too
 *   0xffffc90000000000  the vmalloc area (1 GiB): vmap() and ioremap()
 *                       (mm/vmalloc.c), 4 KiB pages
 *   0xffffc98000000000  task kernel stacks, each above an unmapped guard page
 *   0xffffffff80000000  the kernel image in 4 KiB pages: text RX,
 *                       rodata RO+NX, data and bss RW+NX
 *
 * and nothing in the lower half. Stack guard pages are left unmapped so
 * an overflow faults instead of corrupting its neighbour.
 *
 * Linux maps the direct map with the largest pages it can. reflex uses
 * 4 KiB pages: under QEMU's TCG, where reflex mostly runs, the user test
 * suite's fault-heavy programs ran about ten times faster in wall-clock
 * time (for the same guest instruction count) than with 2 MiB pages,
 * and slower still with 2 MiB pages split around text, rodata and the
 * IDT (QEMU's software TLB flushes whole ranges around large pages).
 * 256 MiB of RAM costs 512 KiB of tables.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/gfp.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/e820.h>
#include <asm/io.h>
#include <asm/bootinfo.h>
#include <linux/spinlock.h>
#include <linux/mm_types.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>

pteval_t init_top_pgt[PTRS_PER_TABLE] __aligned(PAGE_SIZE) __section(".bss..page_aligned");

extern char _text[], _etext[], __start_rodata[], __end_rodata[], _sdata[], _end[];
extern char __per_cpu_load[];
extern char boot_stack_guard[];

static bool after_bootmem;

/* A zeroed page for a page table: memblock's at boot, the buddy's after. */
pteval_t *alloc_pgtable_page(void)
{
	void *p;

	if (after_bootmem)
		p = (void *)get_zeroed_page(GFP_KERNEL);
	else
		p = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	return p;
}

static unsigned int table_index(unsigned long va, int shift)
{
	return (va >> shift) & (PTRS_PER_TABLE - 1);
}

/* The next-level table under *entry, created when missing. */
static pteval_t *table_below(pteval_t *entry)
{
	pteval_t *t;

	if (*entry & _PAGE_PRESENT) {
		if (*entry & _PAGE_PSE)
			return NULL;	/* a large page is in the way */
		return __va(*entry & PTE_PFN_MASK);
	}
	t = alloc_pgtable_page();
	if (!t)
		return NULL;
	*entry = __pa(t) | _KERNPG_TABLE;
	return t;
}

static pteval_t *walk_create(pteval_t *pgd, unsigned long va, enum pg_level level)
{
	pteval_t *pud, *pmd, *pte;

	pud = table_below(&pgd[table_index(va, PGDIR_SHIFT)]);
	if (!pud)
		return NULL;
	pmd = table_below(&pud[table_index(va, PUD_SHIFT)]);
	if (!pmd)
		return NULL;
	if (level == PG_LEVEL_2M)
		return &pmd[table_index(va, PMD_SHIFT)];
	pte = table_below(&pmd[table_index(va, PMD_SHIFT)]);
	if (!pte)
		return NULL;
	return &pte[table_index(va, PAGE_SHIFT)];
}

/*
 * Map [va, va + size) to pa. Tables are created on the way under
 * init_mm.page_table_lock, so two CPUs mapping near each other never both
 * install a table for the same slot. The range must be unmapped: a new
 * entry replaces nothing a TLB could hold.
 */
int kernel_map_pages(pteval_t *pgd, unsigned long va, phys_addr_t pa,
		     unsigned long size, pgprot_t prot, bool large)
{
	unsigned long end = va + size, flags;
	int err = 0;

	spin_lock_irqsave(&init_mm.page_table_lock, flags);
	while (va < end) {
		bool big = large && IS_ALIGNED(va, PMD_SIZE) &&
			   IS_ALIGNED(pa, PMD_SIZE) && end - va >= PMD_SIZE;
		pteval_t *e = walk_create(pgd, va, big ? PG_LEVEL_2M : PG_LEVEL_4K);

		if (!e) {
			err = -ENOMEM;
			break;
		}
		*e = pa | prot | (big ? _PAGE_PSE : 0);
		va += big ? PMD_SIZE : PAGE_SIZE;
		pa += big ? PMD_SIZE : PAGE_SIZE;
	}
	spin_unlock_irqrestore(&init_mm.page_table_lock, flags);
	return err;
}

static void map_kernel_range(void *start, void *end, pgprot_t prot)
{
	unsigned long va = (unsigned long)start;

	if (kernel_map_pages(init_top_pgt, va, __pa_symbol(va),
			     ALIGN((unsigned long)end, PAGE_SIZE) - va, prot, false))
		panic("paging_init: out of memory mapping the kernel image");
}

static void map_direct(phys_addr_t start, phys_addr_t end)
{
	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = ALIGN(end, PAGE_SIZE);
	if (start < end &&
	    kernel_map_pages(init_top_pgt, (unsigned long)__va(start), start,
			     end - start, PAGE_KERNEL, false))
		panic("paging_init: out of memory for the direct map");
}

void paging_init(void)
{
	unsigned int i;

	map_kernel_range(_text, _etext, PAGE_KERNEL_ROX);
	map_kernel_range(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_kernel_range(__per_cpu_load, _end, PAGE_KERNEL);

	map_direct(0, 0x100000);
	for (i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];

		if (e820_type_is_ram_like(e->type))
			map_direct(e->addr, e->addr + e->size);
	}
	/*
	 * Every kernel-half PGD slot gets its PUD table now: process page
	 * tables copy these 256 entries once, so kernel mappings made later
	 * (stacks, ioremap) must land below entries that already exist.
	 */
	for (i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++) {
		if (!(init_top_pgt[i] & _PAGE_PRESENT)) {
			void *pud = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

			if (!pud)
				panic("paging_init: no memory for the kernel PGD");
			init_top_pgt[i] = __pa(pud) | _KERNPG_TABLE;
		}
	}
	/* Only the boot CPU runs yet: its own CR3 load is the whole switch. */
	write_cr3(__pa_symbol(init_top_pgt));
	/* The image's copies are already W^X; this reaches their direct-map alias. */
	set_memory_ro((unsigned long)_text, (__end_rodata - _text) / PAGE_SIZE);
	set_memory_np((unsigned long)boot_stack_guard, 1);
	pr_info("paging: kernel image %p-%p mapped W^X, direct map at %lx\n",
		_text, _end, PAGE_OFFSET);
}

void mem_init_done(void)
{
	after_bootmem = true;
}

/* Device registers, uncached, in the vmalloc area (a guard page after each). */
void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = ALIGN_DOWN(phys, PAGE_SIZE);
	unsigned long len = ALIGN(phys + size, PAGE_SIZE) - base;
	unsigned long va = get_vm_area(len);

	if (!va)
		return NULL;
	if (kernel_map_pages(init_top_pgt, va, base, len, PAGE_KERNEL_IO, false)) {
		vunmap((void *)va);
		return NULL;
	}
	return (void *)(va + (phys - base));
}

void iounmap(volatile void *addr)
{
	vunmap((void *)((unsigned long)addr & PAGE_MASK));
}

/*
 * Kernel stacks for tasks: THREAD_SIZE of pages mapped at the top of a
 * slot in their own area, the slot's first page left unmapped as the
 * guard. The area is never shrunk.
 *
 * A freed stack is unmapped and its pages freed at once, but its slot is
 * only "lazy": another CPU that ran the task may still cache the old
 * translations, and the slot must not be mapped again until they are
 * gone. Lazy slots are purged in batches, as Linux's lazy vunmap
 * (purge_vmap_area_lazy()): when an allocation finds VMAP_STACK_LAZY_MAX
 * of them, one TLB flush on every CPU makes them all free. A fork-heavy
 * load so pays one round of IPIs per VMAP_STACK_LAZY_MAX exits instead of
 * one per exit. Only a use of a dead task's stack could reach its freed
 * pages through a stale entry, which is a bug either way.
 */
#define VMAP_STACK_BASE		0xffffc98000000000UL
#define VMAP_STACK_SLOT		(THREAD_SIZE + PAGE_SIZE)
#define VMAP_STACK_SLOTS	4096
#define VMAP_STACK_LAZY_MAX	64

static unsigned long vmap_stack_free_bitmap[VMAP_STACK_SLOTS / 64];
static unsigned long vmap_stack_lazy_bitmap[VMAP_STACK_SLOTS / 64];
static unsigned int vmap_stack_next, vmap_stack_nr_lazy;
static DEFINE_SPINLOCK(vmap_stack_lock);

/* A free slot already used once, else a fresh one; ~0UL if none. vmap_stack_lock held. */
static unsigned long vmap_stack_take_slot(void)
{
	unsigned int i;

	for (i = 0; i < vmap_stack_next; i += 64) {
		unsigned long word = vmap_stack_free_bitmap[i / 64];

		if (word) {
			unsigned int slot = i + __builtin_ctzl(word);

			vmap_stack_free_bitmap[i / 64] &= ~(1UL << (slot % 64));
			return slot;
		}
	}
	return vmap_stack_next < VMAP_STACK_SLOTS ? vmap_stack_next++ : ~0UL;
}

/*
 * Flush the stack area on every CPU, then let the slots that were lazy
 * when the flush began be reused (later ones wait for the next purge).
 */
static void vmap_stack_purge_lazy(void)
{
	unsigned long purging[VMAP_STACK_SLOTS / 64], flags;
	unsigned int i, end;

	spin_lock_irqsave(&vmap_stack_lock, flags);
	end = vmap_stack_next;
	for (i = 0; i < VMAP_STACK_SLOTS / 64; i++) {
		purging[i] = vmap_stack_lazy_bitmap[i];
		vmap_stack_lazy_bitmap[i] = 0;
	}
	vmap_stack_nr_lazy = 0;
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	flush_tlb_kernel_range(VMAP_STACK_BASE, VMAP_STACK_BASE + end * VMAP_STACK_SLOT);
	spin_lock_irqsave(&vmap_stack_lock, flags);
	for (i = 0; i < VMAP_STACK_SLOTS / 64; i++)
		vmap_stack_free_bitmap[i] |= purging[i];
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
}

static unsigned long vmap_stack_slot(void)
{
	unsigned long flags, slot;
	bool purge;

	spin_lock_irqsave(&vmap_stack_lock, flags);
	purge = vmap_stack_nr_lazy >= VMAP_STACK_LAZY_MAX;
	slot = purge ? ~0UL : vmap_stack_take_slot();
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	if (slot != ~0UL)
		return slot;
	if (vmap_stack_nr_lazy)
		vmap_stack_purge_lazy();
	spin_lock_irqsave(&vmap_stack_lock, flags);
	slot = vmap_stack_take_slot();
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
	return slot;
}

/* Unmap a task stack and free its pages; the slot waits for the next purge. */
void vmap_stack_free(void *stack)
{
	unsigned long va = (unsigned long)stack, slot, flags, off;
	phys_addr_t pages[THREAD_SIZE / PAGE_SIZE];

	slot = (va - PAGE_SIZE - VMAP_STACK_BASE) / VMAP_STACK_SLOT;
	spin_lock_irqsave(&init_mm.page_table_lock, flags);
	for (off = 0; off < THREAD_SIZE; off += PAGE_SIZE) {
		enum pg_level level;
		pteval_t *pte = lookup_address(va + off, &level);

		pages[off / PAGE_SIZE] = 0;
		if (pte && (*pte & _PAGE_PRESENT)) {
			pages[off / PAGE_SIZE] = *pte & PTE_PFN_MASK;
			WRITE_ONCE(*pte, 0);
		}
	}
	spin_unlock_irqrestore(&init_mm.page_table_lock, flags);
	for (off = 0; off < THREAD_SIZE; off += PAGE_SIZE)
		if (pages[off / PAGE_SIZE])
			free_page((unsigned long)__va(pages[off / PAGE_SIZE]));
	spin_lock_irqsave(&vmap_stack_lock, flags);
	vmap_stack_lazy_bitmap[slot / 64] |= 1UL << (slot % 64);
	vmap_stack_nr_lazy++;
	spin_unlock_irqrestore(&vmap_stack_lock, flags);
}

/* The lowest address of a fresh THREAD_SIZE stack, or NULL. */
void *vmap_stack_alloc(void)
{
	unsigned long slot = vmap_stack_slot(), va, off;

	if (slot == ~0UL)
		return NULL;
	va = VMAP_STACK_BASE + slot * VMAP_STACK_SLOT + PAGE_SIZE;
	for (off = 0; off < THREAD_SIZE; off += PAGE_SIZE) {
		unsigned long page = __get_free_page(GFP_KERNEL);

		if (!page || kernel_map_pages(init_top_pgt, va + off, __pa(page), PAGE_SIZE,
					      PAGE_KERNEL, false)) {
			if (page)
				free_page(page);
			vmap_stack_free((void *)va);
			return NULL;
		}
	}
	return (void *)va;
}
