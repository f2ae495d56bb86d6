/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests: the events headers compile to empty trace_<name>()
 * calls, so kernel files with tracepoints link without the tracer.
 */
#ifndef _SHIM_LINUX_TRACEPOINT_H
#define _SHIM_LINUX_TRACEPOINT_H

#define PARAMS(args...)		args
#define TP_PROTO(args...)	args
#define TP_ARGS(args...)	args

#define DECLARE_TRACE(name, proto, args)				\
	static inline void trace_##name(proto) { }			\
	static inline int trace_##name##_enabled(void) { return 0; }

#endif

#ifndef TRACE_EVENT
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args)			\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT(name, proto, args, tstruct, assign, print)	\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#endif
