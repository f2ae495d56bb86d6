/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_HARDIRQ_H
#define _ASM_X86_HARDIRQ_H

#include <linux/types.h>
#include <asm/percpu.h>

/* Per-CPU counts of the system vectors, the rows after the IRQs in /proc/interrupts. */
typedef struct {
	unsigned int __nmi_count;		/* NMI */
	unsigned int apic_timer_irqs;		/* LOC */
	unsigned int irq_spurious_count;	/* SPU */
	unsigned int apic_perf_irqs;		/* PMI */
	unsigned int apic_irq_work_irqs;	/* IWI */
	unsigned int irq_resched_count;		/* RES */
	unsigned int irq_call_count;		/* CAL */
} irq_cpustat_t;

DECLARE_PER_CPU(irq_cpustat_t, irq_stat);
#define inc_irq_stat(member)	this_cpu_inc(irq_stat.member)

/* ERR: APIC errors and interrupts nobody could take (no vector owner, bad PIC IRQs). */
extern unsigned int irq_err_count;
/* MIS: level interrupts the IOAPIC delivered while the line was being moved. */
extern unsigned int irq_mis_count;

/* For /proc/stat: system-vector interrupts on one CPU, and those counted on none. */
u64 arch_irq_stat_cpu(unsigned int cpu);
u64 arch_irq_stat(void);

#endif
