// SPDX-License-Identifier: MIT
/*
 * A per-CPU area for every possible CPU, as Linux's setup_per_cpu_areas():
 * each is a copy of the template section (.data..percpu, linked at 0),
 * and __per_cpu_offset[cpu] is its base, so per_cpu(var, cpu) is
 * *(&var + __per_cpu_offset[cpu]) and a CPU whose GS base is that offset
 * reaches its own copy with this_cpu_*(). Each copy's this_cpu_off and
 * cpu_number are set here, so a CPU being started only has to load GS.
 *
 * The boot CPU keeps the template in the image as its copy (head64.c set
 * GS there before anything could run): its GDT and TSS are loaded from
 * it, and moving them would mean reloading both. Every other copy is
 * taken from the template as it stands now, which is why this runs
 * before the subsystems that keep per-CPU state are initialised; what
 * CPU 0 has already written for itself (current_task, the top of stack,
 * the preempt count) is copied too and is for the CPU's start-up code to
 * set.
 */
#define pr_fmt(fmt) "setup_percpu: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/numa.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/smp.h>

extern char __per_cpu_start[], __per_cpu_end[], __per_cpu_load[];

static void *pcpu_alloc_area(unsigned long size)
{
	void *area = (void *)__get_free_pages(GFP_KERNEL, get_order(size));

	if (!area)
		panic("setup_per_cpu_areas: no memory for a %lu-byte per-CPU area", size);
	return area;
}

void setup_per_cpu_areas(void)
{
	unsigned long size = __per_cpu_end - __per_cpu_start;
	unsigned int cpu;

	pr_info("NR_CPUS:%d nr_cpumask_bits:%u nr_cpu_ids:%u nr_node_ids:%u\n",
		NR_CPUS, nr_cpumask_bits, nr_cpu_ids, nr_node_ids);

	for_each_possible_cpu(cpu) {
		char *area;

		if (cpu == 0)
			continue;
		area = pcpu_alloc_area(size);
		memcpy(area, __per_cpu_load, size);
		__per_cpu_offset[cpu] = (unsigned long)area - (unsigned long)__per_cpu_start;
		per_cpu(this_cpu_off, cpu) = __per_cpu_offset[cpu];
		per_cpu(cpu_number, cpu) = cpu;
	}
}
