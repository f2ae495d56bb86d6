/* SPDX-License-Identifier: MIT */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ipi

#if !defined(_TRACE_IPI_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_IPI_H

/* An IPI sent to one CPU or to a mask of them (kernel/smp.c, arch/x86/kernel/smp.c). */
#include <linux/tracepoint.h>
#include <linux/cpumask.h>

TRACE_EVENT(ipi_send_cpu,
	TP_PROTO(const unsigned int cpu, unsigned long callsite, void *callback),
	TP_ARGS(cpu, callsite, callback),
	TP_STRUCT__entry(
		__field(unsigned int, cpu)
		__field(void *, callsite)
		__field(void *, callback)
	),
	TP_fast_assign(
		__entry->cpu = cpu;
		__entry->callsite = (void *)callsite;
		__entry->callback = callback;
	),
	TP_printk("cpu=%u callsite=%pS callback=%pS", __entry->cpu, __entry->callsite,
		  __entry->callback)
);

TRACE_EVENT(ipi_send_cpumask,
	TP_PROTO(const struct cpumask *cpumask, unsigned long callsite, void *callback),
	TP_ARGS(cpumask, callsite, callback),
	TP_STRUCT__entry(
		__cpumask(cpumask)
		__field(void *, callsite)
		__field(void *, callback)
	),
	TP_fast_assign(
		__assign_cpumask(cpumask, cpumask_bits(cpumask));
		__entry->callsite = (void *)callsite;
		__entry->callback = callback;
	),
	TP_printk("cpumask=%s callsite=%pS callback=%pS", __get_cpumask(cpumask),
		  __entry->callsite, __entry->callback)
);

#endif /* _TRACE_IPI_H */

#include <trace/define_trace.h>
