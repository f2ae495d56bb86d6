/* SPDX-License-Identifier: MIT */
#ifndef _NET_DROPREASON_H
#define _NET_DROPREASON_H

/*
 * Why a packet was dropped: Linux's enum skb_drop_reason names (its
 * include/net/dropreason-core.h) for the cases reflex's stack has, plus
 * those marked "reflex" where reflex drops what Linux would handle or
 * counts what Linux lets go uncounted. One list feeds both the enum and
 * the names /proc/net/drop_reasons prints, so the two cannot drift.
 * SKB_NOT_DROPPED_YET (0) is what a check returns when the packet may
 * go on; it is no reason and is not printed. Each entry carries its
 * value, which must run 1, 2, 3, ... (checked in net/core/skbuff.c).
 */
#define DEFINE_DROP_REASON(FN, FNe)					\
	FN(NOT_SPECIFIED, 1)	/* no better reason given */		\
	FN(NO_SOCKET, 2)	/* UDP, TCP: nothing bound to the port */	\
	FN(SOCKET_RCVBUFF, 3)	/* socket receive queue full */	\
	FN(PKT_TOO_SMALL, 4)	/* shorter than its headers say */	\
	FN(PKT_TOO_BIG, 5)	/* longer than the device takes */	\
	FN(OTHERHOST, 6)	/* not addressed to this host */	\
	FN(UNHANDLED_PROTO, 7)	/* EtherType nobody handles */		\
	FN(IP_CSUM, 8)		/* IPv4 header checksum wrong */	\
	FN(IP_INHDR, 9)		/* IPv4 version, IHL or length wrong */	\
	FN(IP_INADDRERRORS, 10)	/* IPv4 destination not ours */		\
	FN(IP_LOCAL_SOURCE, 11)	/* IPv4 source is our own address */	\
	FN(IP_INVALID_SOURCE, 12)	/* source 0, multicast or broadcast */	\
	FN(IP_LOCALNET, 13)	/* source or destination 127/8 */	\
	FN(IP_INVALID_DEST, 14)	/* destination 0.0.0.0 */		\
	FN(INVALID_PROTO, 15)	/* e.g. ICMP echo to a broadcast */	\
	FN(IP_NOPROTO, 16)	/* IPv4 protocol nobody handles */	\
	FN(IP_OUTNOROUTES, 17)	/* no route to the destination */	\
	FN(IP_FRAGMENT, 18)	/* reflex: a fragment; no reassembly */	\
	FN(UDP_CSUM, 19)	/* UDP checksum wrong */		\
	FN(ICMP_CSUM, 20)	/* ICMP checksum wrong */		\
	FN(ARP_INVALID, 21)	/* reflex: malformed or foreign ARP */	\
	FN(ARP_DUP_ADDR, 22)	/* reflex: another MAC claims our IP */	\
	FN(NEIGH_FAILED, 23)	/* ARP resolution gave up */		\
	FN(NEIGH_QUEUEFULL, 24)	/* too many packets wait for ARP */	\
	FN(NOMEM, 25)		/* no memory for a copy or reply */	\
	FN(DEV_READY, 26)	/* device down or link down */		\
	FN(FULL_RING, 27)	/* transmit ring full */		\
	FN(CPU_BACKLOG, 28)	/* the CPU's backlog was full */	\
	FN(TCP_CSUM, 29)	/* TCP checksum wrong */		\
	FN(TCP_FLAGS, 30)	/* TCP flags not allowed in the state */ \
	FN(TCP_INVALID_SEQUENCE, 31)	/* outside the receive window */ \
	FN(TCP_RESET, 32)	/* a RST, taken or not */		\
	FN(TCP_OFO_DROP, 33)	/* reflex: out of order, not kept */	\
	FN(TCP_ZEROWINDOW, 34)	/* data while our window is shut */	\
	FN(TCP_OLD_DATA, 35)	/* data already received */		\
	FN(TCP_CLOSE, 36)	/* for a closed or orphaned socket */	\
	FN(TCP_ACK_UNSENT_DATA, 37)	/* an ACK of what we never sent */ \
	FN(TCP_LISTEN_OVERFLOW, 38)	/* SYN to a full accept queue */ \
	FNe(MAX, 39)

#define __DROP_REASON_ENUM(x, n)	SKB_DROP_REASON_##x = n,
enum skb_drop_reason {
	SKB_NOT_DROPPED_YET = 0,
	DEFINE_DROP_REASON(__DROP_REASON_ENUM, __DROP_REASON_ENUM)
};
#undef __DROP_REASON_ENUM

/*
 * The reasons as skb:kfree_skb's __print_symbolic() table. The numbers
 * are written out in the list above so that the event's format file
 * shows them, as Linux's does once it has resolved its enum: a tool
 * reading the format maps reflex's numbers to the names.
 */
#define __DROP_REASON_SYM(x, n)		{ n, #x },
#define __DROP_REASON_SYM_END(x, n)	{ n, #x }
#define DROP_REASON_SYMBOLS	DEFINE_DROP_REASON(__DROP_REASON_SYM, __DROP_REASON_SYM_END)

extern const char * const drop_reasons[SKB_DROP_REASON_MAX];
/*
 * Per reason, packets dropped since boot: each CPU counts its own drops
 * (net/core/skbuff.c); this is their sum over the possible CPUs.
 */
unsigned long skb_drop_count(enum skb_drop_reason reason);

#endif
