// SPDX-License-Identifier: MIT
/*
 * The idle task: what a CPU runs when nothing else is runnable. It halts
 * with "sti; hlt" — the one-instruction shadow of sti means an interrupt
 * that makes a task runnable cannot slip in between the need_resched()
 * check and the halt — and calls schedule_idle() once woken with work.
 * On a CPU that has left cpu_online_mask it plays dead instead
 * (arch_cpu_idle_dead(), which does not return: the CPU starts afresh
 * from the trampoline when it is brought up again).
 */
#include "sched.h"
#include <linux/cpu.h>
#include <asm/irqflags.h>
#include <asm/smp.h>

static struct task_struct *pick_next_task_idle(struct rq *rq)
{
	return rq->idle;
}

static void no_queue(struct rq *rq, struct task_struct *p, bool head) { }
static void no_dequeue(struct rq *rq, struct task_struct *p) { }
static void no_tick(struct rq *rq, struct task_struct *p) { }

const struct sched_class idle_sched_class = {
	.name		= "idle",
	.enqueue_task	= no_queue,
	.dequeue_task	= no_dequeue,
	.requeue_task	= no_dequeue,
	.pick_next_task	= pick_next_task_idle,
	.task_tick	= no_tick,
};

static void do_idle(void)
{
	if (unlikely(!cpu_online(smp_processor_id()))) {
		local_irq_disable();
		arch_cpu_idle_dead();
	}
	while (!need_resched()) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			break;
		}
		safe_halt();
	}
	schedule_idle();
}

__noreturn void cpu_startup_entry(void)
{
	for (;;)
		do_idle();
}
