// SPDX-License-Identifier: MIT
/* unit-test-sources: kernel/irq/irqdesc.c kernel/irq/chip.c kernel/irq/handle.c kernel/irq/manage.c kernel/irq/resend.c kernel/irq/spurious.c kernel/irq/irqdomain.c kernel/irq/dummychip.c kernel/softirq.c kernel/sched/cputime.c kernel/cpu.c fs/seq_file.c lib/bitmap-str.c */
/*
 * The generic IRQ layer against a fake irq_chip that records what it is
 * asked to do: the flow handlers' ack/mask/unmask/EOI sequences, lazy
 * disable with replay of edges, disable depth, sharing rules, the
 * spurious-interrupt detector, and the hard-IRQ context bookkeeping.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>

#include "irq_harness.h"
#include "../../kernel/irq/internals.h"

static unsigned int handled, calls_a, calls_b;
static unsigned int line;
static irqreturn_t answer_a = IRQ_HANDLED, answer_b = IRQ_HANDLED;
static bool was_in_hardirq, irqs_were_disabled;

static irqreturn_t handler_a(int irq, void *dev)
{
	calls_a++;
	was_in_hardirq = in_hardirq();
	return answer_a;
}

static irqreturn_t handler_b(int irq, void *dev)
{
	calls_b++;
	irqs_were_disabled = irqs_disabled();
	return answer_b;
}

static int group_setup(void **state)
{
	early_irq_init();
	return 0;
}

static int setup(void **state)
{
	host_log_reset();
	fake_chip_take();
	fake_can_retrigger = 0;
	handled = calls_a = calls_b = 0;
	answer_a = answer_b = IRQ_HANDLED;
	host_clock_ns = 1000000000ULL;
	line = 0;
	return 0;
}

static int teardown(void **state)
{
	if (line)
		irq_free_descs(line, 1);
	return 0;
}

static struct irq_desc *desc_of(unsigned int irq)
{
	return irq_to_desc(irq);
}

/* --- flow handlers ----------------------------------------------------------- */

static void edge_irq_while_disabled_is_pending_and_replayed_on_enable(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, handler_a, 0, "dev", &calls_a), 0);
	assert_string_equal(fake_chip_take(), "unmask ");

	disable_irq(line);
	assert_string_equal(fake_chip_take(), "");	/* lazy: no chip access */
	fire(line);
	assert_int_equal(calls_a, 0);
	assert_true(desc_of(line)->istate & IRQS_PENDING);
	assert_string_equal(fake_chip_take(), "mask ack ");

	/* The chip cannot retrigger: the core replays it in software. */
	enable_irq(line);
	assert_string_equal(fake_chip_take(), "unmask retrigger ack ");
	assert_int_equal(calls_a, 1);
	assert_false(desc_of(line)->istate & (IRQS_PENDING | IRQS_REPLAY));
	free_irq(line, &calls_a);
}

static void edge_replay_prefers_chip_retrigger(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, handler_a, 0, "dev", &calls_a), 0);
	disable_irq(line);
	fire(line);
	fake_chip_take();
	fake_can_retrigger = 1;
	enable_irq(line);
	assert_string_equal(fake_chip_take(), "unmask retrigger ");
	assert_int_equal(calls_a, 0);		/* the hardware will raise it */
	assert_true(desc_of(line)->istate & IRQS_REPLAY);
	fire(line);				/* ... and it arrives */
	assert_int_equal(calls_a, 1);
	assert_false(desc_of(line)->istate & IRQS_REPLAY);
	free_irq(line, &calls_a);
}

/* Stands for a second CPU taking the same edge while the first runs it. */
static irqreturn_t edge_reentering_handler(int irq, void *dev)
{
	if (calls_a++ == 0)
		generic_handle_irq(irq);
	return IRQ_HANDLED;
}

static void edge_irq_during_handler_is_replayed(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, edge_reentering_handler, 0, "dev", &calls_a), 0);
	fake_chip_take();
	fire(line);
	assert_int_equal(calls_a, 2);
	assert_string_equal(fake_chip_take(), "ack mask ack unmask ");
	assert_int_equal(kstat_irqs_cpu(line, 0), 1);
	assert_false(irqd_irq_masked(&desc_of(line)->irq_data));
	free_irq(line, &calls_a);
}

static void level_irq_masks_and_acks_then_unmasks(void **state)
{
	line = fake_line(handle_level_irq, "level");
	assert_int_equal(request_irq(line, handler_a, 0, "dev", &calls_a), 0);
	fake_chip_take();
	fire(line);
	assert_int_equal(calls_a, 1);
	assert_string_equal(fake_chip_take(), "mask ack unmask ");
	free_irq(line, &calls_a);
}

static irqreturn_t disabling_handler(int irq, void *dev)
{
	calls_a++;
	disable_irq_nosync(irq);
	return IRQ_HANDLED;
}

static void level_irq_stays_masked_when_disabled_meanwhile(void **state)
{
	line = fake_line(handle_level_irq, "level");
	assert_int_equal(request_irq(line, disabling_handler, 0, "dev", &calls_a), 0);
	fake_chip_take();
	fire(line);
	assert_string_equal(fake_chip_take(), "mask ack ");
	assert_true(irqd_irq_masked(&desc_of(line)->irq_data));

	/* A level is still asserted when unmasked: no replay, ever. */
	enable_irq(line);
	assert_string_equal(fake_chip_take(), "unmask ");
	assert_int_equal(calls_a, 1);
	free_irq(line, &calls_a);
}

static void fasteoi_irq_sends_eoi_once(void **state)
{
	line = fake_line(handle_fasteoi_irq, "fasteoi");
	assert_int_equal(request_irq(line, handler_a, 0, "dev", &calls_a), 0);
	fake_chip_take();

	fire(line);
	assert_string_equal(fake_chip_take(), "eoi ");
	answer_a = IRQ_NONE;
	fire(line);
	assert_string_equal(fake_chip_take(), "eoi ");

	/* Disabled: masked and marked pending, still exactly one EOI. */
	disable_irq(line);
	fire(line);
	assert_string_equal(fake_chip_take(), "mask eoi ");
	assert_int_equal(calls_a, 2);
	assert_true(desc_of(line)->istate & IRQS_PENDING);
	free_irq(line, &calls_a);
}

static void percpu_irq_acks_runs_and_eois(void **state)
{
	line = fake_line(handle_percpu_irq, "percpu");
	assert_int_equal(request_irq(line, handler_a, IRQF_PERCPU | IRQF_TIMER, "timer", &calls_a), 0);
	fake_chip_take();
	fire(line);
	assert_string_equal(fake_chip_take(), "ack eoi ");
	assert_int_equal(calls_a, 1);
	assert_int_equal(kstat_irqs_cpu(line, 0), 1);
	assert_int_equal(desc_of(line)->tot_count, 0);	/* per-CPU: not serialised */
	free_irq(line, &calls_a);
}

static void line_without_handler_is_reported_as_bad(void **state)
{
	line = fake_line(NULL, NULL);
	fire(line);
	assert_true(host_log_contains("unexpected IRQ trap"));
	assert_int_equal(kstat_irqs_cpu(line, 0), 1);
}

/* --- enable / disable --------------------------------------------------------- */

static void disable_irq_nests_depth(void **state)
{
	struct irq_desc *desc;

	line = fake_line(handle_edge_irq, "edge");
	desc = desc_of(line);
	assert_int_equal(desc->depth, 1);		/* not yet started */
	assert_int_equal(request_irq(line, handler_a, 0, "dev", &calls_a), 0);
	assert_int_equal(desc->depth, 0);

	disable_irq(line);
	disable_irq_nosync(line);
	assert_int_equal(desc->depth, 2);
	enable_irq(line);
	assert_int_equal(desc->depth, 1);
	assert_true(irqd_irq_disabled(&desc->irq_data));
	fire(line);
	assert_int_equal(calls_a, 0);
	enable_irq(line);
	assert_int_equal(desc->depth, 0);
	assert_false(irqd_irq_disabled(&desc->irq_data));
	assert_int_equal(calls_a, 1);			/* the edge was kept */
	free_irq(line, &calls_a);
}

static void unbalanced_enable_warns(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, handler_a, 0, "dev", &calls_a), 0);
	enable_irq(line);
	assert_int_equal(host_warn_count, 1);
	assert_true(host_log_contains("Unbalanced enable for IRQ"));
	assert_int_equal(desc_of(line)->depth, 0);
	free_irq(line, &calls_a);
}

static void no_autoen_line_starts_on_enable(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, handler_a, IRQF_NO_AUTOEN, "dev", &calls_a), 0);
	assert_false(irqd_is_started(&desc_of(line)->irq_data));
	assert_int_equal(desc_of(line)->depth, 1);
	enable_irq(line);
	assert_true(irqd_is_started(&desc_of(line)->irq_data));
	assert_int_equal(host_warn_count, 0);
	free_irq(line, &calls_a);
}

/* --- request / free ------------------------------------------------------------ */

static void shared_line_calls_every_action(void **state)
{
	line = fake_line(handle_fasteoi_irq, "fasteoi");
	assert_int_equal(request_irq(line, handler_a, IRQF_SHARED, "a", &calls_a), 0);
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED, "b", &calls_b), 0);
	answer_a = IRQ_NONE;			/* not a's device this time */
	fire(line);
	assert_int_equal(calls_a, 1);
	assert_int_equal(calls_b, 1);
	assert_int_equal(desc_of(line)->irqs_unhandled, 0);	/* b handled it */
	assert_int_equal(kstat_irqs_cpu(line, 0), 1);
	assert_string_equal(free_irq(line, &calls_a), "a");
	fire(line);
	assert_int_equal(calls_a, 1);
	assert_int_equal(calls_b, 2);
	assert_string_equal(free_irq(line, &calls_b), "b");
}

static void shared_irq_requires_agreement(void **state)
{
	line = fake_line(handle_fasteoi_irq, "fasteoi");
	assert_int_equal(request_irq(line, handler_a, IRQF_SHARED | IRQF_TRIGGER_HIGH,
				     "a", &calls_a), 0);
	assert_int_equal(irqd_get_trigger_type(&desc_of(line)->irq_data), IRQ_TYPE_LEVEL_HIGH);
	assert_true(irqd_is_level_type(&desc_of(line)->irq_data));

	assert_int_equal(request_irq(line, handler_b, IRQF_TRIGGER_HIGH, "b", &calls_b), -EBUSY);
	assert_true(host_log_contains("Flags mismatch irq"));
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED | IRQF_TRIGGER_RISING,
				     "b", &calls_b), -EBUSY);
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED | IRQF_TRIGGER_HIGH |
				     IRQF_PERCPU, "b", &calls_b), -EBUSY);
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED | IRQF_TRIGGER_HIGH |
				     IRQF_ONESHOT, "b", &calls_b), -EBUSY);
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED | IRQF_TRIGGER_HIGH,
				     "b", NULL), -EINVAL);	/* shared needs a dev_id */
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED | IRQF_TRIGGER_HIGH,
				     "b", &calls_b), 0);
	free_irq(line, &calls_b);
	free_irq(line, &calls_a);
}

static void request_refuses_what_cannot_work(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	/* Without a thread_fn's hard half, the line must stay masked for the thread. */
	assert_int_equal(request_threaded_irq(line, NULL, handler_b, 0, "t", &calls_a), -EINVAL);
	/* The host has no threads to give: kthread_create()'s error comes back. */
	assert_int_equal(request_threaded_irq(line, handler_a, handler_b, 0, "t", &calls_a), -ENOSYS);
	assert_int_equal(request_irq(line, NULL, 0, "none", &calls_a), -EINVAL);
	assert_int_equal(request_irq(NR_IRQS + 5, handler_a, 0, "far", &calls_a), -EINVAL);
	assert_int_equal(request_irq(IRQ_NOTCONNECTED, handler_a, 0, "nc", &calls_a), -ENOTCONN);
	irq_set_chip(line, NULL);
	assert_int_equal(request_irq(line, handler_a, 0, "nochip", &calls_a), -ENOSYS);
	assert_null(desc_of(line)->action);
}

static void free_irq_last_action_shuts_line_down(void **state)
{
	struct irq_desc *desc;

	line = fake_line(handle_edge_irq, "edge");
	desc = desc_of(line);
	assert_int_equal(request_irq(line, handler_a, IRQF_SHARED, "a", &calls_a), 0);
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED, "b", &calls_b), 0);
	fake_chip_take();
	free_irq(line, &calls_a);
	assert_string_equal(fake_chip_take(), "");
	assert_true(irqd_is_started(&desc->irq_data));

	assert_string_equal(free_irq(line, &calls_b), "b");
	assert_string_equal(fake_chip_take(), "shutdown ");
	assert_false(irqd_is_started(&desc->irq_data));
	assert_true(irqd_irq_disabled(&desc->irq_data));
	assert_true(irqd_irq_masked(&desc->irq_data));
	assert_false(irqd_is_activated(&desc->irq_data));
	assert_int_equal(desc->depth, 1);
	assert_null(desc->action);
}

static void free_irq_unknown_dev_id_warns(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, handler_a, 0, "a", &calls_a), 0);
	assert_null(free_irq(line, &calls_b));
	assert_int_equal(host_warn_count, 1);
	assert_true(host_log_contains("Trying to free already-free IRQ"));
	free_irq(line, &calls_a);
}

/* --- handle.c ------------------------------------------------------------------- */

static irqreturn_t irq_enabling_handler(int irq, void *dev)
{
	local_irq_enable();
	return IRQ_HANDLED;
}

static void handler_enabling_irqs_warns(void **state)
{
	line = fake_line(handle_fasteoi_irq, "fasteoi");
	assert_int_equal(request_irq(line, irq_enabling_handler, IRQF_SHARED, "bad", &calls_a), 0);
	assert_int_equal(request_irq(line, handler_b, IRQF_SHARED, "b", &calls_b), 0);
	fire(line);
	assert_int_equal(host_warn_count, 1);
	assert_true(host_log_contains("enabled interrupts"));
	assert_true(irqs_were_disabled);	/* the core turned them off again */
	free_irq(line, &calls_a);
	free_irq(line, &calls_b);
}

static void wake_thread_without_thread_warns(void **state)
{
	line = fake_line(handle_fasteoi_irq, "fasteoi");
	answer_a = IRQ_WAKE_THREAD;
	assert_int_equal(request_irq(line, handler_a, 0, "waker", &calls_a), 0);
	fire(line);
	assert_true(host_log_contains("returned IRQ_WAKE_THREAD but no thread function"));
	assert_int_equal(desc_of(line)->irqs_unhandled, 0);
	free_irq(line, &calls_a);
}

/* --- spurious.c ------------------------------------------------------------------- */

static void irq_none_is_counted_as_unhandled(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	answer_a = IRQ_NONE;
	assert_int_equal(request_irq(line, handler_a, 0, "quiet", &calls_a), 0);
	fire_n(line, 3);
	assert_int_equal(desc_of(line)->irqs_unhandled, 3);
	answer_a = IRQ_HANDLED;
	fire(line);
	assert_int_equal(desc_of(line)->irqs_unhandled, 3);
	assert_int_equal(desc_of(line)->irq_count, 4);
	free_irq(line, &calls_a);
}

static void unhandled_count_restarts_after_100ms(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	answer_a = IRQ_NONE;
	assert_int_equal(request_irq(line, handler_a, 0, "quiet", &calls_a), 0);
	fire_n(line, 5);
	host_clock_ns += 100 * 1000 * 1000;	/* exactly 100 ms: still counts */
	fire(line);
	assert_int_equal(desc_of(line)->irqs_unhandled, 6);
	host_clock_ns += 100 * 1000 * 1000 + 1;
	fire(line);
	assert_int_equal(desc_of(line)->irqs_unhandled, 1);
	free_irq(line, &calls_a);
}

/* @unhandled IRQ_NONE answers, then handled ones to fill a 100,000 window. */
static void run_window(unsigned int unhandled)
{
	answer_a = IRQ_NONE;
	fire_n(line, unhandled);
	answer_a = IRQ_HANDLED;
	fire_n(line, 100000 - unhandled);
}

static void nobody_cared_disables_line_after_99900_of_100000(void **state)
{
	struct irq_desc *desc;

	line = fake_line(handle_edge_irq, "edge");
	desc = desc_of(line);
	assert_int_equal(request_irq(line, handler_a, 0, "stuck", &calls_a), 0);
	run_window(99901);
	assert_true(host_log_contains("nobody cared (try booting with the \"irqpoll\" option)"));
	assert_true(host_log_contains("handlers:"));
	assert_true(host_log_contains("Disabling IRQ #"));
	assert_true(desc->istate & IRQS_SPURIOUS_DISABLED);
	assert_true(irqd_irq_disabled(&desc->irq_data));
	assert_int_equal(desc->depth, 1);
	assert_int_equal(desc->irqs_unhandled, 0);

	fire(line);				/* the next one is masked off */
	assert_true(irqd_irq_masked(&desc->irq_data));
	free_irq(line, &calls_a);
}

static void mostly_handled_line_is_not_disabled(void **state)
{
	struct irq_desc *desc;
	unsigned int i;

	line = fake_line(handle_edge_irq, "edge");
	desc = desc_of(line);
	assert_int_equal(request_irq(line, handler_a, 0, "busy", &calls_a), 0);
	run_window(99900);			/* the limit itself is tolerated */
	for (i = 0; i < 200000; i++) {		/* one in ten unanswered */
		answer_a = i % 10 ? IRQ_HANDLED : IRQ_NONE;
		fire(line);
	}
	assert_false(host_log_contains("nobody cared"));
	assert_false(desc->istate & IRQS_SPURIOUS_DISABLED);
	assert_false(irqd_irq_disabled(&desc->irq_data));
	free_irq(line, &calls_a);
}

static void bogus_return_value_is_reported(void **state)
{
	line = fake_line(handle_edge_irq, "edge");
	answer_a = (irqreturn_t)0x10;
	assert_int_equal(request_irq(line, handler_a, 0, "odd", &calls_a), 0);
	fire(line);
	assert_true(host_log_contains("bogus return value 10"));
	free_irq(line, &calls_a);
}

/* --- hard-IRQ context --------------------------------------------------------------- */

static void preempt_count_has_linux_layout(void **state)
{
	assert_int_equal(PREEMPT_MASK, 0x000000ff);
	assert_int_equal(SOFTIRQ_MASK, 0x0000ff00);
	assert_int_equal(HARDIRQ_MASK, 0x000f0000);
	assert_int_equal(NMI_MASK, 0x00f00000);
	assert_int_equal(SOFTIRQ_DISABLE_OFFSET, 0x200);
	assert_int_equal(HARDIRQ_OFFSET, 0x10000);
	assert_int_equal(NMI_OFFSET, 0x100000);
}

static void irq_enter_and_exit_bracket_hardirq_context(void **state)
{
	int before = preempt_count();
	unsigned long flags;

	assert_true(in_task());
	assert_false(in_interrupt());
	local_irq_save(flags);
	irq_enter();
	assert_true(in_hardirq());
	assert_true(in_interrupt());
	assert_false(in_task());
	assert_int_equal(irq_count(), HARDIRQ_OFFSET);
	nmi_enter();
	assert_true(in_nmi());
	assert_int_equal(hardirq_count(), 2 * HARDIRQ_OFFSET);
	nmi_exit();
	irq_exit();
	local_irq_restore(flags);
	assert_int_equal(preempt_count(), before);

	line = fake_line(handle_edge_irq, "edge");
	assert_int_equal(request_irq(line, handler_a, 0, "ctx", &calls_a), 0);
	fire(line);
	assert_true(was_in_hardirq);
	free_irq(line, &calls_a);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(edge_irq_while_disabled_is_pending_and_replayed_on_enable),
		T(edge_replay_prefers_chip_retrigger),
		T(edge_irq_during_handler_is_replayed),
		T(level_irq_masks_and_acks_then_unmasks),
		T(level_irq_stays_masked_when_disabled_meanwhile),
		T(fasteoi_irq_sends_eoi_once),
		T(percpu_irq_acks_runs_and_eois),
		T(line_without_handler_is_reported_as_bad),
		T(disable_irq_nests_depth),
		T(unbalanced_enable_warns),
		T(no_autoen_line_starts_on_enable),
		T(shared_line_calls_every_action),
		T(shared_irq_requires_agreement),
		T(request_refuses_what_cannot_work),
		T(free_irq_last_action_shuts_line_down),
		T(free_irq_unknown_dev_id_warns),
		T(handler_enabling_irqs_warns),
		T(wake_thread_without_thread_warns),
		T(irq_none_is_counted_as_unhandled),
		T(unhandled_count_restarts_after_100ms),
		T(nobody_cared_disables_line_after_99900_of_100000),
		T(mostly_handled_line_is_not_disabled),
		T(bogus_return_value_is_reported),
		T(preempt_count_has_linux_layout),
		T(irq_enter_and_exit_bracket_hardirq_context),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
