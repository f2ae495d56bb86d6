/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_IRQ_SETTINGS_H
#define _KERNEL_IRQ_SETTINGS_H

/*
 * desc->status_use_accessors: the IRQ_* settings a line was given by its
 * chip or by irq_modify_status() (linux/irq.h), as opposed to the IRQD_*
 * state the core changes as the line runs. Only these helpers read them.
 */
#include <linux/irq.h>

/* Settings irq_modify_status() may change; the rest are the core's. */
#define IRQF_MODIFY_MASK						\
	(IRQ_TYPE_SENSE_MASK | IRQ_NOPROBE | IRQ_NOREQUEST |		\
	 IRQ_NOAUTOEN | IRQ_LEVEL | IRQ_NO_BALANCING | IRQ_PER_CPU |	\
	 IRQ_NESTED_THREAD | IRQ_NOTHREAD | IRQ_PER_CPU_DEVID |		\
	 IRQ_IS_POLLED | IRQ_DISABLE_UNLAZY | IRQ_HIDDEN | IRQ_NO_DEBUG)

/* What a fresh descriptor starts with: on x86, requestable and probeable. */
#define IRQ_DEFAULT_INIT_FLAGS	0

static inline void irq_settings_clr_and_set(struct irq_desc *desc, u32 clr, u32 set)
{
	desc->status_use_accessors &= ~(clr & IRQF_MODIFY_MASK);
	desc->status_use_accessors |= set & IRQF_MODIFY_MASK;
}

static inline bool irq_settings_has(struct irq_desc *desc, u32 bit)
{
	return desc->status_use_accessors & bit;
}

static inline void irq_settings_set(struct irq_desc *desc, u32 bit)
{
	desc->status_use_accessors |= bit;
}

static inline void irq_settings_clr(struct irq_desc *desc, u32 bit)
{
	desc->status_use_accessors &= ~bit;
}

#define irq_settings_is_per_cpu(d)		irq_settings_has(d, IRQ_PER_CPU)
#define irq_settings_set_per_cpu(d)		irq_settings_set(d, IRQ_PER_CPU)
#define irq_settings_is_per_cpu_devid(d)	irq_settings_has(d, IRQ_PER_CPU_DEVID)
#define irq_settings_can_request(d)		(!irq_settings_has(d, IRQ_NOREQUEST))
#define irq_settings_can_autoenable(d)		(!irq_settings_has(d, IRQ_NOAUTOEN))
#define irq_settings_set_noprobe(d)		irq_settings_set(d, IRQ_NOPROBE)
#define irq_settings_set_no_balancing(d)	irq_settings_set(d, IRQ_NO_BALANCING)
#define irq_settings_is_level(d)		irq_settings_has(d, IRQ_LEVEL)
#define irq_settings_set_level(d)		irq_settings_set(d, IRQ_LEVEL)
#define irq_settings_clr_level(d)		irq_settings_clr(d, IRQ_LEVEL)
#define irq_settings_disable_unlazy(d)		irq_settings_has(d, IRQ_DISABLE_UNLAZY)
#define irq_settings_is_polled(d)		irq_settings_has(d, IRQ_IS_POLLED)
#define irq_settings_is_hidden(d)		irq_settings_has(d, IRQ_HIDDEN)
#define irq_settings_no_debug(d)		irq_settings_has(d, IRQ_NO_DEBUG)
#define irq_settings_set_no_debug(d)		irq_settings_set(d, IRQ_NO_DEBUG)
#define irq_settings_can_thread(d)		(!irq_settings_has(d, IRQ_NOTHREAD))

static inline u32 irq_settings_get_trigger_mask(struct irq_desc *desc)
{
	return desc->status_use_accessors & IRQ_TYPE_SENSE_MASK;
}

static inline void irq_settings_set_trigger_mask(struct irq_desc *desc, u32 mask)
{
	desc->status_use_accessors &= ~IRQ_TYPE_SENSE_MASK;
	desc->status_use_accessors |= mask & IRQ_TYPE_SENSE_MASK;
}

#endif
