// SPDX-License-Identifier: MIT
/*
 * The inter-processor interrupts of SMP: reschedule and call-function.
 * The reschedule IPI makes the target CPU look at TIF_NEED_RESCHED.
 * The call-function vectors both flush this CPU's call queue
 * (kernel/smp.c) and count in the CAL row of /proc/interrupts;
 * CALL_FUNCTION_VECTOR is the one sent to a mask of CPUs at once,
 * CALL_FUNCTION_SINGLE_VECTOR the one sent to one CPU.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>
#include <asm/irq_vectors.h>
#include <asm/topology.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <trace/events/irq_vectors.h>

/*
 * Another CPU set TIF_NEED_RESCHED on our current task (resched_curr());
 * scheduler_ipi() folds it into this CPU's preempt count, and the return
 * from this interrupt switches if it may.
 */
DEFINE_IDTENTRY_SYSVEC(sysvec_reschedule_ipi)
{
	apic_eoi();
	trace_reschedule_entry(RESCHEDULE_VECTOR);
	inc_irq_stat(irq_resched_count);
	scheduler_ipi();
	trace_reschedule_exit(RESCHEDULE_VECTOR);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_call_function)
{
	apic_eoi();
	trace_call_function_entry(CALL_FUNCTION_VECTOR);
	inc_irq_stat(irq_call_count);
	generic_smp_call_function_interrupt();
	trace_call_function_exit(CALL_FUNCTION_VECTOR);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_call_function_single)
{
	apic_eoi();
	trace_call_function_single_entry(CALL_FUNCTION_SINGLE_VECTOR);
	inc_irq_stat(irq_call_count);
	generic_smp_call_function_single_interrupt();
	trace_call_function_single_exit(CALL_FUNCTION_SINGLE_VECTOR);
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
	send_IPI(cpu, RESCHEDULE_VECTOR);
}
