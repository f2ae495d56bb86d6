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
#include <linux/pci.h>
#include <linux/pci_ids.h>
#include <linux/msi.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <asm/io.h>
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
 * Move the line to @cpu and wait until the move is complete, driven by
 * interrupts of the line's own vector, so the RTC may be silent.
 */
static void move_line_to(struct kunit *test, unsigned int irq, unsigned int cpu)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct vector_irq_state st;

	KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(irq), KUNIT_HANG_MS));
	st = line_state(irq);
	if (st.cpu != cpu) {
		KUNIT_ASSERT_EQ(test, irq_set_affinity(irq, cpumask_of(cpu)), 0);
		fire_vector(st.cpu, st.vector);
		/*
		 * The pending bit is cleared as the move starts; the move is
		 * done when the vector level names the new CPU.
		 */
		KUNIT_ASSERT_TRUE(test, kunit_spin_until(line_state(irq).cpu == cpu, KUNIT_HANG_MS));
		KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		st = line_state(irq);
		fire_vector(st.cpu, st.vector);
		if (!kunit_spin_until(move_settled(irq), KUNIT_HANG_MS)) {
			st = line_state(irq);
			pr_err("vector: IRQ %u stuck: cpu %u vector %u prev %u/%u moving %d queued %d, on CPU %u\n",
			       irq, st.cpu, st.vector, st.prev_cpu, st.prev_vector,
			       st.move_in_progress, st.cleanup_queued, smp_processor_id());
			KUNIT_FAIL(test, "the move to CPU %u did not settle", cpu);
			return;
		}
	}
	KUNIT_EXPECT_EQ(test, line_state(irq).cpu, cpu);
}

/*
 * Put the line back where it was and give it back its mask, for the
 * suites after this one (the RTC's users expect it on CPU 0).
 */
static void restore_line(struct kunit *test, unsigned int irq, unsigned int cpu,
			 const struct cpumask *mask)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct vector_irq_state st;

	move_line_to(test, irq, cpu);
	/* Recorded, applied at the next interrupt: the line is on a CPU of @mask, so it stays. */
	KUNIT_EXPECT_EQ(test, irq_set_affinity(irq, mask), 0);
	st = line_state(irq);
	fire_vector(st.cpu, st.vector);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(cpumask_equal(irq_data_get_affinity_mask(&desc->irq_data),
							       mask), KUNIT_HANG_MS));
	KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
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
		/* Hard interrupts, counted where they are taken (a forced thread may lag). */
		KUNIT_EXPECT_GE(test, kunit_spin_for_count(&desc->kstat_irqs[target],
							   before[target] + 20, KUNIT_HANG_MS),
				before[target] + 20);
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

/*
 * irq_force_complete_move() (for CPU hotplug) frees a move's old vector
 * without waiting for an interrupt on the new one, so the next move is
 * not refused with -EBUSY.
 */
static void force_complete_move_frees_old_vector(struct kunit *test)
{
	struct irq_desc *desc = irq_to_desc(RTC_IRQ);
	struct vector_irq_state s0, st;
	unsigned int cpu, avail;
	struct cpumask mask;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, vector_test_rtc_interrupt, 0, "rtc_move",
					  &rtc_cookie), 0);
	cpumask_copy(&mask, irq_data_get_affinity_mask(&desc->irq_data));
	avail = vector_matrix_available();
	s0 = line_state(RTC_IRQ);
	cpu = (s0.cpu + 1) % num_online_cpus();
	KUNIT_ASSERT_EQ(test, irq_set_affinity(RTC_IRQ, cpumask_of(cpu)), 0);
	fire_vector(s0.cpu, s0.vector);
	KUNIT_ASSERT_TRUE(test, kunit_spin_until(line_state(RTC_IRQ).cpu == cpu, KUNIT_HANG_MS));
	KUNIT_EXPECT_TRUE(test, line_state(RTC_IRQ).move_in_progress);

	irq_force_complete_move(desc);
	st = line_state(RTC_IRQ);
	KUNIT_EXPECT_FALSE(test, st.move_in_progress);
	KUNIT_EXPECT_EQ(test, st.prev_vector, 0);
	KUNIT_EXPECT_FALSE(test, st.cleanup_queued);
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(s0.cpu, s0.vector), VECTOR_UNUSED);
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
	/* Nothing to do the second time. */
	irq_force_complete_move(desc);
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

/* --- a CPU's vectors leaving and rejoining ------------------------------------- */

struct offline_online_result {
	unsigned int avail_offline;	/* matrix free count with the CPU's vectors out */
	bool queued_before;		/* an old vector was waiting for this CPU's timer */
	bool queued_after_offline;
	struct irq_desc *owner_after_online;
	unsigned int vector;
};

static struct offline_online_result oor;

/* On the CPU, interrupts off: what lapic_offline() and lapic_online() leave. */
static void offline_then_online(void *info)
{
	struct vector_irq_state st;

	oor.queued_before = line_state(RTC_IRQ).cleanup_queued;
	lapic_offline();
	st = line_state(RTC_IRQ);
	oor.queued_after_offline = st.cleanup_queued || st.prev_vector;
	oor.avail_offline = vector_matrix_available();
	lapic_online();
	oor.owner_after_online = vector_owner(smp_processor_id(), oor.vector);
}

/*
 * lapic_offline() frees what the CPU's cleanup timer had yet to free,
 * without waiting for it, and takes the CPU's vectors out of the matrix;
 * lapic_online() brings them back and rebuilds the CPU's vector_irq[]
 * from the lines that target it, so a line there keeps working.
 */
static void lapic_offline_flushes_and_online_restores(struct kunit *test)
{
	struct irq_desc *desc = irq_to_desc(RTC_IRQ);
	struct vector_irq_state s0, s1;
	unsigned int me, cpu, avail, count, home;
	struct cpumask mask, allowed;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, vector_test_rtc_interrupt, 0, "rtc_move",
					  &rtc_cookie), 0);
	cpumask_copy(&mask, irq_data_get_affinity_mask(&desc->irq_data));
	home = line_state(RTC_IRQ).cpu;
	/*
	 * This CPU is the old one: with its interrupts off, its cleanup timer
	 * cannot run. Progress is read from the vector level, not from the
	 * handler, whose forced thread (threadirqs) may be bound here.
	 */
	cpumask_copy(&allowed, &current->cpus_mask);
	me = raw_smp_processor_id();
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(me)), 0);
	move_line_to(test, RTC_IRQ, me);
	preempt_disable();
	avail = vector_matrix_available();
	s0 = line_state(RTC_IRQ);
	cpu = (me + 1) % num_online_cpus();

	if (irq_set_affinity(RTC_IRQ, cpumask_of(cpu)) == 0) {
		fire_vector(me, s0.vector);
		kunit_spin_until(line_state(RTC_IRQ).cpu == cpu, KUNIT_HANG_MS);
	}
	s1 = line_state(RTC_IRQ);

	local_irq_disable();
	/* The first interrupt on @cpu queues the old vector here. */
	if (s1.cpu == cpu) {
		fire_vector(cpu, s1.vector);
		kunit_spin_until(!line_state(RTC_IRQ).move_in_progress, KUNIT_HANG_MS);
	}
	oor.vector = s0.vector;
	offline_then_online(NULL);
	local_irq_enable();
	preempt_enable();
	set_cpus_allowed_ptr(current, &allowed);
	KUNIT_ASSERT_EQ(test, s1.cpu, cpu);
	KUNIT_EXPECT_TRUE(test, oor.queued_before);
	/* lapic_offline() freed it at once: nothing was left for the timer. */
	KUNIT_EXPECT_FALSE(test, oor.queued_after_offline);
	KUNIT_EXPECT_LT(test, oor.avail_offline, avail);
	KUNIT_EXPECT_PTR_EQ(test, oor.owner_after_online, VECTOR_UNUSED);
	KUNIT_EXPECT_TRUE(test, move_settled(RTC_IRQ));

	/* The line's CPU goes and comes back: its vector_irq entry is rebuilt. */
	oor.vector = s1.vector;
	KUNIT_ASSERT_EQ(test, smp_call_function_single(cpu, offline_then_online, NULL, 1), 0);
	KUNIT_EXPECT_LT(test, oor.avail_offline, avail);
	KUNIT_EXPECT_PTR_EQ(test, oor.owner_after_online, desc);
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
	count = desc->kstat_irqs[cpu];
	fire_vector(cpu, s1.vector);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(desc->kstat_irqs[cpu] != count, KUNIT_HANG_MS));

	restore_line(test, RTC_IRQ, home, &mask);
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
	free_irq(RTC_IRQ, &rtc_cookie);
}

/* --- managed affinity ---------------------------------------------------------- */

/* "0-1" style, for messages. */
static const char *mask_str(const struct cpumask *m, char *buf, size_t size)
{
	cpumap_print_list(buf, size, m);
	return buf;
}

/*
 * The spread over present CPUs, as Linux's group_cpus_evenly(): each
 * CPU in exactly one spread vector while there are no more vectors than
 * CPUs; consecutive CPUs together; sizes differing by at most one, the
 * larger first; one vector per CPU beyond that, then the default mask.
 * Pre and post vectors are unmanaged with the default mask.
 */
static void managed_masks_spread_as_linux(struct kunit *test)
{
	unsigned int ncpus = num_present_cpus(), nvec, pre, i;
	char a[64], b[64];

	KUNIT_ASSERT_EQ(test, num_possible_cpus(), ncpus);
	for (pre = 0; pre <= 1; pre++) {
		for (nvec = pre + 1; nvec <= ncpus + pre + 2; nvec++) {
			struct irq_affinity affd = { .pre_vectors = pre, .post_vectors = 0 };
			struct irq_affinity_desc *masks = irq_create_affinity_masks(nvec, &affd);
			unsigned int spread = nvec - pre, groups = min(spread, ncpus);
			unsigned int next = 0;

			KUNIT_ASSERT_NOT_NULL(test, masks);
			KUNIT_EXPECT_EQ(test, affd.nr_sets, 1);
			KUNIT_EXPECT_EQ(test, affd.set_size[0], spread);
			for (i = 0; i < pre; i++) {
				KUNIT_EXPECT_FALSE(test, masks[i].is_managed);
				KUNIT_EXPECT_TRUE(test, cpumask_equal(&masks[i].mask, cpu_possible_mask));
			}
			for (i = 0; i < spread; i++) {
				struct irq_affinity_desc *m = &masks[pre + i];
				struct cpumask want;
				unsigned int size, c;

				KUNIT_EXPECT_TRUE(test, m->is_managed);
				if (i >= groups) {
					KUNIT_EXPECT_TRUE(test, cpumask_equal(&m->mask, cpu_possible_mask));
					continue;
				}
				/* CPUs next .. next + size - 1, the first (ncpus % groups) one larger. */
				size = ncpus / groups + (i < ncpus % groups);
				cpumask_clear(&want);
				for (c = next; c < next + size; c++)
					cpumask_set_cpu(c, &want);
				next += size;
				if (!cpumask_equal(&m->mask, &want))
					pr_err("vector: %u vectors, pre %u: vector %u is %s, want %s\n",
					       nvec, pre, pre + i, mask_str(&m->mask, a, sizeof(a)),
					       mask_str(&want, b, sizeof(b)));
				KUNIT_EXPECT_TRUE(test, cpumask_equal(&m->mask, &want));
			}
			KUNIT_EXPECT_EQ(test, next, ncpus);
			kfree(masks);
		}
	}
}

static void two_sets(struct irq_affinity *affd, unsigned int nvecs)
{
	affd->nr_sets = 2;
	affd->set_size[0] = nvecs / 2;
	affd->set_size[1] = nvecs - nvecs / 2;
}

/* Each set is spread over all CPUs on its own; a post vector is left out. */
static void managed_sets_and_post_vectors(struct kunit *test)
{
	unsigned int ncpus = num_present_cpus(), per, i;
	struct irq_affinity affd = { .pre_vectors = 1, .post_vectors = 1, .calc_sets = two_sets };
	struct irq_affinity_desc *masks;

	masks = irq_create_affinity_masks(2 * ncpus + 2, &affd);
	KUNIT_ASSERT_NOT_NULL(test, masks);
	KUNIT_EXPECT_EQ(test, affd.nr_sets, 2);
	KUNIT_EXPECT_FALSE(test, masks[0].is_managed);
	KUNIT_EXPECT_FALSE(test, masks[2 * ncpus + 1].is_managed);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&masks[2 * ncpus + 1].mask, cpu_possible_mask));
	for (per = 0; per < 2; per++)
		for (i = 0; i < ncpus; i++) {
			struct irq_affinity_desc *m = &masks[1 + per * ncpus + i];

			KUNIT_EXPECT_TRUE(test, m->is_managed);
			KUNIT_EXPECT_TRUE(test, cpumask_equal(&m->mask, cpumask_of(i)));
		}
	kfree(masks);
	/* Pre and post vectors take everything: nothing to spread. */
	affd = (struct irq_affinity){ .pre_vectors = 1, .post_vectors = 1 };
	KUNIT_EXPECT_NULL(test, irq_create_affinity_masks(2, &affd));
	/*
	 * The pre and post vectors, and at most one spread vector per CPU
	 * (irq_create_affinity_masks() installed the default calc_sets: clear it)...
	 */
	affd = (struct irq_affinity){ .pre_vectors = 1, .post_vectors = 1 };
	KUNIT_EXPECT_EQ(test, irq_calc_affinity_vectors(2, 16, &affd), 2 + min(ncpus, 14u));
	KUNIT_EXPECT_EQ(test, irq_calc_affinity_vectors(2, 3, &affd), 3);
	/* ... and nothing when the minimum cannot hold the pre and post vectors. */
	KUNIT_EXPECT_EQ(test, irq_calc_affinity_vectors(1, 16, &affd), 0);
}

/* --- MSI: edu's single, unmaskable MSI ---------------------------------------- */

#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_RAISE		0x60
#define EDU_IRQ_ACK		0x64

static struct pci_dev *edu;
static void *edu_regs;
static volatile unsigned int edu_count;

static irqreturn_t vector_test_edu_interrupt(int irq, void *dev_id)
{
	u32 status = readl(edu_regs + EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, edu_regs + EDU_IRQ_ACK);
	edu_count++;
	return IRQ_HANDLED;
}

/* One interrupt from the device, waited for. */
static bool edu_raise_one(void)
{
	unsigned int target = edu_count + 1;

	writel(1, edu_regs + EDU_IRQ_RAISE);
	return kunit_spin_for_count(&edu_count, target, KUNIT_HANG_MS) >= target;
}

static int edu_get(struct kunit *test)
{
	edu = pci_get_device(PCI_VENDOR_ID_QEMU, PCI_DEVICE_ID_QEMU_EDU, NULL);
	if (!edu)
		return -ENODEV;
	if (pci_enable_device(edu))
		return -EIO;
	pci_set_master(edu);
	edu_regs = pci_iomap(edu, 0, 4096);
	return edu_regs ? 0 : -ENOMEM;
}

static void edu_put(void)
{
	pci_free_irq_vectors(edu);
	pci_clear_master(edu);
}

/*
 * A plain MSI cannot be masked: each move is done at its next interrupt,
 * on its current CPU, through the new vector on that CPU first. The
 * message always matches the vector level, each device interrupt after
 * the move is counted on the new CPU only, none is lost, and the matrix
 * ends where it began.
 */
static void edu_msi_moves_to_each_cpu(struct kunit *test)
{
	unsigned int avail, i, cpu, home, irq;
	struct irq_desc *desc;
	struct msi_msg msg;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	if (edu_get(test))
		kunit_skip(test, "needs -device edu");
	avail = vector_matrix_available();
	KUNIT_ASSERT_EQ(test, pci_alloc_irq_vectors(edu, 1, 1, PCI_IRQ_MSI), 1);
	irq = pci_irq_vector(edu, 0);
	desc = irq_to_desc(irq);
	KUNIT_EXPECT_FALSE(test, irqd_can_move_in_process_context(&desc->irq_data));
	edu_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(irq, vector_test_edu_interrupt, 0, "edu", edu), 0);
	KUNIT_ASSERT_TRUE(test, edu_raise_one());
	home = line_state(irq).cpu;

	for (i = 1; i <= num_online_cpus(); i++) {
		unsigned int target = (home + i) % num_online_cpus(), before[NR_CPUS], n;
		struct vector_irq_state old = line_state(irq), st;

		KUNIT_ASSERT_EQ(test, irq_set_affinity(irq, cpumask_of(target)), 0);
		KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		/* This interrupt, on the old CPU, carries the move out. */
		KUNIT_ASSERT_TRUE(test, edu_raise_one());
		KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		st = line_state(irq);
		KUNIT_EXPECT_EQ(test, st.cpu, target);
		__pci_read_msi_msg(irq_get_msi_desc(irq), &msg);
		KUNIT_EXPECT_EQ(test, msg.data & 0xff, st.vector);
		KUNIT_EXPECT_EQ(test, (msg.address_lo >> 12) & 0xff, irq_cfg(irq)->dest_apicid);
		/* The next completes it; the old CPU's timer frees the old vector. */
		for_each_online_cpu(cpu)
			before[cpu] = desc->kstat_irqs[cpu];
		for (n = 0; n < 5; n++)
			KUNIT_ASSERT_TRUE(test, edu_raise_one());
		KUNIT_ASSERT_TRUE(test, kunit_spin_until(move_settled(irq), KUNIT_HANG_MS));
		KUNIT_EXPECT_TRUE(test, vector_owner(old.cpu, old.vector) == VECTOR_UNUSED);
		KUNIT_EXPECT_PTR_EQ(test, vector_owner(target, st.vector), desc);
		for_each_online_cpu(cpu)
			KUNIT_EXPECT_EQ(test, desc->kstat_irqs[cpu] - before[cpu], cpu == target ? 5 : 0);
	}
	KUNIT_EXPECT_EQ(test, line_state(irq).cpu, home);
	free_irq(irq, edu);
	edu_put();
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
}

/*
 * PCI_IRQ_AFFINITY makes edu's one vector managed, spread over every CPU:
 * a vector is reserved on each, one is taken only while the line is
 * requested, user space may not move it, and everything is given back.
 */
static void edu_managed_msi(struct kunit *test)
{
	unsigned int avail, irq;
	struct vector_irq_state st;
	struct irq_desc *desc;
	struct msi_msg msg;

	if (edu_get(test))
		kunit_skip(test, "needs -device edu");
	avail = vector_matrix_available();
	KUNIT_ASSERT_EQ(test, pci_alloc_irq_vectors_affinity(edu, 1, 1,
			PCI_IRQ_MSI | PCI_IRQ_AFFINITY, NULL), 1);
	irq = pci_irq_vector(edu, 0);
	desc = irq_to_desc(irq);
	KUNIT_ASSERT_NOT_NULL(test, irq_get_msi_desc(irq)->affinity);
	KUNIT_EXPECT_TRUE(test, irq_get_msi_desc(irq)->affinity->is_managed);
	KUNIT_EXPECT_TRUE(test, irqd_affinity_is_managed(&desc->irq_data));
	KUNIT_EXPECT_TRUE(test, cpumask_equal(irq_data_get_affinity_mask(&desc->irq_data),
					      cpu_present_mask));
	KUNIT_EXPECT_FALSE(test, irq_can_set_affinity_usr(irq));
	/* One vector reserved on every online CPU; none in use yet. */
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail - num_online_cpus());
	st = line_state(irq);
	KUNIT_EXPECT_TRUE(test, st.is_managed);
	KUNIT_EXPECT_EQ(test, st.vector, 0);
	KUNIT_EXPECT_EQ(test, irq_cfg(irq)->vector, MANAGED_IRQ_SHUTDOWN_VECTOR);

	edu_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(irq, vector_test_edu_interrupt, 0, "edu-managed", edu), 0);
	st = line_state(irq);
	KUNIT_EXPECT_NE(test, st.vector, 0);
	KUNIT_EXPECT_TRUE(test, cpu_online(st.cpu));
	__pci_read_msi_msg(irq_get_msi_desc(irq), &msg);
	KUNIT_EXPECT_EQ(test, msg.data & 0xff, st.vector);
	KUNIT_EXPECT_TRUE(test, edu_raise_one());
	KUNIT_EXPECT_EQ(test, desc->kstat_irqs[st.cpu], 1);
	/* Taken from the reservation: the free count does not change. */
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail - num_online_cpus());

	free_irq(irq, edu);
	KUNIT_EXPECT_EQ(test, irq_cfg(irq)->vector, MANAGED_IRQ_SHUTDOWN_VECTOR);
	KUNIT_EXPECT_PTR_EQ(test, vector_owner(st.cpu, st.vector), VECTOR_SHUTDOWN);
	edu_put();
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
}

/* --- MSI-X: e1000e's maskable entries ------------------------------------------ */

#define E1000_ICR		0x000c0
#define E1000_ICS		0x000c8
#define E1000_IMS		0x000d0
#define E1000_IMC		0x000d8
#define E1000_IVAR		0x000e4
#define E1000_ICR_RXQ0		0x00100000
#define E1000_IVAR_VALID	0x8

static struct pci_dev *nic;
static void *nic_regs;
static volatile unsigned int nic_count;

static irqreturn_t vector_test_nic_interrupt(int irq, void *dev_id)
{
	writel(E1000_ICR_RXQ0, nic_regs + E1000_ICR);
	nic_count++;
	return IRQ_HANDLED;
}

/* Receive queue 0's cause, routed to MSI-X entry @nr, raised once and waited for. */
static bool nic_fire(unsigned int nr)
{
	unsigned int target = nic_count + 1;

	writel(E1000_IVAR_VALID | nr, nic_regs + E1000_IVAR);
	writel(E1000_ICR_RXQ0, nic_regs + E1000_IMS);
	writel(E1000_ICR_RXQ0, nic_regs + E1000_ICS);
	return kunit_spin_for_count(&nic_count, target, KUNIT_HANG_MS) >= target;
}

static u32 msix_entry_read(struct pci_dev *dev, unsigned int nr, unsigned int reg)
{
	return readl(dev->msix_base + nr * PCI_MSIX_ENTRY_SIZE + reg);
}

/*
 * e1000e with PCI_IRQ_AFFINITY and one pre vector: entry 0 unmanaged on
 * every CPU, the others managed, one per CPU as the spread says, each
 * started on its own CPU and taking its interrupts there. The unmanaged
 * entry is maskable, so it moves at once (no interrupt needed), its
 * table entry following; the move completes at its first interrupt on
 * the new CPU.
 */
static void e1000e_msix_managed_spread_and_move(struct kunit *test)
{
	unsigned int avail, ncpus = num_online_cpus(), i, cpu, target;
	struct irq_affinity affd = { .pre_vectors = 1 };
	struct vector_irq_state st, old;
	struct irq_desc *desc;
	int nvec, irq0;

	nic = pci_get_device(PCI_VENDOR_ID_INTEL, PCI_DEVICE_ID_INTEL_82574L, NULL);
	if (!nic)
		kunit_skip(test, "needs -device e1000e");
	/* The case drives the NIC's vectors itself: the e1000e driver lets go. */
	if (nic->driver)
		pci_unregister_driver(nic->driver);
	KUNIT_ASSERT_EQ(test, pci_enable_device(nic), 0);
	pci_set_master(nic);
	nic_regs = pci_ioremap_bar(nic, 0);
	KUNIT_ASSERT_NOT_NULL(test, nic_regs);
	avail = vector_matrix_available();
	nvec = pci_alloc_irq_vectors_affinity(nic, 2, 5, PCI_IRQ_MSIX | PCI_IRQ_AFFINITY, &affd);
	/* The pre vector and one spread vector per CPU, at most the 82574L's five. */
	KUNIT_ASSERT_EQ(test, nvec, min(1 + ncpus, 5u));
	irq0 = pci_irq_vector(nic, 0);
	KUNIT_EXPECT_FALSE(test, irqd_affinity_is_managed(irq_get_irq_data(irq0)));
	KUNIT_EXPECT_TRUE(test, irq_can_set_affinity_usr(irq0));
	for (i = 1; i < nvec; i++) {
		int irq = pci_irq_vector(nic, i);
		unsigned int before;

		desc = irq_to_desc(irq);
		KUNIT_EXPECT_TRUE(test, irqd_affinity_is_managed(&desc->irq_data));
		KUNIT_EXPECT_FALSE(test, irq_can_set_affinity_usr(irq));
		KUNIT_ASSERT_EQ(test, request_irq(irq, vector_test_nic_interrupt, 0, "e1000e-q", nic), 0);
		st = line_state(irq);
		cpu = st.cpu;
		/* Up to four CPUs, one each; with more, consecutive CPUs share a vector. */
		if (ncpus <= 4)
			KUNIT_EXPECT_TRUE(test, cpumask_equal(irq_data_get_affinity_mask(&desc->irq_data),
							      cpumask_of(i - 1)));
		KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(cpu, irq_data_get_affinity_mask(&desc->irq_data)));
		KUNIT_EXPECT_EQ(test, msix_entry_read(nic, i, PCI_MSIX_ENTRY_DATA), st.vector);
		before = desc->kstat_irqs[cpu];
		KUNIT_EXPECT_TRUE(test, nic_fire(i));
		KUNIT_EXPECT_EQ(test, desc->kstat_irqs[cpu], before + 1);
	}

	desc = irq_to_desc(irq0);
	KUNIT_ASSERT_EQ(test, request_irq(irq0, vector_test_nic_interrupt, 0, "e1000e-other", nic), 0);
	KUNIT_EXPECT_TRUE(test, irqd_can_move_in_process_context(&desc->irq_data));
	old = line_state(irq0);
	target = (old.cpu + 1) % ncpus;
	if (ncpus > 1) {
		KUNIT_ASSERT_EQ(test, irq_set_affinity(irq0, cpumask_of(target)), 0);
		/* Moved already: no interrupt was needed. */
		KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		st = line_state(irq0);
		KUNIT_EXPECT_EQ(test, st.cpu, target);
		KUNIT_EXPECT_TRUE(test, st.move_in_progress);
		KUNIT_EXPECT_EQ(test, msix_entry_read(nic, 0, PCI_MSIX_ENTRY_DATA), st.vector);
		KUNIT_EXPECT_EQ(test, (msix_entry_read(nic, 0, PCI_MSIX_ENTRY_LOWER_ADDR) >> 12) & 0xff,
				irq_cfg(irq0)->dest_apicid);
		/* Left unmasked, as it was. */
		KUNIT_EXPECT_EQ(test, msix_entry_read(nic, 0, PCI_MSIX_ENTRY_VECTOR_CTRL) & 1, 0);
		KUNIT_EXPECT_PTR_EQ(test, vector_owner(old.cpu, old.vector), desc);

		/*
		 * A second move before the first is complete: the vector level
		 * answers -EBUSY, so the core keeps it pending (0 to the
		 * caller) for a later interrupt.
		 */
		KUNIT_ASSERT_EQ(test, irq_set_affinity(irq0, cpumask_of(old.cpu)), 0);
		KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		KUNIT_EXPECT_EQ(test, line_state(irq0).cpu, target);

		/* The first interrupt on the new CPU completes the first move only. */
		KUNIT_EXPECT_TRUE(test, nic_fire(0));
		KUNIT_EXPECT_EQ(test, desc->kstat_irqs[target], 1);
		KUNIT_EXPECT_TRUE(test, kunit_spin_until(move_settled(irq0), KUNIT_HANG_MS));
		KUNIT_EXPECT_PTR_EQ(test, vector_owner(old.cpu, old.vector), VECTOR_UNUSED);
		KUNIT_EXPECT_TRUE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		KUNIT_EXPECT_EQ(test, line_state(irq0).cpu, target);

		/* The next carries out the second; the one after completes it. */
		KUNIT_EXPECT_TRUE(test, nic_fire(0));
		KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(&desc->irq_data));
		st = line_state(irq0);
		KUNIT_EXPECT_EQ(test, st.cpu, old.cpu);
		KUNIT_EXPECT_EQ(test, msix_entry_read(nic, 0, PCI_MSIX_ENTRY_DATA), st.vector);
		KUNIT_EXPECT_TRUE(test, nic_fire(0));
		KUNIT_EXPECT_TRUE(test, kunit_spin_until(move_settled(irq0), KUNIT_HANG_MS));
		KUNIT_EXPECT_EQ(test, desc->kstat_irqs[target], 2);
		KUNIT_EXPECT_PTR_EQ(test, vector_owner(old.cpu, st.vector), desc);
	}

	writel(~0U, nic_regs + E1000_IMC);
	for (i = 0; i < nvec; i++)
		free_irq(pci_irq_vector(nic, i), nic);
	pci_free_irq_vectors(nic);
	KUNIT_EXPECT_EQ(test, vector_matrix_available(), avail);
}

static struct kunit_case vector_test_cases[] = {
	KUNIT_CASE(rtc_line_moves_to_each_cpu),
	KUNIT_CASE(second_move_is_deferred_until_cleanup),
	KUNIT_CASE(move_to_offline_cpus_is_refused),
	KUNIT_CASE(force_complete_move_frees_old_vector),
	KUNIT_CASE(lapic_offline_flushes_and_online_restores),
	KUNIT_CASE(managed_masks_spread_as_linux),
	KUNIT_CASE(managed_sets_and_post_vectors),
	KUNIT_CASE(edu_msi_moves_to_each_cpu),
	KUNIT_CASE(edu_managed_msi),
	KUNIT_CASE(e1000e_msix_managed_spread_and_move),
	{}
};

static struct kunit_suite vector_test_suite = {
	.name = "vector",
	.test_cases = vector_test_cases,
};
kunit_test_suite(vector_test_suite);
