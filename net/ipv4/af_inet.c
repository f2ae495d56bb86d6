// SPDX-License-Identifier: MIT
/*
 * Bringing IPv4 up, in the order of Linux's inet_init(): the receive
 * handler for ETH_P_IP, ARP, the /proc files (snmp, netstat,
 * stat/rt_cache, udp, tcp), the in-kernel UDP services and the AF_INET
 * socket family: stream sockets are TCP (net/ipv4/tcp*.c), and the
 * datagram sockets (UDP) are below: bind, connect,
 * sendmsg, recvmsg, poll and shutdown over udp.c's port API. The address itself
 * comes later, from ip_auto_config(), once a driver has registered a
 * device. The per-CPU MIBs live here too, with snmp_fold_field() that
 * sums them, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/net.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/bottom_half.h>
#include <linux/in.h>
#include <uapi/linux/in.h>
#include <net/sock.h>
#include <net/af_unix.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/tcp.h>
#include <net/raw.h>
#include <linux/cpumask.h>
#include <uapi/asm-generic/ioctls.h>

static const struct net_proto_family inet_family_ops;

int ip_misc_proc_init(void);
int udp_proc_init(void);

DEFINE_PER_CPU(struct ipstats_mib, ip_statistics);
DEFINE_PER_CPU(struct icmp_mib, icmp_statistics);
DEFINE_PER_CPU(struct udp_mib, udp_statistics);

unsigned long snmp_fold_field(const void *mib, int offt)
{
	unsigned long res = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		res += READ_ONCE(((const unsigned long *)per_cpu_ptr(mib, cpu))[offt]);
	return res;
}

static struct packet_type ip_packet_type = {
	.func = ip_rcv,
};

int inet_init(void)
{
	int err;

	ip_packet_type.type = htons(ETH_P_IP);
	dev_add_pack(&ip_packet_type);
	err = arp_init();
	err = err ?: ip_misc_proc_init();
	err = err ?: ip_rt_proc_init();
	err = err ?: udp_proc_init();
	err = err ?: tcp_init();
	err = err ?: ping_proc_init();
	err = err ?: udp_echo_init();
	err = err ?: sock_register(&inet_family_ops);
	err = err ?: af_unix_init();	/* Linux's own initcall; here with the others */
	if (err)
		pr_err("IPv4: initialisation failed (%d)\n", err);
	return err;
}

/* --- AF_INET datagram sockets (UDP) ------------------------------------------ */

#define UDP_RCVQ_MAX		256	/* datagrams queued before new ones are dropped */
#define EPHEMERAL_LOW		32768
#define EPHEMERAL_HIGH		60999
#define UDP_MAX_DGRAM		(0xffff - 20 - 8)	/* the largest IPv4 datagram's payload */

/*
 * @bind_lock (Linux's lock_sock()) orders binds: threads on two CPUs
 * binding one socket, or sending from it unbound (autobind), would
 * otherwise both find it unbound and put its udp_port on the port list
 * twice. The receive queue, filled from softirq context on any CPU, has
 * its own lock.
 */
struct udp_sock {
	struct sock		sk;
	struct udp_port		up;
	struct mutex		bind_lock;
	bool			bound;
	unsigned long		drops;
};

/* Who sent a queued datagram, in its skb's cb. */
struct udp_skb_cb {
	__be32	saddr;
	__be16	sport;
};
#define UDP_SKB_CB(skb)	((struct udp_skb_cb *)(skb)->cb)

static inline struct udp_sock *udp_sk(struct sock *sk)
{
	return (struct udp_sock *)sk;
}

/*
 * NET_RX softirq, on any CPU (two NAPI instances, RPS: several at once):
 * queue it and wake the reader. A full queue drops the datagram as
 * Linux's __udp_enqueue_schedule_skb() does when the receive buffer is
 * full; udp_rcv() counts it. The limit is checked under the queue's
 * lock, which serialises CPUs queueing at once with the reader.
 */
static int udp_sock_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	struct udp_sock *us = container_of(up, struct udp_sock, up);
	struct sk_buff_head *q = &us->sk.sk_receive_queue;
	unsigned long flags;

	UDP_SKB_CB(skb)->saddr = saddr;
	UDP_SKB_CB(skb)->sport = sport;
	spin_lock_irqsave(&q->lock, flags);
	if (q->qlen < UDP_RCVQ_MAX) {
		__skb_queue_tail(q, skb);
		spin_unlock_irqrestore(&q->lock, flags);
		sk_wake(&us->sk);
		return 0;
	}
	spin_unlock_irqrestore(&q->lock, flags);
	__atomic_fetch_add(&us->drops, 1, __ATOMIC_RELAXED);
	kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
	return -ENOBUFS;
}

/*
 * Linux's inet_bind() test: a socket binds to INADDR_ANY, to one of this
 * host's addresses (127/8 on lo included), or to a broadcast or
 * multicast address it would receive on.
 */
static bool inet_addr_bindable(__be32 addr)
{
	unsigned int type = inet_addr_type(addr);

	return addr == INADDR_ANY || type == RTN_LOCAL || type == RTN_BROADCAST ||
	       type == RTN_MULTICAST;
}

/* Under bind_lock: @port, or an ephemeral one for 0 (Linux's udp_lib_get_port()). */
static int udp_get_port(struct udp_sock *us, u16 port)
{
	/* Tasks on several CPUs bind at once: each draws its candidate atomically. */
	static unsigned int next_ephemeral;
	int tries, err;

	us->up.rcv = udp_sock_rcv;
	if (port) {
		us->up.port = port;
		err = udp_port_bind(&us->up);
	} else {
		for (err = -EADDRINUSE, tries = 0; err && tries < 1000; tries++) {
			unsigned int n = __atomic_fetch_add(&next_ephemeral, 1, __ATOMIC_RELAXED);

			us->up.port = EPHEMERAL_LOW + n % (EPHEMERAL_HIGH - EPHEMERAL_LOW + 1);
			err = udp_port_bind(&us->up);
		}
	}
	if (!err)
		us->bound = true;
	return err;
}

static int inet_autobind(struct udp_sock *us)
{
	int err;

	mutex_lock(&us->bind_lock);
	err = us->bound ? 0 : udp_get_port(us, 0);
	mutex_unlock(&us->bind_lock);
	return err;
}

/* A user's sockaddr_in, checked as Linux checks it: length, then family. */
static int inet_check_addr(const struct sockaddr *uaddr, int addr_len, bool unspec_ok)
{
	if (addr_len < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	if (uaddr->sa_family != AF_INET && !(unspec_ok && uaddr->sa_family == AF_UNSPEC))
		return -EAFNOSUPPORT;
	return 0;
}

static int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct udp_sock *us = udp_sk(sock->sk);
	int err = inet_check_addr(uaddr, addr_len, false);

	if (err)
		return err;
	mutex_lock(&us->bind_lock);
	err = -EINVAL;
	if (us->bound)
		goto out;
	err = -EADDRNOTAVAIL;
	if (!inet_addr_bindable(sin->sin_addr))
		goto out;
	us->up.rcv_saddr = sin->sin_addr;
	err = udp_get_port(us, ntohs(sin->sin_port));
	if (err)
		us->up.rcv_saddr = INADDR_ANY;	/* as Linux leaves a socket whose bind failed */
out:
	mutex_unlock(&us->bind_lock);
	return err;
}

/*
 * Linux's __ip4_datagram_connect(): the peer becomes the default
 * destination and the only source datagrams are taken from; an unbound
 * socket is bound, and takes the route's source as its address. AF_UNSPEC
 * dissolves the association (udp_disconnect()).
 */
static int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len,
			      int flags)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct udp_sock *us = udp_sk(sock->sk);
	struct flowi4 fl4;
	__be32 saddr;
	int err;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC) {
		if (us->bound)
			udp_port_rehash(&us->up, us->up.rcv_saddr, 0, 0);
		WRITE_ONCE(us->sk.sk_state, TCP_CLOSE);
		sock->state = SS_UNCONNECTED;
		return 0;
	}
	err = inet_check_addr(uaddr, addr_len, false);
	if (err)
		return err;
	err = ip_route_output(sin->sin_addr, &fl4);
	if (err)
		return err;
	err = inet_autobind(us);
	if (err)
		return err;
	mutex_lock(&us->bind_lock);
	saddr = us->up.rcv_saddr ? us->up.rcv_saddr : fl4.saddr;
	udp_port_rehash(&us->up, saddr, fl4.daddr, sin->sin_port);
	mutex_unlock(&us->bind_lock);
	WRITE_ONCE(us->sk.sk_state, TCP_ESTABLISHED);
	sock->state = SS_CONNECTED;
	return 0;
}

static int inet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct udp_sock *us = udp_sk(sock->sk);

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		if (READ_ONCE(us->sk.sk_state) != TCP_ESTABLISHED)
			return -ENOTCONN;
		sin->sin_port = us->up.dport;
		sin->sin_addr = us->up.daddr;
	} else if (us->bound) {
		sin->sin_port = htons(us->up.port);
		sin->sin_addr = us->up.rcv_saddr;
	}
	return sizeof(*sin);
}

/* Where a datagram goes: the address given, else the connected peer. */
static int udp_dest(struct udp_sock *us, struct msghdr *msg, __be32 *daddr, __be16 *dport)
{
	struct sockaddr_in *sin = msg->msg_name;
	int err;

	if (sin) {
		err = inet_check_addr(msg->msg_name, msg->msg_namelen, true);
		if (err)
			return err;
		if (!sin->sin_port)
			return -EINVAL;
		*daddr = sin->sin_addr;
		*dport = sin->sin_port;
		return 0;
	}
	if (READ_ONCE(us->sk.sk_state) != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = us->up.daddr;
	*dport = us->up.dport;
	return 0;
}

/*
 * Linux's udp_sendmsg() order: the address, the length, the route (so a
 * bad buffer to an unreachable host is -ENETUNREACH), then the bytes.
 * reflex does not fragment: a datagram must fit the device's MTU.
 */
static int udp_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct udp_sock *us = udp_sk(sock->sk);
	struct sk_buff *skb;
	struct flowi4 fl4;
	__be32 daddr;
	__be16 dport;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = udp_dest(us, msg, &daddr, &dport);
	if (err)
		return err;
	if (len > UDP_MAX_DGRAM)
		return -EMSGSIZE;
	err = ip_route_output(daddr, &fl4);
	if (err) {
		IP_INC_STATS(OUTNOROUTES);
		return err;
	}
	if (len + sizeof(struct iphdr) + sizeof(struct udphdr) > fl4.dev->mtu)
		return -EMSGSIZE;
	err = inet_autobind(us);
	if (err)
		return err;
	if (us->up.rcv_saddr && !ipv4_is_multicast(us->up.rcv_saddr) &&
	    inet_addr_type(us->up.rcv_saddr) == RTN_LOCAL)
		fl4.saddr = us->up.rcv_saddr;	/* a bound address is the source */
	skb = alloc_skb(IP_HEADROOM + sizeof(struct udphdr) + len, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, IP_HEADROOM + sizeof(struct udphdr));
	if (memcpy_from_msg(skb_put(skb, len), msg, len)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	local_bh_disable();
	err = udp_send_skb(skb, &fl4, us->up.port, ntohs(dport));
	local_bh_enable();
	return err ? err : (int)len;
}

static bool udp_rcv_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) || READ_ONCE(sk->sk_err);
}

/* The next datagram, taken off the queue unless peeking; NULL with *@err (0: shut down). */
static struct sk_buff *udp_next(struct sock *sk, int flags, int *err)
{
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;
	unsigned long irqflags;

	for (;;) {
		spin_lock_irqsave(&q->lock, irqflags);
		if (flags & MSG_PEEK)
			skb = skb_queue_empty(q) ? NULL : q->next;
		else
			skb = __skb_dequeue(q);
		spin_unlock_irqrestore(&q->lock, irqflags);
		if (skb)
			return skb;
		*err = sock_error(sk);
		if (*err)
			return NULL;
		if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)
			return NULL;
		*err = sk_wait_event(&sk->sk_wq, &timeo, udp_rcv_ready(sk));
		if (*err)
			return NULL;
	}
}

static int udp_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	struct sock *sk = sock->sk;
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	int err = 0, copied;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = udp_next(sk, flags, &err);
	if (!skb)
		return err;
	copied = min(len, (size_t)skb->len);
	if (copied < (int)skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = memcpy_to_msg(msg, skb->data, copied);
	if (!err && sin) {
		*sin = (struct sockaddr_in){ .sin_family = AF_INET,
					     .sin_port = UDP_SKB_CB(skb)->sport,
					     .sin_addr = UDP_SKB_CB(skb)->saddr };
		msg->msg_namelen = sizeof(*sin);
	}
	if (!err)
		err = (flags & MSG_TRUNC) ? (int)skb->len : copied;
	if (!(flags & MSG_PEEK))
		consume_skb(skb);
	return err;
}

/* Linux's inet_shutdown(): an unconnected socket is -ENOTCONN, but shut down all the same. */
static int inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	if (READ_ONCE(sk->sk_state) == TCP_CLOSE)
		err = -ENOTCONN;
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | (how + 1));
	sk_wake(sk);
	return err;
}

static int inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sk_buff_head *q = &sock->sk->sk_receive_queue;
	unsigned long flags;
	int amount = 0;

	switch (cmd) {
	case FIONREAD:	/* SIOCINQ: the next datagram's size */
		spin_lock_irqsave(&q->lock, flags);
		if (!skb_queue_empty(q))
			amount = q->next->len;
		spin_unlock_irqrestore(&q->lock, flags);
		return put_user(amount, (int __user *)arg) ? -EFAULT : 0;
	case TIOCOUTQ:	/* SIOCOUTQ: nothing waits to be sent here */
		return put_user(0, (int __user *)arg) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

/* Options at IPPROTO_IP and IPPROTO_UDP: none is implemented. */
static int udp_setsockopt(struct socket *sock, int level, int optname,
			  const void __user *optval, unsigned int optlen)
{
	return -ENOPROTOOPT;
}

static int udp_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
			  int __user *optlen)
{
	return -ENOPROTOOPT;
}

static int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct udp_sock *us;

	if (!sk)
		return 0;
	us = udp_sk(sk);
	if (us->bound) {
		local_bh_disable();
		udp_port_unbind(&us->up);
		local_bh_enable();
	}
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static const struct proto_ops inet_dgram_ops = {
	.family		= AF_INET,
	.release	= inet_release,
	.bind		= inet_bind,
	.connect	= inet_dgram_connect,
	.getname	= inet_getname,
	.poll		= datagram_poll,
	.ioctl		= inet_ioctl,
	.shutdown	= inet_shutdown,
	.setsockopt	= udp_setsockopt,
	.getsockopt	= udp_getsockopt,
	.sendmsg	= udp_sendmsg,
	.recvmsg	= udp_recvmsg,
};

/* TCP's calls (net/ipv4/tcp.c, inet_connection_sock.c). */
const struct proto_ops inet_stream_ops = {
	.family		= AF_INET,
	.release	= tcp_release,
	.bind		= inet_stream_bind,
	.connect	= inet_stream_connect,
	.accept		= inet_accept,
	.getname	= inet_stream_getname,
	.poll		= tcp_poll,
	.ioctl		= tcp_ioctl,
	.listen		= inet_listen,
	.shutdown	= tcp_shutdown,
	.setsockopt	= tcp_setsockopt,
	.getsockopt	= tcp_getsockopt,
	.sendmsg	= tcp_sendmsg,
	.recvmsg	= tcp_recvmsg,
};

/*
 * SOCK_STREAM is TCP, SOCK_DGRAM UDP (Linux's inetsw table, reduced);
 * raw sockets (raw.c) and ping sockets (ping.c) have their own.
 */
static int inet_create(struct socket *sock, int protocol, int kern)
{
	struct udp_sock *us;

	if (sock->type == SOCK_STREAM) {
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		return tcp_v4_init_sock(sock);
	}
	if (sock->type == SOCK_RAW)
		return raw_create(sock, protocol, kern);
	if (sock->type == SOCK_DGRAM && protocol == IPPROTO_ICMP)
		return ping_create(sock, protocol, kern);
	if (sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol && protocol != IPPROTO_UDP)
		return -EPROTONOSUPPORT;
	us = kzalloc(sizeof(*us), GFP_KERNEL);
	if (!us)
		return -ENOBUFS;
	sock_init_data(sock, &us->sk);
	us->sk.sk_family = AF_INET;
	us->sk.sk_protocol = IPPROTO_UDP;
	mutex_init(&us->bind_lock);
	sock->ops = &inet_dgram_ops;
	return 0;
}

static const struct net_proto_family inet_family_ops = {
	.family	= AF_INET,
	.create	= inet_create,
};
