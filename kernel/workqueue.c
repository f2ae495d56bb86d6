// SPDX-License-Identifier: MIT
/*
 * Workqueues: work items (linux/workqueue.h) run in process context by
 * kernel threads named as Linux names its workers — "kworker/0:0",
 * "kworker/0:0H" for the high-priority pool, "kworker/u2:0" unbound —
 * each running worker_thread(). This file owns queueing (from any
 * context, hard IRQs included), delayed work on jiffies timers, flushing
 * and cancelling.
 *
 * As Linux's, a per-CPU workqueue (no WQ_UNBOUND) runs an item on the
 * CPU that queued it: the workqueue has a pool_workqueue per CPU, each
 * with a worker bound to that CPU (kworker/N:id, kworker/N:idH for
 * WQ_HIGHPRI), made when the CPU comes online (workqueue_online_cpu()).
 * An unbound workqueue has one pool_workqueue whose worker runs anywhere.
 * An item still running on one CPU is queued behind itself there, so
 * it never runs on two CPUs at once.
 *
 * A deliberate simplification: each pool_workqueue has exactly one
 * worker, where Linux keeps per-CPU pools of workers shared by all
 * workqueues and starts another worker when one sleeps (concurrency
 * management). Here the items of one workqueue on one CPU run one at a
 * time, in queueing order, and an item that sleeps holds up the items
 * queued behind it there (not those of other workqueues or CPUs).
 * max_active is therefore always 1, and there is no rescuer.
 *
 * Locking: pwq->lock (interrupts off) protects the worklist and the
 * running item; WORK_STRUCT_PENDING in work->data says who may queue: the
 * one who sets it owns the item until the worker clears it just before
 * running the function (so a running item may be queued again).
 * work->data otherwise points at the pool_workqueue it last went to.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/cpu.h>
#include <asm/kdebug.h>
#include <asm/smp.h>

#define WQ_NAME_LEN	24
#define WORK_CPU_UNBOUND	NR_CPUS	/* the caller named no CPU (trace's req_cpu) */

struct pool_workqueue {
	raw_spinlock_t		lock;
	struct list_head	worklist;
	struct task_struct	*worker;
	struct work_struct	*current_work;	/* being run by @worker */
	work_func_t		current_func;
	struct workqueue_struct	*wq;
	int			cpu;		/* -1: unbound */
};

struct workqueue_struct {
	struct pool_workqueue	*pwqs[NR_CPUS];	/* per CPU; an unbound one uses [0] */
	unsigned int		flags;
	bool			draining;	/* destroy_workqueue() under way */
	struct list_head	list;		/* on workqueues */
	char			name[WQ_NAME_LEN];
};

/* Defined here, as in Linux: the events read struct pool_workqueue. */
#define CREATE_TRACE_POINTS
#include <trace/events/workqueue.h>

struct workqueue_struct *system_wq;
struct workqueue_struct *system_highpri_wq;
struct workqueue_struct *system_long_wq;
struct workqueue_struct *system_unbound_wq;

static DEFINE_MUTEX(wq_pool_mutex);	/* workqueues, wq_online, worker ids */
static LIST_HEAD(workqueues);
static bool wq_online;			/* workers can be created */

/*
 * Linux numbers workers per pool: each possible CPU has a normal and a
 * high-priority pool (ids 0 .. 2 * nr_cpu_ids - 1), unbound pools follow.
 */
#define NR_STD_WORKER_POOLS	2
enum { POOL_NORMAL, POOL_HIGHPRI, POOL_UNBOUND, NR_POOLS };
static int pool_worker_ids[NR_CPUS][NR_STD_WORKER_POOLS];
static int unbound_worker_ids;

#define for_each_pwq(pwq, wq, cpu)					\
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)			\
		if (((pwq) = READ_ONCE((wq)->pwqs[cpu])) != NULL)

static struct pool_workqueue *get_work_pwq(struct work_struct *work)
{
	return (struct pool_workqueue *)(READ_ONCE(work->data) & ~WORK_STRUCT_FLAG_MASK);
}

/* A worker's kthread data is its workqueue; its CPU says which pwq it serves. */
static struct pool_workqueue *current_pwq(void)
{
	struct workqueue_struct *wq = kthread_data(current);

	if (wq->flags & WQ_UNBOUND)
		return wq->pwqs[0];
	return wq->pwqs[cpumask_first(&current->cpus_mask)];
}

/* Is current a worker of @wq? Then it must not wait for @wq's other items. */
static bool current_is_worker_of(struct workqueue_struct *wq)
{
	return (current->flags & PF_WQ_WORKER) && kthread_data(current) == wq;
}

struct work_struct *current_work(void)
{
	if (!(current->flags & PF_WQ_WORKER))
		return NULL;
	return current_pwq()->current_work;
}

/*
 * Where an item queued now goes: the unbound pwq, or this CPU's; one
 * without a worker yet (its CPU not fully up) hands over to the first
 * that has one, so nothing waits on a thread that may never come.
 */
static struct pool_workqueue *select_pwq(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq;
	int cpu;

	if (wq->flags & WQ_UNBOUND)
		return wq->pwqs[0];
	pwq = READ_ONCE(wq->pwqs[raw_smp_processor_id()]);
	if (pwq && (READ_ONCE(pwq->worker) || !READ_ONCE(wq_online)))
		return pwq;
	for_each_pwq(pwq, wq, cpu)
		if (READ_ONCE(pwq->worker) && cpu_online(cpu))
			return pwq;
	return wq->pwqs[cpumask_first(cpu_online_mask)];
}

/* --- queueing -------------------------------------------------------------- */

/* The caller owns PENDING. From any context. */
static void __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	struct pool_workqueue *pwq, *last = get_work_pwq(work);
	unsigned long flags;

	/* Interrupts off first: this CPU cannot go down before the item is queued. */
	local_irq_save(flags);
	pwq = select_pwq(wq);
	/* Still running elsewhere on this workqueue: it goes behind itself there. */
	if (last && last != pwq && last->wq == wq) {
		raw_spin_lock(&last->lock);
		if (last->current_work == work) {
			pwq = last;
		} else {
			raw_spin_unlock(&last->lock);
			raw_spin_lock(&pwq->lock);
		}
	} else {
		raw_spin_lock(&pwq->lock);
	}
	/* Only the items of a dying workqueue may still queue onto it. */
	if (unlikely(wq->draining) && !current_is_worker_of(wq)) {
		WARN_ONCE(1, "workqueue %s: queueing %ps while it is destroyed\n",
			  wq->name, work->func);
		clear_bit(WORK_STRUCT_PENDING_BIT, &work->data);
		goto out_unlock;
	}
	WARN_ON_ONCE(!list_empty(&work->entry));
	WRITE_ONCE(work->data, (unsigned long)pwq | WORK_STRUCT_PENDING);
	trace_workqueue_queue_work(WORK_CPU_UNBOUND, pwq, work);
	list_add_tail(&work->entry, &pwq->worklist);
	trace_workqueue_activate_work(work);
	if (pwq->worker)
		wake_up_process(pwq->worker);
out_unlock:
	/* Interrupts back on before preemption: a woken worker may run at once. */
	raw_spin_unlock_irqrestore(&pwq->lock, flags);
}

/**
 * queue_work - queue @work on @wq
 *
 * Returns false when @work was already pending (it will run once, not
 * twice), true when this call queued it. Interrupts are off from taking
 * PENDING to queueing so that a canceller in an interrupt never finds
 * the item owned but nowhere.
 */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, &work->data)) {
		__queue_work(wq, work);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* TIMER_SOFTIRQ: the delay is over; PENDING is still ours. */
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	__queue_work(dwork->wq, &dwork->work);
}

static void __queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				 unsigned long delay)
{
	WARN_ON_ONCE(timer_pending(&dwork->timer));
	if (!delay) {
		__queue_work(wq, &dwork->work);
		return;
	}
	dwork->wq = wq;
	/* Remembered now, so that flush_work() knows where to look once it is queued. */
	WRITE_ONCE(dwork->work.data, (unsigned long)select_pwq(wq) | WORK_STRUCT_PENDING);
	dwork->timer.expires = jiffies + delay;
	add_timer(&dwork->timer);
}

/**
 * queue_delayed_work - queue @dwork on @wq once @delay jiffies have passed
 *
 * It runs no earlier than the tick that makes jiffies reach now + @delay.
 * Returns false when it was already pending (timer armed or queued).
 */
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
			unsigned long delay)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, &dwork->work.data)) {
		__queue_delayed_work(wq, dwork, delay);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* --- taking a pending item back -------------------------------------------- */

/*
 * With interrupts off: make PENDING ours. 1 if the item was pending (its
 * timer stopped or it is off the worklist now), 0 if it was idle, -EAGAIN
 * if it is pending but in flight between the two (a timer that expired
 * on another CPU and has not queued it yet): try again.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork)
{
	struct pool_workqueue *pwq;
	int ret = -EAGAIN;

	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		return 1;
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, &work->data))
		return 0;
	pwq = get_work_pwq(work);
	if (!pwq)
		return -EAGAIN;
	raw_spin_lock(&pwq->lock);
	/* Queued there (it may have been queued elsewhere meanwhile: look again then). */
	if (!list_empty(&work->entry) && get_work_pwq(work) == pwq) {
		list_del_init(&work->entry);
		ret = 1;
	}
	raw_spin_unlock(&pwq->lock);
	return ret;
}

static int grab_pending(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	for (;;) {
		local_irq_save(flags);
		ret = try_to_grab_pending(work, is_dwork);
		local_irq_restore(flags);
		if (ret != -EAGAIN)
			return ret;
		cpu_relax();
	}
}

/* --- flushing -------------------------------------------------------------- */

/* A work item whose only job is to say that the worker got past a point. */
struct wq_barrier {
	struct work_struct	work;
	struct completion	done;
};

static void wq_barrier_func(struct work_struct *work)
{
	struct wq_barrier *barr = container_of(work, struct wq_barrier, work);

	complete(&barr->done);
}

/* With pwq->lock held: @barr goes on the worklist right after @pos. */
static void insert_wq_barrier(struct pool_workqueue *pwq, struct wq_barrier *barr,
			      struct list_head *pos)
{
	INIT_WORK(&barr->work, wq_barrier_func);
	init_completion(&barr->done);
	barr->work.data = (unsigned long)pwq | WORK_STRUCT_PENDING;
	list_add(&barr->work.entry, pos);
	if (pwq->worker)
		wake_up_process(pwq->worker);
}

/*
 * Queue a barrier behind @work's current instance: right after it while
 * it waits on the list, first in line while it runs. False when there is
 * nothing to wait for.
 */
static bool start_flush_work(struct work_struct *work, struct wq_barrier *barr)
{
	struct pool_workqueue *pwq = get_work_pwq(work);
	bool queued = true;

	if (!pwq)
		return false;
	raw_spin_lock_irq(&pwq->lock);
	if (get_work_pwq(work) != pwq)
		queued = false;		/* it moved on meanwhile: what we waited for is over */
	else if (!list_empty(&work->entry))
		insert_wq_barrier(pwq, barr, &work->entry);
	else if (pwq->current_work == work && !current_is_worker_of(pwq->wq))
		insert_wq_barrier(pwq, barr, &pwq->worklist);
	else
		queued = false;
	raw_spin_unlock_irq(&pwq->lock);
	return queued;
}

/**
 * flush_work - wait until the last queueing of @work has finished running
 *
 * Returns true if it had to wait. From @work's own workqueue this would
 * wait for itself (one worker per workqueue): it warns and returns.
 */
bool flush_work(struct work_struct *work)
{
	struct pool_workqueue *pwq = get_work_pwq(work);
	struct workqueue_struct *wq = pwq ? pwq->wq : NULL;
	struct wq_barrier barr;

	might_sleep();
	if (wq && WARN_ONCE(current_is_worker_of(wq) && current_pwq() == pwq &&
			    !list_empty(&work->entry),
			    "workqueue %s: flushing %ps from its own worker would deadlock\n",
			    wq->name, work->func))
		return false;
	if (!start_flush_work(work, &barr))
		return false;
	wait_for_completion(&barr.done);
	return true;
}

/* A pending timer is cut short: the item is queued now and waited for. */
bool flush_delayed_work(struct delayed_work *dwork)
{
	unsigned long flags;

	local_irq_save(flags);
	if (del_timer(&dwork->timer))
		__queue_work(dwork->wq, &dwork->work);
	local_irq_restore(flags);
	return flush_work(&dwork->work);
}

/*
 * Waits for every item queued on @wq before the call: a barrier at the
 * end of each CPU's worklist in turn (items queued meanwhile behind one
 * already passed are not waited for, as Linux's).
 */
void flush_workqueue(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq;
	struct wq_barrier barr;
	int cpu;

	might_sleep();
	if (WARN_ONCE(current_is_worker_of(wq),
		      "workqueue %s: flushed from its own worker\n", wq->name))
		return;
	for_each_pwq(pwq, wq, cpu) {
		raw_spin_lock_irq(&pwq->lock);
		if (list_empty(&pwq->worklist) && !pwq->current_work) {
			raw_spin_unlock_irq(&pwq->lock);
			continue;
		}
		insert_wq_barrier(pwq, &barr, pwq->worklist.prev);
		raw_spin_unlock_irq(&pwq->lock);
		wait_for_completion(&barr.done);
	}
}

/* --- cancelling ------------------------------------------------------------ */

static bool __cancel_work(struct work_struct *work, bool is_dwork)
{
	int ret = grab_pending(work, is_dwork);

	clear_bit(WORK_STRUCT_PENDING_BIT, &work->data);
	return ret;
}

/* Takes @work off its queue if it is pending; does not wait for a running one. */
bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true);
}

/*
 * PENDING stays ours while we wait for a running instance, so nobody can
 * queue the item again meanwhile (queue_work() returns false): when this
 * returns, the item is neither pending nor running.
 */
static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	struct wq_barrier barr;
	int ret;

	might_sleep();
	ret = grab_pending(work, is_dwork);
	if (start_flush_work(work, &barr))
		wait_for_completion(&barr.done);
	clear_bit(WORK_STRUCT_PENDING_BIT, &work->data);
	return ret;
}

/* Cancels @work and waits for a running instance; true if it was pending. */
bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}

bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		      unsigned long delay)
{
	unsigned long flags;
	int ret;

	ret = grab_pending(&dwork->work, true);
	local_irq_save(flags);
	__queue_delayed_work(wq, dwork, delay);
	local_irq_restore(flags);
	return ret;
}

/* --- the worker ------------------------------------------------------------ */

/* A work function must give back what it took: no lock, no irqs-off, no preempt-off. */
static void check_leaked_atomic(struct work_struct *work, work_func_t func)
{
	if (likely(!preempt_count() && !irqs_disabled()))
		return;
	pr_err("BUG: workqueue leaked atomic, lock or irqs-off: %s/%d\n",
	       current->comm, current->pid);
	pr_err("     preempt=0x%08x irqs_disabled=%d workfn=%ps\n",
	       preempt_count(), irqs_disabled(), func);
	dump_stack();
}

/* With pwq->lock held, which is dropped while the function runs. */
static void process_one_work(struct pool_workqueue *pwq, struct work_struct *work)
{
	work_func_t func = work->func;

	list_del_init(&work->entry);
	pwq->current_work = work;
	pwq->current_func = func;
	/* From here on it may be queued again, even by itself. */
	WRITE_ONCE(work->data, (unsigned long)pwq);
	raw_spin_unlock_irq(&pwq->lock);

	trace_workqueue_execute_start(work);
	func(work);		/* may free @work: only its address is used below */
	trace_workqueue_execute_end(work, func);
	check_leaked_atomic(work, func);
	cond_resched();

	raw_spin_lock_irq(&pwq->lock);
	pwq->current_work = NULL;
	pwq->current_func = NULL;
}

/*
 * kworker's loop: run what is queued, in order, then sleep until
 * __queue_work() wakes us. The state is set before the worklist is
 * looked at, so a wake-up in between is not lost.
 */
static int worker_thread(void *__wq)
{
	struct pool_workqueue *pwq = current_pwq();

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		raw_spin_lock_irq(&pwq->lock);
		if (list_empty(&pwq->worklist)) {
			raw_spin_unlock_irq(&pwq->lock);
			if (kthread_should_stop())
				break;
			if (kthread_should_park()) {
				__set_current_state(TASK_RUNNING);
				kthread_parkme();	/* drained; the CPU goes down */
				continue;
			}
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		do {
			process_one_work(pwq, list_first_entry(&pwq->worklist,
							       struct work_struct, entry));
		} while (!list_empty(&pwq->worklist));
		raw_spin_unlock_irq(&pwq->lock);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* "0:3", "0:0H" or "u2:0": Linux's pool:id names. */
static void worker_name(struct pool_workqueue *pwq, char *buf, size_t size)
{
	unsigned int flags = pwq->wq->flags;

	if (flags & WQ_UNBOUND)
		snprintf(buf, size, "u%u:%d", NR_STD_WORKER_POOLS * nr_cpu_ids,
			 unbound_worker_ids++);
	else if (flags & WQ_HIGHPRI)
		snprintf(buf, size, "%d:%dH", pwq->cpu, pool_worker_ids[pwq->cpu][POOL_HIGHPRI]++);
	else
		snprintf(buf, size, "%d:%d", pwq->cpu, pool_worker_ids[pwq->cpu][POOL_NORMAL]++);
}

/* With wq_pool_mutex held; a per-CPU worker is bound to its CPU. */
static int create_worker(struct pool_workqueue *pwq)
{
	struct task_struct *t;
	char id[16];

	if (pwq->worker)
		return 0;
	worker_name(pwq, id, sizeof(id));
	t = kthread_create(worker_thread, pwq->wq, "kworker/%s", id);
	if (IS_ERR(t))
		return PTR_ERR(t);
	t->flags |= PF_WQ_WORKER;
	if (pwq->cpu >= 0)
		kthread_bind(t, pwq->cpu);
	if (pwq->wq->flags & WQ_HIGHPRI)
		set_user_nice(t, -20);
	raw_spin_lock_irq(&pwq->lock);
	WRITE_ONCE(pwq->worker, t);
	raw_spin_unlock_irq(&pwq->lock);
	wake_up_process(t);
	return 0;
}

static struct pool_workqueue *alloc_pwq(struct workqueue_struct *wq, int cpu)
{
	struct pool_workqueue *pwq = kzalloc(sizeof(*pwq), GFP_KERNEL);

	if (!pwq)
		return NULL;
	raw_spin_lock_init(&pwq->lock);
	INIT_LIST_HEAD(&pwq->worklist);
	pwq->wq = wq;
	pwq->cpu = cpu;
	barrier();	/* initialised before queue_work() can find it */
	WRITE_ONCE(wq->pwqs[cpu < 0 ? 0 : cpu], pwq);
	return pwq;
}

/* With wq_pool_mutex held: @cpu's pwq of @wq, and its worker once workers may exist. */
static int wq_online_cpu(struct workqueue_struct *wq, unsigned int cpu)
{
	struct pool_workqueue *pwq;

	if (wq->flags & WQ_UNBOUND)
		return wq_online ? create_worker(wq->pwqs[0]) : 0;
	pwq = wq->pwqs[cpu];
	if (!pwq && !(pwq = alloc_pwq(wq, cpu)))
		return -ENOMEM;
	if (pwq->worker) {
		kthread_unpark(pwq->worker);	/* the CPU is back */
		return 0;
	}
	return wq_online ? create_worker(pwq) : 0;
}

static void free_pwqs(struct workqueue_struct *wq)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		kfree(wq->pwqs[cpu]);
}

/* --- creating and destroying ----------------------------------------------- */

static void destroy_workqueue_workers(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq;
	int cpu;

	for_each_pwq(pwq, wq, cpu)
		if (pwq->worker)
			kthread_stop(pwq->worker);
}

/**
 * alloc_workqueue - a workqueue with a worker of its own
 * @fmt:	printf-style name (the workqueue's, not the worker's)
 * @flags:	WQ_HIGHPRI (worker at nice -20), WQ_UNBOUND (named as unbound);
 *		the others are accepted and change nothing
 * @max_active:	ignored: items run one at a time (see the top of the file)
 *
 * NULL when memory or the thread cannot be had.
 */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	va_list args;

	if (!wq)
		return NULL;
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	wq->flags = flags;

	/* The online CPUs get their pwqs and workers; none may come or go meanwhile. */
	cpus_read_lock();
	mutex_lock(&wq_pool_mutex);
	if (flags & WQ_UNBOUND) {
		if (!alloc_pwq(wq, -1) || wq_online_cpu(wq, 0))
			goto fail;
	} else {
		unsigned int cpu;

		for_each_online_cpu(cpu)
			if (wq_online_cpu(wq, cpu))
				goto fail;
	}
	list_add_tail(&wq->list, &workqueues);
	mutex_unlock(&wq_pool_mutex);
	cpus_read_unlock();
	return wq;
fail:
	mutex_unlock(&wq_pool_mutex);
	cpus_read_unlock();
	destroy_workqueue_workers(wq);
	free_pwqs(wq);
	kfree(wq);
	return NULL;
}

static bool wq_idle(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq;
	bool idle = true;
	int cpu;

	for_each_pwq(pwq, wq, cpu) {
		raw_spin_lock_irq(&pwq->lock);
		idle = idle && list_empty(&pwq->worklist) && !pwq->current_work;
		raw_spin_unlock_irq(&pwq->lock);
	}
	return idle;
}

/*
 * Runs everything queued, including what those items queue on @wq, then
 * stops the worker. Queueing from elsewhere meanwhile is a bug (warned).
 */
void destroy_workqueue(struct workqueue_struct *wq)
{
	WRITE_ONCE(wq->draining, true);
	do {
		flush_workqueue(wq);
	} while (!wq_idle(wq));

	mutex_lock(&wq_pool_mutex);
	list_del(&wq->list);
	mutex_unlock(&wq_pool_mutex);
	destroy_workqueue_workers(wq);
	free_pwqs(wq);
	kfree(wq);
}

/* From start_kernel(): queueing works from here on; the items wait for workers. */
void workqueue_init_early(void)
{
	system_wq = alloc_workqueue("events", 0, 0);
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, 0);
	system_long_wq = system_wq;
	BUG_ON(!system_wq || !system_highpri_wq || !system_unbound_wq);
}

/* Once threads can run: every workqueue so far gets its worker. */
void workqueue_init(void)
{
	struct workqueue_struct *wq;

	mutex_lock(&wq_pool_mutex);
	wq_online = true;
	list_for_each_entry(wq, &workqueues, list) {
		unsigned int cpu;

		for_each_online_cpu(cpu)
			if (wq_online_cpu(wq, cpu))
				panic("workqueue: cannot create the workers of %s", wq->name);
	}
	mutex_unlock(&wq_pool_mutex);
}

/*
 * @cpu is online (cpuhp_online(), or its return after hotplug): every
 * per-CPU workqueue gets its worker there, or has its parked one back.
 */
int workqueue_online_cpu(unsigned int cpu)
{
	struct workqueue_struct *wq;
	int err = 0;

	mutex_lock(&wq_pool_mutex);
	list_for_each_entry(wq, &workqueues, list)
		if (!(wq->flags & WQ_UNBOUND) && !err)
			err = wq_online_cpu(wq, cpu);
	mutex_unlock(&wq_pool_mutex);
	return err;
}

/*
 * @cpu is going down: each per-CPU worker there runs what is queued for
 * it, then parks until the CPU returns (reflex's workers serve one
 * workqueue on one CPU each, so there is no pool to unbind as in Linux).
 */
int workqueue_offline_cpu(unsigned int cpu)
{
	struct workqueue_struct *wq;

	mutex_lock(&wq_pool_mutex);
	list_for_each_entry(wq, &workqueues, list) {
		struct pool_workqueue *pwq = wq->pwqs[cpu];

		if (!(wq->flags & WQ_UNBOUND) && pwq && pwq->worker)
			kthread_park(pwq->worker);
	}
	mutex_unlock(&wq_pool_mutex);
	return 0;
}

/* Items @from gained after its worker parked go to @to, in order. Both locked. */
static bool pwq_splice_worklist(struct pool_workqueue *from, struct pool_workqueue *to)
{
	struct work_struct *work, *tmp;
	bool moved = false;

	list_for_each_entry_safe(work, tmp, &from->worklist, entry) {
		list_move_tail(&work->entry, &to->worklist);
		WRITE_ONCE(work->data, (unsigned long)to | WORK_STRUCT_PENDING);
		moved = true;
	}
	return moved;
}

/*
 * @cpu is dead: what was queued there after its workers parked (by an
 * interrupt on the way down) runs on this CPU instead.
 */
int workqueue_dead_cpu(unsigned int cpu)
{
	struct workqueue_struct *wq;

	mutex_lock(&wq_pool_mutex);
	list_for_each_entry(wq, &workqueues, list) {
		struct pool_workqueue *from = wq->pwqs[cpu], *to;
		bool moved;

		if ((wq->flags & WQ_UNBOUND) || !from)
			continue;
		local_irq_disable();
		to = wq->pwqs[smp_processor_id()];
		if (!to || to == from) {
			local_irq_enable();
			continue;
		}
		if (from->cpu < to->cpu) {
			raw_spin_lock(&from->lock);
			raw_spin_lock(&to->lock);
		} else {
			raw_spin_lock(&to->lock);
			raw_spin_lock(&from->lock);
		}
		moved = pwq_splice_worklist(from, to);
		raw_spin_unlock(&from->lock);
		if (moved && to->worker)
			wake_up_process(to->worker);
		raw_spin_unlock(&to->lock);
		local_irq_enable();
	}
	mutex_unlock(&wq_pool_mutex);
	return 0;
}
