/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TCP_H
#define _LINUX_TCP_H

/*
 * The TCP header (RFC 9293 3.1) as it sits on the wire, and the options
 * at IPPROTO_TCP (SOL_TCP) with Linux's numbers (uapi/linux/tcp.h).
 */
#include <linux/types.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

#define IPPROTO_TCP	6
#define SOL_TCP		6

struct tcphdr {
	__be16	source;
	__be16	dest;
	__be32	seq;
	__be32	ack_seq;
	u16	res1:4,		/* reserved */
		doff:4,		/* header length in 32-bit words, 5..15 */
		fin:1,		/* no more data from the sender */
		syn:1,		/* synchronise sequence numbers */
		rst:1,		/* reset the connection */
		psh:1,		/* push */
		ack:1,		/* ack_seq is valid */
		urg:1,		/* urg_ptr is valid */
		ece:1,		/* ECN echo */
		cwr:1;		/* congestion window reduced */
	__be16	window;		/* receive window, bytes (unscaled here) */
	__sum16	check;		/* over pseudo-header, header and data */
	__be16	urg_ptr;
} __packed;

/* Flag bits as one byte (byte 13 of the header): Linux's TCPHDR_*. */
#define TCPHDR_FIN	0x01
#define TCPHDR_SYN	0x02
#define TCPHDR_RST	0x04
#define TCPHDR_PSH	0x08
#define TCPHDR_ACK	0x10
#define TCPHDR_URG	0x20

#define TCPOPT_EOL	0
#define TCPOPT_NOP	1
#define TCPOPT_MSS	2
#define TCPOLEN_MSS	4

/* setsockopt(IPPROTO_TCP, ...) names. */
#define TCP_NODELAY		1
#define TCP_MAXSEG		2
#define TCP_CORK		3
#define TCP_KEEPIDLE		4
#define TCP_KEEPINTVL		5
#define TCP_KEEPCNT		6
#define TCP_SYNCNT		7
#define TCP_LINGER2		8
#define TCP_DEFER_ACCEPT	9
#define TCP_WINDOW_CLAMP	10
#define TCP_INFO		11
#define TCP_QUICKACK		12
#define TCP_CONGESTION		13
#define TCP_USER_TIMEOUT	18

static inline struct tcphdr *tcp_hdr(const struct sk_buff *skb)
{
	return (struct tcphdr *)skb_transport_header(skb);
}

static inline u8 tcp_flag_byte(const struct tcphdr *th)
{
	return ((const u8 *)th)[13];
}

#endif
