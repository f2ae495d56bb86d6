// SPDX-License-Identifier: MIT
/*
 * The scheduler core: run queues, __schedule() and context switch,
 * wake-ups, the tick's accounting, preemption (at preempt_enable() and on
 * return from an interrupt to the kernel), and policy changes. Only the
 * boot CPU schedules; the run queue is per-CPU, as Linux's, so that
 * others can have their own.
 *
 * Locking: rq->lock is taken with interrupts off. A switch takes it in
 * the previous task and drops it in the next (finish_task_switch()).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/stat.h>
#include <linux/cpumask.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/jiffies.h>
#include <linux/rtmutex.h>
#include <linux/smp.h>
#include <asm/switch_to.h>
#include <asm/irqflags.h>
#include <asm/bootinfo.h>
#include "sched.h"

DEFINE_PER_CPU(struct rq, runqueues);

/* The boot CPU's idle task: the context start_kernel() runs in. */
extern char boot_stack[], boot_stack_top[];
struct task_struct init_task = {
	.__state	= TASK_RUNNING,
	.flags		= PF_KTHREAD | PF_IDLE,
	.prio		= MAX_PRIO,
	.static_prio	= MAX_PRIO,
	.normal_prio	= MAX_PRIO,
	.policy		= SCHED_IDLE,
	.sched_class	= &idle_sched_class,
	.comm		= "swapper/0",
	.on_rq		= 1,
};

LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);

static int normal_prio_of(int policy, int rt_priority, int static_prio)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return MAX_RT_PRIO - 1 - rt_priority;
	return static_prio;
}

void resched_curr(struct rq *rq)
{
	set_tsk_need_resched(rq->curr);
	set_preempt_need_resched();
}

void resched_curr_local(void)
{
	resched_curr(this_rq());
}

/* Does p deserve the CPU more than what runs now? */
void check_preempt_curr(struct rq *rq, struct task_struct *p)
{
	if (p->prio < rq->curr->prio)
		resched_curr(rq);
}

static void enqueue_task(struct rq *rq, struct task_struct *p, bool head)
{
	p->sched_class->enqueue_task(rq, p, head);
	p->on_rq = 1;
	rq->nr_running++;
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	p->sched_class->dequeue_task(rq, p);
	p->on_rq = 0;
	rq->nr_running--;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *p = rt_sched_class.pick_next_task(rq);

	if (!p)
		p = fair_sched_class.pick_next_task(rq);
	return p ? p : idle_sched_class.pick_next_task(rq);
}

static void update_curr(struct rq *rq, struct task_struct *curr)
{
	u64 now = sched_clock();

	curr->sum_exec_runtime += now - curr->exec_start;
	curr->exec_start = now;
}


/* The second half of a switch, run by the task switched to. */
static noinline __noclone void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	bool dead = task_state(prev) == TASK_DEAD;

	rq->curr->exec_start = sched_clock();
	raw_spin_unlock_irq(&rq->lock);
	if (dead) {
		put_task_stack(prev);
		put_task_struct(prev);
	}
}

void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
}

/*
 * Pick the next task and switch to it. preempt: prev is being preempted
 * (it stays runnable whatever its state says); otherwise a prev that set
 * a sleeping state leaves the run queue.
 */
static noinline __noclone void __schedule(bool preempt)
{
	struct rq *rq = this_rq();
	struct task_struct *prev, *next;

	local_irq_disable();
	raw_spin_lock(&rq->lock);
	prev = rq->curr;
	update_curr(rq, prev);
	if (!preempt && task_state(prev) != TASK_RUNNING && !is_idle_task(prev)) {
		dequeue_task(rq, prev);
		prev->nvcsw++;
	} else if (preempt) {
		prev->nivcsw++;
	}
	next = pick_next_task(rq);
	clear_tsk_need_resched(prev);
	clear_preempt_need_resched();
	if (next == prev) {
		raw_spin_unlock_irq(&rq->lock);
		return;
	}
	rq->curr = next;
	rq->nr_switches++;
	switch_to(prev, next, prev);
	finish_task_switch(prev);
}

void schedule(void)
{
	/*
	 * The count is per CPU, not per task, so it is left alone: the
	 * caller's own unlock will balance it when it runs again.
	 */
	WARN_ONCE(preempt_count() != 0,
		  "BUG: scheduling while atomic: %s/%d/0x%08x\n", current->comm,
		  current->pid, preempt_count());
	preempt_disable();
	__schedule(false);
	sched_preempt_enable_no_resched();
}

void schedule_idle(void)
{
	do {
		__schedule(false);
	} while (need_resched());
}

void schedule_preempt_disabled(void)
{
	sched_preempt_enable_no_resched();
	schedule();
	preempt_disable();
}

/* preempt_enable() dropped the count to 0 with a reschedule pending. */
void preempt_schedule(void)
{
	if (preempt_count() || irqs_disabled())
		return;
	do {
		preempt_disable();
		__schedule(true);
		sched_preempt_enable_no_resched();
	} while (need_resched());
}

/* From irqentry_exit(): an interrupt of preemptible kernel code wants a switch. */
void preempt_schedule_irq(void)
{
	do {
		preempt_disable();
		local_irq_enable();
		__schedule(true);
		local_irq_disable();
		sched_preempt_enable_no_resched();
	} while (need_resched());
}

int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	struct rq *rq = this_rq();
	unsigned long flags;
	int success = 0;

	raw_spin_lock_irqsave(&rq->lock, flags);
	if (task_state(p) & state) {
		WRITE_ONCE(p->__state, TASK_RUNNING);
		if (!p->on_rq)
			enqueue_task(rq, p, false);
		check_preempt_curr(rq, p);
		success = 1;
	}
	raw_spin_unlock_irqrestore(&rq->lock, flags);
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	return try_to_wake_up(p, state, 0);
}

void wake_up_new_task(struct task_struct *p)
{
	wake_up_process(p);
}

/* From the timer interrupt: slices and accounting. */
void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *curr;

	raw_spin_lock(&rq->lock);
	curr = rq->curr;
	update_curr(rq, curr);
	curr->sched_class->task_tick(rq, curr);
	raw_spin_unlock(&rq->lock);
}

void yield(void)
{
	struct rq *rq = this_rq();

	raw_spin_lock_irq(&rq->lock);
	current->sched_class->requeue_task(rq, current);
	raw_spin_unlock_irq(&rq->lock);
	schedule();
}

/* Change p's effective priority (and class) keeping its place right. */
static void __setprio_locked(struct rq *rq, struct task_struct *p, int prio)
{
	bool queued = p->on_rq && !is_idle_task(p), running = rq->curr == p;
	int old = p->prio;

	if (queued)
		dequeue_task(rq, p);
	p->prio = prio;
	p->sched_class = rt_prio(prio) ? &rt_sched_class : &fair_sched_class;
	if (queued)
		enqueue_task(rq, p, running);	/* the running task keeps the head */
	if (running && prio > old)
		resched_curr(rq);	/* lowered: someone else may be better now */
	else if (queued && !running)
		check_preempt_curr(rq, p);
}

/* Priority inheritance (rtmutex.c) lends and returns priorities here. */
void rt_mutex_setprio(struct task_struct *p, int prio)
{
	struct rq *rq = this_rq();
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->lock, flags);
	if (p->prio != prio)
		__setprio_locked(rq, p, prio);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

/* The priority a boosted task must keep: rtmutex.c overrides this. */
__weak int rt_mutex_get_effective_prio(struct task_struct *p, int newprio)
{
	return newprio;
}

int sched_setscheduler_nocheck(struct task_struct *p, int policy,
			       const struct sched_param *param)
{
	struct rq *rq = this_rq();
	unsigned long flags;
	bool rt = policy == SCHED_FIFO || policy == SCHED_RR;

	if (rt ? (param->sched_priority < 1 || param->sched_priority > MAX_RT_PRIO - 1) :
		 param->sched_priority != 0)
		return -EINVAL;
	if (!rt && policy != SCHED_NORMAL && policy != SCHED_BATCH && policy != SCHED_IDLE)
		return -EINVAL;
	if (is_idle_task(p))
		return -EPERM;
	raw_spin_lock_irqsave(&rq->lock, flags);
	p->policy = policy;
	p->rt_priority = rt ? param->sched_priority : 0;
	p->normal_prio = normal_prio_of(policy, p->rt_priority, p->static_prio);
	p->time_slice = policy == SCHED_RR ? RR_TIMESLICE : NORMAL_TIMESLICE;
	__setprio_locked(rq, p, rt_mutex_get_effective_prio(p, p->normal_prio));
	raw_spin_unlock_irqrestore(&rq->lock, flags);
	if (p->pi_blocked_on)
		rt_mutex_adjust_pi(p);	/* its place among a lock's waiters moved */
	return 0;
}

int sched_setscheduler(struct task_struct *p, int policy, const struct sched_param *param)
{
	return sched_setscheduler_nocheck(p, policy, param);
}

/* Linux's helpers for kernel threads: the one RT priority they all get, 50. */
void sched_set_fifo(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = MAX_RT_PRIO / 2 };

	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_FIFO, &sp));
}

void sched_set_normal(struct task_struct *p, int nice)
{
	struct sched_param sp = { .sched_priority = 0 };

	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_NORMAL, &sp));
	set_user_nice(p, nice);
}

void set_user_nice(struct task_struct *p, long nice)
{
	if (nice < -20 || nice > 19)
		return;
	p->static_prio = NICE_TO_PRIO(nice);
	if (!rt_task(p))
		p->normal_prio = p->prio = p->static_prio;
}

/* Leave for good: the next task frees our stack (finish_task_switch()). */
__noreturn void do_task_dead(void)
{
	preempt_disable();
	set_current_state(TASK_DEAD);
	__schedule(false);
	BUG();
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid) {
			found = p;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* As find_task_by_pid(), with a reference the caller drops with put_task_struct(). */
struct task_struct *find_get_task_by_vpid(int pid)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid) {
			found = p;
			get_task_struct(p);
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = per_cpu_ptr(&runqueues, cpu);

	idle->cpu = cpu;
	idle->exec_start = sched_clock();
	rq->idle = rq->curr = idle;
}

void sched_init(void)
{
	unsigned int cpu;
	int i;

	for_each_possible_cpu(cpu) {
		struct rq *rq = per_cpu_ptr(&runqueues, cpu);

		raw_spin_lock_init(&rq->lock);
		for (i = 0; i < MAX_RT_PRIO; i++)
			INIT_LIST_HEAD(&rq->rt.queue[i]);
		INIT_LIST_HEAD(&rq->cfs.tasks);
		rq->cpu = cpu;
	}
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.pi_waiters);
	init_task.stack = boot_stack;
	init_task.thread.sp0 = (unsigned long)boot_stack_top;
	cpumask_copy(&init_task.cpus_mask, cpumask_of(0));
	init_task.nr_cpus_allowed = 1;
	init_task.on_cpu = 1;
	list_add_tail(&init_task.tasks, &task_list);
	init_idle(&init_task, 0);
	this_cpu_write(current_task, &init_task);
}

static const char *policy_name(unsigned int policy)
{
	switch (policy) {
	case SCHED_FIFO:	return "FIFO";
	case SCHED_RR:		return "RR";
	case SCHED_IDLE:	return "IDLE";
	case SCHED_BATCH:	return "BATCH";
	default:		return "NORMAL";
	}
}

static char state_char(struct task_struct *p)
{
	unsigned int s = task_state(p);

	if (s == TASK_RUNNING)
		return p->on_rq || p == current ? 'R' : 'S';
	if (s & TASK_DEAD)
		return 'X';
	if (s & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'S';
}

/* /proc/tasks: the ps-like view. PRI is Linux's prio (0-99 RT, 100-139 normal). */
int proc_tasks_show(struct seq_file *m, void *v)
{
	struct task_struct *p;
	unsigned long flags;

	seq_printf(m, "  PID COMM             POLICY RTPRIO PRI S       TIME(us)  SWITCHES\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		seq_printf(m, "%5d %-16s %-6s %6u %3d %c %14llu %9lu\n", p->pid, p->comm,
			   policy_name(p->policy), p->rt_priority, p->prio, state_char(p),
			   p->sum_exec_runtime / 1000, p->nvcsw + p->nivcsw);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* Runnable tasks on every CPU, the running ones included. */
unsigned int nr_running(void)
{
	unsigned int cpu, sum = 0;

	for_each_online_cpu(cpu)
		sum += READ_ONCE(per_cpu(runqueues, cpu).nr_running);
	return sum;
}

unsigned long long nr_context_switches(void)
{
	unsigned long long sum = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu(runqueues, cpu).nr_switches);
	return sum;
}

/* Tasks sleeping in io_schedule(): reflex has no such sleep, so none. */
unsigned int nr_iowait(void)
{
	return 0;
}

/*
 * p may be running on another CPU, in user mode, where a flag set for it
 * is only seen at its next kernel entry: interrupt that CPU so that p
 * goes through the return-to-user checks now (a signal just sent).
 */
void kick_process(struct task_struct *p)
{
	int cpu;

	preempt_disable();
	cpu = READ_ONCE(p->cpu);
	if (cpu != smp_processor_id() && READ_ONCE(per_cpu(runqueues, cpu).curr) == p)
		smp_send_reschedule(cpu);
	preempt_enable();
}
