// SPDX-License-Identifier: MIT
/*
 * TCP over IPv4 (Linux's tcp_ipv4.c and the lookup half of
 * inet_hashtables.c): the established table keyed by the four-tuple,
 * the listening table keyed by port, tcp_v4_rcv() from ip_local_deliver()
 * on lo and eth0 alike, connect()'s active open, RST for segments
 * nobody owns, and /proc/net/tcp in Linux's format.
 *
 * tcp_v4_rcv() checks the header (its length, doff, the checksum over
 * the pseudo-header), each failure counted under Linux's drop reason and
 * TCP's InErrs/InCsumErrors; then the socket is found (a reference taken
 * under tcp_hash_lock), locked, and the segment goes through
 * tcp_input.c. A SYN for a port nobody listens on is answered with a RST
 * (the connecter's ECONNREFUSED) and dropped as NO_SOCKET.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/jiffies.h>
#include <linux/bottom_half.h>
#include <linux/in.h>
#include <uapi/linux/in.h>
#include <net/tcp.h>
#include <net/route.h>
#include <net/checksum.h>

#define TCP_EHASH_SIZE	512
#define TCP_LHASH_SIZE	32

DEFINE_SPINLOCK(tcp_hash_lock);
static struct list_head tcp_ehash[TCP_EHASH_SIZE];
static struct list_head tcp_lhash[TCP_LHASH_SIZE];

static unsigned int inet_ehashfn(__be32 laddr, __be16 lport, __be32 faddr, __be16 fport)
{
	u32 h = (u32)laddr ^ (u32)faddr ^ ((u32)lport << 16 | fport);

	h ^= h >> 16;
	h *= 0x9e3779b1;
	return (h >> 16) % TCP_EHASH_SIZE;
}

static struct list_head *tcp_lhashfn(__be16 port)
{
	return &tcp_lhash[ntohs(port) % TCP_LHASH_SIZE];
}

/* Under tcp_hash_lock (listeners: inet_connection_sock.c). */
void tcp_listen_hash(struct tcp_sock *tp)
{
	list_add_tail(&tp->hash_node, tcp_lhashfn(tp->inet_sport));
	tp->hashed = true;
}

static struct tcp_sock *__inet_lookup_established(__be32 saddr, __be16 sport, __be32 daddr,
						  __be16 dport)
{
	struct tcp_sock *tp;

	list_for_each_entry(tp, &tcp_ehash[inet_ehashfn(daddr, dport, saddr, sport)], hash_node)
		if (tp->inet_daddr == saddr && tp->inet_dport == sport &&
		    tp->inet_saddr == daddr && tp->inet_sport == dport)
			return tp;
	return NULL;
}

/* The connection a segment from @saddr:@sport to @daddr:@dport belongs to, held; or NULL. */
struct tcp_sock *inet_lookup_established(__be32 saddr, __be16 sport, __be32 daddr,
					 __be16 dport)
{
	struct tcp_sock *tp;
	unsigned long flags;

	spin_lock_irqsave(&tcp_hash_lock, flags);
	tp = __inet_lookup_established(saddr, sport, daddr, dport);
	if (tp)
		sock_hold(&tp->sk);
	spin_unlock_irqrestore(&tcp_hash_lock, flags);
	return tp;
}

/* The listener for @daddr:@port, held: one bound to that address before one bound to any. */
struct tcp_sock *inet_csk_lookup_listener(__be32 daddr, u16 port)
{
	struct tcp_sock *tp, *best = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tcp_hash_lock, flags);
	list_for_each_entry(tp, tcp_lhashfn(htons(port)), hash_node) {
		if (ntohs(tp->inet_sport) != port)
			continue;
		if (tp->inet_rcv_saddr == daddr) {
			best = tp;
			break;
		}
		if (!tp->inet_rcv_saddr && !best)
			best = tp;
	}
	if (best)
		sock_hold(&best->sk);
	spin_unlock_irqrestore(&tcp_hash_lock, flags);
	return best;
}

/* A child into the tables: the listener's port, its own four-tuple. */
void tcp_hash(struct tcp_sock *tp)
{
	unsigned long flags;

	spin_lock_irqsave(&tcp_hash_lock, flags);
	inet_csk_bind_hash(tp);
	list_add_tail(&tp->hash_node, &tcp_ehash[inet_ehashfn(tp->inet_saddr, tp->inet_sport,
							      tp->inet_daddr, tp->inet_dport)]);
	tp->hashed = true;
	spin_unlock_irqrestore(&tcp_hash_lock, flags);
}

void tcp_unhash(struct tcp_sock *tp, bool keep_port, struct tcp_out *out)
{
	unsigned long flags;

	spin_lock_irqsave(&tcp_hash_lock, flags);
	if (tp->hashed) {
		list_del_init(&tp->hash_node);
		tp->hashed = false;
	}
	if (tp->bound && !keep_port) {
		list_del_init(&tp->bind_node);
		tp->bound = false;
		tcp_out_put(out, &tp->sk);
	}
	spin_unlock_irqrestore(&tcp_hash_lock, flags);
}

/*
 * Linux's tcp_v4_send_reset(), for a segment no connection takes: the
 * RST carries the ACK number it acked, or acks what it carried (RFC 9293
 * 3.10.7.1). Never a RST for a RST.
 */
void tcp_v4_send_reset(__be32 saddr, __be32 daddr, const struct tcphdr *th,
		       unsigned int datalen)
{
	struct sk_buff *skb;
	struct flowi4 fl4;
	u32 seq = 0, ack = 0;
	u8 flags = TCPHDR_RST;

	if (th->rst || ip_route_output(daddr, &fl4))
		return;
	fl4.saddr = saddr;
	if (th->ack) {
		seq = ntohl(th->ack_seq);
	} else {
		ack = ntohl(th->seq) + th->syn + th->fin + datalen;
		flags |= TCPHDR_ACK;
	}
	skb = tcp_make_segment(saddr, daddr, th->dest, th->source, seq, ack, flags, 0, 0, NULL, 0);
	if (!skb)
		return;
	TCP_INC_STATS(OUTSEGS);
	TCP_INC_STATS(OUTRSTS);
	IP_INC_STATS(OUTREQUESTS);
	local_bh_disable();
	ip_send_skb(skb, &fl4, IPPROTO_TCP);
	local_bh_enable();
}

/* The active open: a route, a port, the tables, then the SYN. */
int tcp_v4_connect(struct tcp_sock *tp, __be32 daddr, __be16 dport)
{
	u64 get_random_u64(void);
	struct tcp_out out;
	struct flowi4 fl4;
	unsigned long flags;
	u32 iss;
	int err;

	if (ip_route_output(daddr, &fl4))
		return -ENETUNREACH;
	if (tp->inet_rcv_saddr && inet_addr_type(tp->inet_rcv_saddr) == RTN_LOCAL)
		fl4.saddr = tp->inet_rcv_saddr;
	iss = (u32)get_random_u64();
	spin_lock_irqsave(&tp->lock, flags);
	tp->fl4 = fl4;
	tp->inet_daddr = fl4.daddr;
	tp->inet_dport = dport;
	tp->inet_saddr = fl4.saddr;
	spin_lock(&tcp_hash_lock);
	err = 0;
	if (!tp->bound)
		err = inet_csk_get_ephemeral(tp);
	else if (__inet_lookup_established(fl4.daddr, dport, fl4.saddr, tp->inet_sport))
		err = -EADDRNOTAVAIL;
	if (!err) {
		list_add_tail(&tp->hash_node,
			      &tcp_ehash[inet_ehashfn(tp->inet_saddr, tp->inet_sport,
						      tp->inet_daddr, tp->inet_dport)]);
		tp->hashed = true;
	}
	spin_unlock(&tcp_hash_lock);
	if (err) {
		tp->inet_daddr = 0;
		tp->inet_dport = 0;
		spin_unlock_irqrestore(&tp->lock, flags);
		return err;
	}
	tp->snd_una = iss;
	tp->snd_nxt = iss + 1;
	tp->write_seq = iss + 1;
	tp->snd_wnd = 0;
	tp->rcv_nxt = tp->rcv_wup = tp->rcv_wnd = 0;
	tp->retransmits = 0;
	tp->fin_queued = false;
	WRITE_ONCE(tp->sk.sk_shutdown, 0);
	tcp_set_state(tp, TCP_SYN_SENT);
	tcp_out_init(&out, tp);
	tcp_send_syn(tp, &out);
	tp->rtt_start = jiffies;
	tp->rto = TCP_TIMEOUT_INIT;
	tcp_reset_xmit_timer(tp, tp->rto);
	TCP_INC_STATS(ACTIVEOPENS);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	return 0;
}

static int tcp_v4_drop(struct sk_buff *skb, enum skb_drop_reason reason, bool inerr)
{
	if (inerr)
		TCP_INC_STATS(INERRS);
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

/* A TIME_WAIT connection gives way to a new SYN for its four-tuple (Linux's TCP_TW_SYN). */
static void tcp_timewait_kill(struct tcp_sock *tp)
{
	struct tcp_out out;
	unsigned long flags;

	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	if (tp->sk.sk_state == TCP_TIME_WAIT)
		tcp_done(tp, &out);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	sock_put(&tp->sk);
}

static void tcp_v4_do_rcv(struct tcp_sock *tp, struct sk_buff *skb)
{
	struct tcp_out out;
	unsigned long flags;

	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	tcp_rcv_state_process(tp, skb, &out);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
}

/* NET_RX softirq, any CPU; @skb->data is at the TCP header. */
int tcp_v4_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	struct tcp_sock *tp;

	if (skb->rt_type != RTN_LOCAL)	/* TCP is never broadcast */
		return tcp_v4_drop(skb, SKB_DROP_REASON_NOT_SPECIFIED, false);
	TCP_INC_STATS(INSEGS);
	if (!pskb_may_pull(skb, sizeof(*th)))
		return tcp_v4_drop(skb, SKB_DROP_REASON_PKT_TOO_SMALL, false);
	if (th->doff < sizeof(*th) / 4)
		return tcp_v4_drop(skb, SKB_DROP_REASON_PKT_TOO_SMALL, true);
	if (!pskb_may_pull(skb, th->doff * 4))
		return tcp_v4_drop(skb, SKB_DROP_REASON_PKT_TOO_SMALL, false);
	if (csum_tcpudp_magic(iph->saddr, iph->daddr, skb->len, IPPROTO_TCP,
			      csum_partial(th, skb->len, 0))) {
		TCP_INC_STATS(CSUMERRORS);
		return tcp_v4_drop(skb, SKB_DROP_REASON_TCP_CSUM, true);
	}
	tp = inet_lookup_established(iph->saddr, th->source, iph->daddr, th->dest);
	if (tp && READ_ONCE(tp->sk.sk_state) == TCP_TIME_WAIT && th->syn && !th->ack && !th->rst) {
		tcp_timewait_kill(tp);
		tp = NULL;
	}
	if (!tp)
		tp = inet_csk_lookup_listener(iph->daddr, ntohs(th->dest));
	if (!tp) {
		tcp_v4_send_reset(iph->daddr, iph->saddr, th, skb->len - th->doff * 4);
		return tcp_v4_drop(skb, SKB_DROP_REASON_NO_SOCKET, false);
	}
	if (READ_ONCE(tp->sk.sk_state) == TCP_LISTEN)
		tcp_rcv_listen(tp, skb);
	else
		tcp_v4_do_rcv(tp, skb);
	sock_put(&tp->sk);
	return NET_RX_SUCCESS;
}

/* --- /proc/net/tcp ----------------------------------------------------------- */

/* Linux's timer codes: 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe. */
static int tcp_timer_code(const struct tcp_sock *tp)
{
	if (!timer_pending(&tp->timer))
		return 0;
	if (tp->sk.sk_state == TCP_TIME_WAIT)
		return 3;
	if (tp->snd_una == tp->snd_nxt && tp->send_head)
		return 4;
	return 1;
}

static void get_tcp4_sock(struct seq_file *f, const struct tcp_sock *tp, int i)
{
	int state = tp->sk.sk_state, timer = tcp_timer_code(tp);
	long when = timer ? (long)(tp->timer.expires - jiffies) : 0;
	u32 rx = state == TCP_LISTEN ? tp->acceptq_len : (u32)tp->rcv_queued;
	char line[160];

	snprintf(line, sizeof(line),
		 "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %016lx %lu %lu %u %u %d",
		 i, (u32)(tp->inet_rcv_saddr ?: tp->inet_saddr), ntohs(tp->inet_sport),
		 (u32)tp->inet_daddr, ntohs(tp->inet_dport), state,
		 state == TCP_LISTEN ? 0 : tp->write_seq - tp->snd_una, rx, timer,
		 when > 0 ? (unsigned long)when : 0UL, tp->retransmits, 0, tp->probes_out, 0UL,
		 tp->sk.sk_refcnt, (unsigned long)tp, tp->rto, 0UL, 0, 10,
		 state == TCP_LISTEN ? (int)tp->sk.sk_max_ack_backlog : -1);
	seq_printf(f, "%-149s\n", line);
}

static int tcp4_seq_show(struct seq_file *f, void *v)
{
	const struct tcp_sock *tp;
	unsigned long flags;
	int i, n = 0;

	seq_printf(f, "%-149s\n", "  sl  local_address rem_address   st tx_queue rx_queue tr "
		   "tm->when retrnsmt   uid  timeout inode");
	spin_lock_irqsave(&tcp_hash_lock, flags);
	for (i = 0; i < TCP_LHASH_SIZE; i++)
		list_for_each_entry(tp, &tcp_lhash[i], hash_node)
			get_tcp4_sock(f, tp, n++);
	for (i = 0; i < TCP_EHASH_SIZE; i++)
		list_for_each_entry(tp, &tcp_ehash[i], hash_node)
			get_tcp4_sock(f, tp, n++);
	spin_unlock_irqrestore(&tcp_hash_lock, flags);
	return 0;
}

int tcp_init(void)
{
	int i;

	for (i = 0; i < TCP_EHASH_SIZE; i++)
		INIT_LIST_HEAD(&tcp_ehash[i]);
	for (i = 0; i < TCP_LHASH_SIZE; i++)
		INIT_LIST_HEAD(&tcp_lhash[i]);
	inet_csk_init();
	return proc_create_single("net/tcp", tcp4_seq_show);
}
