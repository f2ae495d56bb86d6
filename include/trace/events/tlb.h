/* SPDX-License-Identifier: MIT */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM tlb

#if !defined(_TRACE_TLB_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_TLB_H

/* A TLB flush and why (arch/x86/mm/tlb.c), Linux's reasons. */
#include <linux/tracepoint.h>

#ifndef TLB_FLUSH_ON_TASK_SWITCH
enum tlb_flush_reason {
	TLB_FLUSH_ON_TASK_SWITCH,
	TLB_REMOTE_SHOOTDOWN,
	TLB_LOCAL_SHOOTDOWN,
	TLB_LOCAL_MM_SHOOTDOWN,
	TLB_REMOTE_SEND_IPI,
	TLB_REMOTE_WRONG_CPU,
	NR_TLB_FLUSH_REASONS,
};
#define TLB_FLUSH_ON_TASK_SWITCH TLB_FLUSH_ON_TASK_SWITCH
#endif

#include <asm/tlbflush.h>	/* TLB_FLUSH_ALL */

TRACE_EVENT(tlb_flush,
	TP_PROTO(int reason, unsigned long pages),
	TP_ARGS(reason, pages),
	TP_STRUCT__entry(
		__field(int, reason)
		__field(unsigned long, pages)
	),
	TP_fast_assign(
		__entry->reason = reason;
		__entry->pages = pages;
	),
	TP_printk("pages:%ld reason:%s (%d)", __entry->pages,
		  __print_symbolic(__entry->reason, { 0, "flush on task switch" },
				   { 1, "remote shootdown" }, { 2, "local shootdown" },
				   { 3, "local MM shootdown" }, { 4, "remote IPI send" },
				   { 5, "remote wrong CPU" }),
		  __entry->reason)
);

#endif /* _TRACE_TLB_H */

#include <trace/define_trace.h>
