/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_IRQ_INTERNALS_H
#define _KERNEL_IRQ_INTERNALS_H

/*
 * What the files of kernel/irq share and nobody else touches: the core
 * state of a descriptor (IRQS_*), the state-bit setters behind the irqd_*
 * readers, the kstat counting, and the internal entry points from one
 * file to another.
 */
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <asm/smp.h>
#include "settings.h"

/* Bits of desc->istate. */
enum {
	IRQS_AUTODETECT		= 0x00000001,
	IRQS_SPURIOUS_DISABLED	= 0x00000002,	/* the spurious detector turned it off */
	IRQS_POLL_INPROGRESS	= 0x00000008,	/* irqpoll is running the line */
	IRQS_ONESHOT		= 0x00000020,	/* keep masked until the thread ran */
	IRQS_REPLAY		= 0x00000040,	/* a resend is on its way */
	IRQS_WAITING		= 0x00000080,
	IRQS_PENDING		= 0x00000200,	/* arrived while it could not run */
	IRQS_SUSPENDED		= 0x00000800,
	IRQS_NMI		= 0x00002000,
};

/*
 * Bits of action->thread_flags.
 * IRQTF_RUNTHREAD:	the hard handler asked for the thread to run
 * IRQTF_WARNED:	IRQ_WAKE_THREAD without a thread_fn was reported
 * IRQTF_AFFINITY:	the line's affinity changed: the thread moves to it at its next wake-up
 * IRQTF_FORCED_THREAD:	threaded by "threadirqs", not by the driver
 */
enum {
	IRQTF_RUNTHREAD,
	IRQTF_WARNED,
	IRQTF_AFFINITY,
	IRQTF_FORCED_THREAD,
};

static inline void irqd_set(struct irq_data *d, unsigned int mask)
{
	__irqd_to_state(d) |= mask;
}

static inline void irqd_clear(struct irq_data *d, unsigned int mask)
{
	__irqd_to_state(d) &= ~mask;
}

static inline bool irqd_has_set(struct irq_data *d, unsigned int mask)
{
	return __irqd_to_state(d) & mask;
}

static inline void irq_state_set_disabled(struct irq_desc *desc)
{
	irqd_set(&desc->irq_data, IRQD_IRQ_DISABLED);
}

static inline void irq_state_clr_disabled(struct irq_desc *desc)
{
	irqd_clear(&desc->irq_data, IRQD_IRQ_DISABLED);
}

static inline void irq_state_set_masked(struct irq_desc *desc)
{
	irqd_set(&desc->irq_data, IRQD_IRQ_MASKED);
}

static inline void irq_state_clr_masked(struct irq_desc *desc)
{
	irqd_clear(&desc->irq_data, IRQD_IRQ_MASKED);
}

static inline void irq_state_set_started(struct irq_desc *desc)
{
	irqd_set(&desc->irq_data, IRQD_IRQ_STARTED);
}

static inline void irq_state_clr_started(struct irq_desc *desc)
{
	irqd_clear(&desc->irq_data, IRQD_IRQ_STARTED);
}

/* Per-CPU lines are not serialised by desc->lock, so they skip tot_count. */
static inline void __kstat_incr_irqs_this_cpu(struct irq_desc *desc)
{
	desc->kstat_irqs[smp_processor_id()]++;
}

static inline void kstat_incr_irqs_this_cpu(struct irq_desc *desc)
{
	__kstat_incr_irqs_this_cpu(desc);
	desc->tot_count++;
}

/* The descriptor of @irq, locked with interrupts off; NULL if there is none. */
struct irq_desc *irq_get_desc_lock(unsigned int irq, unsigned long *flags);
void irq_put_desc_unlock(struct irq_desc *desc, unsigned long flags);

/* chip.c */
void mask_ack_irq(struct irq_desc *desc);
int __irq_set_trigger(struct irq_desc *desc, unsigned long flags);

/* handle.c */
irqreturn_t handle_irq_event(struct irq_desc *desc);
irqreturn_t handle_irq_event_percpu(struct irq_desc *desc);
irqreturn_t __handle_irq_event_percpu(struct irq_desc *desc);

/* manage.c */
void __irq_wake_thread(struct irq_desc *desc, struct irqaction *action);
void __disable_irq(struct irq_desc *desc);
void __enable_irq(struct irq_desc *desc);
int irq_do_set_affinity(struct irq_data *data, const struct cpumask *mask, bool force);
int irq_setup_affinity(struct irq_desc *desc);

/* proc.c */
void register_irq_proc(unsigned int irq, struct irq_desc *desc);
void unregister_irq_proc(unsigned int irq, struct irq_desc *desc);
void register_handler_proc(unsigned int irq, struct irqaction *action);
void unregister_handler_proc(unsigned int irq, struct irqaction *action);

int irq_set_affinity_locked(struct irq_data *data, const struct cpumask *mask, bool force);

/* resend.c */
int check_irq_resend(struct irq_desc *desc, bool inject);
void clear_irq_resend(struct irq_desc *desc);
void resend_irqs(void);

/* spurious.c */
void note_interrupt(struct irq_desc *desc, irqreturn_t action_ret);

/* The arch's reaction to an interrupt no one set up (weak default prints). */
void ack_bad_irq(unsigned int irq);

/* irqdesc.c */
void print_irq_desc(unsigned int irq, struct irq_desc *desc);

#endif
