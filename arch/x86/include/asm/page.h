/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

/* Constants usable from C, assembly and the linker script alike. */
#ifdef __ASSEMBLY__
#define _AC(x, y)		x
#else
#define __AC(x, y)		(x##y)
#define _AC(x, y)		__AC(x, y)
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

/* Where the kernel image lives: virtual __START_KERNEL_map maps physical 0. */
#define __START_KERNEL_map	_AC(0xffffffff80000000, UL)
#define LOAD_PHYSICAL_ADDR	_AC(0x100000, UL)
/*
 * The direct map of all physical memory (Linux's page_offset_base). Host
 * unit tests define PAGE_OFFSET themselves to point at an arena of theirs.
 */
#ifndef PAGE_OFFSET
#define PAGE_OFFSET		_AC(0xffff888000000000, UL)
#endif
/* Virtual room for ioremap()ed device registers. */
#define IOREMAP_BASE		_AC(0xffffc90000000000, UL)

#ifndef __ASSEMBLY__
#include <linux/types.h>

#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))
#define __pa(x)			((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
/* For symbols in the kernel image (text, data, bss). */
#define __pa_symbol(x)		((phys_addr_t)((unsigned long)(x) - __START_KERNEL_map))
#define PFN_DOWN(x)		((x) >> PAGE_SHIFT)
#define PFN_UP(x)		(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)		((phys_addr_t)(pfn) << PAGE_SHIFT)
#endif

#endif
