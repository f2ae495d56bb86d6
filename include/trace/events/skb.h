/* SPDX-License-Identifier: MIT */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM skb

#if !defined(_TRACE_SKB_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_SKB_H

/*
 * The end of an sk_buff (net/core/skbuff.c): dropped, with the reason
 * and the caller that dropped it, or consumed after doing its job.
 * Linux's names, fields and print formats; the reason table is
 * reflex's (net/dropreason.h): Linux's names, reflex's numbers.
 */
#include <linux/tracepoint.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

TRACE_EVENT(kfree_skb,
	TP_PROTO(struct sk_buff *skb, void *location, enum skb_drop_reason reason,
		 struct sock *rx_sk),
	TP_ARGS(skb, location, reason, rx_sk),
	TP_STRUCT__entry(
		__field(void *, skbaddr)
		__field(void *, location)
		__field(void *, rx_sk)
		__field(unsigned short, protocol)
		__field(enum skb_drop_reason, reason)
	),
	TP_fast_assign(
		__entry->skbaddr = skb;
		__entry->location = location;
		__entry->rx_sk = rx_sk;
		__entry->protocol = ntohs(skb->protocol);
		__entry->reason = reason;
	),
	TP_printk("skbaddr=%p rx_sk=%p protocol=%u location=%pS reason: %s",
		  __entry->skbaddr, __entry->rx_sk, __entry->protocol,
		  __entry->location,
		  __print_symbolic(__entry->reason,
				   DROP_REASON_SYMBOLS))
);

TRACE_EVENT(consume_skb,
	TP_PROTO(struct sk_buff *skb, void *location),
	TP_ARGS(skb, location),
	TP_STRUCT__entry(
		__field(void *, skbaddr)
		__field(void *, location)
	),
	TP_fast_assign(
		__entry->skbaddr = skb;
		__entry->location = location;
	),
	TP_printk("skbaddr=%p location=%pS", __entry->skbaddr, __entry->location)
);

#endif /* _TRACE_SKB_H */

#include <trace/define_trace.h>
