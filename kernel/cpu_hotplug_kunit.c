// SPDX-License-Identifier: MIT
/*
 * KUnit suite "cpuhp": CPU hotplug. CPUs 1.. are taken down and brought
 * back, many times: tasks pinned to other CPUs keep running, a task
 * bound to the dying CPU moves, timers and hrtimers armed there fire
 * elsewhere, softirq work left pending there runs, an interrupt routed
 * only there moves to an online CPU and still counts, and the CPU's
 * vector table holds no device afterwards; its own kernel threads are
 * parked while it is down and run on it again once it is back. The boot
 * CPU cannot go down. Every case needs a second CPU (skipped at -smp 1).
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/stop_machine.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/hw_irq.h>
#include <asm/irq.h>
#include <asm/smp.h>

#define CYCLES_PER_CPU	100

DECLARE_PER_CPU(struct task_struct *, ksoftirqd);

static void need_two_cpus(struct kunit *test)
{
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second online CPU");
}

/* The highest CPU online: the one the single-CPU cases take down. */
static unsigned int victim_cpu(void)
{
	unsigned int cpu, last = 0;

	for_each_online_cpu(cpu)
		last = cpu;
	return last;
}

/* --- a task that counts while it runs, and where ----------------------------- */

struct spinner {
	struct task_struct *task;
	unsigned long count;
	int cpu;		/* where it last counted */
	cpumask_t seen;		/* every CPU it counted on */
};

static int spinner_fn(void *data)
{
	struct spinner *s = data;

	while (!kthread_should_stop()) {
		int cpu = raw_smp_processor_id();

		WRITE_ONCE(s->cpu, cpu);
		cpumask_set_cpu(cpu, &s->seen);
		WRITE_ONCE(s->count, s->count + 1);
		cond_resched();
	}
	return 0;
}

static int spinner_start(struct spinner *s, const struct cpumask *mask, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->cpu = -1;
	s->task = kthread_create(spinner_fn, s, "%s", name);
	if (IS_ERR(s->task))
		return PTR_ERR(s->task);
	if (set_cpus_allowed_ptr(s->task, mask)) {
		kthread_stop(s->task);
		return -EINVAL;
	}
	wake_up_process(s->task);
	return 0;
}

/* It counted at least once more after this call started. */
static bool spinner_progresses(struct spinner *s)
{
	unsigned long start = READ_ONCE(s->count);

	return kunit_wait_until(READ_ONCE(s->count) != start);
}

/* --- parking ----------------------------------------------------------------- */

static int parkable_fn(void *data)
{
	unsigned long *loops = data;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		WRITE_ONCE(*loops, *loops + 1);
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_park() && !kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Parked again before it even ran after the unpark: the park still completes. */
static void park_right_after_unpark_completes(struct kunit *test)
{
	unsigned long loops = 0;
	struct task_struct *k = kthread_run(parkable_fn, &loops, "hp-park");
	unsigned int i;

	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	for (i = 0; i < 1000; i++) {
		KUNIT_ASSERT_EQ(test, kthread_park(k), 0);
		KUNIT_ASSERT_TRUE(test, kthread_is_parked(k));
		KUNIT_ASSERT_EQ(test, task_state(k), TASK_PARKED);
		KUNIT_EXPECT_EQ(test, kthread_park(k), -EBUSY);
		kthread_unpark(k);
	}
	/* An ordinary wake-up does not end a park. */
	KUNIT_ASSERT_EQ(test, kthread_park(k), 0);
	loops = 0;
	wake_up_process(k);
	KUNIT_EXPECT_EQ(test, task_state(k), TASK_PARKED);
	kthread_unpark(k);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(!kthread_is_parked(k)));
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
}

/* --- the boot CPU ----------------------------------------------------------- */

static void boot_cpu_cannot_go_down(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, remove_cpu(0), -EBUSY);
	KUNIT_EXPECT_TRUE(test, cpu_online(0));
	KUNIT_EXPECT_EQ(test, remove_cpu(NR_CPUS), -EINVAL);
	KUNIT_EXPECT_EQ(test, add_cpu(NR_CPUS), -EINVAL);
}

/* --- repeated cycles ------------------------------------------------------- */

/* @cpu's own threads: parked while it is down, on it and unparked once back. */
static void expect_percpu_threads(struct kunit *test, unsigned int cpu, bool down)
{
	struct task_struct *threads[] = { cpu_stopper_task(cpu), per_cpu(ksoftirqd, cpu) };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(threads); i++) {
		struct task_struct *t = threads[i];

		if (!t)
			continue;
		if (down) {
			KUNIT_EXPECT_TRUE(test, kthread_is_parked(t));
			KUNIT_EXPECT_EQ(test, task_state(t), TASK_PARKED);
			KUNIT_EXPECT_FALSE(test, READ_ONCE(t->on_rq));
		} else {
			/* Unparked: it runs (on its CPU, the only one it may) and leaves the park. */
			KUNIT_EXPECT_TRUE(test, kunit_wait_until(!kthread_is_parked(t)));
			KUNIT_EXPECT_NE(test, task_state(t), TASK_PARKED);
			KUNIT_EXPECT_EQ(test, task_cpu(t), cpu);
			KUNIT_EXPECT_TRUE(test, cpumask_equal(&t->cpus_mask, cpumask_of(cpu)));
		}
	}
}

static void one_cycle(struct kunit *test, unsigned int cpu, struct spinner *pinned)
{
	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	KUNIT_EXPECT_FALSE(test, cpu_online(cpu));
	KUNIT_EXPECT_EQ(test, vector_irq_device_count(cpu), 0U);
	KUNIT_EXPECT_TRUE(test, idle_cpu(cpu));
	expect_percpu_threads(test, cpu, true);
	KUNIT_EXPECT_TRUE(test, spinner_progresses(pinned));
	KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
	expect_percpu_threads(test, cpu, false);
	KUNIT_EXPECT_TRUE(test, spinner_progresses(pinned));
}

static void cycles_keep_tasks_pinned_elsewhere_running(struct kunit *test)
{
	unsigned int n = num_online_cpus(), cpu, i;
	struct spinner pinned;

	need_two_cpus(test);
	KUNIT_ASSERT_EQ(test, spinner_start(&pinned, cpumask_of(0), "hp-pinned0"), 0);
	for (i = 0; i < CYCLES_PER_CPU && !test->failed; i++)
		for (cpu = 1; cpu < n && !test->failed; cpu++)
			one_cycle(test, cpu, &pinned);
	kthread_stop(pinned.task);
	KUNIT_EXPECT_EQ(test, num_online_cpus(), n);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&pinned.seen, cpumask_of(0)));
}

/* --- tasks ------------------------------------------------------------------- */

static void task_bound_to_dying_cpu_moves(struct kunit *test)
{
	unsigned int cpu = victim_cpu();
	struct spinner bound, pair;
	cpumask_t two;

	need_two_cpus(test);
	cpumask_clear(&two);
	cpumask_set_cpu(0, &two);
	cpumask_set_cpu(cpu, &two);
	KUNIT_ASSERT_EQ(test, spinner_start(&bound, cpumask_of(cpu), "hp-bound"), 0);
	KUNIT_ASSERT_EQ(test, spinner_start(&pair, &two, "hp-pair"), 0);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(bound.cpu) == (int)cpu));

	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	/* It keeps running, elsewhere: its only CPU is gone, so its mask widened. */
	KUNIT_EXPECT_TRUE(test, spinner_progresses(&bound));
	KUNIT_EXPECT_NE(test, READ_ONCE(bound.cpu), (int)cpu);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&bound.task->cpus_mask, cpu_possible_mask));
	/* One with another CPU left keeps its mask and runs there. */
	KUNIT_EXPECT_TRUE(test, spinner_progresses(&pair));
	KUNIT_EXPECT_EQ(test, READ_ONCE(pair.cpu), 0);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&pair.task->cpus_mask, &two));
	KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);

	kthread_stop(bound.task);
	kthread_stop(pair.task);
}

/* --- timers ------------------------------------------------------------------- */

static struct timer_list hp_timer;
static struct hrtimer hp_hrtimer;
static volatile int hp_timer_cpu, hp_hrtimer_cpu;

static void hp_timer_fn(struct timer_list *t)
{
	hp_timer_cpu = smp_processor_id();
}

static enum hrtimer_restart hp_hrtimer_fn(struct hrtimer *t)
{
	hp_hrtimer_cpu = smp_processor_id();
	return HRTIMER_NORESTART;
}

/* On the victim CPU (a function-call IPI): both timers start on its bases. */
static void arm_timers_here(void *unused)
{
	hrtimer_start(&hp_hrtimer, ktime_get() + 1000 * NSEC_PER_MSEC, HRTIMER_MODE_ABS);
}

static void timers_armed_on_dying_cpu_fire_elsewhere(struct kunit *test)
{
	unsigned int cpu = victim_cpu();

	need_two_cpus(test);
	hp_timer_cpu = hp_hrtimer_cpu = -1;
	timer_setup(&hp_timer, hp_timer_fn, 0);
	hp_timer.expires = jiffies + msecs_to_jiffies(1000);
	add_timer_on(&hp_timer, cpu);
	hrtimer_init(&hp_hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hp_hrtimer.function = hp_hrtimer_fn;
	KUNIT_ASSERT_EQ(test, smp_call_function_single(cpu, arm_timers_here, NULL, 1), 0);
	KUNIT_ASSERT_EQ(test, hp_hrtimer.base->cpu_base->cpu, cpu);

	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	/* Still waiting when the CPU went: they were moved, not run early. */
	KUNIT_EXPECT_TRUE(test, timer_pending(&hp_timer));
	KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&hp_hrtimer));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(hp_timer_cpu >= 0 && hp_hrtimer_cpu >= 0));
	KUNIT_EXPECT_NE(test, hp_timer_cpu, (int)cpu);
	KUNIT_EXPECT_NE(test, hp_hrtimer_cpu, (int)cpu);
	KUNIT_EXPECT_GE(test, hp_timer_cpu, 0);
	KUNIT_EXPECT_GE(test, hp_hrtimer_cpu, 0);
	KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);
	del_timer_sync(&hp_timer);
	hrtimer_cancel(&hp_hrtimer);
}

/* --- softirqs ------------------------------------------------------------------ */

#define TEST_SOFTIRQ	IRQ_POLL_SOFTIRQ

static volatile int hp_softirq_cpu;

static void hp_softirq_action(void)
{
	hp_softirq_cpu = smp_processor_id();
}

/*
 * A softirq the dead CPU had raised but not run (its pending word is
 * set as it would be) runs on the CPU that takes the dead one's work
 * over: the takeover_tasklets() step of the teardown, run again here.
 */
static void softirq_left_pending_on_dead_cpu_runs(struct kunit *test)
{
	unsigned int cpu = victim_cpu();

	need_two_cpus(test);
	hp_softirq_cpu = -1;
	open_softirq(TEST_SOFTIRQ, hp_softirq_action);
	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	per_cpu(__softirq_pending, cpu) |= 1U << TEST_SOFTIRQ;
	takeover_tasklets(cpu);
	KUNIT_EXPECT_EQ(test, per_cpu(__softirq_pending, cpu), 0U);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(hp_softirq_cpu >= 0));
	KUNIT_EXPECT_NE(test, hp_softirq_cpu, (int)cpu);
	KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);
	open_softirq(TEST_SOFTIRQ, NULL);
}

/* --- interrupts ------------------------------------------------------------------ */

static volatile unsigned int hp_irq_hits;
static volatile int hp_irq_cpu;

static irqreturn_t hp_irq_handler(int irq, void *dev_id)
{
	hp_irq_cpu = smp_processor_id();
	hp_irq_hits++;
	return IRQ_HANDLED;
}

/* Raise the line through its chip: an IPI of its vector to the CPU that owns it now. */
static void fire(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);
	unsigned long flags;

	local_irq_save(flags);
	if (d->chip->irq_retrigger)
		d->chip->irq_retrigger(d);
	else
		irq_chip_retrigger_hierarchy(d);
	local_irq_restore(flags);
}

/* The line's vector is on @cpu and no move is pending. */
static bool irq_is_on(unsigned int irq, struct irq_cfg *cfg, unsigned int cpu)
{
	return !irqd_is_setaffinity_pending(irq_get_irq_data(irq)) &&
	       READ_ONCE(cfg->dest_apicid) == x86_cpu_to_apicid[cpu];
}

static void irq_affine_to_dying_cpu_moves_and_counts(struct kunit *test)
{
	unsigned int cpu = victim_cpu(), hits, before, i;
	struct irq_cfg *cfg;
	int irq, err;

	need_two_cpus(test);
	irq = irq_domain_alloc_irqs(x86_vector_domain, 1, NUMA_NO_NODE, NULL);
	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_handler(irq, handle_edge_irq);
	KUNIT_ASSERT_EQ(test, request_irq(irq, hp_irq_handler, 0, "hp-test", (void *)&hp_irq_hits), 0);
	err = irq_set_affinity(irq, cpumask_of(cpu));
	if (err == -ENOSPC) {
		free_irq(irq, (void *)&hp_irq_hits);
		irq_domain_free_irqs(irq, 1);
		/* lapic_online() gives a CPU's vectors to the matrix; without it only CPU 0 has any. */
		kunit_skip(test, "no device vectors on CPUs other than 0");
	}
	KUNIT_ASSERT_EQ(test, err, 0);
	cfg = irq_cfg(irq);
	KUNIT_ASSERT_NOT_NULL(test, cfg);
	/*
	 * The move is made at the line's next interrupt (Linux 6.6+): fire,
	 * each time until the handler has run, until it is.
	 */
	hp_irq_hits = 0;
	for (i = 1; i <= 10 && !irq_is_on(irq, cfg, cpu); i++) {
		fire(irq);
		KUNIT_ASSERT_EQ(test, kunit_spin_for_count(&hp_irq_hits, i, KUNIT_HANG_MS), i);
	}
	KUNIT_ASSERT_TRUE(test, irq_is_on(irq, cfg, cpu));

	hp_irq_hits = 0;
	hp_irq_cpu = -1;
	before = kstat_irqs_cpu(irq, cpu);
	fire(irq);
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&hp_irq_hits, 1, KUNIT_HANG_MS), 1U);
	KUNIT_EXPECT_EQ(test, hp_irq_cpu, (int)cpu);
	KUNIT_EXPECT_EQ(test, kstat_irqs_cpu(irq, cpu), before + 1);
	before = kstat_irqs_usr(irq);

	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	KUNIT_EXPECT_NE(test, cfg->dest_apicid, x86_cpu_to_apicid[cpu]);
	KUNIT_EXPECT_EQ(test, vector_irq_device_count(cpu), 0U);
	fire(irq);
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(&hp_irq_hits, 2, KUNIT_HANG_MS), 2U);
	KUNIT_EXPECT_NE(test, hp_irq_cpu, (int)cpu);
	KUNIT_EXPECT_TRUE(test, cpu_online(hp_irq_cpu));
	hits = kstat_irqs_usr(irq);
	KUNIT_EXPECT_EQ(test, hits, before + 1);
	KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);

	free_irq(irq, (void *)&hp_irq_hits);
	irq_domain_free_irqs(irq, 1);
}

static struct kunit_case cpuhp_test_cases[] = {
	KUNIT_CASE(park_right_after_unpark_completes),
	KUNIT_CASE(boot_cpu_cannot_go_down),
	KUNIT_CASE(task_bound_to_dying_cpu_moves),
	KUNIT_CASE(timers_armed_on_dying_cpu_fire_elsewhere),
	KUNIT_CASE(softirq_left_pending_on_dead_cpu_runs),
	KUNIT_CASE(irq_affine_to_dying_cpu_moves_and_counts),
	KUNIT_CASE(cycles_keep_tasks_pinned_elsewhere_running),
	{}
};

static struct kunit_suite cpuhp_test_suite = {
	.name = "cpuhp",
	.test_cases = cpuhp_test_cases,
};
kunit_test_suite(cpuhp_test_suite);
