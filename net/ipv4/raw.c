// SPDX-License-Identifier: MIT
/*
 * Raw IPv4 sockets (SOCK_RAW), as Linux's net/ipv4/raw.c: a socket of
 * protocol P gets a copy of every packet of protocol P this host takes
 * in, IP header included, before the protocol's own handler sees it (so
 * a raw ICMP socket sees echo requests the kernel answers, and the
 * replies to its own). Binding to a local address, or connecting,
 * narrows what it gets to packets to that address or from that peer.
 * Sending builds the IP header around the user's bytes, or with
 * IP_HDRINCL (always for IPPROTO_RAW) takes the user's header and fills
 * in what Linux fills in: the source when 0, the total length, the ID
 * when 0 and the checksum. ICMP_FILTER (SOL_RAW) drops ICMP types.
 * reflex does not fragment: a packet larger than the device's MTU is
 * -EMSGSIZE. Creating one needs CAP_NET_RAW.
 *
 * The sockets are on one list under raw_v4_lock; delivery copies and
 * queues under it, so a socket taken off the list (close) is never
 * touched by a CPU delivering afterwards.
 */
#include <linux/kernel.h>
#include <linux/capability.h>
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/in.h>
#include <net/sock.h>
#include <net/ip.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/checksum.h>

struct raw_sock {
	struct sock		sk;
	struct list_head	node;
	__be32			rcv_saddr;	/* bound; 0: any */
	__be32			daddr;		/* connected peer; 0: any */
	bool			hdrincl;
	u32			icmp_filter;	/* bit N set: drop ICMP type N */
};

static LIST_HEAD(raw_v4_sockets);
static DEFINE_SPINLOCK(raw_v4_lock);

static inline struct raw_sock *raw_sk(struct sock *sk)
{
	return (struct raw_sock *)sk;
}

/* Linux's icmp_filter(): a message too short to have a type is dropped too. */
static bool raw_icmp_filtered(const struct raw_sock *rs, const struct sk_buff *skb)
{
	const struct icmphdr *icmph = (const struct icmphdr *)skb->data;

	if (skb->len < 1)
		return true;
	return icmph->type < 32 && (rs->icmp_filter & (1U << icmph->type));
}

static bool raw_match(const struct raw_sock *rs, const struct iphdr *iph, u8 protocol)
{
	return rs->sk.sk_protocol == protocol &&
	       (!rs->rcv_saddr || rs->rcv_saddr == iph->daddr) &&
	       (!rs->daddr || rs->daddr == iph->saddr);
}

/* The whole datagram, from its IP header on, in a buffer of its own. */
static struct sk_buff *raw_copy(const struct sk_buff *skb)
{
	const u8 *nh = skb_network_header(skb);
	unsigned int len = skb->len + (skb->data - nh);
	struct sk_buff *copy = alloc_skb(len, GFP_ATOMIC);

	if (!copy)
		return NULL;
	skb_put_data(copy, nh, len);
	skb_reset_network_header(copy);
	INET_DGRAM_CB(copy)->saddr = ((const struct iphdr *)nh)->saddr;
	return copy;
}

bool raw_local_deliver(struct sk_buff *skb, u8 protocol)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct raw_sock *rs;
	unsigned long flags;
	bool taken = false;

	/*
	 * Most hosts have no raw socket: every packet would take the lock for
	 * nothing. A socket created meanwhile misses this packet, as one
	 * Linux adds to its RCU hash after the lookup would.
	 */
	if (READ_ONCE(raw_v4_sockets.next) == &raw_v4_sockets)
		return false;
	spin_lock_irqsave(&raw_v4_lock, flags);
	list_for_each_entry(rs, &raw_v4_sockets, node) {
		struct sk_buff *copy;

		if (!raw_match(rs, iph, protocol))
			continue;
		taken = true;	/* Linux counts a filtered match as delivered too */
		if (protocol == IPPROTO_ICMP && raw_icmp_filtered(rs, skb))
			continue;
		copy = raw_copy(skb);
		if (copy)
			sock_queue_rcv_skb(&rs->sk, copy);
	}
	spin_unlock_irqrestore(&raw_v4_lock, flags);
	return taken;
}

/* Linux's raw_bind(): no family check, a local, broadcast or multicast address or any. */
static int raw_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct raw_sock *rs = raw_sk(sock->sk);
	unsigned int type;
	unsigned long flags;

	if (addr_len < (int)sizeof(*sin) || READ_ONCE(rs->sk.sk_state) != TCP_CLOSE)
		return -EINVAL;
	type = inet_addr_type(sin->sin_addr);
	if (sin->sin_addr && type != RTN_LOCAL && type != RTN_MULTICAST && type != RTN_BROADCAST)
		return -EADDRNOTAVAIL;
	spin_lock_irqsave(&raw_v4_lock, flags);
	rs->rcv_saddr = sin->sin_addr;
	spin_unlock_irqrestore(&raw_v4_lock, flags);
	return 0;
}

/* Linux's ip4_datagram_connect() for a raw socket; AF_UNSPEC disconnects. */
static int raw_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct raw_sock *rs = raw_sk(sock->sk);
	unsigned long irqflags;
	struct flowi4 fl4;
	int err;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC) {
		spin_lock_irqsave(&raw_v4_lock, irqflags);
		rs->daddr = 0;
		spin_unlock_irqrestore(&raw_v4_lock, irqflags);
		WRITE_ONCE(rs->sk.sk_state, TCP_CLOSE);
		sock->state = SS_UNCONNECTED;
		return 0;
	}
	if (addr_len < (int)sizeof(*sin))
		return -EINVAL;
	if (uaddr->sa_family != AF_INET)
		return -EAFNOSUPPORT;
	err = ip_route_output(sin->sin_addr, &fl4);
	if (err)
		return err;
	spin_lock_irqsave(&raw_v4_lock, irqflags);
	if (!rs->rcv_saddr)
		rs->rcv_saddr = fl4.saddr;
	rs->daddr = fl4.daddr;
	spin_unlock_irqrestore(&raw_v4_lock, irqflags);
	WRITE_ONCE(rs->sk.sk_state, TCP_ESTABLISHED);
	sock->state = SS_CONNECTED;
	return 0;
}

/* As Linux, a raw socket's "port" is its protocol. */
static int raw_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct raw_sock *rs = raw_sk(sock->sk);

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		if (READ_ONCE(rs->sk.sk_state) != TCP_ESTABLISHED)
			return -ENOTCONN;
		sin->sin_addr = rs->daddr;
	} else {
		sin->sin_port = htons(rs->sk.sk_protocol);
		sin->sin_addr = rs->rcv_saddr;
	}
	return sizeof(*sin);
}

/* Linux's raw_send_hdrinc() fix-ups of the user's header. */
static int raw_fix_hdrincl(struct sk_buff *skb, const struct flowi4 *fl4)
{
	struct iphdr *iph = (struct iphdr *)skb->data;

	if (skb->len < sizeof(*iph) || iph->ihl * 4u > skb->len || iph->ihl < 5)
		return -EINVAL;
	if (!iph->saddr)
		iph->saddr = fl4->saddr;
	iph->tot_len = htons(skb->len);
	if (!iph->id)
		iph->id = ip_select_ident();
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	skb_reset_network_header(skb);
	return 0;
}

/* Where a packet goes: the address given (AF_UNSPEC taken as AF_INET, as Linux), else the peer. */
static int raw_dest(struct raw_sock *rs, struct msghdr *msg, __be32 *daddr)
{
	struct sockaddr_in *sin = msg->msg_name;

	if (sin) {
		if (msg->msg_namelen < (int)sizeof(*sin))
			return -EINVAL;
		if (sin->sin_family != AF_INET && sin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		*daddr = sin->sin_addr;
		return 0;
	}
	if (READ_ONCE(rs->sk.sk_state) != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = rs->daddr;
	return 0;
}

static int raw_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct raw_sock *rs = raw_sk(sock->sk);
	bool hdrincl = READ_ONCE(rs->hdrincl);
	struct sk_buff *skb;
	struct flowi4 fl4;
	__be32 daddr;
	int err;

	if (len > 0xffff)
		return -EMSGSIZE;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = raw_dest(rs, msg, &daddr);
	if (err)
		return err;
	err = ip_route_output(daddr, &fl4);
	if (err) {
		IP_INC_STATS(OUTNOROUTES);
		return err;
	}
	if (len + (hdrincl ? 0 : sizeof(struct iphdr)) > fl4.dev->mtu)
		return -EMSGSIZE;
	if (rs->rcv_saddr && inet_addr_type(rs->rcv_saddr) == RTN_LOCAL)
		fl4.saddr = rs->rcv_saddr;
	skb = alloc_skb(IP_HEADROOM + len, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, IP_HEADROOM);
	if (memcpy_from_msg(skb_put(skb, len), msg, len)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	local_bh_disable();
	IP_INC_STATS(OUTREQUESTS);
	/* Counted as Linux's __ip_make_skb() counts what a socket sends: by its ICMP type. */
	if (!hdrincl && rs->sk.sk_protocol == IPPROTO_ICMP && len)
		icmp_out_count(skb->data[0]);
	if (!hdrincl) {
		err = ip_send_skb(skb, &fl4, rs->sk.sk_protocol);
	} else {
		err = raw_fix_hdrincl(skb, &fl4);
		if (err)
			kfree_skb(skb);
		else
			err = ip_local_out(skb, &fl4);
	}
	local_bh_enable();
	return err < 0 ? err : (int)len;
}

int inet_dgram_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	struct sockaddr_in *sin = msg->msg_name;
	struct sk_buff *skb;
	int err, copied;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;	/* reflex queues no ICMP errors to sockets */
	skb = skb_recv_datagram(sock->sk, flags, &err);
	if (!skb)
		return err;
	copied = min(len, (size_t)skb->len);
	if (copied < (int)skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = memcpy_to_msg(msg, skb->data, copied);
	if (!err && sin) {
		*sin = (struct sockaddr_in){ .sin_family = AF_INET,
					     .sin_addr = INET_DGRAM_CB(skb)->saddr };
		msg->msg_namelen = sizeof(*sin);
	}
	if (!err)
		err = (flags & MSG_TRUNC) ? (int)skb->len : copied;
	skb_free_datagram(skb, flags);
	return err;
}

/* An int option as Linux's do_ip_setsockopt() reads it: an int, a byte, or 0 for none. */
static int ip_get_int(const void __user *optval, unsigned int optlen, int *val)
{
	unsigned char c;

	*val = 0;
	if (optlen >= sizeof(int))
		return copy_from_user(val, optval, sizeof(int)) ? -EFAULT : 0;
	if (optlen >= 1) {
		if (copy_from_user(&c, optval, 1))
			return -EFAULT;
		*val = c;
	}
	return 0;
}

static int raw_setsockopt(struct socket *sock, int level, int optname,
			  const void __user *optval, unsigned int optlen)
{
	struct raw_sock *rs = raw_sk(sock->sk);
	u32 filter = 0;
	int val, err;

	if (level == SOL_RAW) {
		if (optname != ICMP_FILTER)
			return -ENOPROTOOPT;
		if (rs->sk.sk_protocol != IPPROTO_ICMP)
			return -EOPNOTSUPP;
		if (optlen > sizeof(filter))
			optlen = sizeof(filter);
		if (copy_from_user(&filter, optval, optlen))
			return -EFAULT;
		WRITE_ONCE(rs->icmp_filter, filter);
		return 0;
	}
	if (level != IPPROTO_IP || optname != IP_HDRINCL)
		return -ENOPROTOOPT;
	err = ip_get_int(optval, optlen, &val);
	if (err)
		return err;
	/* IPPROTO_RAW sockets always carry their header (Linux refuses to clear it). */
	if (rs->sk.sk_protocol == IPPROTO_RAW)
		return val ? 0 : -EINVAL;
	WRITE_ONCE(rs->hdrincl, !!val);
	return 0;
}

/* Linux copies min(len, size) of the option and writes that length back. */
static int raw_put_opt(void __user *optval, int __user *optlen, const void *val, int size)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = min(len, size);
	if (put_user(len, optlen) || copy_to_user(optval, val, len))
		return -EFAULT;
	return 0;
}

static int raw_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
			  int __user *optlen)
{
	struct raw_sock *rs = raw_sk(sock->sk);
	u32 filter;
	int val;

	if (level == SOL_RAW) {
		if (optname != ICMP_FILTER)
			return -ENOPROTOOPT;
		if (rs->sk.sk_protocol != IPPROTO_ICMP)
			return -EOPNOTSUPP;
		filter = READ_ONCE(rs->icmp_filter);
		return raw_put_opt(optval, optlen, &filter, sizeof(filter));
	}
	if (level != IPPROTO_IP || optname != IP_HDRINCL)
		return -ENOPROTOOPT;
	val = READ_ONCE(rs->hdrincl);
	return raw_put_opt(optval, optlen, &val, sizeof(val));
}

static int raw_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | (how + 1));
	sk_wake(sk);
	return READ_ONCE(sk->sk_state) == TCP_CLOSE ? -ENOTCONN : 0;
}

static int raw_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct raw_sock *rs;
	unsigned long flags;

	if (!sk)
		return 0;
	rs = raw_sk(sk);
	spin_lock_irqsave(&raw_v4_lock, flags);
	list_del(&rs->node);
	spin_unlock_irqrestore(&raw_v4_lock, flags);
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static const struct proto_ops inet_sockraw_ops = {
	.family		= AF_INET,
	.release	= raw_release,
	.bind		= raw_bind,
	.connect	= raw_connect,
	.getname	= raw_getname,
	.poll		= datagram_poll,
	.ioctl		= datagram_ioctl,
	.shutdown	= raw_shutdown,
	.setsockopt	= raw_setsockopt,
	.getsockopt	= raw_getsockopt,
	.sendmsg	= raw_sendmsg,
	.recvmsg	= inet_dgram_recvmsg,
};

/*
 * Linux's inet_create() for SOCK_RAW: the protocol is checked first
 * (0 is not one: -EPROTONOSUPPORT), then the capability.
 */
int raw_create(struct socket *sock, int protocol, int kern)
{
	struct raw_sock *rs;
	unsigned long flags;

	if (protocol <= 0 || protocol >= IPPROTO_MAX)
		return protocol ? -EINVAL : -EPROTONOSUPPORT;
	if (!kern && !capable(CAP_NET_RAW))
		return -EPERM;
	rs = kzalloc(sizeof(*rs), GFP_KERNEL);
	if (!rs)
		return -ENOBUFS;
	sock_init_data(sock, &rs->sk);
	rs->sk.sk_family = AF_INET;
	rs->sk.sk_protocol = protocol;
	rs->hdrincl = protocol == IPPROTO_RAW;
	sock->ops = &inet_sockraw_ops;
	spin_lock_irqsave(&raw_v4_lock, flags);
	list_add_tail(&rs->node, &raw_v4_sockets);
	spin_unlock_irqrestore(&raw_v4_lock, flags);
	return 0;
}
