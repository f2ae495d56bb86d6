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
 * The cases only check that every sample arrived; they judge no figure.
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

static struct kunit_case bench_test_cases[] = {
	KUNIT_CASE(bench_self_ipi_round_trip),
	KUNIT_CASE(bench_hardirq_entry_to_handler),
	KUNIT_CASE(bench_eoi),
	KUNIT_CASE(bench_context_switch),
	KUNIT_CASE(bench_softirq_raise_to_run),
	{}
};

static struct kunit_suite bench_test_suite = {
	.name = "bench",
	.suite_init = bench_init,
	.test_cases = bench_test_cases,
	.explicit_only = true,
};
kunit_test_suite(bench_test_suite);
