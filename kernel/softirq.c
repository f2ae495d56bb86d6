// SPDX-License-Identifier: MIT
/*
 * Hard-interrupt context bookkeeping: the per-CPU preempt count and
 * pending-softirq word, irq_enter() and irq_exit(). irq_exit() is where
 * softirqs raised by handlers will run, on the way out of the outermost
 * interrupt; that machinery (handle_softirqs, ksoftirqd, tasklets) is a
 * later issue, and invoke_softirq() below is where it plugs in.
 */
#include <linux/kernel.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <asm/irqflags.h>

/*
 * Linux x86 keeps the count in its per-CPU hot data; here it is a plain
 * per-CPU int. The boot CPU's copy is the template, so the initial value
 * holds from the first instruction.
 */
DEFINE_PER_CPU(int, __preempt_count) = INIT_PREEMPT_COUNT;

#ifdef GENERIC_SOFTIRQ_PENDING_WORD
DEFINE_PER_CPU(u32, __softirq_pending);
#endif

/*
 * Softirq hook: runs the softirqs pending on this CPU once handle_softirqs
 * exists. Nothing raises one yet, so nothing calls this with work to do.
 */
static void invoke_softirq(void)
{
}

void irq_enter_rcu(void)
{
	__irq_enter_raw();
}

/* Called by the arch entry code before the interrupt's handler runs. */
void irq_enter(void)
{
	irq_enter_rcu();
}

/*
 * Leaves hard-interrupt context. Softirqs run only when this was the
 * outermost interrupt and no softirq was already being served or held
 * off with local_bh_disable(): in_interrupt() covers all three.
 */
static inline void __irq_exit_rcu(void)
{
	WARN_ON_ONCE(!irqs_disabled());
	preempt_count_sub(HARDIRQ_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		invoke_softirq();
}

void irq_exit_rcu(void)
{
	__irq_exit_rcu();
}

void irq_exit(void)
{
	__irq_exit_rcu();
}
