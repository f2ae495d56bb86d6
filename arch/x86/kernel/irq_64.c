// SPDX-License-Identifier: MIT
/*
 * The per-CPU IRQ stacks (see asm/irq_stack.h for how the entry code
 * switches to them): IRQ_STACK_SIZE each, mapped in the kernel-stack
 * area above an unmapped guard page, so an overflow faults (and becomes
 * a #DF on its IST stack) instead of running into its neighbour. Also
 * do_softirq_own_stack(), which moves softirqs started from a task
 * (local_bh_enable()) onto the IRQ stack.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/cpumask.h>
#include <asm/irq_stack.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

DEFINE_PER_CPU(void *, hardirq_stack_ptr);
DEFINE_PER_CPU(bool, hardirq_stack_inuse);

/*
 * Give @cpu its IRQ stack; a CPU that already has one keeps it, so this
 * may be called again when the CPU is brought up.
 */
int irq_init_percpu_irqstack(unsigned int cpu)
{
	void *stack;

	if (per_cpu(hardirq_stack_ptr, cpu))
		return 0;
	stack = vmap_stack_alloc();
	if (!stack)
		return -ENOMEM;
	per_cpu(hardirq_stack_ptr, cpu) = stack + IRQ_STACK_SIZE - 16;
	return 0;
}

/*
 * Softirqs from task context (do_softirq(), interrupts off): the task
 * stack may already be deep, so they run on this CPU's IRQ stack, which
 * is not in use while no interrupt is being served. Before init_IRQ()
 * there is none yet, and no interrupt either: the boot stack serves.
 */
void do_softirq_own_stack(void)
{
	if (unlikely(!__this_cpu_read(hardirq_stack_ptr))) {
		__do_softirq();
		return;
	}
	__this_cpu_write(hardirq_stack_inuse, true);
	call_on_irqstack(__do_softirq, ASM_CALL_ARG0);
	__this_cpu_write(hardirq_stack_inuse, false);
}
