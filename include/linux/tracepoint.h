/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

/*
 * Trace events, written as Linux writes them: a header under
 * include/trace/events/<system>.h declares each event with
 * TRACE_EVENT() (or DECLARE_EVENT_CLASS() and DEFINE_EVENT()), and
 * every file that includes it gets an inline trace_<name>() that tests
 * the event's flag (one load and a not-taken branch when off) and,
 * when on, calls the event's out-of-line recorder. Exactly one .c file
 * defines CREATE_TRACE_POINTS before including the header; the passes
 * in trace/trace_events.h then generate the record layout, the format
 * file's fields and print format, the recorder and the text output
 * (kernel/trace/trace_events.c lists and switches them).
 *
 * "trace_event=SYSTEM:NAME,..." on the command line enables events at
 * boot; with "tp_printk" each recorded event is also printed through
 * printk as "name: fields", as Linux prints it.
 */
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stringify.h>
#include <linux/trace_events.h>

#define PARAMS(args...)		args
#define TP_PROTO(args...)	args
#define TP_ARGS(args...)	args
#define TP_CONDITION(args...)	args

#define DECLARE_TRACE(name, proto, args)					\
	extern struct trace_event_call event_##name;				\
	void __traceiter_##name(proto);					\
	static __always_inline void trace_##name(proto)			\
	{									\
		if (unlikely(READ_ONCE(event_##name.tp_enabled)))		\
			__traceiter_##name(args);				\
	}									\
	static __always_inline bool trace_##name##_enabled(void)		\
	{									\
		return unlikely(READ_ONCE(event_##name.tp_enabled));		\
	}

/* Enable or disable by "system:name", "system:*", "name" or "*:*"; returns events matched. */
int trace_set_clr_event(const char *system, const char *event, int set);

#endif /* _LINUX_TRACEPOINT_H */

/* Outside the guard: trace/define_trace.h reads this again after its passes. */
#ifndef TRACE_EVENT
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args)				\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#endif
