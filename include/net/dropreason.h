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
 * go on; it is no reason and is not printed.
 */
#define DEFINE_DROP_REASON(FN, FNe)					\
	FN(NOT_SPECIFIED)	/* no better reason given */		\
	FN(NO_SOCKET)		/* UDP: nothing bound to the port */	\
	FN(SOCKET_RCVBUFF)	/* socket receive queue full */	\
	FN(PKT_TOO_SMALL)	/* shorter than its headers say */	\
	FN(PKT_TOO_BIG)		/* longer than the device takes */	\
	FN(OTHERHOST)		/* not addressed to this host */	\
	FN(UNHANDLED_PROTO)	/* EtherType nobody handles */		\
	FN(IP_CSUM)		/* IPv4 header checksum wrong */	\
	FN(IP_INHDR)		/* IPv4 version, IHL or length wrong */	\
	FN(IP_INADDRERRORS)	/* IPv4 destination not ours */		\
	FN(IP_LOCAL_SOURCE)	/* IPv4 source is our own address */	\
	FN(IP_INVALID_SOURCE)	/* source 0, multicast or broadcast */	\
	FN(IP_LOCALNET)		/* source or destination 127/8 */	\
	FN(IP_INVALID_DEST)	/* destination 0.0.0.0 */		\
	FN(INVALID_PROTO)	/* e.g. ICMP echo to a broadcast */	\
	FN(IP_NOPROTO)		/* IPv4 protocol nobody handles */	\
	FN(IP_OUTNOROUTES)	/* no route to the destination */	\
	FN(IP_FRAGMENT)		/* reflex: a fragment; no reassembly */	\
	FN(UDP_CSUM)		/* UDP checksum wrong */		\
	FN(ICMP_CSUM)		/* ICMP checksum wrong */		\
	FN(ARP_INVALID)		/* reflex: malformed or foreign ARP */	\
	FN(ARP_DUP_ADDR)	/* reflex: another MAC claims our IP */	\
	FN(NEIGH_FAILED)	/* ARP resolution gave up */		\
	FN(NEIGH_QUEUEFULL)	/* too many packets wait for ARP */	\
	FN(NOMEM)		/* no memory for a copy or reply */	\
	FN(DEV_READY)		/* device down or link down */		\
	FN(FULL_RING)		/* transmit ring full */		\
	FN(CPU_BACKLOG)		/* the CPU's backlog was full */	\
	FNe(MAX)

#define __DROP_REASON_ENUM(x)	SKB_DROP_REASON_##x,
enum skb_drop_reason {
	SKB_NOT_DROPPED_YET = 0,
	DEFINE_DROP_REASON(__DROP_REASON_ENUM, __DROP_REASON_ENUM)
};
#undef __DROP_REASON_ENUM

extern const char * const drop_reasons[SKB_DROP_REASON_MAX];
/*
 * Per reason, packets dropped since boot: each CPU counts its own drops
 * (net/core/skbuff.c); this is their sum over the possible CPUs.
 */
unsigned long skb_drop_count(enum skb_drop_reason reason);

#endif
