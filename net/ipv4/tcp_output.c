// SPDX-License-Identifier: MIT
/*
 * Building and sending TCP segments: a header (with the MSS option on a
 * SYN), the checksum over the pseudo-header, and the window we offer.
 * Data waits in the write queue as skbs holding payload only, one per
 * segment; tcp_write_xmit() sends what the peer's window allows, each
 * transmission a fresh copy, so the queued skb stays for a retransmit
 * until it is acknowledged. Everything here runs under the socket's
 * lock and appends to a struct tcp_out, which the caller sends once the
 * lock is dropped.
 *
 * There is no congestion control (no cwnd, slow start or fast
 * retransmit): the sender is limited by the peer's window alone, and a
 * lost segment is resent by the retransmission timer (tcp_timer.c).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/jiffies.h>
#include <net/tcp.h>
#include <net/checksum.h>

struct sk_buff *tcp_make_segment(__be32 saddr, __be32 daddr, __be16 sport, __be16 dport,
				 u32 seq, u32 ack, u8 flags, u16 window, u16 mss,
				 const void *data, unsigned int len)
{
	unsigned int hdrlen = sizeof(struct tcphdr) + (mss ? TCPOLEN_MSS : 0);
	struct sk_buff *skb = alloc_skb(IP_HEADROOM + hdrlen + len, GFP_ATOMIC);
	struct tcphdr *th;

	if (!skb)
		return NULL;
	skb_reserve(skb, IP_HEADROOM);
	th = skb_put(skb, hdrlen);
	memset(th, 0, hdrlen);
	th->source = sport;
	th->dest = dport;
	th->seq = htonl(seq);
	th->ack_seq = (flags & TCPHDR_ACK) ? htonl(ack) : 0;
	th->doff = hdrlen / 4;
	((u8 *)th)[13] = flags;
	th->window = htons(window);
	if (mss) {
		u8 *opt = (u8 *)(th + 1);

		opt[0] = TCPOPT_MSS;
		opt[1] = TCPOLEN_MSS;
		opt[2] = mss >> 8;
		opt[3] = mss & 0xff;
	}
	if (len)
		memcpy(skb_put(skb, len), data, len);
	skb_reset_transport_header(skb);
	th->check = csum_tcpudp_magic(saddr, daddr, skb->len, IPPROTO_TCP,
				      csum_partial(th, skb->len, 0));
	return skb;
}

static void tcp_queue_segment(struct tcp_sock *tp, struct tcp_out *out, u32 seq, u8 flags,
			      u16 mss, const void *data, unsigned int len)
{
	struct sk_buff *skb;
	u16 window = (flags & TCPHDR_RST) ? 0 : tcp_select_window(tp);

	skb = tcp_make_segment(tp->inet_saddr, tp->inet_daddr, tp->inet_sport, tp->inet_dport,
			       seq, tp->rcv_nxt, flags, window, mss, data, len);
	if (!skb)
		return;		/* as a lost segment: the timer or the peer resends */
	__skb_queue_tail(&out->q, skb);
}

void tcp_send_ack(struct tcp_sock *tp, struct tcp_out *out)
{
	tcp_queue_segment(tp, out, tp->snd_nxt, TCPHDR_ACK, 0, NULL, 0);
}

/* The MSS we announce: what the route carries (RFC 9293 3.7.1). */
static u16 tcp_advertise_mss(const struct tcp_sock *tp)
{
	u32 mss = tcp_route_mss(&tp->fl4);

	if (tp->user_mss && tp->user_mss < mss)
		mss = tp->user_mss;
	return mss;
}

void tcp_send_syn(struct tcp_sock *tp, struct tcp_out *out)
{
	tcp_queue_segment(tp, out, tp->snd_una, TCPHDR_SYN, tcp_advertise_mss(tp), NULL, 0);
}

void tcp_send_synack(struct tcp_sock *tp, struct tcp_out *out)
{
	tcp_queue_segment(tp, out, tp->snd_una, TCPHDR_SYN | TCPHDR_ACK, tcp_advertise_mss(tp),
			  NULL, 0);
}

/* Linux's tcp_send_active_reset(): RST with the next sequence number, so the peer takes it. */
void tcp_send_active_reset(struct tcp_sock *tp, struct tcp_out *out)
{
	tcp_queue_segment(tp, out, tp->snd_nxt, TCPHDR_RST | TCPHDR_ACK, 0, NULL, 0);
	TCP_INC_STATS(OUTRSTS);
}

/*
 * A zero-window probe (Linux's tcp_write_wakeup() with nothing it may
 * send): an ACK with an old sequence number, which the peer must answer
 * with an ACK carrying its current window.
 */
void tcp_send_probe(struct tcp_sock *tp, struct tcp_out *out)
{
	tcp_queue_segment(tp, out, tp->snd_una - 1, TCPHDR_ACK, 0, NULL, 0);
}

static void tcp_transmit_skb(struct tcp_sock *tp, struct sk_buff *skb, struct tcp_out *out)
{
	const struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	tcp_queue_segment(tp, out, tcb->seq, TCPHDR_ACK | tcb->tcp_flags, 0, skb->data, skb->len);
}

static struct sk_buff *tcp_write_queue_next(struct tcp_sock *tp, struct sk_buff *skb)
{
	return skb->next == (struct sk_buff *)&tp->write_queue ? NULL : skb->next;
}

/*
 * Splits the unsent @skb after @len bytes (Linux's tcp_fragment()), when
 * the peer's window takes only part of it; false without memory.
 */
static bool tcp_fragment(struct tcp_sock *tp, struct sk_buff *skb, unsigned int len)
{
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	unsigned int rest = skb->len - len;
	struct sk_buff *buff = alloc_skb(rest, GFP_ATOMIC);

	if (!buff)
		return false;
	memcpy(skb_put(buff, rest), skb->data + len, rest);
	skb_trim(skb, len);
	TCP_SKB_CB(buff)->seq = tcb->seq + len;
	TCP_SKB_CB(buff)->end_seq = tcb->end_seq;
	TCP_SKB_CB(buff)->tcp_flags = tcb->tcp_flags;
	tcb->end_seq = tcb->seq + len;
	tcb->tcp_flags &= ~(TCPHDR_FIN | TCPHDR_PSH);
	/* In after @skb. */
	buff->next = skb->next;
	buff->prev = skb;
	skb->next->prev = buff;
	skb->next = buff;
	tp->write_queue.qlen++;
	return true;
}

/* Bytes of @skb the peer's window takes now (a FIN alone always goes). */
static unsigned int tcp_snd_wnd_room(const struct tcp_sock *tp, const struct sk_buff *skb)
{
	u32 wnd_end = tp->snd_una + tp->snd_wnd;
	u32 seq = TCP_SKB_CB(skb)->seq;

	if (!skb->len || !after(seq + skb->len, wnd_end))
		return skb->len;
	return after(wnd_end, seq) ? wnd_end - seq : 0;
}

void tcp_write_xmit(struct tcp_sock *tp, struct tcp_out *out)
{
	struct sk_buff *skb;

	while ((skb = tp->send_head)) {
		unsigned int room = tcp_snd_wnd_room(tp, skb);

		if (!room && skb->len)
			break;
		if (room < skb->len && !tcp_fragment(tp, skb, room))
			break;
		tcp_transmit_skb(tp, skb, out);
		if (!tp->rtt_timing) {
			tp->rtt_timing = true;
			tp->rtt_seq = TCP_SKB_CB(skb)->end_seq;
			tp->rtt_start = jiffies;
		}
		tp->snd_nxt = TCP_SKB_CB(skb)->end_seq;
		tp->send_head = tcp_write_queue_next(tp, skb);
	}
	/* Unacknowledged data, or data the window holds back: the timer resends or probes. */
	if ((tp->snd_una != tp->snd_nxt || tp->send_head) && !timer_pending(&tp->timer))
		tcp_reset_xmit_timer(tp, tp->rto);
}

/* Resends the oldest unacknowledged segment (a timeout or a partial ACK in recovery). */
void tcp_retransmit_head(struct tcp_sock *tp, struct tcp_out *out)
{
	struct sk_buff *skb = tp->write_queue.next;

	if (skb == (struct sk_buff *)&tp->write_queue || skb == tp->send_head)
		return;
	tp->rtt_timing = false;		/* Karn: no RTT sample from a resent segment */
	tcp_transmit_skb(tp, skb, out);
	TCP_INC_STATS(RETRANSSEGS);
}

/* Linux's tcp_send_fin(): a FIN after everything queued, sent when its turn comes. */
void tcp_send_fin(struct tcp_sock *tp, struct tcp_out *out)
{
	struct sk_buff *skb;

	if (tp->fin_queued)
		return;
	skb = alloc_skb(1, GFP_ATOMIC);	/* room for nothing: a FIN carries no data */
	if (!skb)
		return;
	TCP_SKB_CB(skb)->seq = tp->write_seq;
	TCP_SKB_CB(skb)->end_seq = tp->write_seq + 1;
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_FIN;
	tp->write_seq++;
	tp->fin_queued = true;
	__skb_queue_tail(&tp->write_queue, skb);
	if (!tp->send_head)
		tp->send_head = skb;
	tcp_write_xmit(tp, out);
}
