/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ICMP_H
#define _LINUX_ICMP_H

/* The ICMP header (RFC 792) and the message types reflex answers or counts. */
#include <linux/types.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_TIMESTAMP		13
#define ICMP_ADDRESS		17	/* address mask request */
#define ICMP_ADDRESSREPLY	18

struct icmphdr {
	u8	type;
	u8	code;
	__sum16	checksum;	/* over the whole ICMP message */
	union {
		struct {
			__be16	id;
			__be16	sequence;
		} echo;
		__be32	gateway;
	} un;
} __packed;

static inline struct icmphdr *icmp_hdr(const struct sk_buff *skb)
{
	return (struct icmphdr *)skb_transport_header(skb);
}

#endif
