// SPDX-License-Identifier: MIT
/*
 * Ports and passive opens (Linux's inet_connection_sock.c and the bind
 * half of inet_hashtables.c): the bind table with Linux's conflict rule
 * (overlapping addresses conflict unless both sockets set SO_REUSEADDR
 * and the other is not listening; a socket in TIME_WAIT keeps its
 * SO_REUSEADDR), ephemeral ports from Linux's default range, listen()
 * with its backlog, accept() and the end of a listener, whose unaccepted
 * children are reset.
 *
 * Children: tcp_rcv_listen() makes one per SYN, in SYN_RECV, holding a
 * reference on its listener; the handshake's last ACK queues it for
 * accept() (inet_csk_child_established()), or it dies first
 * (inet_csk_child_dead()). Until accept() the listener's claim on the
 * child stands in for the user's socket reference.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/in.h>
#include <uapi/linux/in.h>
#include <linux/net.h>
#include <linux/uaccess.h>
#include <uapi/asm-generic/fcntl.h>
#include <net/tcp.h>
#include <net/route.h>

#define INET_BHASH_SIZE		256
#define EPHEMERAL_LOW		32768	/* net.ipv4.ip_local_port_range */
#define EPHEMERAL_HIGH		60999

static struct list_head inet_bhash[INET_BHASH_SIZE];

void inet_csk_init(void)
{
	int i;

	for (i = 0; i < INET_BHASH_SIZE; i++)
		INIT_LIST_HEAD(&inet_bhash[i]);
}

static struct list_head *inet_bhashfn(u16 port)
{
	return &inet_bhash[port % INET_BHASH_SIZE];
}

static bool inet_port_used(u16 port)
{
	struct tcp_sock *tp2;

	list_for_each_entry(tp2, inet_bhashfn(port), bind_node)
		if (ntohs(tp2->inet_sport) == port)
			return true;
	return false;
}

/* Linux's inet_csk_bind_conflict(), under tcp_hash_lock. */
static bool inet_csk_bind_conflict(const struct tcp_sock *tp, __be32 addr, u16 port)
{
	struct tcp_sock *tp2;

	list_for_each_entry(tp2, inet_bhashfn(port), bind_node) {
		if (tp2 == tp || ntohs(tp2->inet_sport) != port)
			continue;
		if (addr && tp2->inet_rcv_saddr && addr != tp2->inet_rcv_saddr)
			continue;
		if (tp->sk.sk_reuse && tp2->sk.sk_reuse && tp2->sk.sk_state != TCP_LISTEN)
			continue;
		return true;
	}
	return false;
}

/* Under tcp_hash_lock: @tp takes its port (inet_sport set) and a table reference. */
void inet_csk_bind_hash(struct tcp_sock *tp)
{
	list_add_tail(&tp->bind_node, inet_bhashfn(ntohs(tp->inet_sport)));
	tp->bound = true;
	sock_hold(&tp->sk);
}

/* Under tcp_hash_lock: a port nobody holds, from the ephemeral range. */
int inet_csk_get_ephemeral(struct tcp_sock *tp)
{
	static u32 next;
	u32 range = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1, i;

	if (!next) {
		u64 get_random_u64(void);

		next = (u32)get_random_u64() | 1;
	}
	for (i = 0; i < range; i++) {
		u16 port = EPHEMERAL_LOW + next++ % range;

		if (!inet_port_used(port)) {
			tp->inet_sport = htons(port);
			inet_csk_bind_hash(tp);
			return 0;
		}
	}
	return -EADDRNOTAVAIL;
}

int inet_csk_get_port(struct tcp_sock *tp, __be32 addr, u16 port)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&tcp_hash_lock, flags);
	tp->inet_rcv_saddr = addr;
	tp->inet_saddr = addr;
	if (!port) {
		err = inet_csk_get_ephemeral(tp);
	} else if (inet_csk_bind_conflict(tp, addr, port)) {
		err = -EADDRINUSE;
	} else {
		tp->inet_sport = htons(port);
		inet_csk_bind_hash(tp);
	}
	if (err)
		tp->inet_rcv_saddr = tp->inet_saddr = 0;
	spin_unlock_irqrestore(&tcp_hash_lock, flags);
	return err;
}

/* Linux's inet_bind(): as UDP's, a local, broadcast or multicast address or any. */
int inet_stream_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct tcp_sock *tp = tcp_sk(sock->sk);
	unsigned int type;
	int err;

	if (addr_len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET &&
	    !(sin->sin_family == AF_UNSPEC && sin->sin_addr == INADDR_ANY))
		return -EAFNOSUPPORT;
	type = inet_addr_type(sin->sin_addr);
	if (sin->sin_addr != INADDR_ANY && type != RTN_LOCAL && type != RTN_BROADCAST &&
	    type != RTN_MULTICAST)
		return -EADDRNOTAVAIL;
	mutex_lock(&tp->send_mutex);
	err = -EINVAL;
	if (tp->bound || READ_ONCE(tp->sk.sk_state) != TCP_CLOSE)
		goto out;
	err = inet_csk_get_port(tp, sin->sin_addr, ntohs(sin->sin_port));
	if (!err)
		tp->bind_locked = true;
out:
	mutex_unlock(&tp->send_mutex);
	return err;
}

/* Another listener on @tp's port and an overlapping address (Linux's listen-time get_port). */
static bool inet_csk_listen_conflict(const struct tcp_sock *tp)
{
	u16 port = ntohs(tp->inet_sport);
	struct tcp_sock *tp2;

	list_for_each_entry(tp2, inet_bhashfn(port), bind_node)
		if (tp2 != tp && tp2->inet_sport == tp->inet_sport &&
		    tp2->sk.sk_state == TCP_LISTEN &&
		    (!tp2->inet_rcv_saddr || !tp->inet_rcv_saddr ||
		     tp2->inet_rcv_saddr == tp->inet_rcv_saddr))
			return true;
	return false;
}

static int inet_csk_listen_start(struct tcp_sock *tp)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&tp->lock, flags);
	spin_lock(&tcp_hash_lock);
	if (!tp->bound)
		err = inet_csk_get_ephemeral(tp);
	else if (inet_csk_listen_conflict(tp))
		err = -EADDRINUSE;
	if (!err) {
		tcp_set_state(tp, TCP_LISTEN);
		tcp_listen_hash(tp);
	}
	spin_unlock(&tcp_hash_lock);
	spin_unlock_irqrestore(&tp->lock, flags);
	return err;
}

int inet_listen(struct socket *sock, int backlog)
{
	struct tcp_sock *tp = tcp_sk(sock->sk);
	int err = -EINVAL, state;

	mutex_lock(&tp->send_mutex);
	state = READ_ONCE(tp->sk.sk_state);
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		goto out;
	if (state != TCP_CLOSE && state != TCP_LISTEN)
		goto out;
	WRITE_ONCE(tp->sk.sk_max_ack_backlog, backlog);
	err = state == TCP_LISTEN ? 0 : inet_csk_listen_start(tp);
out:
	mutex_unlock(&tp->send_mutex);
	return err;
}

static bool inet_csk_accept_ready(struct tcp_sock *lp)
{
	return !list_empty(&lp->accept_queue) || READ_ONCE(lp->sk.sk_state) != TCP_LISTEN;
}

/* The first child in the queue, -EINVAL when not listening, or -EAGAIN when none waits. */
static struct tcp_sock *inet_csk_dequeue(struct tcp_sock *lp)
{
	struct tcp_sock *child = ERR_PTR(-EAGAIN);
	unsigned long flags;

	spin_lock_irqsave(&lp->lock, flags);
	if (lp->sk.sk_state != TCP_LISTEN) {
		child = ERR_PTR(-EINVAL);
	} else if (!list_empty(&lp->accept_queue)) {
		child = list_first_entry(&lp->accept_queue, struct tcp_sock, accept_node);
		list_del_init(&child->accept_node);
		lp->acceptq_len--;
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	return child;
}

int inet_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct tcp_sock *lp = tcp_sk(sock->sk), *child;
	long timeo = sock_rcvtimeo(&lp->sk, flags & O_NONBLOCK);
	unsigned long irqflags;
	int err;

	for (;;) {
		child = inet_csk_dequeue(lp);
		if (!IS_ERR(child))
			break;
		if (PTR_ERR(child) != -EAGAIN)
			return PTR_ERR(child);
		err = sk_wait_event(&lp->sk.sk_wq, &timeo, inet_csk_accept_ready(lp));
		if (err)
			return err;
	}
	spin_lock_irqsave(&child->lock, irqflags);
	child->parent = NULL;
	child->sk.sk_socket = newsock;
	spin_unlock_irqrestore(&child->lock, irqflags);
	newsock->sk = &child->sk;
	newsock->type = SOCK_STREAM;
	newsock->state = SS_CONNECTED;
	sock_put(&lp->sk);	/* the child's hold on its listener */
	return 0;
}

/* Resets a child nobody will accept, and drops the listener's claim on it and its on the listener. */
static void inet_child_forget(struct tcp_sock *lp, struct tcp_sock *child)
{
	struct tcp_out out;
	unsigned long flags;

	spin_lock_irqsave(&child->lock, flags);
	tcp_out_init(&out, child);
	child->parent = NULL;
	sock_orphan(&child->sk);
	if (child->sk.sk_state != TCP_CLOSE) {
		tcp_send_active_reset(child, &out);
		tcp_done(child, &out);
	}
	spin_unlock_irqrestore(&child->lock, flags);
	tcp_out_flush(&out);
	sock_put(&child->sk);
	sock_put(&lp->sk);
}

void inet_csk_listen_stop(struct tcp_sock *lp)
{
	struct tcp_sock *child, *n;
	struct tcp_out out;
	unsigned long flags;
	LIST_HEAD(q);

	spin_lock_irqsave(&lp->lock, flags);
	tcp_out_init(&out, lp);
	if (lp->sk.sk_state == TCP_LISTEN) {
		tcp_set_state(lp, TCP_CLOSE);
		tcp_unhash(lp, true, &out);	/* out of the listening table; the port stays */
		list_splice_init(&lp->accept_queue, &q);
		lp->acceptq_len = 0;
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	tcp_out_flush(&out);
	sk_wake(&lp->sk);
	list_for_each_entry_safe(child, n, &q, accept_node) {
		list_del_init(&child->accept_node);
		inet_child_forget(lp, child);
	}
}

void inet_csk_child_established(struct tcp_sock *child)
{
	struct tcp_sock *lp = child->parent;
	unsigned long flags;

	spin_lock_irqsave(&lp->lock, flags);
	lp->synq_len--;
	if (lp->sk.sk_state == TCP_LISTEN) {
		list_add_tail(&child->accept_node, &lp->accept_queue);
		lp->acceptq_len++;
		spin_unlock_irqrestore(&lp->lock, flags);
		sk_wake(&lp->sk);
		return;
	}
	spin_unlock_irqrestore(&lp->lock, flags);
	inet_child_forget(lp, child);
}

void inet_csk_child_dead(struct tcp_sock *child)
{
	struct tcp_sock *lp = child->parent;
	unsigned long flags;

	child->parent = NULL;
	spin_lock_irqsave(&lp->lock, flags);
	lp->synq_len--;
	spin_unlock_irqrestore(&lp->lock, flags);
	sock_put(&child->sk);
	sock_put(&lp->sk);
}
