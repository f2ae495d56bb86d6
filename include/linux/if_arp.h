/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IF_ARP_H
#define _LINUX_IF_ARP_H

/*
 * The ARP packet for IPv4 over Ethernet (RFC 826): the fixed header and
 * the four addresses that follow it when hardware is Ethernet and the
 * protocol IPv4, which is the only pairing reflex speaks.
 */
#include <linux/types.h>
#include <linux/if_ether.h>
#include <asm/byteorder.h>

#define ARPHRD_ETHER	1	/* ar_hrd: Ethernet */
#define ARPHRD_IEEE802	6	/* ar_hrd: IEEE 802.2 (RFC 1042), accepted on Ethernet */
#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2

struct arphdr {
	__be16	ar_hrd;		/* hardware type: ARPHRD_ETHER (or _IEEE802) */
	__be16	ar_pro;		/* protocol type: ETH_P_IP */
	u8	ar_hln;		/* hardware address length: 6 */
	u8	ar_pln;		/* protocol address length: 4 */
	__be16	ar_op;		/* ARPOP_* */
} __packed;

/* struct arphdr followed by its addresses, for ar_hrd Ethernet and ar_pro IPv4. */
struct arp_eth_ipv4 {
	struct arphdr	hdr;
	u8		ar_sha[ETH_ALEN];	/* sender hardware address */
	__be32		ar_sip;			/* sender IP address */
	u8		ar_tha[ETH_ALEN];	/* target hardware address */
	__be32		ar_tip;			/* target IP address */
} __packed;

#endif
