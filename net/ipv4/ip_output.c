// SPDX-License-Identifier: MIT
/*
 * IPv4 transmit for locally generated packets: the header (no options,
 * TTL 64, a fresh ID, DF clear since reflex never fragments and keeps
 * every datagram within the MTU), the route (one interface: the
 * destination itself when on the local subnet or a broadcast or
 * multicast, else the gateway), then
 * ARP for the next hop's address (net/ipv4/arp.c).
 */
#include <linux/kernel.h>
#include <linux/in.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/checksum.h>

/*
 * The next IP ID. Packets leave from every CPU at once (replies from
 * each NAPI instance's or RPS's CPU, sends from tasks), so each takes its
 * ID with one atomic add, as Linux's ip_idents_reserve() does: no two
 * packets in a row of 65536 share one.
 */
static u16 ip_ident;

/*
 * The next hop for @daddr, or 0 when there is no route. Broadcasts and
 * multicasts leave on the link as they are; 0.0.0.0, 127/8 and this
 * host's own address would be looped back in Linux, and reflex has no
 * loopback device, so they have no route (and never reach ARP).
 */
static __be32 ip_route_output(__be32 daddr)
{
	if (!ic_dev || !ic_myaddr)
		return 0;
	if (ipv4_is_zeronet(daddr) || ipv4_is_loopback(daddr) || daddr == ic_myaddr)
		return 0;
	if (ipv4_is_lbcast(daddr) || ipv4_is_multicast(daddr) || !((daddr ^ ic_myaddr) & ic_netmask))
		return daddr;
	return ic_gateway;
}

static int ip_finish_output2(struct sk_buff *skb, __be32 nexthop)
{
	IP_INC_STATS(OUTTRANSMITS);
	return arp_output(skb, nexthop);
}

int ip_build_and_send_pkt(struct sk_buff *skb, __be32 daddr, u8 protocol)
{
	__be32 nexthop = ip_route_output(daddr);
	struct iphdr *iph;

	IP_INC_STATS(OUTREQUESTS);
	if (!nexthop) {
		IP_INC_STATS(OUTNOROUTES);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_OUTNOROUTES);
		return -ENETUNREACH;
	}
	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = htons(skb->len);
	iph->id = htons(__atomic_fetch_add(&ip_ident, 1, __ATOMIC_RELAXED));
	iph->frag_off = 0;
	iph->ttl = IPDEFTTL;
	iph->protocol = protocol;
	iph->saddr = ic_myaddr;
	iph->daddr = daddr;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	skb->dev = ic_dev;
	skb->protocol = htons(ETH_P_IP);
	return ip_finish_output2(skb, nexthop);
}
