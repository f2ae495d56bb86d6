// SPDX-License-Identifier: MIT
/*
 * The scheduler core: run queues, __schedule() and context switch,
 * wake-ups, the tick's accounting, preemption (at preempt_enable() and on
 * return from an interrupt to the kernel), policy changes, affinity and
 * the per-CPU migration threads. Every CPU schedules from its own run
 * queue, as Linux's; wake-ups place a task on the CPU it should run on
 * (select_task_rq()) and balancing (fair.c, rt.c) moves waiting tasks.
 *
 * Locking: rq->lock is taken with interrupts off. A switch takes it in
 * the previous task and drops it in the next (finish_task_switch()).
 * The order across CPUs is in sched.h. p->on_cpu is set when p is
 * switched to and cleared (release) when the switch away from it is
 * complete: a waker on another CPU waits for that before p may run
 * elsewhere, so no task ever runs on two CPUs or on a stack in use.
 *
 * The preempt count is per CPU, not per task: every switch happens at
 * the same count (the caller's preempt_disable() plus the rq lock), so a
 * task resumed on another CPU finds the count it left behind.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/stat.h>
#include <linux/cpumask.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/jiffies.h>
#include <linux/rtmutex.h>
#include <linux/smp.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/err.h>
#include <linux/cpu.h>
#include <linux/stop_machine.h>
#include <asm/switch_to.h>
#include <asm/irqflags.h>
#include <asm/bootinfo.h>
#include "sched.h"
#include <trace/events/sched.h>

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
	.usage		= 1,	/* never dropped: the boot CPU's idle task lives forever */
};

LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);

static int normal_prio_of(int policy, int rt_priority, int static_prio)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return MAX_RT_PRIO - 1 - rt_priority;
	return static_prio;
}

/*
 * Ask @rq's CPU to reschedule (@rq locked). On another CPU the flag goes
 * on its current task and the reschedule IPI makes that CPU fold it into
 * its own preempt count (scheduler_ipi()): that bit is per CPU and only
 * the CPU itself may change it.
 */
void resched_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	int cpu = rq->cpu;

	if (test_tsk_need_resched(curr))
		return;
	set_tsk_need_resched(curr);
	if (cpu == smp_processor_id()) {
		set_preempt_need_resched();
		return;
	}
	smp_send_reschedule(cpu);
}

void resched_curr_local(void)
{
	resched_curr(this_rq());
}

/* The reschedule IPI's work, in hard-IRQ context on the target CPU. */
void scheduler_ipi(void)
{
	if (test_tsk_need_resched(current))
		set_preempt_need_resched();
}

/* Does p deserve the CPU more than what runs now? */
void check_preempt_curr(struct rq *rq, struct task_struct *p)
{
	if (p->prio < rq->curr->prio)
		resched_curr(rq);
}

atomic_t sched_overload_count;

static void enqueue_task(struct rq *rq, struct task_struct *p, bool head)
{
	p->sched_class->enqueue_task(rq, p, head);
	WRITE_ONCE(p->on_rq, 1);
	WRITE_ONCE(rq->nr_running, rq->nr_running + 1);
	if (rq->nr_running == 2)
		atomic_add(1, &sched_overload_count);
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	p->sched_class->dequeue_task(rq, p);
	WRITE_ONCE(p->on_rq, 0);
	WRITE_ONCE(rq->nr_running, rq->nr_running - 1);
	if (rq->nr_running == 1)
		atomic_sub(1, &sched_overload_count);
}

/* --- which rq a task is on, and moving it ---------------------------------- */

void set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	if (task_cpu(p) != cpu)
		trace_sched_migrate_task(p, cpu);
	WRITE_ONCE(p->cpu, cpu);
}

/* With p->pi_lock held: lock the rq p is on, following it if it moves. */
static struct rq *__task_rq_lock(struct task_struct *p)
{
	struct rq *rq;

	for (;;) {
		rq = task_rq(p);
		raw_spin_lock(&rq->lock);
		if (rq == task_rq(p))
			return rq;
		raw_spin_unlock(&rq->lock);
		cpu_relax();
	}
}

struct rq *task_rq_lock(struct task_struct *p, struct rq_flags *rf)
{
	raw_spin_lock_irqsave(&p->pi_lock, rf->flags);
	return __task_rq_lock(p);
}

void task_rq_unlock(struct rq *rq, struct task_struct *p, struct rq_flags *rf)
{
	raw_spin_unlock(&rq->lock);
	raw_spin_unlock_irqrestore(&p->pi_lock, rf->flags);
}

/*
 * this_rq is locked; take busiest's too without breaking the order. When
 * busiest comes first, this_rq's lock may be dropped for a moment, so the
 * caller must look at this_rq afresh afterwards.
 */
void double_lock_balance(struct rq *this_rq, struct rq *busiest)
{
	if (busiest->cpu > this_rq->cpu)
		raw_spin_lock(&busiest->lock);
	else if (!raw_spin_trylock(&busiest->lock)) {
		raw_spin_unlock(&this_rq->lock);
		raw_spin_lock(&busiest->lock);
		raw_spin_lock(&this_rq->lock);
	}
}

/* May p leave src for dst_cpu now? Both rqs locked. */
bool can_migrate_task(struct task_struct *p, struct rq *src, int dst_cpu)
{
	return !is_idle_task(p) && !task_on_cpu(src, p) &&
	       cpumask_test_cpu(dst_cpu, &p->cpus_mask) && cpu_online(dst_cpu);
}

/* A queued, not running p goes from src to dst; both locked. */
void move_queued_task_locked(struct rq *src, struct rq *dst, struct task_struct *p)
{
	dequeue_task(src, p);
	set_task_cpu(p, dst->cpu);
	enqueue_task(dst, p, false);
	check_preempt_curr(dst, p);
}

/* --- choosing a CPU --------------------------------------------------------- */

static bool rq_idle(struct rq *rq)
{
	return !READ_ONCE(rq->nr_running);
}

/*
 * Linux's select_fallback_rq(): none of p's CPUs is online any more (the
 * last one was taken down). A task that may change its affinity gets
 * every possible CPU, for good, and the kernel says so for a user task;
 * a per-CPU kernel thread keeps its mask (it is parked while its CPU is
 * down, and runs anywhere only if woken regardless).
 */
static void select_fallback_mask(struct task_struct *p)
{
	if (p->flags & PF_NO_SETAFFINITY)
		return;
	cpumask_copy(&p->cpus_mask, cpu_possible_mask);
	p->nr_cpus_allowed = cpumask_weight(cpu_possible_mask);
	if (!(p->flags & PF_KTHREAD))
		printk_ratelimited(KERN_INFO "process %d (%s) no longer affine to cpu%d\n",
				   p->pid, p->comm, task_cpu(p));
}

/* Where p may run: its mask, online CPUs only; never empty. p->pi_lock held. */
static void task_allowed_online(struct task_struct *p, struct cpumask *m)
{
	if (cpumask_and(m, &p->cpus_mask, cpu_online_mask))
		return;
	select_fallback_mask(p);
	if (!cpumask_and(m, &p->cpus_mask, cpu_online_mask))
		cpumask_copy(m, cpu_online_mask);
}

/*
 * An RT task goes where it preempts the least important work: the CPU
 * whose best runnable priority is the lowest, if that is below p's.
 */
static int select_rt_cpu(struct task_struct *p, int prev_cpu, const struct cpumask *allowed)
{
	int cpu, best = -1, worst = p->prio;

	for_each_cpu(cpu, allowed) {
		int top = rq_idle(cpu_rq(cpu)) ? MAX_PRIO + 1 : rq_top_prio(cpu_rq(cpu));

		if (top > worst || (top == worst && best >= 0 && cpu == prev_cpu)) {
			worst = top;
			best = cpu;
		}
	}
	if (best >= 0)
		return best;
	return cpumask_test_cpu(prev_cpu, allowed) ? prev_cpu : (int)cpumask_first(allowed);
}

/*
 * With p->pi_lock held. Prefer where p ran if that CPU is idle (its
 * caches), then this CPU if idle, then any idle CPU, then the least
 * loaded one. @fork: a new task, which has no cache to go back to.
 */
static int select_task_rq(struct task_struct *p, int prev_cpu, bool fork)
{
	struct cpumask allowed;
	int cpu, this = smp_processor_id(), best = -1;
	unsigned int load, best_load = ~0U;

	/* Bound to one CPU (a pinned thread, a per-CPU kthread): no choice to weigh. */
	if (p->nr_cpus_allowed == 1) {
		cpu = cpumask_first(&p->cpus_mask);
		if (cpu_online(cpu))
			return cpu;
	}
	task_allowed_online(p, &allowed);
	if (cpumask_weight(&allowed) == 1)
		return cpumask_first(&allowed);
	if (rt_task(p))
		return select_rt_cpu(p, prev_cpu, &allowed);
	if (!fork && cpumask_test_cpu(prev_cpu, &allowed) && rq_idle(cpu_rq(prev_cpu)))
		return prev_cpu;
	if (cpumask_test_cpu(this, &allowed) && rq_idle(cpu_rq(this)))
		return this;
	for_each_cpu(cpu, &allowed) {
		load = READ_ONCE(cpu_rq(cpu)->nr_running);
		if (load < best_load || (load == best_load && cpu == prev_cpu)) {
			best_load = load;
			best = cpu;
		}
	}
	return best;
}

/* --- scheduling ------------------------------------------------------------- */

/* A kernel thread bound to @cpu alone (migration/N, ksoftirqd/N, kworker/N:*). */
static bool kthread_is_per_cpu_on(struct task_struct *p, int cpu)
{
	return (p->flags & PF_KTHREAD) && (p->flags & PF_NO_SETAFFINITY) &&
	       p->nr_cpus_allowed == 1 && cpumask_test_cpu(cpu, &p->cpus_mask);
}

/*
 * A CPU that is going down (no longer online, not yet dead) runs only
 * its own kernel threads, until they park, and then its idle task,
 * which plays dead. Other tasks still queued here wait for the
 * controlling CPU to move them (sched_cpu_dying()).
 */
static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *p = rt_sched_class.pick_next_task(rq);

	if (!p)
		p = fair_sched_class.pick_next_task(rq);
	if (p && unlikely(!cpu_online(rq->cpu)) && !kthread_is_per_cpu_on(p, rq->cpu))
		p = NULL;
	return p ? p : idle_sched_class.pick_next_task(rq);
}

/*
 * Advances rq->clock to now and rq->clock_task by as much less the IRQ
 * time this CPU has had meanwhile. An interrupt under way is charged
 * only when it ends, so a reading inside one may already include part
 * of it; the IRQ time subtracted later is then capped at what the clock
 * moved, and clock_task never goes back. rq locked, on rq's own CPU.
 */
static void update_rq_clock(struct rq *rq)
{
	u64 clock = sched_clock();
	u64 delta, irq_delta;

	if ((s64)(clock - rq->clock) <= 0)
		return;
	delta = clock - rq->clock;
	rq->clock = clock;
	irq_delta = irq_time_read(rq->cpu) - rq->prev_irq_time;
	if (irq_delta > delta)
		irq_delta = delta;
	rq->prev_irq_time += irq_delta;
	rq->clock_task += delta - irq_delta;
}

static u64 update_curr(struct rq *rq, struct task_struct *curr)
{
	u64 now;

	update_rq_clock(rq);
	now = rq->clock_task;
	curr->sum_exec_runtime += now - curr->exec_start;
	curr->exec_start = now;
	return now;
}

/*
 * The second half of a switch, run by the task switched to. prev's
 * on_cpu is cleared with release order while the rq lock is still held:
 * a waker spinning on it may then move prev elsewhere, and everything
 * prev did here is visible to the CPU that runs it next.
 */
static noinline __noclone void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	bool dead = task_state(prev) == TASK_DEAD;
	bool push = !dead && READ_ONCE(prev->on_rq) && rt_task(prev) &&
		    prev->nr_cpus_allowed > 1;

	if (test_tsk_need_resched(current))
		set_preempt_need_resched();
	if (push)
		get_task_struct(prev);	/* it may run, and exit, elsewhere meanwhile */
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	raw_spin_unlock_irq(&rq->lock);
	if (dead) {
		put_task_stack(prev);
		put_task_struct(prev);
	} else if (push) {
		push_rt_kick(rq, prev);	/* a preempted RT task may run elsewhere */
		put_task_struct(prev);
	}
}

void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
	/* CLONE_CHILD_SETTID: in the child's own address space, as it starts. */
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

/*
 * Before picking: RT tasks waiting on other CPUs that beat what this one
 * would run come here, and a CPU about to idle pulls work.
 */
static void balance(struct rq *rq)
{
	if (num_online_cpus() == 1 || !cpu_online(rq->cpu))
		return;
	pull_rt_task(rq);
	if (!rq->nr_running)
		newidle_balance(rq);
}

/*
 * Pick the next task and switch to it. preempt: prev is being preempted
 * (it stays runnable whatever its state says); otherwise a prev that set
 * a sleeping state leaves the run queue.
 */
static noinline __noclone void __schedule(bool preempt)
{
	struct rq *rq;
	struct task_struct *prev, *next;
	unsigned int prev_state;
	u64 now;

	local_irq_disable();
	rq = this_rq();
	raw_spin_lock(&rq->lock);
	prev = rq->curr;
	prev_state = task_state(prev);
	now = update_curr(rq, prev);
	if (!preempt && task_state(prev) != TASK_RUNNING && !is_idle_task(prev)) {
		if (signal_pending_state(task_state(prev), prev)) {
			/* A signal came between its check and this sleep: it must not be lost. */
			WRITE_ONCE(prev->__state, TASK_RUNNING);
			goto pick;
		}
		dequeue_task(rq, prev);
		prev->nvcsw++;
	} else if (preempt) {
		prev->nivcsw++;
	}
pick:
	balance(rq);
	next = pick_next_task(rq);
	clear_tsk_need_resched(prev);
	clear_preempt_need_resched();
	if (next == prev) {
		raw_spin_unlock_irq(&rq->lock);
		return;
	}
	/* Its run time counts from the clock prev's was closed with (Linux's rq clock). */
	next->exec_start = now;
	next->pcount++;
	rq->curr = next;
	WRITE_ONCE(rq->curr_prio, next->prio);
	WRITE_ONCE(next->on_cpu, 1);
	rq->nr_switches++;
	trace_sched_switch(preempt, prev, next, prev_state);
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

/* --- wake-ups ----------------------------------------------------------------- */

/* p is still queued (it has not reached the dequeue in __schedule()): it just stays. */
static bool ttwu_runnable(struct task_struct *p)
{
	struct rq *rq = __task_rq_lock(p);
	bool ret = false;

	if (p->on_rq) {
		WRITE_ONCE(p->__state, TASK_RUNNING);
		if (!task_on_cpu(rq, p))
			check_preempt_curr(rq, p);
		ret = true;
	}
	raw_spin_unlock(&rq->lock);
	return ret;
}

static void ttwu_queue(struct task_struct *p, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	raw_spin_lock(&rq->lock);
	set_task_cpu(p, cpu);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	enqueue_task(rq, p, false);
	check_preempt_curr(rq, p);
	raw_spin_unlock(&rq->lock);
}

/*
 * Serialised on p->pi_lock. A task that has set a sleeping state but is
 * still queued only becomes TASK_RUNNING again; one that has left its rq
 * may still be switching away on its CPU, so we wait for on_cpu to drop
 * (acquire: what it did there is then visible) before it is placed,
 * possibly on another CPU.
 */
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned long flags;
	int success = 0;

	if (p == current) {
		/*
		 * As Linux's: the task wakes itself (a signal it sends
		 * itself, a fault's), so it is queued and on this CPU (a sleep
		 * leaves the rq only inside __schedule(), interrupts off):
		 * only its state changes, and no lock is needed for that.
		 */
		preempt_disable();
		success = !!(task_state(p) & state);
		if (success) {
			trace_sched_waking(p);
			WRITE_ONCE(p->__state, TASK_RUNNING);
			trace_sched_wakeup(p);
		}
		preempt_enable();
		return success;
	}
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	if (!(task_state(p) & state))
		goto out;
	success = 1;
	trace_sched_waking(p);
	if (READ_ONCE(p->on_rq) && ttwu_runnable(p))
		goto woken;
	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	ttwu_queue(p, select_task_rq(p, task_cpu(p), false));
woken:
	trace_sched_wakeup(p);
out:
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
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

/* A new task's first wake-up: the least loaded CPU it may run on. */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&p->pi_lock, flags);
	ttwu_queue(p, select_task_rq(p, task_cpu(p), true));
	trace_sched_wakeup_new(p);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
}

/* From the timer interrupt: slices and accounting, and the periodic balance. */
void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *curr;

	raw_spin_lock(&rq->lock);
	curr = rq->curr;
	update_curr(rq, curr);
	curr->sched_class->task_tick(rq, curr);
	raw_spin_unlock(&rq->lock);
	calc_global_load_tick();
	/* Idle CPUs look for work every tick, busy ones every 4 (Linux: SCHED_SOFTIRQ). */
	if (num_online_cpus() > 1 && !time_before(jiffies, rq->next_balance)) {
		rq->next_balance = jiffies + (rq_idle(rq) ? 1 : 4);
		raise_softirq(SCHED_SOFTIRQ);
	}
}

void yield(void)
{
	struct rq_flags rf;
	struct rq *rq = task_rq_lock(current, &rf);

	current->sched_class->requeue_task(rq, current);
	task_rq_unlock(rq, current, &rf);
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
	if (running)
		WRITE_ONCE(rq->curr_prio, prio);
	if (running && prio > old)
		resched_curr(rq);	/* lowered: someone else may be better now */
	else if (queued && !running)
		check_preempt_curr(rq, p);
}

/* Priority inheritance (rtmutex.c) lends and returns priorities here. */
/*
 * p may be queued or running on another CPU: it is requeued on its own
 * rq under that rq's lock, and that CPU is asked to reschedule if the
 * change matters there (resched_curr() sends the IPI).
 */
void rt_mutex_setprio(struct task_struct *p, int prio)
{
	struct rq_flags rf;
	struct rq *rq = task_rq_lock(p, &rf);
	bool waiting;

	if (p->prio != prio) {
		trace_sched_pi_setprio(p, prio);
		__setprio_locked(rq, p, prio);
	}
	/* Boosted but still behind a better task there: a CPU doing less may take it. */
	waiting = rt_task(p) && p->on_rq && !task_on_cpu(rq, p) && p->nr_cpus_allowed > 1;
	task_rq_unlock(rq, p, &rf);
	if (waiting)
		push_rt_kick(rq, p);
}

/* The priority a boosted task must keep: rtmutex.c overrides this. */
__weak int rt_mutex_get_effective_prio(struct task_struct *p, int newprio)
{
	return newprio;
}

int sched_setscheduler_nocheck(struct task_struct *p, int policy,
			       const struct sched_param *param)
{
	struct rq_flags rf;
	unsigned long pi_flags;
	struct rq *rq;
	bool rt = policy == SCHED_FIFO || policy == SCHED_RR;

	if (rt ? (param->sched_priority < 1 || param->sched_priority > MAX_RT_PRIO - 1) :
		 param->sched_priority != 0)
		return -EINVAL;
	if (!rt && policy != SCHED_NORMAL && policy != SCHED_BATCH && policy != SCHED_IDLE)
		return -EINVAL;
	if (is_idle_task(p))
		return -EPERM;
	pi_flags = rt_mutex_sched_lock();	/* the chain walk reads normal_prio */
	rq = task_rq_lock(p, &rf);
	p->policy = policy;
	p->rt_priority = rt ? param->sched_priority : 0;
	p->normal_prio = normal_prio_of(policy, p->rt_priority, p->static_prio);
	p->time_slice = policy == SCHED_RR ? RR_TIMESLICE : NORMAL_TIMESLICE;
	p->slice_start = p->sum_exec_runtime;
	__setprio_locked(rq, p, rt_mutex_get_effective_prio(p, p->normal_prio));
	task_rq_unlock(rq, p, &rf);
	rt_mutex_sched_unlock(pi_flags);
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
	struct rq_flags rf;
	struct rq *rq;

	if (nice < -20 || nice > 19)
		return;
	rq = task_rq_lock(p, &rf);
	p->static_prio = NICE_TO_PRIO(nice);
	if (!rt_task(p)) {
		p->normal_prio = p->prio = p->static_prio;
		if (rq->curr == p)
			WRITE_ONCE(rq->curr_prio, p->prio);
	}
	task_rq_unlock(rq, p, &rf);
}

/* Leave for good: the next task frees our stack (finish_task_switch()). */
__noreturn void do_task_dead(void)
{
	unsigned long flags;

	preempt_disable();
	/*
	 * Under pi_lock, as Linux's set_special_state(): a wake-up that read
	 * our last sleeping state before we left would otherwise write
	 * TASK_RUNNING over TASK_DEAD (ttwu_runnable()), and __schedule()
	 * would keep a dead task on its run queue.
	 */
	raw_spin_lock_irqsave(&current->pi_lock, flags);
	WRITE_ONCE(current->__state, TASK_DEAD);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
	__schedule(false);
	BUG();
}

/*
 * With tasklist_lock held: the task is valid until the lock is dropped.
 * A task naming itself (kill(getpid()), tgkill of its own thread) is
 * found without the walk of the task list.
 */
struct task_struct *find_task_by_pid_locked(int pid)
{
	struct task_struct *p;

	/*
	 * No process has a pid below 1: the idle tasks' 0 is not one (Linux
	 * keeps them out of the pid hash). Finding init_task here would let a
	 * caller's put_task_struct() free the boot stack.
	 */
	if (pid <= 0)
		return NULL;
	if (pid == current->pid)
		return current;
	/* A reaped task (EXIT_DEAD) still on its way off a CPU has no pid. */
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && p->exit_state != EXIT_DEAD)
			return p;
	return NULL;
}

/*
 * Without a reference: only for tasks that cannot be reaped meanwhile
 * (init, the caller's own).
 */
struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid_locked(pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* As find_task_by_pid(), with a reference the caller drops with put_task_struct(). */
struct task_struct *find_get_task_by_vpid(int pid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid_locked(pid);
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = per_cpu_ptr(&runqueues, cpu);

	idle->cpu = cpu;
	rq->clock = rq->clock_task = sched_clock();
	rq->prev_irq_time = irq_time_read(cpu);
	idle->exec_start = rq->clock_task;
	idle->on_cpu = 1;
	idle->on_rq = 1;
	cpumask_copy(&idle->cpus_mask, cpumask_of(cpu));
	idle->nr_cpus_allowed = 1;
	idle->flags |= PF_IDLE | PF_KTHREAD | PF_NO_SETAFFINITY;
	rq->idle = rq->curr = idle;
	rq->curr_prio = idle->prio;
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
		rq->curr_prio = MAX_PRIO;
	}
	open_softirq(SCHED_SOFTIRQ, run_rebalance_domains);
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.pi_waiters);
	init_task.stack = boot_stack;
	init_task.thread.sp0 = (unsigned long)boot_stack_top;
	cpumask_copy(&init_task.cpus_mask, cpumask_of(0));
	init_task.nr_cpus_allowed = 1;
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

	seq_printf(m, "  PID COMM             POLICY RTPRIO PRI S PSR       TIME(us)  SWITCHES\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		seq_printf(m, "%5d %-16s %-6s %6u %3d %c %3u %14llu %9lu\n", p->pid, p->comm,
			   policy_name(p->policy), p->rt_priority, p->prio, state_char(p),
			   task_cpu(p), p->sum_exec_runtime / 1000, p->nvcsw + p->nivcsw);
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

/* Nothing but the idle task on @cpu: runs it and has nothing queued. */
int idle_cpu(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && !READ_ONCE(rq->nr_running);
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

/* --- affinity and the per-CPU migration threads ----------------------------- */

/*
 * A running task cannot be moved by another CPU: it must first be off
 * its CPU. As Linux's, set_cpus_allowed_ptr() has the stopper of the
 * task's CPU, "migration/N" (kernel/stop_machine.c, SCHED_FIFO 99),
 * preempt it there; it is then queued but not running, and
 * migration_cpu_stop() moves it to a CPU of its new mask. A task at
 * FIFO 99 itself is moved once it next leaves the CPU (its next wake-up
 * picks an allowed CPU).
 */
static int migration_cpu_stop(void *data)
{
	struct task_struct *p = data;
	struct rq_flags rf;
	struct rq *rq = task_rq_lock(p, &rf), *dst;
	int cpu;

	if (rq != this_rq() || !p->on_rq || task_on_cpu(rq, p) ||
	    cpumask_test_cpu(rq->cpu, &p->cpus_mask))
		goto out;
	cpu = select_task_rq(p, rq->cpu, false);
	if (cpu == rq->cpu)
		goto out;
	dst = cpu_rq(cpu);
	double_lock_balance(rq, dst);
	/* rq's lock may have been dropped: look again. */
	if (task_rq(p) == rq && p->on_rq && !task_on_cpu(rq, p) &&
	    can_migrate_task(p, rq, cpu))
		move_queued_task_locked(rq, dst, p);
	raw_spin_unlock(&dst->lock);
out:
	task_rq_unlock(rq, p, &rf);
	return 0;
}

/*
 * Linux's semantics: the mask is kept as given (CPUs that come online
 * later count), but it must hold an online CPU (-EINVAL). A queued task
 * is moved at once; a running one by migration/N, and we wait for that;
 * a sleeping one goes to an allowed CPU when it wakes.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
{
	struct rq_flags rf;
	struct rq *rq;
	int cpu;

	if (!cpumask_intersects(new_mask, cpu_online_mask))
		return -EINVAL;
	rq = task_rq_lock(p, &rf);
	cpumask_copy(&p->cpus_mask, new_mask);
	p->nr_cpus_allowed = cpumask_weight(new_mask);
	cpu = rq->cpu;
	if (cpumask_test_cpu(cpu, new_mask) || !p->on_rq) {
		task_rq_unlock(rq, p, &rf);
		return 0;
	}
	if (!task_on_cpu(rq, p)) {
		int dst = select_task_rq(p, cpu, false);

		double_lock_balance(rq, cpu_rq(dst));
		if (task_rq(p) == rq && p->on_rq && can_migrate_task(p, rq, dst))
			move_queued_task_locked(rq, cpu_rq(dst), p);
		raw_spin_unlock(&cpu_rq(dst)->lock);
		task_rq_unlock(rq, p, &rf);
		return 0;
	}
	get_task_struct(p);
	task_rq_unlock(rq, p, &rf);
	/*
	 * With no stopper there (not made yet, or parked while the CPU
	 * goes down) p moves at its next wake-up, or with the dead CPU's
	 * other tasks (sched_cpu_dying()).
	 */
	stop_one_cpu(cpu, migration_cpu_stop, p);
	put_task_struct(p);
	return 0;
}

/*
 * The task a system call's pid names (0: the caller), with a reference,
 * so that it cannot be reaped and freed on another CPU while it is looked
 * at: put_task_struct() when done.
 */
struct task_struct *find_get_task(int pid)
{
	if (pid)
		return find_get_task_by_vpid(pid);
	get_task_struct(current);
	return current;
}

long sched_setaffinity(int pid, const struct cpumask *in_mask)
{
	struct task_struct *p = find_get_task(pid);
	long ret;

	if (!p)
		return -ESRCH;
	ret = p->flags & PF_NO_SETAFFINITY ? -EINVAL : set_cpus_allowed_ptr(p, in_mask);
	put_task_struct(p);
	return ret;
}

long sched_getaffinity(int pid, struct cpumask *mask)
{
	struct task_struct *p = find_get_task(pid);
	unsigned long flags;

	if (!p)
		return -ESRCH;
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	cpumask_and(mask, &p->cpus_mask, cpu_online_mask);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	put_task_struct(p);
	return 0;
}

/* Linux's cpumask_size(): whole longs covering nr_cpu_ids. */
static unsigned int user_cpumask_size(void)
{
	return BITS_TO_LONGS(nr_cpu_ids) * sizeof(long);
}

/* A shorter user mask leaves the rest clear; a longer one is cut. */
SYSCALL_DEFINE3(sched_setaffinity, int, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	struct cpumask new_mask;

	cpumask_clear(&new_mask);
	if (len > user_cpumask_size())
		len = user_cpumask_size();
	if (copy_from_user(&new_mask, user_mask_ptr, len))
		return -EFAULT;
	if (pid < 0)
		return -ESRCH;
	return sched_setaffinity(pid, &new_mask);
}

/* Returns the bytes written: the mask rounded up to whole longs. */
SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	struct cpumask mask;
	unsigned int retlen;
	long ret;

	if ((u64)len * 8 < nr_cpu_ids || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	ret = sched_getaffinity(pid, &mask);
	if (ret)
		return ret;
	retlen = min(len, user_cpumask_size());
	if (copy_to_user(user_mask_ptr, &mask, retlen))
		return -EFAULT;
	return retlen;
}

/*
 * getcpu(2): the CPU the caller runs on now, and its NUMA node (always
 * 0). As Linux, both are stored even if the first pointer is bad.
 */
SYSCALL_DEFINE3(getcpu, unsigned int *, cpup, unsigned int *, nodep, void *, unused)
{
	unsigned int cpu = raw_smp_processor_id();
	int err = 0;

	if (cpup)
		err |= put_user(cpu, cpup);
	if (nodep)
		err |= put_user(0U, nodep);
	return err ? -EFAULT : 0;
}

/* --- CPUs coming and going ------------------------------------------------------ */

static DEFINE_MUTEX(cpuhp_threads_lock);
static bool cpuhp_threads_ready;

int spawn_ksoftirqd_cpu(unsigned int cpu);

/*
 * A CPU's threads are made the first time it comes online; when it
 * returns after being taken down, they are still there, parked, and
 * kernel/cpu.c unparks them (the calls here then find them made).
 */
static int cpuhp_create_threads(unsigned int cpu)
{
	int err;

	err = cpu_stop_create(cpu);
	if (!err)
		err = spawn_ksoftirqd_cpu(cpu);
	if (!err)
		err = workqueue_online_cpu(cpu);
	if (err)
		pr_err("sched: CPU %u: cannot create its threads (%d)\n", cpu, err);
	return err;
}

int cpuhp_online(unsigned int cpu)
{
	int err = 0;

	if (!cpu_online(cpu))
		return -EINVAL;
	mutex_lock(&cpuhp_threads_lock);
	if (cpuhp_threads_ready)
		err = cpuhp_create_threads(cpu);
	mutex_unlock(&cpuhp_threads_lock);
	return err;
}

/* From kernel_init(): the boot CPU's threads, and those of every CPU already up. */
void cpuhp_threads_init(void)
{
	unsigned int cpu;

	mutex_lock(&cpuhp_threads_lock);
	cpuhp_threads_ready = true;
	for_each_online_cpu(cpu)
		cpuhp_create_threads(cpu);
	mutex_unlock(&cpuhp_threads_lock);
}

/*
 * Linux clears the CPU from cpu_active_mask here so that new wake-ups
 * avoid it. reflex has no active mask: wake-ups avoid the CPU once it
 * leaves cpu_online_mask (inside stop_machine()), and whatever was
 * queued there until then is moved by sched_cpu_dying().
 */
int sched_cpu_deactivate(unsigned int cpu)
{
	return num_online_cpus() > 1 ? 0 : -EBUSY;
}

int sched_cpu_activate(unsigned int cpu)
{
	return 0;
}

/* Any task queued on @rq but its idle task; @rq locked. */
static struct task_struct *rq_first_queued(struct rq *rq)
{
	unsigned int i;

	for (i = 0; i < MAX_RT_PRIO; i++)
		if (!list_empty(&rq->rt.queue[i]))
			return list_first_entry(&rq->rt.queue[i], struct task_struct, run_list);
	if (!list_empty(&rq->cfs.tasks))
		return list_first_entry(&rq->cfs.tasks, struct task_struct, run_list);
	return NULL;
}

/*
 * Move @p, queued on the dead CPU's @rq, to a CPU it may run on (found
 * as a wake-up would, widening its mask if none is left). Locks as
 * Linux's: p->pi_lock, then the rq locks.
 */
static void migrate_dead_task(struct rq *dead, struct task_struct *p)
{
	struct rq_flags rf;
	struct rq *rq = task_rq_lock(p, &rf);
	int cpu;

	if (rq == dead && p->on_rq && !task_on_cpu(rq, p)) {
		cpu = select_task_rq(p, rq->cpu, false);
		double_lock_balance(rq, cpu_rq(cpu));
		if (task_rq(p) == rq && p->on_rq && !task_on_cpu(rq, p))
			move_queued_task_locked(rq, cpu_rq(cpu), p);
		raw_spin_unlock(&cpu_rq(cpu)->lock);
	}
	task_rq_unlock(rq, p, &rf);
}

/**
 * sched_cpu_dying - empty the run queue of a CPU that is dead
 * @cpu: the CPU, which has played dead (its idle task is current there)
 *
 * On the controlling CPU. Every task still queued on @cpu goes to an
 * online CPU of its mask (Linux's migrate_tasks()); @cpu's own threads
 * are parked, so they are not queued. Fails with -EBUSY if a task would
 * not leave (only a task still marked running there could).
 */
int sched_cpu_dying(unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	struct task_struct *p;
	unsigned int tries = 0;

	for (;;) {
		raw_spin_lock_irq(&rq->lock);
		p = rq_first_queued(rq);
		if (p)
			get_task_struct(p);
		raw_spin_unlock_irq(&rq->lock);
		if (!p)
			break;
		migrate_dead_task(rq, p);
		put_task_struct(p);
		if (++tries > 100000) {
			pr_err("sched: CPU %u: tasks do not leave its run queue\n", cpu);
			return -EBUSY;
		}
	}
	WARN_ON_ONCE(READ_ONCE(rq->nr_running));
	return 0;
}
