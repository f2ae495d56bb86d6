// SPDX-License-Identifier: MIT
/*
 * IPv4 receive: ip_rcv() checks the header as RFC 1122 3.2.1 asks
 * (version, header length, total length against the frame, header
 * checksum), trims the Ethernet padding, asks the route what the
 * addresses make of it (net/ipv4/route.c: martians are dropped there),
 * keeps what is this host's or a broadcast or multicast it takes, and
 * hands a copy to each raw socket of its protocol (net/ipv4/raw.c) and
 * the packet to ICMP, UDP or TCP. Every packet that goes no further
 * is counted twice: in its MIB counter (/proc/net/snmp) and by its drop
 * reason (/proc/net/drop_reasons). Fragments are dropped: reflex does
 * not reassemble (Linux would, in ip_local_deliver()).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/tcp.h>
#include <net/raw.h>
#include <net/checksum.h>

static int ip_drop(struct sk_buff *skb, enum skb_drop_reason reason)
{
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

static int ip_local_deliver(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	bool raw;

	if (iph->frag_off & htons(IP_MF | IP_OFFSET)) {
		__IP_INC_STATS(REASMREQDS);
		__IP_INC_STATS(REASMFAILS);
		return ip_drop(skb, SKB_DROP_REASON_IP_FRAGMENT);
	}
	skb_pull(skb, iph->ihl * 4);
	skb_reset_transport_header(skb);
	raw = raw_local_deliver(skb, iph->protocol);
	switch (iph->protocol) {
	case IPPROTO_ICMP:
		__IP_INC_STATS(INDELIVERS);
		return icmp_rcv(skb);
	case IPPROTO_UDP:
		__IP_INC_STATS(INDELIVERS);
		return udp_rcv(skb);
	case IPPROTO_TCP:
		__IP_INC_STATS(INDELIVERS);
		return tcp_v4_rcv(skb);
	default:
		/* A protocol only raw sockets take is delivered, as Linux counts it. */
		if (raw) {
			__IP_INC_STATS(INDELIVERS);
			consume_skb(skb);
			return NET_RX_SUCCESS;
		}
		__IP_INC_STATS(INUNKNOWNPROTOS);
		return ip_drop(skb, SKB_DROP_REASON_IP_NOPROTO);
	}
}

/* Linux's ip_error() for a packet that is not ours: a host that does not forward keeps none. */
static int ip_error(struct sk_buff *skb)
{
	__IP_INC_STATS(INADDRERRORS);
	return ip_drop(skb, SKB_DROP_REASON_IP_INADDRERRORS);
}

/* The route decides: martians are dropped, what is not ours too, the rest is delivered. */
static int ip_rcv_finish(struct sk_buff *skb, struct net_device *dev)
{
	const struct iphdr *iph = ip_hdr(skb);
	enum skb_drop_reason reason;

	/*
	 * From lo the output route already decided (Linux finds the skb's
	 * dst set and skips the input lookup, which would call 127/8 martian).
	 */
	if (dev->flags & IFF_LOOPBACK) {
		skb->rt_type = RTN_LOCAL;
		return ip_local_deliver(skb);
	}
	reason = ip_route_input_noref(skb, iph->daddr, iph->saddr, dev);
	if (reason)
		return ip_drop(skb, reason);
	switch (skb->rt_type) {
	case RTN_UNREACHABLE:
		return ip_error(skb);
	case RTN_MULTICAST:
		__IP_INC_STATS(INMCASTPKTS);
		break;
	case RTN_BROADCAST:
		__IP_INC_STATS(INBCASTPKTS);
		break;
	}
	return ip_local_deliver(skb);
}

/*
 * The header checks; returns the reason to drop, or SKB_NOT_DROPPED_YET
 * (0) when the packet may go on. @skb->data is at the IPv4 header.
 */
static enum skb_drop_reason ip_rcv_core(struct sk_buff *skb)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	unsigned int len;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		goto inhdr_error;
	if (iph->version != 4 || iph->ihl < 5)
		goto inhdr_error;
	if (!pskb_may_pull(skb, iph->ihl * 4))
		goto inhdr_error;
	if (unlikely(ip_fast_csum(iph, iph->ihl))) {
		__IP_INC_STATS(INCSUMERRORS);
		__IP_INC_STATS(INHDRERRORS);
		return SKB_DROP_REASON_IP_CSUM;
	}
	len = ntohs(iph->tot_len);
	if (skb->len < len) {
		__IP_INC_STATS(INTRUNCATEDPKTS);
		return SKB_DROP_REASON_PKT_TOO_SMALL;
	}
	if (len < iph->ihl * 4)
		goto inhdr_error;
	skb_trim(skb, len);	/* the frame's padding is not the datagram's */
	skb_reset_network_header(skb);
	return SKB_NOT_DROPPED_YET;

inhdr_error:
	__IP_INC_STATS(INHDRERRORS);
	return SKB_DROP_REASON_IP_INHDR;
}

int ip_rcv(struct sk_buff *skb, struct net_device *dev)
{
	enum skb_drop_reason reason;

	/* Frames for another host only reach us in promiscuous mode. */
	if (skb->pkt_type == PACKET_OTHERHOST)
		return ip_drop(skb, SKB_DROP_REASON_OTHERHOST);
	__IP_INC_STATS(INRECEIVES);
	reason = ip_rcv_core(skb);
	if (reason)
		return ip_drop(skb, reason);
	return ip_rcv_finish(skb, dev);
}
