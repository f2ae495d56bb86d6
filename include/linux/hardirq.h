/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_HARDIRQ_H
#define _LINUX_HARDIRQ_H

/*
 * Entering and leaving hard-interrupt and NMI context: the HARDIRQ and NMI
 * fields of the preempt count (linux/preempt.h) are raised on the way in
 * and dropped on the way out. irq_exit() is also where pending softirqs
 * run (kernel/softirq.c).
 */
#include <linux/preempt.h>
#include <linux/bug.h>

void irq_enter(void);
void irq_enter_rcu(void);
void irq_exit(void);
void __irq_exit_rcu(void);

/*
 * The arch entry code's exit from hard-interrupt context. Linux's
 * irq_exit_rcu() only adds lockdep bookkeeping to __irq_exit_rcu(), and
 * a trace of a softirq run from an interrupt reads
 * "handle_softirqs <- __irq_exit_rcu <- common_interrupt"; calling the
 * worker directly keeps reflex's traces the same.
 */
static __always_inline void irq_exit_rcu(void)
{
	__irq_exit_rcu();
}

/* irq_enter() without its bookkeeping: only the count. */
#define __irq_enter_raw()	preempt_count_add(HARDIRQ_OFFSET)

/*
 * An NMI counts as hard-interrupt context too, so that in_interrupt() and
 * in_hardirq() hold inside it; NMI_OFFSET is what tells it apart.
 */
static __always_inline void nmi_enter(void)
{
	BUG_ON(in_nmi() == NMI_MASK);
	__preempt_count_add(NMI_OFFSET + HARDIRQ_OFFSET);
}

static __always_inline void nmi_exit(void)
{
	BUG_ON(!in_nmi());
	__preempt_count_sub(NMI_OFFSET + HARDIRQ_OFFSET);
}

#endif
