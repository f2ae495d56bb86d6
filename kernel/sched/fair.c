// SPDX-License-Identifier: MIT
/*
 * SCHED_NORMAL (and BATCH/IDLE) tasks. reflex does not implement CFS:
 * normal tasks share one round-robin queue with a slice of one tick's
 * length, which is fair for equal weights and ignores nice. Real-time
 * tasks always run first; this class only sees the CPU when no RT task is
 * runnable.
 *
 * A slice is time run, not ticks seen, as CFS charges run time: a task
 * that got the CPU just before a tick (another task, or a softirq in its
 * context, having had most of the tick's period) keeps it until it has
 * run a whole slice. Counting ticks handed such a task a sliver; under a
 * receive flood, ksoftirqd's long NAPI polls left udp_echo a sixth of
 * the CPU instead of half.
 *
 * A task that overruns its slice pays the overrun back, as CFS's
 * vruntime makes it: its next slice starts where the last one should
 * have ended, and a task that reaches the head of the queue with a whole
 * slice already run skips that turn. Kernel code that cannot be
 * preempted (ksoftirqd inside one NAPI poll of 64 frames, longer than a
 * tick on a slow CPU) would otherwise take more than its share with
 * every turn. Run time here is the task clock's, without IRQ time
 * (cputime.c), so a task does not pay for the interrupts and softirqs
 * that ran in its context.
 */
#include <linux/ktime.h>
#include <linux/sched/clock.h>
#include "sched.h"

#define NORMAL_SLICE_NS	((u64)NORMAL_TIMESLICE * (NSEC_PER_SEC / HZ))

static void enqueue_task_fair(struct rq *rq, struct task_struct *p, bool head)
{
	if (head)
		list_add(&p->run_list, &rq->cfs.tasks);
	else
		list_add_tail(&p->run_list, &rq->cfs.tasks);
	rq->cfs.nr_running++;
}

static void dequeue_task_fair(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
	rq->cfs.nr_running--;
}

static void requeue_task_fair(struct rq *rq, struct task_struct *p)
{
	list_del(&p->run_list);
	list_add_tail(&p->run_list, &rq->cfs.tasks);
}

/* @p has run a whole slice beyond the turns it was given. */
static inline bool fair_in_debt(const struct task_struct *p)
{
	return p->sum_exec_runtime - p->slice_start >= NORMAL_SLICE_NS;
}

/*
 * The head of the queue, after the tasks that already ran their coming
 * turn have paid for it by going to the back. Each payment is a slice,
 * so when every task is in debt the rounds go on until the least
 * indebted is out of it, as CFS would pick the smallest vruntime.
 */
static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	struct task_struct *p;

	if (list_empty(&rq->cfs.tasks))
		return NULL;
	for (;;) {
		p = list_first_entry(&rq->cfs.tasks, struct task_struct, run_list);
		if (!fair_in_debt(p))
			return p;
		p->slice_start += NORMAL_SLICE_NS;
		requeue_task_fair(rq, p);
	}
}

/*
 * scheduler_tick() has just brought p's run time up to date. A turn is
 * paid for once: the ticks that come while p cannot be preempted yet
 * leave its debt growing.
 */
static void task_tick_fair(struct rq *rq, struct task_struct *p)
{
	if (!fair_in_debt(p) || test_tsk_need_resched(p))
		return;
	p->slice_start += NORMAL_SLICE_NS;
	if (rq->cfs.nr_running > 1) {
		requeue_task_fair(rq, p);
		resched_curr(rq);
	}
}

const struct sched_class fair_sched_class = {
	.name		= "fair",
	.enqueue_task	= enqueue_task_fair,
	.dequeue_task	= dequeue_task_fair,
	.requeue_task	= requeue_task_fair,
	.pick_next_task	= pick_next_task_fair,
	.task_tick	= task_tick_fair,
};

/* --- load balancing ------------------------------------------------------------ */

/*
 * reflex's balancing is Linux's in outline, without scheduling domains:
 * every CPU is equally close. The load of a rq is its nr_running. A
 * CPU about to go idle pulls one waiting task from the busiest rq
 * (newidle_balance); each tick raises SCHED_SOFTIRQ now and then, whose
 * handler pulls from a rq at least two tasks busier (so the move makes
 * things more even) and wakes an idle CPU when this one has work
 * waiting (Linux's nohz kick), so that N CPU-bound tasks on N CPUs
 * each get a CPU.
 */

/* A waiting task of src that may run on this_rq's CPU: normal ones first. */
static struct task_struct *detach_candidate(struct rq *src, struct rq *this_rq)
{
	struct task_struct *p;
	unsigned int i;

	list_for_each_entry(p, &src->cfs.tasks, run_list)
		if (can_migrate_task(p, src, this_rq->cpu))
			return p;
	for (i = 0; i < MAX_RT_PRIO; i++)
		list_for_each_entry(p, &src->rt.queue[i], run_list)
			if (can_migrate_task(p, src, this_rq->cpu))
				return p;
	return NULL;
}

static struct rq *find_busiest_rq(struct rq *this_rq, unsigned int min_load)
{
	struct rq *busiest = NULL;
	unsigned int cpu, load, max = min_load - 1;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		if (rq == this_rq)
			continue;
		load = READ_ONCE(rq->nr_running);
		if (load > max) {
			max = load;
			busiest = rq;
		}
	}
	return busiest;
}

/* this_rq locked (it may be dropped and retaken); true if a task was pulled. */
static bool pull_one_task(struct rq *this_rq, struct rq *busiest)
{
	struct task_struct *p;
	bool moved = false;

	double_lock_balance(this_rq, busiest);
	if (busiest->nr_running >= 2 && busiest->nr_running >= this_rq->nr_running + 2) {
		p = detach_candidate(busiest, this_rq);
		if (p) {
			move_queued_task_locked(busiest, this_rq, p);
			moved = true;
		}
	}
	raw_spin_unlock(&busiest->lock);
	return moved;
}

bool newidle_balance(struct rq *this_rq)
{
	struct rq *busiest;

	if (!atomic_read(&sched_overload_count))
		return false;
	busiest = find_busiest_rq(this_rq, 2);
	return busiest && pull_one_task(this_rq, busiest);
}

/* Wake an idle CPU so that it balances (its idle loop reschedules). */
static void kick_idle_cpu(struct rq *this_rq)
{
	unsigned long flags;
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		if (rq == this_rq || READ_ONCE(rq->nr_running))
			continue;
		raw_spin_lock_irqsave(&rq->lock, flags);
		if (!rq->nr_running && rq->curr == rq->idle)
			resched_curr(rq);
		raw_spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
}

/* SCHED_SOFTIRQ (Linux's name for the periodic balance's handler). */
void run_rebalance_domains(void)
{
	struct rq *this_rq = this_rq();
	struct rq *busiest;

	if (!cpu_online(this_rq->cpu))
		return;		/* going down: it takes no work */
	raw_spin_lock_irq(&this_rq->lock);
	busiest = find_busiest_rq(this_rq, this_rq->nr_running + 2);
	if (busiest)
		pull_one_task(this_rq, busiest);
	raw_spin_unlock_irq(&this_rq->lock);
	if (READ_ONCE(this_rq->nr_running) >= 2)
		kick_idle_cpu(this_rq);
}
