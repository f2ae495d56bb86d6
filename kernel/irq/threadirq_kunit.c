// SPDX-License-Identifier: MIT
/*
 * KUnit suite "threadirq": threaded interrupt handlers. The RTC's IRQ 8
 * (a real device through the IOAPIC) has its thread_fn run in
 * "irq/8-rtc0" at SCHED_FIFO 50; on software lines (a chip that
 * records its mask state, raised the way common_interrupt raises them)
 * IRQF_ONESHOT keeps a level or fasteoi line masked until the thread has
 * finished; synchronize_irq() waits for a running thread; free_irq()
 * stops it; and "threadirqs" moves handlers into threads, with bottom
 * halves and interrupts off, on a ONESHOT line, unless they say
 * IRQF_NO_THREAD, and hands the softirqs hard IRQs raise to ksoftirqd. Runs with or without "threadirqs" and checks what
 * each boot promises (tests/kunit.sh runs it both ways).
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/sched.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/completion.h>
#include <linux/timer.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/mc146818rtc.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include "internals.h"

/* --- a software chip that remembers whether the line is masked -------------- */

static bool soft_masked;
static unsigned int soft_unmasks, soft_eois;

static void soft_ack(struct irq_data *d)	{ }
static void soft_mask(struct irq_data *d)	{ soft_masked = true; }
static void soft_unmask(struct irq_data *d)	{ soft_masked = false; soft_unmasks++; }
static void soft_eoi(struct irq_data *d)	{ soft_eois++; }

static struct irq_chip thread_test_chip = {
	.name		= "soft",
	.irq_ack	= soft_ack,
	.irq_mask	= soft_mask,
	.irq_unmask	= soft_unmask,
	.irq_eoi	= soft_eoi,
};

static unsigned int soft_line(struct kunit *test, irq_flow_handler_t flow, const char *name)
{
	int irq = irq_alloc_desc(NUMA_NO_NODE);

	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_chip_and_handler_name(irq, &thread_test_chip, flow, name);
	soft_masked = false;
	soft_unmasks = soft_eois = 0;
	return irq;
}

static void raise_soft_irq(unsigned int irq)
{
	unsigned long flags;

	local_irq_save(flags);
	irq_enter();
	generic_handle_irq(irq);
	irq_exit();
	local_irq_restore(flags);
}

/* A stopped thread may still be switching away for the last time. */
static bool proc_tasks_loses(const char *needle)
{
	return kunit_wait_until(!proc_contains("tasks", needle));
}

/* What a handler saw about where it ran. */
struct seen {
	char comm[TASK_COMM_LEN];
	unsigned int policy, rt_priority;
	bool hardirq, task, bh_off, irqs_off;
	bool line_masked, chip_masked;
	unsigned int calls;
};

static void see(struct seen *s, unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	strscpy(s->comm, current->comm, sizeof(s->comm));
	s->policy = current->policy;
	s->rt_priority = current->rt_priority;
	s->hardirq = in_hardirq();
	s->task = in_task();
	s->bh_off = in_softirq();
	s->irqs_off = irqs_disabled();
	s->line_masked = irqd_irq_masked(&desc->irq_data);
	s->chip_masked = soft_masked;
	s->calls++;
}

/* --- the RTC: a real device's interrupt handled in its thread ---------------- */


static struct seen rtc_seen;
static volatile unsigned int rtc_primary_calls;
static DECLARE_COMPLETION(rtc_enough);

/* The hard half: quieten the device, leave the rest to the thread. */
static irqreturn_t rtc_primary(int irq, void *dev_id)
{
	if (!(CMOS_READ(RTC_REG_C) & 0x80))
		return IRQ_NONE;
	rtc_primary_calls++;
	return IRQ_WAKE_THREAD;
}

static irqreturn_t rtc_thread_fn(int irq, void *dev_id)
{
	see(&rtc_seen, irq);
	if (rtc_seen.calls == 20)
		complete(&rtc_enough);
	return IRQ_HANDLED;
}

static void rtc_thread_fn_runs_in_irq_thread_at_fifo_50(struct kunit *test)
{
	static int cookie;

	memset(&rtc_seen, 0, sizeof(rtc_seen));
	rtc_primary_calls = 0;
	reinit_completion(&rtc_enough);
	KUNIT_ASSERT_EQ(test, request_threaded_irq(RTC_IRQ, rtc_primary, rtc_thread_fn,
						   IRQF_ONESHOT, "rtc0", &cookie), 0);
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", " irq/8-rtc0       FIFO       50  49 "));
	rtc_periodic_start(10);	/* 64 Hz */
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&rtc_enough,
							  msecs_to_jiffies(KUNIT_HANG_MS)), 0);
	rtc_periodic_stop();
	free_irq(RTC_IRQ, &cookie);

	KUNIT_EXPECT_GE(test, rtc_seen.calls, 20);
	KUNIT_EXPECT_GE(test, rtc_primary_calls, rtc_seen.calls);
	KUNIT_EXPECT_STREQ(test, rtc_seen.comm, "irq/8-rtc0");
	KUNIT_EXPECT_EQ(test, rtc_seen.policy, SCHED_FIFO);
	KUNIT_EXPECT_EQ(test, rtc_seen.rt_priority, 50);
	KUNIT_EXPECT_TRUE(test, rtc_seen.task);
	KUNIT_EXPECT_FALSE(test, rtc_seen.irqs_off);
	KUNIT_EXPECT_TRUE(test, proc_tasks_loses("irq/8-rtc0"));
}

/* --- ONESHOT: the line stays masked until the thread is done ------------------ */

static struct seen oneshot_seen;

static irqreturn_t oneshot_thread_fn(int irq, void *dev_id)
{
	see(&oneshot_seen, irq);
	return IRQ_HANDLED;
}

/*
 * These cases count on the switch to the irq thread happening on our CPU
 * (at preempt_enable()), as with one CPU; else an idle CPU would run it
 * at once. It is pinned once it waits for its first interrupt, past the
 * check where it takes the line's affinity.
 */
static void pin_thread_here(struct kunit *test, struct task_struct *t)
{
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(task_state(t) == TASK_INTERRUPTIBLE));
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(t, cpumask_of(raw_smp_processor_id())), 0);
}

static void check_oneshot_flow(struct kunit *test, irq_flow_handler_t flow, const char *name)
{
	unsigned int irq = soft_line(test, flow, name);
	struct irq_desc *desc = irq_to_desc(irq);
	static int cookie;
	bool masked_after_hardirq;

	memset(&oneshot_seen, 0, sizeof(oneshot_seen));
	KUNIT_ASSERT_EQ(test, request_threaded_irq(irq, NULL, oneshot_thread_fn, IRQF_ONESHOT,
						   "kunit-oneshot", &cookie), 0);
	KUNIT_EXPECT_TRUE(test, desc->istate & IRQS_ONESHOT);
	pin_thread_here(test, desc->action->thread);
	/* No switch to the thread until preempt_enable(). */
	preempt_disable();
	raise_soft_irq(irq);
	masked_after_hardirq = irqd_irq_masked(&desc->irq_data) && soft_masked;
	KUNIT_EXPECT_NE(test, desc->threads_oneshot, 0);
	KUNIT_EXPECT_EQ(test, oneshot_seen.calls, 0);
	preempt_enable();	/* the FIFO thread runs here */

	KUNIT_EXPECT_TRUE(test, masked_after_hardirq);
	KUNIT_EXPECT_EQ(test, oneshot_seen.calls, 1);
	KUNIT_EXPECT_TRUE(test, oneshot_seen.line_masked);
	KUNIT_EXPECT_TRUE(test, oneshot_seen.chip_masked);
	KUNIT_EXPECT_TRUE(test, oneshot_seen.task);
	/* Unmasked once the thread finished. */
	KUNIT_EXPECT_FALSE(test, irqd_irq_masked(&desc->irq_data));
	KUNIT_EXPECT_FALSE(test, soft_masked);
	KUNIT_EXPECT_EQ(test, desc->threads_oneshot, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&desc->threads_active), 0);
	free_irq(irq, &cookie);
	irq_free_desc(irq);
}

static void oneshot_level_line_masked_until_thread_done(struct kunit *test)
{
	check_oneshot_flow(test, handle_level_irq, "level");
}

static void oneshot_fasteoi_line_masked_until_thread_done(struct kunit *test)
{
	unsigned int eois;

	check_oneshot_flow(test, handle_fasteoi_irq, "fasteoi");
	eois = soft_eois;
	KUNIT_EXPECT_EQ(test, eois, 1);	/* in the hard IRQ: the chip does not defer it */
}

static void threaded_null_handler_needs_oneshot(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_level_irq, "level");
	static int cookie;

	KUNIT_EXPECT_EQ(test, request_threaded_irq(irq, NULL, oneshot_thread_fn, 0,
						   "kunit-noos", &cookie), -EINVAL);
	KUNIT_EXPECT_FALSE(test, irq_has_action(irq));
	KUNIT_EXPECT_FALSE(test, proc_contains("tasks", "kunit-noos"));
	irq_free_desc(irq);
}

/* --- synchronize_irq() and free_irq() ------------------------------------------ */

static volatile bool slow_started, slow_release, slow_done;

/* Sleeps until the test lets it go: no timer decides when it ends. */
static irqreturn_t slow_thread_fn(int irq, void *dev_id)
{
	slow_started = true;
	while (!slow_release)
		msleep(1);
	slow_done = true;
	return IRQ_HANDLED;
}

static void synchronize_irq_waits_for_a_running_thread(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_level_irq, "level");
	static int cookie;

	slow_started = slow_release = slow_done = false;
	KUNIT_ASSERT_EQ(test, request_threaded_irq(irq, NULL, slow_thread_fn, IRQF_ONESHOT,
						   "kunit-slow", &cookie), 0);
	pin_thread_here(test, irq_to_desc(irq)->action->thread);
	raise_soft_irq(irq);
	preempt_disable();
	preempt_enable();	/* the thread starts and goes to sleep in msleep() */
	KUNIT_EXPECT_TRUE(test, slow_started);
	KUNIT_EXPECT_FALSE(test, slow_done);
	KUNIT_EXPECT_FALSE(test, synchronize_hardirq(irq));	/* a thread is active */
	slow_release = true;
	synchronize_irq(irq);
	KUNIT_EXPECT_TRUE(test, slow_done);
	KUNIT_EXPECT_TRUE(test, synchronize_hardirq(irq));
	free_irq(irq, &cookie);
	irq_free_desc(irq);
}

static void free_irq_stops_the_thread(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_level_irq, "level");
	struct irq_desc *desc = irq_to_desc(irq);
	static int cookie;
	char comm[TASK_COMM_LEN];
	struct task_struct *t;

	KUNIT_ASSERT_EQ(test, request_threaded_irq(irq, NULL, oneshot_thread_fn, IRQF_ONESHOT,
						   "kunit-free", &cookie), 0);
	t = desc->action->thread;
	KUNIT_ASSERT_NOT_NULL(test, t);
	snprintf(comm, sizeof(comm), "irq/%u-kunit-free", irq);
	KUNIT_EXPECT_STREQ(test, t->comm, comm);
	KUNIT_EXPECT_EQ(test, t->policy, SCHED_FIFO);
	KUNIT_EXPECT_EQ(test, t->prio, MAX_RT_PRIO - 1 - 50);
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", comm));
	free_irq(irq, &cookie);
	KUNIT_EXPECT_TRUE(test, proc_tasks_loses(comm));
	irq_free_desc(irq);
}

/* --- threadirqs: forced threading ---------------------------------------------- */

static struct seen forced_seen, nothread_seen, secondary_seen;

static irqreturn_t forced_handler(int irq, void *dev_id)
{
	see(&forced_seen, irq);
	return IRQ_HANDLED;
}

static irqreturn_t nothread_handler(int irq, void *dev_id)
{
	see(&nothread_seen, irq);
	return IRQ_HANDLED;
}

static void handler_is_forced_into_a_thread_under_threadirqs(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_level_irq, "level");
	struct irq_desc *desc = irq_to_desc(irq);
	static int cookie;
	bool masked_after_hardirq;
	char comm[TASK_COMM_LEN];

	memset(&forced_seen, 0, sizeof(forced_seen));
	KUNIT_ASSERT_EQ(test, request_irq(irq, forced_handler, 0, "kunit-forced", &cookie), 0);
	if (desc->action->thread)
		pin_thread_here(test, desc->action->thread);
	preempt_disable();
	raise_soft_irq(irq);
	masked_after_hardirq = soft_masked;
	preempt_enable();
	KUNIT_EXPECT_EQ(test, forced_seen.calls, 1);
	snprintf(comm, sizeof(comm), "irq/%u-kunit-forced", irq);
	if (force_irqthreads()) {
		/* The console UART's handler too, from its request at boot. */
		KUNIT_EXPECT_TRUE(test, proc_contains("tasks", " irq/4-ttyS0      FIFO       50  49 "));
		KUNIT_EXPECT_STREQ(test, forced_seen.comm, comm);
		KUNIT_EXPECT_TRUE(test, desc->action->flags & IRQF_ONESHOT);
		KUNIT_EXPECT_TRUE(test, desc->istate & IRQS_ONESHOT);
		/* The context it was written for: bottom halves and interrupts off. */
		KUNIT_EXPECT_TRUE(test, forced_seen.task);
		KUNIT_EXPECT_TRUE(test, forced_seen.bh_off);
		KUNIT_EXPECT_TRUE(test, forced_seen.irqs_off);
		KUNIT_EXPECT_TRUE(test, masked_after_hardirq);
		KUNIT_EXPECT_TRUE(test, forced_seen.chip_masked);
		KUNIT_EXPECT_FALSE(test, soft_masked);
	} else {
		KUNIT_EXPECT_TRUE(test, forced_seen.hardirq);
		KUNIT_EXPECT_NULL(test, desc->action->thread);
		KUNIT_EXPECT_FALSE(test, desc->istate & IRQS_ONESHOT);
	}
	free_irq(irq, &cookie);
	KUNIT_EXPECT_TRUE(test, proc_tasks_loses(comm));
	irq_free_desc(irq);
}

static void no_thread_handler_stays_in_hardirq(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_level_irq, "level");
	struct irq_desc *desc = irq_to_desc(irq);
	static int cookie;

	memset(&nothread_seen, 0, sizeof(nothread_seen));
	KUNIT_ASSERT_EQ(test, request_irq(irq, nothread_handler, IRQF_NO_THREAD,
					  "kunit-nothread", &cookie), 0);
	KUNIT_EXPECT_NULL(test, desc->action->thread);
	raise_soft_irq(irq);
	KUNIT_EXPECT_EQ(test, nothread_seen.calls, 1);
	KUNIT_EXPECT_TRUE(test, nothread_seen.hardirq);
	free_irq(irq, &cookie);
	irq_free_desc(irq);
}

static irqreturn_t secondary_primary(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t secondary_thread_fn(int irq, void *dev_id)
{
	see(&secondary_seen, irq);
	return IRQ_HANDLED;
}

/* Under threadirqs a driver's own thread_fn moves to a second thread, "irq/N-s-name". */
static void forced_primary_wakes_the_secondary_thread(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_level_irq, "level");
	static int cookie;
	char comm[TASK_COMM_LEN];

	memset(&secondary_seen, 0, sizeof(secondary_seen));
	KUNIT_ASSERT_EQ(test, request_threaded_irq(irq, secondary_primary, secondary_thread_fn, 0,
						   "kunit-sec", &cookie), 0);
	raise_soft_irq(irq);
	kunit_wait_until(secondary_seen.calls >= 1);
	KUNIT_EXPECT_EQ(test, secondary_seen.calls, 1);
	if (force_irqthreads())
		snprintf(comm, sizeof(comm), "irq/%u-s-kunit-sec", irq);
	else
		snprintf(comm, sizeof(comm), "irq/%u-kunit-sec", irq);
	KUNIT_EXPECT_STREQ(test, secondary_seen.comm, comm);
	KUNIT_EXPECT_EQ(test, secondary_seen.policy, SCHED_FIFO);
	free_irq(irq, &cookie);
	KUNIT_EXPECT_TRUE(test, proc_tasks_loses(comm));
	irq_free_desc(irq);
}

/* --- threadirqs: softirqs raised by hard IRQs go to ksoftirqd ---------------- */

#define TEST_SOFTIRQ	IRQ_POLL_SOFTIRQ	/* unused by the kernel */

static char softirq_comm[TASK_COMM_LEN];
static volatile unsigned int softirq_runs;

static void test_softirq_action(void)
{
	strscpy(softirq_comm, current->comm, sizeof(softirq_comm));
	softirq_runs++;
}

static irqreturn_t raising_handler(int irq, void *dev_id)
{
	raise_softirq(TEST_SOFTIRQ);
	return IRQ_HANDLED;
}

static void softirq_from_hardirq_runs_in_ksoftirqd_under_threadirqs(struct kunit *test)
{
	unsigned int irq = soft_line(test, handle_edge_irq, "edge");
	static int cookie;
	bool ran_on_exit;

	softirq_runs = 0;
	open_softirq(TEST_SOFTIRQ, test_softirq_action);
	KUNIT_ASSERT_EQ(test, request_irq(irq, raising_handler, IRQF_NO_THREAD, "kunit-raise",
					  &cookie), 0);
	raise_soft_irq(irq);
	ran_on_exit = softirq_runs;
	kunit_wait_until(softirq_runs);
	KUNIT_EXPECT_EQ(test, softirq_runs, 1);
	if (force_irqthreads()) {
		KUNIT_EXPECT_FALSE(test, ran_on_exit);
		KUNIT_EXPECT_STREQ(test, softirq_comm, "ksoftirqd/0");
	} else {
		KUNIT_EXPECT_TRUE(test, ran_on_exit);
		KUNIT_EXPECT_STREQ(test, softirq_comm, current->comm);
	}
	free_irq(irq, &cookie);
	irq_free_desc(irq);
	local_irq_disable();
	set_softirq_pending(local_softirq_pending() & ~(1U << TEST_SOFTIRQ));
	open_softirq(TEST_SOFTIRQ, NULL);
	local_irq_enable();
}

static int threadirq_suite_init(struct kunit_suite *suite)
{
	return early_irq_init();
}

static struct kunit_case threadirq_test_cases[] = {
	KUNIT_CASE(rtc_thread_fn_runs_in_irq_thread_at_fifo_50),
	KUNIT_CASE(oneshot_level_line_masked_until_thread_done),
	KUNIT_CASE(oneshot_fasteoi_line_masked_until_thread_done),
	KUNIT_CASE(threaded_null_handler_needs_oneshot),
	KUNIT_CASE(synchronize_irq_waits_for_a_running_thread),
	KUNIT_CASE(free_irq_stops_the_thread),
	KUNIT_CASE(handler_is_forced_into_a_thread_under_threadirqs),
	KUNIT_CASE(no_thread_handler_stays_in_hardirq),
	KUNIT_CASE(forced_primary_wakes_the_secondary_thread),
	KUNIT_CASE(softirq_from_hardirq_runs_in_ksoftirqd_under_threadirqs),
	{}
};

static struct kunit_suite threadirq_test_suite = {
	.name = "threadirq",
	.suite_init = threadirq_suite_init,
	.test_cases = threadirq_test_cases,
};
kunit_test_suite(threadirq_test_suite);
