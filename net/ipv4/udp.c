// SPDX-License-Identifier: MIT
/*
 * UDP (RFC 768, RFC 1122 4.1): receive checks the length against the IP
 * datagram and the checksum when the sender computed one, then delivers
 * the payload to the handler bound to the destination port; send builds
 * the header with its checksum (always computed; a zero result is sent
 * as all ones, as RFC 768 asks). Ports are a short list: a handful are
 * bound. /proc/net/udp lists them in Linux's format.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <net/ip.h>
#include <net/udp.h>
#include <net/checksum.h>

unsigned long udp_mib[UDP_MIB_MAX];

static LIST_HEAD(udp_ports);
static DEFINE_SPINLOCK(udp_ports_lock);

static struct udp_port *udp_port_lookup(u16 port)
{
	struct udp_port *up;

	list_for_each_entry(up, &udp_ports, node)
		if (up->port == port)
			return up;
	return NULL;
}

int udp_port_bind(struct udp_port *up)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&udp_ports_lock, flags);
	if (udp_port_lookup(up->port))
		err = -EADDRINUSE;
	else
		list_add_tail(&up->node, &udp_ports);
	spin_unlock_irqrestore(&udp_ports_lock, flags);
	return err;
}

void udp_port_unbind(struct udp_port *up)
{
	unsigned long flags;

	spin_lock_irqsave(&udp_ports_lock, flags);
	list_del(&up->node);
	spin_unlock_irqrestore(&udp_ports_lock, flags);
}

static int udp_drop(struct sk_buff *skb, enum skb_drop_reason reason)
{
	__UDP_INC_STATS(INERRORS);
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

/* @skb->data is at the UDP header; the IP header is still in front of it. */
int udp_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	struct udp_port *up;
	unsigned int ulen;

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
	/* Handlers are bound at boot and never unbound from interrupt context. */
	up = udp_port_lookup(ntohs(uh->dest));
	if (!up) {
		__UDP_INC_STATS(NOPORTS);
		kfree_skb_reason(skb, SKB_DROP_REASON_NO_SOCKET);
		return NET_RX_DROP;
	}
	skb_pull(skb, sizeof(*uh));
	/*
	 * Linux counts InDatagrams when recvmsg() hands a datagram over;
	 * reflex counts it when the port takes it in, so the kernel's own
	 * services count the same way. A full queue is a receive-buffer
	 * error, as in Linux.
	 */
	if (up->rcv(up, skb, iph->saddr, uh->source)) {
		__UDP_INC_STATS(RCVBUFERRORS);
		__UDP_INC_STATS(INERRORS);
		return NET_RX_DROP;
	}
	__UDP_INC_STATS(INDATAGRAMS);
	return NET_RX_SUCCESS;
}

int udp_sendto(u16 sport, __be32 daddr, u16 dport, const void *data, size_t len)
{
	struct sk_buff *skb;
	struct udphdr *uh;
	__sum16 check;

	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	skb = alloc_skb(IP_HEADROOM + sizeof(*uh) + len, GFP_ATOMIC);
	if (!skb) {
		__UDP_INC_STATS(SNDBUFERRORS);
		return -ENOMEM;
	}
	skb_reserve(skb, IP_HEADROOM + sizeof(*uh));
	skb_put_data(skb, data, len);
	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons(skb->len);
	uh->check = 0;
	check = csum_tcpudp_magic(ic_myaddr, daddr, skb->len, IPPROTO_UDP,
				  csum_partial(uh, skb->len, 0));
	uh->check = check ? check : (__sum16)0xffff;
	__UDP_INC_STATS(OUTDATAGRAMS);
	return ip_build_and_send_pkt(skb, daddr, IPPROTO_UDP);
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
			   sl++, (u32)ic_myaddr, up->port, 0, 0, 7, 0, 0, 0, 0UL, 0, 0, 0,
			   0UL, 2, (unsigned long)up, 0);
	spin_unlock_irqrestore(&udp_ports_lock, flags);
	return 0;
}

int udp_proc_init(void)
{
	return proc_create_single("net/udp", udp4_seq_show);
}
