/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

/* The scheduler's insides: run queues and the scheduling classes. */
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/percpu.h>

struct rq;

/*
 * A scheduling class. The running task stays queued; pick_next_task()
 * returns the head of the best queue, so a task that keeps its place
 * (FIFO preempted by a higher priority) runs again first.
 */
struct sched_class {
	void (*enqueue_task)(struct rq *rq, struct task_struct *p, bool head);
	void (*dequeue_task)(struct rq *rq, struct task_struct *p);
	void (*requeue_task)(struct rq *rq, struct task_struct *p);	/* to the tail */
	struct task_struct *(*pick_next_task)(struct rq *rq);
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	const char *name;
};

struct rt_rq {
	struct list_head queue[MAX_RT_PRIO];
	unsigned long bitmap[(MAX_RT_PRIO + 63) / 64];	/* non-empty queues */
	unsigned int rt_nr_running;
};

/* SCHED_NORMAL: one round-robin queue (no CFS; see fair.c). */
struct cfs_rq {
	struct list_head tasks;
	unsigned int nr_running;
};

struct rq {
	raw_spinlock_t lock;
	unsigned int nr_running;
	struct rt_rq rt;
	struct cfs_rq cfs;
	struct task_struct *curr, *idle;
	u64 nr_switches;
	int cpu;
};

DECLARE_PER_CPU(struct rq, runqueues);
#define this_rq()	this_cpu_ptr(&runqueues)

extern const struct sched_class rt_sched_class, fair_sched_class, idle_sched_class;

void resched_curr(struct rq *rq);
void check_preempt_curr(struct rq *rq, struct task_struct *p);

#endif
