// SPDX-License-Identifier: MIT
/*
 * ARP (RFC 826) for the one IPv4 interface: requests for this host's
 * address are answered, and a neighbour cache of ARP_TABLE_SIZE entries
 * maps next hops to Ethernet addresses. Sending to an unknown neighbour
 * queues the packet (at most ARP_QUEUE_LEN; the oldest is dropped as
 * NEIGH_QUEUEFULL) and broadcasts a request, repeated once a second up
 * to ARP_MAX_PROBES times; the answer sends the queue, silence drops it
 * (NEIGH_FAILED). As in Linux, a request addressed to us creates an
 * entry for its sender, other ARP traffic only refreshes known entries
 * (an unsolicited reply creates none: Linux's arp_accept is off).
 * Entries do not age (Linux's reachable/stale states are left out); an
 * entry is replaced when the table is full, oldest first.
 *
 * What Linux's arp_process() refuses is refused: a request for a
 * multicast or loopback target, and any packet whose sender can be no
 * other host (multicast, broadcast, loopback, or our own address; a
 * request's sender is judged by the route, so it counts in_martian_src
 * and is logged with log_martians). Such senders are never cached nor
 * answered. A sender of 0.0.0.0 is a duplicate-address probe (RFC 5227):
 * one for our address is answered, nothing is cached. Our own address
 * claimed from another MAC is counted (ARP_DUP_ADDR) and logged,
 * rate-limited. Ethernet takes hardware type 1 or 6 (IEEE 802), as in
 * Linux; the answer is always type 1, the device's own.
 *
 * Called from NET_RX (receive, on any CPU, on several at once with two
 * NAPI instances or RPS), from the retry timer and from tasks on any
 * CPU: every access to the table and its queues is under the one irqsave
 * lock, and a resolved neighbour's queue is sent before the lock is let
 * go, so no CPU sees an entry half updated or sends out of order.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/in.h>
#include <linux/inet.h>
#include <linux/jiffies.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/route.h>

#define ARP_TABLE_SIZE	16
#define ARP_QUEUE_LEN	8
#define ARP_MAX_PROBES	3

enum nud_state { NUD_NONE, NUD_INCOMPLETE, NUD_REACHABLE };

/**
 * struct neighbour - one cache entry
 * @ip:		the neighbour's address (wire order); 0 for a free slot
 * @ha:		its Ethernet address once NUD_REACHABLE
 * @updated:	jiffies of the last change, for replacement
 * @probes:	requests sent while NUD_INCOMPLETE
 * @queue:	packets waiting for the answer, oldest first
 */
struct neighbour {
	__be32			ip;
	u8			ha[ETH_ALEN];
	enum nud_state		nud_state;
	unsigned long		updated;
	int			probes;
	struct sk_buff		*queue, *queue_tail;
	unsigned int		qlen;
};

static struct neighbour arp_tbl[ARP_TABLE_SIZE];
static DEFINE_SPINLOCK(arp_lock);
static struct timer_list arp_timer;

static struct neighbour *neigh_lookup(__be32 ip)
{
	int i;

	for (i = 0; i < ARP_TABLE_SIZE; i++)
		if (arp_tbl[i].nud_state != NUD_NONE && arp_tbl[i].ip == ip)
			return &arp_tbl[i];
	return NULL;
}

static void neigh_purge_queue(struct neighbour *n, enum skb_drop_reason reason)
{
	while (n->queue) {
		struct sk_buff *skb = n->queue;

		n->queue = skb->next;
		kfree_skb_reason(skb, reason);
	}
	n->queue_tail = NULL;
	n->qlen = 0;
}

/* A free slot, else the least recently updated entry, emptied. Lock held. */
static struct neighbour *neigh_create(__be32 ip)
{
	struct neighbour *victim = &arp_tbl[0];
	int i;

	for (i = 0; i < ARP_TABLE_SIZE; i++) {
		if (arp_tbl[i].nud_state == NUD_NONE) {
			victim = &arp_tbl[i];
			break;
		}
		if (time_before(arp_tbl[i].updated, victim->updated))
			victim = &arp_tbl[i];
	}
	neigh_purge_queue(victim, SKB_DROP_REASON_NEIGH_FAILED);
	memset(victim, 0, sizeof(*victim));
	victim->ip = ip;
	victim->updated = jiffies;
	return victim;
}

static void neigh_enqueue(struct neighbour *n, struct sk_buff *skb)
{
	if (n->qlen == ARP_QUEUE_LEN) {
		struct sk_buff *old = n->queue;

		n->queue = old->next;
		n->qlen--;
		kfree_skb_reason(old, SKB_DROP_REASON_NEIGH_QUEUEFULL);
	}
	skb->next = NULL;
	if (n->queue)
		n->queue_tail->next = skb;
	else
		n->queue = skb;
	n->queue_tail = skb;
	n->qlen++;
}

static int neigh_xmit(struct sk_buff *skb, const u8 *ha)
{
	skb->next = NULL;
	if (eth_header(skb, skb->dev, ETH_P_IP, ha) < 0) {
		kfree_skb_reason(skb, SKB_DROP_REASON_NOMEM);
		return -ENOSPC;
	}
	return dev_queue_xmit(skb);
}

/* The answer arrived: the entry is usable and what waited for it leaves. Lock held. */
static void neigh_update(struct neighbour *n, const u8 *ha)
{
	ether_addr_copy(n->ha, ha);
	n->nud_state = NUD_REACHABLE;
	n->updated = jiffies;
	while (n->queue) {
		struct sk_buff *skb = n->queue;

		n->queue = skb->next;
		neigh_xmit(skb, n->ha);
	}
	n->queue_tail = NULL;
	n->qlen = 0;
}

int arp_send(int op, struct net_device *dev, __be32 dest_ip, const u8 *dest_hw,
	     __be32 src_ip, const u8 *target_hw)
{
	struct sk_buff *skb = alloc_skb(LL_MAX_HEADER + sizeof(struct arp_eth_ipv4), GFP_ATOMIC);
	struct arp_eth_ipv4 *arp;
	u8 bcast[ETH_ALEN];

	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, LL_MAX_HEADER);
	arp = skb_put(skb, sizeof(*arp));
	arp->hdr.ar_hrd = htons(ARPHRD_ETHER);
	arp->hdr.ar_pro = htons(ETH_P_IP);
	arp->hdr.ar_hln = ETH_ALEN;
	arp->hdr.ar_pln = 4;
	arp->hdr.ar_op = htons(op);
	ether_addr_copy(arp->ar_sha, dev->dev_addr);
	arp->ar_sip = src_ip;
	if (target_hw)
		ether_addr_copy(arp->ar_tha, target_hw);
	else
		memset(arp->ar_tha, 0, ETH_ALEN);
	arp->ar_tip = dest_ip;
	skb->dev = dev;
	skb->protocol = htons(ETH_P_ARP);
	eth_broadcast_addr(bcast);
	eth_header(skb, dev, ETH_P_ARP, dest_hw ? dest_hw : bcast);
	return dev_queue_xmit(skb);
}

static void arp_solicit(struct neighbour *n)
{
	n->probes++;
	arp_send(ARPOP_REQUEST, ic_dev, n->ip, NULL, ic_myaddr, NULL);
	if (!timer_pending(&arp_timer))
		mod_timer(&arp_timer, jiffies + HZ);
}

/* RFC 1112 6.4: the group's low 23 bits under 01:00:5e. */
static void ip_eth_mc_map(__be32 addr, u8 *ha)
{
	const u8 *a = (const u8 *)&addr;

	ha[0] = 0x01;
	ha[1] = 0x00;
	ha[2] = 0x5e;
	ha[3] = a[1] & 0x7f;
	ha[4] = a[2];
	ha[5] = a[3];
}

int arp_output(struct sk_buff *skb, __be32 nexthop)
{
	struct neighbour *n;
	unsigned long flags;
	u8 ha[ETH_ALEN];
	int ret = 0;

	if (ipv4_is_lbcast(nexthop) || nexthop == ic_broadcast()) {
		eth_broadcast_addr(ha);
		return neigh_xmit(skb, ha);
	}
	if (ipv4_is_multicast(nexthop)) {
		ip_eth_mc_map(nexthop, ha);
		return neigh_xmit(skb, ha);
	}
	spin_lock_irqsave(&arp_lock, flags);
	n = neigh_lookup(nexthop);
	if (n && n->nud_state == NUD_REACHABLE) {
		ret = neigh_xmit(skb, n->ha);
	} else {
		if (!n) {
			n = neigh_create(nexthop);
			n->nud_state = NUD_INCOMPLETE;
			neigh_enqueue(n, skb);
			arp_solicit(n);
		} else {
			neigh_enqueue(n, skb);
		}
	}
	spin_unlock_irqrestore(&arp_lock, flags);
	return ret;
}

bool arp_lookup(__be32 ip, u8 *ha)
{
	struct neighbour *n;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&arp_lock, flags);
	n = neigh_lookup(ip);
	if (n && n->nud_state == NUD_REACHABLE) {
		ether_addr_copy(ha, n->ha);
		found = true;
	}
	spin_unlock_irqrestore(&arp_lock, flags);
	return found;
}

/* Once a second while anything is unresolved: ask again, or give up. */
static void arp_timer_fn(struct timer_list *t)
{
	bool pending = false;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&arp_lock, flags);
	for (i = 0; i < ARP_TABLE_SIZE; i++) {
		struct neighbour *n = &arp_tbl[i];

		if (n->nud_state != NUD_INCOMPLETE)
			continue;
		if (n->probes >= ARP_MAX_PROBES) {
			neigh_purge_queue(n, SKB_DROP_REASON_NEIGH_FAILED);
			n->nud_state = NUD_NONE;
			continue;
		}
		n->probes++;
		arp_send(ARPOP_REQUEST, ic_dev, n->ip, NULL, ic_myaddr, NULL);
		pending = true;
	}
	if (pending)
		mod_timer(&arp_timer, jiffies + HZ);
	spin_unlock_irqrestore(&arp_lock, flags);
}

static bool arp_is_ipv4_over_ethernet(const struct arphdr *h)
{
	return (h->ar_hrd == htons(ARPHRD_ETHER) || h->ar_hrd == htons(ARPHRD_IEEE802)) &&
	       h->ar_pro == htons(ETH_P_IP) && h->ar_hln == ETH_ALEN && h->ar_pln == 4 &&
	       (h->ar_op == htons(ARPOP_REQUEST) || h->ar_op == htons(ARPOP_REPLY));
}

/* Records @ha for @ip: in a known entry, or (@create) a new one. */
static void arp_neigh_update(__be32 ip, const u8 *ha, bool create)
{
	struct neighbour *n;
	unsigned long flags;

	if (!is_valid_ether_addr(ha))
		return;
	spin_lock_irqsave(&arp_lock, flags);
	n = neigh_lookup(ip);
	if (!n && create)
		n = neigh_create(ip);
	if (n)
		neigh_update(n, ha);
	spin_unlock_irqrestore(&arp_lock, flags);
}

static void arp_dup_addr_warn(struct net_device *dev, const u8 *sha)
{
	char ip[INET_ADDRSTRLEN], ha[18];

	/* Its own limit: a flood of martians must not hide that our address is taken. */
	pr_warn_ratelimited("IPv4: %s: duplicate address %s claimed by %s\n", dev->name,
			    in_ntoa(ip, ic_myaddr), eth_addr_str(ha, sha));
}

/*
 * 0 when the sender may be another host, else why not. Linux judges a
 * request's sender by routing it (ip_route_input_noref() from sender to
 * target), which counts and logs a martian; a reply's it never looks up.
 */
static enum skb_drop_reason arp_check_sender(struct sk_buff *skb, struct net_device *dev,
					     const struct arp_eth_ipv4 *arp, bool request)
{
	enum skb_drop_reason reason = ip_route_check_source(arp->ar_sip);

	if (!reason)
		return SKB_NOT_DROPPED_YET;
	if (request)
		ip_handle_martian_source(dev, skb, arp->ar_tip, arp->ar_sip);
	if (reason == SKB_DROP_REASON_IP_LOCAL_SOURCE &&
	    !ether_addr_equal(arp->ar_sha, dev->dev_addr)) {
		arp_dup_addr_warn(dev, arp->ar_sha);
		return SKB_DROP_REASON_ARP_DUP_ADDR;
	}
	return reason;
}

/*
 * Linux's arp_process() for one Ethernet interface, without proxy ARP
 * or arp_accept: 0 when @arp was taken (answered, cached, or of no
 * interest), else the reason to drop it.
 */
static enum skb_drop_reason arp_process(struct sk_buff *skb, struct net_device *dev,
					const struct arp_eth_ipv4 *arp)
{
	bool request = arp->hdr.ar_op == htons(ARPOP_REQUEST);
	bool for_us = ic_myaddr && arp->ar_tip == ic_myaddr;
	enum skb_drop_reason reason;

	if (ipv4_is_multicast(arp->ar_tip) || ipv4_is_loopback(arp->ar_tip))
		return SKB_DROP_REASON_ARP_INVALID;
	if (!arp->ar_sip) {
		if (request && for_us)
			arp_send(ARPOP_REPLY, dev, 0, arp->ar_sha, ic_myaddr, arp->ar_sha);
		return SKB_NOT_DROPPED_YET;
	}
	reason = arp_check_sender(skb, dev, arp, request);
	if (reason)
		return reason;
	if (request && for_us)
		arp_send(ARPOP_REPLY, dev, arp->ar_sip, arp->ar_sha, ic_myaddr, arp->ar_sha);
	arp_neigh_update(arp->ar_sip, arp->ar_sha, request && for_us);
	return SKB_NOT_DROPPED_YET;
}

static int arp_rcv(struct sk_buff *skb, struct net_device *dev)
{
	const struct arp_eth_ipv4 *arp = (const struct arp_eth_ipv4 *)skb->data;
	enum skb_drop_reason reason;

	if (!pskb_may_pull(skb, sizeof(*arp))) {
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
		return NET_RX_DROP;
	}
	if (!arp_is_ipv4_over_ethernet(&arp->hdr) || skb->pkt_type == PACKET_OTHERHOST) {
		kfree_skb_reason(skb, SKB_DROP_REASON_ARP_INVALID);
		return NET_RX_DROP;
	}
	reason = arp_process(skb, dev, arp);
	if (reason) {
		kfree_skb_reason(skb, reason);
		return NET_RX_DROP;
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* Linux's /proc/net/arp: flags 0x2 (ATF_COM) for a resolved entry, 0x0 while resolving. */
static int arp_seq_show(struct seq_file *seq, void *v)
{
	char ip[INET_ADDRSTRLEN], ha[18];
	unsigned long flags;
	int i;

	seq_puts(seq, "IP address       HW type     Flags       HW address            Mask     Device\n");
	spin_lock_irqsave(&arp_lock, flags);
	for (i = 0; i < ARP_TABLE_SIZE; i++) {
		struct neighbour *n = &arp_tbl[i];

		if (n->nud_state == NUD_NONE)
			continue;
		seq_printf(seq, "%-16s 0x%-10x0x%-10x%-17s     *        %s\n",
			   in_ntoa(ip, n->ip), ARPHRD_ETHER,
			   n->nud_state == NUD_REACHABLE ? 0x2 : 0x0,
			   eth_addr_str(ha, n->ha), ic_dev ? ic_dev->name : "");
	}
	spin_unlock_irqrestore(&arp_lock, flags);
	return 0;
}

static struct packet_type arp_packet_type = {
	.func = arp_rcv,
};

int arp_init(void)
{
	arp_packet_type.type = htons(ETH_P_ARP);
	dev_add_pack(&arp_packet_type);
	timer_setup(&arp_timer, arp_timer_fn, 0);
	return proc_create_single("net/arp", arp_seq_show);
}
