/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_UDP_H
#define _LINUX_UDP_H

/* The UDP header (RFC 768). A zero checksum means "not computed". */
#include <linux/types.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

struct udphdr {
	__be16	source;
	__be16	dest;
	__be16	len;	/* header and data, bytes */
	__sum16	check;	/* over pseudo-header, header and data; 0: none */
} __packed;

static inline struct udphdr *udp_hdr(const struct sk_buff *skb)
{
	return (struct udphdr *)skb_transport_header(skb);
}

#endif
