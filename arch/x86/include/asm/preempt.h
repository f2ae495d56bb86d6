/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PREEMPT_H
#define _ASM_X86_PREEMPT_H

/*
 * The x86 preempt count: one per-CPU int, read and changed with single
 * %gs-relative instructions so that no lock or irq-off section is needed.
 * Bit 31 holds "need resched" inverted (clear = a reschedule is wanted),
 * so that "count reached zero and a reschedule is wanted" is one test for
 * zero of the whole word. Nothing sets or clears that bit before the
 * scheduler exists; preempt_count() hides it.
 */
#include <linux/types.h>
#include <asm/percpu.h>

DECLARE_PER_CPU(int, __preempt_count);

#define PREEMPT_NEED_RESCHED	0x80000000
#define PREEMPT_ENABLED		(0 + PREEMPT_NEED_RESCHED)

static __always_inline int preempt_count(void)
{
	return this_cpu_read(__preempt_count) & ~PREEMPT_NEED_RESCHED;
}

/* Keeps the need-resched bit; only the count is set. */
static __always_inline void preempt_count_set(int pc)
{
	int old = this_cpu_read(__preempt_count);

	this_cpu_write(__preempt_count, (pc & ~PREEMPT_NEED_RESCHED) |
		       (old & PREEMPT_NEED_RESCHED));
}

static __always_inline void __preempt_count_add(int val)
{
	this_cpu_add(__preempt_count, val);
}

static __always_inline void __preempt_count_sub(int val)
{
	this_cpu_add(__preempt_count, -val);
}

/*
 * True when the whole word, need-resched bit included, is zero after the
 * decrement. An interrupt between the add and the read leaves the count
 * as it found it, so the two steps need not be one instruction.
 */
static __always_inline bool __preempt_count_dec_and_test(void)
{
	__preempt_count_sub(1);
	return this_cpu_read(__preempt_count) == 0;
}

/*
 * The need-resched bit is kept inverted in the same word, so that
 * "preemption enabled and a reschedule wanted" is the word being 0:
 * preempt_enable() tests one value.
 */
static __always_inline void set_preempt_need_resched(void)
{
	asm volatile("andl %0, %%gs:%c1" : : "i"(~PREEMPT_NEED_RESCHED), "i"(&__preempt_count) : "memory", "cc");
}

static __always_inline void clear_preempt_need_resched(void)
{
	asm volatile("orl %0, %%gs:%c1" : : "i"(PREEMPT_NEED_RESCHED), "i"(&__preempt_count) : "memory", "cc");
}

static __always_inline bool test_preempt_need_resched(void)
{
	return !(this_cpu_read(__preempt_count) & PREEMPT_NEED_RESCHED);
}

static __always_inline bool should_resched(int preempt_offset)
{
	return this_cpu_read(__preempt_count) == preempt_offset;
}

#endif
