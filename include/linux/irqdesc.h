/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQDESC_H
#define _LINUX_IRQDESC_H

/*
 * struct irq_desc: everything the core keeps for one Linux IRQ number —
 * its top-level irq_data, the flow handler, the chain of device actions,
 * the disable depth, the counters /proc/interrupts shows and those the
 * spurious detector keeps. Included from linux/irq.h.
 */
#include <linux/irq.h>
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/irqhandler.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <asm/percpu.h>

struct irqaction;

/**
 * struct irq_desc - one interrupt line as the core sees it
 * @kstat_irqs:		interrupts taken per CPU (what /proc/interrupts shows)
 * @handle_irq:		flow handler (handle_edge_irq, handle_fasteoi_irq ...)
 * @action:		device handlers, in request order; more than one when shared
 * @status_use_accessors: IRQ_* settings, read through kernel/irq/settings.h
 * @istate:		IRQS_* core state (kernel/irq/internals.h)
 * @depth:		disable_irq() nesting; 1 = disabled, also before startup
 * @tot_count:		interrupts taken on all CPUs, not counting per-CPU lines
 * @irq_count:		spurious detector: interrupts in the current window
 * @last_unhandled:	spurious detector: local_clock() of the last IRQ_NONE
 * @irqs_unhandled:	spurious detector: IRQ_NONE answers in the window
 * @threads_oneshot:	ONESHOT actions whose thread has yet to finish (thread_mask bits);
 *			the line stays masked while any is set
 * @threads_active:	irq threads woken and not yet done (synchronize_irq() waits)
 * @threads_handled:	thread_fn answers of IRQ_HANDLED, for the spurious detector
 * @threads_handled_last: its value at the previous interrupt, SPURIOUS_DEFERRED ORed in
 * @wait_for_threads:	where synchronize_irq() waits for @threads_active to reach 0
 * @lock:		protects everything above against the flow handler
 * @name:		flow name ("edge", "fasteoi") for /proc/interrupts
 * @pending_mask:	an affinity waiting for the line's next interrupt
 *			(IRQD_SETAFFINITY_PENDING); see kernel/irq/migration.c
 */
struct irq_desc {
	struct irq_common_data	irq_common_data;
	struct irq_data		irq_data;
	unsigned int		kstat_irqs[NR_CPUS];
	irq_flow_handler_t	handle_irq;
	struct irqaction	*action;
	unsigned int		status_use_accessors;
	unsigned int		istate;
	unsigned int		depth;
	unsigned int		tot_count;
	unsigned int		irq_count;
	unsigned long		last_unhandled;
	unsigned int		irqs_unhandled;
	unsigned long		threads_oneshot;
	atomic_t		threads_active;
	atomic_t		threads_handled;
	unsigned int		threads_handled_last;
	wait_queue_head_t	wait_for_threads;
	raw_spinlock_t		lock;
	const char		*name;
	char			*dir;		/* "irq/N": /proc/irq/N/ exists (proc.c) */
	cpumask_var_t		pending_mask;
};

#define for_each_action_of_desc(desc, act)				\
	for ((act) = (desc)->action; (act); (act) = (act)->next)

static inline unsigned int irq_desc_get_irq(struct irq_desc *desc)
{
	return desc->irq_data.irq;
}

static inline struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}

static inline struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}

static inline void *irq_desc_get_chip_data(struct irq_desc *desc)
{
	return desc->irq_data.chip_data;
}

static inline void *irq_desc_get_handler_data(struct irq_desc *desc)
{
	return desc->irq_common_data.handler_data;
}

static inline struct irq_desc *irq_data_to_desc(struct irq_data *data)
{
	return container_of(data->common, struct irq_desc, irq_common_data);
}

/* Run the line's flow handler: the one call between arch entry and genirq. */
static inline void generic_handle_irq_desc(struct irq_desc *desc)
{
	desc->handle_irq(desc);
}

int handle_irq_desc(struct irq_desc *desc);
int generic_handle_irq(unsigned int irq);

static inline bool irq_desc_has_action(struct irq_desc *desc)
{
	return desc && desc->action != NULL;
}

static inline bool irq_has_action(unsigned int irq)
{
	return irq_desc_has_action(irq_to_desc(irq));
}

/* For chips that switch flow inside a callback, with desc->lock held. */
static inline void irq_set_handler_locked(struct irq_data *data, irq_flow_handler_t handler)
{
	irq_data_to_desc(data)->handle_irq = handler;
}

static inline void irq_set_chip_handler_name_locked(struct irq_data *data,
						    const struct irq_chip *chip,
						    irq_flow_handler_t handler,
						    const char *name)
{
	struct irq_desc *desc = irq_data_to_desc(data);

	desc->handle_irq = handler;
	desc->name = name;
	data->chip = (struct irq_chip *)chip;
}

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu);
unsigned int kstat_irqs_usr(unsigned int irq);

#endif
