/* SPDX-License-Identifier: MIT */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM irq

#if !defined(_TRACE_IRQ_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_IRQ_H

/*
 * The generic IRQ layer's and the softirqs' events, Linux's names,
 * fields and formats: a handler's entry and exit (kernel/irq/handle.c),
 * a softirq raised, entered and left (kernel/softirq.c).
 */
#include <linux/tracepoint.h>
#include <linux/interrupt.h>

#define show_softirq_name(val)						\
	__print_symbolic(val, { 0, "HI" }, { 1, "TIMER" }, { 2, "NET_TX" }, \
			 { 3, "NET_RX" }, { 4, "BLOCK" }, { 5, "IRQ_POLL" }, \
			 { 6, "TASKLET" }, { 7, "SCHED" }, { 8, "HRTIMER" }, \
			 { 9, "RCU" })

TRACE_EVENT(irq_handler_entry,
	TP_PROTO(int irq, struct irqaction *action),
	TP_ARGS(irq, action),
	TP_STRUCT__entry(
		__field(int, irq)
		__string(name, action->name)
	),
	TP_fast_assign(
		__entry->irq = irq;
		__assign_str(name, action->name);
	),
	TP_printk("irq=%d name=%s", __entry->irq, __get_str(name))
);

TRACE_EVENT(irq_handler_exit,
	TP_PROTO(int irq, struct irqaction *action, int ret),
	TP_ARGS(irq, action, ret),
	TP_STRUCT__entry(
		__field(int, irq)
		__field(int, ret)
	),
	TP_fast_assign(
		__entry->irq = irq;
		__entry->ret = ret;
	),
	TP_printk("irq=%d ret=%s", __entry->irq, __entry->ret ? "handled" : "unhandled")
);

DECLARE_EVENT_CLASS(softirq,
	TP_PROTO(unsigned int vec_nr),
	TP_ARGS(vec_nr),
	TP_STRUCT__entry(
		__field(unsigned int, vec)
	),
	TP_fast_assign(
		__entry->vec = vec_nr;
	),
	TP_printk("vec=%u [action=%s]", __entry->vec, show_softirq_name(__entry->vec))
);

DEFINE_EVENT(softirq, softirq_entry,
	TP_PROTO(unsigned int vec_nr),
	TP_ARGS(vec_nr)
);

DEFINE_EVENT(softirq, softirq_exit,
	TP_PROTO(unsigned int vec_nr),
	TP_ARGS(vec_nr)
);

DEFINE_EVENT(softirq, softirq_raise,
	TP_PROTO(unsigned int vec_nr),
	TP_ARGS(vec_nr)
);

#endif /* _TRACE_IRQ_H */

#include <trace/define_trace.h>
