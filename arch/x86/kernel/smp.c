// SPDX-License-Identifier: MIT
/*
 * The inter-processor interrupts of SMP: reschedule and call-function.
 * They only count so far: the scheduler and the cross-CPU function calls
 * fill them in.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>
#include <asm/irq_vectors.h>
#include <asm/topology.h>
#include <linux/smp.h>

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

void smp_send_reschedule(int cpu)
{
	apic_send_IPI(x86_cpu_to_apicid[cpu], RESCHEDULE_VECTOR, APIC_DM_FIXED);
}
