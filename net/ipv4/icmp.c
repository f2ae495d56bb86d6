// SPDX-License-Identifier: MIT
/*
 * ICMP receive (RFC 792, RFC 1122 3.2.2): every message's checksum is
 * checked and its type counted; an echo request addressed to this host
 * is answered with an echo reply carrying the same identifier, sequence
 * and data. What arrives as a broadcast or multicast is taken only for
 * the types RFC 1122 allows there, and echo and timestamp requests so
 * addressed are ignored, as Linux's icmp_echo_ignore_broadcasts (default
 * 1) does: each is counted as an error (InErrors, INVALID_PROTO). An
 * echo reply goes to the ping socket (net/ipv4/ping.c) bound to its
 * identifier. Not
 * done: sending ICMP errors (port or protocol unreachable).
 */
#include <linux/kernel.h>
#include <linux/icmp.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/raw.h>
#include <net/checksum.h>

void icmp_out_count(u8 type)
{
	ICMP_INC_STATS(OUTMSGS);
	switch (type) {
	case ICMP_ECHOREPLY:
		ICMP_INC_STATS(OUTECHOREPS);
		break;
	case ICMP_DEST_UNREACH:
		ICMP_INC_STATS(OUTDESTUNREACHS);
		break;
	case ICMP_ECHO:
		ICMP_INC_STATS(OUTECHOS);
		break;
	case ICMP_TIME_EXCEEDED:
		ICMP_INC_STATS(OUTTIMEEXCDS);
		break;
	case ICMP_TIMESTAMP:
		ICMP_INC_STATS(OUTTIMESTAMPS);
		break;
	}
}

/* The reply is a copy with the type changed: the request may be a frame in a reused buffer. */
static int icmp_echo(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct sk_buff *reply;
	struct icmphdr *icmph;

	reply = alloc_skb(IP_HEADROOM + skb->len, GFP_ATOMIC);
	if (!reply) {
		__ICMP_INC_STATS(OUTERRORS);
		kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
		return NET_RX_DROP;
	}
	skb_reserve(reply, IP_HEADROOM);
	icmph = skb_put_data(reply, skb->data, skb->len);
	icmph->type = ICMP_ECHOREPLY;
	icmph->code = 0;
	icmph->checksum = 0;
	icmph->checksum = ip_compute_csum(icmph, reply->len);
	__ICMP_INC_STATS(OUTMSGS);
	__ICMP_INC_STATS(OUTECHOREPS);
	ip_build_and_send_pkt(reply, iph->saddr, IPPROTO_ICMP);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/*
 * RFC 1122 3.2.2.6 and 3.2.2.8: an echo or timestamp request to a
 * broadcast or multicast address may be ignored (and is); of the rest
 * only the address-mask messages make sense so addressed.
 */
static bool icmp_bcast_ignored(u8 type)
{
	return type != ICMP_ADDRESS && type != ICMP_ADDRESSREPLY;
}

static int icmp_drop(struct sk_buff *skb)
{
	__ICMP_INC_STATS(INERRORS);
	kfree_skb_reason(skb, SKB_DROP_REASON_INVALID_PROTO);
	return NET_RX_DROP;
}

int icmp_rcv(struct sk_buff *skb)
{
	const struct icmphdr *icmph = (const struct icmphdr *)skb->data;

	__ICMP_INC_STATS(INMSGS);
	if (!pskb_may_pull(skb, sizeof(*icmph))) {
		__ICMP_INC_STATS(INERRORS);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NET_RX_DROP;
	}
	if (ip_compute_csum(skb->data, skb->len)) {
		__ICMP_INC_STATS(CSUMERRORS);
		__ICMP_INC_STATS(INERRORS);
		kfree_skb_reason(skb, SKB_DROP_REASON_ICMP_CSUM);
		return NET_RX_DROP;
	}
	/* Counted under its type before anything else, as Linux's InType counters are. */
	switch (icmph->type) {
	case ICMP_ECHO:
		__ICMP_INC_STATS(INECHOS);
		break;
	case ICMP_ECHOREPLY:
		__ICMP_INC_STATS(INECHOREPS);
		break;
	case ICMP_DEST_UNREACH:
		__ICMP_INC_STATS(INDESTUNREACHS);
		break;
	case ICMP_TIME_EXCEEDED:
		__ICMP_INC_STATS(INTIMEEXCDS);
		break;
	}
	if ((skb->rt_type == RTN_BROADCAST || skb->rt_type == RTN_MULTICAST) &&
	    icmp_bcast_ignored(icmph->type))
		return icmp_drop(skb);
	if (icmph->type == ICMP_ECHO)
		return icmp_echo(skb);
	if (icmph->type == ICMP_ECHOREPLY)
		ping_rcv(skb);	/* a copy to the ping socket whose id it carries */
	consume_skb(skb);
	return NET_RX_SUCCESS;
}
