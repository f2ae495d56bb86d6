// SPDX-License-Identifier: MIT
/*
 * The inter-processor interrupts of SMP: reschedule and call-function.
 * The call-function vectors both flush this CPU's call queue
 * (kernel/smp.c) and count in the CAL row of /proc/interrupts;
 * CALL_FUNCTION_VECTOR is the one sent to a mask of CPUs at once,
 * CALL_FUNCTION_SINGLE_VECTOR the one sent to one CPU.
 * The reschedule vector is the scheduler's.
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
	generic_smp_call_function_interrupt();
}

DEFINE_IDTENTRY_SYSVEC(sysvec_call_function_single)
{
	apic_eoi();
	inc_irq_stat(irq_call_count);
	generic_smp_call_function_single_interrupt();
}

void arch_send_call_function_single_ipi(int cpu)
{
	send_IPI(cpu, CALL_FUNCTION_SINGLE_VECTOR);
}

/* The shorthand when the mask is every other online CPU (Linux's native_send_call_func_ipi). */
void arch_send_call_function_ipi_mask(const struct cpumask *mask)
{
	struct cpumask allbutself;

	cpumask_copy(&allbutself, cpu_online_mask);
	cpumask_clear_cpu(smp_processor_id(), &allbutself);
	if (cpumask_equal(mask, &allbutself))
		send_IPI_allbutself(CALL_FUNCTION_VECTOR);
	else
		send_IPI_mask(mask, CALL_FUNCTION_VECTOR);
}

void smp_send_reschedule(int cpu)
{
	apic_send_IPI(x86_cpu_to_apicid[cpu], RESCHEDULE_VECTOR, APIC_DM_FIXED);
}
