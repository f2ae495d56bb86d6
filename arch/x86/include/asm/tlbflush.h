/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

/*
 * TLB flushing across CPUs (arch/x86/mm/tlb.c), Linux's API. A change to
 * a user page table is flushed with flush_tlb_mm_range() and friends on
 * every CPU in mm_cpumask(mm); a change to a kernel mapping with
 * flush_tlb_kernel_range() or flush_tlb_all() on every online CPU. The
 * raw __flush_tlb_one() / __flush_tlb_all() (asm/processor.h) touch the
 * calling CPU only and are for entries no other CPU can hold.
 */
#include <linux/types.h>
#include <asm/percpu.h>
#include <asm/page.h>
#include <asm/processor.h>

struct mm_struct;
struct task_struct;

#define TLB_FLUSH_ALL	(~0UL)

/* Per-CPU TLB state that only its own CPU reads or writes. */
struct tlb_state {
	struct mm_struct *loaded_mm;	/* the mm in CR3 (init_mm for none) */
	u64 loaded_mm_tlb_gen;		/* loaded_mm->tlb_gen this TLB is flushed up to */
};
DECLARE_PER_CPU(struct tlb_state, cpu_tlbstate);

/* Per-CPU TLB state that flushing CPUs read. */
struct tlb_state_shared {
	bool is_lazy;			/* a kernel thread runs on loaded_mm's tables */
};
DECLARE_PER_CPU(struct tlb_state_shared, cpu_tlbstate_shared);

/* Linux's vm events for TLB flushes, counted per CPU. */
enum tlb_event {
	NR_TLB_REMOTE_FLUSH,		/* a flush this CPU asked others to do */
	NR_TLB_REMOTE_FLUSH_RECEIVED,	/* a flush IPI this CPU ran */
	NR_TLB_LOCAL_FLUSH_ALL,
	NR_TLB_LOCAL_FLUSH_ONE,
	NR_TLB_EVENTS
};
DECLARE_PER_CPU(unsigned long, tlb_events[NR_TLB_EVENTS]);
unsigned long tlb_event_count(unsigned int cpu, enum tlb_event event);

/* Above this many pages a range flush becomes a full flush (Linux's 33). */
extern unsigned long tlb_single_page_flush_ceiling;

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned int stride_shift, bool freed_tables);

static inline void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, 0, TLB_FLUSH_ALL, PAGE_SHIFT, false);
}

static inline void flush_tlb_range(struct mm_struct *mm, unsigned long start,
				   unsigned long end)
{
	flush_tlb_mm_range(mm, start, end, PAGE_SHIFT, false);
}

static inline void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	flush_tlb_mm_range(mm, addr, addr + PAGE_SIZE, PAGE_SHIFT, false);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void flush_tlb_all(void);

/* This CPU's entries for every address, global (kernel) ones included. */
static inline void __flush_tlb_global(void)
{
	unsigned long cr4 = read_cr4();

	/* Clearing CR4.PGE drops every entry, global ones too (SDM 4.10.4.1). */
	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4);
}

#endif
