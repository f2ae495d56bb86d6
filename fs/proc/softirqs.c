// SPDX-License-Identifier: MIT
/*
 * /proc/softirqs: how many times each softirq's action ran on each CPU,
 * in Linux's layout (a CPU header, then one row per softirq: the name
 * right-aligned in 12 columns, a colon, and a 10-wide count per CPU), so
 * that tools reading Linux's file read this one. The counts are
 * kernel/softirq.c's (kstat_softirqs_cpu()).
 */
#include <linux/kernel.h>
#include <linux/kernel_stat.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>

int softirqs_proc_show(struct seq_file *p, void *v)
{
	int cpu, nr;

	seq_puts(p, "                    ");
	for_each_possible_cpu(cpu)
		seq_printf(p, "CPU%-8d", cpu);
	seq_putc(p, '\n');
	for (nr = 0; nr < NR_SOFTIRQS; nr++) {
		seq_printf(p, "%12s:", softirq_to_name[nr]);
		for_each_possible_cpu(cpu)
			seq_printf(p, " %10u", kstat_softirqs_cpu(nr, cpu));
		seq_putc(p, '\n');
	}
	return 0;
}
