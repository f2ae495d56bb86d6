// SPDX-License-Identifier: MIT
/*
 * KUnit suite "workqueue": work items run in a kworker, in process
 * context where they may sleep; flush_work() waits for them;
 * queue_work() on a pending item says false; delayed work runs after
 * its delay and not before; the cancel_*_sync() calls stop pending items
 * and wait for running ones; a workqueue of one's own comes with its own
 * kworker and takes it away again; /proc/tasks lists the kworkers.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/hardirq.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <kunit/wait.h>
#include <asm/irqflags.h>
#include <asm/smp.h>

struct probe {
	struct work_struct work;
	struct delayed_work dwork;
	char comm[TASK_COMM_LEN];
	bool in_task, preemptible;
	unsigned long ran_at;		/* jiffies */
	int runs;
	int cpu;			/* where it ran */
	unsigned int sleep_ms;
	volatile bool started, done;
};

static void probe_record(struct probe *p)
{
	p->started = true;
	strscpy(p->comm, current->comm, sizeof(p->comm));
	p->in_task = in_task();
	p->preemptible = !preempt_count() && !irqs_disabled();
	p->ran_at = jiffies;
	p->cpu = raw_smp_processor_id();
	if (p->sleep_ms)
		msleep(p->sleep_ms);
	p->runs++;
	p->done = true;
}

static void probe_fn(struct work_struct *work)
{
	probe_record(container_of(work, struct probe, work));
}

static void probe_delayed_fn(struct work_struct *work)
{
	probe_record(container_of(to_delayed_work(work), struct probe, dwork));
}

static struct probe *new_probe(struct kunit *test)
{
	struct probe *p = kzalloc(sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	INIT_WORK(&p->work, probe_fn);
	INIT_DELAYED_WORK(&p->dwork, probe_delayed_fn);
	return p;
}

static void work_runs_in_a_kworker(struct kunit *test)
{
	struct probe *p = new_probe(test);

	KUNIT_EXPECT_TRUE(test, schedule_work(&p->work));
	/* The kworker may already have run it (our slice ended): either way it is done now. */
	flush_work(&p->work);
	KUNIT_EXPECT_EQ(test, p->runs, 1);
	KUNIT_EXPECT_TRUE(test, !strncmp(p->comm, "kworker/", 8));
	KUNIT_EXPECT_TRUE(test, p->in_task);
	KUNIT_EXPECT_TRUE(test, p->preemptible);
	KUNIT_EXPECT_FALSE(test, work_pending(&p->work));
	KUNIT_EXPECT_FALSE(test, flush_work(&p->work));	/* nothing left to wait for */
	kfree(p);
}

static void work_may_sleep_and_flush_waits_for_it(struct kunit *test)
{
	struct probe *p = new_probe(test);
	unsigned long j0 = jiffies;

	p->sleep_ms = 20;
	schedule_work(&p->work);
	KUNIT_EXPECT_TRUE(test, flush_work(&p->work));
	KUNIT_EXPECT_TRUE(test, p->done);
	KUNIT_EXPECT_GE(test, jiffies - j0, msecs_to_jiffies(20));
	kfree(p);
}

static void queue_work_on_a_pending_item_returns_false(struct kunit *test)
{
	struct probe *p = new_probe(test);

	/* The kworker cannot run between the two calls. */
	preempt_disable();
	KUNIT_EXPECT_TRUE(test, queue_work(system_wq, &p->work));
	KUNIT_EXPECT_TRUE(test, work_pending(&p->work));
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, &p->work));
	preempt_enable();
	flush_work(&p->work);
	KUNIT_EXPECT_EQ(test, p->runs, 1);
	kfree(p);
}

static void work_queued_from_hardirq_runs_in_process_context(struct kunit *test)
{
	struct probe *p = new_probe(test);
	unsigned long flags;
	bool queued;

	local_irq_save(flags);
	irq_enter();
	queued = schedule_work(&p->work);
	irq_exit();
	local_irq_restore(flags);
	KUNIT_EXPECT_TRUE(test, queued);
	flush_work(&p->work);
	KUNIT_EXPECT_EQ(test, p->runs, 1);
	KUNIT_EXPECT_TRUE(test, p->in_task);
	kfree(p);
}

static void delayed_work_runs_after_its_delay_not_before(struct kunit *test)
{
	struct probe *p = new_probe(test);
	unsigned long delay = msecs_to_jiffies(40), j0 = jiffies;

	KUNIT_EXPECT_TRUE(test, schedule_delayed_work(&p->dwork, delay));
	KUNIT_EXPECT_FALSE(test, schedule_delayed_work(&p->dwork, delay));
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&p->dwork));
	/* "Not before" is ran_at against jiffies: a stalled host cannot fake it. */
	kunit_wait_until(p->runs == 1);
	KUNIT_EXPECT_EQ(test, p->runs, 1);
	KUNIT_EXPECT_GE(test, p->ran_at - j0, delay);
	KUNIT_EXPECT_TRUE(test, !strncmp(p->comm, "kworker/", 8));
	kfree(p);
}

static void cancel_delayed_work_sync_prevents_it(struct kunit *test)
{
	struct probe *p = new_probe(test);

	schedule_delayed_work(&p->dwork, msecs_to_jiffies(20));
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work_sync(&p->dwork));
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&p->dwork));
	msleep(60);
	KUNIT_EXPECT_EQ(test, p->runs, 0);
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work_sync(&p->dwork));	/* idle now */
	/* It can be queued again afterwards. */
	KUNIT_EXPECT_TRUE(test, schedule_delayed_work(&p->dwork, 0));
	flush_delayed_work(&p->dwork);
	KUNIT_EXPECT_EQ(test, p->runs, 1);
	kfree(p);
}

static void cancel_work_sync_waits_for_a_running_item(struct kunit *test)
{
	struct probe *p = new_probe(test);

	p->sleep_ms = 20;
	schedule_work(&p->work);
	kunit_wait_until(p->started);
	KUNIT_ASSERT_TRUE(test, p->started);
	KUNIT_EXPECT_FALSE(test, cancel_work_sync(&p->work));	/* running, not pending */
	KUNIT_EXPECT_TRUE(test, p->done);
	kfree(p);
}

static void cancel_work_sync_takes_back_a_pending_item(struct kunit *test)
{
	struct probe *p = new_probe(test);

	preempt_disable();		/* the kworker cannot get to it first */
	schedule_work(&p->work);
	KUNIT_EXPECT_TRUE(test, cancel_work(&p->work));
	KUNIT_EXPECT_FALSE(test, work_pending(&p->work));
	preempt_enable();
	msleep(10);
	KUNIT_EXPECT_EQ(test, p->runs, 0);
	kfree(p);
}

static unsigned int order_log[8], order_len;

static void order_a(struct work_struct *w) { order_log[order_len++] = 1; msleep(5); }
static void order_b(struct work_struct *w) { order_log[order_len++] = 2; }
static void order_c(struct work_struct *w) { order_log[order_len++] = 3; }

static struct task_struct *worker_of(struct workqueue_struct *wq)
{
	struct task_struct *t, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if ((t->flags & PF_WQ_WORKER) && kthread_data(t) == wq)
			found = t;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

static void own_workqueue_runs_in_order_and_goes_away(struct kunit *test)
{
	DECLARE_WORK(a, order_a);
	DECLARE_WORK(b, order_b);
	DECLARE_WORK(c, order_c);
	struct workqueue_struct *wq = alloc_workqueue("kunit_wq", 0, 0);
	char comm[TASK_COMM_LEN];
	struct task_struct *worker;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	order_len = 0;
	queue_work(wq, &a);
	queue_work(wq, &b);
	queue_work(wq, &c);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, order_len, 3);
	KUNIT_EXPECT_EQ(test, order_log[0], 1);
	KUNIT_EXPECT_EQ(test, order_log[1], 2);
	KUNIT_EXPECT_EQ(test, order_log[2], 3);

	worker = worker_of(wq);
	KUNIT_ASSERT_NOT_NULL(test, worker);
	strscpy(comm, worker->comm, sizeof(comm));
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", comm));
	destroy_workqueue(wq);
	/* The worker may still be on its way out of the CPU. */
	kunit_wait_until(!proc_contains("tasks", comm));
	KUNIT_EXPECT_FALSE(test, proc_contains("tasks", comm));
}

/* The unbound pool's id follows the two per-CPU pools of every possible CPU, as Linux's. */
static void proc_tasks_lists_the_kworkers(struct kunit *test)
{
	char unbound[16], line[48];

	snprintf(unbound, sizeof(unbound), "kworker/u%u:0", 2 * nr_cpu_ids);
	snprintf(line, sizeof(line), " %-16s NORMAL      0 120 ", unbound);
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", " kworker/0:0      NORMAL      0 120 "));
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", " kworker/0:0H     NORMAL      0 100 "));
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", line));
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", " ksoftirqd/0      NORMAL      0 120 "));
}

/* A per-CPU workqueue runs the item on the CPU that queued it, in that CPU's kworker. */
static void queue_work_runs_on_the_queueing_cpu(struct kunit *test)
{
	const struct workqueue_struct *wqs[2] = { system_wq, system_highpri_wq };
	char want[TASK_COMM_LEN];
	unsigned int cpu;
	int i;

	for_each_online_cpu(cpu) {
		for (i = 0; i < 2; i++) {
			struct probe *p = new_probe(test);

			set_cpus_allowed_ptr(current, cpumask_of(cpu));
			KUNIT_EXPECT_EQ(test, raw_smp_processor_id(), cpu);
			queue_work((struct workqueue_struct *)wqs[i], &p->work);
			flush_work(&p->work);
			snprintf(want, sizeof(want), "kworker/%u:0%s", cpu, i ? "H" : "");
			KUNIT_EXPECT_EQ(test, p->cpu, cpu);
			KUNIT_EXPECT_STREQ(test, p->comm, want);
			kfree(p);
		}
	}
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static struct kunit_case workqueue_test_cases[] = {
	KUNIT_CASE(work_runs_in_a_kworker),
	KUNIT_CASE(queue_work_runs_on_the_queueing_cpu),
	KUNIT_CASE(work_may_sleep_and_flush_waits_for_it),
	KUNIT_CASE(queue_work_on_a_pending_item_returns_false),
	KUNIT_CASE(work_queued_from_hardirq_runs_in_process_context),
	KUNIT_CASE(delayed_work_runs_after_its_delay_not_before),
	KUNIT_CASE(cancel_delayed_work_sync_prevents_it),
	KUNIT_CASE(cancel_work_sync_waits_for_a_running_item),
	KUNIT_CASE(cancel_work_sync_takes_back_a_pending_item),
	KUNIT_CASE(own_workqueue_runs_in_order_and_goes_away),
	KUNIT_CASE(proc_tasks_lists_the_kworkers),
	{}
};

static struct kunit_suite workqueue_test_suite = {
	.name = "workqueue",
	.test_cases = workqueue_test_cases,
};
kunit_test_suite(workqueue_test_suite);
