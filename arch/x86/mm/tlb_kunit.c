// SPDX-License-Identifier: MIT
/*
 * KUnit suite "tlb" (reflex.test=tlb): TLB shootdown as the booted kernel
 * does it. A kernel mapping every online CPU has cached (each read it
 * through copy_from_kernel_nofault()) is taken away with vunmap() or
 * set_memory_np(); afterwards the same read faults on every CPU, which
 * only holds if each of them dropped its entry, and every other CPU
 * counted the flush IPI. The lazy-TLB cases check Linux's rule: a CPU
 * running a kernel thread on a borrowed mm is left alone by ordinary
 * flushes and sent to init_mm by one that freed page tables. With one CPU
 * online, or while cross-CPU calls reach only the calling CPU, the
 * cross-CPU parts say so on a "#" line and check the local half only.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

#define TLB_TEST_MAGIC	0x5eed0f7ab1e5UL

/* What each CPU saw when it read the probed address. */
struct probe {
	unsigned long addr;
	struct cpumask checked;		/* the CPUs whose answers count */
	long ret[NR_CPUS];
	unsigned long val[NR_CPUS];
};

static void probe_on_this_cpu(void *info)
{
	struct probe *p = info;
	unsigned int cpu = smp_processor_id();

	p->ret[cpu] = copy_from_kernel_nofault(&p->val[cpu], (void *)p->addr,
					       sizeof(p->val[cpu]));
}

static void count_answer(void *info)
{
	__atomic_add_fetch((unsigned int *)info, 1, __ATOMIC_RELAXED);
}

/*
 * The CPUs the cross-CPU checks cover: every online one when
 * on_each_cpu() reaches them all, else this one alone (said once per case).
 */
static void checked_cpus(struct cpumask *mask)
{
	unsigned int answers = 0;

	on_each_cpu(count_answer, &answers, 1);
	if (answers == num_online_cpus()) {
		cpumask_copy(mask, cpu_online_mask);
		return;
	}
	pr_info("    # on_each_cpu() reached %u of %u online CPUs: checking this CPU only\n",
		answers, num_online_cpus());
	cpumask_clear(mask);
	cpumask_set_cpu(smp_processor_id(), mask);
}

/* Every online CPU reads p->addr (and so caches its translation). */
static void probe_everywhere(struct probe *p)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		p->ret[cpu] = 1;	/* no answer */
		p->val[cpu] = 0;
	}
	on_each_cpu(probe_on_this_cpu, p, 1);
}

static void expect_read_everywhere(struct kunit *test, struct probe *p)
{
	unsigned int cpu;

	probe_everywhere(p);
	for_each_cpu(cpu, &p->checked) {
		KUNIT_EXPECT_EQ_MSG(test, p->ret[cpu], 0, "CPU %u", cpu);
		KUNIT_EXPECT_EQ_MSG(test, p->val[cpu], TLB_TEST_MAGIC, "CPU %u", cpu);
	}
}

static void expect_fault_everywhere(struct kunit *test, struct probe *p)
{
	unsigned int cpu;

	probe_everywhere(p);
	for_each_cpu(cpu, &p->checked)
		KUNIT_EXPECT_EQ_MSG(test, p->ret[cpu], -EFAULT, "CPU %u", cpu);
}

static void snapshot_received(unsigned long *counts)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		counts[cpu] = tlb_event_count(cpu, NR_TLB_REMOTE_FLUSH_RECEIVED);
}

/* Every checked CPU but this one ran at least one flush IPI since @before. */
static void expect_flush_ipis(struct kunit *test, const struct probe *p,
			      const unsigned long *before)
{
	unsigned int cpu, self = smp_processor_id();

	if (cpumask_weight(&p->checked) == 1) {
		pr_info("    # one CPU checked: no flush IPI to count\n");
		return;
	}
	for_each_cpu(cpu, &p->checked) {
		if (cpu == self)
			continue;
		KUNIT_EXPECT_GE_MSG(test, tlb_event_count(cpu, NR_TLB_REMOTE_FLUSH_RECEIVED),
				    before[cpu] + 1, "CPU %u", cpu);
	}
}

static void vunmap_faults_on_every_cpu(struct kunit *test)
{
	static unsigned long before[NR_CPUS];
	static struct probe p;
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long *va;

	KUNIT_ASSERT_NOT_NULL(test, page);
	va = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, va);
	*va = TLB_TEST_MAGIC;
	p.addr = (unsigned long)va;
	checked_cpus(&p.checked);
	expect_read_everywhere(test, &p);
	preempt_disable();
	snapshot_received(before);
	vunmap(va);
	expect_flush_ipis(test, &p, before);
	preempt_enable();
	expect_fault_everywhere(test, &p);
	__free_pages(page, 0);
}

static void set_memory_np_faults_on_every_cpu(struct kunit *test)
{
	static unsigned long before[NR_CPUS];
	static struct probe p;
	unsigned long page = __get_free_page(GFP_KERNEL);

	KUNIT_ASSERT_NE(test, page, 0);
	*(unsigned long *)page = TLB_TEST_MAGIC;
	p.addr = page;
	checked_cpus(&p.checked);
	expect_read_everywhere(test, &p);
	preempt_disable();
	snapshot_received(before);
	KUNIT_EXPECT_EQ(test, set_memory_np(page, 1), 0);
	expect_flush_ipis(test, &p, before);
	preempt_enable();
	expect_fault_everywhere(test, &p);
	KUNIT_EXPECT_EQ(test, set_memory_p(page, 1), 0);
	expect_read_everywhere(test, &p);
	free_page(page);
}

/* A new, unused address space, or the case fails. */
static struct mm_struct *test_mm(struct kunit *test)
{
	struct mm_struct *mm = mm_alloc();

	KUNIT_ASSERT_NOT_NULL(test, mm);
	return mm;
}

/* This CPU loads mm the way a switch to a task of mm does; interrupts off. */
static void load_mm_here(struct mm_struct *mm)
{
	switch_mm_irqs_off(NULL, mm, NULL);
}

/*
 * Above tlb_single_page_flush_ceiling pages a range flush is one full
 * flush; at or below it, one invlpg per page.
 */
static void range_above_ceiling_becomes_full_flush(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);
	unsigned long base = 0x10000000UL, all, one, flags, n = tlb_single_page_flush_ceiling;
	unsigned int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	local_irq_save(flags);
	load_mm_here(mm);
	local_irq_restore(flags);

	all = tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ALL);
	one = tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ONE);
	flush_tlb_range(mm, base, base + n * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ONE) - one, n);
	KUNIT_EXPECT_EQ(test, tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ALL) - all, 0);

	all = tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ALL);
	one = tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ONE);
	flush_tlb_range(mm, base, base + (n + 1) * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ONE) - one, 0);
	KUNIT_EXPECT_EQ(test, tlb_event_count(cpu, NR_TLB_LOCAL_FLUSH_ALL) - all, 1);

	switch_mm(mm, &init_mm, NULL);
	KUNIT_EXPECT_FALSE(test, cpumask_test_cpu(cpu, mm_cpumask(mm)));
	preempt_enable();
	mmput(mm);
}

/*
 * The local half of the lazy rule: a CPU whose kernel thread borrows mm
 * and then has to flush it leaves mm for init_mm and drops out of
 * mm_cpumask, rather than flushing.
 */
static void lazy_cpu_flushing_its_mm_switches_to_init_mm(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test);
	unsigned long flags;
	unsigned int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	local_irq_save(flags);
	load_mm_here(mm);
	enter_lazy_tlb(mm, current);
	local_irq_restore(flags);
	KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(cpu, mm_cpumask(mm)));

	flush_tlb_page(mm, 0x10000000UL);
	KUNIT_EXPECT_PTR_EQ(test, this_cpu_read(cpu_tlbstate.loaded_mm), &init_mm);
	KUNIT_EXPECT_FALSE(test, this_cpu_read(cpu_tlbstate_shared.is_lazy));
	KUNIT_EXPECT_FALSE(test, cpumask_test_cpu(cpu, mm_cpumask(mm)));
	KUNIT_EXPECT_EQ(test, read_cr3() & PTE_PFN_MASK, __pa_symbol(init_top_pgt));
	preempt_enable();
	mmput(mm);
}

/* Run on the other CPU: borrow mm lazily, as an idle CPU would. */
static void become_lazy_on(void *info)
{
	struct mm_struct **mm = info;

	if (current->mm) {	/* a user task runs there: leave it alone */
		*mm = NULL;
		return;
	}
	switch_mm_irqs_off(NULL, *mm, NULL);
	enter_lazy_tlb(*mm, current);
}

static unsigned int other_online_cpu(void)
{
	unsigned int cpu, self = smp_processor_id();

	for_each_online_cpu(cpu)
		if (cpu != self)
			return cpu;
	return NR_CPUS;
}

/*
 * The remote half: a flush that freed no page tables skips a lazy CPU
 * (it keeps mm loaded and stays in mm_cpumask); one that freed tables
 * reaches it, and it switches to init_mm and leaves mm_cpumask.
 */
static void lazy_remote_cpu_skipped_unless_tables_freed(struct kunit *test)
{
	struct mm_struct *mm = test_mm(test), *borrowed = mm;
	unsigned long received;
	unsigned int target;

	preempt_disable();
	target = other_online_cpu();
	if (target == NR_CPUS) {
		preempt_enable();
		pr_info("    # one CPU online: no remote lazy CPU to check\n");
		mmput(mm);
		return;
	}
	if (smp_call_function_single(target, become_lazy_on, &borrowed, 1) == -ENXIO) {
		preempt_enable();
		pr_info("    # smp_call_function_single() cannot reach CPU %u: no remote lazy CPU to check\n",
			target);
		mmput(mm);
		return;
	}
	if (!borrowed) {
		preempt_enable();
		pr_info("    # CPU %u runs a user task: no lazy CPU to check\n", target);
		mmput(mm);
		return;
	}
	KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(target, mm_cpumask(mm)));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(per_cpu(cpu_tlbstate_shared, target).is_lazy));

	flush_tlb_mm_range(mm, 0x10000000UL, 0x10001000UL, PAGE_SHIFT, false);
	KUNIT_EXPECT_PTR_EQ(test, READ_ONCE(per_cpu(cpu_tlbstate, target).loaded_mm), mm);
	KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(target, mm_cpumask(mm)));

	received = tlb_event_count(target, NR_TLB_REMOTE_FLUSH_RECEIVED);
	flush_tlb_mm_range(mm, 0x10000000UL, 0x10001000UL, PAGE_SHIFT, true);
	KUNIT_EXPECT_GE(test, tlb_event_count(target, NR_TLB_REMOTE_FLUSH_RECEIVED), received + 1);
	KUNIT_EXPECT_PTR_EQ(test, READ_ONCE(per_cpu(cpu_tlbstate, target).loaded_mm), &init_mm);
	KUNIT_EXPECT_FALSE(test, cpumask_test_cpu(target, mm_cpumask(mm)));
	preempt_enable();
	mmput(mm);
}

static struct kunit_case tlb_test_cases[] = {
	KUNIT_CASE(vunmap_faults_on_every_cpu),
	KUNIT_CASE(set_memory_np_faults_on_every_cpu),
	KUNIT_CASE(range_above_ceiling_becomes_full_flush),
	KUNIT_CASE(lazy_cpu_flushing_its_mm_switches_to_init_mm),
	KUNIT_CASE(lazy_remote_cpu_skipped_unless_tables_freed),
	{}
};

static struct kunit_suite tlb_test_suite = {
	.name = "tlb",
	.test_cases = tlb_test_cases,
};
kunit_test_suite(tlb_test_suite);
