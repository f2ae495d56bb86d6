// SPDX-License-Identifier: MIT
/*
 * CPU numbers from the firmware's processor list: each local APIC the
 * MADT reports (acpi_register_lapic()) gets a logical CPU number, the
 * boot CPU 0 and the others in MADT order, and becomes present and
 * possible; prefill_possible_map() then fixes the possible set and
 * nr_cpu_ids under the command line's caps (nr_cpus=, maxcpus=, nosmp).
 * Linux 6.6 does the same in apic.c (generic_processor_info()) and
 * smpboot.c (prefill_possible_map()), with the same messages; later
 * Linux moved it here. Starting the CPUs is smpboot's business.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <asm/acpi.h>
#include <asm/topology.h>

#define MAX_LOCAL_APIC		32768

/* Index = logical CPU; BAD_APICID where no CPU was registered. */
u32 x86_cpu_to_apicid[NR_CPUS] = { [0 ... NR_CPUS - 1] = BAD_APICID };
u32 x86_cpu_to_acpiid[NR_CPUS] = { [0 ... NR_CPUS - 1] = UINT32_MAX };

/* Enabled processors registered, and those refused or left for hotplug. */
unsigned int num_processors, disabled_cpus;

/* Logical numbers handed out so far; 0 is kept for the boot CPU. */
static unsigned int nr_logical_cpuids = 1;
static u32 boot_cpu_apic_id = BAD_APICID;

/* The boot CPU's APIC ID, so its MADT entry becomes CPU 0 wherever it is listed. */
void topology_register_boot_apic(u32 apic_id)
{
	boot_cpu_apic_id = apic_id;
}

void topology_reset(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		x86_cpu_to_apicid[cpu] = BAD_APICID;
		x86_cpu_to_acpiid[cpu] = UINT32_MAX;
	}
	num_processors = disabled_cpus = 0;
	nr_logical_cpuids = 1;
	boot_cpu_apic_id = BAD_APICID;
	cpumask_clear(&__cpu_present_mask);
	cpumask_clear(&__cpu_possible_mask);
	cpumask_clear(&__cpu_online_mask);
	set_cpu_present(0, true);
	set_cpu_possible(0, true);
	set_cpu_online(0, true);
	set_nr_cpu_ids(NR_CPUS);
	setup_max_cpus = NR_CPUS;
}

/* A second entry for the same APIC keeps its first number. */
static int allocate_logical_cpuid(u32 apicid)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_logical_cpuids; cpu++)
		if (x86_cpu_to_apicid[cpu] == apicid)
			return cpu;
	if (nr_logical_cpuids >= nr_cpu_ids) {
		pr_warn_once("APIC: NR_CPUS/possible_cpus limit of %u reached. "
			     "Processor %u/0x%x and the rest are ignored.\n",
			     nr_cpu_ids, nr_logical_cpuids, apicid);
		return -EINVAL;
	}
	return nr_logical_cpuids++;
}

/**
 * generic_processor_info - give an enabled local APIC a logical CPU number
 * @apicid: its APIC ID
 *
 * While the boot CPU's own entry has not been seen, one number is kept
 * back for it, so a long list cannot crowd CPU 0 out.
 *
 * Return: the CPU number, or -ENODEV/-EINVAL when the processor is
 * ignored (counted in disabled_cpus).
 */
int generic_processor_info(u32 apicid)
{
	bool boot_cpu_detected = x86_cpu_to_apicid[0] == boot_cpu_apic_id;
	int cpu;

	if (!boot_cpu_detected && num_processors >= nr_cpu_ids - 1 &&
	    apicid != boot_cpu_apic_id) {
		pr_warn("APIC: NR_CPUS/possible_cpus limit of %u almost reached. "
			"Keeping one slot for boot cpu.  Processor %u/0x%x ignored.\n",
			nr_cpu_ids, nr_cpu_ids + disabled_cpus - 1, apicid);
		disabled_cpus++;
		return -ENODEV;
	}
	if (num_processors >= nr_cpu_ids) {
		pr_warn("APIC: NR_CPUS/possible_cpus limit of %u reached. "
			"Processor %u/0x%x ignored.\n", nr_cpu_ids, nr_cpu_ids + disabled_cpus,
			apicid);
		disabled_cpus++;
		return -EINVAL;
	}

	cpu = apicid == boot_cpu_apic_id ? 0 : allocate_logical_cpuid(apicid);
	if (cpu < 0) {
		disabled_cpus++;
		return cpu;
	}
	num_processors++;
	x86_cpu_to_apicid[cpu] = apicid;
	set_cpu_possible(cpu, true);
	set_cpu_present(cpu, true);
	return cpu;
}

/* The MADT's callback (arch/x86/kernel/acpi/boot.c) for each usable LAPIC or x2APIC entry. */
int acpi_register_lapic(u32 apic_id, u32 acpi_id, bool enabled)
{
	int cpu;

	if (apic_id >= MAX_LOCAL_APIC) {
		pr_info("ACPI: skipped apicid that is too big\n");
		return -EINVAL;
	}
	if (!enabled) {
		disabled_cpus++;
		return -EINVAL;
	}
	cpu = generic_processor_info(apic_id);
	if (cpu >= 0)
		x86_cpu_to_acpiid[cpu] = acpi_id;
	return cpu < 0 ? cpu : 0;
}

/* How many CPUs may ever run: the MADT's, plus its hotplug slots, under the caps. */
static unsigned int possible_cpus(void)
{
	unsigned int max = setup_max_cpus ? setup_max_cpus : 1;
	unsigned int possible = num_processors;

	if (setup_max_cpus)
		possible += disabled_cpus;
	if (possible > nr_cpu_ids) {
		pr_warn("smpboot: %u Processors exceeds NR_CPUS limit of %u\n", possible,
			nr_cpu_ids);
		possible = nr_cpu_ids;
	}
	if (!setup_max_cpus && possible > max) {
		pr_warn("smpboot: %u Processors exceeds max_cpus limit of %u\n", possible,
			setup_max_cpus);
		possible = max;
	}
	return possible;
}

/**
 * prefill_possible_map - fix cpu_possible_mask and nr_cpu_ids for this boot
 *
 * Runs once the MADT has been read and before the per-CPU areas are set
 * up. With no processor list at all the boot CPU alone is possible.
 * nosmp leaves only CPU 0 present, as Linux's disable_smp() does.
 */
void prefill_possible_map(void)
{
	unsigned int i, possible;

	if (!num_processors) {
		if (boot_cpu_apic_id != BAD_APICID)
			generic_processor_info(boot_cpu_apic_id);
		if (!num_processors)
			num_processors = 1;
	}
	possible = possible_cpus();
	set_nr_cpu_ids(possible);
	pr_info("smpboot: Allowing %u CPUs, %u hotplug CPUs\n", possible,
		possible > num_processors ? possible - num_processors : 0);

	reset_cpu_possible_mask();
	for (i = 0; i < possible; i++)
		set_cpu_possible(i, true);
	cpumask_and(&__cpu_present_mask, cpu_present_mask, cpu_possible_mask);
	set_cpu_present(0, true);
	if (!setup_max_cpus)
		cpumask_copy(&__cpu_present_mask, cpumask_of(0));
	if (x86_cpu_to_apicid[0] == BAD_APICID)
		x86_cpu_to_apicid[0] = boot_cpu_apic_id;
}
