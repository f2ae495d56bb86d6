// SPDX-License-Identifier: MIT
/* unit-test-sources: arch/x86/kernel/cpu/topology.c kernel/cpu.c */
/*
 * Logical CPU numbers from the MADT's processor entries, and the masks
 * and nr_cpu_ids that prefill_possible_map() leaves under nr_cpus=,
 * maxcpus= and nosmp. Each test replays what acpi/boot.c reports for a
 * firmware processor list (acpi_register_lapic(), in MADT order); which
 * entries boot.c reports at all is test_acpi.c's business.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <asm/acpi.h>
#include <asm/topology.h>

static int setup(void **state)
{
	topology_reset();
	host_log_reset();
	return 0;
}

/* Each entry as boot.c reports it: apic_id, acpi_id, enabled. */
struct entry { u32 apic_id, acpi_id; bool enabled; };

static void boot_with(u32 boot_apic, const struct entry *e, unsigned int n)
{
	unsigned int i;

	topology_register_boot_apic(boot_apic);
	for (i = 0; i < n; i++)
		acpi_register_lapic(e[i].apic_id, e[i].acpi_id, e[i].enabled);
	prefill_possible_map();
}

static unsigned long mask_word(const struct cpumask *m)
{
	return cpumask_bits(m)[0];
}

static const struct entry four[] = {
	{ 0, 0, true }, { 1, 1, true }, { 2, 2, true }, { 3, 3, true },
};

static void four_cpus_are_present_and_possible_only_cpu0_online(void **state)
{
	boot_with(0, four, 4);
	assert_int_equal(nr_cpu_ids, 4);
	assert_int_equal(num_possible_cpus(), 4);
	assert_int_equal(mask_word(cpu_present_mask), 0xf);
	assert_int_equal(mask_word(cpu_online_mask), 0x1);
	assert_int_equal(x86_cpu_to_apicid[3], 3);
	assert_int_equal(x86_cpu_to_acpiid[2], 2);
	assert_true(host_log_contains("smpboot: Allowing 4 CPUs, 0 hotplug CPUs"));
}

static void boot_cpu_is_cpu0_wherever_the_madt_lists_it(void **state)
{
	static const struct entry e[] = {
		{ 4, 10, true }, { 6, 11, true }, { 2, 12, true }, { 8, 13, true },
	};

	boot_with(2, e, 4);
	assert_int_equal(x86_cpu_to_apicid[0], 2);
	assert_int_equal(x86_cpu_to_acpiid[0], 12);
	/* The others keep MADT order. */
	assert_int_equal(x86_cpu_to_apicid[1], 4);
	assert_int_equal(x86_cpu_to_apicid[2], 6);
	assert_int_equal(x86_cpu_to_apicid[3], 8);
}

static void x2apic_ids_above_255_are_numbered_like_any_other(void **state)
{
	static const struct entry e[] = {
		{ 0, 0, true }, { 0x100, 1, true }, { 0x7fff, 2, true }, { 0x8000, 3, true },
	};

	boot_with(0, e, 4);
	assert_int_equal(x86_cpu_to_apicid[1], 0x100);
	assert_int_equal(x86_cpu_to_apicid[2], 0x7fff);
	assert_int_equal(nr_cpu_ids, 3);		/* 0x8000 is past MAX_LOCAL_APIC */
	assert_true(host_log_contains("skipped apicid that is too big"));
}

static void disabled_entries_become_hotplug_cpus(void **state)
{
	static const struct entry e[] = {
		{ 0, 0, true }, { 1, 1, true }, { 2, 2, false }, { 3, 3, false },
	};

	boot_with(0, e, 4);
	assert_int_equal(nr_cpu_ids, 4);
	assert_int_equal(mask_word(cpu_possible_mask), 0xf);
	assert_int_equal(mask_word(cpu_present_mask), 0x3);
	assert_int_equal(disabled_cpus, 2);
	assert_true(host_log_contains("Allowing 4 CPUs, 2 hotplug CPUs"));
}

static void a_duplicate_apic_keeps_its_first_number(void **state)
{
	static const struct entry e[] = { { 0, 0, true }, { 5, 1, true }, { 5, 2, true } };

	boot_with(0, e, 3);
	assert_int_equal(x86_cpu_to_apicid[1], 5);
	assert_int_equal(x86_cpu_to_apicid[2], BAD_APICID);
}

static void nr_cpus_caps_possible_and_reports_the_rest(void **state)
{
	set_nr_cpu_ids(2);		/* nr_cpus=2, parsed before the MADT */
	boot_with(0, four, 4);
	assert_int_equal(nr_cpu_ids, 2);
	assert_int_equal(mask_word(cpu_possible_mask), 0x3);
	assert_int_equal(mask_word(cpu_present_mask), 0x3);
	assert_true(host_log_contains(
		"APIC: NR_CPUS/possible_cpus limit of 2 reached. Processor 2/0x2 ignored."));
	assert_true(host_log_contains(
		"APIC: NR_CPUS/possible_cpus limit of 2 reached. Processor 3/0x3 ignored."));
}

static void a_full_list_keeps_a_slot_for_the_boot_cpu(void **state)
{
	static const struct entry e[] = { { 1, 0, true }, { 2, 1, true }, { 0, 2, true } };

	set_nr_cpu_ids(2);
	boot_with(0, e, 3);
	assert_int_equal(x86_cpu_to_apicid[0], 0);
	assert_int_equal(x86_cpu_to_apicid[1], 1);
	assert_true(host_log_contains("Keeping one slot for boot cpu.  Processor 1/0x2 ignored."));
}

static void maxcpus_leaves_the_rest_present_and_possible(void **state)
{
	setup_max_cpus = 2;		/* maxcpus=2 */
	boot_with(0, four, 4);
	assert_int_equal(nr_cpu_ids, 4);
	assert_int_equal(mask_word(cpu_possible_mask), 0xf);
	assert_int_equal(mask_word(cpu_present_mask), 0xf);
}

static void nosmp_leaves_only_cpu0(void **state)
{
	setup_max_cpus = 0;		/* nosmp, or maxcpus=0 */
	boot_with(0, four, 4);
	assert_int_equal(nr_cpu_ids, 1);
	assert_int_equal(mask_word(cpu_possible_mask), 0x1);
	assert_int_equal(mask_word(cpu_present_mask), 0x1);
	assert_true(host_log_contains("4 Processors exceeds max_cpus limit of 0"));
	assert_true(host_log_contains("Allowing 1 CPUs, 0 hotplug CPUs"));
}

static void no_processor_list_still_has_the_boot_cpu(void **state)
{
	boot_with(3, NULL, 0);
	assert_int_equal(nr_cpu_ids, 1);
	assert_int_equal(x86_cpu_to_apicid[0], 3);
	assert_int_equal(mask_word(cpu_present_mask), 0x1);
}

static void cpu_lists_print_as_linux_does(void **state)
{
	struct cpumask m = { { 0 } };
	char buf[64];

	set_nr_cpu_ids(64);
	assert_int_equal(cpumap_print_list(buf, sizeof(buf), &m), 1);
	assert_string_equal(buf, "\n");
	cpumask_set_cpu(0, &m);
	cpumap_print_list(buf, sizeof(buf), &m);
	assert_string_equal(buf, "0\n");
	cpumask_set_cpu(1, &m);
	cpumask_set_cpu(2, &m);
	cpumask_set_cpu(3, &m);
	cpumask_set_cpu(5, &m);
	cpumask_set_cpu(7, &m);
	cpumask_set_cpu(8, &m);
	cpumask_set_cpu(63, &m);
	cpumap_print_list(buf, sizeof(buf), &m);
	assert_string_equal(buf, "0-3,5,7-8,63\n");
	/* A short buffer is cut, never overrun, and the length says what was written. */
	assert_int_equal(cpumap_print_list(buf, 4, &m), 3);
	assert_string_equal(buf, "0-3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(four_cpus_are_present_and_possible_only_cpu0_online, setup),
		cmocka_unit_test_setup(boot_cpu_is_cpu0_wherever_the_madt_lists_it, setup),
		cmocka_unit_test_setup(x2apic_ids_above_255_are_numbered_like_any_other, setup),
		cmocka_unit_test_setup(disabled_entries_become_hotplug_cpus, setup),
		cmocka_unit_test_setup(a_duplicate_apic_keeps_its_first_number, setup),
		cmocka_unit_test_setup(nr_cpus_caps_possible_and_reports_the_rest, setup),
		cmocka_unit_test_setup(a_full_list_keeps_a_slot_for_the_boot_cpu, setup),
		cmocka_unit_test_setup(maxcpus_leaves_the_rest_present_and_possible, setup),
		cmocka_unit_test_setup(nosmp_leaves_only_cpu0, setup),
		cmocka_unit_test_setup(no_processor_list_still_has_the_boot_cpu, setup),
		cmocka_unit_test_setup(cpu_lists_print_as_linux_does, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
