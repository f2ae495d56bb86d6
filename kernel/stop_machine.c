// SPDX-License-Identifier: MIT
/*
 * The CPU stopper, as Linux's kernel/stop_machine.c: one thread per CPU,
 * "migration/N", SCHED_FIFO 99 and bound to its CPU, that runs queued
 * work functions one after another. Because it outranks every other
 * task, a function queued there runs with nothing else running on that
 * CPU (the scheduler moves running tasks with it, see
 * set_cpus_allowed_ptr()).
 *
 * stop_machine() queues one work on every online CPU; the stoppers then
 * step together through a small state machine (multi_cpu_stop()): all
 * arrive, all disable interrupts, the chosen CPUs run the function, all
 * leave. A CPU cannot be in the middle of anything when its stopper is
 * running, and none takes an interrupt while the function runs: CPU
 * hotplug takes a CPU down inside such a call (take_cpu_down()).
 *
 * A stopper that is parked (its CPU is going or gone) takes no work:
 * cpu_stop_queue_work() completes the work at once as not run.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/stop_machine.h>
#include <linux/cpu.h>
#include <asm/irqflags.h>
#include <asm/smp.h>

/* What the queuer waits for: every work it queued, done or refused. */
struct cpu_stop_done {
	atomic_t		nr_todo;
	int			ret;	/* the last nonzero return of a work */
	struct completion	completion;
};

struct cpu_stopper {
	raw_spinlock_t		lock;
	bool			enabled;	/* takes work; false while parked */
	struct list_head	works;
	struct task_struct	*thread;
};

static DEFINE_PER_CPU(struct cpu_stopper, cpu_stopper);
static DEFINE_MUTEX(stop_cpus_mutex);	/* one stop_machine() at a time */
static DEFINE_PER_CPU(struct cpu_stop_work, stop_machine_work);

static void cpu_stop_init_done(struct cpu_stop_done *done, unsigned int nr_todo)
{
	atomic_set(&done->nr_todo, nr_todo);
	done->ret = 0;
	init_completion(&done->completion);
}

static void cpu_stop_signal_done(struct cpu_stop_done *done)
{
	if (atomic_dec_and_test(&done->nr_todo))
		complete(&done->completion);
}

/* Queue @work on @cpu's stopper; false (and @work counted as done) if it is parked. */
static bool cpu_stop_queue_work(unsigned int cpu, struct cpu_stop_work *work)
{
	struct cpu_stopper *stopper = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;
	bool enabled;

	raw_spin_lock_irqsave(&stopper->lock, flags);
	enabled = stopper->enabled;
	if (enabled)
		list_add_tail(&work->list, &stopper->works);
	raw_spin_unlock_irqrestore(&stopper->lock, flags);
	if (enabled)
		wake_up_process(stopper->thread);
	else if (work->done)
		cpu_stop_signal_done(work->done);
	return enabled;
}

int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg)
{
	struct cpu_stop_done done;
	struct cpu_stop_work work = { .fn = fn, .arg = arg, .done = &done };

	if (cpu >= nr_cpu_ids)
		return -ENOENT;
	cpu_stop_init_done(&done, 1);
	if (!cpu_stop_queue_work(cpu, &work))
		return -ENOENT;
	wait_for_completion(&done.completion);
	return done.ret;
}

static struct cpu_stop_work *cpu_stop_next_work(struct cpu_stopper *stopper)
{
	struct cpu_stop_work *work = NULL;

	raw_spin_lock_irq(&stopper->lock);
	if (!list_empty(&stopper->works)) {
		work = list_first_entry(&stopper->works, struct cpu_stop_work, list);
		list_del_init(&work->list);
	}
	raw_spin_unlock_irq(&stopper->lock);
	return work;
}

/*
 * Work first, parking after: a work queued before the stopper was
 * disabled still runs, so nobody waits forever for it.
 */
static int cpu_stopper_thread(void *data)
{
	struct cpu_stopper *stopper = data;
	struct cpu_stop_work *work;
	int ret;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		work = cpu_stop_next_work(stopper);
		if (!work) {
			if (kthread_should_stop())
				break;
			if (kthread_should_park()) {
				__set_current_state(TASK_RUNNING);
				kthread_parkme();
				continue;
			}
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		ret = work->fn(work->arg);
		if (work->done) {
			if (ret)
				work->done->ret = ret;
			cpu_stop_signal_done(work->done);
		}
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* migration/@cpu, once @cpu is online; a second call finds it made. */
int cpu_stop_create(unsigned int cpu)
{
	struct cpu_stopper *stopper = per_cpu_ptr(&cpu_stopper, cpu);
	struct sched_param sp = { .sched_priority = MAX_RT_PRIO - 1 };
	struct task_struct *t;

	if (stopper->thread)
		return 0;
	raw_spin_lock_init(&stopper->lock);
	INIT_LIST_HEAD(&stopper->works);
	t = kthread_create(cpu_stopper_thread, stopper, "migration/%u", cpu);
	if (IS_ERR(t))
		return PTR_ERR(t);
	kthread_bind(t, cpu);
	sched_setscheduler_nocheck(t, SCHED_FIFO, &sp);
	stopper->thread = t;
	stopper->enabled = true;
	wake_up_process(t);
	return 0;
}

struct task_struct *cpu_stopper_task(unsigned int cpu)
{
	return per_cpu(cpu_stopper, cpu).thread;
}

/*
 * From @cpu's own stopper, inside take_cpu_down(): refuse new work and
 * park once the current work (and any queued before) is done.
 */
void stop_machine_park(unsigned int cpu)
{
	struct cpu_stopper *stopper = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;

	raw_spin_lock_irqsave(&stopper->lock, flags);
	stopper->enabled = false;
	raw_spin_unlock_irqrestore(&stopper->lock, flags);
	kthread_park(stopper->thread);
}

void stop_machine_unpark(unsigned int cpu)
{
	struct cpu_stopper *stopper = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;

	if (!stopper->thread)
		return;
	raw_spin_lock_irqsave(&stopper->lock, flags);
	stopper->enabled = true;
	raw_spin_unlock_irqrestore(&stopper->lock, flags);
	kthread_unpark(stopper->thread);
}

/* --- stop_machine ----------------------------------------------------------- */

enum multi_stop_state {
	MULTI_STOP_NONE,
	MULTI_STOP_PREPARE,	/* every stopper has arrived */
	MULTI_STOP_DISABLE_IRQ,	/* every CPU has interrupts off */
	MULTI_STOP_RUN,		/* the active CPUs have run the function */
	MULTI_STOP_EXIT,
};

struct multi_stop_data {
	cpu_stop_fn_t		fn;
	void			*data;
	const struct cpumask	*active_cpus;
	unsigned int		num_threads;
	int			state;		/* enum multi_stop_state */
	atomic_t		thread_ack;	/* CPUs still to reach @state */
};

static void set_state(struct multi_stop_data *msdata, enum multi_stop_state newstate)
{
	atomic_set(&msdata->thread_ack, msdata->num_threads);
	__atomic_store_n(&msdata->state, newstate, __ATOMIC_SEQ_CST);
}

/* The last CPU to reach a state moves everybody on to the next. */
static void ack_state(struct multi_stop_data *msdata)
{
	if (atomic_dec_and_test(&msdata->thread_ack))
		set_state(msdata, msdata->state + 1);
}

/*
 * Every online CPU runs this in its stopper. Interrupts stay on while
 * the CPUs gather, so an IPI a late CPU is waiting for (a TLB shootdown,
 * a function call) still gets answered; they go off together before the
 * function runs and come back on after everyone has seen it finish.
 */
static int multi_cpu_stop(void *data)
{
	struct multi_stop_data *msdata = data;
	enum multi_stop_state curstate = MULTI_STOP_NONE;
	bool is_active = cpumask_test_cpu(smp_processor_id(), msdata->active_cpus);
	unsigned long flags;
	int err = 0;

	local_save_flags(flags);
	do {
		enum multi_stop_state newstate;

		cpu_relax();
		newstate = __atomic_load_n(&msdata->state, __ATOMIC_SEQ_CST);
		if (newstate == curstate)
			continue;
		curstate = newstate;
		switch (curstate) {
		case MULTI_STOP_DISABLE_IRQ:
			local_irq_disable();
			break;
		case MULTI_STOP_RUN:
			if (is_active)
				err = msdata->fn(msdata->data);
			break;
		default:
			break;
		}
		ack_state(msdata);
	} while (curstate != MULTI_STOP_EXIT);
	local_irq_restore(flags);
	return err;
}

int stop_machine_cpuslocked(cpu_stop_fn_t fn, void *data, const struct cpumask *cpus)
{
	struct multi_stop_data msdata = {
		.fn = fn, .data = data,
		.active_cpus = cpus ? cpus : cpumask_of(cpumask_first(cpu_online_mask)),
	};
	struct cpu_stop_done done;
	unsigned int cpu, n = 0;

	mutex_lock(&stop_cpus_mutex);
	/*
	 * Every online CPU must take part: one that is left out could be
	 * holding what the function needs. Preemption stays off while the
	 * works go out, so this CPU's stopper cannot start spinning before
	 * the others have theirs.
	 */
	preempt_disable();
	for_each_online_cpu(cpu) {
		if (!READ_ONCE(per_cpu(cpu_stopper, cpu).enabled)) {
			preempt_enable();
			mutex_unlock(&stop_cpus_mutex);
			return -ENOENT;	/* too early: the stoppers are made in kernel_init() */
		}
	}
	msdata.num_threads = num_online_cpus();
	set_state(&msdata, MULTI_STOP_PREPARE);
	cpu_stop_init_done(&done, msdata.num_threads);
	for_each_online_cpu(cpu) {
		struct cpu_stop_work *work = per_cpu_ptr(&stop_machine_work, cpu);

		*work = (struct cpu_stop_work){ .fn = multi_cpu_stop, .arg = &msdata, .done = &done };
		if (!cpu_stop_queue_work(cpu, work))
			WARN_ONCE(1, "stop_machine: CPU %u has no stopper\n", cpu);
		n++;
	}
	preempt_enable();
	WARN_ON_ONCE(n != msdata.num_threads);
	wait_for_completion(&done.completion);
	mutex_unlock(&stop_cpus_mutex);
	return done.ret;
}

int stop_machine(cpu_stop_fn_t fn, void *data, const struct cpumask *cpus)
{
	int ret;

	cpus_read_lock();
	ret = stop_machine_cpuslocked(fn, data, cpus);
	cpus_read_unlock();
	return ret;
}
