// SPDX-License-Identifier: MIT
/*
 * KUnit suite "timer" (reflex.test=timer): the per-CPU timer and hrtimer
 * bases. add_timer_on() queues on the named CPU's base and the timer
 * runs on that CPU; an hrtimer is queued on the CPU that starts it and
 * its callback never runs before its expiry, whether the expiry falls
 * between ticks or across one. Tests wait for states, never for a time.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/tick.h>
#include <linux/cpumask.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/smp.h>

struct cpu_timer {
	struct timer_list timer;
	int ran_on;
};

static void note_cpu(struct timer_list *t)
{
	struct cpu_timer *ct = from_timer(ct, t, timer);

	WRITE_ONCE(ct->ran_on, smp_processor_id());
}

static void add_timer_on_queues_on_that_cpus_base(struct kunit *test)
{
	struct cpu_timer ct;
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		ct.ran_on = -1;
		timer_setup(&ct.timer, note_cpu, 0);
		ct.timer.expires = jiffies + 1;
		add_timer_on(&ct.timer, cpu);
		KUNIT_EXPECT_EQ(test, ct.timer.flags & TIMER_CPUMASK, cpu);
		/* Queued there; on another CPU its tick may already have run it. */
		KUNIT_EXPECT_TRUE(test, timer_pending(&ct.timer) || READ_ONCE(ct.ran_on) >= 0);
		KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(ct.ran_on) >= 0));
		KUNIT_EXPECT_EQ(test, ct.ran_on, cpu);
		del_timer_sync(&ct.timer);
	}
}

static void mod_timer_queues_on_this_cpu(struct kunit *test)
{
	struct cpu_timer ct = { .ran_on = -1 };

	timer_setup(&ct.timer, note_cpu, 0);
	KUNIT_EXPECT_EQ(test, mod_timer(&ct.timer, jiffies + 1), 0);
	KUNIT_EXPECT_EQ(test, ct.timer.flags & TIMER_CPUMASK, smp_processor_id());
	KUNIT_EXPECT_EQ(test, mod_timer(&ct.timer, jiffies + 2), 1);	/* was pending */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(ct.ran_on) >= 0));
	KUNIT_EXPECT_EQ(test, ct.ran_on, smp_processor_id());
	KUNIT_EXPECT_EQ(test, del_timer_sync(&ct.timer), 0);
}

static void hrtimer_start_queues_on_this_cpus_base(struct kunit *test)
{
	struct hrtimer t;

	hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	t.function = NULL;	/* cancelled long before it is due */
	hrtimer_start(&t, 10 * NSEC_PER_SEC, HRTIMER_MODE_REL);
	KUNIT_EXPECT_PTR_EQ(test, t.base->cpu_base, this_cpu_ptr(&hrtimer_bases));
	KUNIT_EXPECT_EQ(test, t.base->cpu_base->cpu, smp_processor_id());
	KUNIT_EXPECT_TRUE(test, hrtimer_active(&t));
	KUNIT_EXPECT_EQ(test, hrtimer_cancel(&t), 1);
	KUNIT_EXPECT_EQ(test, hrtimer_cancel(&t), 0);
	KUNIT_EXPECT_FALSE(test, hrtimer_active(&t));
}

struct early_check {
	struct hrtimer timer;
	ktime_t fired_at;
	int cpu;
};

static enum hrtimer_restart note_fire_time(struct hrtimer *t)
{
	struct early_check *c = container_of(t, struct early_check, timer);

	c->cpu = smp_processor_id();
	WRITE_ONCE(c->fired_at, ktime_get());
	return HRTIMER_NORESTART;
}

/* Deltas from 20 us to past the next tick (4 ms at HZ=250). */
static const s64 early_delta_ns[] = {
	20000, 50000, 100000, 333333, 1000000, 2500000, 4100000, 6000000,
};

static void hrtimer_never_fires_early(struct kunit *test)
{
	struct early_check c[ARRAY_SIZE(early_delta_ns)];
	unsigned int i, fired = 0;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		hrtimer_init(&c[i].timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		c[i].timer.function = note_fire_time;
		c[i].fired_at = 0;
		hrtimer_start(&c[i].timer, early_delta_ns[i], HRTIMER_MODE_REL);
	}
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(c[i].fired_at)));
		fired += c[i].fired_at != 0;
		hrtimer_cancel(&c[i].timer);
		KUNIT_EXPECT_GE(test, c[i].fired_at, c[i].timer.expires);
		KUNIT_EXPECT_EQ(test, c[i].cpu, smp_processor_id());
	}
	KUNIT_EXPECT_EQ(test, fired, ARRAY_SIZE(c));
}

static struct kunit_case timer_test_cases[] = {
	KUNIT_CASE(add_timer_on_queues_on_that_cpus_base),
	KUNIT_CASE(mod_timer_queues_on_this_cpu),
	KUNIT_CASE(hrtimer_start_queues_on_this_cpus_base),
	KUNIT_CASE(hrtimer_never_fires_early),
	{}
};

static struct kunit_suite timer_test_suite = {
	.name = "timer",
	.test_cases = timer_test_cases,
};
kunit_test_suite(timer_test_suite);
