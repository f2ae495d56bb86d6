// SPDX-License-Identifier: MIT
/*
 * One timer per connection, as Linux's icsk_retransmit_timer and its
 * friends folded together: what it does when it fires depends on the
 * state - resend the SYN or SYN-ACK, resend the oldest unacknowledged
 * segment (RFC 6298: the RTO doubles each time, up to TCP_RTO_MAX; after
 * TCP_RETRIES2 timeouts the connection fails with ETIMEDOUT), probe a
 * zero window, end TIME_WAIT, or end an orphan's FIN_WAIT2.
 *
 * A pending timer holds a reference on the sock: the callback drops it,
 * and so does whoever deletes the pending timer, so the sock is never
 * freed under a timer and nobody waits for a callback to finish.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <net/tcp.h>

void tcp_reset_xmit_timer(struct tcp_sock *tp, unsigned long when)
{
	if (!mod_timer(&tp->timer, jiffies + when))
		sock_hold(&tp->sk);
}

void tcp_clear_xmit_timer(struct tcp_sock *tp, struct tcp_out *out)
{
	if (del_timer(&tp->timer))
		tcp_out_put(out, &tp->sk);
}

/* RFC 6298 2.2-2.3, in jiffies; srtt kept <<3 and rttvar <<2 as in Linux. */
void tcp_set_rto(struct tcp_sock *tp);

void tcp_rtt_sample(struct tcp_sock *tp, unsigned long m)
{
	if (!tp->srtt) {
		tp->srtt = m << 3;
		tp->rttvar = m << 1;	/* m/2, <<2 */
	} else {
		long err = (long)m - (long)(tp->srtt >> 3);

		tp->srtt += err;
		if (err < 0)
			err = -err;
		tp->rttvar += err - (long)(tp->rttvar >> 2);
	}
	tcp_set_rto(tp);
}

void tcp_set_rto(struct tcp_sock *tp)
{
	if (!tp->srtt) {
		tp->rto = TCP_TIMEOUT_INIT;
		return;
	}
	tp->rto = min(max((tp->srtt >> 3) + tp->rttvar, (unsigned long)TCP_RTO_MIN),
		      (unsigned long)TCP_RTO_MAX);
}

static void tcp_backoff(struct tcp_sock *tp)
{
	tp->retransmits++;
	tp->rto = min(tp->rto << 1, (unsigned long)TCP_RTO_MAX);
	tcp_reset_xmit_timer(tp, tp->rto);
}

/* Linux's tcp_write_err(): the peer is gone; tell the user why. */
static void tcp_write_err(struct tcp_sock *tp, struct tcp_out *out)
{
	WRITE_ONCE(tp->sk.sk_err, ETIMEDOUT);
	if (tp->sk.sk_state == TCP_SYN_SENT)
		TCP_INC_STATS(ATTEMPTFAILS);
	tcp_done(tp, out);
}

static void tcp_retransmit_timer(struct tcp_sock *tp, struct tcp_out *out)
{
	int limit = sock_flag(&tp->sk, SOCK_DEAD) ? TCP_ORPHAN_RETRIES : TCP_RETRIES2;

	if (tp->snd_una != tp->snd_nxt) {
		if (tp->retransmits >= limit) {
			tcp_write_err(tp, out);
			return;
		}
		tp->in_recovery = true;
		tp->high_seq = tp->snd_nxt;
		tcp_retransmit_head(tp, out);
		tcp_backoff(tp);
	} else if (tp->send_head) {
		/* The window is shut: probe it (Linux's tcp_probe_timer()). */
		tcp_send_probe(tp, out);
		tp->probes_out++;
		tcp_backoff(tp);
		tp->retransmits = 0;	/* a live peer that answers probes is not lost */
	}
}

static void tcp_syn_timer(struct tcp_sock *tp, struct tcp_out *out)
{
	bool active = tp->sk.sk_state == TCP_SYN_SENT;
	int limit = active ? (tp->syncnt ?: TCP_SYN_RETRIES) : TCP_SYNACK_RETRIES;

	if (tp->retransmits >= limit) {
		tcp_write_err(tp, out);
		return;
	}
	if (active)
		tcp_send_syn(tp, out);
	else
		tcp_send_synack(tp, out);
	TCP_INC_STATS(RETRANSSEGS);
	tp->rtt_timing = false;
	tcp_backoff(tp);
}

static void tcp_write_timer(struct timer_list *t)
{
	struct tcp_sock *tp = container_of(t, struct tcp_sock, timer);
	struct tcp_out out;
	unsigned long flags;

	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	if (timer_pending(&tp->timer))
		goto unlock;	/* re-armed meanwhile: that expiry decides */
	switch (tp->sk.sk_state) {
	case TCP_CLOSE:
	case TCP_LISTEN:
		break;
	case TCP_TIME_WAIT:
		tcp_done(tp, &out);
		break;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		tcp_syn_timer(tp, &out);
		break;
	case TCP_FIN_WAIT2:
		if (sock_flag(&tp->sk, SOCK_DEAD) && tp->snd_una == tp->snd_nxt)
			tcp_done(tp, &out);	/* an orphan's tcp_fin_timeout */
		else
			tcp_retransmit_timer(tp, &out);
		break;
	default:
		tcp_retransmit_timer(tp, &out);
	}
unlock:
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	sock_put(&tp->sk);
}

void tcp_init_xmit_timers(struct tcp_sock *tp)
{
	timer_setup(&tp->timer, tcp_write_timer, 0);
	tp->rto = TCP_TIMEOUT_INIT;
}
