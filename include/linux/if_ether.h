/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IF_ETHER_H
#define _LINUX_IF_ETHER_H

/* The Ethernet II header and the EtherTypes reflex handles (IEEE 802.3, RFC 894). */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/byteorder.h>

#define ETH_ALEN	6	/* octets in an address */
#define ETH_HLEN	14	/* destination, source, type */
#define ETH_ZLEN	60	/* minimum frame without FCS: the NIC pads shorter ones */
#define ETH_DATA_LEN	1500	/* the MTU */
#define ETH_FRAME_LEN	1514	/* maximum frame without FCS */
#define ETH_FCS_LEN	4

#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806

struct ethhdr {
	u8	h_dest[ETH_ALEN];
	u8	h_source[ETH_ALEN];
	__be16	h_proto;
} __packed;

#endif
