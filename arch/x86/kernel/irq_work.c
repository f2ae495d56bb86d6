// SPDX-License-Identifier: MIT
/*
 * IRQ_WORK_VECTOR: work a context that cannot take locks (an NMI, say)
 * hands to interrupt context by raising a self-IPI, or that another CPU
 * queued for this one. The work lists are kernel/irq_work.c's; this file
 * owns the vector.
 */
#include <linux/kernel.h>
#include <linux/irq_work.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>
#include <trace/events/irq_vectors.h>

void arch_irq_work_raise(void)
{
	apic->send_IPI_self(IRQ_WORK_VECTOR);
}

void arch_irq_work_raise_on(int cpu)
{
	send_IPI(cpu, IRQ_WORK_VECTOR);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_irq_work)
{
	apic_eoi();
	trace_irq_work_entry(IRQ_WORK_VECTOR);
	inc_irq_stat(apic_irq_work_irqs);
	irq_work_run();
	trace_irq_work_exit(IRQ_WORK_VECTOR);
}
