/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQ_WORK_H
#define _LINUX_IRQ_WORK_H

/*
 * irq_work: a callback that a context which may not take locks or sleep
 * (an NMI, a tracer) queues to run soon in hard-interrupt context on the
 * same CPU, or (irq_work_queue_on(), not from an NMI) on a named one. Queueing is lock-free; the first item on an empty list raises
 * a self-IPI (IRQ_WORK_VECTOR on x86), whose handler calls irq_work_run().
 *
 * @flags:	IRQ_WORK_PENDING (queued) and IRQ_WORK_BUSY (queued or running)
 */
#include <linux/types.h>
#include <linux/compiler.h>

struct irq_work {
	struct irq_work		*next;
	unsigned int		flags;
	void			(*func)(struct irq_work *work);
};

#define IRQ_WORK_PENDING	0x01
#define IRQ_WORK_BUSY		0x02
#define IRQ_WORK_CLAIMED	(IRQ_WORK_PENDING | IRQ_WORK_BUSY)

#define IRQ_WORK_INIT(_func)	{ .func = (_func) }
#define DEFINE_IRQ_WORK(name, _func)	struct irq_work name = IRQ_WORK_INIT(_func)

static inline void init_irq_work(struct irq_work *work, void (*func)(struct irq_work *))
{
	*work = (struct irq_work)IRQ_WORK_INIT(func);
}

static inline bool irq_work_is_pending(struct irq_work *work)
{
	return READ_ONCE(work->flags) & IRQ_WORK_PENDING;
}

static inline bool irq_work_is_busy(struct irq_work *work)
{
	return READ_ONCE(work->flags) & IRQ_WORK_BUSY;
}

/* False when @work was already queued (it runs once for both). */
bool irq_work_queue(struct irq_work *work);
/* The same on another online CPU: it runs there. False as above, or if @cpu is not online. */
bool irq_work_queue_on(struct irq_work *work, int cpu);
/* Runs this CPU's queued work; interrupts off. */
void irq_work_run(void);
/* Waits until @work is neither queued nor running. */
void irq_work_sync(struct irq_work *work);
void arch_irq_work_raise(void);
void arch_irq_work_raise_on(int cpu);

#endif
