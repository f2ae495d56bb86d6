// SPDX-License-Identifier: MIT
/*
 * A received segment's way through the state machine (RFC 9293 3.10.7,
 * Linux's tcp_rcv_state_process()), under the socket's lock: the
 * sequence check, RST (RFC 5961: only at rcv_nxt; elsewhere in the
 * window a challenge ACK), SYN, the ACK that frees the write queue and
 * moves the window and the closing states on, then data and FIN.
 *
 * Data is taken in order only: a segment beyond rcv_nxt is dropped
 * (TCP_OFO_DROP) and answered with a duplicate ACK, so the sender's
 * timer resends it. Data beyond the window we offered is cut off.
 * Listeners take SYNs in tcp_rcv_listen(): each makes a child socket in
 * SYN_RECV, which the handshake's last ACK hands to the accept queue.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <net/tcp.h>

static void tcp_drop_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	kfree_skb_reason(skb, reason);
}

/* The MSS option of @th, or 0 (RFC 9293 3.2: options end at doff). */
static u16 tcp_parse_mss(const struct tcphdr *th)
{
	const u8 *opt = (const u8 *)(th + 1);
	int len = th->doff * 4 - sizeof(*th);

	while (len > 0) {
		int kind = opt[0], olen;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			opt++;
			len--;
			continue;
		}
		if (len < 2)
			break;
		olen = opt[1];
		if (olen < 2 || olen > len)
			break;
		if (kind == TCPOPT_MSS && olen == TCPOLEN_MSS)
			return (opt[2] << 8) | opt[3];
		opt += olen;
		len -= olen;
	}
	return 0;
}

static void tcp_set_mss(struct tcp_sock *tp, u16 rx_mss)
{
	u32 mss = tcp_route_mss(&tp->fl4);

	tp->rx_mss = rx_mss ? rx_mss : TCP_MSS_DEFAULT;
	mss = min(mss, tp->rx_mss);
	if (tp->user_mss)
		mss = min(mss, (u32)tp->user_mss);
	tp->mss_cache = max(mss, 64U);
}

/* Linux's tcp_sequence(): some of the segment lies in the window we offered. */
static bool tcp_sequence(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	u32 wnd_end = tp->rcv_wup + tp->rcv_wnd;

	return !before(end_seq, tp->rcv_wup) &&
	       !after(seq, after(wnd_end, tp->rcv_nxt) ? wnd_end : tp->rcv_nxt);
}

/* RFC 9293 3.10.7.4 and Linux's tcp_reset(): the error the user sees depends on the state. */
static void tcp_reset(struct tcp_sock *tp, struct tcp_out *out)
{
	int err;

	switch (tp->sk.sk_state) {
	case TCP_SYN_SENT:
		err = ECONNREFUSED;
		break;
	case TCP_CLOSE_WAIT:
		err = EPIPE;
		break;
	case TCP_CLOSE:
		return;
	default:
		err = ECONNRESET;
	}
	WRITE_ONCE(tp->sk.sk_err, err);
	if (tp->sk.sk_state == TCP_SYN_SENT || tp->sk.sk_state == TCP_SYN_RECV)
		TCP_INC_STATS(ATTEMPTFAILS);
	tcp_done(tp, out);
}

/* Frees what @ack covers from the front of the write queue; a segment acked in part is cut. */
static void tcp_clean_rtx_queue(struct tcp_sock *tp, u32 ack)
{
	struct sk_buff *skb;

	while ((skb = tp->write_queue.next) != (struct sk_buff *)&tp->write_queue &&
	       skb != tp->send_head) {
		struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

		if (!after(tcb->end_seq, ack)) {
			__skb_dequeue(&tp->write_queue);
			tp->wmem_queued -= skb->len;
			consume_skb(skb);
			continue;
		}
		if (after(ack, tcb->seq)) {
			unsigned int n = ack - tcb->seq;

			skb_pull(skb, n);
			tcb->seq = ack;
			tp->wmem_queued -= n;
		}
		break;
	}
}

static void tcp_ack_update_window(struct tcp_sock *tp, const struct tcphdr *th, u32 seq, u32 ack)
{
	u32 wnd = ntohs(th->window);

	if (after(seq, tp->snd_wl1) || (seq == tp->snd_wl1 && !before(ack, tp->snd_wl2))) {
		if (!tp->snd_wnd && wnd)
			tp->probes_out = 0;
		tp->snd_wnd = wnd;
		tp->snd_wl1 = seq;
		tp->snd_wl2 = ack;
		tp->max_window = max(tp->max_window, wnd);
	}
}

/*
 * Linux's tcp_ack(): false for an ACK of something never sent (the
 * caller answers it). New data acknowledged frees the write queue, takes
 * an RTT sample (Karn: only from a segment sent once), resets the
 * backoff and re-arms or stops the timer; a partial ACK after a timeout
 * resends the next hole at once rather than waiting for another timeout.
 */
static bool tcp_ack(struct tcp_sock *tp, const struct tcphdr *th, u32 seq, u32 ack,
		    struct tcp_out *out)
{
	if (after(ack, tp->snd_nxt))
		return false;
	if (before(ack, tp->snd_una))
		return true;	/* old: nothing to learn */
	tcp_ack_update_window(tp, th, seq, ack);
	if (ack == tp->snd_una)
		return true;
	tp->snd_una = ack;
	tcp_clean_rtx_queue(tp, ack);
	if (tp->rtt_timing && !before(ack, tp->rtt_seq)) {
		tp->rtt_timing = false;
		tcp_rtt_sample(tp, jiffies - tp->rtt_start);
	} else {
		tcp_set_rto(tp);	/* the backoff ends with new data acked */
	}
	tp->retransmits = 0;
	tcp_clear_xmit_timer(tp, out);
	if (tp->in_recovery) {
		if (before(tp->snd_una, tp->high_seq))
			tcp_retransmit_head(tp, out);
		else
			tp->in_recovery = false;
	}
	if (tp->snd_una != tp->snd_nxt || tp->send_head)
		tcp_reset_xmit_timer(tp, tp->rto);
	sk_wake(&tp->sk);	/* room in the send buffer */
	return true;
}

static void tcp_time_wait(struct tcp_sock *tp, struct tcp_out *out)
{
	tcp_set_state(tp, TCP_TIME_WAIT);
	tcp_clear_xmit_timer(tp, out);
	tcp_reset_xmit_timer(tp, TCP_TIMEWAIT_LEN);
	sk_wake(&tp->sk);
}

/* Our FIN has been acknowledged: the closing states move on. */
static void tcp_fin_acked(struct tcp_sock *tp, struct tcp_out *out)
{
	switch (tp->sk.sk_state) {
	case TCP_FIN_WAIT1:
		tcp_set_state(tp, TCP_FIN_WAIT2);
		WRITE_ONCE(tp->sk.sk_shutdown, tp->sk.sk_shutdown | SEND_SHUTDOWN);
		if (sock_flag(&tp->sk, SOCK_DEAD)) {
			tcp_clear_xmit_timer(tp, out);
			tcp_reset_xmit_timer(tp, TCP_FIN_TIMEOUT);
		}
		sk_wake(&tp->sk);
		break;
	case TCP_CLOSING:
		tcp_time_wait(tp, out);
		break;
	case TCP_LAST_ACK:
		tcp_done(tp, out);
		break;
	}
}

/* The peer's FIN, in sequence (Linux's tcp_fin()). */
static void tcp_fin(struct tcp_sock *tp, struct tcp_out *out)
{
	tp->rcv_nxt++;
	WRITE_ONCE(tp->sk.sk_shutdown, tp->sk.sk_shutdown | RCV_SHUTDOWN);
	switch (tp->sk.sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(tp, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT1:
		tcp_set_state(tp, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_time_wait(tp, out);
		break;
	}
	sk_wake(&tp->sk);
}

/*
 * In-order data into the receive queue, cut to the window; false when
 * nothing of @skb was kept (the caller frees it). What the queue's skbs
 * cost is held to the receive buffer, as Linux's sk_rmem_alloc is: a
 * peer sending a window's worth in one-byte segments would otherwise
 * pin a buffer per byte. An empty queue always takes one, so a reader
 * always has something to make room with.
 */
static bool tcp_data_queue(struct tcp_sock *tp, struct sk_buff *skb, u32 seq,
			   enum skb_drop_reason *reason)
{
	u32 wnd_end = tp->rcv_wup + tp->rcv_wnd;
	unsigned int room;

	if (before(seq, tp->rcv_nxt)) {
		unsigned int dup = tp->rcv_nxt - seq;

		if (dup >= skb->len)
			return false;
		skb_pull(skb, dup);
		seq = tp->rcv_nxt;
	}
	if (after(seq, tp->rcv_nxt))
		return false;
	room = after(wnd_end, tp->rcv_nxt) ? wnd_end - tp->rcv_nxt : 0;
	if (!room)
		return false;
	if (tp->rmem_alloc && tp->rmem_alloc + skb->truesize > READ_ONCE(tp->sk.sk_rcvbuf)) {
		*reason = SKB_DROP_REASON_SOCKET_RCVBUFF;
		return false;
	}
	if (skb->len > room)
		skb_trim(skb, room);
	tp->rmem_alloc += skb->truesize;
	__skb_queue_tail(&tp->sk.sk_receive_queue, skb);
	tp->rcv_nxt += skb->len;
	WRITE_ONCE(tp->rcv_queued, tp->rcv_queued + skb->len);
	sk_wake(&tp->sk);
	return true;
}

static enum skb_drop_reason tcp_data_drop_reason(const struct tcp_sock *tp, u32 seq,
						 unsigned int len, enum skb_drop_reason reason)
{
	if (reason)
		return reason;
	if (!after(seq + len, tp->rcv_nxt))
		return SKB_DROP_REASON_TCP_OLD_DATA;
	if (after(seq, tp->rcv_nxt))
		return SKB_DROP_REASON_TCP_OFO_DROP;
	return SKB_DROP_REASON_TCP_ZEROWINDOW;
}

/* SYN_SENT (RFC 9293 3.10.7.3): our SYN's answer. Consumes @skb. */
static void tcp_rcv_synsent(struct tcp_sock *tp, struct sk_buff *skb, const struct tcphdr *th,
			    u32 seq, u32 ack, struct tcp_out *out)
{
	if (th->ack && (!after(ack, tp->snd_una) || after(ack, tp->snd_nxt))) {
		if (!th->rst)
			tcp_v4_send_reset(tp->inet_saddr, tp->inet_daddr, th, 0);
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_ACK_UNSENT_DATA);
		return;
	}
	if (th->rst) {
		if (th->ack)
			tcp_reset(tp, out);
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_RESET);
		return;
	}
	if (!th->syn || !th->ack) {	/* no simultaneous open */
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_FLAGS);
		return;
	}
	tp->rcv_nxt = seq + 1;
	tp->rcv_wup = tp->rcv_nxt;
	tp->snd_una = ack;
	tp->snd_wl1 = seq - 1;	/* so this segment's window is taken */
	tcp_ack_update_window(tp, th, seq, ack);
	tcp_set_mss(tp, tcp_parse_mss(th));
	if (!tp->retransmits)
		tcp_rtt_sample(tp, jiffies - tp->rtt_start);
	tp->retransmits = 0;
	tp->rtt_timing = false;
	tcp_clear_xmit_timer(tp, out);
	tcp_set_state(tp, TCP_ESTABLISHED);
	tcp_send_ack(tp, out);
	tcp_write_xmit(tp, out);
	sk_wake(&tp->sk);
	consume_skb(skb);
}

/* SYN_RECV: the handshake's last ACK. False (and a RST sent) when it acks something else. */
static bool tcp_synrecv_ack(struct tcp_sock *tp, const struct tcphdr *th, u32 seq, u32 ack,
			    struct tcp_out *out)
{
	if (!after(ack, tp->snd_una) || after(ack, tp->snd_nxt)) {
		tcp_v4_send_reset(tp->inet_saddr, tp->inet_daddr, th, 0);
		return false;
	}
	tp->snd_wl1 = seq - 1;
	tcp_set_state(tp, TCP_ESTABLISHED);
	TCP_INC_STATS(PASSIVEOPENS);
	tcp_clear_xmit_timer(tp, out);
	tp->retransmits = 0;
	out->established = tp;
	return true;
}

/*
 * Everything but LISTEN; the caller holds tp->lock and sends @out after
 * letting it go. Consumes @skb, whose data is at the TCP header.
 */
void tcp_rcv_state_process(struct tcp_sock *tp, struct sk_buff *skb, struct tcp_out *out)
{
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	struct tcphdr thc = *th;	/* the header outlives the pull below */
	u32 seq = ntohl(th->seq), ack = ntohl(th->ack_seq);
	int state = tp->sk.sk_state;
	enum skb_drop_reason reason = SKB_NOT_DROPPED_YET;
	unsigned int len;
	bool queued = false, ack_now = false;

	th = &thc;
	if (state == TCP_SYN_SENT) {
		tcp_rcv_synsent(tp, skb, (const struct tcphdr *)skb->data, seq, ack, out);
		return;
	}
	skb_pull(skb, th->doff * 4);
	len = skb->len;
	if (state == TCP_CLOSE) {
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_CLOSE);
		return;
	}
	if (!tcp_sequence(tp, seq, seq + len + th->syn + th->fin)) {
		if (state == TCP_SYN_RECV && th->syn && !th->ack && seq == tp->rcv_nxt - 1)
			tcp_send_synack(tp, out);	/* the SYN again: our SYN-ACK was lost */
		else if (!th->rst)
			tcp_send_ack(tp, out);
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_INVALID_SEQUENCE);
		return;
	}
	if (th->rst) {
		if (seq == tp->rcv_nxt)
			tcp_reset(tp, out);
		else
			tcp_send_ack(tp, out);	/* RFC 5961 3.2: challenge ACK */
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_RESET);
		return;
	}
	if (th->syn) {
		tcp_send_ack(tp, out);		/* RFC 5961 4.2 */
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_FLAGS);
		return;
	}
	if (!th->ack) {
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_FLAGS);
		return;
	}
	if (state == TCP_SYN_RECV && !tcp_synrecv_ack(tp, th, seq, ack, out)) {
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_ACK_UNSENT_DATA);
		return;
	}
	if (!tcp_ack(tp, th, seq, ack, out)) {
		tcp_send_ack(tp, out);
		tcp_drop_reason(skb, SKB_DROP_REASON_TCP_ACK_UNSENT_DATA);
		return;
	}
	if (tp->fin_queued && tp->snd_una == tp->write_seq)
		tcp_fin_acked(tp, out);
	state = tp->sk.sk_state;
	if (state == TCP_CLOSE) {
		consume_skb(skb);
		return;
	}
	if (state == TCP_TIME_WAIT) {
		if (th->fin) {	/* the peer did not hear our ACK of its FIN */
			tcp_send_ack(tp, out);
			tcp_clear_xmit_timer(tp, out);
			tcp_reset_xmit_timer(tp, TCP_TIMEWAIT_LEN);
		}
		consume_skb(skb);
		return;
	}
	if (len) {
		bool open = state == TCP_ESTABLISHED || state == TCP_FIN_WAIT1 ||
			    state == TCP_FIN_WAIT2;

		if (open && sock_flag(&tp->sk, SOCK_DEAD)) {
			/* Data for a socket nobody will read (Linux's TCP_ABORT_ON_DATA). */
			tcp_send_active_reset(tp, out);
			tcp_done(tp, out);
			tcp_drop_reason(skb, SKB_DROP_REASON_TCP_CLOSE);
			return;
		}
		ack_now = true;
		if (open)
			queued = tcp_data_queue(tp, skb, seq, &reason);
	}
	if (th->fin) {
		ack_now = true;		/* a FIN again, or out of order, is acked as it is */
		if (seq + len == tp->rcv_nxt && (state == TCP_ESTABLISHED ||
						 state == TCP_FIN_WAIT1 || state == TCP_FIN_WAIT2))
			tcp_fin(tp, out);
	}
	if (ack_now)
		tcp_send_ack(tp, out);
	tcp_write_xmit(tp, out);
	if (!queued) {
		if (len)
			tcp_drop_reason(skb, tcp_data_drop_reason(tp, seq, len, reason));
		else
			consume_skb(skb);
	}
}

/* A child in SYN_RECV for @lp's SYN @skb, or NULL without memory. Under lp->lock. */
static struct tcp_sock *tcp_create_openreq_child(struct tcp_sock *lp, struct sk_buff *skb,
						 const struct tcphdr *th)
{
	const struct iphdr *iph = ip_hdr(skb);
	u64 get_random_u64(void);
	struct tcp_sock *tp;
	u32 iss;

	tp = tcp_sock_alloc(NULL, GFP_ATOMIC);
	if (!tp)
		return NULL;
	if (ip_route_output(iph->saddr, &tp->fl4)) {
		sock_put(&tp->sk);
		return NULL;
	}
	tp->fl4.saddr = iph->daddr;
	tp->inet_rcv_saddr = iph->daddr;
	tp->inet_saddr = iph->daddr;
	tp->inet_sport = lp->inet_sport;
	tp->inet_daddr = iph->saddr;
	tp->inet_dport = th->source;
	tp->sk.sk_reuse = lp->sk.sk_reuse;
	tp->sk.sk_rcvbuf = lp->sk.sk_rcvbuf;
	tp->sk.sk_sndbuf = lp->sk.sk_sndbuf;
	tp->sk.sk_flags = lp->sk.sk_flags & (1UL << SOCK_KEEPOPEN | 1UL << SOCK_LINGER);
	tp->sk.sk_lingertime = lp->sk.sk_lingertime;
	tp->sk.sk_rcvtimeo = lp->sk.sk_rcvtimeo;
	tp->sk.sk_sndtimeo = lp->sk.sk_sndtimeo;
	tp->user_mss = lp->user_mss;
	tp->nodelay = lp->nodelay;
	tp->keepidle = lp->keepidle;
	tp->keepintvl = lp->keepintvl;
	tp->keepcnt = lp->keepcnt;
	iss = (u32)get_random_u64();
	tp->snd_una = iss;
	tp->snd_nxt = iss + 1;
	tp->write_seq = iss + 1;
	tp->rcv_nxt = ntohl(th->seq) + 1;
	tp->rcv_wup = tp->rcv_nxt;
	tp->snd_wnd = ntohs(th->window);
	tp->snd_wl1 = ntohl(th->seq);
	tp->snd_wl2 = iss;
	tcp_set_mss(tp, tcp_parse_mss(th));
	tp->sk.sk_state = TCP_SYN_RECV;
	sock_hold(&lp->sk);
	tp->parent = lp;
	return tp;
}

/*
 * A segment for a listener (Linux's tcp_v4_conn_request() and the
 * checks before it): a SYN makes a child unless the accept queue is
 * full, which drops it as Linux does (ListenOverflows); the client's
 * retransmitted SYN tries again. An ACK without a connection gets a RST.
 */
void tcp_rcv_listen(struct tcp_sock *lp, struct sk_buff *skb)
{
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	struct tcp_sock *child = NULL;
	enum skb_drop_reason reason = SKB_DROP_REASON_TCP_FLAGS;
	struct tcp_out out;
	unsigned long flags;

	if (th->rst)
		goto drop;
	if (th->ack) {
		tcp_v4_send_reset(ip_hdr(skb)->daddr, ip_hdr(skb)->saddr, th,
				  skb->len - th->doff * 4);
		goto drop;
	}
	if (!th->syn)
		goto drop;
	spin_lock_irqsave(&lp->lock, flags);
	reason = SKB_DROP_REASON_TCP_LISTEN_OVERFLOW;
	if (lp->sk.sk_state != TCP_LISTEN)
		reason = SKB_DROP_REASON_NO_SOCKET;
	else if (lp->acceptq_len > lp->sk.sk_max_ack_backlog ||
		 lp->synq_len >= max(lp->sk.sk_max_ack_backlog, 1U))
		__atomic_fetch_add(&tcp_listen_overflows, 1, __ATOMIC_RELAXED);
	else if ((child = tcp_create_openreq_child(lp, skb, th)))
		lp->synq_len++;
	else
		reason = SKB_DROP_REASON_NOMEM;
	spin_unlock_irqrestore(&lp->lock, flags);
	if (!child)
		goto drop;
	tcp_hash(child);
	spin_lock_irqsave(&child->lock, flags);
	tcp_out_init(&out, child);
	tcp_send_synack(child, &out);
	child->rtt_start = jiffies;
	tcp_reset_xmit_timer(child, child->rto);
	spin_unlock_irqrestore(&child->lock, flags);
	tcp_out_flush(&out);
	consume_skb(skb);
	return;
drop:
	kfree_skb_reason(skb, reason);
}
