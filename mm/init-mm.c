// SPDX-License-Identifier: MIT
/*
 * init_mm: the kernel's own address space, nothing in the user half. A
 * CPU that runs no user mm (at boot, after a lazy CPU's flush, after
 * exit) has it loaded; it is never freed and never in anyone's
 * mm_cpumask bookkeeping (arch/x86/mm/tlb.c).
 */
#include <linux/mm_types.h>

struct mm_struct init_mm = {
	.pgd		= init_top_pgt,
	.mmap		= LIST_HEAD_INIT(init_mm.mmap),
	.mmap_lock	= __MUTEX_INITIALIZER(init_mm.mmap_lock),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	.mm_users	= ATOMIC_INIT(2),
	.mm_count	= ATOMIC_INIT(1),
};
