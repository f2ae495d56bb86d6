/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

/*
 * Trace events, the seam only: each event is an inline trace_<name>()
 * that tests the event's enabled flag (a load and a branch when off) and,
 * when on, hands its fields to trace_event_printk(). reflex has no trace
 * ring buffer, so an enabled event is printed through printk, as Linux
 * prints events with "tp_printk":
 *
 *	vector_update: irq=8 vector=34 cpu=1 prev_vector=56 prev_cpu=0
 *
 * Events are switched on from the command line with Linux's syntax:
 * "trace_event=SYSTEM:NAME,SYSTEM:*,NAME" (kernel/trace/trace_events.c).
 * Without "tp_printk" an enabled event has nowhere to go and is dropped.
 *
 * An events header (include/trace/events/<system>.h) declares each event
 * with TRACE_EVENT_DECLARE(name) and writes its trace_<name>() with
 * trace_event_enabled(); exactly one .c file defines the events with
 * TRACE_EVENT_DEFINE(system, name), which also lists the event for the
 * command line.
 */
#include <linux/compiler.h>
#include <linux/types.h>

struct trace_event_call {
	const char	*system;
	const char	*name;
	bool		*enabled;
};

#define TRACE_EVENT_DECLARE(ev)		extern bool __trace_event_enabled_##ev

#define TRACE_EVENT_DEFINE(sys, ev)						\
	bool __trace_event_enabled_##ev;					\
	static const struct trace_event_call __trace_event_call_##ev		\
	__used __section(".trace_events") __aligned(8) = {			\
		.system = #sys, .name = #ev,					\
		.enabled = &__trace_event_enabled_##ev,				\
	}

#define trace_event_enabled(ev)		unlikely(READ_ONCE(__trace_event_enabled_##ev))

/* Prints "<name>: <fmt>" when tp_printk is on; out of line, off the fast path. */
__printf(2, 3) void trace_event_printk(const char *name, const char *fmt, ...);

/* Enable or disable by "system:name", "system:*", "name" or "*:*"; returns events matched. */
int trace_set_clr_event(const char *spec, bool set);

#endif
