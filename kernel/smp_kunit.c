// SPDX-License-Identifier: MIT
/*
 * KUnit suite "smp": cross-CPU function calls (kernel/smp.c), the IPIs
 * behind them, irq_work_queue_on(), the ticket spinlock under contention
 * and NMI backtraces.
 *
 * Every case drives the other CPUs through IPIs alone, never through the
 * scheduler: the functions run in the targets' CALL_FUNCTION(_SINGLE)
 * handlers. Waits are bounded spins on the TSC (kunit_spin_until) with a
 * limit far beyond any delay load causes. Cases that need more CPUs than
 * are online say so and pass without asserting anything.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/nmi.h>
#include <linux/irq_work.h>
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/hardirq.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/hardirq.h>
#include <asm/irqflags.h>

#define CALLS		100000
#define LOCK_ROUNDS	200

static bool need_cpus(struct kunit *test, unsigned int n)
{
	if (num_online_cpus() >= n)
		return true;
	printk(KERN_INFO "        # %s: skipped: needs %u online CPUs, %u online\n",
	       test->name, n, num_online_cpus());
	return false;
}

/* The online CPU after @cpu other than the caller's, wrapping around. */
static unsigned int next_other_cpu(unsigned int cpu)
{
	unsigned int self = smp_processor_id();

	do {
		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= NR_CPUS)
			cpu = cpumask_first(cpu_online_mask);
	} while (cpu == self);
	return cpu;
}

/* --- where and how a function ran ------------------------------------------ */

static struct {
	atomic_t runs[NR_CPUS];		/* runs on each CPU */
	atomic_t irqs_on;		/* runs that found interrupts enabled */
} hits;

static void reset_hits(void)
{
	memset(&hits, 0, sizeof(hits));
}

static void count_hit(void *info)
{
	atomic_inc(&hits.runs[smp_processor_id()]);
	if (!irqs_disabled())
		atomic_inc(&hits.irqs_on);
}

static unsigned int total_hits(void)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += atomic_read(&hits.runs[cpu]);
	return n;
}

/* Every online CPU in @want ran the function once, no other CPU at all. */
static void expect_once_on(struct kunit *test, const struct cpumask *want)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&hits.runs[cpu]),
				    cpumask_test_cpu(cpu, want) && cpu_online(cpu) ? 1 : 0,
				    "cpu %u", cpu);
	KUNIT_EXPECT_EQ(test, atomic_read(&hits.irqs_on), 0);
}

/* --- the calling CPU ---------------------------------------------------------- */

static void call_single_to_self_runs_here_with_irqs_off(struct kunit *test)
{
	int self;

	reset_hits();
	preempt_disable();
	self = smp_processor_id();
	KUNIT_EXPECT_EQ(test, smp_call_function_single(self, count_hit, NULL, 1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&hits.runs[self]), 1);
	/* Without wait it still runs before the call returns: there is no IPI to wait for. */
	KUNIT_EXPECT_EQ(test, smp_call_function_single(self, count_hit, NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&hits.runs[self]), 2);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, total_hits(), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&hits.irqs_on), 0);
}

static void call_single_to_cpu_not_online_is_enxio(struct kunit *test)
{
	unsigned int cpu;

	reset_hits();
	KUNIT_EXPECT_EQ(test, smp_call_function_single(nr_cpu_ids, count_hit, NULL, 1), -ENXIO);
	KUNIT_EXPECT_EQ(test, smp_call_function_single(-1, count_hit, NULL, 0), -ENXIO);
	for_each_possible_cpu(cpu)
		if (!cpu_online(cpu))
			KUNIT_EXPECT_EQ(test, smp_call_function_single(cpu, count_hit, NULL, 1),
					-ENXIO);
	KUNIT_EXPECT_EQ(test, total_hits(), 0);
}

static void async_call_to_self_runs_and_unlocks_its_csd(struct kunit *test)
{
	call_single_data_t csd;
	unsigned long flags;
	int self;

	reset_hits();
	INIT_CSD(&csd, count_hit, NULL);
	local_irq_save(flags);		/* callable with interrupts off */
	self = smp_processor_id();
	KUNIT_EXPECT_EQ(test, smp_call_function_single_async(self, &csd), 0);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, atomic_read(&hits.runs[self]), 1);
	KUNIT_EXPECT_FALSE(test, csd_is_locked(&csd));
	/* A csd still locked by an earlier call is refused, and nothing runs. */
	csd.flags = CSD_FLAG_LOCK;
	KUNIT_EXPECT_EQ(test, smp_call_function_single_async(self, &csd), -EBUSY);
	KUNIT_EXPECT_EQ(test, total_hits(), 1);
	csd.flags = 0;
	KUNIT_EXPECT_EQ(test, smp_call_function_single_async(nr_cpu_ids, &csd), -ENXIO);
	KUNIT_EXPECT_FALSE(test, csd_is_locked(&csd));
	KUNIT_EXPECT_EQ(test, total_hits(), 1);
}

/* --- the many-CPU calls ------------------------------------------------------- */

static void on_each_cpu_runs_once_per_online_cpu(struct kunit *test)
{
	reset_hits();
	on_each_cpu(count_hit, NULL, 1);
	expect_once_on(test, cpu_online_mask);

	/* Without wait: the caller's own run is done, the rest arrive. */
	reset_hits();
	on_each_cpu(count_hit, NULL, 0);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(total_hits() >= num_online_cpus(),
						 KUNIT_HANG_MS));
	expect_once_on(test, cpu_online_mask);
}

static void smp_call_function_skips_the_caller(struct kunit *test)
{
	struct cpumask others;

	cpumask_copy(&others, cpu_online_mask);
	reset_hits();
	preempt_disable();
	cpumask_clear_cpu(smp_processor_id(), &others);
	smp_call_function(count_hit, NULL, 1);
	preempt_enable();
	expect_once_on(test, &others);

	/* smp_call_function_many() with the caller in the mask skips it too. */
	reset_hits();
	preempt_disable();
	smp_call_function_many(cpu_online_mask, count_hit, NULL, true);
	preempt_enable();
	expect_once_on(test, &others);
}

static void on_each_cpu_mask_runs_only_on_the_mask(struct kunit *test)
{
	struct cpumask mask;
	unsigned int cpu;

	if (!need_cpus(test, 2))
		return;
	/* Every other online CPU, starting with the first: may or may not hold the caller. */
	cpumask_clear(&mask);
	for_each_online_cpu(cpu)
		if (cpu % 2 == 0)
			cpumask_set_cpu(cpu, &mask);
	cpumask_set_cpu(nr_cpu_ids, &mask);	/* never online: never called */
	reset_hits();
	on_each_cpu_mask(&mask, count_hit, NULL, true);
	expect_once_on(test, &mask);
}

/* --- every CPU calls every other CPU -------------------------------------- */

struct pair_call {
	call_single_data_t csd;
	unsigned int from, to;
	atomic_t runs;
	atomic_t wrong_cpu;
};

static struct pair_call *pairs;		/* [from * nr_cpu_ids + to] */
static atomic_t pair_runs, pair_send_errors;

static void pair_receive(void *info)
{
	struct pair_call *p = info;

	if (smp_processor_id() != p->to)
		atomic_inc(&p->wrong_cpu);
	atomic_inc(&p->runs);
	atomic_inc(&pair_runs);
}

/* On each CPU, from its CALL_FUNCTION handler: one async call to every other one. */
static void pair_send_all(void *info)
{
	unsigned int me = smp_processor_id(), to;

	for_each_online_cpu(to) {
		if (to == me)
			continue;
		if (smp_call_function_single_async(to, &pairs[me * nr_cpu_ids + to].csd))
			atomic_inc(&pair_send_errors);
	}
}

static void every_cpu_answers_every_other_cpu(struct kunit *test)
{
	unsigned int n = num_online_cpus(), from, to;

	if (!need_cpus(test, 2))
		return;
	pairs = kcalloc(nr_cpu_ids * nr_cpu_ids, sizeof(*pairs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pairs);
	for (from = 0; from < nr_cpu_ids; from++)
		for (to = 0; to < nr_cpu_ids; to++) {
			struct pair_call *p = &pairs[from * nr_cpu_ids + to];

			INIT_CSD(&p->csd, pair_receive, p);
			p->from = from;
			p->to = to;
		}
	atomic_set(&pair_runs, 0);
	atomic_set(&pair_send_errors, 0);

	on_each_cpu(pair_send_all, NULL, 1);
	if (!kunit_spin_until((unsigned int)atomic_read(&pair_runs) >= n * (n - 1), KUNIT_HANG_MS)) {
		/* The csds may still be queued somewhere: keep them. */
		KUNIT_FAIL(test, "%d of %u calls arrived", atomic_read(&pair_runs), n * (n - 1));
		return;
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&pair_send_errors), 0);
	for_each_online_cpu(from)
		for_each_online_cpu(to) {
			struct pair_call *p = &pairs[from * nr_cpu_ids + to];

			KUNIT_EXPECT_EQ_MSG(test, atomic_read(&p->runs), from == to ? 0 : 1,
					    "cpu %u -> cpu %u", from, to);
			KUNIT_EXPECT_EQ(test, atomic_read(&p->wrong_cpu), 0);
		}
	KUNIT_EXPECT_EQ(test, (unsigned int)atomic_read(&pair_runs), n * (n - 1));
	kfree(pairs);
	pairs = NULL;
}

/* --- none lost -------------------------------------------------------------- */

static unsigned int many_runs[NR_CPUS];	/* each written only by its own CPU */
static atomic_t many_total, many_wrong_cpu;

static void many_receive(void *info)
{
	unsigned int cpu = (unsigned long)info;

	if (smp_processor_id() != cpu)
		atomic_inc(&many_wrong_cpu);
	many_runs[smp_processor_id()]++;
	atomic_inc(&many_total);
}

static void many_reset(void)
{
	memset(many_runs, 0, sizeof(many_runs));
	atomic_set(&many_total, 0);
	atomic_set(&many_wrong_cpu, 0);
}

/* Round robin over the other CPUs: how many calls cpu should have had. */
static void expect_round_robin(struct kunit *test, unsigned int self)
{
	unsigned int others = num_online_cpus() - 1, cpu, k = 0;

	for_each_online_cpu(cpu) {
		if (cpu == self) {
			KUNIT_EXPECT_EQ(test, many_runs[cpu], 0);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, many_runs[cpu], CALLS / others + (k < CALLS % others),
				    "cpu %u", cpu);
		k++;
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&many_wrong_cpu), 0);
}

static void calls_100000_waited_none_lost(struct kunit *test)
{
	unsigned int i, cpu, self, failed = 0;

	if (!need_cpus(test, 2))
		return;
	many_reset();
	preempt_disable();	/* the round robin is over the CPUs other than this one */
	self = smp_processor_id();
	cpu = self;
	for (i = 0; i < CALLS; i++) {
		cpu = next_other_cpu(cpu);
		failed += smp_call_function_single(cpu, many_receive, (void *)(unsigned long)cpu, 1) != 0;
	}
	preempt_enable();
	KUNIT_EXPECT_EQ(test, failed, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&many_total), CALLS);
	expect_round_robin(test, self);
}

#define ASYNC_CSDS	8	/* in flight per target */

static void calls_100000_async_none_lost(struct kunit *test)
{
	static call_single_data_t csds[NR_CPUS][ASYNC_CSDS];
	unsigned int i, cpu, self, busy = 0, failed = 0;

	if (!need_cpus(test, 2))
		return;
	many_reset();
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		for (i = 0; i < ASYNC_CSDS; i++)
			INIT_CSD(&csds[cpu][i], many_receive, (void *)(unsigned long)cpu);
	preempt_disable();
	self = smp_processor_id();
	cpu = self;
	for (i = 0; i < CALLS; i++) {
		call_single_data_t *csd;
		int err;

		cpu = next_other_cpu(cpu);
		csd = &csds[cpu][(i / (num_online_cpus() - 1)) % ASYNC_CSDS];
		/* Reuse waits for the csd's previous call to run. */
		while ((err = smp_call_function_single_async(cpu, csd)) == -EBUSY &&
		       busy < 100000000) {
			busy++;
			cpu_relax();
		}
		failed += err != 0;
	}
	preempt_enable();
	KUNIT_EXPECT_EQ(test, failed, 0);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(atomic_read(&many_total) >= CALLS, KUNIT_HANG_MS));
	KUNIT_EXPECT_EQ(test, atomic_read(&many_total), CALLS);
	expect_round_robin(test, self);
}

/* --- irq_work on a named CPU ------------------------------------------------ */

struct cpu_work {
	struct irq_work work;
	int ran_on;
	atomic_t runs;
};

static void cpu_work_fn(struct irq_work *work)
{
	struct cpu_work *w = container_of(work, struct cpu_work, work);

	w->ran_on = smp_processor_id();
	atomic_inc(&w->runs);
}

static void irq_work_queue_on_runs_on_the_named_cpu(struct kunit *test)
{
	static struct cpu_work works[NR_CPUS];
	unsigned int iwi[NR_CPUS], cpu;

	for_each_online_cpu(cpu) {
		init_irq_work(&works[cpu].work, cpu_work_fn);
		works[cpu].ran_on = -1;
		atomic_set(&works[cpu].runs, 0);
		iwi[cpu] = per_cpu(irq_stat, cpu).apic_irq_work_irqs;
	}
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_TRUE(test, irq_work_queue_on(&works[cpu].work, cpu));
	for_each_online_cpu(cpu) {
		KUNIT_EXPECT_TRUE(test, kunit_spin_until(!irq_work_is_busy(&works[cpu].work),
							 KUNIT_HANG_MS));
		KUNIT_EXPECT_EQ(test, atomic_read(&works[cpu].runs), 1);
		KUNIT_EXPECT_EQ_MSG(test, works[cpu].ran_on, (int)cpu, "queued on cpu %u", cpu);
		/* Counted where it ran: IWI grew on that CPU. */
		KUNIT_EXPECT_GT(test, READ_ONCE(per_cpu(irq_stat, cpu).apic_irq_work_irqs), iwi[cpu]);
	}
}

/* --- the ticket lock ---------------------------------------------------------- */

/*
 * Every CPU waits at a start line, so all of them contend from the first
 * round, and the critical section is a read, a pause and a write: should
 * the lock ever let two CPUs in, increments are lost. The round count is
 * small on purpose: a fair lock hands over in arrival order, and on an
 * overcommitted host the next CPU in line is often a vCPU thread the host
 * is not running, so each handover can cost a host time slice.
 */
static DEFINE_SPINLOCK(stress_lock);
static unsigned long stress_counter;
static unsigned int stress_rounds[NR_CPUS];	/* each written only by its own CPU */
static atomic_t stress_arrived, stress_done;

static void lock_and_count(void *info)
{
	unsigned int i, cpu = smp_processor_id();
	unsigned long v;

	atomic_inc(&stress_arrived);
	kunit_spin_until((unsigned int)atomic_read(&stress_arrived) >= num_online_cpus(),
			 KUNIT_HANG_MS);
	for (i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock(&stress_lock);
		v = READ_ONCE(stress_counter);
		cpu_relax();
		WRITE_ONCE(stress_counter, v + 1);
		spin_unlock(&stress_lock);
		WRITE_ONCE(stress_rounds[cpu], i + 1);
	}
	atomic_inc(&stress_done);
}

static void ticket_lock_counts_exactly_under_contention(struct kunit *test)
{
	unsigned int cpu;

	stress_counter = 0;
	atomic_set(&stress_arrived, 0);
	atomic_set(&stress_done, 0);
	memset(stress_rounds, 0, sizeof(stress_rounds));
	/* Not waited on by on_each_cpu(): a hang shows where each CPU got to. */
	on_each_cpu(lock_and_count, NULL, 0);
	if (!kunit_spin_until((unsigned int)atomic_read(&stress_done) == num_online_cpus(),
			      KUNIT_HANG_MS)) {
		KUNIT_FAIL(test, "stuck: lock head %u tail %u",
			   READ_ONCE(stress_lock.raw_lock.tickets.head),
			   READ_ONCE(stress_lock.raw_lock.tickets.tail));
		for_each_online_cpu(cpu)
			printk(KERN_ERR "        cpu %u: %u rounds\n", cpu, READ_ONCE(stress_rounds[cpu]));
		trigger_all_cpu_backtrace();
		return;
	}
	KUNIT_EXPECT_EQ(test, stress_counter, (unsigned long)LOCK_ROUNDS * num_online_cpus());
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&stress_lock));
}

static void ticket_lock_trylock_and_state(struct kunit *test)
{
	DEFINE_SPINLOCK(l);
	unsigned long flags;

	KUNIT_EXPECT_FALSE(test, spin_is_locked(&l));
	KUNIT_EXPECT_TRUE(test, spin_trylock(&l));
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&l));
	KUNIT_EXPECT_FALSE(test, spin_is_contended(&l));
	KUNIT_EXPECT_FALSE(test, spin_trylock(&l));
	spin_unlock(&l);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&l));

	/* The ticket counters wrap: 16 bits each, a lock taken 70000 times still works. */
	for (unsigned int i = 0; i < 70000; i++) {
		spin_lock_irqsave(&l, flags);
		spin_unlock_irqrestore(&l, flags);
	}
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&l));
	KUNIT_EXPECT_TRUE(test, spin_trylock(&l));
	spin_unlock(&l);
}

/*
 * Fairness: with the lock held here, CPU A starts waiting, then CPU B;
 * on release A must get it before B, as their tickets say.
 */
static DEFINE_SPINLOCK(fifo_lock);
static atomic_t fifo_order;
static int fifo_got[NR_CPUS];

static void fifo_take(void *info)
{
	unsigned long flags;

	spin_lock_irqsave(&fifo_lock, flags);
	fifo_got[smp_processor_id()] = atomic_inc_return(&fifo_order);
	spin_unlock_irqrestore(&fifo_lock, flags);
}

static unsigned int waiters(spinlock_t *l)
{
	u32 v = READ_ONCE(l->raw_lock.head_tail);

	return (u16)((v >> TICKET_SHIFT) - v);	/* holder included */
}

static void ticket_lock_serves_in_arrival_order(struct kunit *test)
{
	static call_single_data_t csd_a, csd_b;	/* outlive the case if a CPU hangs */
	unsigned int a, b;
	unsigned long flags;

	if (!need_cpus(test, 3))
		return;
	INIT_CSD(&csd_a, fifo_take, NULL);
	INIT_CSD(&csd_b, fifo_take, NULL);
	atomic_set(&fifo_order, 0);
	memset(fifo_got, 0, sizeof(fifo_got));

	local_irq_save(flags);
	a = next_other_cpu(smp_processor_id());
	b = next_other_cpu(a);
	spin_lock(&fifo_lock);
	KUNIT_EXPECT_EQ(test, smp_call_function_single_async(a, &csd_a), 0);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(waiters(&fifo_lock) == 2, KUNIT_HANG_MS));
	KUNIT_EXPECT_EQ(test, smp_call_function_single_async(b, &csd_b), 0);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(waiters(&fifo_lock) == 3, KUNIT_HANG_MS));
	KUNIT_EXPECT_TRUE(test, spin_is_contended(&fifo_lock));
	spin_unlock(&fifo_lock);
	local_irq_restore(flags);

	KUNIT_EXPECT_TRUE(test, kunit_spin_until(atomic_read(&fifo_order) == 2, KUNIT_HANG_MS));
	KUNIT_EXPECT_EQ(test, fifo_got[a], 1);
	KUNIT_EXPECT_EQ(test, fifo_got[b], 2);
}

/* --- NMI backtrace ------------------------------------------------------------ */

#define BT_LOG_SIZE	(1 << 16)

/* One backtrace of every online CPU, found in the log after a marker line. */
static void backtrace_round(struct kunit *test, char *log, int round)
{
	char marker[48];
	unsigned int nmis[NR_CPUS], cpu, unserialized = READ_ONCE(nmi_backtrace_unserialized);
	char *from, line[40];
	size_t n;

	for_each_online_cpu(cpu)
		nmis[cpu] = per_cpu(irq_stat, cpu).__nmi_count;
	snprintf(marker, sizeof(marker), "smp test: all-CPU backtrace %d follows\n", round);
	printk(KERN_INFO "%s", marker);
	KUNIT_EXPECT_TRUE(test, trigger_all_cpu_backtrace());
	/* Each CPU had its turn at printing: none gave up waiting for another. */
	KUNIT_EXPECT_EQ(test, READ_ONCE(nmi_backtrace_unserialized), unserialized);

	n = log_buf_copy(log, BT_LOG_SIZE);
	log[n] = '\0';
	from = strstr(log, marker);
	KUNIT_EXPECT_NOT_NULL(test, from);
	if (!from)
		return;
	for_each_online_cpu(cpu) {
		snprintf(line, sizeof(line), "NMI backtrace for cpu %u\n", cpu);
		KUNIT_EXPECT_NOT_NULL(test, strstr(from, line));
		KUNIT_EXPECT_GT(test, READ_ONCE(per_cpu(irq_stat, cpu).__nmi_count), nmis[cpu]);
	}
}

/* Twice: the second round shows the first left nothing held. */
static void nmi_backtrace_reaches_every_online_cpu(struct kunit *test)
{
	char *log = kmalloc(BT_LOG_SIZE + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	backtrace_round(test, log, 1);
	backtrace_round(test, log, 2);
	kfree(log);
}

static struct kunit_case smp_cases[] = {
	KUNIT_CASE(call_single_to_self_runs_here_with_irqs_off),
	KUNIT_CASE(call_single_to_cpu_not_online_is_enxio),
	KUNIT_CASE(async_call_to_self_runs_and_unlocks_its_csd),
	KUNIT_CASE(on_each_cpu_runs_once_per_online_cpu),
	KUNIT_CASE(smp_call_function_skips_the_caller),
	KUNIT_CASE(on_each_cpu_mask_runs_only_on_the_mask),
	KUNIT_CASE(every_cpu_answers_every_other_cpu),
	KUNIT_CASE(calls_100000_waited_none_lost),
	KUNIT_CASE(calls_100000_async_none_lost),
	KUNIT_CASE(irq_work_queue_on_runs_on_the_named_cpu),
	KUNIT_CASE(ticket_lock_trylock_and_state),
	KUNIT_CASE(ticket_lock_counts_exactly_under_contention),
	KUNIT_CASE(ticket_lock_serves_in_arrival_order),
	KUNIT_CASE(nmi_backtrace_reaches_every_online_cpu),
	{}
};

static struct kunit_suite smp_suite = {
	.name = "smp",
	.test_cases = smp_cases,
};
kunit_test_suite(smp_suite);
