// SPDX-License-Identifier: MIT
/*
 * KUnit suite "percpu": every possible CPU has a per-CPU area of its own,
 * ready for a CPU being started to load into GS: this_cpu_off names the
 * area, cpu_number the CPU, the areas do not overlap, and a write
 * through per_cpu() for one CPU reaches no other.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <kunit/test.h>
#include <asm/percpu.h>
#include <asm/smp.h>

extern char __per_cpu_start[], __per_cpu_end[];

static DEFINE_PER_CPU(unsigned long, percpu_probe);

static void every_possible_cpu_has_its_area(struct kunit *test)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		KUNIT_EXPECT_NE(test, __per_cpu_offset[cpu], 0);
		KUNIT_EXPECT_EQ(test, per_cpu(this_cpu_off, cpu), __per_cpu_offset[cpu]);
		KUNIT_EXPECT_EQ(test, per_cpu(cpu_number, cpu), (int)cpu);
	}
}

static void areas_do_not_overlap(struct kunit *test)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	unsigned int a, b;

	for_each_possible_cpu(a)
		for_each_possible_cpu(b) {
			unsigned long lo = min(__per_cpu_offset[a], __per_cpu_offset[b]);
			unsigned long hi = max(__per_cpu_offset[a], __per_cpu_offset[b]);

			if (a != b)
				KUNIT_EXPECT_GE(test, hi - lo, size);
		}
}

static void a_write_for_one_cpu_reaches_only_its_copy(struct kunit *test)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		per_cpu(percpu_probe, cpu) = 0x1000 + cpu;
	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, per_cpu(percpu_probe, cpu), 0x1000UL + cpu);
	KUNIT_EXPECT_EQ(test, this_cpu_read(percpu_probe), 0x1000UL + smp_processor_id());
}

static struct kunit_case percpu_test_cases[] = {
	KUNIT_CASE(every_possible_cpu_has_its_area),
	KUNIT_CASE(areas_do_not_overlap),
	KUNIT_CASE(a_write_for_one_cpu_reaches_only_its_copy),
	{}
};

static struct kunit_suite percpu_test_suite = {
	.name = "percpu",
	.test_cases = percpu_test_cases,
};
kunit_test_suite(percpu_test_suite);
