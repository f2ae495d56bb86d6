/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

/*
 * The preempt count and what it says about the current context. Linux's
 * layout of the per-CPU word:
 *
 *   bits  0- 7  PREEMPT  preempt_disable() nesting
 *   bits  8-15  SOFTIRQ  +1 (SOFTIRQ_OFFSET) while serving softirqs,
 *                        +2 (SOFTIRQ_DISABLE_OFFSET) per local_bh_disable()
 *   bits 16-19  HARDIRQ  irq_enter() nesting
 *   bits 20-23  NMI      nmi_enter() nesting
 *
 * Serving softirqs adds 1 and disabling bottom halves adds 2, so
 * in_serving_softirq() can tell the two apart from the low bit.
 * The arch (asm/preempt.h) owns where the word lives and how it is
 * changed; this file owns the meaning of its bits.
 */
#include <linux/compiler.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)

#define __IRQ_MASK(x)	((1UL << (x)) - 1)

#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)

#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1UL << NMI_SHIFT)

#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

/*
 * The boot CPU runs start_kernel() with preemption disabled; the
 * scheduler drops this count when the boot thread becomes the idle task.
 */
#define INIT_PREEMPT_COUNT	PREEMPT_OFFSET
#define PREEMPT_DISABLE_OFFSET	PREEMPT_OFFSET

#include <asm/preempt.h>

#define PREEMPT_DISABLED	(PREEMPT_DISABLE_OFFSET + PREEMPT_ENABLED)

#define nmi_count()		(preempt_count() & NMI_MASK)
#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define irq_count()		(nmi_count() | hardirq_count() | softirq_count())

#define in_nmi()		(nmi_count())
#define in_hardirq()		(hardirq_count())
#define in_softirq()		(softirq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_interrupt()		(irq_count())
#define in_task()		(!(in_nmi() | in_hardirq() | in_serving_softirq()))
#define in_atomic()		(preempt_count() != 0)

#define preempt_count_add(val)	__preempt_count_add(val)
#define preempt_count_sub(val)	__preempt_count_sub(val)
#define preempt_count_inc()	preempt_count_add(1)
#define preempt_count_dec()	preempt_count_sub(1)

#define preempt_disable() do {						\
	preempt_count_inc();						\
	barrier();							\
} while (0)

#define preempt_enable_no_resched() do {				\
	barrier();							\
	preempt_count_dec();						\
} while (0)

/*
 * Scheduler hook: once there is one, a decrement that reaches zero with a
 * reschedule pending calls __preempt_schedule() here. Until then enabling
 * preemption only drops the count.
 */
void preempt_schedule(void);

/* Dropping the last preemption-disable may reschedule right here. */
#define preempt_enable() do {						\
	barrier();							\
	if (unlikely(__preempt_count_dec_and_test()))			\
		preempt_schedule();					\
} while (0)

#define sched_preempt_enable_no_resched() preempt_enable_no_resched()

#endif
