// SPDX-License-Identifier: MIT
/*
 * KUnit suite "apic": the interrupt hardware path on a real (emulated)
 * machine — the LAPIC timer as each CPU's "lapic" clock-event device and
 * the tick on it, the RTC's IRQ 8 and the PIT's IRQ 0
 * through the IOAPIC and the MADT override, a shared line, self-IPIs and
 * a self-NMI through the ICR, TPR blocking a priority class, a vector
 * nobody owns, and a stuck level line that the spurious detector must
 * disable while the timer keeps ticking. Expects QEMU -M pc or q35 with
 * a second serial port (COM2, IRQ 3) for the stuck line.
 *
 * Waits are bounded by the TSC and never by a fixed sleep: each one
 * returns as soon as the interrupt it waits for has been seen.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/jiffies.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/mc146818rtc.h>
#include <linux/tick.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/hw_irq.h>
#include <asm/io.h>
#include <asm/io_apic.h>
#include <asm/i8253.h>
#include <asm/irq.h>
#include <asm/kdebug.h>
#include <asm/processor.h>
#include <asm/tsc.h>


#define COM2_BASE	0x2f8
#define COM2_IRQ	3
#define UART_IER	1
#define UART_IER_THRI	0x02	/* interrupt while the transmitter is empty */

static u64 ms_to_tsc(unsigned int ms)
{
	return (u64)tsc_khz * ms;
}



static unsigned int loc_count(void)
{
	return this_cpu_read(irq_stat.apic_timer_irqs);
}

/*
 * 50 ticks cannot come in less than 49 tick periods of the TSC: the tick
 * is not faster than HZ. A late interrupt (a busy host stalling the vCPU)
 * stands for the ticks it missed, so jiffies stay right while LOC, the
 * interrupts taken, may fall behind them. How much slower than HZ a
 * loaded host makes the ticks is not a property of reflex: no upper bound.
 */
static void lapic_timer_ticks_at_hz(struct kunit *test)
{
	unsigned int loc0 = loc_count();
	unsigned long j0, ticks;
	u64 t0, end;

	KUNIT_ASSERT_TRUE(test, !irqs_disabled());
	j0 = jiffies;
	end = rdtsc() + ms_to_tsc(KUNIT_HANG_MS);
	while (jiffies == j0 && rdtsc() < end)
		cpu_relax();		/* start on a tick edge */
	j0 = jiffies;
	t0 = rdtsc();
	end = t0 + ms_to_tsc(KUNIT_HANG_MS);
	while (jiffies - j0 < 50 && rdtsc() < end)
		cpu_relax();
	ticks = jiffies - j0;
	KUNIT_EXPECT_GE(test, ticks, 50);
	KUNIT_EXPECT_GE(test, (rdtsc() - t0) * HZ / tsc_khz, 49 * 1000);
	/*
	 * At least one LOC interrupt; no upper bound: in one-shot mode every
	 * hrtimer expiry is a LOC interrupt too, not only the tick's.
	 */
	KUNIT_EXPECT_GT(test, loc_count() - loc0, 0);
}

static volatile unsigned int oneshot_hits;
static volatile bool oneshot_armed;

static void count_oneshot(struct clock_event_device *evt)
{
	if (oneshot_armed)
		oneshot_hits++;
}

/*
 * Borrow this CPU's tick device through the clock-event seam: take its
 * handler, arm it once, and give it back to the tick (tick_resume_local()
 * re-arms it for the tick's next expiry). Stopping the device does not
 * withdraw a tick already due: it may sit in IRR, or (under KVM) be
 * injected at the next VM entry. It is let in, uncounted, before the
 * one-shot is armed; otherwise it would look like a second expiry.
 */
static void lapic_timer_oneshot_fires_once(struct kunit *test)
{
	struct clock_event_device *evt = this_cpu_read(tick_cpu_device.evtdev);
	void (*handler)(struct clock_event_device *);
	unsigned long flags;
	u64 end;

	KUNIT_ASSERT_NOT_NULL(test, evt);
	oneshot_hits = 0;
	oneshot_armed = false;
	local_irq_save(flags);
	handler = evt->event_handler;
	evt->event_handler = count_oneshot;
	clockevents_shutdown(evt);
	clockevents_switch_state(evt, CLOCK_EVT_STATE_ONESHOT);
	local_irq_enable();
	end = rdtsc() + ms_to_tsc(KUNIT_HANG_MS);
	while ((apic_read_irr(LOCAL_TIMER_VECTOR) ||
		apic_vector_in_service(LOCAL_TIMER_VECTOR)) && rdtsc() < end)
		cpu_relax();
	oneshot_armed = true;
	KUNIT_EXPECT_EQ(test, clockevents_program_event(evt, ktime_get() + TICK_NSEC / 2, false), 0);
	kunit_spin_for_count(&oneshot_hits, 1, KUNIT_HANG_MS);
	kunit_spin_for_count(&oneshot_hits, 2, 30);	/* a second one would be a bug */
	local_irq_disable();
	evt->event_handler = handler;
	tick_resume_local();
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, oneshot_hits, 1);
}

/* Each online CPU's tick runs on its own "lapic" device, in one-shot mode for hrtimers. */
static void lapic_clockevent_registered_per_online_cpu(struct kunit *test)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct clock_event_device *evt = per_cpu(tick_cpu_device, cpu).evtdev;

		KUNIT_ASSERT_NOT_NULL(test, evt);
		KUNIT_EXPECT_STREQ(test, evt->name, "lapic");
		KUNIT_EXPECT_EQ(test, evt->features, CLOCK_EVT_FEAT_PERIODIC | CLOCK_EVT_FEAT_ONESHOT);
		KUNIT_EXPECT_EQ(test, evt->rating, 100);
		KUNIT_EXPECT_PTR_EQ(test, evt->cpumask, cpumask_of(cpu));
		KUNIT_EXPECT_EQ(test, evt->min_delta_ticks, 0xF);
		KUNIT_EXPECT_EQ(test, evt->max_delta_ticks, 0x7FFFFFFF);
		KUNIT_EXPECT_NE(test, evt->mult, 0);
		/* ns * mult >> shift: one jiffy is lapic_timer_period ticks, to 1 ppm. */
		KUNIT_EXPECT_LE(test, ((u64)TICK_NSEC * evt->mult >> evt->shift) - lapic_timer_period + 1, 2);
		KUNIT_EXPECT_GE(test, evt->min_delta_ns, 1000);
		KUNIT_EXPECT_TRUE(test, clockevent_state_oneshot(evt));
		KUNIT_EXPECT_PTR_EQ(test, evt->event_handler, hrtimer_interrupt);
		KUNIT_EXPECT_EQ(test, per_cpu(tick_cpu_device, cpu).mode, TICKDEV_MODE_ONESHOT);
	}
	KUNIT_EXPECT_TRUE(test, cpu_online(tick_do_timer_cpu));
}

static volatile unsigned int rtc_a_count, rtc_b_count;

static irqreturn_t rtc_test_interrupt(int irq, void *dev_id)
{
	rtc_a_count++;
	return (CMOS_READ(RTC_REG_C) & 0x80) ? IRQ_HANDLED : IRQ_NONE;
}

/* The second sharer has no device of its own: it only counts. */
static irqreturn_t rtc_sharer_interrupt(int irq, void *dev_id)
{
	rtc_b_count++;
	return IRQ_NONE;
}

static int a_cookie, b_cookie;

static void rtc_irq8_through_ioapic_shared(struct kunit *test)
{
	struct IO_APIC_route_entry e;

	rtc_a_count = rtc_b_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, rtc_test_interrupt, IRQF_SHARED, "rtc0", &a_cookie), 0);
	KUNIT_ASSERT_EQ(test, request_irq(RTC_IRQ, rtc_sharer_interrupt, IRQF_SHARED, "rtc_test", &b_cookie), 0);
	/* A non-sharer may not join. */
	KUNIT_EXPECT_EQ(test, request_irq(RTC_IRQ, rtc_sharer_interrupt, 0, "intruder", &b_cookie), -EBUSY);

	rtc_periodic_start(6);	/* 1024 Hz */
	kunit_spin_for_count(&rtc_a_count, 2, KUNIT_HANG_MS);
	rtc_a_count = rtc_b_count = 0;
	kunit_spin_for_count(&rtc_a_count, 100, KUNIT_HANG_MS);
	rtc_periodic_stop();

	KUNIT_EXPECT_GE(test, rtc_a_count, 100);
	/*
	 * No bound on the rate: under TCG the RTC follows the host's clock
	 * and its interrupts reach the guest whenever the host runs QEMU's
	 * vCPU, so a late first interrupt makes the next ones look early
	 * and a busy host makes all of them late. What is pinned is the
	 * path: IOAPIC pin 8, edge, both sharers called every time.
	 */
	/*
	 * Both sharers ran each time. With threadirqs each sharer has its
	 * own thread, and two interrupts that come while one thread still
	 * waits to run wake it once (as Linux's IRQTF_RUNTHREAD): the
	 * counts may then differ, but both threads ran.
	 */
	if (force_irqthreads())
		KUNIT_EXPECT_GT(test, rtc_b_count, 0);
	else
		KUNIT_EXPECT_GE(test, rtc_b_count, rtc_a_count);
	KUNIT_EXPECT_TRUE(test, proc_contains("interrupts", "IO-APIC   8-edge      rtc0, rtc_test"));
	KUNIT_EXPECT_EQ(test, io_apic_read_entry(RTC_IRQ, &e), 0);
	KUNIT_EXPECT_EQ(test, e.vector, irq_cfg(RTC_IRQ)->vector);
	KUNIT_EXPECT_EQ(test, e.is_level, 0);
	KUNIT_EXPECT_EQ(test, e.active_low, 0);
	KUNIT_EXPECT_EQ(test, e.masked, 0);
	free_irq(RTC_IRQ, &b_cookie);
	free_irq(RTC_IRQ, &a_cookie);
	KUNIT_EXPECT_EQ(test, io_apic_read_entry(RTC_IRQ, &e), 0);
	KUNIT_EXPECT_EQ(test, e.masked, 1);
}

static volatile unsigned int pit_count;

static irqreturn_t pit_test_interrupt(int irq, void *dev_id)
{
	pit_count++;
	return IRQ_HANDLED;
}

static void pit_irq0_arrives_on_gsi2(struct kunit *test)
{
	struct irq_data *irqd = irq_get_irq_data(0);

	KUNIT_ASSERT_NOT_NULL(test, irqd);
	KUNIT_EXPECT_EQ(test, irqd->hwirq, 2);	/* the IOAPIC pin: MADT override 0 -> 2 */
	pit_count = 0;
	KUNIT_ASSERT_EQ(test, request_irq(0, pit_test_interrupt, IRQF_TIMER, "timer", &a_cookie), 0);
	pit_ch0_set_periodic(1000);
	kunit_spin_for_count(&pit_count, 20, KUNIT_HANG_MS);
	pit_ch0_stop();
	KUNIT_EXPECT_TRUE(test, proc_contains("interrupts", "IO-APIC   2-edge      timer"));
	free_irq(0, &a_cookie);
	KUNIT_EXPECT_GE(test, pit_count, 20);
}

static void self_ipi_is_delivered(struct kunit *test)
{
	unsigned int before = this_cpu_read(irq_stat.apic_irq_work_irqs);

	apic->send_IPI_self(IRQ_WORK_VECTOR);
	/* Interrupts are on: the IPI is taken before the next instructions. */
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_irq_work_irqs),
					     before + 1, KUNIT_HANG_MS), before + 1);
}

static void tpr_blocks_a_priority_class(struct kunit *test)
{
	unsigned int before = this_cpu_read(irq_stat.apic_irq_work_irqs);

	apic_write(APIC_TASKPRI, IRQ_WORK_VECTOR & 0xf0);	/* class 0xf masked */
	apic->send_IPI_self(IRQ_WORK_VECTOR);
	kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_irq_work_irqs), before + 1, 20);
	KUNIT_EXPECT_EQ(test, this_cpu_read(irq_stat.apic_irq_work_irqs), before);
	KUNIT_EXPECT_TRUE(test, apic_read_irr(IRQ_WORK_VECTOR));
	KUNIT_EXPECT_EQ(test, apic_read(APIC_PROCPRI) & 0xf0, IRQ_WORK_VECTOR & 0xf0);
	apic_write(APIC_TASKPRI, 0);
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_irq_work_irqs),
					     before + 1, KUNIT_HANG_MS), before + 1);
	KUNIT_EXPECT_FALSE(test, apic_read_irr(IRQ_WORK_VECTOR));
}

static volatile unsigned int nmis_seen;

static int count_nmi(struct notifier_block *nb, unsigned long val, void *data)
{
	if (val != DIE_NMI)
		return NOTIFY_DONE;
	nmis_seen++;
	return NOTIFY_STOP;
}

static void self_nmi_is_handled(struct kunit *test)
{
	struct notifier_block nb = { .notifier_call = count_nmi };
	unsigned int before = this_cpu_read(irq_stat.__nmi_count);

	nmis_seen = 0;
	register_die_notifier(&nb);
	apic_send_IPI(read_apic_id(), 0, APIC_DM_NMI);
	kunit_spin_for_count(&nmis_seen, 1, KUNIT_HANG_MS);
	unregister_die_notifier(&nb);
	KUNIT_EXPECT_EQ(test, nmis_seen, 1);
	KUNIT_EXPECT_EQ(test, this_cpu_read(irq_stat.__nmi_count), before + 1);
}

static void unowned_vector_is_counted_and_survived(struct kunit *test)
{
	unsigned int vector, err0 = irq_err_count, loc0;

	for (vector = FIRST_SYSTEM_VECTOR - 1; vector > ISA_IRQ_VECTOR(16); vector--)
		if (vector_irq_read(vector) == VECTOR_UNUSED)
			break;
	KUNIT_ASSERT_GT(test, vector, ISA_IRQ_VECTOR(16));
	apic->send_IPI_self(vector);
	kunit_spin_for_count(&irq_err_count, err0 + 1, KUNIT_HANG_MS);
	KUNIT_EXPECT_EQ(test, irq_err_count, err0 + 1);
	KUNIT_EXPECT_FALSE(test, apic_vector_in_service(vector));	/* it was acked */
	loc0 = loc_count();
	KUNIT_EXPECT_GT(test, kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_timer_irqs), loc0 + 2, KUNIT_HANG_MS), loc0 + 1);
}

static void spurious_vector_is_counted(struct kunit *test)
{
	unsigned int spu0 = this_cpu_read(irq_stat.irq_spurious_count);

	apic->send_IPI_self(SPURIOUS_APIC_VECTOR);
	KUNIT_EXPECT_EQ(test, kunit_spin_for_count(this_cpu_ptr(&irq_stat.irq_spurious_count),
					     spu0 + 1, KUNIT_HANG_MS), spu0 + 1);
	KUNIT_EXPECT_FALSE(test, apic_vector_in_service(SPURIOUS_APIC_VECTOR));
}

static volatile unsigned int stuck_calls;

static irqreturn_t stuck_line_interrupt(int irq, void *dev_id)
{
	stuck_calls++;
	return IRQ_NONE;	/* "not mine", while COM2 keeps asserting */
}

/*
 * The detector needs 100,000 interrupts with no 100 ms gap between two
 * unhandled ones; a host that stalls the vCPU restarts the count, which
 * only makes it take longer. So the wait lasts while the storm goes on and
 * gives up only when the handler stops being called for KUNIT_HANG_MS.
 */
static void wait_for_stuck_line_disabled(struct irq_desc *desc)
{
	unsigned int seen = stuck_calls;
	u64 end = rdtsc() + ms_to_tsc(KUNIT_HANG_MS);

	while (!irqd_irq_disabled(&desc->irq_data) && rdtsc() < end) {
		if (stuck_calls != seen) {
			seen = stuck_calls;
			end = rdtsc() + ms_to_tsc(KUNIT_HANG_MS);
		}
		cpu_relax();
	}
}

static void stuck_line_is_disabled_by_spurious_detector(struct kunit *test)
{
	struct irq_desc *desc = irq_to_desc(COM2_IRQ);
	unsigned int loc0;

	if (inb(COM2_BASE + 5) == 0xff) {
		KUNIT_FAIL(test, "no COM2: run QEMU with a second -serial");
		return;
	}
	stuck_calls = 0;
	KUNIT_ASSERT_EQ(test, request_irq(COM2_IRQ, stuck_line_interrupt, 0, "stuck", &b_cookie), 0);
	/* Level-triggered, so the IOAPIC redelivers while the UART asserts. */
	KUNIT_ASSERT_EQ(test, irq_set_irq_type(COM2_IRQ, IRQ_TYPE_LEVEL_HIGH), 0);
	outb(UART_IER_THRI, COM2_BASE + UART_IER);
	wait_for_stuck_line_disabled(desc);
	outb(0, COM2_BASE + UART_IER);
	KUNIT_EXPECT_TRUE(test, irqd_irq_disabled(&desc->irq_data));
	KUNIT_EXPECT_GE(test, stuck_calls, 99900);
	loc0 = loc_count();
	KUNIT_EXPECT_GT(test, kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_timer_irqs), loc0 + 2, KUNIT_HANG_MS), loc0 + 1);
	free_irq(COM2_IRQ, &b_cookie);
	irq_set_irq_type(COM2_IRQ, IRQ_TYPE_EDGE_RISING);
}

/*
 * Instruction cost of a self-IPI: send, entry, dispatch, EOI, return.
 * Each IPI is waited for before the next is sent: on a CPU that does not
 * take it at the next instruction (KVM), a second send while the first is
 * still in IRR would merge with it.
 */
static void self_ipi_round_trip_cost(struct kunit *test)
{
	unsigned int before = this_cpu_read(irq_stat.apic_irq_work_irqs);
	u64 best = ~0ULL, t0, t1;
	int i;

	for (i = 0; i < 64; i++) {
		t0 = rdtsc_ordered();
		apic->send_IPI_self(IRQ_WORK_VECTOR);
		t1 = rdtsc_ordered();
		if (t1 - t0 < best)
			best = t1 - t0;
		kunit_spin_for_count(this_cpu_ptr(&irq_stat.apic_irq_work_irqs), before + i + 1, KUNIT_HANG_MS);
	}
	pr_info("apic: self-IPI round trip: %llu TSC cycles (instructions under -icount shift=0)\n", best);
	KUNIT_EXPECT_EQ(test, this_cpu_read(irq_stat.apic_irq_work_irqs), before + 64);
}

static struct kunit_case apic_test_cases[] = {
	KUNIT_CASE(lapic_timer_ticks_at_hz),
	KUNIT_CASE(lapic_timer_oneshot_fires_once),
	KUNIT_CASE(lapic_clockevent_registered_per_online_cpu),
	KUNIT_CASE(rtc_irq8_through_ioapic_shared),
	KUNIT_CASE(pit_irq0_arrives_on_gsi2),
	KUNIT_CASE(self_ipi_is_delivered),
	KUNIT_CASE(tpr_blocks_a_priority_class),
	KUNIT_CASE(self_nmi_is_handled),
	KUNIT_CASE(unowned_vector_is_counted_and_survived),
	KUNIT_CASE(spurious_vector_is_counted),
	KUNIT_CASE(stuck_line_is_disabled_by_spurious_detector),
	KUNIT_CASE(self_ipi_round_trip_cost),
	{}
};

static struct kunit_suite apic_test_suite = {
	.name = "apic",
	.test_cases = apic_test_cases,
};
kunit_test_suite(apic_test_suite);
