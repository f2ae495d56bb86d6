// SPDX-License-Identifier: MIT
/*
 * KUnit suite "bench" (reflex.test=bench, never part of "all"): the costs
 * of the interrupt path that only the kernel can see, measured with
 * rdtsc_ordered() for "make bench". Under QEMU's -icount shift=0 a TSC
 * delta is an exact instruction count, so every figure repeats exactly.
 * One line per figure, in bench/bench.h's format:
 *
 *	bench: NAME median=N p99=N max=N min=N n=N unit=tsc
 *
 *   self_ipi_round_trip     send_IPI_self(IRQ_WORK_VECTOR) until the call
 *                           returns: ICR write, entry, sysvec, EOI, iret;
 *   hardirq_entry_to_handler  the ICR write of a self-IPI on a device
 *                           vector (IRQ 8's) to the first instruction of
 *                           its request_irq() handler: asm_common_interrupt,
 *                           common_interrupt, handle_edge_irq and its ack;
 *   eoi                     apic_eoi() with nothing in service;
 *   context_switch          complete() by this task to the first
 *                           instruction after wait_for_completion() in a
 *                           SCHED_FIFO kthread (wake-up, preemption,
 *                           __schedule, switch_to);
 *   softirq_raise_to_run    raise_softirq() in a hard IRQ (irq_work's
 *                           self-IPI) to the softirq's action, run on that
 *                           interrupt's exit.
 *
 * Across CPUs (a boot with -smp 2 or more):
 *
 *   smp_call_single_round_trip  smp_call_function_single(wait=1) of an
 *                           empty function on another online CPU, until
 *                           the call returns: queueing, the IPI, the
 *                           target's entry, the call, the csd release the
 *                           caller spins on;
 *   remote_wakeup           wake_up_process() of a SCHED_FIFO kthread bound
 *                           (kthread_bind) to another CPU, asleep in
 *                           schedule(), to its first instruction after
 *                           schedule() there: the wake-up, the reschedule
 *                           IPI, the target leaving idle, __schedule;
 *   tlb_shootdown_1page_to_N  flush_tlb_kernel_range() of one kernel page,
 *                           which every other online CPU (N of them) must
 *                           flush too, until it returns.
 *
 * Under -icount QEMU runs the vCPUs round robin on one thread and the TSC
 * follows the instructions of all of them, so a cross-CPU figure is the
 * instructions every CPU executed between the two reads: the caller's, the
 * target's, and whatever the other CPUs did meanwhile (their timer ticks,
 * an idle loop's passes). A spinning CPU hands over at each PAUSE
 * (cpu_relax()), which QEMU's TCG treats as "let another vCPU run".
 *
 * A figure that cannot be taken (one CPU online; an API that does not yet
 * reach other CPUs; no asm/tlbflush.h) is printed as
 *
 *	bench: NAME unavailable (REASON)
 *
 * and its case passes: the cases only check that every sample arrived;
 * they judge no figure.
 * The suite borrows IRQ 8 and IRQ_POLL_SOFTIRQ, which nothing in reflex
 * uses, and gives both back.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#if __has_include(<asm/tlbflush.h>)
#include <asm/tlbflush.h>
#define BENCH_HAVE_TLBFLUSH	1
#endif

#define BENCH_SAMPLES	2000
#define BENCH_WARMUP	50
#define BENCH_IRQ	8		/* the RTC's line; its vector is all we use */
#define BENCH_SOFTIRQ	IRQ_POLL_SOFTIRQ

static u64 *samples;
static volatile u64 t_mark;		/* written by the measured side */
static volatile unsigned int hits;
static int bench_cookie;		/* dev_id for IRQ 8 */

/* Shell sort: the samples are few and the kernel has no sort(). */
static void bench_sort(u64 *v, int n)
{
	for (int gap = n / 2; gap > 0; gap /= 2)
		for (int i = gap; i < n; i++) {
			u64 x = v[i];
			int j;

			for (j = i; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
}

static void bench_report(const char *name, u64 *v, int n)
{
	bench_sort(v, n);
	pr_info("bench: %s median=%llu p99=%llu max=%llu min=%llu n=%d unit=tsc\n",
		name, v[n / 2], v[n * 99 / 100], v[n - 1], v[0], n);
}

static int bench_init(struct kunit_suite *suite)
{
	samples = kmalloc(BENCH_SAMPLES * sizeof(*samples), GFP_KERNEL);
	return samples ? 0 : -ENOMEM;
}

/* --- self-IPI round trip ------------------------------------------------------ */

static void bench_self_ipi_round_trip(struct kunit *test)
{
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0 = rdtsc_ordered();

		apic->send_IPI_self(IRQ_WORK_VECTOR);
		if (i >= 0)
			samples[i] = rdtsc_ordered() - t0;
	}
	bench_report("self_ipi_round_trip", samples, BENCH_SAMPLES);
}

/* --- hard IRQ: ICR write to the handler's first instruction -------------------- */

static irqreturn_t bench_irq_handler(int irq, void *dev_id)
{
	t_mark = rdtsc_ordered();
	hits++;
	return IRQ_HANDLED;
}

static void bench_hardirq_entry_to_handler(struct kunit *test)
{
	struct irq_cfg *cfg;
	u32 icr;

	KUNIT_ASSERT_EQ(test, request_irq(BENCH_IRQ, bench_irq_handler, 0, "bench", &bench_cookie), 0);
	cfg = irq_cfg(BENCH_IRQ);
	KUNIT_ASSERT_NOT_NULL(test, cfg);
	icr = APIC_DEST_SELF | APIC_DM_FIXED | cfg->vector;
	hits = 0;
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0 = rdtsc_ordered();

		apic->icr_write(icr, 0);	/* delivered at the next boundary */
		if (i >= 0)
			samples[i] = t_mark - t0;
	}
	free_irq(BENCH_IRQ, &bench_cookie);
	KUNIT_EXPECT_EQ(test, hits, BENCH_SAMPLES + BENCH_WARMUP);
	bench_report("hardirq_entry_to_handler", samples, BENCH_SAMPLES);
}

/* --- EOI ------------------------------------------------------------------------ */

static void bench_eoi(struct kunit *test)
{
	unsigned long flags;

	local_irq_save(flags);
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0 = rdtsc_ordered();

		apic_eoi();		/* nothing in service: the APIC ignores it */
		if (i >= 0)
			samples[i] = rdtsc_ordered() - t0;
	}
	local_irq_restore(flags);
	bench_report("eoi", samples, BENCH_SAMPLES);
}

/* --- context switch: complete() to the woken FIFO thread ---------------------- */

static DECLARE_COMPLETION(bench_go);
static volatile bool bench_stop;

static int bench_switch_thread(void *data)
{
	for (;;) {
		wait_for_completion(&bench_go);
		if (bench_stop)
			break;
		t_mark = rdtsc_ordered();
		hits++;
	}
	return 0;
}

static void bench_context_switch(struct kunit *test)
{
	struct sched_param sp = { .sched_priority = 90 };
	struct task_struct *k;
	unsigned int before;

	hits = 0;
	bench_stop = false;
	k = kthread_create(bench_switch_thread, NULL, "bench_switch");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	kthread_bind(k, raw_smp_processor_id());	/* a wake-up here, not on another CPU */
	KUNIT_ASSERT_EQ(test, sched_setscheduler_nocheck(k, SCHED_FIFO, &sp), 0);
	wake_up_process(k);
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0;

		before = hits;
		t0 = rdtsc_ordered();
		complete(&bench_go);	/* the FIFO thread preempts us here */
		if (hits == before) {
			KUNIT_FAIL(test, "the FIFO thread did not preempt complete()");
			break;
		}
		if (i >= 0)
			samples[i] = t_mark - t0;
	}
	/* kthread_stop()'s wake-up alone would not end wait_for_completion(). */
	bench_stop = true;
	complete(&bench_go);
	kthread_stop(k);
	if (hits >= BENCH_SAMPLES + BENCH_WARMUP)
		bench_report("context_switch", samples, BENCH_SAMPLES);
}

/* --- softirq: raise in a hard IRQ to the action -------------------------------- */

static void bench_softirq_action(void)
{
	t_mark = rdtsc_ordered() - t_mark;
	hits++;
}

static void bench_raise_work(struct irq_work *work)
{
	t_mark = rdtsc_ordered();
	raise_softirq(BENCH_SOFTIRQ);
}

static DEFINE_IRQ_WORK(bench_work, bench_raise_work);

static void bench_softirq_raise_to_run(struct kunit *test)
{
	hits = 0;
	open_softirq(BENCH_SOFTIRQ, bench_softirq_action);
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		unsigned int before = hits;

		irq_work_queue(&bench_work);	/* self-IPI: runs before we go on */
		if (hits == before) {
			KUNIT_FAIL(test, "the softirq did not run on the IPI's exit");
			break;
		}
		if (i >= 0)
			samples[i] = t_mark;
	}
	local_irq_disable();
	set_softirq_pending(local_softirq_pending() & ~(1U << BENCH_SOFTIRQ));
	open_softirq(BENCH_SOFTIRQ, NULL);
	local_irq_enable();
	if (hits >= BENCH_SAMPLES + BENCH_WARMUP)
		bench_report("softirq_raise_to_run", samples, BENCH_SAMPLES);
}

/* --- across CPUs ------------------------------------------------------------------ */

#define BENCH_SPIN_LIMIT	100000000UL	/* cpu_relax() passes before giving up */

static void bench_unavailable(const char *name, const char *why, int val)
{
	pr_info("bench: %s unavailable (%s %d)\n", name, why, val);
}

/* An online CPU other than @cpu, or -1. */
static int bench_other_cpu(int cpu)
{
	int other;

	for_each_online_cpu(other)
		if (other != cpu)
			return other;
	return -1;
}

static void bench_remote_mark(void *info)
{
	*(volatile int *)info = smp_processor_id();
}

static void bench_remote_empty(void *info)
{
}

static void bench_smp_call_single_round_trip(struct kunit *test)
{
	volatile int ran_on = -1;
	int target, cpu, ret;

	if (num_online_cpus() < 2) {
		bench_unavailable("smp_call_single_round_trip", "CPUs online:", num_online_cpus());
		return;
	}
	/* One call first, that must run on the CPU it names. */
	preempt_disable();
	cpu = smp_processor_id();
	target = bench_other_cpu(cpu);
	ret = smp_call_function_single(target, bench_remote_mark, (void *)&ran_on, 1);
	preempt_enable();
	if (ret || ran_on != target) {
		bench_unavailable("smp_call_single_round_trip",
				  ret ? "smp_call_function_single returned" :
				  "the call did not run on its CPU, ran on", ret ? ret : ran_on);
		return;
	}
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0;

		preempt_disable();	/* the target stays another CPU than ours */
		target = bench_other_cpu(smp_processor_id());
		t0 = rdtsc_ordered();
		ret = smp_call_function_single(target, bench_remote_empty, NULL, 1);
		if (i >= 0)
			samples[i] = rdtsc_ordered() - t0;
		preempt_enable();
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	bench_report("smp_call_single_round_trip", samples, BENCH_SAMPLES);
}

static volatile int remote_ran_on;

static int bench_remote_thread(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
		t_mark = rdtsc_ordered();
		remote_ran_on = smp_processor_id();
		hits++;
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Spins until @k sleeps in schedule() and is off its CPU; false past the limit. */
static bool bench_wait_asleep(struct task_struct *k)
{
	for (unsigned long n = 0; n < BENCH_SPIN_LIMIT; n++) {
		if (READ_ONCE(k->__state) == TASK_INTERRUPTIBLE && !READ_ONCE(k->on_cpu))
			return true;
		cpu_relax();
	}
	return false;
}

/* Spins until hits moves past @before; false past the limit. */
static bool bench_wait_hit(unsigned int before)
{
	for (unsigned long n = 0; n < BENCH_SPIN_LIMIT; n++) {
		if (hits != before)
			return true;
		cpu_relax();
	}
	return false;
}

static void bench_remote_wakeup(struct kunit *test)
{
	struct sched_param sp = { .sched_priority = 90 };
	struct task_struct *k;
	int target, taken = 0, skipped = 0;
	unsigned int before;

	if (num_online_cpus() < 2) {
		bench_unavailable("remote_wakeup", "CPUs online:", num_online_cpus());
		return;
	}
	target = bench_other_cpu(raw_smp_processor_id());
	hits = 0;
	remote_ran_on = -1;
	k = kthread_create(bench_remote_thread, NULL, "bench_remote");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	kthread_bind(k, target);
	KUNIT_ASSERT_EQ(test, sched_setscheduler_nocheck(k, SCHED_FIFO, &sp), 0);
	wake_up_process(k);	/* it runs to its first schedule() */
	/*
	 * One wake-up with preemption on first: a scheduler that queues every
	 * wake-up on the waker's CPU runs the thread here, preempting us.
	 */
	if (!bench_wait_asleep(k)) {
		KUNIT_FAIL(test, "bench_remote never went to sleep");
		kthread_stop(k);
		return;
	}
	before = hits;
	wake_up_process(k);
	if (!bench_wait_hit(before)) {
		KUNIT_FAIL(test, "bench_remote did not run after its wake-up");
		kthread_stop(k);
		return;
	}
	if (remote_ran_on != target) {
		bench_unavailable("remote_wakeup", "a kthread bound to another CPU ran on CPU",
				  remote_ran_on);
		kthread_stop(k);
		return;
	}
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0;

		if (!bench_wait_asleep(k)) {
			KUNIT_FAIL(test, "bench_remote never went to sleep");
			break;
		}
		preempt_disable();
		if (smp_processor_id() == target) {	/* moved onto its CPU: not a remote wake-up */
			preempt_enable();
			if (++skipped > BENCH_SAMPLES) {
				bench_unavailable("remote_wakeup",
						  "the measuring thread kept running on the target CPU",
						  target);
				break;
			}
			i--;
			continue;
		}
		before = hits;
		t0 = rdtsc_ordered();
		wake_up_process(k);
		if (!bench_wait_hit(before)) {
			preempt_enable();
			KUNIT_FAIL(test, "bench_remote did not run after its wake-up");
			break;
		}
		preempt_enable();
		if (remote_ran_on != target) {
			bench_unavailable("remote_wakeup", "a kthread bound to another CPU ran on",
					  remote_ran_on);
			break;
		}
		if (i >= 0)
			samples[taken++] = t_mark - t0;
	}
	kthread_stop(k);
	if (taken == BENCH_SAMPLES)
		bench_report("remote_wakeup", samples, BENCH_SAMPLES);
}

#ifdef BENCH_HAVE_TLBFLUSH
/* The flush requests the CPUs other than this one have run, in all. */
static unsigned long bench_flushes_received(void)
{
	unsigned long n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		if (cpu != raw_smp_processor_id())
			n += tlb_event_count(cpu, NR_TLB_REMOTE_FLUSH_RECEIVED);
	return n;
}
#endif

static void bench_tlb_shootdown_1page(struct kunit *test)
{
#ifdef BENCH_HAVE_TLBFLUSH
	unsigned long addr = (unsigned long)samples & PAGE_MASK, received;
	unsigned int others = num_online_cpus() - 1;
	char name[40];

	snprintf(name, sizeof(name), "tlb_shootdown_1page_to_%u", others);
	if (!others) {
		bench_unavailable(name, "CPUs online:", 1);
		return;
	}
	preempt_disable();	/* "the other CPUs" stay the same ones throughout */
	received = bench_flushes_received();
	for (int i = -BENCH_WARMUP; i < BENCH_SAMPLES; i++) {
		u64 t0 = rdtsc_ordered();

		flush_tlb_kernel_range(addr, addr + PAGE_SIZE);
		if (i >= 0)
			samples[i] = rdtsc_ordered() - t0;
	}
	/* Every other CPU must have run every flush, or this was no shootdown. */
	received = bench_flushes_received() - received;
	preempt_enable();
	if (received != (unsigned long)others * (BENCH_SAMPLES + BENCH_WARMUP)) {
		pr_info("bench: %s unavailable (the other CPUs ran %lu of %lu flush requests)\n",
			name, received, (unsigned long)others * (BENCH_SAMPLES + BENCH_WARMUP));
		return;
	}
	bench_report(name, samples, BENCH_SAMPLES);
#else
	bench_unavailable("tlb_shootdown_1page", "no asm/tlbflush.h, flush_tlb_kernel_range; CPUs online:",
			  num_online_cpus());
#endif
}

static struct kunit_case bench_test_cases[] = {
	KUNIT_CASE(bench_self_ipi_round_trip),
	KUNIT_CASE(bench_hardirq_entry_to_handler),
	KUNIT_CASE(bench_eoi),
	KUNIT_CASE(bench_context_switch),
	KUNIT_CASE(bench_softirq_raise_to_run),
	KUNIT_CASE(bench_smp_call_single_round_trip),
	KUNIT_CASE(bench_remote_wakeup),
	KUNIT_CASE(bench_tlb_shootdown_1page),
	{}
};

static struct kunit_suite bench_test_suite = {
	.name = "bench",
	.suite_init = bench_init,
	.test_cases = bench_test_cases,
	.explicit_only = true,
};
kunit_test_suite(bench_test_suite);
