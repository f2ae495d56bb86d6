// SPDX-License-Identifier: MIT
/*
 * The idle task: what a CPU runs when nothing else is runnable. It halts
 * with "sti; hlt" — the one-instruction shadow of sti means an interrupt
 * that makes a task runnable cannot slip in between the need_resched()
 * check and the halt — and calls schedule_idle() once woken with work.
 * With "idle=poll" on the command line (Linux's) it spins on
 * need_resched() with interrupts on instead of halting: a CPU that never
 * halts answers an interrupt at once, and under QEMU's -icount a guest
 * that never halts keeps its clock counting instructions, where a halted
 * one waits for the host to wake it (make bench's flood latency runs).
 * On a CPU that has left cpu_online_mask it plays dead instead
 * (arch_cpu_idle_dead(), which does not return: the CPU starts afresh
 * from the trampoline when it is brought up again).
 */
#include "sched.h"
#include <linux/cpu.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/printk.h>
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

static bool cpu_idle_force_poll;

static int __init idle_setup(char *str)
{
	if (strcmp(str, "poll"))
		return -EINVAL;
	cpu_idle_force_poll = true;
	pr_info("using polling idle threads\n");
	return 0;
}
early_param("idle", idle_setup);

static void cpu_idle_poll(void)
{
	local_irq_enable();
	while (!need_resched())
		cpu_relax();
}

static void do_idle(void)
{
	if (unlikely(!cpu_online(smp_processor_id()))) {
		local_irq_disable();
		arch_cpu_idle_dead();
	}
	if (cpu_idle_force_poll)
		cpu_idle_poll();
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
