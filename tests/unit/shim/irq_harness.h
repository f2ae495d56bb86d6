/* SPDX-License-Identifier: MIT */
#ifndef _UNIT_SHIM_IRQ_HARNESS_H
#define _UNIT_SHIM_IRQ_HARNESS_H

/*
 * A fake machine for the generic IRQ layer tests: one CPU, kmalloc() from
 * the host heap, a clock the test sets (host_clock_ns, what local_clock()
 * returns), and a software irq_chip that records every operation in
 * order in fake_chip_log ("mask ack unmask eoi "). Interrupts are raised
 * with fire(), which enters hard-IRQ context the way arch entry code
 * does. Only for tests that link the kernel/irq sources.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/interrupt.h>

u64 host_clock_ns;

u64 sched_clock(void)
{
	return host_clock_ns;
}

void dump_stack(void)
{
}

void *kmalloc(size_t size, gfp_t gfp)
{
	return malloc(size ? size : 1);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size ? size : 1);
}

void kfree(const void *ptr)
{
	free((void *)ptr);
}

static char fake_chip_log[4096];
static int fake_can_retrigger;	/* what irq_retrigger answers: 1 = done in hardware */

static void fake_log(const char *what)
{
	size_t len = strlen(fake_chip_log);

	/* A long run only needs its start recorded. */
	if (len + strlen(what) + 2 > sizeof(fake_chip_log))
		return;
	strcat(fake_chip_log, what);
	strcat(fake_chip_log, " ");
}

/* The operations recorded since the last call, then a fresh log. */
static inline const char *fake_chip_take(void)
{
	static char taken[sizeof(fake_chip_log)];

	strcpy(taken, fake_chip_log);
	fake_chip_log[0] = '\0';
	return taken;
}

static void fake_ack(struct irq_data *d)	{ fake_log("ack"); }
static void fake_mask(struct irq_data *d)	{ fake_log("mask"); }
static void fake_unmask(struct irq_data *d)	{ fake_log("unmask"); }
static void fake_eoi(struct irq_data *d)	{ fake_log("eoi"); }
static void fake_shutdown(struct irq_data *d)	{ fake_log("shutdown"); }

static int fake_retrigger(struct irq_data *d)
{
	fake_log("retrigger");
	return fake_can_retrigger;
}

static int fake_set_type(struct irq_data *d, unsigned int type)
{
	fake_log("set_type");
	return IRQ_SET_MASK_OK;
}

static struct irq_chip fake_chip = {
	.name		= "fake",
	.irq_shutdown	= fake_shutdown,
	.irq_ack	= fake_ack,
	.irq_mask	= fake_mask,
	.irq_unmask	= fake_unmask,
	.irq_eoi	= fake_eoi,
	.irq_retrigger	= fake_retrigger,
	.irq_set_type	= fake_set_type,
};

/* An interrupt arriving on Linux IRQ @irq, as common_interrupt delivers it. */
static inline void fire(unsigned int irq)
{
	unsigned long flags;

	local_irq_save(flags);
	irq_enter();
	generic_handle_irq(irq);
	irq_exit();
	local_irq_restore(flags);
}

static inline void fire_n(unsigned int irq, unsigned int n)
{
	while (n--)
		fire(irq);
}

/* A fresh dynamic line with the fake chip and @flow. */
static inline unsigned int fake_line(irq_flow_handler_t flow, const char *name)
{
	int irq = irq_alloc_descs(-1, NR_IRQS_LEGACY, 1, NUMA_NO_NODE);

	if (irq < 0)
		abort();
	irq_set_chip_and_handler_name(irq, &fake_chip, flow, name);
	fake_chip_take();
	return irq;
}

#endif
