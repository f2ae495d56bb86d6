/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>
#include <asm/segment.h>

/* A 64-bit IDT gate descriptor (SDM Vol. 3A, Figure 6-8). */
struct gate_struct {
	u16 offset_low;
	u16 segment;
	u16 ist : 3, zero : 5, type : 5, dpl : 2, p : 1;
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed));

#define GATE_INTERRUPT	0xe	/* clears IF on entry */
#define GATE_TRAP	0xf	/* leaves IF alone */

struct desc_ptr {
	u16 size;
	unsigned long address;
} __attribute__((packed));

/* A code/data segment descriptor (SDM Vol. 3A, Figure 3-8). */
struct desc_struct {
	u16 limit0;
	u16 base0;
	u16 base1 : 8, type : 4, s : 1, dpl : 2, p : 1;
	u16 limit1 : 4, avl : 1, l : 1, d : 1, g : 1, base2 : 8;
} __attribute__((packed));

/* The 16-byte TSS descriptor in long mode (SDM Vol. 3A, Figure 7-4). */
struct ldttss_desc {
	u16 limit0;
	u16 base0;
	u16 base1 : 8, type : 5, dpl : 2, p : 1;
	u16 limit1 : 4, zero0 : 3, g : 1, base2 : 8;
	u32 base3;
	u32 zero1;
} __attribute__((packed));

/* The 64-bit TSS: only the stack pointers matter (SDM Vol. 3A, Figure 7-11). */
struct x86_hw_tss {
	u32 reserved1;
	u64 sp0, sp1, sp2;
	u64 reserved2;
	u64 ist[7];
	u32 reserved3, reserved4;
	u16 reserved5;
	u16 io_bitmap_base;
} __attribute__((packed));

struct gdt_page {
	struct desc_struct gdt[GDT_ENTRIES];
} __attribute__((aligned(4096)));

static inline void load_idt(const struct desc_ptr *dtr)
{
	asm volatile("lidt %0" : : "m"(*dtr));
}

static inline void store_idt(struct desc_ptr *dtr)
{
	asm volatile("sidt %0" : "=m"(*dtr));
}

/* LDTR: 0 is the null LDT, under which every TI=1 selector is #GP. */
static inline void load_ldt(unsigned int sel)
{
	asm volatile("lldt %w0" : : "q"(sel));
}

static inline unsigned int store_ldt(void)
{
	unsigned int sel;

	asm volatile("sldt %0" : "=r"(sel));
	return sel;
}

void idt_setup_early_traps(void);
void idt_setup_traps(void);
void idt_install_gate(unsigned int vector, const void *addr, unsigned int ist,
		      unsigned int dpl);
void idt_protect(void);
extern struct gate_struct idt_table[256];

#endif
