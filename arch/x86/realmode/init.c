// SPDX-License-Identifier: MIT
/*
 * The page below 1 MiB the application processors start in, and the page
 * tables they turn paging on with. reserve_real_mode() takes two pages
 * from memblock before the rest of the first MiB is set aside: the
 * trampoline itself (a STARTUP IPI can only name a page under 1 MiB) and
 * its page-table root (CR3 is loaded in 32-bit mode, so it must lie
 * below 4 GiB). setup_real_mode() copies the trampoline there, fills in
 * its header, and builds trampoline_pgd: the kernel half of init_top_pgt
 * (every kernel PGD slot exists once paging_init() has run, so a copy of
 * the slots stays current) plus one executable identity mapping of the
 * trampoline page, the only low address the AP runs at with paging on.
 * Both pages stay reserved for as long as CPUs may be started.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/realmode.h>

extern const char trampoline_start[], trampoline_end[];
extern const char tr_status[], tr_cr3[], tr_efer[], tr_jump32[], tr_jump64[];
extern const char tr_gdt_desc[];

phys_addr_t real_mode_trampoline_phys;
static pteval_t *trampoline_pgd;

#define REAL_MODE_LIMIT		0x100000	/* a SIPI vector names a page below 1 MiB */

void reserve_real_mode(void)
{
	phys_addr_t limit = memblock.current_limit, phys;

	memblock_set_current_limit(REAL_MODE_LIMIT);
	phys = memblock_phys_alloc(2 * PAGE_SIZE, PAGE_SIZE);
	memblock_set_current_limit(limit);
	if (!phys) {
		pr_warn("smpboot: no free page below 1 MiB for the AP trampoline\n");
		return;
	}
	real_mode_trampoline_phys = phys;
	trampoline_pgd = __va(phys + PAGE_SIZE);
}

/* A field of the copied trampoline, by its symbol in the image's copy. */
static void *tr_field(const char *sym)
{
	return (char *)__va(real_mode_trampoline_phys) + (sym - trampoline_start);
}

/* The fields that hold "offset in the page" get the page's base added. */
static void tr_relocate(const char *sym)
{
	*(u32 *)tr_field(sym) += (u32)real_mode_trampoline_phys;
}

int setup_real_mode(void)
{
	size_t size = trampoline_end - trampoline_start;
	u32 efer = EFER_LME | EFER_SCE;
	unsigned int i;

	BUILD_BUG_ON(REAL_MODE_LIMIT > 0x100000);
	if (!real_mode_trampoline_phys)
		return -ENOMEM;
	if (WARN_ON(size > PAGE_SIZE))
		return -E2BIG;
	memcpy(__va(real_mode_trampoline_phys), trampoline_start, size);
	tr_relocate(tr_jump32);
	tr_relocate(tr_jump64);
	tr_relocate(tr_gdt_desc + 2);
	if (rdmsr(MSR_EFER) & EFER_NX)
		efer |= EFER_NX;
	*(u32 *)tr_field(tr_efer) = efer;
	*(u32 *)tr_field(tr_cr3) = (u32)__pa(trampoline_pgd);

	memset(trampoline_pgd, 0, PAGE_SIZE);
	for (i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++)
		trampoline_pgd[i] = init_top_pgt[i];
	if (kernel_map_pages(trampoline_pgd, real_mode_trampoline_phys,
			     real_mode_trampoline_phys, PAGE_SIZE, PAGE_KERNEL_ROX & ~_PAGE_GLOBAL,
			     false))
		return -ENOMEM;
	return 0;
}

/* The word an AP sets in real mode; the boot CPU clears it before each start. */
u32 *trampoline_status(void)
{
	return tr_field(tr_status);
}
