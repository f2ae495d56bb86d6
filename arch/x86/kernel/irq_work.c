// SPDX-License-Identifier: MIT
/*
 * IRQ_WORK_VECTOR: work a context that cannot take locks (an NMI, say)
 * hands to interrupt context by raising a self-IPI. Only the vector and
 * its accounting exist yet; the work list comes with deferred work.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>

void arch_irq_work_raise(void)
{
	apic->send_IPI_self(IRQ_WORK_VECTOR);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_irq_work)
{
	apic_eoi();
	inc_irq_stat(apic_irq_work_irqs);
}
