/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

/*
 * Per-CPU event counts that /proc reports: here the softirq counts
 * (/proc/softirqs); the per-IRQ counts live in each irq_desc
 * (kstat_irqs_cpu(), linux/irqdesc.h). Linux's CPU time buckets of
 * /proc/stat are not kept.
 */
#include <linux/interrupt.h>
#include <asm/percpu.h>

struct kernel_stat {
	unsigned int softirqs[NR_SOFTIRQS];
};

DECLARE_PER_CPU(struct kernel_stat, kstat);

#define kstat_cpu(cpu)	per_cpu(kstat, cpu)

/*
 * Only softirq processing counts, and it never nests on one CPU, so the
 * increment needs no protection against this CPU's interrupts.
 */
static inline void kstat_incr_softirqs_this_cpu(unsigned int irq)
{
	this_cpu_ptr(&kstat)->softirqs[irq]++;
}

static inline unsigned int kstat_softirqs_cpu(unsigned int irq, int cpu)
{
	return READ_ONCE(kstat_cpu(cpu).softirqs[irq]);
}

#endif
