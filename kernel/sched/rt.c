// SPDX-License-Identifier: MIT
/*
 * SCHED_FIFO and SCHED_RR: a FIFO queue per priority (0 best, 99 worst,
 * i.e. 99 - rt_priority) and a bitmap of the non-empty ones, so picking
 * is a find-first-bit. FIFO runs until it blocks or yields; RR also
 * goes to the back of its queue when its 100 ms slice runs out.
 */
#include "sched.h"

static void enqueue_task_rt(struct rq *rq, struct task_struct *p, bool head)
{
	struct rt_rq *rt = &rq->rt;

	if (head)
		list_add(&p->run_list, &rt->queue[p->prio]);
	else
		list_add_tail(&p->run_list, &rt->queue[p->prio]);
	rt->bitmap[p->prio / 64] |= 1UL << (p->prio % 64);
	rt->rt_nr_running++;
}

static void dequeue_task_rt(struct rq *rq, struct task_struct *p)
{
	struct rt_rq *rt = &rq->rt;

	list_del_init(&p->run_list);
	if (list_empty(&rt->queue[p->prio]))
		rt->bitmap[p->prio / 64] &= ~(1UL << (p->prio % 64));
	rt->rt_nr_running--;
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
