/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IP_H
#define _LINUX_IP_H

/* The IPv4 header (RFC 791, section 3.1), as it sits on the wire. */
#include <linux/types.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

#define IPPROTO_ICMP	1
#define IPPROTO_IGMP	2
#define IPPROTO_UDP	17

#define IP_CE		0x8000	/* frag_off: congestion (reserved bit) */
#define IP_DF		0x4000	/* frag_off: don't fragment */
#define IP_MF		0x2000	/* frag_off: more fragments follow */
#define IP_OFFSET	0x1fff	/* frag_off: this fragment's offset, in 8-byte units */

struct iphdr {
	u8	ihl:4,		/* header length in 32-bit words, 5..15 */
		version:4;	/* 4 */
	u8	tos;
	__be16	tot_len;	/* header and data, bytes */
	__be16	id;
	__be16	frag_off;	/* flags and offset, see IP_* above */
	u8	ttl;
	u8	protocol;	/* IPPROTO_* */
	__sum16	check;		/* over the header only */
	__be32	saddr;
	__be32	daddr;
} __packed;

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

#endif
