// SPDX-License-Identifier: MIT
/*
 * KUnit suite "cpumask": the CPU masks as the MADT and the command line
 * left them — online within present within possible, possible a prefix
 * 0..nr_cpu_ids-1, every present CPU with its own APIC ID (the boot
 * CPU's as CPU 0) — and the list format of /sys/devices/system/cpu.
 * Holds on any -smp; the caps themselves are pinned on the host
 * (tests/unit/test_topology.c).
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <kunit/test.h>
#include <asm/processor.h>
#include <asm/topology.h>

static void masks_nest_online_present_possible(struct kunit *test)
{
	struct cpumask tmp;

	KUNIT_EXPECT_TRUE(test, cpu_online(0));
	cpumask_and(&tmp, cpu_online_mask, cpu_present_mask);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&tmp, cpu_online_mask));
	cpumask_and(&tmp, cpu_present_mask, cpu_possible_mask);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&tmp, cpu_present_mask));
}

static void possible_cpus_are_0_to_nr_cpu_ids(struct kunit *test)
{
	unsigned int cpu, n = 0;

	KUNIT_EXPECT_EQ(test, num_possible_cpus(), nr_cpu_ids);
	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, cpu, n++);
	KUNIT_EXPECT_EQ(test, n, nr_cpu_ids);
	KUNIT_EXPECT_EQ(test, nr_cpumask_bits, nr_cpu_ids);
}

static void present_cpus_are_the_madts_processors(struct kunit *test)
{
	unsigned int cpu, other, n = 0;

	if (setup_max_cpus)
		KUNIT_EXPECT_EQ(test, num_present_cpus(), min(num_processors, nr_cpu_ids));
	KUNIT_EXPECT_EQ(test, x86_cpu_to_apicid[0], boot_cpu_data.initial_apicid);
	for_each_present_cpu(cpu) {
		n++;
		KUNIT_EXPECT_NE(test, x86_cpu_to_apicid[cpu], BAD_APICID);
		for (other = 0; other < cpu; other++)
			KUNIT_EXPECT_NE(test, x86_cpu_to_apicid[cpu], x86_cpu_to_apicid[other]);
	}
	KUNIT_EXPECT_EQ(test, n, num_present_cpus());
}

static void present_list_prints_as_linux(struct kunit *test)
{
	char want[16], got[16];

	if (num_present_cpus() == 1)
		snprintf(want, sizeof(want), "0\n");
	else
		snprintf(want, sizeof(want), "0-%u\n", num_present_cpus() - 1);
	cpumap_print_list(got, sizeof(got), cpu_present_mask);
	KUNIT_EXPECT_STREQ(test, got, want);
}

static struct kunit_case cpumask_test_cases[] = {
	KUNIT_CASE(masks_nest_online_present_possible),
	KUNIT_CASE(possible_cpus_are_0_to_nr_cpu_ids),
	KUNIT_CASE(present_cpus_are_the_madts_processors),
	KUNIT_CASE(present_list_prints_as_linux),
	{}
};

static struct kunit_suite cpumask_test_suite = {
	.name = "cpumask",
	.test_cases = cpumask_test_cases,
};
kunit_test_suite(cpumask_test_suite);
