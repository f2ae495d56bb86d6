// SPDX-License-Identifier: MIT
/*
 * KUnit suite "irq" (reflex.test=irq): the generic IRQ layer inside the
 * booted kernel, on lines driven by a software-only chip — no controller
 * is touched, interrupts are "raised" by calling generic_handle_irq()
 * between irq_enter() and irq_exit() as common_interrupt does. The host
 * tests (tests/unit/test_irq.c, test_irqdomain.c) pin the finer flow
 * semantics; this suite shows they hold with the kernel's real per-CPU
 * data, locks and printk.
 */
#include <kunit/test.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <linux/seq_file.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include "internals.h"

static unsigned int soft_acks, soft_masks, soft_unmasks;

static void soft_ack(struct irq_data *d)	{ soft_acks++; }
static void soft_mask(struct irq_data *d)	{ soft_masks++; }
static void soft_unmask(struct irq_data *d)	{ soft_unmasks++; }

static struct irq_chip soft_irq_chip = {
	.name		= "soft",
	.irq_ack	= soft_ack,
	.irq_mask	= soft_mask,
	.irq_unmask	= soft_unmask,
};

static unsigned int calls_a, calls_b;
static bool saw_hardirq;
static irqreturn_t answer = IRQ_HANDLED;

static irqreturn_t soft_handler_a(int irq, void *dev)
{
	calls_a++;
	saw_hardirq = in_hardirq() && irqs_disabled();
	return answer;
}

static irqreturn_t soft_handler_b(int irq, void *dev)
{
	calls_b++;
	return IRQ_HANDLED;
}

static void raise_soft_irq(unsigned int irq)
{
	unsigned long flags;

	local_irq_save(flags);
	irq_enter();
	generic_handle_irq(irq);
	irq_exit();
	local_irq_restore(flags);
}

static unsigned int soft_line(struct kunit *test)
{
	int irq = irq_alloc_desc(NUMA_NO_NODE);

	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_chip_and_handler_name(irq, &soft_irq_chip, handle_edge_irq, "edge");
	calls_a = calls_b = 0;
	answer = IRQ_HANDLED;
	return irq;
}

static void irq_request_and_free(struct kunit *test)
{
	unsigned int irq = soft_line(test);
	struct irq_desc *desc = irq_to_desc(irq);

	KUNIT_EXPECT_FALSE(test, irq_has_action(irq));
	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_a, 0, "kunit-a", &calls_a), 0);
	KUNIT_EXPECT_TRUE(test, irq_has_action(irq));
	KUNIT_EXPECT_TRUE(test, irqd_is_started(&desc->irq_data));
	KUNIT_EXPECT_EQ(test, desc->depth, 0);
	KUNIT_EXPECT_STREQ(test, (const char *)free_irq(irq, &calls_a), "kunit-a");
	KUNIT_EXPECT_FALSE(test, irq_has_action(irq));
	KUNIT_EXPECT_FALSE(test, irqd_is_started(&desc->irq_data));
	irq_free_desc(irq);
}

static void irq_shared_line_runs_every_action(struct kunit *test)
{
	unsigned int irq = soft_line(test);

	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_a, IRQF_SHARED, "kunit-a", &calls_a), 0);
	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_b, IRQF_SHARED, "kunit-b", &calls_b), 0);
	KUNIT_EXPECT_EQ(test, request_irq(irq, soft_handler_b, 0, "kunit-c", &answer), -EBUSY);
	raise_soft_irq(irq);
	KUNIT_EXPECT_EQ(test, calls_a, 1);
	KUNIT_EXPECT_EQ(test, calls_b, 1);
	free_irq(irq, &calls_a);
	free_irq(irq, &calls_b);
	irq_free_desc(irq);
}

static void irq_disable_depth_keeps_the_edge(struct kunit *test)
{
	unsigned int irq = soft_line(test);
	struct irq_desc *desc = irq_to_desc(irq);

	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_a, 0, "kunit-a", &calls_a), 0);
	disable_irq(irq);
	disable_irq(irq);
	enable_irq(irq);
	KUNIT_EXPECT_EQ(test, desc->depth, 1);
	raise_soft_irq(irq);
	KUNIT_EXPECT_EQ(test, calls_a, 0);
	KUNIT_EXPECT_TRUE(test, desc->istate & IRQS_PENDING);
	enable_irq(irq);
	KUNIT_EXPECT_EQ(test, desc->depth, 0);
	KUNIT_EXPECT_EQ(test, calls_a, 1);	/* replayed on enable */
	free_irq(irq, &calls_a);
	irq_free_desc(irq);
}

static void irq_generic_handle_irq_runs_handler_and_counts(struct kunit *test)
{
	unsigned int irq = soft_line(test);
	unsigned int cpu = smp_processor_id();
	unsigned int acks = soft_acks;

	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_a, 0, "kunit-a", &calls_a), 0);
	KUNIT_EXPECT_EQ(test, kstat_irqs_cpu(irq, cpu), 0);
	raise_soft_irq(irq);
	raise_soft_irq(irq);
	KUNIT_EXPECT_EQ(test, calls_a, 2);
	KUNIT_EXPECT_TRUE(test, saw_hardirq);
	KUNIT_EXPECT_EQ(test, kstat_irqs_cpu(irq, cpu), 2);
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr(irq), 2);
	KUNIT_EXPECT_EQ(test, soft_acks - acks, 2);
	KUNIT_EXPECT_TRUE(test, in_task());
	KUNIT_EXPECT_EQ(test, generic_handle_irq(NR_IRQS + 1), -EINVAL);
	free_irq(irq, &calls_a);
	irq_free_desc(irq);
}

static void irq_spurious_detector_disables_stuck_line(struct kunit *test)
{
	unsigned int irq = soft_line(test);
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned int i;

	answer = IRQ_NONE;
	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_a, 0, "kunit-stuck", &calls_a), 0);
	for (i = 0; i < 100000 && !irqd_irq_disabled(&desc->irq_data); i++)
		raise_soft_irq(irq);
	KUNIT_EXPECT_EQ(test, i, 100000);
	raise_soft_irq(irq);
	if (noirqdebug) {
		/* Booted with "noirqdebug": the detector must stay out of the way. */
		KUNIT_EXPECT_FALSE(test, irqd_irq_disabled(&desc->irq_data));
		KUNIT_EXPECT_EQ(test, calls_a, 100001);
	} else {
		KUNIT_EXPECT_TRUE(test, desc->istate & IRQS_SPURIOUS_DISABLED);
		KUNIT_EXPECT_TRUE(test, irqd_irq_disabled(&desc->irq_data));
		KUNIT_EXPECT_EQ(test, desc->depth, 1);
		KUNIT_EXPECT_EQ(test, calls_a, 100000);
	}
	free_irq(irq, &calls_a);
	irq_free_desc(irq);
}

static char proc_buf[4096];

static void irq_proc_interrupts_lists_the_line(struct kunit *test)
{
	unsigned int irq = soft_line(test);
	struct seq_file m;
	char row[64 + 11 * NR_CPUS];
	unsigned int cpu;
	loff_t pos;
	int len;

	KUNIT_ASSERT_EQ(test, request_irq(irq, soft_handler_a, 0, "kunit-a", &calls_a), 0);
	raise_soft_irq(irq);
	seq_file_init(&m, proc_buf, sizeof(proc_buf));
	for (pos = 0; pos < nr_irqs; pos++)
		show_interrupts(&m, &pos);
	/* One count column per online CPU; the test raised it on this one. */
	len = snprintf(row, sizeof(row), "%3u: ", irq);
	for_each_online_cpu(cpu)
		len += snprintf(row + len, sizeof(row) - len, "%10u ",
				cpu == smp_processor_id() ? 1 : 0);
	snprintf(row + len, sizeof(row) - len, "     soft    -edge      kunit-a\n");
	KUNIT_EXPECT_TRUE(test, strstr(proc_buf, row) != NULL);
	KUNIT_EXPECT_TRUE(test, !strncmp(proc_buf, "           CPU0", 15));
	free_irq(irq, &calls_a);
	irq_free_desc(irq);
}

static int irq_suite_init(struct kunit_suite *suite)
{
	return early_irq_init();
}

static struct kunit_case irq_test_cases[] = {
	KUNIT_CASE(irq_request_and_free),
	KUNIT_CASE(irq_shared_line_runs_every_action),
	KUNIT_CASE(irq_disable_depth_keeps_the_edge),
	KUNIT_CASE(irq_generic_handle_irq_runs_handler_and_counts),
	KUNIT_CASE(irq_spurious_detector_disables_stuck_line),
	KUNIT_CASE(irq_proc_interrupts_lists_the_line),
	{}
};

static struct kunit_suite irq_test_suite = {
	.name = "irq",
	.suite_init = irq_suite_init,
	.test_cases = irq_test_cases,
};
kunit_test_suite(irq_test_suite);
