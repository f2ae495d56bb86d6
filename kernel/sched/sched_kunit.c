// SPDX-License-Identifier: MIT
/*
 * KUnit suite "sched": kernel threads start, run and are stopped; wait
 * queues and completions hand wake-ups between them; a SCHED_FIFO task
 * woken from an interrupt preempts a busy normal task on the interrupt's
 * return (full preemption) and at preempt_enable(); RR tasks of equal
 * priority share the CPU; msleep() sleeps at least as long as asked.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <linux/irq_work.h>
#include <linux/workqueue.h>
#include <linux/kallsyms.h>
#include <asm/kdebug.h>
#include <asm/processor.h>
#include <asm/tsc.h>

static int return_data(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return (long)data;
}

static void kthread_runs_and_stops_with_its_value(struct kunit *test)
{
	struct task_struct *k = kthread_run(return_data, (void *)42L, "ktest/%d", 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_STREQ(test, k->comm, "ktest/0");
	msleep(5);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 42);
}

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int wq_flag, wq_seen;

static int waiter(void *unused)
{
	wait_event(test_wq, READ_ONCE(wq_flag));
	wq_seen = 1;
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void wait_queue_wakes_the_waiter(struct kunit *test)
{
	struct task_struct *k;

	wq_flag = wq_seen = 0;
	k = kthread_run(waiter, NULL, "waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(task_state(k) == TASK_UNINTERRUPTIBLE));
	KUNIT_EXPECT_EQ(test, wq_seen, 0);	/* still asleep: the condition is false */
	WRITE_ONCE(wq_flag, 1);
	wake_up(&test_wq);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(wq_seen) == 1));
	kthread_stop(k);
}

static int completer(void *data)
{
	complete(data);
	return 0;
}

static void completion_is_delivered(struct kunit *test)
{
	DECLARE_COMPLETION(done);
	struct task_struct *k = kthread_run(completer, &done, "completer");

	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&done, msecs_to_jiffies(KUNIT_HANG_MS)), 0);
	kthread_stop(k);
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&done, 2), 0);	/* times out */
}

static volatile int fifo_ran;

static int fifo_sleeper(void *unused)
{
	msleep(10);		/* woken by TIMER_SOFTIRQ, inside an interrupt's exit */
	WRITE_ONCE(fifo_ran, 1);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void set_fifo(struct task_struct *p, int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	sched_setscheduler_nocheck(p, SCHED_FIFO, &sp);
}

/* We never call schedule(): only interrupt-return preemption lets it run. */
static void fifo_wakeup_preempts_busy_task_on_irq_return(struct kunit *test)
{
	struct task_struct *k;
	u64 end;

	fifo_ran = 0;
	k = kthread_create(fifo_sleeper, NULL, "fifo50");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	set_fifo(k, 50);
	wake_up_process(k);
	end = rdtsc() + (u64)tsc_khz * KUNIT_HANG_MS;
	while (!READ_ONCE(fifo_ran) && rdtsc() < end)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, fifo_ran, 1);
	kthread_stop(k);
}

static int mark_ran(void *unused)
{
	WRITE_ONCE(fifo_ran, 1);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void preempt_enable_switches_to_a_woken_rt_task(struct kunit *test)
{
	struct task_struct *k;
	int seen_while_disabled;

	fifo_ran = 0;
	k = kthread_create(mark_ran, NULL, "fifo60");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	set_fifo(k, 60);
	preempt_disable();
	wake_up_process(k);
	seen_while_disabled = READ_ONCE(fifo_ran);
	preempt_enable();		/* the switch happens here */
	KUNIT_EXPECT_EQ(test, seen_while_disabled, 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(fifo_ran), 1);
	kthread_stop(k);
}

static volatile unsigned long rr_count[2];

static int rr_spinner(void *data)
{
	long i = (long)data;

	while (!kthread_should_stop())
		rr_count[i]++;
	return 0;
}

static void rr_tasks_of_equal_priority_share_the_cpu(struct kunit *test)
{
	struct sched_param sp = { .sched_priority = 10 };
	struct task_struct *k[2];
	int i;

	rr_count[0] = rr_count[1] = 0;
	for (i = 0; i < 2; i++) {
		k[i] = kthread_create(rr_spinner, (void *)(long)i, "rr/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(k[i]));
		sched_setscheduler_nocheck(k[i], SCHED_RR, &sp);
	}
	/* We run above them until we sleep. */
	set_fifo(current, 20);
	wake_up_process(k[0]);
	wake_up_process(k[1]);
	/* rr/1 runs only once rr/0's 100 ms slice has run out. */
	kunit_wait_until(rr_count[0] && rr_count[1]);
	for (i = 0; i < 2; i++)
		kthread_stop(k[i]);
	sp.sched_priority = 0;
	sched_setscheduler_nocheck(current, SCHED_NORMAL, &sp);
	KUNIT_EXPECT_GT(test, rr_count[0], 0);
	KUNIT_EXPECT_GT(test, rr_count[1], 0);
}

/* At least as long: how much longer a loaded host makes it is not reflex's. */
static void msleep_sleeps_as_long_as_asked(struct kunit *test)
{
	u64 t0 = rdtsc(), ms;

	msleep(20);
	ms = (rdtsc() - t0) / tsc_khz;
	KUNIT_EXPECT_GE(test, ms, 20);
}

static void proc_tasks_lists_init_and_idle(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", "swapper/0"));
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", "    1 init"));
}

/*
 * An interrupt landing in a kworker just switched in: the IRQ is made
 * pending with interrupts off (a self-IPI for irq_work), the kworker is
 * woken and we sleep, so the first instruction with interrupts on is the
 * kworker's, in finish_task_switch(). The handler records that stack.
 */
static struct task_struct *trace_waiter;
static unsigned long trace_entries[24];
static unsigned int trace_len;
static volatile bool trace_taken;

static void capture_kworker_trace(struct irq_work *w)
{
	char line[256];
	size_t n = 0;
	unsigned int i;

	if (strncmp(current->comm, "kworker", 7) || trace_taken)
		return;
	trace_len = stack_trace_save(trace_entries, ARRAY_SIZE(trace_entries), 0);
	for (i = 0; i < trace_len && n < sizeof(line); i++)
		n += snprintf(line + n, sizeof(line) - n, "%s%ps", i ? " <- " : "",
			      (void *)trace_entries[i]);
	pr_info("sched: IRQ in %s: %s\n", current->comm, line);
	trace_taken = true;
}

static void wake_the_waiter(struct work_struct *w)
{
	wake_up_process(trace_waiter);
}

static bool trace_has_chain(const char *const *names, int n)
{
	unsigned int i;
	int next = 0;
	char sym[KSYM_SYMBOL_LEN];

	for (i = 0; i < trace_len && next < n; i++) {
		sprint_symbol_no_offset(sym, trace_entries[i]);
		if (!strcmp(sym, names[next]))
			next++;
		else if (next)
			return false;	/* the chain must be unbroken */
	}
	return next == n;
}

static void irq_in_kworker_shows_its_schedule_chain(struct kunit *test)
{
	static const char *const chain[] = {
		"finish_task_switch", "__schedule", "schedule", "worker_thread",
		"kthread", "ret_from_fork", "ret_from_fork_asm",
	};
	struct irq_work iw;
	struct work_struct w;
	int attempt;

	trace_taken = false;
	trace_waiter = current;
	INIT_WORK(&w, wake_the_waiter);
	init_irq_work(&iw, capture_kworker_trace);
	for (attempt = 0; attempt < 10 && !trace_taken; attempt++) {
		local_irq_disable();
		schedule_work(&w);
		irq_work_queue(&iw);
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
		local_irq_enable();
		flush_work(&w);
		irq_work_sync(&iw);
	}
	KUNIT_ASSERT_TRUE(test, trace_taken);
	KUNIT_EXPECT_TRUE(test, trace_has_chain(chain, ARRAY_SIZE(chain)));
}

static struct kunit_case sched_test_cases[] = {
	KUNIT_CASE(irq_in_kworker_shows_its_schedule_chain),
	KUNIT_CASE(kthread_runs_and_stops_with_its_value),
	KUNIT_CASE(wait_queue_wakes_the_waiter),
	KUNIT_CASE(completion_is_delivered),
	KUNIT_CASE(fifo_wakeup_preempts_busy_task_on_irq_return),
	KUNIT_CASE(preempt_enable_switches_to_a_woken_rt_task),
	KUNIT_CASE(rr_tasks_of_equal_priority_share_the_cpu),
	KUNIT_CASE(msleep_sleeps_as_long_as_asked),
	KUNIT_CASE(proc_tasks_lists_init_and_idle),
	{}
};

static struct kunit_suite sched_test_suite = {
	.name = "sched",
	.test_cases = sched_test_cases,
};
kunit_test_suite(sched_test_suite);
