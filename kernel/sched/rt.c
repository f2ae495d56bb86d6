// SPDX-License-Identifier: MIT
/*
 * SCHED_FIFO and SCHED_RR: a FIFO queue per priority (0 best, 99 worst,
 * i.e. 99 - rt_priority) and a bitmap of the non-empty ones, so picking
 * is a find-first-bit. FIFO runs until it blocks or yields; RR also
 * goes to the back of its queue when its 100 ms slice runs out.
 */
#include "sched.h"

atomic_t rt_overload_count;

static void enqueue_task_rt(struct rq *rq, struct task_struct *p, bool head)
{
	struct rt_rq *rt = &rq->rt;

	if (head)
		list_add(&p->run_list, &rt->queue[p->prio]);
	else
		list_add_tail(&p->run_list, &rt->queue[p->prio]);
	rt->bitmap[p->prio / 64] |= 1UL << (p->prio % 64);
	if (++rt->rt_nr_running == 2)
		atomic_add(1, &rt_overload_count);
}

static void dequeue_task_rt(struct rq *rq, struct task_struct *p)
{
	struct rt_rq *rt = &rq->rt;

	list_del_init(&p->run_list);
	if (list_empty(&rt->queue[p->prio]))
		rt->bitmap[p->prio / 64] &= ~(1UL << (p->prio % 64));
	if (--rt->rt_nr_running == 1)
		atomic_sub(1, &rt_overload_count);
}

static void requeue_task_rt(struct rq *rq, struct task_struct *p)
{
	list_del(&p->run_list);
	list_add_tail(&p->run_list, &rq->rt.queue[p->prio]);
}

static struct task_struct *pick_next_task_rt(struct rq *rq)
{
	struct rt_rq *rt = &rq->rt;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rt->bitmap); i++)
		if (rt->bitmap[i]) {
			int prio = i * 64 + __builtin_ctzl(rt->bitmap[i]);

			return list_first_entry(&rt->queue[prio], struct task_struct, run_list);
		}
	return NULL;
}

static void task_tick_rt(struct rq *rq, struct task_struct *p)
{
	if (p->policy != SCHED_RR || --p->time_slice)
		return;
	p->time_slice = RR_TIMESLICE;
	/* Alone at its priority it just keeps running. */
	if (p->run_list.prev != p->run_list.next) {
		requeue_task_rt(rq, p);
		resched_curr(rq);
	}
}

const struct sched_class rt_sched_class = {
	.name		= "rt",
	.enqueue_task	= enqueue_task_rt,
	.dequeue_task	= dequeue_task_rt,
	.requeue_task	= requeue_task_rt,
	.pick_next_task	= pick_next_task_rt,
	.task_tick	= task_tick_rt,
};

/* --- RT push and pull ---------------------------------------------------------- */

/*
 * The highest-priority runnable RT tasks should be the ones running. A
 * wake-up already goes to the CPU running the least important work
 * (select_task_rq()). Besides, before each pick a CPU pulls a waiting
 * RT task from another rq that beats everything it has (pull_rt_task),
 * and a CPU that preempted an RT task kicks the CPU with the lowest
 * priority work, whose pull then takes it (push_rt_kick).
 */

/* The best waiting (queued, not running) RT task of src that may run on dst_cpu. */
static struct task_struct *pick_pushable_task(struct rq *src, int dst_cpu, int below)
{
	struct task_struct *p;
	int prio;

	for (prio = 0; prio < below; prio++)
		list_for_each_entry(p, &src->rt.queue[prio], run_list)
			if (can_migrate_task(p, src, dst_cpu))
				return p;
	return NULL;
}

static int local_top_prio(struct rq *rq)
{
	struct task_struct *p = pick_next_task_rt(rq);

	return p ? p->prio : MAX_RT_PRIO;
}

void pull_rt_task(struct rq *this_rq)
{
	unsigned int cpu;

	if (!atomic_read(&rt_overload_count))
		return;
	for_each_online_cpu(cpu) {
		struct rq *src = cpu_rq(cpu);
		struct task_struct *p;
		unsigned int nr = READ_ONCE(src->rt.rt_nr_running);

		if (src == this_rq || !nr)
			continue;
		/* Only a running RT task there: nothing waits. */
		if (nr == 1 && rt_prio(READ_ONCE(src->curr_prio)))
			continue;
		if (rq_top_prio(src) >= local_top_prio(this_rq))
			continue;
		double_lock_balance(this_rq, src);
		p = pick_pushable_task(src, this_rq->cpu, local_top_prio(this_rq));
		if (p)
			move_queued_task_locked(src, this_rq, p);
		raw_spin_unlock(&src->lock);
	}
}

/* p was preempted here and waits: have a CPU running less important work take it. */
void push_rt_kick(struct rq *rq, struct task_struct *p)
{
	unsigned long flags;
	unsigned int cpu;
	int prio = READ_ONCE(p->prio), worst = prio, target = -1;

	for_each_online_cpu(cpu) {
		struct rq *o = cpu_rq(cpu);
		int top = o->nr_running ? rq_top_prio(o) : MAX_PRIO + 1;

		if (o != rq && top > worst && cpumask_test_cpu(cpu, &p->cpus_mask)) {
			worst = top;
			target = cpu;
		}
	}
	if (target < 0)
		return;
	rq = cpu_rq(target);
	raw_spin_lock_irqsave(&rq->lock, flags);
	resched_curr(rq);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}
