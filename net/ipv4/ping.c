// SPDX-License-Identifier: MIT
/*
 * Ping sockets (SOCK_DGRAM, IPPROTO_ICMP), as Linux's net/ipv4/ping.c:
 * ICMP echo without CAP_NET_RAW. The socket is bound to an identifier
 * (the sin_port of bind(), or one picked on first use); what the user
 * sends is an ICMP echo request header and data, whose identifier and
 * checksum the kernel sets; what it receives is each echo reply carrying
 * that identifier, ICMP header first, with no IP header. Who may create
 * one is net.ipv4.ping_group_range (/proc/sys/net/ipv4/ping_group_range):
 * "1 0" by default, as in Linux, which is nobody, root included, until
 * it is written (systemd's defaults open it to every group).
 */
#include <linux/kernel.h>
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <uapi/linux/in.h>
#include <net/sock.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/raw.h>
#include <net/route.h>

struct ping_sock {
	struct sock		sk;
	struct list_head	node;		/* on ping_sockets once bound */
	struct mutex		bind_lock;	/* binds and autobinds, in order */
	bool			bound;
	u16			ident;		/* host order */
	__be32			rcv_saddr;
	__be32			daddr;		/* connected peer */
};

static LIST_HEAD(ping_sockets);
static DEFINE_SPINLOCK(ping_lock);

/* Linux's GID_T_MAX: gids are 0 .. 2^31 - 2 in the range's eyes. */
#define PING_GID_MAX	0x7fffffff
static unsigned int ping_group_range[2] = { 1, 0 };

static inline struct ping_sock *ping_sk(struct sock *sk)
{
	return (struct ping_sock *)sk;
}

/* Under ping_lock. */
static struct ping_sock *ping_lookup(u16 ident, __be32 daddr)
{
	struct ping_sock *ps;

	list_for_each_entry(ps, &ping_sockets, node)
		if (ps->ident == ident && (!ps->rcv_saddr || ps->rcv_saddr == daddr))
			return ps;
	return NULL;
}

static bool ping_ident_inuse(u16 ident, __be32 saddr)
{
	struct ping_sock *ps;

	list_for_each_entry(ps, &ping_sockets, node)
		if (ps->ident == ident && (!ps->rcv_saddr || !saddr || ps->rcv_saddr == saddr))
			return true;
	return false;
}

/* Under bind_lock: @ident, or the next free one for 0 (Linux's ping_get_port()). */
static int ping_get_port(struct ping_sock *ps, u16 ident, __be32 saddr)
{
	static u16 next_ident = 1;
	unsigned long flags;
	int tries, err = -EADDRINUSE;

	spin_lock_irqsave(&ping_lock, flags);
	for (tries = 0; tries < (ident ? 1 : 65536); tries++) {
		u16 id = ident ? ident : next_ident++;

		if (!id || ping_ident_inuse(id, saddr))
			continue;
		ps->ident = id;
		ps->rcv_saddr = saddr;
		ps->bound = true;
		list_add_tail(&ps->node, &ping_sockets);
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&ping_lock, flags);
	return err;
}

bool ping_rcv(struct sk_buff *skb)
{
	const struct icmphdr *icmph = (const struct icmphdr *)skb->data;
	struct ping_sock *ps;
	struct sk_buff *copy;
	unsigned long flags;

	spin_lock_irqsave(&ping_lock, flags);
	ps = ping_lookup(ntohs(icmph->un.echo.id), ip_hdr(skb)->daddr);
	if (ps) {
		copy = alloc_skb(skb->len, GFP_ATOMIC);
		if (copy) {
			skb_put_data(copy, skb->data, skb->len);
			INET_DGRAM_CB(copy)->saddr = ip_hdr(skb)->saddr;
			sock_queue_rcv_skb(&ps->sk, copy);
		}
	}
	spin_unlock_irqrestore(&ping_lock, flags);
	return ps != NULL;
}

/* Linux's ping_check_bind_addr(): AF_INET, or AF_UNSPEC with INADDR_ANY. */
static int ping_check_addr(const struct sockaddr_in *sin, int addr_len)
{
	if (addr_len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET &&
	    !(sin->sin_family == AF_UNSPEC && sin->sin_addr == INADDR_ANY))
		return -EAFNOSUPPORT;
	return 0;
}

static int ping_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct ping_sock *ps = ping_sk(sock->sk);
	unsigned int type;
	int err = ping_check_addr(sin, addr_len);

	if (err)
		return err;
	type = inet_addr_type(sin->sin_addr);
	if (sin->sin_addr && type != RTN_LOCAL)
		return -EADDRNOTAVAIL;
	mutex_lock(&ps->bind_lock);
	err = ps->bound ? -EINVAL : ping_get_port(ps, ntohs(sin->sin_port), sin->sin_addr);
	mutex_unlock(&ps->bind_lock);
	return err;
}

static int ping_autobind(struct ping_sock *ps)
{
	int err;

	mutex_lock(&ps->bind_lock);
	err = ps->bound ? 0 : ping_get_port(ps, 0, 0);
	mutex_unlock(&ps->bind_lock);
	return err;
}

static int ping_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct ping_sock *ps = ping_sk(sock->sk);
	struct flowi4 fl4;
	int err;

	if (addr_len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC) {
		WRITE_ONCE(ps->daddr, 0);
		WRITE_ONCE(ps->sk.sk_state, TCP_CLOSE);
		sock->state = SS_UNCONNECTED;
		return 0;
	}
	if (addr_len < (int)sizeof(*sin))
		return -EINVAL;
	if (uaddr->sa_family != AF_INET)
		return -EAFNOSUPPORT;
	err = ip_route_output(sin->sin_addr, &fl4);
	err = err ?: ping_autobind(ps);
	if (err)
		return err;
	WRITE_ONCE(ps->daddr, fl4.daddr);
	WRITE_ONCE(ps->sk.sk_state, TCP_ESTABLISHED);
	sock->state = SS_CONNECTED;
	return 0;
}

/* The identifier is the "port", as Linux's getsockname() shows it. */
static int ping_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct ping_sock *ps = ping_sk(sock->sk);

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		if (READ_ONCE(ps->sk.sk_state) != TCP_ESTABLISHED)
			return -ENOTCONN;
		sin->sin_addr = READ_ONCE(ps->daddr);
	} else if (ps->bound) {
		sin->sin_port = htons(ps->ident);
		sin->sin_addr = ps->rcv_saddr;
	}
	return sizeof(*sin);
}

/*
 * Linux's ping_v4_sendmsg() order: the length and the user's header
 * (an echo request, code 0) first, then the address, then the route.
 */
static int ping_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct ping_sock *ps = ping_sk(sock->sk);
	struct sockaddr_in *sin = msg->msg_name;
	struct icmphdr *icmph;
	struct sk_buff *skb;
	struct flowi4 fl4;
	__be32 daddr;
	int err;

	if (len > 0xffff)
		return -EMSGSIZE;
	if (len < sizeof(*icmph))
		return -EINVAL;
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = alloc_skb(IP_HEADROOM + len, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, IP_HEADROOM);
	icmph = skb_put(skb, len);
	err = -EFAULT;
	if (memcpy_from_msg(icmph, msg, len))
		goto out;
	err = -EINVAL;
	if (icmph->type != ICMP_ECHO || icmph->code)
		goto out;
	if (sin) {
		err = -EINVAL;
		if (msg->msg_namelen < (int)sizeof(*sin))
			goto out;
		err = -EAFNOSUPPORT;
		if (sin->sin_family != AF_INET)
			goto out;
		daddr = sin->sin_addr;
	} else {
		err = -EDESTADDRREQ;
		if (READ_ONCE(ps->sk.sk_state) != TCP_ESTABLISHED)
			goto out;
		daddr = READ_ONCE(ps->daddr);
	}
	err = ip_route_output(daddr, &fl4);
	if (err)
		goto out;
	err = -EMSGSIZE;
	if (len + sizeof(struct iphdr) > fl4.dev->mtu)
		goto out;
	err = ping_autobind(ps);
	if (err)
		goto out;
	if (ps->rcv_saddr)
		fl4.saddr = ps->rcv_saddr;
	icmph->un.echo.id = htons(ps->ident);
	icmph->checksum = 0;
	icmph->checksum = ip_compute_csum(icmph, len);
	local_bh_disable();
	icmp_out_count(ICMP_ECHO);
	IP_INC_STATS(OUTREQUESTS);
	err = ip_send_skb(skb, &fl4, IPPROTO_ICMP);
	local_bh_enable();
	return err < 0 ? err : (int)len;
out:
	kfree_skb(skb);
	return err;
}

static int ping_setsockopt(struct socket *sock, int level, int optname,
			   const void __user *optval, unsigned int optlen)
{
	return -ENOPROTOOPT;
}

static int ping_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
			   int __user *optlen)
{
	return -ENOPROTOOPT;
}

static int ping_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | (how + 1));
	sk_wake(sk);
	return READ_ONCE(sk->sk_state) == TCP_CLOSE ? -ENOTCONN : 0;
}

static int ping_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct ping_sock *ps;
	unsigned long flags;

	if (!sk)
		return 0;
	ps = ping_sk(sk);
	if (ps->bound) {
		spin_lock_irqsave(&ping_lock, flags);
		list_del(&ps->node);
		spin_unlock_irqrestore(&ping_lock, flags);
	}
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static const struct proto_ops inet_ping_ops = {
	.family		= AF_INET,
	.release	= ping_release,
	.bind		= ping_bind,
	.connect	= ping_connect,
	.getname	= ping_getname,
	.poll		= datagram_poll,
	.ioctl		= datagram_ioctl,
	.shutdown	= ping_shutdown,
	.setsockopt	= ping_setsockopt,
	.getsockopt	= ping_getsockopt,
	.sendmsg	= ping_sendmsg,
	.recvmsg	= inet_dgram_recvmsg,
};

/* reflex's tasks all have gid 0 and no supplementary groups. */
static bool ping_group_allowed(void)
{
	unsigned int lo = READ_ONCE(ping_group_range[0]), hi = READ_ONCE(ping_group_range[1]);

	return lo == 0 && lo <= hi;
}

int ping_create(struct socket *sock, int protocol, int kern)
{
	struct ping_sock *ps;

	if (!kern && !ping_group_allowed())
		return -EACCES;
	ps = kzalloc(sizeof(*ps), GFP_KERNEL);
	if (!ps)
		return -ENOBUFS;
	sock_init_data(sock, &ps->sk);
	ps->sk.sk_family = AF_INET;
	ps->sk.sk_protocol = IPPROTO_ICMP;
	mutex_init(&ps->bind_lock);
	sock->ops = &inet_ping_ops;
	return 0;
}

static int ping_group_range_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%u\t%u\n", ping_group_range[0], ping_group_range[1]);
	return 0;
}

/* One decimal gid at *@p (after blanks), at most PING_GID_MAX; advances *@p. */
static int ping_parse_gid(const char **p, unsigned int *gid)
{
	unsigned long long v = 0;
	const char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > PING_GID_MAX)
			return -EINVAL;
	}
	*gid = v;
	*p = s;
	return 0;
}

/*
 * Two gids, each 0 .. 2^31 - 1, else -EINVAL and nothing changes; a
 * range whose end is below its start is stored as Linux stores it, as
 * the empty "1 0".
 */
static ssize_t ping_group_range_write(const char *buf, size_t count, void *data)
{
	unsigned int lo, hi;
	const char *p = buf;

	if (ping_parse_gid(&p, &lo) || ping_parse_gid(&p, &hi))
		return -EINVAL;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	if (hi < lo) {
		lo = 1;
		hi = 0;
	}
	WRITE_ONCE(ping_group_range[0], lo);
	WRITE_ONCE(ping_group_range[1], hi);
	return count;
}

int ping_proc_init(void)
{
	return proc_create_single_data("sys/net/ipv4/ping_group_range", 0644,
				       ping_group_range_show, ping_group_range_write, NULL);
}
