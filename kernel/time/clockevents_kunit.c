// SPDX-License-Identifier: MIT
/*
 * KUnit suite "clockevents" (reflex.test=clockevents): the clock-event
 * seam and the tick on it. A device of the suite's own, never
 * registered, pins the ns-to-ticks conversion and the clamping of
 * clockevents_program_event(); this CPU's real tick device is put back
 * into periodic mode to watch the tick switch it to one-shot for
 * hrtimer_interrupt() again, as at boot. Tests wait for states, never
 * for a time (kunit/wait.h).
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/tick.h>
#include <linux/jiffies.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/hardirq.h>
#include <asm/smp.h>

static unsigned long fake_delta;
static unsigned int fake_calls;
static ktime_t fake_called_at;

static int fake_set_next_event(unsigned long delta, struct clock_event_device *dev)
{
	fake_delta = delta;
	fake_calls++;
	fake_called_at = ktime_get();
	return 0;
}

/* 10 MHz: a tick is 100 ns. */
static void fake_device_init(struct clock_event_device *dev)
{
	*dev = (struct clock_event_device) {
		.name		= "fake",
		.features	= CLOCK_EVT_FEAT_ONESHOT,
		.set_next_event	= fake_set_next_event,
		.min_delta_ticks = 0xF,
		.max_delta_ticks = 0xFFFF,
	};
	clockevents_config(dev, 10000000);
	clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
	fake_calls = 0;
}

static void clockevents_config_derives_mult_shift_and_limits(struct kunit *test)
{
	struct clock_event_device dev;

	fake_device_init(&dev);
	KUNIT_EXPECT_EQ(test, dev.shift, 32);
	KUNIT_EXPECT_EQ(test, dev.mult, 42949673);	/* 2^32 / 100, rounded */
	KUNIT_EXPECT_EQ(test, (u64)NSEC_PER_MSEC * dev.mult >> dev.shift, 10000);
	/* The limits in ns, rounded up: 15 and 65535 ticks of 100 ns. */
	KUNIT_EXPECT_EQ(test, dev.min_delta_ns, 1500);
	KUNIT_EXPECT_EQ(test, dev.max_delta_ns, 6553500);
	KUNIT_EXPECT_EQ(test, clockevent_delta2ns(1, &dev), 1000);	/* never under 1 us */
	KUNIT_EXPECT_TRUE(test, clockevent_state_oneshot(&dev));
}

static void clockevents_program_event_converts_ns_to_ticks(struct kunit *test)
{
	struct clock_event_device dev;
	ktime_t t0, expires;
	s64 lo;

	fake_device_init(&dev);
	t0 = ktime_get();
	expires = t0 + NSEC_PER_MSEC;
	KUNIT_EXPECT_EQ(test, clockevents_program_event(&dev, expires, false), 0);
	KUNIT_ASSERT_EQ(test, fake_calls, 1);
	KUNIT_EXPECT_EQ(test, dev.next_event, expires);
	/* The delta was taken between t0 and the call: its ticks, rounded up, lie between. */
	lo = (expires - fake_called_at) / 100;
	KUNIT_EXPECT_LE(test, fake_delta, 10000);
	KUNIT_EXPECT_GE(test, (s64)fake_delta, max(lo, (s64)0xF));
}

static void clockevents_program_event_clamps_to_min_and_max_delta(struct kunit *test)
{
	struct clock_event_device dev;

	fake_device_init(&dev);
	KUNIT_EXPECT_EQ(test, clockevents_program_event(&dev, ktime_get() + 10 * NSEC_PER_SEC, false), 0);
	KUNIT_EXPECT_EQ(test, fake_delta, 0xFFFF);
	/* Under the minimum (or, should the CPU stall, already past): the minimum. */
	KUNIT_EXPECT_EQ(test, clockevents_program_event(&dev, ktime_get() + 1000, true), 0);
	KUNIT_EXPECT_EQ(test, fake_delta, 0xF);
	KUNIT_EXPECT_EQ(test, fake_calls, 2);

	/* A time already past: refused, or the minimum when forced. */
	KUNIT_EXPECT_EQ(test, clockevents_program_event(&dev, ktime_get() - 1, false), -ETIME);
	KUNIT_EXPECT_EQ(test, fake_calls, 2);
	fake_delta = 0;
	KUNIT_EXPECT_EQ(test, clockevents_program_event(&dev, ktime_get() - 1, true), 0);
	KUNIT_EXPECT_EQ(test, fake_calls, 3);
	KUNIT_EXPECT_EQ(test, fake_delta, 0xF);

	/* A device that is shut down is not armed. */
	clockevents_shutdown(&dev);
	KUNIT_EXPECT_EQ(test, clockevents_program_event(&dev, ktime_get() + NSEC_PER_MSEC, false), 0);
	KUNIT_EXPECT_EQ(test, fake_calls, 3);
}

/*
 * Put this CPU's tick back where a freshly registered device starts —
 * periodic, on tick_handle_periodic(), hrtimers at tick resolution —
 * and watch the first periodic tick hand the device to
 * hrtimer_interrupt() and the tick carry on as an hrtimer.
 */
static void tick_switches_from_periodic_to_hrtimer_interrupt(struct kunit *test)
{
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);
	struct tick_sched *ts = this_cpu_ptr(&tick_cpu_sched);
	struct clock_event_device *dev = td->evtdev;
	unsigned long j0, j1, flags;
	unsigned int loc0;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	local_irq_save(flags);
	tick_cancel_sched_timer(smp_processor_id());
	this_cpu_ptr(&hrtimer_bases)->hres_active = 0;
	td->mode = TICKDEV_MODE_PERIODIC;
	tick_setup_periodic(dev, 0);
	tick_oneshot_notify();
	KUNIT_EXPECT_PTR_EQ(test, dev->event_handler, tick_handle_periodic);
	KUNIT_EXPECT_TRUE(test, clockevent_state_periodic(dev));
	KUNIT_EXPECT_FALSE(test, hrtimer_hres_active());
	j0 = jiffies;
	loc0 = this_cpu_read(irq_stat.apic_timer_irqs);
	local_irq_restore(flags);

	KUNIT_ASSERT_TRUE(test, kunit_wait_until(READ_ONCE(dev->event_handler) == hrtimer_interrupt));
	KUNIT_EXPECT_NE(test, this_cpu_read(irq_stat.apic_timer_irqs), loc0);
	KUNIT_EXPECT_GE(test, jiffies - j0, 1);	/* the periodic tick that switched */
	KUNIT_EXPECT_TRUE(test, clockevent_state_oneshot(dev));
	KUNIT_EXPECT_EQ(test, td->mode, TICKDEV_MODE_ONESHOT);
	KUNIT_EXPECT_TRUE(test, hrtimer_hres_active());
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&ts->sched_timer));
	j1 = jiffies;
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(jiffies - j1 >= 2));
}

/* Every CPU's tick runs; only tick_do_timer_cpu's advances jiffies. */
static void jiffies_advance_only_on_tick_do_timer_cpu(struct kunit *test)
{
	struct tick_sched *ts = this_cpu_ptr(&tick_cpu_sched);
	int do_timer_cpu = tick_do_timer_cpu;
	unsigned long j0;
	ktime_t e0;

	KUNIT_ASSERT_TRUE(test, cpu_online(do_timer_cpu));
	KUNIT_ASSERT_TRUE(test, hrtimer_hres_active());
	WRITE_ONCE(tick_do_timer_cpu, nr_cpu_ids);	/* no CPU's */
	j0 = jiffies;
	e0 = READ_ONCE(ts->sched_timer.expires);
	/* Two more ticks on this CPU: its tick hrtimer moved on twice. */
	kunit_spin_until(READ_ONCE(ts->sched_timer.expires) - e0 >= 2 * TICK_NSEC, KUNIT_HANG_MS);
	KUNIT_EXPECT_EQ(test, jiffies, j0);
	WRITE_ONCE(tick_do_timer_cpu, do_timer_cpu);
	KUNIT_EXPECT_GE(test, READ_ONCE(ts->sched_timer.expires) - e0, 2 * TICK_NSEC);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(jiffies != j0));
}

static struct kunit_case clockevents_test_cases[] = {
	KUNIT_CASE(clockevents_config_derives_mult_shift_and_limits),
	KUNIT_CASE(clockevents_program_event_converts_ns_to_ticks),
	KUNIT_CASE(clockevents_program_event_clamps_to_min_and_max_delta),
	KUNIT_CASE(tick_switches_from_periodic_to_hrtimer_interrupt),
	KUNIT_CASE(jiffies_advance_only_on_tick_do_timer_cpu),
	{}
};

static struct kunit_suite clockevents_test_suite = {
	.name = "clockevents",
	.test_cases = clockevents_test_cases,
};
kunit_test_suite(clockevents_test_suite);
