// SPDX-License-Identifier: MIT
/* unit-test-sources: kernel/softirq.c kernel/sched/cputime.c */
/*
 * Softirqs, bottom halves and tasklets on a fake CPU: a hard interrupt is
 * irq_enter()/irq_exit() with the fake interrupt flag off, and the clock
 * handle_softirqs() bounds itself with is one the test moves. Pins the
 * restart (10 passes) and time (2 ms) limits and the hand-over to
 * ksoftirqd, bottom-half nesting, and the tasklet rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <linux/kernel_stat.h>
#include <asm/irqflags.h>

static u64 host_clock_ns;

u64 sched_clock(void)
{
	return host_clock_ns;
}

static unsigned int wakes;
/* A ksoftirqd that never runs: asleep for good, so every hand-over wakes it. */
static struct task_struct fake_ksoftirqd = { .__state = TASK_INTERRUPTIBLE };

/* Stands in for the scheduler: records the wake, runs nothing. */
int wake_up_process(struct task_struct *p)
{
	if (p == &fake_ksoftirqd)
		wakes++;
	return 1;
}

static unsigned int runs, reraise_left;
static u64 advance_ns;
static bool saw_serving, saw_irqs_on, saw_hardirq;
static char order[128];

static void note(const char *what)
{
	strncat(order, what, sizeof(order) - strlen(order) - 1);
}

/* An action that raises itself reraise_left more times, moving the clock. */
static void storm_action(void)
{
	runs++;
	saw_serving = in_serving_softirq();
	saw_irqs_on = !irqs_disabled();
	saw_hardirq = in_hardirq();
	host_clock_ns += advance_ns;
	if (reraise_left) {
		reraise_left--;
		raise_softirq(NET_RX_SOFTIRQ);
	}
}

/* A hard interrupt whose handler raises @nr, as a NIC's would raise NET_RX. */
static void hardirq_raising(unsigned int nr)
{
	local_irq_disable();
	irq_enter();
	raise_softirq_irqoff(nr);
	irq_exit();
	local_irq_enable();
}

static unsigned int deferred(void)
{
	return per_cpu(softirq_deferred, 0);
}

static int setup(void **state)
{
	host_log_reset();
	host_clock_ns = 1000000000ULL;
	runs = wakes = reraise_left = 0;
	ksoftirqd = &fake_ksoftirqd;
	advance_ns = 0;
	saw_serving = saw_irqs_on = saw_hardirq = false;
	order[0] = '\0';
	open_softirq(NET_RX_SOFTIRQ, storm_action);
	return 0;
}

static int teardown(void **state)
{
	set_softirq_pending(0);
	assert_int_equal(preempt_count(), INIT_PREEMPT_COUNT);
	assert_false(irqs_disabled());
	return 0;
}

/* --- softirq core ------------------------------------------------------------- */

static void softirq_raised_in_hardirq_runs_on_irq_exit_with_irqs_on(void **state)
{
	unsigned int before = kstat_softirqs_cpu(NET_RX_SOFTIRQ, 0);

	hardirq_raising(NET_RX_SOFTIRQ);
	assert_int_equal(runs, 1);
	assert_true(saw_serving);
	assert_true(saw_irqs_on);
	assert_false(saw_hardirq);
	assert_int_equal(kstat_softirqs_cpu(NET_RX_SOFTIRQ, 0), before + 1);
	assert_int_equal(local_softirq_pending(), 0);
	assert_int_equal(wakes, 0);
}

static void irq_exit_with_nothing_pending_runs_nothing(void **state)
{
	local_irq_disable();
	irq_enter();
	irq_exit();
	local_irq_enable();
	assert_int_equal(runs, 0);
}

static void nested_irq_exit_leaves_softirqs_to_the_outermost(void **state)
{
	local_irq_disable();
	irq_enter();
	irq_enter();
	raise_softirq_irqoff(NET_RX_SOFTIRQ);
	irq_exit();
	assert_int_equal(runs, 0);
	irq_exit();
	local_irq_enable();
	assert_int_equal(runs, 1);
}

static void restart_limit_of_ten_passes_then_ksoftirqd(void **state)
{
	unsigned int d0 = deferred();

	reraise_left = 1000;
	hardirq_raising(NET_RX_SOFTIRQ);
	assert_int_equal(runs, 10);
	assert_int_equal(deferred(), d0 + 1);
	assert_int_equal(wakes, 1);
	assert_true(local_softirq_pending() & (1U << NET_RX_SOFTIRQ));
	assert_true(ksoftirqd_should_run(0));
}

static void time_limit_of_two_ms_then_ksoftirqd(void **state)
{
	unsigned int d0 = deferred();

	reraise_left = 1000;
	advance_ns = 1000000;	/* each pass takes 1 ms */
	hardirq_raising(NET_RX_SOFTIRQ);
	assert_int_equal(runs, 2);
	assert_int_equal(deferred(), d0 + 1);
	assert_true(local_softirq_pending() & (1U << NET_RX_SOFTIRQ));
}

static void ksoftirqd_turn_runs_the_rest_with_the_same_limits(void **state)
{
	reraise_left = 14;	/* 15 runs in all */
	hardirq_raising(NET_RX_SOFTIRQ);
	assert_int_equal(runs, 10);
	assert_int_equal(wakes, 1);
	run_ksoftirqd_once(0);
	assert_int_equal(runs, 15);
	assert_true(saw_serving);
	assert_true(saw_irqs_on);
	assert_int_equal(wakes, 1);
	assert_false(ksoftirqd_should_run(0));
	run_ksoftirqd_once(0);	/* nothing pending: a no-op */
	assert_int_equal(runs, 15);
}

static void raise_in_task_context_wakes_ksoftirqd(void **state)
{
	unsigned int d0 = deferred();

	raise_softirq(NET_RX_SOFTIRQ);
	assert_int_equal(wakes, 1);
	assert_int_equal(deferred(), d0 + 1);
	assert_int_equal(runs, 0);	/* the weak hook ran nothing: still pending */
	assert_true(local_softirq_pending() & (1U << NET_RX_SOFTIRQ));
	local_irq_disable();
	irq_enter();
	irq_exit();	/* the next interrupt's exit takes it */
	local_irq_enable();
	assert_int_equal(runs, 1);
}

static void leaked_preempt_count_is_reported_and_repaired(void **state)
{
	open_softirq(BLOCK_SOFTIRQ, local_bh_disable);
	hardirq_raising(BLOCK_SOFTIRQ);
	assert_true(host_log_contains("BLOCK"));
	assert_true(host_log_contains("preempt count"));
	open_softirq(BLOCK_SOFTIRQ, NULL);
}

/* --- bottom halves ------------------------------------------------------------ */

static void bh_disable_nests_and_the_outermost_enable_runs_pending(void **state)
{
	local_bh_disable();
	local_bh_disable();
	assert_true(in_softirq());
	assert_false(in_serving_softirq());
	hardirq_raising(NET_RX_SOFTIRQ);	/* irq_exit must leave it alone */
	assert_int_equal(runs, 0);
	local_bh_enable();
	assert_int_equal(runs, 0);
	assert_true(in_softirq());
	local_bh_enable();
	assert_int_equal(runs, 1);
	assert_true(saw_serving);
	assert_true(saw_irqs_on);
	assert_false(in_softirq());
	assert_int_equal(wakes, 0);
}

static void underscore_local_bh_enable_leaves_softirqs_pending(void **state)
{
	local_bh_disable();
	hardirq_raising(NET_RX_SOFTIRQ);
	local_irq_disable();
	_local_bh_enable();
	local_irq_enable();
	assert_int_equal(runs, 0);
	assert_true(local_softirq_pending());
}

static void local_bh_enable_with_irqs_off_warns(void **state)
{
	local_bh_disable();
	local_irq_disable();
	local_bh_enable();
	local_irq_enable();
	assert_int_equal(host_warn_count, 1);
}

/* --- tasklets ----------------------------------------------------------------- */

static unsigned int t_runs, t_resched;

static void count_tasklet(struct tasklet_struct *t)
{
	t_runs++;
	note("normal ");
	if (t_resched) {
		t_resched--;
		tasklet_schedule(t);
	}
}

static void hi_tasklet(struct tasklet_struct *t)
{
	note("hi ");
}

static unsigned long old_data;

static void old_style_tasklet(unsigned long data)
{
	old_data = data;
}

static void run_softirqs_from_irq(void)
{
	local_irq_disable();
	irq_enter();
	irq_exit();
	local_irq_enable();
}

static void tasklet_runs_once_per_schedule(void **state)
{
	struct tasklet_struct t;

	tasklet_setup(&t, count_tasklet);
	t_runs = t_resched = 0;
	local_bh_disable();
	tasklet_schedule(&t);
	tasklet_schedule(&t);	/* already queued: no second run */
	assert_true(test_bit(TASKLET_STATE_SCHED, &t.state));
	local_bh_enable();
	assert_int_equal(t_runs, 1);
	assert_false(test_bit(TASKLET_STATE_SCHED, &t.state));
	assert_false(test_bit(TASKLET_STATE_RUN, &t.state));
	local_bh_disable();
	tasklet_schedule(&t);
	local_bh_enable();
	assert_int_equal(t_runs, 2);
}

static void tasklet_scheduled_while_running_runs_again(void **state)
{
	struct tasklet_struct t;

	tasklet_setup(&t, count_tasklet);
	t_runs = 0;
	t_resched = 1;
	local_irq_disable();
	irq_enter();
	tasklet_schedule(&t);
	irq_exit();
	local_irq_enable();
	assert_int_equal(t_runs, 2);
	assert_false(test_bit(TASKLET_STATE_SCHED, &t.state));
}

static void hi_tasklets_run_before_normal_ones(void **state)
{
	DECLARE_TASKLET(normal, count_tasklet);
	DECLARE_TASKLET(hi, hi_tasklet);

	t_resched = 0;
	local_bh_disable();
	tasklet_schedule(&normal);
	tasklet_hi_schedule(&hi);
	local_bh_enable();
	assert_string_equal(order, "hi normal ");
}

static void disabled_tasklet_is_deferred_until_enabled(void **state)
{
	struct tasklet_struct t;

	tasklet_setup(&t, count_tasklet);
	t_runs = t_resched = 0;
	tasklet_disable(&t);
	local_bh_disable();
	tasklet_schedule(&t);
	local_bh_enable();
	assert_int_equal(t_runs, 0);
	assert_true(test_bit(TASKLET_STATE_SCHED, &t.state));
	/* Still queued, its softirq kept raised: Linux's busy retry. */
	assert_true(local_softirq_pending() & (1U << TASKLET_SOFTIRQ));
	run_softirqs_from_irq();
	assert_int_equal(t_runs, 0);
	tasklet_enable(&t);
	run_softirqs_from_irq();
	assert_int_equal(t_runs, 1);
	assert_int_equal(local_softirq_pending(), 0);
}

static void tasklet_init_passes_data_and_kill_leaves_it_idle(void **state)
{
	struct tasklet_struct t;

	tasklet_init(&t, old_style_tasklet, 0x1234);
	local_bh_disable();
	tasklet_schedule(&t);
	local_bh_enable();
	assert_int_equal(old_data, 0x1234);
	tasklet_kill(&t);
	assert_int_equal(t.state, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(softirq_raised_in_hardirq_runs_on_irq_exit_with_irqs_on),
		T(irq_exit_with_nothing_pending_runs_nothing),
		T(nested_irq_exit_leaves_softirqs_to_the_outermost),
		T(restart_limit_of_ten_passes_then_ksoftirqd),
		T(time_limit_of_two_ms_then_ksoftirqd),
		T(ksoftirqd_turn_runs_the_rest_with_the_same_limits),
		T(raise_in_task_context_wakes_ksoftirqd),
		T(leaked_preempt_count_is_reported_and_repaired),
		T(bh_disable_nests_and_the_outermost_enable_runs_pending),
		T(underscore_local_bh_enable_leaves_softirqs_pending),
		T(local_bh_enable_with_irqs_off_warns),
		T(tasklet_runs_once_per_schedule),
		T(tasklet_scheduled_while_running_runs_again),
		T(hi_tasklets_run_before_normal_ones),
		T(disabled_tasklet_is_deferred_until_enabled),
		T(tasklet_init_passes_data_and_kill_leaves_it_idle),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
