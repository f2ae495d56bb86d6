// SPDX-License-Identifier: MIT
/*
 * KUnit suite "softirq" (reflex.test=softirq): softirqs, bottom halves and
 * tasklets in the booted kernel, raised from real interrupts — a self-IPI
 * on IRQ_WORK_VECTOR through irq_work, the RTC's IRQ 8 through the IOAPIC
 * and common_interrupt — and from a software-only line driven with
 * generic_handle_irq() as kernel/irq/irq_kunit.c does. The host tests
 * (tests/unit/test_softirq.c) pin the exact limits on a fake clock; this
 * suite shows they hold on the real entry path with the tick running.
 *
 * The suite borrows IRQ_POLL_SOFTIRQ, which nothing in reflex opens, and
 * leaves it closed and not pending. Waits are bounded by the TSC.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/kernel_stat.h>
#include <linux/kallsyms.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/spinlock.h>
#include <linux/sched/clock.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/mc146818rtc.h>
#include <asm/apic.h>
#include <asm/irq_vectors.h>
#include <linux/sched.h>
#include <asm/hardirq.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <asm/processor.h>
#include <asm/tsc.h>

#define TEST_SOFTIRQ	IRQ_POLL_SOFTIRQ
/*
 * handle_softirqs()' time limit (kernel/softirq.c), on the same clock. A
 * host that stalls the vCPU can make it end a storm before the ten
 * restarts, so "exactly ten" is asserted only when it cannot have.
 */
#define SOFTIRQ_TIME_LIMIT_NS	(2 * 1000 * 1000ULL)

static volatile unsigned int runs, reraise_left;
static volatile bool saw_serving, saw_irqs_on, saw_hardirq;
static u64 spin_ns;
static char chain[256];

static unsigned int loc_count(void)
{
	return this_cpu_read(irq_stat.apic_timer_irqs);
}

static unsigned int deferred(void)
{
	return this_cpu_read(softirq_deferred);
}


/*
 * While a storm's passes are counted, only the test IPI's exit may run
 * softirqs: the task priority holds off every class below
 * IRQ_WORK_VECTOR's, the tick among them, whose exit would run the still
 * pending softirq again (and hand it over again) whenever a late tick
 * lands in the window.
 */
static void hold_off_lower_classes(bool hold)
{
	apic_write(APIC_TASKPRI, hold ? (IRQ_WORK_VECTOR & 0xf0) - 0x10 : 0);
}

/*
 * Once woken, ksoftirqd takes over what irq exits and local_bh_enable()
 * would run (kernel/softirq.c, ksoftirqd_running()): a storm test starts
 * with it asleep, left by the test before, or it would see no pass at all.
 */
static bool ksoftirqd_asleep(void)
{
	struct task_struct *ksd = this_cpu_read(ksoftirqd);

	return ksd && kunit_wait_until(READ_ONCE(ksd->__state) != TASK_RUNNING);
}

/* The restart limit, or fewer passes when the time limit may have come first. */
static void expect_ten_passes(struct kunit *test, unsigned int passes, u64 elapsed_ns)
{
	if (elapsed_ns < SOFTIRQ_TIME_LIMIT_NS) {
		KUNIT_EXPECT_EQ(test, passes, 10);
	} else {
		KUNIT_EXPECT_GE(test, passes, 1);
		KUNIT_EXPECT_LE(test, passes, 10);
	}
}

/*
 * The call chain above this function's caller, innermost first, walked by
 * frame pointer up to the entry code's frame (the pt_regs marker).
 */
static noinline void record_chain(void)
{
	unsigned long bp = (unsigned long)__builtin_frame_address(0);
	char name[KSYM_SYMBOL_LEN];
	size_t len = 0;
	int depth;

	chain[0] = '\0';
	for (depth = 0; bp && depth < 7; depth++) {
		unsigned long *frame = (unsigned long *)bp;

		if (depth) {	/* depth 0 returns into the caller itself */
			sprint_symbol_no_offset(name, frame[1]);
			len += snprintf(chain + len, sizeof(chain) - len, "%s ", name);
			if (len >= sizeof(chain))
				break;
		}
		if (frame[0] & 1)
			break;
		bp = frame[0];
	}
}

static bool chain_until_common;	/* record every run's chain until one comes through common_interrupt */

static noinline void test_action(void)
{
	if (!runs || (chain_until_common && !strstr(chain, "common_interrupt asm_common_interrupt")))
		record_chain();
	runs++;
	saw_serving = in_serving_softirq();
	saw_irqs_on = !irqs_disabled();
	saw_hardirq = in_hardirq();
	if (spin_ns) {
		u64 end = local_clock() + spin_ns;

		while (local_clock() < end)
			cpu_relax();
	}
	if (reraise_left) {
		reraise_left--;
		raise_softirq(TEST_SOFTIRQ);
	}
}

static void reset(void)
{
	runs = reraise_left = 0;
	spin_ns = 0;
	saw_serving = saw_irqs_on = saw_hardirq = false;
	chain[0] = '\0';
	open_softirq(TEST_SOFTIRQ, test_action);
}

static void close_test_softirq(void)
{
	local_irq_disable();
	set_softirq_pending(local_softirq_pending() & ~(1U << TEST_SOFTIRQ));
	open_softirq(TEST_SOFTIRQ, NULL);
	local_irq_enable();
}

/* --- a real hard interrupt: irq_work's self-IPI ------------------------------ */

static void (*hardirq_body)(void);
static volatile bool work_in_hardirq;

static void kunit_irq_work(struct irq_work *work)
{
	work_in_hardirq = in_hardirq() && irqs_disabled();
	hardirq_body();
}

static DEFINE_IRQ_WORK(softirq_test_work, kunit_irq_work);

/* Returns once the IPI has been taken: the ICR write is followed by a return. */
static bool in_real_hardirq(void (*body)(void))
{
	work_in_hardirq = false;
	hardirq_body = body;
	return irq_work_queue(&softirq_test_work);
}

static void raise_test_softirq(void)
{
	raise_softirq_irqoff(TEST_SOFTIRQ);
}

static void softirq_runs_on_ipi_exit_before_the_task_resumes(struct kunit *test)
{
	unsigned int iwi0 = this_cpu_read(irq_stat.apic_irq_work_irqs);
	unsigned int runs_seen;

	reset();
	KUNIT_ASSERT_TRUE(test, in_real_hardirq(raise_test_softirq));
	runs_seen = runs;	/* the first thing the interrupted code does */
	KUNIT_EXPECT_EQ(test, runs_seen, 1);
	KUNIT_EXPECT_TRUE(test, work_in_hardirq);
	KUNIT_EXPECT_EQ(test, this_cpu_read(irq_stat.apic_irq_work_irqs), iwi0 + 1);
	KUNIT_EXPECT_TRUE(test, saw_serving);
	KUNIT_EXPECT_TRUE(test, saw_irqs_on);
	KUNIT_EXPECT_FALSE(test, saw_hardirq);
	KUNIT_EXPECT_TRUE(test, in_task());
	pr_info("softirq: raised in sysvec_irq_work, ran from: %s\n", chain);
	KUNIT_EXPECT_TRUE(test, strstr(chain, "handle_softirqs __irq_exit_rcu sysvec_irq_work ") != NULL);
	close_test_softirq();
}

static void local_bh_disable_defers_until_local_bh_enable(struct kunit *test)
{
	reset();
	local_bh_disable();
	KUNIT_ASSERT_TRUE(test, in_real_hardirq(raise_test_softirq));
	KUNIT_EXPECT_TRUE(test, work_in_hardirq);
	KUNIT_EXPECT_EQ(test, runs, 0);
	KUNIT_EXPECT_TRUE(test, local_softirq_pending() & (1U << TEST_SOFTIRQ));
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, runs, 1);
	KUNIT_EXPECT_TRUE(test, saw_serving);
	KUNIT_EXPECT_TRUE(test, saw_irqs_on);
	KUNIT_EXPECT_FALSE(test, in_softirq());
	close_test_softirq();
}

/* --- a software-only line through generic_handle_irq() ----------------------- */

static int soft_cookie;

static void soft_noop(struct irq_data *d) { }

static struct irq_chip softirq_test_chip = {
	.name		= "soft",
	.irq_ack	= soft_noop,
	.irq_mask	= soft_noop,
	.irq_unmask	= soft_noop,
};

static irqreturn_t soft_line_handler(int irq, void *dev)
{
	raise_softirq(TEST_SOFTIRQ);
	return IRQ_HANDLED;
}

static void softirq_raised_on_a_soft_line_runs_on_irq_exit(struct kunit *test)
{
	int irq = irq_alloc_desc(NUMA_NO_NODE);
	unsigned long flags;

	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_chip_and_handler_name(irq, &softirq_test_chip, handle_edge_irq, "edge");
	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_line_handler, 0, "kunit-softirq", &soft_cookie), 0);
	reset();
	local_irq_save(flags);
	irq_enter();
	generic_handle_irq(irq);
	KUNIT_EXPECT_EQ(test, runs, 0);	/* not inside the hard IRQ */
	irq_exit();
	KUNIT_EXPECT_EQ(test, runs, 1);
	local_irq_restore(flags);
	KUNIT_EXPECT_TRUE(test, saw_serving);
	KUNIT_EXPECT_TRUE(test, saw_irqs_on);
	free_irq(irq, &soft_cookie);
	irq_free_desc(irq);
	close_test_softirq();
}

/* --- the RTC: a device interrupt through common_interrupt --------------------- */


static volatile unsigned int rtc_hard, rtc_merged;
static int rtc_cookie;

static irqreturn_t rtc_softirq_interrupt(int irq, void *dev_id)
{
	if (!(CMOS_READ(RTC_REG_C) & 0x80))
		return IRQ_NONE;
	rtc_hard++;
	/*
	 * Still pending from the last one: this raise and that one get a
	 * single run. It happens when the interrupt lands while the softirqs
	 * of another interrupt's exit are running (a host stall lets QEMU
	 * deliver the RTC's interrupts back to back): the raise waits for
	 * that pass, and the next interrupt finds it still pending.
	 */
	if (local_softirq_pending() & (1U << TEST_SOFTIRQ))
		rtc_merged++;
	raise_softirq(TEST_SOFTIRQ);
	return IRQ_HANDLED;
}

static bool proc_softirqs_has_row(const char *name, unsigned int nr)
{
	char row[64];

	snprintf(row, sizeof(row), "\n%12s: %10u", name, kstat_softirqs_cpu(nr, 0));
	return proc_contains("softirqs", row) &&
	       proc_contains("softirqs", "                    CPU0       ");
}

/*
 * The softirq an interrupt raises has run by the time the interrupted task
 * resumes, unless handle_softirqs() handed the rest to ksoftirqd (its 2 ms
 * or ten-pass limit, which a host stall inside it can reach): a lag is a
 * fault only when nothing was deferred. Raises that find the softirq
 * still pending share its one run, as in Linux; they are counted, and
 * every other raise has a run of its own. At least one run's stack shows
 * the RTC's own interrupt exit.
 */
static void rtc_irq_softirq_runs_before_the_interrupted_task(struct kunit *test)
{
	unsigned int lag = 0, k0 = kstat_softirqs_cpu(TEST_SOFTIRQ, 0), d0 = deferred();
	u64 end;

	reset();
	rtc_hard = rtc_merged = 0;
	chain_until_common = true;
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, rtc_softirq_interrupt, 0, "rtc-softirq", &rtc_cookie), 0);
	rtc_periodic_start(6);	/* 1024 Hz */
	end = rdtsc() + (u64)tsc_khz * KUNIT_HANG_MS;
	while (rtc_hard < 50 && rdtsc() < end) {
		unsigned int h = rtc_hard;

		/* A softirq lagging its interrupt would be visible here. */
		if (runs + rtc_merged < h)
			lag++;
	}
	rtc_periodic_stop();
	free_irq(RTC_IRQ, &rtc_cookie);

	KUNIT_EXPECT_GE(test, rtc_hard, 50);
	if (deferred() == d0)
		KUNIT_EXPECT_EQ(test, lag, 0);
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&runs, rtc_hard - rtc_merged, KUNIT_HANG_MS),
			rtc_hard - rtc_merged);
	KUNIT_EXPECT_LT(test, rtc_merged, rtc_hard);
	chain_until_common = false;
	KUNIT_EXPECT_TRUE(test, saw_serving);
	KUNIT_EXPECT_TRUE(test, saw_irqs_on);
	pr_info("softirq: raised by IRQ 8, ran from: %s\n", chain);
	KUNIT_EXPECT_TRUE(test, strstr(chain, "handle_softirqs __irq_exit_rcu common_interrupt asm_common_interrupt ") != NULL);
	KUNIT_EXPECT_GE(test, kstat_softirqs_cpu(TEST_SOFTIRQ, 0), k0 + rtc_hard - rtc_merged);
	KUNIT_EXPECT_TRUE(test, proc_softirqs_has_row("IRQ_POLL", TEST_SOFTIRQ));
	close_test_softirq();
}

/* --- storms: the restart and time limits, and ksoftirqd ---------------------- */

static void storm_hits_restart_limit_and_ticks_keep_coming(struct kunit *test)
{
	struct task_struct *ksd = this_cpu_read(ksoftirqd);
	unsigned int d0 = deferred(), loc0;
	u64 ksd_time0, t0;

	KUNIT_ASSERT_NOT_NULL(test, ksd);
	ksd_time0 = ksd->sum_exec_runtime;
	KUNIT_ASSERT_TRUE(test, ksoftirqd_asleep());
	reset();
	reraise_left = 300;
	/* No preemption: ksoftirqd must not run before the counts are read. */
	preempt_disable();
	hold_off_lower_classes(true);
	t0 = local_clock();
	KUNIT_EXPECT_TRUE(test, in_real_hardirq(raise_test_softirq));
	/* Ten passes on the IPI's exit, then handed over. */
	expect_ten_passes(test, runs, local_clock() - t0);
	KUNIT_EXPECT_EQ(test, deferred(), d0 + 1);
	hold_off_lower_classes(false);
	preempt_enable();
	/* ksoftirqd (a normal task, like us) drains the rest when it gets the CPU. */
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&runs, 301, KUNIT_HANG_MS), 301);
	KUNIT_EXPECT_GT(test, ksd->sum_exec_runtime, ksd_time0);
	KUNIT_EXPECT_EQ(test, local_softirq_pending() & (1U << TEST_SOFTIRQ), 0);
	/* And the system kept (keeps) taking its ticks. */
	loc0 = loc_count();
	KUNIT_EXPECT_GE(test, kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_timer_irqs), loc0 + 3, KUNIT_HANG_MS),
			loc0 + 3);
	close_test_softirq();
}

static void slow_softirq_hits_the_2ms_limit(struct kunit *test)
{
	unsigned int d0 = deferred(), first;

	KUNIT_ASSERT_TRUE(test, ksoftirqd_asleep());
	reset();
	spin_ns = 700 * 1000;
	reraise_left = 20;
	/* No preemption: ksoftirqd must not run before the counts are read. */
	preempt_disable();
	hold_off_lower_classes(true);
	KUNIT_EXPECT_TRUE(test, in_real_hardirq(raise_test_softirq));
	first = runs;
	/* 0.7 ms a pass: the third pass ends past 2 ms (a stall only adds time). */
	KUNIT_EXPECT_GE(test, first, 1);
	KUNIT_EXPECT_LE(test, first, 3);
	KUNIT_EXPECT_EQ(test, deferred(), d0 + 1);
	hold_off_lower_classes(false);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&runs, 21, KUNIT_HANG_MS), 21);
	close_test_softirq();
}

static void ksoftirqd_loop_body_drains_a_deferred_storm(struct kunit *test)
{
	unsigned int cpu = smp_processor_id(), turns = 0;
	u64 t0;

	KUNIT_ASSERT_TRUE(test, ksoftirqd_asleep());
	reset();
	reraise_left = 100;
	preempt_disable();	/* ksoftirqd must not get to the storm first */
	hold_off_lower_classes(true);
	t0 = local_clock();
	KUNIT_EXPECT_TRUE(test, in_real_hardirq(raise_test_softirq));
	expect_ten_passes(test, runs, local_clock() - t0);
	hold_off_lower_classes(false);
	/* What ksoftirqd/N's loop will do once the scheduler runs it. */
	while (ksoftirqd_should_run(cpu) && turns < 100) {
		run_ksoftirqd_once(cpu);
		turns++;
	}
	preempt_enable();
	KUNIT_EXPECT_EQ(test, runs, 101);
	KUNIT_EXPECT_GE(test, turns, 1);
	KUNIT_EXPECT_TRUE(test, saw_serving);
	KUNIT_EXPECT_TRUE(test, saw_irqs_on);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	close_test_softirq();
}

static volatile unsigned int timer_fired;

static void note_timer(struct timer_list *t)
{
	timer_fired++;
}

/*
 * Linux 6.1's rule: with ksoftirqd runnable, neither an interrupt's exit
 * nor local_bh_enable() runs the pending softirqs; ksoftirqd does, when
 * the scheduler gives it the CPU. Timers are not held back: here the CPU
 * stays with this test (preemption off), as with a real-time task that
 * spins, and a jiffies timer still fires on the tick's exit, without
 * the held-back softirq, which waits for ksoftirqd.
 */
static void runnable_ksoftirqd_takes_over_irq_exit_and_bh_enable(struct kunit *test)
{
	struct timer_list t;
	struct task_struct *ksd = this_cpu_read(ksoftirqd);
	unsigned int passes;
	u64 t0;

	KUNIT_ASSERT_TRUE(test, ksoftirqd_asleep());
	reset();
	reraise_left = 100;
	preempt_disable();	/* ksoftirqd woken by the storm stays runnable, not running */
	hold_off_lower_classes(true);
	t0 = local_clock();
	KUNIT_EXPECT_TRUE(test, in_real_hardirq(raise_test_softirq));
	expect_ten_passes(test, runs, local_clock() - t0);
	passes = runs;
	KUNIT_EXPECT_EQ(test, READ_ONCE(ksd->__state), TASK_RUNNING);
	KUNIT_EXPECT_TRUE(test, in_real_hardirq(raise_test_softirq));
	KUNIT_EXPECT_EQ(test, runs, passes);	/* the IPI's exit left it pending */
	local_bh_disable();
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, runs, passes);	/* and so did local_bh_enable() */
	KUNIT_EXPECT_NE(test, local_softirq_pending() & (1U << TEST_SOFTIRQ), 0);
	hold_off_lower_classes(false);
	timer_fired = 0;
	timer_setup(&t, note_timer, 0);
	mod_timer(&t, jiffies + 1);
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&timer_fired, 1, KUNIT_HANG_MS), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ksd->__state), TASK_RUNNING);	/* it had no turn */
	KUNIT_EXPECT_EQ(test, runs, passes);	/* the timer ran alone at the tick's exit */
	preempt_enable();
	del_timer_sync(&t);
	/* ksoftirqd runs the rest once it gets the CPU. */
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&runs, 101, KUNIT_HANG_MS), 101);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(!(local_softirq_pending() & (1U << TEST_SOFTIRQ))));
	close_test_softirq();
}

/* --- tasklets ----------------------------------------------------------------- */

static char order[64];
static volatile unsigned int tasklet_runs;

static void note(const char *what)
{
	size_t len = strlen(order);

	snprintf(order + len, sizeof(order) - len, "%s ", what);
	tasklet_runs++;
}

static void normal_tasklet_fn(struct tasklet_struct *t)
{
	note("normal");
}

static void hi_tasklet_fn(struct tasklet_struct *t)
{
	note("hi");
}

static DECLARE_TASKLET(normal_tasklet, normal_tasklet_fn);
static DECLARE_TASKLET(hi_tasklet, hi_tasklet_fn);

static void schedule_both_tasklets(void)
{
	tasklet_schedule(&normal_tasklet);
	tasklet_hi_schedule(&hi_tasklet);
}

static void tasklets_scheduled_in_hardirq_run_hi_first(struct kunit *test)
{
	unsigned int t0 = kstat_softirqs_cpu(TASKLET_SOFTIRQ, 0);
	unsigned int h0 = kstat_softirqs_cpu(HI_SOFTIRQ, 0);

	order[0] = '\0';
	tasklet_runs = 0;
	KUNIT_ASSERT_TRUE(test, in_real_hardirq(schedule_both_tasklets));
	KUNIT_EXPECT_EQ(test, tasklet_runs, 2);
	KUNIT_EXPECT_STREQ(test, order, "hi normal ");
	KUNIT_EXPECT_EQ(test, kstat_softirqs_cpu(TASKLET_SOFTIRQ, 0), t0 + 1);
	KUNIT_EXPECT_EQ(test, kstat_softirqs_cpu(HI_SOFTIRQ, 0), h0 + 1);
	KUNIT_EXPECT_TRUE(test, proc_softirqs_has_row("TASKLET", TASKLET_SOFTIRQ));
	KUNIT_EXPECT_TRUE(test, proc_softirqs_has_row("HI", HI_SOFTIRQ));
	tasklet_kill(&normal_tasklet);
	tasklet_kill(&hi_tasklet);
}

static void disabled_tasklet_waits_for_enable_and_kill_waits_for_it(struct kunit *test)
{
	order[0] = '\0';
	tasklet_runs = 0;
	tasklet_disable(&normal_tasklet);
	tasklet_schedule(&normal_tasklet);	/* from a task: ksoftirqd's job, or the next tick's */
	kunit_spin_for_count(&tasklet_runs, 1, 30);
	KUNIT_EXPECT_EQ(test, tasklet_runs, 0);
	KUNIT_EXPECT_TRUE(test, test_bit(TASKLET_STATE_SCHED, &normal_tasklet.state));
	tasklet_enable(&normal_tasklet);
	tasklet_kill(&normal_tasklet);	/* returns once the tasklet has run */
	KUNIT_EXPECT_EQ(test, tasklet_runs, 1);
	KUNIT_EXPECT_EQ(test, normal_tasklet.state, 0);
	KUNIT_EXPECT_EQ(test, local_softirq_pending() & (1U << TASKLET_SOFTIRQ), 0);
}

static struct kunit_case softirq_test_cases[] = {
	KUNIT_CASE(softirq_runs_on_ipi_exit_before_the_task_resumes),
	KUNIT_CASE(local_bh_disable_defers_until_local_bh_enable),
	KUNIT_CASE(softirq_raised_on_a_soft_line_runs_on_irq_exit),
	KUNIT_CASE(rtc_irq_softirq_runs_before_the_interrupted_task),
	KUNIT_CASE(storm_hits_restart_limit_and_ticks_keep_coming),
	KUNIT_CASE(slow_softirq_hits_the_2ms_limit),
	KUNIT_CASE(ksoftirqd_loop_body_drains_a_deferred_storm),
	KUNIT_CASE(runnable_ksoftirqd_takes_over_irq_exit_and_bh_enable),
	KUNIT_CASE(tasklets_scheduled_in_hardirq_run_hi_first),
	KUNIT_CASE(disabled_tasklet_waits_for_enable_and_kill_waits_for_it),
	{}
};

static struct kunit_suite softirq_test_suite = {
	.name = "softirq",
	.test_cases = softirq_test_cases,
};
kunit_test_suite(softirq_test_suite);
