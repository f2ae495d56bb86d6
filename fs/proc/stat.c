// SPDX-License-Identifier: MIT
/*
 * /proc/stat in Linux's layout, so top, vmstat and mpstat read it as they
 * read Linux's: the "cpu" line (every possible CPU summed) and one
 * "cpuN" line per online CPU, ten time columns each in USER_HZ ticks
 * (kernel/sched/cputime.c fills the buckets); "intr" (the total, then
 * one count per IRQ number); "ctxt", "btime", "processes",
 * "procs_running", "procs_blocked"; "softirq" (the total, then the ten).
 */
#include <linux/kernel.h>
#include <linux/kernel_stat.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <linux/irqnr.h>
#include <linux/irqdesc.h>
#include <linux/sched/stat.h>
#include <asm/hardirq.h>

#define USER_HZ		100

extern s64 boot_realtime_sec;

static u64 nsec_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / USER_HZ);
}

static void show_cpu_times(struct seq_file *p, const u64 *cpustat)
{
	static const enum cpu_usage_stat order[NR_STATS] = {
		CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE, CPUTIME_IOWAIT,
		CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL, CPUTIME_GUEST,
		CPUTIME_GUEST_NICE,
	};
	unsigned int i;

	for (i = 0; i < NR_STATS; i++)
		seq_printf(p, " %llu", (unsigned long long)nsec_to_clock_t(cpustat[order[i]]));
	seq_putc(p, '\n');
}

static void show_all_cpu_times(struct seq_file *p)
{
	u64 sum[NR_STATS] = { 0 };
	unsigned int cpu, i;

	for_each_possible_cpu(cpu)
		for (i = 0; i < NR_STATS; i++)
			sum[i] += READ_ONCE(kcpustat_cpu(cpu).cpustat[i]);
	seq_puts(p, "cpu ");
	show_cpu_times(p, sum);
	for_each_online_cpu(cpu) {
		u64 one[NR_STATS];

		for (i = 0; i < NR_STATS; i++)
			one[i] = READ_ONCE(kcpustat_cpu(cpu).cpustat[i]);
		seq_printf(p, "cpu%u", cpu);
		show_cpu_times(p, one);
	}
}

static void show_irqs(struct seq_file *p)
{
	u64 sum = arch_irq_stat();
	unsigned int cpu;
	int irq;

	for_each_possible_cpu(cpu)
		sum += arch_irq_stat_cpu(cpu);
	for (irq = 0; irq < nr_irqs; irq++)
		sum += kstat_irqs_usr(irq);
	seq_printf(p, "intr %llu", (unsigned long long)sum);
	for (irq = 0; irq < nr_irqs; irq++)
		seq_printf(p, " %u", kstat_irqs_usr(irq));
	seq_putc(p, '\n');
}

static void show_softirqs(struct seq_file *p)
{
	unsigned int per[NR_SOFTIRQS] = { 0 };
	unsigned long long sum = 0;
	unsigned int cpu, i;

	for_each_possible_cpu(cpu)
		for (i = 0; i < NR_SOFTIRQS; i++)
			per[i] += kstat_softirqs_cpu(i, cpu);
	for (i = 0; i < NR_SOFTIRQS; i++)
		sum += per[i];
	seq_printf(p, "softirq %llu", sum);
	for (i = 0; i < NR_SOFTIRQS; i++)
		seq_printf(p, " %u", per[i]);
	seq_putc(p, '\n');
}

int show_stat(struct seq_file *p, void *v)
{
	show_all_cpu_times(p);
	show_irqs(p);
	seq_printf(p, "ctxt %llu\nbtime %llu\nprocesses %lu\nprocs_running %u\nprocs_blocked %u\n",
		   nr_context_switches(), (unsigned long long)boot_realtime_sec, total_forks,
		   nr_running(), nr_iowait());
	show_softirqs(p);
	return 0;
}
