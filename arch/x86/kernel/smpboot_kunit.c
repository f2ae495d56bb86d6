// SPDX-License-Identifier: MIT
/*
 * KUnit suite "smpboot": the application processors smp_init() started.
 * Every present CPU (up to maxcpus=) is online and ticks on its own local
 * APIC timer; each runs on per-CPU state of its own (GS base, GDT, TSS,
 * IST stacks, idle task), which the CPU itself proves: CPUID's APIC ID in
 * its cpu_data, the busy TSS descriptor LTR left in its own GDT, the LOC
 * count its timer interrupt bumped through GS. And a start aimed at an
 * APIC ID nobody has fails within its timeout, leaving the online CPUs
 * as they were.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/hardirq.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/realmode.h>
#include <asm/segment.h>
#include <asm/smp.h>

DECLARE_PER_CPU(struct gdt_page, gdt_page);
DECLARE_PER_CPU(struct tss_struct, cpu_tss_rw);
DECLARE_PER_CPU(struct task_struct *, current_task);

#define TSS_TYPE_BUSY	0xb	/* a 64-bit TSS that LTR has loaded */

/* How many CPUs smp_init() was to bring up: maxcpus= caps, nosmp is 1. */
static unsigned int expected_online(void)
{
	unsigned int max = setup_max_cpus ? setup_max_cpus : 1;

	return min(num_present_cpus(), max);
}

static void every_present_cpu_is_online(struct kunit *test)
{
	unsigned int cpu, n = 0;

	KUNIT_EXPECT_EQ(test, num_online_cpus(), expected_online());
	for_each_present_cpu(cpu) {
		if (n++ < expected_online())
			KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
	}
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_TRUE(test, cpu_present(cpu));
}

/* CPUID ran on each CPU with its own GS: the APIC ID in cpu_data is the MADT's. */
static void each_cpu_recorded_its_own_apic_id(struct kunit *test)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		KUNIT_EXPECT_EQ(test, cpu_data(cpu).cpu_index, cpu);
		KUNIT_EXPECT_EQ(test, cpu_data(cpu).initial_apicid, x86_cpu_to_apicid[cpu]);
	}
}

static void each_online_cpu_local_timer_ticks(struct kunit *test)
{
	unsigned int before[NR_CPUS], cpu;

	if (disable_apic) {
		/* No local APIC, no LAPIC timer: and no CPU but the boot CPU. */
		KUNIT_EXPECT_EQ(test, num_online_cpus(), 1);
		return;
	}
	for_each_online_cpu(cpu)
		before[cpu] = READ_ONCE(per_cpu(irq_stat, cpu).apic_timer_irqs);
	for_each_online_cpu(cpu) {
		volatile unsigned int *loc = &per_cpu(irq_stat, cpu).apic_timer_irqs;

		KUNIT_EXPECT_GE(test, kunit_spin_for_count(loc, before[cpu] + 2, KUNIT_HANG_MS),
				before[cpu] + 2);
	}
}

static void gs_bases_and_gdts_are_per_cpu(struct kunit *test)
{
	unsigned int a, b;

	for_each_online_cpu(a) {
		KUNIT_EXPECT_EQ(test, per_cpu(this_cpu_off, a), __per_cpu_offset[a]);
		KUNIT_EXPECT_EQ(test, per_cpu(cpu_number, a), (int)a);
		for_each_online_cpu(b) {
			if (a == b)
				continue;
			KUNIT_EXPECT_NE(test, __per_cpu_offset[a], __per_cpu_offset[b]);
			KUNIT_EXPECT_NE(test, (unsigned long)per_cpu_ptr(&gdt_page, a),
					(unsigned long)per_cpu_ptr(&gdt_page, b));
		}
	}
}

/* The TSS descriptor in each CPU's GDT names that CPU's TSS and is busy: LTR ran on it. */
static void each_cpu_loaded_its_own_tss(struct kunit *test)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct ldttss_desc *d =
			(struct ldttss_desc *)&per_cpu(gdt_page, cpu).gdt[GDT_ENTRY_TSS];
		unsigned long base = d->base0 | (unsigned long)d->base1 << 16 |
				     (unsigned long)d->base2 << 24 | (unsigned long)d->base3 << 32;

		KUNIT_EXPECT_EQ(test, base, (unsigned long)per_cpu_ptr(&cpu_tss_rw, cpu));
		KUNIT_EXPECT_EQ(test, d->type, TSS_TYPE_BUSY);
	}
}

static bool page_mapped(unsigned long va)
{
	enum pg_level level;
	pteval_t *pte = lookup_address(va, &level);

	return pte && (*pte & _PAGE_PRESENT);
}

/* Distinct IST stacks on every CPU, each mapped with an unmapped guard page below. */
static void ist_stacks_are_per_cpu_with_guard_pages(struct kunit *test)
{
	unsigned int a, b, i;

	for_each_online_cpu(a) {
		const struct x86_hw_tss *tss = &per_cpu_ptr(&cpu_tss_rw, a)->x86_tss;
		struct exception_stacks *es = per_cpu(exception_stacks, a);

		KUNIT_ASSERT_NOT_NULL(test, es);
		for (i = 0; i < N_EXCEPTION_STACKS; i++) {
			unsigned long top = tss->ist[i], bottom = top - EXCEPTION_STKSZ;

			KUNIT_EXPECT_EQ(test, top, (unsigned long)es->ist[i].stack + EXCEPTION_STKSZ);

			KUNIT_EXPECT_TRUE(test, page_mapped(bottom));
			KUNIT_EXPECT_TRUE(test, page_mapped(top - PAGE_SIZE));
			KUNIT_EXPECT_FALSE(test, page_mapped(bottom - PAGE_SIZE));
			for_each_online_cpu(b)
				if (b != a)
					KUNIT_EXPECT_NE(test, top, per_cpu(cpu_tss_rw, b).x86_tss.ist[i]);
		}
	}
}

/* Each AP runs its own idle task, on a stack whose guard page is unmapped. */
static void each_ap_runs_its_idle_task(struct kunit *test)
{
	unsigned int cpu;
	char name[16];

	for_each_online_cpu(cpu) {
		struct task_struct *idle = per_cpu(current_task, cpu);

		if (cpu == smp_processor_id())
			continue;
		KUNIT_ASSERT_NOT_NULL(test, idle);
		snprintf(name, sizeof(name), "swapper/%u", cpu);
		KUNIT_EXPECT_STREQ(test, idle->comm, name);
		KUNIT_EXPECT_TRUE(test, is_idle_task(idle));
		KUNIT_EXPECT_EQ(test, idle->cpu, cpu);
		KUNIT_EXPECT_FALSE(test, page_mapped((unsigned long)idle->stack - PAGE_SIZE));
	}
}

/* An APIC ID below the broadcast ID that no CPU the firmware listed has. */
static u32 unused_apic_id(void)
{
	u32 id = 0xfe;
	unsigned int cpu;

again:
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (x86_cpu_to_apicid[cpu] == id) {
			id--;
			goto again;
		}
	return id;
}

static void wakeup_of_missing_apic_id_fails_and_changes_nothing(struct kunit *test)
{
	struct cpumask online_before;
	int err;

	cpumask_copy(&online_before, cpu_online_mask);
	err = smpboot_wakeup_ap(unused_apic_id(), 100000);
	if (disable_apic || !real_mode_trampoline_phys) {
		/* Nothing to start CPUs with: refused, and only the boot CPU runs. */
		KUNIT_EXPECT_EQ(test, err, -ENODEV);
		KUNIT_EXPECT_EQ(test, num_online_cpus(), 1);
		return;
	}
	KUNIT_EXPECT_TRUE(test, err == -ETIMEDOUT || err == -EIO);
	KUNIT_EXPECT_NE(test, *trampoline_status(), (u32)TRAMPOLINE_STATUS_ALIVE);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&online_before, cpu_online_mask));
	KUNIT_EXPECT_EQ(test, num_online_cpus(), expected_online());
}

static struct kunit_case smpboot_test_cases[] = {
	KUNIT_CASE(every_present_cpu_is_online),
	KUNIT_CASE(each_cpu_recorded_its_own_apic_id),
	KUNIT_CASE(each_online_cpu_local_timer_ticks),
	KUNIT_CASE(gs_bases_and_gdts_are_per_cpu),
	KUNIT_CASE(each_cpu_loaded_its_own_tss),
	KUNIT_CASE(ist_stacks_are_per_cpu_with_guard_pages),
	KUNIT_CASE(each_ap_runs_its_idle_task),
	KUNIT_CASE(wakeup_of_missing_apic_id_fails_and_changes_nothing),
	{}
};

static struct kunit_suite smpboot_test_suite = {
	.name = "smpboot",
	.test_cases = smpboot_test_cases,
};
kunit_test_suite(smpboot_test_suite);
