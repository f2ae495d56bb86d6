// SPDX-License-Identifier: MIT
/*
 * mm_core_init(): the order in which memory management comes up once
 * setup_arch() has filled memblock and built the page tables. Each step
 * belongs to its own file; this one only owns the sequence.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/slab.h>

/* arch/x86/mm/init_64.c: page tables come from the buddy from now on. */
void mem_init_done(void);

void mm_core_init(void)
{
	free_area_init();
	memblock_free_all();
	mem_init_done();
	mem_init_print_info();
	kmalloc_init();
}
