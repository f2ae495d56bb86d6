/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

/*
 * Per-CPU counts that /proc reports: softirq runs (/proc/softirqs) and
 * the CPU time buckets of /proc/stat, filled by the tick
 * (kernel/sched/cputime.c). The per-IRQ counts live in each irq_desc
 * (kstat_irqs_cpu(), linux/irqdesc.h).
 */
#include <linux/interrupt.h>
#include <asm/percpu.h>

struct kernel_stat {
	unsigned int softirqs[NR_SOFTIRQS];
};

/* Linux's buckets, in /proc/stat's column order. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

/* Nanoseconds per bucket. */
struct kernel_cpustat {
	u64 cpustat[NR_STATS];
};

DECLARE_PER_CPU(struct kernel_stat, kstat);
DECLARE_PER_CPU(struct kernel_cpustat, kernel_cpustat);

#define kstat_cpu(cpu)		per_cpu(kstat, cpu)
#define kcpustat_cpu(cpu)	per_cpu(kernel_cpustat, cpu)

extern unsigned long total_forks;

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

struct task_struct;
void account_process_tick(struct task_struct *p, int user_tick);
void account_user_time(struct task_struct *p, u64 cputime);
void account_system_time(struct task_struct *p, int hardirq_offset, u64 cputime);
void account_idle_time(u64 cputime);

#endif
