// SPDX-License-Identifier: MIT
/*
 * The interrupt stacks (IST) of the application processors: for each CPU
 * one struct exception_stacks' worth of virtual space at
 * CPU_ENTRY_AREA_BASE + cpu * its size, with every stack's pages mapped
 * and every guard page below a stack left unmapped, so an overflow of
 * the NMI, #DF, #MC or #DB stack faults instead of running into the next.
 * The boot CPU keeps its stacks in the image (boot_exception_stacks,
 * arch/x86/kernel/cpu/common.c), whose guard pages paging_init()'s
 * successors unmap.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/percpu.h>

#define CPU_ENTRY_AREA_BASE	0xfffffe0000000000UL

DEFINE_PER_CPU(struct exception_stacks *, exception_stacks);

static int map_fresh_pages(unsigned long va, unsigned long size)
{
	unsigned long off;

	for (off = 0; off < size; off += PAGE_SIZE) {
		enum pg_level level;
		pteval_t *pte = lookup_address(va + off, &level);
		unsigned long page;

		if (pte && (*pte & _PAGE_PRESENT))
			continue;	/* mapped by an attempt that failed later */
		page = get_zeroed_page(GFP_KERNEL);
		if (!page)
			return -ENOMEM;
		if (kernel_map_pages(init_top_pgt, va + off, __pa(page), PAGE_SIZE,
				     PAGE_KERNEL, false)) {
			free_page(page);
			return -ENOMEM;
		}
	}
	return 0;
}

/**
 * percpu_setup_exception_stacks - give @cpu its own IST stacks
 * @cpu: an application processor (not yet running)
 *
 * A CPU that has them keeps them, so this may run again when it is
 * brought up once more; pages mapped before a failure are reused by the
 * next attempt.
 *
 * Return: 0, or -ENOMEM.
 */
int percpu_setup_exception_stacks(unsigned int cpu)
{
	struct exception_stacks *es;
	int i, err;

	if (per_cpu(exception_stacks, cpu))
		return 0;
	es = (struct exception_stacks *)(CPU_ENTRY_AREA_BASE + cpu * sizeof(*es));
	for (i = 0; i < N_EXCEPTION_STACKS; i++) {
		err = map_fresh_pages((unsigned long)es->ist[i].stack, EXCEPTION_STKSZ);
		if (err)
			return err;
	}
	per_cpu(exception_stacks, cpu) = es;
	return 0;
}
