// SPDX-License-Identifier: MIT
/*
 * KUnit suite "vector": moving device interrupts between CPUs through
 * the x86 vector domain (vector.c), the IOAPIC (io_apic.c) and the core's
 * pending moves (kernel/irq/migration.c). The line is the RTC's IRQ 8 on
 * IOAPIC pin 8, which fires periodically when asked.
 *
 * Two kinds of interrupt drive the moves: the RTC itself, and an IPI of
 * the line's own vector to the CPU it targets, which goes down exactly
 * the path a device interrupt takes (common_interrupt, vector_irq,
 * handle_edge_irq, the ack) and so places one interrupt at a chosen
 * point of a move. The cases that need other CPUs skip on one.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/cpumask.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/mc146818rtc.h>

static volatile unsigned int rtc_count;

static irqreturn_t vector_test_rtc_interrupt(int irq, void *dev_id)
{
	rtc_count++;
	return (CMOS_READ(RTC_REG_C) & 0x80) ? IRQ_HANDLED : IRQ_NONE;
}

static int rtc_cookie;

static struct vector_irq_state line_state(unsigned int irq)
{
	struct vector_irq_state st = {};

	WARN_ON(vector_irq_state(irq, &st));
	return st;
}

static bool move_settled(unsigned int irq)
{
	struct vector_irq_state st = line_state(irq);

	return !st.move_in_progress && !st.cleanup_queued && !st.prev_vector;
}

static struct irq_desc *vector_owner(unsigned int cpu, unsigned int vector)
{
	return READ_ONCE(per_cpu(vector_irq, cpu)[vector]);
}

/* The IOAPIC entry says what the vector level says. */
static void expect_entry_follows(struct kunit *test, unsigned int irq)
{
	struct IO_APIC_route_entry e;
	struct irq_cfg *cfg = irq_cfg(irq);

	KUNIT_ASSERT_EQ(test, io_apic_read_entry(irq, &e), 0);
	KUNIT_EXPECT_EQ(test, e.vector, cfg->vector);
	KUNIT_EXPECT_EQ(test, e.destid_0_7, cfg->dest_apicid & 0xff);
	KUNIT_EXPECT_EQ(test, e.dest_mode_logical, 0);
}

/* One interrupt of the line, delivered as the device's would be: its vector on @cpu. */
static void fire_vector(unsigned int cpu, unsigned int vector)
{
	send_IPI(cpu, vector);
}

/*
 * Put the line back where it was and give it back its mask, for the
 * suites after this one (the RTC's users expect it on CPU 0). Driven by
 * interrupts of the line's own vector, so the RTC may be silent.
 */
static void restore_line(struct kunit *test, unsigned int irq, unsigned int cpu,
			 const struct cpumask *mask)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct vector_irq_state st;

	KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(irq), KUNIT_HANG_MS));
	st = line_state(irq);
	if (st.cpu != cpu) {
		KUNIT_ASSERT_EQ(test, irq_set_affinity(irq, cpumask_of(cpu)), 0);
		fire_vector(st.cpu, st.vector);
		KUNIT_ASSERT_TRUE(test, kunit_spin_until(!irqd_is_setaffinity_pending(&desc->irq_data),
							 KUNIT_HANG_MS));
		st = line_state(irq);
		fire_vector(st.cpu, st.vector);
		KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(irq), KUNIT_HANG_MS));
	}
	KUNIT_EXPECT_EQ(test, line_state(irq).cpu, cpu);
	/* Recorded, applied at the next interrupt: the line is on a CPU of @mask, so it stays. */
	KUNIT_EXPECT_EQ(test, irq_set_affinity(irq, mask), 0);
	st = line_state(irq);
	fire_vector(st.cpu, st.vector);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(!irqd_is_setaffinity_pending(&desc->irq_data),
						 KUNIT_HANG_MS));
	KUNIT_EXPECT_TRUE(test, cpumask_equal(irq_data_get_affinity_mask(&desc->irq_data), mask));
	KUNIT_EXPECT_EQ(test, line_state(irq).cpu, cpu);
	KUNIT_EXPECT_TRUE(test, move_settled(irq));
}

/*
 * The RTC line is sent to each CPU in turn. Each move waits for the next
 * RTC interrupt (the IOAPIC line moves masked, in interrupt context),
 * completes at the first interrupt on the new CPU, and its old vector is
 * freed by the old CPU's cleanup timer. Then RTC interrupts are counted
 * only in the new CPU's column, and at the end the matrix has as many
 * free vectors as before.
 */
static void rtc_line_moves_to_each_cpu(struct kunit *test)
{
	struct irq_desc *desc = irq_to_desc(RTC_IRQ);
	unsigned int avail, cpu, i, home, seen_old = 0;
	unsigned int before[NR_CPUS];
	struct cpumask mask;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	KUNIT_ASSERT_NOT_NULL(test, desc);
	cpumask_copy(&mask, irq_data_get_affinity_mask(&desc->irq_data));
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, vector_test_rtc_interrupt, 0, "rtc_move",
					  &rtc_cookie), 0);
	home = line_state(RTC_IRQ).cpu;
	avail = vector_matrix_available();
	rtc_count = 0;
	rtc_periodic_start(6);	/* 1024 Hz */
	KUNIT_ASSERT_GE(test, kunit_spin_for_count(&rtc_count, 2, KUNIT_HANG_MS), 2);

	for (i = 1; i <= num_online_cpus(); i++) {
		struct vector_irq_state st, old = line_state(RTC_IRQ);
		unsigned int target;

		cpu = (home + i) % num_online_cpus();
		target = cpu;
		KUNIT_ASSERT_EQ(test, irq_set_affinity(RTC_IRQ, cpumask_of(target)), 0);
		/* Moved at an interrupt, and settled after one on the new CPU and the cleanup. */
		KUNIT_ASSERT_TRUE(test, kunit_spin_until(line_state(RTC_IRQ).cpu == target ||
							 old.cpu == target, KUNIT_HANG_MS));
		st = line_state(RTC_IRQ);
		if (st.prev_vector) {
			/* A late interrupt on the old vector is still the line's. */
			KUNIT_EXPECT_EQ(test, st.prev_cpu, old.cpu);
			KUNIT_EXPECT_EQ(test, st.prev_vector, old.vector);
			KUNIT_EXPECT_PTR_EQ(test, vector_owner(st.prev_cpu, st.prev_vector), desc);
			seen_old++;
		}
		KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(RTC_IRQ), KUNIT_HANG_MS));
		KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		st = line_state(RTC_IRQ);
		KUNIT_EXPECT_EQ(test, st.cpu, target);
		KUNIT_EXPECT_PTR_EQ(test, vector_owner(target, st.vector), desc);
		if (old.cpu != target) {
			struct irq_desc *o = vector_owner(old.cpu, old.vector);

			KUNIT_EXPECT_TRUE(test, o == VECTOR_UNUSED || o == VECTOR_SHUTDOWN);
		}
		KUNIT_EXPECT_TRUE(test, cpumask_equal(irq_data_get_effective_affinity_mask(&desc->irq_data),
						      cpumask_of(target)));
		expect_entry_follows(test, RTC_IRQ);

		/* From now on only the target's column counts. */
		for_each_online_cpu(cpu)
			before[cpu] = desc->kstat_irqs[cpu];
		rtc_count = 0;
		KUNIT_EXPECT_GE(test, kunit_spin_for_count(&rtc_count, 20, KUNIT_HANG_MS), 20);
		for_each_online_cpu(cpu) {
			if (cpu == target)
				KUNIT_EXPECT_GE(test, desc->kstat_irqs[cpu] - before[cpu], 20);
			else
				KUNIT_EXPECT_EQ(test, desc->kstat_irqs[cpu], before[cpu]);
		}
	}
	rtc_periodic_stop();
	KUNIT_EXPECT_EQ(test, line_state(RTC_IRQ).cpu, home);
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
	pr_info("vector: RTC line moved over %u CPUs (old vector seen in use %u times)\n",
		num_online_cpus(), seen_old);
	restore_line(test, RTC_IRQ, home, &mask);
	free_irq(RTC_IRQ, &rtc_cookie);
}

/*
 * A move requested while the previous one is unfinished is kept pending
 * and done at a later interrupt, not lost; meanwhile a late interrupt on
 * the old vector is handled on the old CPU. Each step is driven by one
 * interrupt on a chosen vector and CPU, with the RTC itself silent.
 */
static void second_move_is_deferred_until_cleanup(struct kunit *test)
{
	struct irq_desc *desc = irq_to_desc(RTC_IRQ);
	struct irq_data *d = &desc->irq_data;
	struct vector_irq_state s0, s1, st;
	unsigned int c1, c2, avail, count, k0;
	struct cpumask mask;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	cpumask_copy(&mask, irq_data_get_affinity_mask(d));
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, vector_test_rtc_interrupt, 0, "rtc_move",
					  &rtc_cookie), 0);
	avail = vector_matrix_available();
	s0 = line_state(RTC_IRQ);
	c1 = (s0.cpu + 1) % num_online_cpus();
	c2 = (c1 + 1) % num_online_cpus();	/* s0.cpu again with two CPUs */

	/* The IOAPIC line only records the wish. */
	KUNIT_ASSERT_EQ(test, irq_set_affinity(RTC_IRQ, cpumask_of(c1)), 0);
	KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(d));
	KUNIT_EXPECT_TRUE(test, cpumask_equal(desc->pending_mask, cpumask_of(c1)));
	KUNIT_EXPECT_EQ(test, line_state(RTC_IRQ).cpu, s0.cpu);

	/* Its next interrupt moves it: new vector on c1, old one kept on s0.cpu. */
	count = rtc_count;
	fire_vector(s0.cpu, s0.vector);
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(rtc_count != count, KUNIT_HANG_MS));
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(!irqd_is_setaffinity_pending(d), KUNIT_HANG_MS));
	s1 = line_state(RTC_IRQ);
	KUNIT_EXPECT_EQ(test, s1.cpu, c1);
	KUNIT_EXPECT_TRUE(test, s1.move_in_progress);
	KUNIT_EXPECT_EQ(test, s1.prev_cpu, s0.cpu);
	KUNIT_EXPECT_EQ(test, s1.prev_vector, s0.vector);
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(c1, s1.vector), desc);
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(s0.cpu, s0.vector), desc);
	expect_entry_follows(test, RTC_IRQ);

	/* A second move now must wait. */
	KUNIT_ASSERT_EQ(test, irq_set_affinity(RTC_IRQ, cpumask_of(c2)), 0);
	KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(d));

	/* A late interrupt on the old vector: handled on the old CPU; the move stays pending. */
	k0 = desc->kstat_irqs[s0.cpu];
	count = rtc_count;
	fire_vector(s0.cpu, s0.vector);
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(rtc_count != count, KUNIT_HANG_MS));
	KUNIT_EXPECT_EQ(test, desc->kstat_irqs[s0.cpu], k0 + 1);
	st = line_state(RTC_IRQ);
	KUNIT_EXPECT_EQ(test, st.cpu, c1);
	KUNIT_EXPECT_TRUE(test, st.move_in_progress);
	KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(d));

	/*
	 * The first interrupt on the new vector completes the first move and
	 * queues the old vector for cleanup; the vector level answers -EBUSY
	 * to the second, which stays pending.
	 */
	count = rtc_count;
	fire_vector(c1, s1.vector);
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(rtc_count != count, KUNIT_HANG_MS));
	KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(d));
	KUNIT_EXPECT_EQ(test, line_state(RTC_IRQ).cpu, c1);

	/* The old CPU's timer frees the old vector. */
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(RTC_IRQ), KUNIT_HANG_MS));
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(s0.cpu, s0.vector), VECTOR_UNUSED);
	KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(d));

	/* The next interrupt carries out the deferred move. */
	count = rtc_count;
	fire_vector(c1, s1.vector);
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(rtc_count != count, KUNIT_HANG_MS));
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(!irqd_is_setaffinity_pending(d), KUNIT_HANG_MS));
	st = line_state(RTC_IRQ);
	KUNIT_EXPECT_EQ(test, st.cpu, c2);
	KUNIT_EXPECT_TRUE(test, st.move_in_progress);
	expect_entry_follows(test, RTC_IRQ);
	count = rtc_count;
	fire_vector(c2, st.vector);
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(rtc_count != count, KUNIT_HANG_MS));
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(RTC_IRQ), KUNIT_HANG_MS));
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(c1, s1.vector), VECTOR_UNUSED);
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(c2, st.vector), desc);

	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
	restore_line(test, RTC_IRQ, s0.cpu, &mask);
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
	free_irq(RTC_IRQ, &rtc_cookie);
}

/* A move to CPUs that are all offline is refused, and nothing is left pending. */
static void move_to_offline_cpus_is_refused(struct kunit *test)
{
	struct irq_desc *desc = irq_to_desc(RTC_IRQ);
	struct cpumask none;

	cpumask_clear(&none);
	cpumask_set_cpu(NR_CPUS - 1, &none);
	if (cpu_online(NR_CPUS - 1))
		kunit_skip(test, "every CPU is online");
	KUNIT_EXPECT_EQ(test, irq_set_affinity(RTC_IRQ, &none), -EINVAL);
	KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
}

static struct kunit_case vector_test_cases[] = {
	KUNIT_CASE(rtc_line_moves_to_each_cpu),
	KUNIT_CASE(second_move_is_deferred_until_cleanup),
	KUNIT_CASE(move_to_offline_cpus_is_refused),
	{}
};

static struct kunit_suite vector_test_suite = {
	.name = "vector",
	.test_cases = vector_test_cases,
};
kunit_test_suite(vector_test_suite);
