/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

/* The scheduler's insides: run queues and the scheduling classes. */
#include <linux/atomic.h>
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
	int curr_prio;			/* curr->prio, readable without the lock */
	unsigned long next_balance;	/* jiffies of the next periodic balance */
	u64 clock;			/* sched_clock() at the last update_rq_clock() */
	u64 clock_task;			/* the same without IRQ time: tasks' run time */
	u64 prev_irq_time;		/* this CPU's IRQ time taken out of clock_task */
};

DECLARE_PER_CPU(struct rq, runqueues);

/* IRQ time of one CPU, in nanoseconds (kernel/sched/cputime.c). */
struct irqtime {
	u64 total;		/* hard IRQs, and softirqs outside ksoftirqd */
	u64 irq_start_time;	/* sched_clock() at the last entry or exit */
	u64 tick_delta;		/* charged since the tick last took it */
};

DECLARE_PER_CPU(struct irqtime, cpu_irqtime);

/* Read on its own CPU with interrupts off, where it cannot change. */
static inline u64 irq_time_read(int cpu)
{
	return per_cpu(cpu_irqtime, cpu).total;
}
#define this_rq()	this_cpu_ptr(&runqueues)
#define cpu_rq(cpu)	(&per_cpu(runqueues, (cpu)))
#define task_rq(p)	cpu_rq(task_cpu(p))

/*
 * Locking across CPUs (Linux's order): p->pi_lock, then rq->lock; two
 * rq locks are taken lower CPU number first. p->cpu changes only with
 * the lock of the rq it leaves held (a queued task), or with p->pi_lock
 * held while p is on no rq (a wake-up), so holding either p->pi_lock
 * for a sleeping task or task_rq(p)->lock for a queued one pins it.
 */
struct rq_flags {
	unsigned long flags;
};

struct rq *task_rq_lock(struct task_struct *p, struct rq_flags *rf);
void task_rq_unlock(struct rq *rq, struct task_struct *p, struct rq_flags *rf);
void double_lock_balance(struct rq *this_rq, struct rq *busiest);
void set_task_cpu(struct task_struct *p, unsigned int cpu);
void move_queued_task_locked(struct rq *src, struct rq *dst, struct task_struct *p);
bool can_migrate_task(struct task_struct *p, struct rq *src, int dst_cpu);

/* The task on @rq's CPU or still being switched away from there. */
static inline bool task_on_cpu(struct rq *rq, struct task_struct *p)
{
	return rq->curr == p || READ_ONCE(p->on_cpu);
}

/* The best priority @rq has runnable, from a racy look without its lock. */
static inline int rq_top_prio(struct rq *rq)
{
	int prio = READ_ONCE(rq->curr_prio);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rq->rt.bitmap); i++) {
		unsigned long w = READ_ONCE(rq->rt.bitmap[i]);

		if (w) {
			int q = i * 64 + __builtin_ctzl(w);

			return q < prio ? q : prio;
		}
	}
	if (prio == MAX_PRIO && READ_ONCE(rq->nr_running))
		return DEFAULT_PRIO;
	return prio;
}

/*
 * How many rqs have work queued behind their running task: any task
 * (nr_running >= 2, Linux's root_domain overload) and an RT task
 * (rt_nr_running >= 2, Linux's rto_count). A CPU about to pick or to
 * idle reads them without a lock and skips the walk over every other
 * rq when nothing anywhere could be pulled; a stale zero only delays a
 * pull to the next balance, as in Linux.
 */
extern atomic_t sched_overload_count, rt_overload_count;

/* fair.c and rt.c: balancing, called from __schedule() and the SCHED_SOFTIRQ. */
bool newidle_balance(struct rq *rq);
void pull_rt_task(struct rq *rq);
void push_rt_kick(struct rq *rq, struct task_struct *p);
void run_rebalance_domains(void);

extern const struct sched_class rt_sched_class, fair_sched_class, idle_sched_class;

void resched_curr(struct rq *rq);
void check_preempt_curr(struct rq *rq, struct task_struct *p);

#endif
