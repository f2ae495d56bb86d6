/* SPDX-License-Identifier: MIT */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM signal

#if !defined(_TRACE_SIGNAL_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_SIGNAL_H

/* A signal generated for a task and delivered to its handler (kernel/signal.c). */
#include <linux/tracepoint.h>
#include <linux/sched.h>
#include <linux/signal.h>

/* signal_generate's result, as Linux's enum trace_signal_result. */
#ifndef TRACE_SIGNAL_DELIVERED
enum {
	TRACE_SIGNAL_DELIVERED,
	TRACE_SIGNAL_IGNORED,
	TRACE_SIGNAL_ALREADY_PENDING,
	TRACE_SIGNAL_OVERFLOW_FAIL,
	TRACE_SIGNAL_LOSE_INFO,
};
#define TRACE_SIGNAL_DELIVERED TRACE_SIGNAL_DELIVERED
#endif

TRACE_EVENT(signal_generate,
	TP_PROTO(int sig, int code, int errno_, struct task_struct *task, int group, int result),
	TP_ARGS(sig, code, errno_, task, group, result),
	TP_STRUCT__entry(
		__field(int, sig)
		__field(int, errno)
		__field(int, code)
		__array(char, comm, TASK_COMM_LEN)
		__field(pid_t, pid)
		__field(int, group)
		__field(int, result)
	),
	TP_fast_assign(
		__entry->sig = sig;
		__entry->errno = errno_;
		__entry->code = code;
		memcpy(__entry->comm, task->comm, TASK_COMM_LEN);
		__entry->pid = task->pid;
		__entry->group = group;
		__entry->result = result;
	),
	TP_printk("sig=%d errno=%d code=%d comm=%s pid=%d grp=%d res=%d", __entry->sig,
		  __entry->errno, __entry->code, __entry->comm, __entry->pid, __entry->group,
		  __entry->result)
);

TRACE_EVENT(signal_deliver,
	TP_PROTO(int sig, int code, int errno_, unsigned long sa_handler, unsigned long sa_flags),
	TP_ARGS(sig, code, errno_, sa_handler, sa_flags),
	TP_STRUCT__entry(
		__field(int, sig)
		__field(int, errno)
		__field(int, code)
		__field(unsigned long, sa_handler)
		__field(unsigned long, sa_flags)
	),
	TP_fast_assign(
		__entry->sig = sig;
		__entry->code = code;
		__entry->errno = errno_;
		__entry->sa_handler = sa_handler;
		__entry->sa_flags = sa_flags;
	),
	TP_printk("sig=%d errno=%d code=%d sa_handler=%lx sa_flags=%lx", __entry->sig,
		  __entry->errno, __entry->code, __entry->sa_handler, __entry->sa_flags)
);

#endif /* _TRACE_SIGNAL_H */

#include <trace/define_trace.h>
