// SPDX-License-Identifier: MIT
/*
 * KUnit suite "pic" (boot with noapic): the ISA IRQs on the 8259 pair.
 * The RTC's IRQ 8 arrives through the slave and the cascade, and an IRQ 7
 * with nothing in service — what the 8259 reports when a request vanishes
 * before the CPU's acknowledge — is counted and never reaches a handler.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/i8259.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/tsc.h>

static volatile unsigned int calls;
static int cookie;

static irqreturn_t count_interrupt(int irq, void *dev_id)
{
	calls++;
	if (irq == 8) {
		outb(0x0c, 0x70);	/* RTC register C: ack */
		inb(0x71);
	}
	return IRQ_HANDLED;
}


static void pic_carries_isa_irqs(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, i8259A_in_use);
}

static void rtc_irq8_through_the_cascade(struct kunit *test)
{
	calls = 0;
	KUNIT_ASSERT_EQ(test, request_irq(8, count_interrupt, 0, "rtc0", &cookie), 0);
	outb(0x0a, 0x70);
	outb((inb(0x71) & 0xf0) | 6, 0x71);	/* 1024 Hz */
	outb(0x0b, 0x70);
	outb(inb(0x71) | 0x40, 0x71);		/* periodic interrupt enable */
	kunit_spin_for_count(&calls, 20, KUNIT_HANG_MS);
	outb(0x0b, 0x70);
	outb(inb(0x71) & ~0x40, 0x71);
	free_irq(8, &cookie);
	KUNIT_EXPECT_GE(test, calls, 20);
}

static void phantom_irq7_is_counted_not_dispatched(struct kunit *test)
{
	unsigned int spurious0 = i8259A_spurious_count, err0 = irq_err_count;

	calls = 0;
	KUNIT_ASSERT_EQ(test, request_irq(7, count_interrupt, 0, "parport0", &cookie), 0);
	/* Vector 0x37 arrives while the 8259 has nothing in service for IR7. */
	apic->send_IPI_self(ISA_IRQ_VECTOR(7));
	free_irq(7, &cookie);
	KUNIT_EXPECT_EQ(test, i8259A_spurious_count, spurious0 + 1);
	KUNIT_EXPECT_EQ(test, irq_err_count, err0 + 1);
	KUNIT_EXPECT_EQ(test, calls, 0);
}

static struct kunit_case pic_test_cases[] = {
	KUNIT_CASE(pic_carries_isa_irqs),
	KUNIT_CASE(rtc_irq8_through_the_cascade),
	KUNIT_CASE(phantom_irq7_is_counted_not_dispatched),
	{}
};

static struct kunit_suite pic_test_suite = {
	.name = "pic",
	.test_cases = pic_test_cases,
	.explicit_only = true,	/* needs noapic */
};
kunit_test_suite(pic_test_suite);
