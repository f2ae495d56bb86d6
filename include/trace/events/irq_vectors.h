/* SPDX-License-Identifier: MIT */
#ifndef _TRACE_IRQ_VECTORS_H
#define _TRACE_IRQ_VECTORS_H

/*
 * The x86 vector domain's trace events (system "irq_vectors"), with
 * Linux's names, arguments and output, so a log of a reflex boot with
 * "trace_event=irq_vectors:* tp_printk" reads as Linux's. Defined in
 * arch/x86/kernel/apic/vector.c.
 */
#include <linux/tracepoint.h>

TRACE_EVENT_DECLARE(vector_config);
TRACE_EVENT_DECLARE(vector_update);
TRACE_EVENT_DECLARE(vector_clear);
TRACE_EVENT_DECLARE(vector_reserve_managed);
TRACE_EVENT_DECLARE(vector_reserve);
TRACE_EVENT_DECLARE(vector_alloc);
TRACE_EVENT_DECLARE(vector_alloc_managed);
TRACE_EVENT_DECLARE(vector_activate);
TRACE_EVENT_DECLARE(vector_deactivate);
TRACE_EVENT_DECLARE(vector_teardown);
TRACE_EVENT_DECLARE(vector_setup);
TRACE_EVENT_DECLARE(vector_free_moved);

/* A line's (CPU, vector) and the APIC ID its messages or entry carry. */
static inline void trace_vector_config(unsigned int irq, unsigned int vector,
				       unsigned int cpu, unsigned int apicdest)
{
	if (trace_event_enabled(vector_config))
		trace_event_printk("vector_config", "irq=%u vector=%u cpu=%u apicdest=0x%08x",
				   irq, vector, cpu, apicdest);
}

/* The line gets a new vector; the previous one is kept until the move completes. */
static inline void trace_vector_update(unsigned int irq, unsigned int vector, unsigned int cpu,
				       unsigned int prev_vector, unsigned int prev_cpu)
{
	if (trace_event_enabled(vector_update))
		trace_event_printk("vector_update",
				   "irq=%u vector=%u cpu=%u prev_vector=%u prev_cpu=%u",
				   irq, vector, cpu, prev_vector, prev_cpu);
}

static inline void trace_vector_clear(unsigned int irq, unsigned int vector, unsigned int cpu,
				      unsigned int prev_vector, unsigned int prev_cpu)
{
	if (trace_event_enabled(vector_clear))
		trace_event_printk("vector_clear",
				   "irq=%u vector=%u cpu=%u prev_vector=%u prev_cpu=%u",
				   irq, vector, cpu, prev_vector, prev_cpu);
}

static inline void trace_vector_reserve_managed(unsigned int irq, int ret)
{
	if (trace_event_enabled(vector_reserve_managed))
		trace_event_printk("vector_reserve_managed", "irq=%u ret=%d", irq, ret);
}

static inline void trace_vector_reserve(unsigned int irq, int ret)
{
	if (trace_event_enabled(vector_reserve))
		trace_event_printk("vector_reserve", "irq=%u ret=%d", irq, ret);
}

static inline void trace_vector_alloc(unsigned int irq, unsigned int vector, bool reserved,
				      int ret)
{
	if (trace_event_enabled(vector_alloc))
		trace_event_printk("vector_alloc", "irq=%u vector=%u reserved=%d ret=%d",
				   irq, vector, reserved, ret);
}

static inline void trace_vector_alloc_managed(unsigned int irq, unsigned int vector, int ret)
{
	if (trace_event_enabled(vector_alloc_managed))
		trace_event_printk("vector_alloc_managed", "irq=%u vector=%u ret=%d",
				   irq, vector, ret);
}

static inline void trace_vector_activate(unsigned int irq, bool is_managed,
					 bool can_reserve, bool reserve)
{
	if (trace_event_enabled(vector_activate))
		trace_event_printk("vector_activate",
				   "irq=%u is_managed=%d can_reserve=%d reserve=%d",
				   irq, is_managed, can_reserve, reserve);
}

static inline void trace_vector_deactivate(unsigned int irq, bool is_managed,
					   bool can_reserve, bool reserve)
{
	if (trace_event_enabled(vector_deactivate))
		trace_event_printk("vector_deactivate",
				   "irq=%u is_managed=%d can_reserve=%d reserve=%d",
				   irq, is_managed, can_reserve, reserve);
}

static inline void trace_vector_teardown(unsigned int irq, bool is_managed, bool has_reserved)
{
	if (trace_event_enabled(vector_teardown))
		trace_event_printk("vector_teardown", "irq=%u is_managed=%d has_reserved=%d",
				   irq, is_managed, has_reserved);
}

static inline void trace_vector_setup(unsigned int irq, bool is_legacy, int ret)
{
	if (trace_event_enabled(vector_setup))
		trace_event_printk("vector_setup", "irq=%u is_legacy=%d ret=%d",
				   irq, is_legacy, ret);
}

/* The old vector of a completed move is given back on its CPU. */
static inline void trace_vector_free_moved(unsigned int irq, unsigned int cpu,
					   unsigned int vector, bool is_managed)
{
	if (trace_event_enabled(vector_free_moved))
		trace_event_printk("vector_free_moved", "irq=%u cpu=%u vector=%u is_managed=%d",
				   irq, cpu, vector, is_managed);
}

#endif
