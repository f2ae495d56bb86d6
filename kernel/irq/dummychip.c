// SPDX-License-Identifier: MIT
/*
 * The two placeholder chips: no_irq_chip, which every descriptor has until
 * a real chip is set (acking it reports the interrupt as unexpected), and
 * dummy_irq_chip, for lines that need no hardware action at all (a
 * software-only line, or one whose controller is handled elsewhere).
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include "internals.h"

static void ack_bad(struct irq_data *data)
{
	struct irq_desc *desc = irq_data_to_desc(data);

	print_irq_desc(data->irq, desc);
	ack_bad_irq(data->irq);
}

static void noop(struct irq_data *data)
{
}

static unsigned int noop_ret(struct irq_data *data)
{
	return 0;
}

struct irq_chip no_irq_chip = {
	.name		= "none",
	.irq_startup	= noop_ret,
	.irq_shutdown	= noop,
	.irq_enable	= noop,
	.irq_disable	= noop,
	.irq_ack	= ack_bad,
	.flags		= IRQCHIP_SKIP_SET_WAKE,
};

struct irq_chip dummy_irq_chip = {
	.name		= "dummy",
	.irq_startup	= noop_ret,
	.irq_shutdown	= noop,
	.irq_enable	= noop,
	.irq_disable	= noop,
	.irq_ack	= noop,
	.irq_mask	= noop,
	.irq_unmask	= noop,
	.flags		= IRQCHIP_SKIP_SET_WAKE,
};
