// SPDX-License-Identifier: MIT
/*
 * IPv4 transmit for locally generated packets: the header (no options,
 * TTL 64, a fresh ID, DF clear since reflex never fragments and keeps
 * every datagram within the MTU), the route (lo for this host's own
 * addresses; on eth0 the destination itself when on the local subnet or
 * a broadcast or multicast, else the gateway), then ARP for the next
 * hop's address (net/ipv4/arp.c), or straight to lo.
 */
#include <linux/kernel.h>
#include <linux/in.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/checksum.h>
#include <linux/etherdevice.h>

/*
 * The next IP ID. Packets leave from every CPU at once (replies from
 * each NAPI instance's or RPS's CPU, sends from tasks), so each takes its
 * ID with one atomic add, as Linux's ip_idents_reserve() does: no two
 * packets in a row of 65536 share one.
 */
static u16 ip_ident;

/*
 * Linux's ip_route_output_key() for a host with eth0 and lo: 0.0.0.0
 * means this host (127.0.0.1, as Linux rewrites it), 127/8 and this
 * host's own address go out through lo with that address as source (the
 * destination for 127/8 is answered from 127.0.0.1); broadcasts and
 * multicasts leave on the link as they are; the local subnet is reached
 * directly, anything else through the gateway. -ENETUNREACH without a
 * device for it.
 */
int ip_route_output(__be32 daddr, struct flowi4 *fl4)
{
	if (ipv4_is_zeronet(daddr))
		daddr = htonl(INADDR_LOOPBACK);
	fl4->daddr = daddr;
	if (ipv4_is_loopback(daddr) || (ic_myaddr && daddr == ic_myaddr)) {
		if (!loopback_dev)
			return -ENETUNREACH;
		fl4->dev = loopback_dev;
		fl4->saddr = ipv4_is_loopback(daddr) ? htonl(INADDR_LOOPBACK) : daddr;
		fl4->nexthop = daddr;
		return 0;
	}
	if (!ic_dev || !ic_myaddr)
		return -ENETUNREACH;
	fl4->dev = ic_dev;
	fl4->saddr = ic_myaddr;
	if (ipv4_is_lbcast(daddr) || ipv4_is_multicast(daddr) || !((daddr ^ ic_myaddr) & ic_netmask))
		fl4->nexthop = daddr;
	else
		fl4->nexthop = ic_gateway;
	return 0;
}

/* lo needs no neighbour: Linux's noarp output, a header of zeros, and on to the device. */
static int ip_finish_output2(struct sk_buff *skb, const struct flowi4 *fl4)
{
	IP_INC_STATS(OUTTRANSMITS);
	if (fl4->dev->flags & IFF_LOOPBACK) {
		if (eth_header(skb, fl4->dev, ETH_P_IP, fl4->dev->dev_addr) < 0) {
			kfree_skb(skb);
			return -ENOBUFS;
		}
		return dev_queue_xmit(skb);
	}
	return arp_output(skb, fl4->nexthop);
}

__be16 ip_select_ident(void)
{
	return htons(__atomic_fetch_add(&ip_ident, 1, __ATOMIC_RELAXED));
}

int ip_local_out(struct sk_buff *skb, const struct flowi4 *fl4)
{
	skb->dev = fl4->dev;
	skb->protocol = htons(ETH_P_IP);
	return ip_finish_output2(skb, fl4);
}

int ip_send_skb(struct sk_buff *skb, const struct flowi4 *fl4, u8 protocol)
{
	struct iphdr *iph;

	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = htons(skb->len);
	iph->id = ip_select_ident();
	iph->frag_off = 0;
	iph->ttl = IPDEFTTL;
	iph->protocol = protocol;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	return ip_local_out(skb, fl4);
}

int ip_build_and_send_pkt(struct sk_buff *skb, __be32 daddr, u8 protocol)
{
	struct flowi4 fl4;

	IP_INC_STATS(OUTREQUESTS);
	if (ip_route_output(daddr, &fl4)) {
		IP_INC_STATS(OUTNOROUTES);
		kfree_skb_reason(skb, SKB_DROP_REASON_IP_OUTNOROUTES);
		return -ENETUNREACH;
	}
	return ip_send_skb(skb, &fl4, protocol);
}
