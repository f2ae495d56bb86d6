// SPDX-License-Identifier: MIT
/*
 * The inter-processor interrupts of SMP: reschedule and call-function.
 * With one CPU running they only count; the scheduler and the
 * cross-CPU function calls fill them in.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>

DEFINE_IDTENTRY_SYSVEC(sysvec_reschedule_ipi)
{
	apic_eoi();
	inc_irq_stat(irq_resched_count);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_call_function)
{
	apic_eoi();
	inc_irq_stat(irq_call_count);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_call_function_single)
{
	apic_eoi();
	inc_irq_stat(irq_call_count);
}
