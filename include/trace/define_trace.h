/* SPDX-License-Identifier: MIT */
/*
 * Included at the end of every trace/events/<system>.h. In the one .c
 * file that defined CREATE_TRACE_POINTS it reads the header again
 * through each pass of trace/trace_events.h, which defines the events;
 * everywhere else it does nothing. No include guard: it runs once per
 * events header.
 */
#ifdef CREATE_TRACE_POINTS

#undef CREATE_TRACE_POINTS
#include <linux/stringify.h>

#define TRACE_INCLUDE(system)	__stringify(trace/events/system.h)
#ifndef TRACE_INCLUDE_FILE
# define TRACE_INCLUDE_FILE	TRACE_SYSTEM
# define UNDEF_TRACE_INCLUDE_FILE
#endif

#define TRACE_HEADER_MULTI_READ
#include <trace/trace_events.h>
#undef TRACE_HEADER_MULTI_READ

#undef TRACE_EVENT
#undef DECLARE_EVENT_CLASS
#undef DEFINE_EVENT
#undef TRACE_INCLUDE
#undef TRACE_INCLUDE_FILE
#undef UNDEF_TRACE_INCLUDE_FILE

/* Back to declarations, for the next events header this file includes. */
#include <linux/tracepoint.h>
#define CREATE_TRACE_POINTS

#endif /* CREATE_TRACE_POINTS */
