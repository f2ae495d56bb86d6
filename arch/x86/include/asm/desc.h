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

/* The 64-bit TSS: stack pointers and the I/O bitmap's offset (SDM Vol. 3A, Figure 7-11). */
struct x86_hw_tss {
	u32 reserved1;
	u64 sp0, sp1, sp2;
	u64 reserved2;
	u64 ist[7];
	u32 reserved3, reserved4;
	u16 reserved5;
	u16 io_bitmap_base;
} __attribute__((packed));

/*
 * The I/O permission bitmap follows the hardware TSS (SDM Vol. 1, 19.5.2):
 * one bit a port, clear = allowed. io_bitmap_base selects one of two maps
 * or none: bitmap holds the running task's ioperm() ports, mapall allows
 * every port (iopl(3)'s emulation), and an offset past the TSS limit
 * makes every port #GP. The CPU reads two bytes for a port at the end,
 * so each map is followed by a long of ones.
 */
#define IO_BITMAP_BITS		65536
#define IO_BITMAP_BYTES		(IO_BITMAP_BITS / 8)
#define IO_BITMAP_LONGS		(IO_BITMAP_BYTES / sizeof(long))

struct x86_io_bitmap {
	u64 prev_sequence;		/* the task bitmap's copy in bitmap */
	unsigned int prev_max;		/* bytes of bitmap that may be clear */
	unsigned long bitmap[IO_BITMAP_LONGS + 1];
	unsigned long mapall[IO_BITMAP_LONGS + 1];
};

struct tss_struct {
	struct x86_hw_tss x86_tss;
	struct x86_io_bitmap io_bitmap;
} __attribute__((aligned(4096)));

#define IO_BITMAP_OFFSET_VALID_MAP	\
	(__builtin_offsetof(struct tss_struct, io_bitmap.bitmap))
#define IO_BITMAP_OFFSET_VALID_ALL	\
	(__builtin_offsetof(struct tss_struct, io_bitmap.mapall))
#define __KERNEL_TSS_LIMIT		\
	(IO_BITMAP_OFFSET_VALID_ALL + IO_BITMAP_BYTES + sizeof(long) - 1)
#define IO_BITMAP_OFFSET_INVALID	(__KERNEL_TSS_LIMIT + 1)

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

/* Descriptor types of system segments (SDM Vol. 3A, Table 3-2). */
#define DESC_LDT	0x2
#define DESC_TSS	0x9

static inline unsigned long get_desc_base(const struct desc_struct *d)
{
	return d->base0 | ((unsigned long)d->base1 << 16) | ((unsigned long)d->base2 << 24);
}

static inline unsigned long get_desc_limit(const struct desc_struct *d)
{
	return d->limit0 | ((unsigned long)d->limit1 << 16);
}

static inline bool desc_empty(const struct desc_struct *d)
{
	return !*(const u64 *)d;
}

/* A 16-byte LDT or TSS descriptor for base and limit, present, DPL 0. */
static inline void set_tssldt_descriptor(struct ldttss_desc *d, unsigned long base,
					 unsigned int type, unsigned int limit)
{
	*d = (struct ldttss_desc){
		.limit0 = limit & 0xffff, .base0 = base & 0xffff,
		.base1 = (base >> 16) & 0xff, .type = type, .p = 1,
		.limit1 = (limit >> 16) & 0xf, .base2 = (base >> 24) & 0xff,
		.base3 = base >> 32,
	};
}

struct task_struct;
/* set_thread_area()'s slots of @tsk into this CPU's GDT (tls.c). */
void load_TLS(const struct task_struct *tsk);

void idt_setup_early_traps(void);
void idt_setup_traps(void);
void idt_install_gate(unsigned int vector, const void *addr, unsigned int ist,
		      unsigned int dpl);
void idt_protect(void);
extern struct gate_struct idt_table[256];

#endif
