// SPDX-License-Identifier: MIT
/*
 * UDP (RFC 768, RFC 1122 4.1): receive checks the length against the IP
 * datagram and the checksum when the sender computed one, then delivers
 * the payload to the handler bound to the destination port and address;
 * send builds the header with its checksum (always computed; a zero
 * result is sent as all ones, as RFC 768 asks). A datagram the route
 * took as a broadcast or multicast goes, as in Linux's
 * __udp4_lib_mcast_deliver(), only to a socket bound to INADDR_ANY or to
 * that very address, and without a taker is counted as IgnoredMulti, not
 * NoPorts. Ports are a short list: a handful are bound. /proc/net/udp
 * lists them in Linux's format.
 *
 * Datagrams arrive on several CPUs at once (a NAPI instance per queue,
 * RPS) while tasks on others bind and close. As Linux, which looks a
 * socket up under RCU and holds a reference across delivery, the lookup
 * takes a reference to the port under udp_ports_lock and delivers
 * without the lock, so CPUs deliver to different ports, or to one
 * socket's queue (which has its own lock), at the same time;
 * udp_port_unbind() takes the port off the list and then waits for the
 * references to go, so once it returns no CPU touches the port and its
 * owner may free it. The counters are per CPU (include/net/snmp.h).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/checksum.h>

static LIST_HEAD(udp_ports);
static DEFINE_SPINLOCK(udp_ports_lock);

/*
 * Linux's compute_score(), reduced: a socket bound to another address,
 * or connected to another peer, does not match.
 */
static struct udp_port *udp_port_lookup(u16 port, __be32 daddr, __be32 saddr, __be16 sport)
{
	struct udp_port *up;

	list_for_each_entry(up, &udp_ports, node)
		if (up->port == port && (!up->rcv_saddr || up->rcv_saddr == daddr) &&
		    (!up->daddr || up->daddr == saddr) && (!up->dport || up->dport == sport))
			return up;
	return NULL;
}

/* Linux's udp_lib_lport_inuse() without SO_REUSEADDR: overlapping addresses conflict. */
static bool udp_port_inuse(const struct udp_port *new)
{
	struct udp_port *up;

	list_for_each_entry(up, &udp_ports, node)
		if (up->port == new->port &&
		    (!up->rcv_saddr || !new->rcv_saddr || up->rcv_saddr == new->rcv_saddr))
			return true;
	return false;
}

int udp_port_bind(struct udp_port *up)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&udp_ports_lock, flags);
	if (udp_port_inuse(up)) {
		err = -EADDRINUSE;
	} else {
		up->refcnt = 0;
		list_add_tail(&up->node, &udp_ports);
	}
	spin_unlock_irqrestore(&udp_ports_lock, flags);
	return err;
}

void udp_port_rehash(struct udp_port *up, __be32 rcv_saddr, __be32 daddr, __be16 dport)
{
	unsigned long flags;

	spin_lock_irqsave(&udp_ports_lock, flags);
	up->rcv_saddr = rcv_saddr;
	up->daddr = daddr;
	up->dport = dport;
	spin_unlock_irqrestore(&udp_ports_lock, flags);
}

void udp_port_unbind(struct udp_port *up)
{
	unsigned long flags;

	spin_lock_irqsave(&udp_ports_lock, flags);
	list_del(&up->node);
	spin_unlock_irqrestore(&udp_ports_lock, flags);
	/* Found before it left the list: those deliveries finish first. */
	while (__atomic_load_n(&up->refcnt, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static int udp_drop(struct sk_buff *skb, enum skb_drop_reason reason)
{
	__UDP_INC_STATS(INERRORS);
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

/*
 * Hands the payload to @up. Linux counts InDatagrams when recvmsg()
 * hands a datagram over; reflex counts it when the port takes it in, so
 * the kernel's own services count the same way. A full queue is a
 * receive-buffer error, as in Linux.
 */
static int udp_queue_rcv_skb(struct udp_port *up, struct sk_buff *skb, __be32 saddr,
			     __be16 sport)
{
	skb_pull(skb, sizeof(struct udphdr));
	if (up->rcv(up, skb, saddr, sport)) {
		__UDP_INC_STATS(RCVBUFERRORS);
		__UDP_INC_STATS(INERRORS);
		return NET_RX_DROP;
	}
	__UDP_INC_STATS(INDATAGRAMS);
	return NET_RX_SUCCESS;
}

/*
 * Delivers to the port bound to @daddr (or to INADDR_ANY), or returns
 * -ENOENT with @skb untouched. The port is held (refcnt) from the lookup
 * to the end of the delivery, which runs without udp_ports_lock.
 */
static int udp_deliver(struct sk_buff *skb, __be32 saddr, __be32 daddr)
{
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	struct udp_port *up;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&udp_ports_lock, flags);
	up = udp_port_lookup(ntohs(uh->dest), daddr, saddr, uh->source);
	if (up)
		__atomic_fetch_add(&up->refcnt, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&udp_ports_lock, flags);
	if (!up)
		return -ENOENT;
	ret = udp_queue_rcv_skb(up, skb, saddr, uh->source);
	__atomic_fetch_sub(&up->refcnt, 1, __ATOMIC_RELEASE);
	return ret;
}

/* @skb->data is at the UDP header; the IP header is still in front of it. */
int udp_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	unsigned int ulen;
	int ret;

	if (!pskb_may_pull(skb, sizeof(*uh)))
		return udp_drop(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) || ulen > skb->len)
		return udp_drop(skb, SKB_DROP_REASON_PKT_TOO_SMALL);
	skb_trim(skb, ulen);
	if (uh->check &&
	    csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
			      csum_partial(uh, ulen, 0))) {
		__UDP_INC_STATS(CSUMERRORS);
		return udp_drop(skb, SKB_DROP_REASON_UDP_CSUM);
	}
	ret = udp_deliver(skb, iph->saddr, iph->daddr);
	if (ret != -ENOENT)
		return ret;
	if (skb->rt_type == RTN_BROADCAST || skb->rt_type == RTN_MULTICAST) {
		/* Linux's __udp4_lib_mcast_deliver() frees it unspecified. */
		__UDP_INC_STATS(IGNOREDMULTI);
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	__UDP_INC_STATS(NOPORTS);
	kfree_skb_reason(skb, SKB_DROP_REASON_NO_SOCKET);
	return NET_RX_DROP;
}

int udp_send_skb(struct sk_buff *skb, const struct flowi4 *fl4, u16 sport, u16 dport)
{
	struct udphdr *uh;
	__sum16 check;

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons(skb->len);
	uh->check = 0;
	check = csum_tcpudp_magic(fl4->saddr, fl4->daddr, skb->len, IPPROTO_UDP,
				  csum_partial(uh, skb->len, 0));
	uh->check = check ? check : (__sum16)0xffff;
	UDP_INC_STATS(OUTDATAGRAMS);
	IP_INC_STATS(OUTREQUESTS);
	return ip_send_skb(skb, fl4, IPPROTO_UDP);
}

int udp_sendto(u16 sport, __be32 daddr, u16 dport, const void *data, size_t len)
{
	struct sk_buff *skb;
	struct flowi4 fl4;

	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (ip_route_output(daddr, &fl4)) {
		IP_INC_STATS(OUTREQUESTS);
		IP_INC_STATS(OUTNOROUTES);
		return -ENETUNREACH;
	}
	skb = alloc_skb(IP_HEADROOM + sizeof(struct udphdr) + len, GFP_ATOMIC);
	if (!skb) {
		UDP_INC_STATS(SNDBUFERRORS);
		return -ENOMEM;
	}
	skb_reserve(skb, IP_HEADROOM + sizeof(struct udphdr));
	skb_put_data(skb, data, len);
	return udp_send_skb(skb, &fl4, sport, dport);
}

/* Linux's /proc/net/udp columns; addresses are the raw 32-bit words in hex, as Linux prints. */
static int udp4_seq_show(struct seq_file *seq, void *v)
{
	struct udp_port *up;
	unsigned long flags;
	int sl = 0;

	seq_printf(seq, "%-127s\n",
		   "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
		   "retrnsmt   uid  timeout inode ref pointer drops");
	spin_lock_irqsave(&udp_ports_lock, flags);
	list_for_each_entry(up, &udp_ports, node)
		seq_printf(seq, "%5d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %016lx %u\n",
			   sl++, (u32)up->rcv_saddr, up->port, (u32)up->daddr, ntohs(up->dport),
			   up->daddr ? 1 : 7, 0, 0, 0, 0UL, 0, 0, 0,
			   0UL, 2, (unsigned long)up, 0);
	spin_unlock_irqrestore(&udp_ports_lock, flags);
	return 0;
}

int udp_proc_init(void)
{
	return proc_create_single("net/udp", udp4_seq_show);
}
