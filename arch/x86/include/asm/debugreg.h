/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_DEBUGREG_H
#define _ASM_X86_DEBUGREG_H

/*
 * The debug registers (SDM Vol. 3, 18.2): DR0-DR3 hold breakpoint
 * addresses, DR6 says why the last #DB came, DR7 arms the breakpoints.
 * A task's own breakpoints live in thread.debugreg[] and debugreg7 and
 * are loaded when it runs (process_64.c); DR7 stays clear otherwise.
 */
#include <linux/types.h>

/* DR6, read with positive polarity (exc_debug() flips the active-low bits) */
#define DR_TRAP0	0x1UL		/* B0: DR0 matched */
#define DR_TRAP_BITS	0xfUL		/* B0-B3: a breakpoint register matched */
#define DR_STEP		0x4000UL	/* BS: single step (TF) */
#define DR6_RESERVED	0xffff0ff0UL	/* the reset value; active-low bits among them */

/* DR7 */
#define DR_LOCAL_ENABLE(n)	(1UL << (2 * (n)))	/* Ln: DRn armed for this task */
#define DR_GLOBAL_ENABLE(n)	(2UL << (2 * (n)))	/* Gn: DRn armed for all */
#define DR_ENABLE_MASK		0xffUL
#define DR_RW_WRITE		0x1UL			/* R/Wn: break on data writes */
#define DR_RW_SHIFT(n)		(16 + 4 * (n))
#define DR_LEN_4		0x3UL			/* LENn: 4 bytes */
#define DR_LEN_SHIFT(n)		(18 + 4 * (n))

static inline unsigned long get_debugreg(int n)
{
	unsigned long v = 0;

	switch (n) {
	case 0: asm volatile("mov %%db0, %0" : "=r"(v)); break;
	case 1: asm volatile("mov %%db1, %0" : "=r"(v)); break;
	case 2: asm volatile("mov %%db2, %0" : "=r"(v)); break;
	case 3: asm volatile("mov %%db3, %0" : "=r"(v)); break;
	case 6: asm volatile("mov %%db6, %0" : "=r"(v)); break;
	case 7: asm volatile("mov %%db7, %0" : "=r"(v)); break;
	}
	return v;
}

static inline void set_debugreg(unsigned long v, int n)
{
	switch (n) {
	case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
	case 2: asm volatile("mov %0, %%db2" : : "r"(v)); break;
	case 3: asm volatile("mov %0, %%db3" : : "r"(v)); break;
	case 6: asm volatile("mov %0, %%db6" : : "r"(v)); break;
	case 7: asm volatile("mov %0, %%db7" : : "r"(v)); break;
	}
}

/* TRAP_TRACE, TRAP_HWBKPT or TRAP_BRKPT (icebp) for a #DB with this DR6. */
int debug_si_code(unsigned long dr6);

/* The DR6 bits of the breakpoints DR7 value @dr7 arms. */
static inline unsigned long dr7_trap_bits(unsigned long dr7)
{
	unsigned long bits = 0;
	int i;

	for (i = 0; i < 4; i++)
		if (dr7 & (DR_LOCAL_ENABLE(i) | DR_GLOBAL_ENABLE(i)))
			bits |= DR_TRAP0 << i;
	return bits;
}

#endif
