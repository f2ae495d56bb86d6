/* SPDX-License-Identifier: MIT */
#ifndef _NET_SOCK_H
#define _NET_SOCK_H

/*
 * The protocol's side of a socket (Linux's struct sock): what every
 * family shares - its type, buffers and their accounting, timeouts,
 * shutdown state, pending error, the wait queue readers and writers
 * sleep on - embedded first in each family's own sock (unix_sock,
 * udp_sock, tcp_sock). A sock is referenced by its socket, by a connected peer
 * and by every skb it sent that still sits in some queue (the skb's
 * destructor gives the send-buffer space back, waking blocked writers);
 * it is freed with the last reference.
 */
#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/sched.h>

/* Linux's defaults and floors (net.core.[rw]mem_default/_max, SOCK_MIN_*BUF). */
#define SK_WMEM_MAX		212992
#define SK_RMEM_MAX		212992
#define TCP_SKB_MIN_TRUESIZE	(2048 + 256)
#define SOCK_MIN_SNDBUF		(TCP_SKB_MIN_TRUESIZE * 2)
#define SOCK_MIN_RCVBUF		TCP_SKB_MIN_TRUESIZE

/* sk_shutdown bits. */
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* sk_state: TCP's states (RFC 9293 3.3.2), which Linux reuses for every family. */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
};

/* sk_flags bits. */
enum sock_flags {
	SOCK_DEAD,
	SOCK_KEEPOPEN,
	SOCK_PASSCRED,
	SOCK_LINGER,
	SOCK_BROADCAST,
};

struct sock {
	unsigned short		sk_family;
	unsigned short		sk_type;
	unsigned short		sk_protocol;
	unsigned char		sk_state;
	unsigned char		sk_shutdown;
	unsigned char		sk_reuse;
	int			sk_err;
	int			sk_rcvbuf;
	int			sk_sndbuf;
	int			sk_wmem_alloc;	/* truesize of our skbs not yet freed */
	long			sk_rcvtimeo;	/* jiffies; MAX_SCHEDULE_TIMEOUT: none */
	long			sk_sndtimeo;
	unsigned long		sk_lingertime;
	unsigned long		sk_flags;
	unsigned int		sk_max_ack_backlog;
	int			sk_refcnt;
	struct ucred		sk_peer_cred;	/* SO_PEERCRED; pid 0 when none */
	bool			sk_peer_cred_set;
	struct sk_buff_head	sk_receive_queue;
	struct wait_queue_head	sk_wq;		/* readers, writers and pollers */
	struct socket		*sk_socket;	/* NULL once orphaned */
	void			(*sk_destruct)(struct sock *sk);
};

static inline bool sock_flag(const struct sock *sk, enum sock_flags flag)
{
	return test_bit(flag, &sk->sk_flags);
}

static inline void sock_set_flag(struct sock *sk, enum sock_flags flag)
{
	set_bit(flag, &sk->sk_flags);
}

static inline void sock_reset_flag(struct sock *sk, enum sock_flags flag)
{
	clear_bit(flag, &sk->sk_flags);
}

static inline void sock_valbool_flag(struct sock *sk, enum sock_flags flag, int valbool)
{
	if (valbool)
		sock_set_flag(sk, flag);
	else
		sock_reset_flag(sk, flag);
}

static inline void sock_hold(struct sock *sk)
{
	__atomic_fetch_add(&sk->sk_refcnt, 1, __ATOMIC_RELAXED);
}

void sk_free(struct sock *sk);

static inline void sock_put(struct sock *sk)
{
	if (__atomic_sub_fetch(&sk->sk_refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		sk_free(sk);
}

/* Fills the shared fields with Linux's defaults and ties @sk to @sock (may be NULL). */
void sock_init_data(struct socket *sock, struct sock *sk);
/* The socket is gone (close): @sk is dead and no longer points at it. */
void sock_orphan(struct sock *sk);

static inline long sock_rcvtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sk->sk_rcvtimeo;
}

static inline long sock_sndtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sk->sk_sndtimeo;
}

/*
 * What a wait a signal ended returns: a wait without a timeout can run
 * again (SA_RESTART), one with SO_RCVTIMEO/SO_SNDTIMEO cannot, as Linux.
 */
static inline int sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}

static inline int sock_error(struct sock *sk)
{
	int err = READ_ONCE(sk->sk_err);

	if (!err)
		return 0;
	return -__atomic_exchange_n(&sk->sk_err, 0, __ATOMIC_RELAXED);
}

static inline int sk_wmem_alloc_get(const struct sock *sk)
{
	return READ_ONCE(sk->sk_wmem_alloc);
}

/* Linux's sock_writeable(): less than half the send buffer in flight. */
static inline bool sock_writeable(const struct sock *sk)
{
	return sk_wmem_alloc_get(sk) < (READ_ONCE(sk->sk_sndbuf) >> 1);
}

/*
 * Charges @skb to @sk's send buffer until it is freed, holding @sk
 * (Linux's skb_set_owner_w()); the destructor, sock_wfree(), gives the
 * space back and wakes writers.
 */
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk);
/* That destructor, for a family's own destructor to end with. */
void sock_wfree(struct sk_buff *skb);

/*
 * Waits until @cond holds, at most *@timeo jiffies (updated), on
 * @sk->sk_wq: 0, -EAGAIN when the time ran out (or was 0), or
 * sock_intr_errno() for a signal. @cond is evaluated after the waiter is
 * queued, so a wake-up between the test and the sleep is never lost.
 */
#define sk_wait_event(wq, timeo, cond) ({					\
	int __err = 0;								\
	DEFINE_WAIT(__wait);							\
	for (;;) {								\
		prepare_to_wait((wq), &__wait, TASK_INTERRUPTIBLE);		\
		if (cond)							\
			break;							\
		if (!*(timeo)) {						\
			__err = -EAGAIN;					\
			break;							\
		}								\
		if (signal_pending(current)) {					\
			__err = sock_intr_errno(*(timeo));			\
			break;							\
		}								\
		*(timeo) = schedule_timeout(*(timeo));				\
	}									\
	finish_wait((wq), &__wait);						\
	__err;									\
})

/*
 * An skb of @size bytes charged to @sk, waiting for send-buffer room as
 * Linux's sock_alloc_send_pskb(); NULL with *@errcode set when the
 * socket was shut down for sending (-EPIPE), has an error, or the wait
 * failed.
 */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size, bool noblock,
				    int *errcode);

/* SOL_SOCKET (net/core/sock.c). */
int sock_setsockopt(struct socket *sock, int level, int optname, const void __user *optval,
		    unsigned int optlen);
int sock_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
		    int __user *optlen);

/* The credentials a connecting or listening task hands its peer. */
void sk_init_peercred(struct sock *sk);

/* SIGPIPE to the caller (EPIPE from a send without MSG_NOSIGNAL). */
void sk_send_sigpipe(void);

static inline void sk_wake(struct sock *sk)
{
	wake_up_all(&sk->sk_wq);
}

#endif
