// SPDX-License-Identifier: MIT
/*
 * Address-space switches and TLB shootdown, in the shape of Linux's
 * arch/x86/mm/tlb.c. This file owns cpu_tlbstate, mm_cpumask() and every
 * cross-CPU flush; the IPIs themselves are kernel/smp.c's
 * (smp_call_function_many()), and the page-table walks that decide what
 * to flush are mm/'s and arch/x86/mm/init_64.c's.
 *
 * The rules (reflex has no PCID: a CR3 write drops every non-global
 * entry, and only one mm is cached per CPU at a time):
 *
 *  1. A CPU sets its bit in mm_cpumask(next) before it loads next's CR3,
 *     and clears its bit in the old mm after loading the new one. So a
 *     CPU that may hold an mm's entries always has its bit set.
 *  2. A switch to a kernel thread changes nothing but is_lazy: the thread
 *     runs on the previous mm's tables (the kernel half is the same in
 *     every mm), and the CPU stays in mm_cpumask.
 *  3. A flush of mm's user entries bumps mm->tlb_gen, flushes here if mm
 *     is loaded, then IPIs every other CPU in mm_cpumask except lazy ones:
 *     a kernel thread never touches user addresses, so their stale
 *     entries are harmless until the CPU returns to the mm.
 *  4. Unless page tables were freed (freed_tables): then lazy CPUs get the
 *     IPI too, since the CPU may still walk the freed tables (speculation,
 *     paging-structure caches) while they hold something else.
 *  5. A lazy CPU that runs a flush for its loaded mm switches to init_mm
 *     and leaves mm_cpumask instead of flushing: it gets no more IPIs for
 *     that mm, and an exiting mm's tables can go.
 *  6. A lazy CPU switching back to the same mm compares mm->tlb_gen with
 *     the generation it last flushed to and flushes everything if it
 *     missed a flush under rule 3.
 *
 * Kernel mappings are global and shared by every mm, so a change to one is
 * flushed on every online CPU: invlpg per page, or CR4.PGE toggled.
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <trace/events/tlb.h>

DEFINE_PER_CPU(struct tlb_state, cpu_tlbstate) = { .loaded_mm = &init_mm };
DEFINE_PER_CPU(struct tlb_state_shared, cpu_tlbstate_shared);
DEFINE_PER_CPU(unsigned long, tlb_events[NR_TLB_EVENTS]);

unsigned long tlb_single_page_flush_ceiling = 33;

unsigned long tlb_event_count(unsigned int cpu, enum tlb_event event)
{
	return READ_ONCE(per_cpu(tlb_events, cpu)[event]);
}

static void count_tlb_event(enum tlb_event event)
{
	this_cpu_ptr(&tlb_events)[0][event]++;
}

/* What one flush asks of every CPU it reaches. */
struct flush_tlb_info {
	struct mm_struct *mm;		/* NULL: a kernel range */
	unsigned long start, end;	/* end TLB_FLUSH_ALL: everything */
	unsigned int stride_shift;
	bool freed_tables;
	u64 new_tlb_gen;		/* mm->tlb_gen this flush made */
	unsigned int initiating_cpu;
};

/* init_mm's table is in the image (bss), every other one in the direct map. */
static void load_new_mm_cr3(struct mm_struct *next)
{
	if (next == &init_mm)
		write_cr3(__pa_symbol(init_top_pgt));
	else
		write_cr3(__pa(next->pgd));
}

/*
 * Back from lazy to the mm still loaded: flush everything if a flush was
 * skipped meanwhile (rule 6). is_lazy was cleared before tlb_gen is read;
 * the flusher bumps tlb_gen before it reads is_lazy. With a full barrier
 * on each side one of the two sees the other:
 *
 *   CPU0 (flusher)              CPU1 (leaving lazy)
 *   tlb_gen++ (locked)          is_lazy = false; smp_mb()
 *   read is_lazy[1]             read tlb_gen
 *
 * either CPU0 sees is_lazy false and sends the IPI, or CPU1 sees the new
 * generation and flushes itself.
 */
static void leave_lazy_same_mm(struct mm_struct *mm)
{
	u64 gen;

	smp_mb();
	gen = atomic64_read(&mm->tlb_gen);
	if (this_cpu_read(cpu_tlbstate.loaded_mm_tlb_gen) == gen)
		return;
	__flush_tlb_all();
	count_tlb_event(NR_TLB_LOCAL_FLUSH_ALL);
	trace_tlb_flush(TLB_FLUSH_ON_TASK_SWITCH, TLB_FLUSH_ALL);
	this_cpu_write(cpu_tlbstate.loaded_mm_tlb_gen, gen);
}

/*
 * Load next on this CPU (rules 1 and 6), and its LDT with it; interrupts
 * off. The caller's idea of the previous mm is not used: after lazy
 * switches only cpu_tlbstate knows what CR3 (and LDTR) holds.
 */
void switch_mm_irqs_off(struct mm_struct *unused, struct mm_struct *next,
			struct task_struct *tsk)
{
	struct mm_struct *prev = this_cpu_read(cpu_tlbstate.loaded_mm);
	bool was_lazy = this_cpu_read(cpu_tlbstate_shared.is_lazy);
	unsigned int cpu = smp_processor_id();

	this_cpu_write(cpu_tlbstate_shared.is_lazy, false);
	if (prev == next) {
		if (was_lazy && next != &init_mm)
			leave_lazy_same_mm(next);
		return;
	}
	/* Rule 1: the bit is visible (a locked op) before CR3 can fill the TLB. */
	if (next != &init_mm)
		set_bit(cpu, cpumask_bits(mm_cpumask(next)));
	this_cpu_write(cpu_tlbstate.loaded_mm, next);
	this_cpu_write(cpu_tlbstate.loaded_mm_tlb_gen, atomic64_read(&next->tlb_gen));
	load_new_mm_cr3(next);
	/* No PCIDs: every CR3 write drops the user entries. */
	trace_tlb_flush(TLB_FLUSH_ON_TASK_SWITCH, TLB_FLUSH_ALL);
	switch_ldt(prev, next);
	if (prev != &init_mm)
		clear_bit(cpu, cpumask_bits(mm_cpumask(prev)));
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next, struct task_struct *tsk)
{
	unsigned long flags;

	local_irq_save(flags);
	switch_mm_irqs_off(prev, next, tsk);
	local_irq_restore(flags);
}

/* Rule 2: a kernel thread borrows whatever is loaded. */
void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk)
{
	if (this_cpu_read(cpu_tlbstate.loaded_mm) == &init_mm)
		return;
	this_cpu_write(cpu_tlbstate_shared.is_lazy, true);
}

static bool flush_is_full(const struct flush_tlb_info *f)
{
	return f->end == TLB_FLUSH_ALL;
}

/*
 * Bring this CPU's TLB up to date for f->mm. A partial flush only
 * advances the recorded generation when this CPU had seen every earlier
 * one: otherwise an older flush may still be on its way, and a later
 * return from lazy must not believe it done.
 */
/* Runs on every CPU the flush reaches; its __flush_tlb_one()s are that CPU's share. */
static void flush_tlb_func(void *info)
{
	const struct flush_tlb_info *f = info;
	u64 local_gen = this_cpu_read(cpu_tlbstate.loaded_mm_tlb_gen);
	bool local = f->initiating_cpu == smp_processor_id();
	unsigned long addr, nr = 0;

	if (!local)
		count_tlb_event(NR_TLB_REMOTE_FLUSH_RECEIVED);
	/* The CPU switched away after the flusher read mm_cpumask. */
	if (this_cpu_read(cpu_tlbstate.loaded_mm) != f->mm)
		return;
	if (this_cpu_read(cpu_tlbstate_shared.is_lazy)) {
		switch_mm_irqs_off(NULL, &init_mm, NULL);	/* rule 5 */
		return;
	}
	if (local_gen >= f->new_tlb_gen)
		return;		/* a later full flush already covered this one */
	if (flush_is_full(f)) {
		u64 gen = atomic64_read(&f->mm->tlb_gen);

		__flush_tlb_all();
		count_tlb_event(NR_TLB_LOCAL_FLUSH_ALL);
		this_cpu_write(cpu_tlbstate.loaded_mm_tlb_gen, gen);
		trace_tlb_flush(local ? TLB_LOCAL_MM_SHOOTDOWN : TLB_REMOTE_SHOOTDOWN, TLB_FLUSH_ALL);
		return;
	}
	for (addr = f->start; addr < f->end; addr += 1UL << f->stride_shift, nr++) {
		__flush_tlb_one(addr);
		count_tlb_event(NR_TLB_LOCAL_FLUSH_ONE);
	}
	if (local_gen == f->new_tlb_gen - 1)
		this_cpu_write(cpu_tlbstate.loaded_mm_tlb_gen, f->new_tlb_gen);
	trace_tlb_flush(local ? TLB_LOCAL_MM_SHOOTDOWN : TLB_REMOTE_SHOOTDOWN, nr);
}

/* Rules 3 and 4: which other CPUs must run the flush. */
static void flush_tlb_multi(const struct cpumask *cpus, const struct flush_tlb_info *f)
{
	struct cpumask targets;
	unsigned int cpu;

	cpumask_clear(&targets);
	for_each_cpu(cpu, cpus) {
		if (cpu == f->initiating_cpu)
			continue;
		if (!f->freed_tables && READ_ONCE(per_cpu(cpu_tlbstate_shared, cpu).is_lazy))
			continue;
		cpumask_set_cpu(cpu, &targets);
	}
	if (cpumask_empty(&targets))
		return;
	count_tlb_event(NR_TLB_REMOTE_FLUSH);
	trace_tlb_flush(TLB_REMOTE_SEND_IPI, flush_is_full(f) ? TLB_FLUSH_ALL :
			(f->end - f->start) >> PAGE_SHIFT);
	smp_call_function_many(&targets, flush_tlb_func, (void *)f, true);
}

/**
 * flush_tlb_mm_range - drop mm's TLB entries for [start, end) everywhere
 * @mm: the address space whose page tables changed
 * @start: first address, page aligned
 * @end: end of the range, or TLB_FLUSH_ALL for the whole mm
 * @stride_shift: log2 of the page size the range is mapped with
 * @freed_tables: page tables under the range were freed (rule 4)
 *
 * The caller has changed the page tables already. It must be able to wait
 * for other CPUs: interrupts enabled, as for smp_call_function_many().
 */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned int stride_shift, bool freed_tables)
{
	struct flush_tlb_info info = {
		.mm = mm, .start = start, .end = end, .stride_shift = stride_shift,
		.freed_tables = freed_tables,
	};
	unsigned long flags;

	if (end != TLB_FLUSH_ALL &&
	    (end - start) >> stride_shift > tlb_single_page_flush_ceiling) {
		info.start = 0;
		info.end = TLB_FLUSH_ALL;
	}
	preempt_disable();
	info.initiating_cpu = smp_processor_id();
	/* A locked op: the PTE writes before it, the mask and is_lazy reads after. */
	info.new_tlb_gen = atomic64_inc_return(&mm->tlb_gen);
	if (this_cpu_read(cpu_tlbstate.loaded_mm) == mm) {
		local_irq_save(flags);
		flush_tlb_func(&info);
		local_irq_restore(flags);
	}
	flush_tlb_multi(mm_cpumask(mm), &info);
	preempt_enable();
}

/* Runs on every online CPU; its __flush_tlb_one()s are that CPU's share. */
static void do_kernel_range_flush(void *info)
{
	const struct flush_tlb_info *f = info;
	unsigned long addr;

	if (f->initiating_cpu != smp_processor_id())
		count_tlb_event(NR_TLB_REMOTE_FLUSH_RECEIVED);
	if (flush_is_full(f)) {
		__flush_tlb_global();
		count_tlb_event(NR_TLB_LOCAL_FLUSH_ALL);
		return;
	}
	/* invlpg drops the entry for the address, global or not. */
	for (addr = f->start; addr < f->end; addr += PAGE_SIZE) {
		__flush_tlb_one(addr);
		count_tlb_event(NR_TLB_LOCAL_FLUSH_ONE);
	}
}

/*
 * Run a kernel flush here and on every other online CPU. Here first and
 * directly, so that it also works before the CPU masks are filled in.
 */
static void kernel_flush_everywhere(struct flush_tlb_info *f)
{
	unsigned long flags;

	preempt_disable();
	f->initiating_cpu = smp_processor_id();
	local_irq_save(flags);
	do_kernel_range_flush(f);
	local_irq_restore(flags);
	if (num_online_cpus() > 1) {
		count_tlb_event(NR_TLB_REMOTE_FLUSH);
		smp_call_function_many(cpu_online_mask, do_kernel_range_flush, f, true);
	}
	preempt_enable();
}

/* A kernel mapping in [start, end) changed: flush it on every CPU. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct flush_tlb_info info = { .start = start, .end = end };

	if (end != TLB_FLUSH_ALL &&
	    (end - start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling)
		info.end = TLB_FLUSH_ALL;
	kernel_flush_everywhere(&info);
}

/* Every entry, global ones included, on every CPU. */
void flush_tlb_all(void)
{
	struct flush_tlb_info info = { .end = TLB_FLUSH_ALL };

	kernel_flush_everywhere(&info);
}
