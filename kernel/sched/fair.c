// SPDX-License-Identifier: MIT
/*
 * SCHED_NORMAL (and BATCH/IDLE) tasks. reflex does not implement CFS:
 * normal tasks share one round-robin queue with a one-tick slice, which
 * is fair for equal weights and ignores nice. Real-time tasks always run
 * first; this class only sees the CPU when no RT task is runnable.
 */
#include "sched.h"

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

static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	if (list_empty(&rq->cfs.tasks))
		return NULL;
	return list_first_entry(&rq->cfs.tasks, struct task_struct, run_list);
}

static void task_tick_fair(struct rq *rq, struct task_struct *p)
{
	if (--p->time_slice)
		return;
	p->time_slice = NORMAL_TIMESLICE ? NORMAL_TIMESLICE : 1;
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
