// SPDX-License-Identifier: MIT
/*
 * The inter-processor interrupts of SMP: reschedule and call-function.
 * The reschedule IPI makes the target CPU look at TIF_NEED_RESCHED;
 * the call-function ones are filled in by the cross-CPU calls.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>
#include <asm/irq_vectors.h>
#include <asm/topology.h>
#include <linux/smp.h>
#include <linux/sched.h>

/*
 * Another CPU set TIF_NEED_RESCHED on our current task (resched_curr());
 * scheduler_ipi() folds it into this CPU's preempt count, and the return
 * from this interrupt switches if it may.
 */
DEFINE_IDTENTRY_SYSVEC(sysvec_reschedule_ipi)
{
	apic_eoi();
	inc_irq_stat(irq_resched_count);
	scheduler_ipi();
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
