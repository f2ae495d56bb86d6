// SPDX-License-Identifier: MIT
/*
 * What every socket shares, as Linux's net/core/sock.c: a sock's
 * defaults and lifetime, the send-buffer accounting that makes writers
 * wait (skb_set_owner_w(), sock_wfree(), sock_alloc_send_skb()), and
 * the SOL_SOCKET options with Linux's rules - buffer sizes doubled and
 * floored, timeouts in jiffies with -EDOM for a bad timeval, unknown
 * options -ENOPROTOOPT. Everything here runs in process context; the
 * families lock their own state.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/jiffies.h>
#include <linux/net.h>
#include <net/sock.h>

#define USEC_PER_SEC	1000000L

void sk_free(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&sk->sk_receive_queue)))
		consume_skb(skb);
	if (sk->sk_destruct)
		sk->sk_destruct(sk);
	kfree(sk);
}

void sock_init_data(struct socket *sock, struct sock *sk)
{
	skb_queue_head_init(&sk->sk_receive_queue);
	init_waitqueue_head(&sk->sk_wq);
	sk->sk_rcvbuf = SK_RMEM_MAX;
	sk->sk_sndbuf = SK_WMEM_MAX;
	sk->sk_state = TCP_CLOSE;
	sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_refcnt = 1;
	if (sock) {
		sk->sk_type = sock->type;
		sock->sk = sk;
	}
	sk->sk_socket = sock;
}

void sock_orphan(struct sock *sk)
{
	sock_set_flag(sk, SOCK_DEAD);
	WRITE_ONCE(sk->sk_socket, NULL);
}

void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	__atomic_fetch_sub(&sk->sk_wmem_alloc, skb->truesize, __ATOMIC_RELEASE);
	sk_wake(sk);
	sock_put(sk);
}

void skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	sock_hold(sk);
	skb->sk = sk;
	skb->destructor = sock_wfree;
	__atomic_fetch_add(&sk->sk_wmem_alloc, skb->truesize, __ATOMIC_RELAXED);
}

static bool sock_can_alloc(struct sock *sk)
{
	return sk_wmem_alloc_get(sk) < READ_ONCE(sk->sk_sndbuf) ||
	       (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) || READ_ONCE(sk->sk_err);
}

struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size, bool noblock,
				    int *errcode)
{
	long timeo = sock_sndtimeo(sk, noblock);
	struct sk_buff *skb;
	int err;

	for (;;) {
		err = sock_error(sk);
		if (err)
			goto fail;
		err = -EPIPE;
		if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
			goto fail;
		if (sk_wmem_alloc_get(sk) < READ_ONCE(sk->sk_sndbuf))
			break;
		err = sk_wait_event(&sk->sk_wq, &timeo, sock_can_alloc(sk));
		if (err)
			goto fail;
	}
	skb = alloc_skb(size, GFP_KERNEL);
	if (!skb) {
		err = -ENOBUFS;
		goto fail;
	}
	skb_set_owner_w(skb, sk);
	return skb;
fail:
	*errcode = err;
	return NULL;
}

void sk_init_peercred(struct sock *sk)
{
	sk->sk_peer_cred = (struct ucred){ .pid = current->tgid, .uid = 0, .gid = 0 };
	sk->sk_peer_cred_set = true;
}

void sk_send_sigpipe(void)
{
	send_sig(SIGPIPE, current, 0);
}

/* --- SOL_SOCKET options ------------------------------------------------------ */

struct old_timeval {
	long	tv_sec;
	long	tv_usec;
};

static int sock_set_timeout(long *timeo_p, const void __user *optval, unsigned int optlen)
{
	struct old_timeval tv;

	if (optlen < sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, optval, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo_p = 0;	/* Linux warns once, then treats it as "do not wait" */
		return 0;
	}
	*timeo_p = MAX_SCHEDULE_TIMEOUT;
	if (tv.tv_sec == 0 && tv.tv_usec == 0)
		return 0;
	if (tv.tv_sec < MAX_SCHEDULE_TIMEOUT / HZ - 1)
		*timeo_p = tv.tv_sec * HZ + DIV_ROUND_UP((unsigned long)tv.tv_usec,
							 USEC_PER_SEC / HZ);
	return 0;
}

static int sock_set_linger(struct sock *sk, const void __user *optval, unsigned int optlen)
{
	struct linger ling;

	if (optlen < sizeof(ling))
		return -EINVAL;
	if (copy_from_user(&ling, optval, sizeof(ling)))
		return -EFAULT;
	if (!ling.l_onoff) {
		sock_reset_flag(sk, SOCK_LINGER);
		return 0;
	}
	/* Any unsigned seconds value fits in jiffies on 64-bit: no clamp needed. */
	sk->sk_lingertime = (unsigned long)(unsigned int)ling.l_linger * HZ;
	sock_set_flag(sk, SOCK_LINGER);
	return 0;
}

/* Linux's doubling: the request (capped) counts the payload, the kernel keeps room for overhead. */
static void sock_set_sndbuf(struct sock *sk, int val)
{
	val = min(val, 0x7fffffff / 2);
	WRITE_ONCE(sk->sk_sndbuf, max(val * 2, SOCK_MIN_SNDBUF));
	sk_wake(sk);	/* a larger buffer may let a writer go on */
}

static void sock_set_rcvbuf(struct sock *sk, int val)
{
	val = min(val, 0x7fffffff / 2);
	WRITE_ONCE(sk->sk_rcvbuf, max(val * 2, SOCK_MIN_RCVBUF));
}

static const enum sock_flags sock_bool_flag[] = {
	[SO_KEEPALIVE] = SOCK_KEEPOPEN,
	[SO_PASSCRED] = SOCK_PASSCRED,
	[SO_BROADCAST] = SOCK_BROADCAST,
};

int sock_setsockopt(struct socket *sock, int level, int optname, const void __user *optval,
		    unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val;

	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;
	switch (optname) {
	case SO_DEBUG:
	case SO_DONTROUTE:
	case SO_OOBINLINE:
	case SO_NO_CHECK:
	case SO_PRIORITY:
	case SO_REUSEPORT:
	case SO_RCVLOWAT:
		return 0;	/* accepted; nothing here depends on them */
	case SO_REUSEADDR:
		sk->sk_reuse = val ? 1 : 0;
		return 0;
	case SO_KEEPALIVE:
	case SO_PASSCRED:
	case SO_BROADCAST:
		sock_valbool_flag(sk, sock_bool_flag[optname], val);
		return 0;
	case SO_SNDBUF:
		sock_set_sndbuf(sk, (unsigned int)val > SK_WMEM_MAX ? SK_WMEM_MAX : val);
		return 0;
	case SO_SNDBUFFORCE:
		sock_set_sndbuf(sk, max(val, 0));
		return 0;
	case SO_RCVBUF:
		sock_set_rcvbuf(sk, (unsigned int)val > SK_RMEM_MAX ? SK_RMEM_MAX : val);
		return 0;
	case SO_RCVBUFFORCE:
		sock_set_rcvbuf(sk, max(val, 0));
		return 0;
	case SO_LINGER:
		return sock_set_linger(sk, optval, optlen);
	case SO_RCVTIMEO:
		return sock_set_timeout(&sk->sk_rcvtimeo, optval, optlen);
	case SO_SNDTIMEO:
		return sock_set_timeout(&sk->sk_sndtimeo, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}
}

static struct old_timeval sock_get_timeout(long timeo)
{
	if (timeo == MAX_SCHEDULE_TIMEOUT)
		return (struct old_timeval){ 0, 0 };
	return (struct old_timeval){ timeo / HZ, (timeo % HZ) * (USEC_PER_SEC / HZ) };
}

/* The value of an int option, or -ENOPROTOOPT. */
static int sock_getsockopt_int(struct socket *sock, int optname, int *val)
{
	struct sock *sk = sock->sk;

	switch (optname) {
	case SO_DEBUG: case SO_DONTROUTE: case SO_OOBINLINE: case SO_NO_CHECK:
	case SO_PRIORITY: case SO_REUSEPORT:
		*val = 0;
		return 0;
	case SO_RCVLOWAT: case SO_SNDLOWAT:
		*val = 1;
		return 0;
	case SO_REUSEADDR:
		*val = sk->sk_reuse;
		return 0;
	case SO_KEEPALIVE: case SO_PASSCRED: case SO_BROADCAST:
		*val = sock_flag(sk, sock_bool_flag[optname]);
		return 0;
	case SO_SNDBUF:
		*val = READ_ONCE(sk->sk_sndbuf);
		return 0;
	case SO_RCVBUF:
		*val = READ_ONCE(sk->sk_rcvbuf);
		return 0;
	case SO_TYPE:
		*val = sk->sk_type;
		return 0;
	case SO_PROTOCOL:
		*val = sk->sk_protocol;
		return 0;
	case SO_DOMAIN:
		*val = sk->sk_family;
		return 0;
	case SO_ERROR:
		*val = -sock_error(sk);
		return 0;
	case SO_ACCEPTCONN:
		*val = READ_ONCE(sk->sk_state) == TCP_LISTEN;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int sock_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
		    int __user *optlen)
{
	struct sock *sk = sock->sk;
	union {
		int val;
		struct linger ling;
		struct old_timeval tm;
		struct ucred cred;
	} v;
	int lv = sizeof(int), len, err;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	memset(&v, 0, sizeof(v));
	switch (optname) {
	case SO_LINGER:
		lv = sizeof(v.ling);
		v.ling.l_onoff = sock_flag(sk, SOCK_LINGER);
		v.ling.l_linger = sk->sk_lingertime / HZ;
		break;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		lv = sizeof(v.tm);
		v.tm = sock_get_timeout(optname == SO_RCVTIMEO ? sk->sk_rcvtimeo : sk->sk_sndtimeo);
		break;
	case SO_PEERCRED:
		lv = sizeof(v.cred);
		/* No peer: Linux's cred_to_ucred() of none, pid 0 and ids -1. */
		v.cred = sk->sk_peer_cred_set ? sk->sk_peer_cred :
			 (struct ucred){ .pid = 0, .uid = -1, .gid = -1 };
		break;
	default:
		err = sock_getsockopt_int(sock, optname, &v.val);
		if (err)
			return err;
	}
	if (len > lv)
		len = lv;
	if (copy_to_user(optval, &v, len))
		return -EFAULT;
	return put_user(len, optlen) ? -EFAULT : 0;
}
