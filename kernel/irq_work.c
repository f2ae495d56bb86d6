// SPDX-License-Identifier: MIT
/*
 * The generic half of irq_work: claiming a work item, the per-CPU list of
 * raised work, and running it from the arch's interrupt
 * (arch/x86/kernel/irq_work.c's sysvec_irq_work calls irq_work_run()).
 * irq_work_queue_on() pushes onto another CPU's list the same way and
 * raises IRQ_WORK_VECTOR there, so the work runs (and is counted in IWI)
 * on the CPU it names. Not done: Linux's lazy list (work that may wait
 * for the next tick).
 */
#include <linux/kernel.h>
#include <linux/irq_work.h>
#include <linux/hardirq.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>

static DEFINE_PER_CPU(struct irq_work *, raised_list);

/* PENDING and BUSY together; false if someone else had PENDING already. */
static bool irq_work_claim(struct irq_work *work)
{
	unsigned int old = __atomic_fetch_or(&work->flags, IRQ_WORK_CLAIMED, __ATOMIC_SEQ_CST);

	return !(old & IRQ_WORK_PENDING);
}

/*
 * A compare-and-swap push, so that an NMI interrupting a push on this CPU
 * can push too. Only the push onto an empty list raises the IPI: a
 * non-empty list already has one on the way, which the target has not
 * yet taken the list in (it empties the list before running any of it).
 */
static bool irq_work_push(struct irq_work *work, struct irq_work **head)
{
	struct irq_work *first = __atomic_load_n(head, __ATOMIC_RELAXED);

	do {
		work->next = first;
	} while (!__atomic_compare_exchange_n(head, &first, work, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	return !first;
}

bool irq_work_queue(struct irq_work *work)
{
	if (!irq_work_claim(work))
		return false;
	preempt_disable();
	if (irq_work_push(work, this_cpu_ptr(&raised_list)))
		arch_irq_work_raise();
	preempt_enable_no_resched();
	return true;
}

/*
 * Work for @cpu, run there from its IRQ_WORK_VECTOR handler. A CPU that
 * is not online would never run it: refused with a warning, as Linux
 * warns. Sending an IPI is not NMI-safe (xAPIC's two ICR writes), so an
 * NMI may only queue on its own CPU.
 */
bool irq_work_queue_on(struct irq_work *work, int cpu)
{
	if (WARN_ON_ONCE((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu)))
		return false;
	if (!irq_work_claim(work))
		return false;
	preempt_disable();
	if (cpu == smp_processor_id()) {
		if (irq_work_push(work, this_cpu_ptr(&raised_list)))
			arch_irq_work_raise();
	} else {
		WARN_ON_ONCE(in_nmi());
		if (irq_work_push(work, per_cpu_ptr(&raised_list, cpu)))
			arch_irq_work_raise_on(cpu);
	}
	preempt_enable_no_resched();
	return true;
}

/*
 * PENDING goes before the call, so the function may queue its own work
 * again; BUSY goes after it, unless that happened.
 */
static void irq_work_single(struct irq_work *work)
{
	unsigned int flags = __atomic_fetch_and(&work->flags, ~IRQ_WORK_PENDING, __ATOMIC_SEQ_CST);

	flags &= ~IRQ_WORK_PENDING;
	work->func(work);
	__atomic_compare_exchange_n(&work->flags, &flags, flags & ~IRQ_WORK_BUSY, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

void irq_work_run(void)
{
	struct irq_work *work, *next;

	BUG_ON(!irqs_disabled());
	work = __atomic_exchange_n(this_cpu_ptr(&raised_list), NULL, __ATOMIC_SEQ_CST);
	for (; work; work = next) {
		next = work->next;	/* read first: the function may requeue it */
		irq_work_single(work);
	}
}

void irq_work_sync(struct irq_work *work)
{
	while (irq_work_is_busy(work))
		cpu_relax();
}
