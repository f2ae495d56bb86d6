/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_LDT_H
#define _ASM_X86_LDT_H

/*
 * The user's view of a segment descriptor (Linux's uapi asm/ldt.h), as
 * modify_ldt() and set_thread_area() take it, and its translation to the
 * hardware descriptor. The bits are Linux's; "lm" is accepted on x86-64
 * but never sets the L bit (fill_ldt()), so the LDT holds no 64-bit code.
 */
#include <linux/types.h>
#include <asm/desc.h>

#define LDT_ENTRIES	8192	/* the most an LDT can have (a 16-bit selector's index) */
#define LDT_ENTRY_SIZE	8

struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;	/* 0 data, 1 expand-down data, 2 code, 3 conforming code */
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;	/* the AVL bit */
	unsigned int lm : 1;
};

#define MODIFY_LDT_CONTENTS_DATA	0
#define MODIFY_LDT_CONTENTS_STACK	1
#define MODIFY_LDT_CONTENTS_CODE	2

/* The encoding that means "no segment": the slot becomes all zero. */
static inline bool LDT_empty(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	       info->seg_not_present && !info->useable && !info->lm;
}

/* What programs pass to clear a TLS slot: everything zero but the number. */
static inline bool LDT_zero(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       !info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	       !info->seg_not_present && !info->useable;
}

/*
 * A DPL-3 code or data descriptor from info. The accessed bit is set so
 * the CPU never writes the descriptor; L stays clear whatever lm says.
 */
static inline void fill_ldt(struct desc_struct *d, const struct user_desc *info)
{
	*d = (struct desc_struct){
		.limit0 = info->limit & 0xffff,
		.base0 = info->base_addr & 0xffff,
		.base1 = (info->base_addr >> 16) & 0xff,
		.type = ((info->read_exec_only ^ 1) << 1) | (info->contents << 2) | 1,
		.s = 1, .dpl = 3, .p = info->seg_not_present ^ 1,
		.limit1 = (info->limit >> 16) & 0xf,
		.avl = info->useable, .l = 0, .d = info->seg_32bit,
		.g = info->limit_in_pages,
		.base2 = info->base_addr >> 24,
	};
}

/* The reverse, for get_thread_area(). */
static inline void fill_user_desc(struct user_desc *info, unsigned int idx,
				  const struct desc_struct *d)
{
	*info = (struct user_desc){
		.entry_number = idx,
		.base_addr = get_desc_base(d),
		.limit = get_desc_limit(d),
		.seg_32bit = d->d,
		.contents = d->type >> 2,
		.read_exec_only = !(d->type & 2),
		.limit_in_pages = d->g,
		.seg_not_present = !d->p,
		.useable = d->avl,
		.lm = d->l,
	};
}

#endif
