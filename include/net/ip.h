/* SPDX-License-Identifier: MIT */
#ifndef _NET_IP_H
#define _NET_IP_H

/*
 * IPv4 for one interface: the address configuration (net/ipv4/ipconfig.c,
 * from ip=), receiving (ip_input.c: validate; route.c: martians, local or
 * broadcast; then ICMP or UDP) and
 * sending (ip_output.c: header, route to the next hop, ARP, device).
 */
#include <linux/types.h>
#include <linux/ip.h>
#include <linux/skbuff.h>
#include <net/snmp.h>

struct net_device;

#define IPDEFTTL	64

/* The interface's configuration, wire order; ic_dev is the device it sits on. */
extern __be32 ic_myaddr, ic_netmask, ic_gateway;
extern struct net_device *ic_dev;

/* The bytes a locally sent transport packet needs in front: IPv4 + Ethernet. */
#define IP_HEADROOM	LL_MAX_HEADER

int ip_rcv(struct sk_buff *skb, struct net_device *dev);

/*
 * Sends the transport packet at @skb->data (headroom IP_HEADROOM) from
 * this host to @daddr: adds the IPv4 header, picks the next hop (@daddr
 * on the local subnet, else the gateway) and hands the frame to ARP.
 * Consumes @skb; 0 or -errno (the drop is counted).
 */
int ip_build_and_send_pkt(struct sk_buff *skb, __be32 daddr, u8 protocol);

/* A route for locally sent packets (Linux's struct flowi4 and the rtable it yields, in one). */
struct flowi4 {
	__be32			daddr;		/* 0.0.0.0 becomes 127.0.0.1 */
	__be32			saddr;		/* the source the route picks */
	__be32			nexthop;
	struct net_device	*dev;
};
/* 0 and @fl4 filled, or -ENETUNREACH. */
int ip_route_output(__be32 daddr, struct flowi4 *fl4);
/* As ip_build_and_send_pkt() on a route already taken; @fl4->saddr is the source. */
int ip_send_skb(struct sk_buff *skb, const struct flowi4 *fl4, u8 protocol);

/*
 * A packet whose IPv4 header is complete (a raw socket's with
 * IP_HDRINCL) out on @fl4's device; consumes @skb.
 */
int ip_local_out(struct sk_buff *skb, const struct flowi4 *fl4);
/* The next IP ID, wire order. */
__be16 ip_select_ident(void);

/* The subnet's broadcast address (10.0.2.255 for 10.0.2.15/24). */
static inline __be32 ic_broadcast(void)
{
	return ic_myaddr | ~ic_netmask;
}

/* Brings up IPv4: configuration from ip=, ARP, ICMP, UDP, the /proc files. */
int inet_init(void);
/* Applies ip= (or the default) to the first device; called once drivers have probed. */
int ip_auto_config(void);

struct seq_file;
/* The interface's address and counters as ifconfig prints them (the kernel console's). */
void ic_ifconfig_show(struct seq_file *m);

struct ic_config {
	__be32	addr, server, gw, mask;
	bool	off;		/* ip=off or ip=none */
};
/* Linux's ip= syntax: ADDR:SERVER:GW:MASK:HOST:DEV:AUTOCONF...; 0 or -EINVAL. */
int ic_parse_param(const char *s, struct ic_config *cfg);

#endif
