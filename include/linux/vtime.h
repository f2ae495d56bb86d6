/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_VTIME_H
#define _LINUX_VTIME_H

/*
 * The entry and exit hooks of hard-interrupt and softirq context, through
 * which IRQ time accounting sees time pass (kernel/sched/cputime.c).
 * reflex has no virtual CPU time accounting, only IRQ time: each hook is
 * irqtime_account_irq(), which charges the time since the last hook to
 * what this CPU was doing until now. @offset is the preempt-count level
 * the caller has just entered (0 on the way out, before it is left).
 */
#include <linux/preempt.h>

struct task_struct;

void irqtime_account_irq(struct task_struct *curr, unsigned int offset);

static inline void account_hardirq_enter(struct task_struct *tsk)
{
	irqtime_account_irq(tsk, HARDIRQ_OFFSET);
}

static inline void account_hardirq_exit(struct task_struct *tsk)
{
	irqtime_account_irq(tsk, 0);
}

static inline void account_softirq_enter(struct task_struct *tsk)
{
	irqtime_account_irq(tsk, SOFTIRQ_OFFSET);
}

static inline void account_softirq_exit(struct task_struct *tsk)
{
	irqtime_account_irq(tsk, 0);
}

#endif
