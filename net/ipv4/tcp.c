// SPDX-License-Identifier: MIT
/*
 * TCP's socket calls (Linux's net/ipv4/tcp.c): a sock's birth and end,
 * sendmsg (data cut into segments of at most the MSS and half the send
 * buffer, queued while the buffer has room, writers blocking or -EAGAIN
 * once it is full), recvmsg (MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT,
 * SO_RCVTIMEO; a window update once reading opened the window by a
 * segment's worth), poll, shutdown, close (FIN; RST when unread data is
 * thrown away or SO_LINGER is zero), the IPPROTO_TCP options and the
 * SIOCINQ/SIOCOUTQ ioctls.
 *
 * The buffers follow Linux's defaults (16 KiB to send, 128 KiB to
 * receive, SO_SNDBUF/SO_RCVBUF doubled by net/core/sock.c); the window
 * offered is half the receive buffer less what waits unread, at most
 * 65535 bytes since reflex does no window scaling.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/bottom_half.h>
#include <linux/in.h>
#include <uapi/linux/in.h>
#include <net/tcp.h>
#include <net/route.h>
#include <uapi/asm-generic/ioctls.h>
#include <uapi/asm-generic/fcntl.h>

#define SIOCOUTQNSD	0x894B	/* unsent bytes (Linux's sockios.h) */

DEFINE_PER_CPU(struct tcp_mib, tcp_statistics);
unsigned long tcp_listen_overflows;

static const char * const tcp_state_names[] = {
	[TCP_ESTABLISHED] = "ESTABLISHED", [TCP_SYN_SENT] = "SYN_SENT",
	[TCP_SYN_RECV] = "SYN_RECV", [TCP_FIN_WAIT1] = "FIN_WAIT1",
	[TCP_FIN_WAIT2] = "FIN_WAIT2", [TCP_TIME_WAIT] = "TIME_WAIT",
	[TCP_CLOSE] = "CLOSE", [TCP_CLOSE_WAIT] = "CLOSE_WAIT",
	[TCP_LAST_ACK] = "LAST_ACK", [TCP_LISTEN] = "LISTEN", [TCP_CLOSING] = "CLOSING",
};

const char *tcp_state_name(int state)
{
	return state > 0 && state <= TCP_CLOSING ? tcp_state_names[state] : "?";
}

static void tcp_write_queue_purge(struct tcp_sock *tp)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&tp->write_queue)))
		kfree_skb(skb);
	tp->send_head = NULL;
	tp->wmem_queued = 0;
}

static void tcp_destruct(struct sock *sk)
{
	tcp_write_queue_purge(tcp_sk(sk));
}

struct tcp_sock *tcp_sock_alloc(struct socket *sock, gfp_t gfp)
{
	struct tcp_sock *tp = kzalloc(sizeof(*tp), gfp);

	if (!tp)
		return NULL;
	sock_init_data(sock, &tp->sk);
	tp->sk.sk_type = SOCK_STREAM;
	tp->sk.sk_family = AF_INET;
	tp->sk.sk_protocol = IPPROTO_TCP;
	tp->sk.sk_sndbuf = TCP_WMEM_DEFAULT;
	tp->sk.sk_rcvbuf = TCP_RMEM_DEFAULT;
	tp->sk.sk_destruct = tcp_destruct;
	spin_lock_init(&tp->lock);
	mutex_init(&tp->send_mutex);
	mutex_init(&tp->recv_mutex);
	skb_queue_head_init(&tp->write_queue);
	INIT_LIST_HEAD(&tp->accept_queue);
	INIT_LIST_HEAD(&tp->bind_node);
	INIT_LIST_HEAD(&tp->hash_node);
	tp->mss_cache = TCP_MSS_DEFAULT;
	tcp_init_xmit_timers(tp);
	return tp;
}

/* Linux's tcp_set_state(), with its CurrEstab and EstabResets counting. */
void tcp_set_state(struct tcp_sock *tp, int state)
{
	int old = tp->sk.sk_state;

	if (state == TCP_ESTABLISHED && old != TCP_ESTABLISHED)
		TCP_INC_STATS(CURRESTAB);
	if (state == TCP_CLOSE && (old == TCP_ESTABLISHED || old == TCP_CLOSE_WAIT))
		TCP_INC_STATS(ESTABRESETS);
	if (old == TCP_ESTABLISHED && state != TCP_ESTABLISHED)
		TCP_DEC_STATS(CURRESTAB);
	WRITE_ONCE(tp->sk.sk_state, state);
}

/*
 * The connection is over (Linux's tcp_done()): CLOSE, nothing more to
 * send, out of the tables (the port is kept while the user's socket is
 * open and was bound explicitly), everyone waiting woken.
 */
void tcp_done(struct tcp_sock *tp, struct tcp_out *out)
{
	if (tp->sk.sk_state == TCP_SYN_RECV && tp->parent)
		out->dead_child = tp;
	tcp_set_state(tp, TCP_CLOSE);
	WRITE_ONCE(tp->sk.sk_shutdown, SHUTDOWN_MASK);
	tcp_clear_xmit_timer(tp, out);
	tcp_write_queue_purge(tp);
	tcp_unhash(tp, tp->bind_locked && !sock_flag(&tp->sk, SOCK_DEAD), out);
	sk_wake(&tp->sk);
}

void tcp_out_flush(struct tcp_out *out)
{
	struct sk_buff *skb;
	int i;

	if (!skb_queue_empty(&out->q)) {
		local_bh_disable();
		while ((skb = __skb_dequeue(&out->q))) {
			TCP_INC_STATS(OUTSEGS);
			IP_INC_STATS(OUTREQUESTS);
			ip_send_skb(skb, &out->fl4, IPPROTO_TCP);
		}
		local_bh_enable();
	}
	if (out->established)
		inet_csk_child_established(out->established);
	if (out->dead_child)
		inet_csk_child_dead(out->dead_child);
	for (i = 0; i < out->nr_put; i++)
		sock_put(out->put[i]);
}

u32 tcp_route_mss(const struct flowi4 *fl4)
{
	if (!fl4->dev)
		return TCP_MSS_DEFAULT;
	return min(fl4->dev->mtu, 65535U) - sizeof(struct iphdr) - sizeof(struct tcphdr);
}

/* The window the receive buffer allows: half of it (Linux's tcp_adv_win_scale 1), less what waits. */
static u32 tcp_full_space(const struct tcp_sock *tp)
{
	u32 full = min((u32)READ_ONCE(tp->sk.sk_rcvbuf) / 2, TCP_MAX_WINDOW);

	if (tp->window_clamp && (u32)tp->window_clamp < full)
		full = tp->window_clamp;
	return full;
}

u32 tcp_space(const struct tcp_sock *tp)
{
	u32 full = tcp_full_space(tp);

	return (u32)tp->rcv_queued >= full ? 0 : full - tp->rcv_queued;
}

/* The window still open from the last one we sent. */
static u32 tcp_receive_window(const struct tcp_sock *tp)
{
	u32 end = tp->rcv_wup + tp->rcv_wnd;

	return after(end, tp->rcv_nxt) ? end - tp->rcv_nxt : 0;
}

/*
 * Linux's tcp_select_window(): never shrink what was offered (RFC 9293
 * 3.8.6.2.2), and open it only by a useful amount - at least a segment,
 * or half the buffer - so the sender sends no silly small segments.
 */
u32 tcp_select_window(struct tcp_sock *tp)
{
	u32 cur = tcp_receive_window(tp), wnd = tcp_space(tp);
	u32 step = min(tp->mss_cache, max(tcp_full_space(tp) / 2, 1U));

	if (wnd < cur || (wnd - cur < step && wnd < tcp_full_space(tp)))
		wnd = cur;
	tp->rcv_wup = tp->rcv_nxt;
	tp->rcv_wnd = wnd;
	return wnd;
}

/* --- sendmsg ----------------------------------------------------------------- */

static bool tcp_connecting(const struct sock *sk)
{
	int state = READ_ONCE(sk->sk_state);

	return state == TCP_SYN_SENT || state == TCP_SYN_RECV;
}

static bool tcp_can_send(const struct sock *sk)
{
	int state = READ_ONCE(sk->sk_state);

	return state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT;
}

/* Linux's sk_stream_wait_connect(): a send before the handshake ends waits for it. */
static int tcp_wait_connect(struct sock *sk, long *timeo)
{
	for (;;) {
		int err = sock_error(sk);

		if (err)
			return err;
		if (!tcp_connecting(sk))
			return tcp_can_send(sk) ? 0 : -EPIPE;
		if (!*timeo)
			return -EAGAIN;
		err = sk_wait_event(&sk->sk_wq, timeo, !tcp_connecting(sk) || READ_ONCE(sk->sk_err));
		if (err && err != -EAGAIN)
			return err;
	}
}

static bool tcp_sndbuf_room(const struct tcp_sock *tp)
{
	return READ_ONCE(tp->wmem_queued) < READ_ONCE(tp->sk.sk_sndbuf);
}

/* Linux's sk_stream_wait_memory(): 0 once the buffer has room, or why not. */
static int tcp_wait_memory(struct tcp_sock *tp, long *timeo)
{
	struct sock *sk = &tp->sk;

	return sk_wait_event(&sk->sk_wq, timeo,
			     tcp_sndbuf_room(tp) || READ_ONCE(sk->sk_err) ||
			     (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) || !tcp_can_send(sk));
}

/* The error that stops a send now, or 0. */
static int tcp_send_error(struct tcp_sock *tp)
{
	struct sock *sk = &tp->sk;
	int err = sock_error(sk);

	if (err)
		return err;
	if ((READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) || !tcp_can_send(sk))
		return -EPIPE;
	return 0;
}

/* Queues @skb (payload only) behind what is queued, and sends what the window allows. */
static int tcp_queue_data(struct tcp_sock *tp, struct sk_buff *skb)
{
	struct tcp_out out;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&tp->lock, flags);
	err = tcp_send_error(tp);
	if (err) {
		spin_unlock_irqrestore(&tp->lock, flags);
		kfree_skb(skb);
		return err;
	}
	tcp_out_init(&out, tp);
	TCP_SKB_CB(skb)->seq = tp->write_seq;
	TCP_SKB_CB(skb)->end_seq = tp->write_seq + skb->len;
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_PSH;
	tp->write_seq += skb->len;
	WRITE_ONCE(tp->wmem_queued, tp->wmem_queued + skb->len);
	__skb_queue_tail(&tp->write_queue, skb);
	if (!tp->send_head)
		tp->send_head = skb;
	tcp_write_xmit(tp, &out);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	return 0;
}

static size_t tcp_size_goal(const struct tcp_sock *tp)
{
	size_t half = max(READ_ONCE(tp->sk.sk_sndbuf) / 2, 2048);

	return min((size_t)tp->mss_cache, half);
}

static int __tcp_sendmsg(struct tcp_sock *tp, struct msghdr *msg, size_t size, long *timeo)
{
	size_t copied = 0;
	int err;

	if (!tcp_can_send(&tp->sk)) {
		err = tcp_wait_connect(&tp->sk, timeo);
		if (err)
			return err;
	}
	while (copied < size) {
		struct sk_buff *skb;
		size_t n;

		err = tcp_send_error(tp);
		if (err)
			goto out;
		if (!tcp_sndbuf_room(tp)) {
			err = tcp_wait_memory(tp, timeo);
			if (err)
				goto out;
			continue;
		}
		n = min(size - copied, tcp_size_goal(tp));
		skb = alloc_skb(n, GFP_KERNEL);
		if (!skb) {
			err = -ENOBUFS;
			goto out;
		}
		if (memcpy_from_msg(skb_put(skb, n), msg, n)) {
			kfree_skb(skb);
			err = -EFAULT;
			goto out;
		}
		err = tcp_queue_data(tp, skb);
		if (err)
			goto out;
		copied += n;
	}
	return copied;
out:
	return copied ? (int)copied : err;
}

int tcp_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	long timeo = sock_sndtimeo(&tp->sk, msg->msg_flags & MSG_DONTWAIT);
	int ret;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;	/* no urgent data */
	mutex_lock(&tp->send_mutex);
	ret = __tcp_sendmsg(tp, msg, size, &timeo);
	mutex_unlock(&tp->send_mutex);
	/* Linux's sk_stream_error(): EPIPE raises SIGPIPE unless asked not to. */
	if (ret == -EPIPE && !(msg->msg_flags & MSG_NOSIGNAL))
		sk_send_sigpipe();
	return ret;
}

/* --- recvmsg ----------------------------------------------------------------- */

/* After reading: tell the peer when its window opened by a segment's worth (tcp_cleanup_rbuf()). */
static void tcp_cleanup_rbuf(struct tcp_sock *tp, struct tcp_out *out)
{
	int state = tp->sk.sk_state;
	u32 cur = tcp_receive_window(tp);

	if (state != TCP_ESTABLISHED && state != TCP_FIN_WAIT1 && state != TCP_FIN_WAIT2)
		return;
	if (tcp_space(tp) >= cur + min(tp->mss_cache, max(tcp_full_space(tp) / 2, 1U)))
		tcp_send_ack(tp, out);
}

/* Takes @n bytes read from the head skb off the queue. */
static void tcp_eat_data(struct tcp_sock *tp, struct sk_buff *skb, size_t n)
{
	struct tcp_out out;
	unsigned long flags;
	bool done;

	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	tp->rcv_off += n;
	WRITE_ONCE(tp->rcv_queued, tp->rcv_queued - n);
	done = tp->rcv_off == skb->len;
	if (done) {
		__skb_dequeue(&tp->sk.sk_receive_queue);
		tp->rmem_alloc -= skb->truesize;
		tp->rcv_off = 0;
	}
	tcp_cleanup_rbuf(tp, &out);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	if (done)
		consume_skb(skb);
}

/* The skb holding byte @skip of what waits unread, and the offset in it; NULL past the end. */
static struct sk_buff *tcp_find_data(struct tcp_sock *tp, size_t skip, size_t *off)
{
	struct sk_buff_head *q = &tp->sk.sk_receive_queue;
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&tp->lock, flags);
	skip += tp->rcv_off;
	for (skb = q->next; skb != (struct sk_buff *)q; skb = skb->next) {
		if (skip < skb->len)
			break;
		skip -= skb->len;
	}
	spin_unlock_irqrestore(&tp->lock, flags);
	*off = skip;
	return skb == (struct sk_buff *)q ? NULL : skb;
}

static bool tcp_recv_ready(const struct tcp_sock *tp, size_t peeked)
{
	const struct sock *sk = &tp->sk;

	return (size_t)READ_ONCE(tp->rcv_queued) > peeked || READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) ||
	       READ_ONCE(sk->sk_state) == TCP_CLOSE;
}

/*
 * Nothing (more) to read: 0 to wait, 1 to return what was copied, or the
 * error to return (Linux's tcp_recvmsg_locked() order: error, EOF,
 * never connected, would block, signal).
 */
static int tcp_recv_stop(struct tcp_sock *tp, size_t copied, long timeo)
{
	struct sock *sk = &tp->sk;
	int err;

	if (copied && (READ_ONCE(sk->sk_err) || READ_ONCE(sk->sk_state) == TCP_CLOSE ||
		       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) || !timeo ||
		       signal_pending(current)))
		return 1;
	if (copied)
		return 0;
	err = sock_error(sk);
	if (err)
		return err;
	if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)
		return 1;
	if (READ_ONCE(sk->sk_state) == TCP_CLOSE)
		return -ENOTCONN;
	if (!timeo)
		return -EAGAIN;
	if (signal_pending(current))
		return sock_intr_errno(timeo);
	return 0;
}

static int __tcp_recvmsg(struct tcp_sock *tp, struct msghdr *msg, size_t len, int flags)
{
	long timeo = sock_rcvtimeo(&tp->sk, flags & MSG_DONTWAIT);
	size_t target = (flags & MSG_WAITALL) && !(flags & MSG_PEEK) ? len : 1;
	bool peek = flags & MSG_PEEK;
	size_t copied = 0;

	while (copied < len) {
		size_t off, n;
		struct sk_buff *skb = tcp_find_data(tp, peek ? copied : 0, &off);
		int stop;

		if (skb) {
			n = min(skb->len - off, len - copied);
			if (memcpy_to_msg(msg, skb->data + off, n))
				return copied ? (int)copied : -EFAULT;
			copied += n;
			if (!peek)
				tcp_eat_data(tp, skb, n);
			continue;
		}
		if (copied >= target)
			break;
		stop = tcp_recv_stop(tp, copied, timeo);
		if (stop < 0)
			return stop;
		if (stop)
			break;
		stop = sk_wait_event(&tp->sk.sk_wq, &timeo, tcp_recv_ready(tp, peek ? copied : 0));
		if (stop)
			return copied ? (int)copied : stop;
	}
	return copied;
}

int tcp_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	int ret;

	if (flags & MSG_OOB)
		return -EINVAL;		/* no urgent data is ever held */
	if (READ_ONCE(tp->sk.sk_state) == TCP_LISTEN)
		return -ENOTCONN;
	mutex_lock(&tp->recv_mutex);
	ret = __tcp_recvmsg(tp, msg, len, flags);
	mutex_unlock(&tp->recv_mutex);
	return ret;
}

/* --- poll, ioctl ------------------------------------------------------------- */

/* Linux's sk_stream_is_writeable(): free space at least half of what is queued. */
static bool tcp_stream_writeable(const struct tcp_sock *tp)
{
	int queued = READ_ONCE(tp->wmem_queued);

	return READ_ONCE(tp->sk.sk_sndbuf) - queued >= queued / 2;
}

__poll_t tcp_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	struct tcp_sock *tp = tcp_sk(sk);
	int state = READ_ONCE(sk->sk_state);
	unsigned char shutdown = READ_ONCE(sk->sk_shutdown);
	__poll_t mask = 0;

	poll_wait(file, &sk->sk_wq, wait);
	if (state == TCP_LISTEN)
		return list_empty(&tp->accept_queue) ? 0 : EPOLLIN | EPOLLRDNORM;
	if (shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	if (state != TCP_SYN_SENT && state != TCP_SYN_RECV) {
		if (READ_ONCE(tp->rcv_queued))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!(shutdown & SEND_SHUTDOWN)) {
			if (tcp_stream_writeable(tp))
				mask |= EPOLLOUT | EPOLLWRNORM;
		} else {
			mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	return mask;
}

int tcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	int state = READ_ONCE(tp->sk.sk_state), amount;

	switch (cmd) {
	case FIONREAD:		/* SIOCINQ */
		if (state == TCP_LISTEN)
			return -EINVAL;
		amount = READ_ONCE(tp->rcv_queued);
		break;
	case TIOCOUTQ:		/* SIOCOUTQ: sent or not, unacknowledged */
		if (state == TCP_LISTEN)
			return -EINVAL;
		amount = state == TCP_CLOSE ? 0 : READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_una);
		break;
	case SIOCOUTQNSD:	/* not yet sent */
		if (state == TCP_LISTEN)
			return -EINVAL;
		amount = state == TCP_CLOSE ? 0 : READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_nxt);
		break;
	default:
		return -ENOTTY;
	}
	return put_user(amount, (int __user *)arg) ? -EFAULT : 0;
}

/* --- shutdown, close --------------------------------------------------------- */

/* Linux's tcp_close_state(): where a FIN of ours takes each state; true if one is sent. */
static bool tcp_close_state(struct tcp_sock *tp)
{
	switch (tp->sk.sk_state) {
	case TCP_ESTABLISHED:
	case TCP_SYN_RECV:
		tcp_set_state(tp, TCP_FIN_WAIT1);
		return true;
	case TCP_CLOSE_WAIT:
		tcp_set_state(tp, TCP_LAST_ACK);
		return true;
	default:
		return false;
	}
}

/* Linux's tcp_disconnect(): back to CLOSE (a RST to a peer we had), ready to connect again. */
static void tcp_disconnect(struct tcp_sock *tp)
{
	struct tcp_out out;
	unsigned long flags;
	int state;

	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	state = tp->sk.sk_state;
	if (state != TCP_CLOSE && state != TCP_LISTEN) {
		if (state != TCP_SYN_SENT && state != TCP_TIME_WAIT)
			tcp_send_active_reset(tp, &out);
		tcp_done(tp, &out);
	}
	WRITE_ONCE(tp->sk.sk_shutdown, 0);
	tp->fin_queued = false;
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
}

int tcp_shutdown(struct socket *sock, int how)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	struct tcp_out out;
	unsigned long flags;
	int err = 0, mask = how + 1;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	if (sock->state == SS_CONNECTING)
		sock->state = tcp_connecting(&tp->sk) || tp->sk.sk_state == TCP_CLOSE ?
			      SS_DISCONNECTING : SS_CONNECTED;
	switch (READ_ONCE(tp->sk.sk_state)) {
	case TCP_LISTEN:
		if (mask & RCV_SHUTDOWN) {
			inet_csk_listen_stop(tp);
			sock->state = SS_UNCONNECTED;
		}
		return 0;
	case TCP_SYN_SENT:
		tcp_disconnect(tp);
		sock->state = SS_UNCONNECTED;
		return 0;
	case TCP_CLOSE:
		err = -ENOTCONN;
		break;
	}
	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	WRITE_ONCE(tp->sk.sk_shutdown, tp->sk.sk_shutdown | mask);
	if ((mask & SEND_SHUTDOWN) && tcp_close_state(tp))
		tcp_send_fin(tp, &out);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	sk_wake(&tp->sk);
	return err;
}

/* Under tp->lock: the end of the user's socket (Linux's __tcp_close()). */
static void __tcp_close(struct tcp_sock *tp, struct tcp_out *out)
{
	struct sk_buff *skb;
	bool unread = false;

	WRITE_ONCE(tp->sk.sk_shutdown, SHUTDOWN_MASK);
	while ((skb = __skb_dequeue(&tp->sk.sk_receive_queue))) {
		unread = true;
		kfree_skb(skb);
	}
	tp->rcv_queued = 0;
	tp->rmem_alloc = 0;
	tp->rcv_off = 0;
	sock_orphan(&tp->sk);
	switch (tp->sk.sk_state) {
	case TCP_CLOSE:
		break;
	case TCP_SYN_SENT:
		tcp_done(tp, out);
		break;
	default:
		if (unread || (sock_flag(&tp->sk, SOCK_LINGER) && !tp->sk.sk_lingertime)) {
			/* RFC 2525 2.17: data thrown away unread is a RST, not a FIN. */
			if (tp->sk.sk_state != TCP_TIME_WAIT)
				tcp_send_active_reset(tp, out);
			tcp_done(tp, out);
		} else if (tcp_close_state(tp)) {
			tcp_send_fin(tp, out);
		} else if (tp->sk.sk_state == TCP_FIN_WAIT2) {
			tcp_clear_xmit_timer(tp, out);
			tcp_reset_xmit_timer(tp, TCP_FIN_TIMEOUT);
		}
	}
	if (tp->sk.sk_state == TCP_CLOSE)
		tcp_unhash(tp, false, out);
}

int tcp_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct tcp_sock *tp;
	struct tcp_out out;
	unsigned long flags;

	if (!sk)
		return 0;
	tp = tcp_sk(sk);
	if (READ_ONCE(sk->sk_state) == TCP_LISTEN)
		inet_csk_listen_stop(tp);
	spin_lock_irqsave(&tp->lock, flags);
	tcp_out_init(&out, tp);
	__tcp_close(tp, &out);
	spin_unlock_irqrestore(&tp->lock, flags);
	tcp_out_flush(&out);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/* --- IPPROTO_TCP options ----------------------------------------------------- */

#define TCP_MIN_MSS		88
#define MAX_TCP_KEEPIDLE	32767
#define MAX_TCP_KEEPINTVL	32767
#define MAX_TCP_KEEPCNT		127
#define MAX_TCP_SYNCNT		127

static int tcp_setsockopt_int(struct tcp_sock *tp, int optname, int val)
{
	switch (optname) {
	case TCP_NODELAY:
		tp->nodelay = !!val;
		return 0;
	case TCP_CORK:
		tp->cork = !!val;	/* every write is sent at once anyway */
		return 0;
	case TCP_MAXSEG:
		if (val && (val < TCP_MIN_MSS || val > (int)TCP_MAX_WINDOW))
			return -EINVAL;
		tp->user_mss = val;
		return 0;
	case TCP_KEEPIDLE:
		if (val < 1 || val > MAX_TCP_KEEPIDLE)
			return -EINVAL;
		tp->keepidle = val;
		return 0;
	case TCP_KEEPINTVL:
		if (val < 1 || val > MAX_TCP_KEEPINTVL)
			return -EINVAL;
		tp->keepintvl = val;
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > MAX_TCP_KEEPCNT)
			return -EINVAL;
		tp->keepcnt = val;
		return 0;
	case TCP_SYNCNT:
		if (val < 1 || val > MAX_TCP_SYNCNT)
			return -EINVAL;
		tp->syncnt = val;
		return 0;
	case TCP_LINGER2:
		tp->linger2 = val < 0 ? -1 : min(val, (int)(TCP_FIN_TIMEOUT / HZ));
		return 0;
	case TCP_DEFER_ACCEPT:
		tp->defer_accept = max(val, 0);
		return 0;
	case TCP_WINDOW_CLAMP:
		if (!val) {
			if (tp->sk.sk_state != TCP_CLOSE)
				return -EINVAL;
			tp->window_clamp = 0;
		} else {
			tp->window_clamp = max(val, SOCK_MIN_RCVBUF / 2);
		}
		return 0;
	case TCP_QUICKACK:
		tp->quickack = !!val;	/* every segment with data is acked at once anyway */
		return 0;
	case TCP_USER_TIMEOUT:
		if (val < 0)
			return -EINVAL;
		tp->user_timeout = val;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int tcp_setsockopt(struct socket *sock, int level, int optname, const void __user *optval,
		   unsigned int optlen)
{
	int val;

	if (level != SOL_TCP)
		return -ENOPROTOOPT;	/* IPPROTO_IP: none is implemented */
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;
	return tcp_setsockopt_int(tcp_sk(sock->sk), optname, val);
}

/* The start of Linux's struct tcp_info, as far as reflex fills it. */
struct tcp_info {
	u8	tcpi_state, tcpi_ca_state, tcpi_retransmits, tcpi_probes;
	u8	tcpi_backoff, tcpi_options, tcpi_wscale, tcpi_flags;
	u32	tcpi_rto, tcpi_ato, tcpi_snd_mss, tcpi_rcv_mss;
	u32	tcpi_unacked, tcpi_sacked, tcpi_lost, tcpi_retrans, tcpi_fackets;
	u32	tcpi_last_data_sent, tcpi_last_ack_sent, tcpi_last_data_recv, tcpi_last_ack_recv;
	u32	tcpi_pmtu, tcpi_rcv_ssthresh, tcpi_rtt, tcpi_rttvar, tcpi_snd_ssthresh;
	u32	tcpi_snd_cwnd, tcpi_advmss, tcpi_reordering;
};

static int tcp_get_info(struct tcp_sock *tp, void __user *optval, int __user *optlen, int len)
{
	struct tcp_info info = {
		.tcpi_state = READ_ONCE(tp->sk.sk_state),
		.tcpi_retransmits = tp->retransmits,
		.tcpi_probes = tp->probes_out,
		.tcpi_rto = jiffies_to_msecs(tp->rto) * 1000,
		.tcpi_snd_mss = tp->mss_cache,
		.tcpi_rcv_mss = tp->mss_cache,
		.tcpi_rtt = jiffies_to_msecs(tp->srtt >> 3) * 1000,
		.tcpi_rttvar = jiffies_to_msecs(tp->rttvar >> 2) * 1000,
		.tcpi_snd_ssthresh = 0x7fffffff,
		.tcpi_advmss = tcp_route_mss(&tp->fl4),
	};

	len = min(len, (int)sizeof(info));
	if (copy_to_user(optval, &info, len))
		return -EFAULT;
	return put_user(len, optlen) ? -EFAULT : 0;
}

static int tcp_getsockopt_int(struct tcp_sock *tp, int optname, int *val)
{
	switch (optname) {
	case TCP_NODELAY:	*val = tp->nodelay; break;
	case TCP_CORK:		*val = tp->cork; break;
	case TCP_MAXSEG:
		*val = tp->mss_cache;
		if (tp->user_mss && (tp->sk.sk_state == TCP_CLOSE || tp->sk.sk_state == TCP_LISTEN))
			*val = tp->user_mss;
		break;
	case TCP_KEEPIDLE:	*val = tp->keepidle ?: 7200; break;
	case TCP_KEEPINTVL:	*val = tp->keepintvl ?: 75; break;
	case TCP_KEEPCNT:	*val = tp->keepcnt ?: 9; break;
	case TCP_SYNCNT:	*val = tp->syncnt ?: TCP_SYN_RETRIES; break;
	case TCP_LINGER2:	*val = tp->linger2 ?: TCP_FIN_TIMEOUT / HZ; break;
	case TCP_DEFER_ACCEPT:	*val = tp->defer_accept; break;
	case TCP_WINDOW_CLAMP:	*val = tp->window_clamp; break;
	case TCP_QUICKACK:	*val = tp->quickack; break;
	case TCP_USER_TIMEOUT:	*val = tp->user_timeout; break;
	default:
		return -ENOPROTOOPT;
	}
	return 0;
}

int tcp_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
		   int __user *optlen)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	int len, val, err;

	if (level != SOL_TCP)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (optname == TCP_INFO)
		return tcp_get_info(tp, optval, optlen, len);
	err = tcp_getsockopt_int(tp, optname, &val);
	if (err)
		return err;
	len = min(len, (int)sizeof(int));
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return put_user(len, optlen) ? -EFAULT : 0;
}

/* --- addresses, connect ------------------------------------------------------ */

int inet_stream_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct tcp_sock *tp = tcp_sk(sock->sk);
	int state = READ_ONCE(tp->sk.sk_state);

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		if (!tp->inet_dport || ((state == TCP_CLOSE || state == TCP_SYN_SENT) && peer == 1))
			return -ENOTCONN;
		sin->sin_port = tp->inet_dport;
		sin->sin_addr = tp->inet_daddr;
	} else {
		sin->sin_port = tp->inet_sport;
		sin->sin_addr = tp->inet_rcv_saddr ?: tp->inet_saddr;
	}
	return sizeof(*sin);
}

static bool tcp_connect_done(const struct sock *sk)
{
	return !tcp_connecting(sk);
}

/* Linux's inet_stream_connect(), its states and error codes. */
static int __inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len,
				 int flags)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct tcp_sock *tp = tcp_sk(sock->sk);
	struct sock *sk = &tp->sk;
	long timeo;
	int err;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC) {
		tcp_disconnect(tp);
		sock->state = SS_UNCONNECTED;
		return 0;
	}
	switch (sock->state) {
	case SS_CONNECTED:
		return -EISCONN;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	case SS_UNCONNECTED:
		if (READ_ONCE(sk->sk_state) != TCP_CLOSE)
			return -EISCONN;
		if (addr_len < (int)sizeof(*sin))
			return -EINVAL;
		if (uaddr->sa_family != AF_INET)
			return -EAFNOSUPPORT;
		err = tcp_v4_connect(tp, sin->sin_addr, sin->sin_port);
		if (err)
			return err;
		sock->state = SS_CONNECTING;
		/*
		 * Over lo the handshake may be over already (the SYN went through
		 * NET_RX as the send let softirqs run); a non-blocking caller still
		 * learns the outcome from poll and SO_ERROR, as on Linux, where
		 * the socket's owner lock holds the answer back until connect returns.
		 */
		if (flags & O_NONBLOCK)
			return -EINPROGRESS;
		err = -EINPROGRESS;
		break;
	default:
		return -EINVAL;
	}
	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	if (tcp_connecting(sk)) {
		if (!timeo)
			return err;
		err = sk_wait_event(&sk->sk_wq, &timeo, tcp_connect_done(sk));
		if (err == -EAGAIN)
			return -EINPROGRESS;
		if (err)
			return err;
	}
	if (READ_ONCE(sk->sk_state) == TCP_CLOSE) {
		err = sock_error(sk) ?: -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		tcp_disconnect(tp);
		return err;
	}
	sock->state = SS_CONNECTED;
	return 0;
}

int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	int err;

	mutex_lock(&tp->send_mutex);
	err = __inet_stream_connect(sock, uaddr, addr_len, flags);
	mutex_unlock(&tp->send_mutex);
	return err;
}

int tcp_v4_init_sock(struct socket *sock)
{
	struct tcp_sock *tp = tcp_sock_alloc(sock, GFP_KERNEL);

	if (!tp)
		return -ENOBUFS;
	sock->ops = &inet_stream_ops;
	return 0;
}
