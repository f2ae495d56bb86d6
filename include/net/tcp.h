/* SPDX-License-Identifier: MIT */
#ifndef _NET_TCP_H
#define _NET_TCP_H

/*
 * TCP for IPv4 (RFC 9293), in Linux's files: tcp.c (the socket calls),
 * tcp_input.c (a segment's way through the state machine), tcp_output.c
 * (building and sending segments), tcp_timer.c (retransmission, probes,
 * TIME_WAIT), tcp_ipv4.c (receive, lookup, connect, RST, /proc/net/tcp)
 * and inet_connection_sock.c (ports, listen, accept).
 *
 * Locking: a connection's state lives under its tcp_sock's @lock, a
 * spinlock taken with interrupts off from process context, the NET_RX
 * softirq and the timer alike. Segments are built under it and sent
 * after it is dropped (struct tcp_out), so loopback delivery into the
 * other end never nests two socket locks. The tables (tcp_hashinfo)
 * have one lock of their own, taken inside a socket's lock, never the
 * other way round: a lookup takes a reference and lets the table go
 * before it locks the socket. Process-context calls that copy user
 * memory serialise on @send_mutex or @recv_mutex (Linux's lock_sock()).
 *
 * References on the sock: the user's socket (or, before accept(), the
 * listener's claim on a child), the tables while hashed, a pending timer,
 * a lookup in progress.
 */
#include <linux/types.h>
#include <linux/bug.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/tcp.h>
#include <net/sock.h>
#include <net/ip.h>

#define TCP_MSS_DEFAULT		536U	/* RFC 1122 when the peer sends no MSS option */
#define TCP_MAX_WINDOW		65535U	/* no window scaling: the header's 16 bits */
#define TCP_TIMEOUT_INIT	(1 * HZ)	/* RFC 6298 initial RTO */
#define TCP_RTO_MIN		(HZ / 5)
#define TCP_RTO_MAX		(120 * HZ)
#define TCP_TIMEWAIT_LEN	(60 * HZ)
#define TCP_FIN_TIMEOUT		(60 * HZ)
#define TCP_SYN_RETRIES		6
#define TCP_SYNACK_RETRIES	5
#define TCP_RETRIES2		15
#define TCP_ORPHAN_RETRIES	8
/* Linux's net.ipv4.tcp_wmem[1] and tcp_rmem[1]: a new socket's buffers. */
#define TCP_WMEM_DEFAULT	16384
#define TCP_RMEM_DEFAULT	131072

/* Per-skb state of a queued segment (Linux's struct tcp_skb_cb). */
struct tcp_skb_cb {
	u32	seq;		/* first sequence number */
	u32	end_seq;	/* seq + data + SYN + FIN */
	u8	tcp_flags;	/* TCPHDR_* it is sent with, besides ACK */
};
#define TCP_SKB_CB(skb)	((struct tcp_skb_cb *)(skb)->cb)

/* Sequence space arithmetic, modulo 2^32 (RFC 9293 3.4). */
static inline bool before(u32 seq1, u32 seq2)
{
	return (s32)(seq1 - seq2) < 0;
}
#define after(seq2, seq1)	before(seq1, seq2)

/* seq1 <= seq2 <= seq3 in sequence space. */
static inline bool between(u32 seq1, u32 seq2, u32 seq3)
{
	return seq3 - seq1 >= seq2 - seq1;
}

struct tcp_sock {
	struct sock		sk;		/* first: a struct sock * is a tcp_sock * */
	spinlock_t		lock;
	struct mutex		send_mutex;
	struct mutex		recv_mutex;

	/* Addresses, wire order (Linux's inet_sock fields). */
	__be32			inet_rcv_saddr;	/* bound address, 0: any */
	__be32			inet_saddr;	/* source of our segments */
	__be32			inet_daddr;
	__be16			inet_sport;
	__be16			inet_dport;
	struct flowi4		fl4;		/* route to the peer */

	/* Tables (tcp_hashinfo). */
	struct list_head	bind_node;	/* every sock with a port */
	struct list_head	hash_node;	/* connections, or listeners by port */
	bool			bound;		/* in the bind table (holds a reference) */
	bool			bind_locked;	/* bound by bind(): kept past the connection */
	bool			hashed;		/* in the established or listening table */

	/* Send side. */
	u32			snd_una;	/* oldest unacknowledged */
	u32			snd_nxt;	/* next to send */
	u32			snd_wnd;	/* the peer's window, bytes from snd_una */
	u32			snd_wl1, snd_wl2;	/* seq and ack of the last window update */
	u32			write_seq;	/* after the last byte queued */
	u32			max_window;
	u32			mss_cache;	/* the segment size we send */
	u32			rx_mss;		/* what the peer announced */
	u16			user_mss;	/* TCP_MAXSEG */
	struct sk_buff_head	write_queue;	/* unacknowledged and unsent, in order */
	struct sk_buff		*send_head;	/* first unsent in write_queue, or NULL */
	int			wmem_queued;	/* payload bytes in write_queue */
	bool			fin_queued;

	/* Receive side. */
	u32			rcv_nxt;	/* next expected */
	u32			rcv_wup;	/* rcv_nxt when the window was last sent */
	u32			rcv_wnd;	/* the window sent then */
	int			rcv_queued;	/* payload bytes in sk_receive_queue */
	int			rmem_alloc;	/* their skbs' truesize, held to sk_rcvbuf */
	u32			rcv_off;	/* bytes already read from the first skb */

	/* Retransmission (RFC 6298), zero-window probes, SYN retries, TIME_WAIT. */
	struct timer_list	timer;
	unsigned long		rto;
	unsigned long		srtt;		/* <<3, jiffies */
	unsigned long		rttvar;		/* <<2 */
	u32			rtt_seq;	/* timed segment's end, when timing */
	unsigned long		rtt_start;
	bool			rtt_timing;
	u8			retransmits;	/* consecutive timeouts */
	bool			in_recovery;	/* after a timeout, until high_seq is acked */
	u32			high_seq;	/* snd_nxt at the timeout */
	u8			probes_out;

	/* Listening. */
	struct list_head	accept_queue;	/* established children not yet accepted */
	struct list_head	accept_node;
	unsigned int		acceptq_len;
	unsigned int		synq_len;	/* children still in SYN_RECV */
	struct tcp_sock		*parent;	/* a child's listener, until accept() */

	/* IPPROTO_TCP options, kept for getsockopt(). */
	int			nodelay, cork, keepidle, keepintvl, keepcnt, syncnt;
	int			linger2, defer_accept, window_clamp, quickack, user_timeout;
};

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

/*
 * Segments built under a socket's lock, sent once it is dropped, and
 * references to drop then (a put under the lock might free the lock).
 */
struct tcp_out {
	struct sk_buff_head	q;
	struct flowi4		fl4;
	struct sock		*put[8];
	int			nr_put;
	struct tcp_sock		*established;	/* a child to hand its listener */
	struct tcp_sock		*dead_child;	/* a child that died in SYN_RECV */
};

static inline void tcp_out_init(struct tcp_out *out, const struct tcp_sock *tp)
{
	__skb_queue_head_init(&out->q);
	out->fl4 = tp->fl4;
	out->nr_put = 0;
	out->established = NULL;
	out->dead_child = NULL;
}

/* Drops @sk's reference once the lock is let go. */
static inline void tcp_out_put(struct tcp_out *out, struct sock *sk)
{
	/* At most a timer's and the tables' references per locked section, twice over. */
	if (WARN_ON_ONCE(out->nr_put == ARRAY_SIZE(out->put)))
		return;		/* a leaked sock rather than memory overwritten */
	out->put[out->nr_put++] = sk;
}

/* The IPv4 MIB (RFC 4022) kept per CPU, with Linux's names and order. */
#define TCP_MIB_LIST(X)							\
	X(RTOALGORITHM, "RtoAlgorithm") X(RTOMIN, "RtoMin")		\
	X(RTOMAX, "RtoMax") X(MAXCONN, "MaxConn")			\
	X(ACTIVEOPENS, "ActiveOpens") X(PASSIVEOPENS, "PassiveOpens")	\
	X(ATTEMPTFAILS, "AttemptFails") X(ESTABRESETS, "EstabResets")	\
	X(CURRESTAB, "CurrEstab") X(INSEGS, "InSegs")			\
	X(OUTSEGS, "OutSegs") X(RETRANSSEGS, "RetransSegs")		\
	X(INERRS, "InErrs") X(OUTRSTS, "OutRsts")			\
	X(CSUMERRORS, "InCsumErrors")
#define __TCP_ENUM(id, name)	TCP_MIB_##id,
enum { TCP_MIB_LIST(__TCP_ENUM) TCP_MIB_MAX };
struct tcp_mib {
	unsigned long	mibs[TCP_MIB_MAX];
};
DECLARE_PER_CPU(struct tcp_mib, tcp_statistics);
#define TCP_INC_STATS(field)	SNMP_INC_STATS(tcp_statistics, TCP_MIB_##field)
#define TCP_DEC_STATS(field)	this_cpu_dec(tcp_statistics.mibs[TCP_MIB_##field])
#define TCP_READ_STATS(field)	snmp_fold_field(&tcp_statistics, TCP_MIB_##field)

/* Listen overflows and drops, Linux's TcpExt ListenOverflows/ListenDrops. */
extern unsigned long tcp_listen_overflows;

/* tcp_ipv4.c */
int tcp_v4_rcv(struct sk_buff *skb);
int tcp_v4_connect(struct tcp_sock *tp, __be32 daddr, __be16 dport);
void tcp_v4_send_reset(__be32 saddr, __be32 daddr, const struct tcphdr *th,
		       unsigned int datalen);
void tcp_hash(struct tcp_sock *tp);
void tcp_unhash(struct tcp_sock *tp, bool keep_port, struct tcp_out *out);
/* Under tcp_hash_lock: a listener into the listening table. */
void tcp_listen_hash(struct tcp_sock *tp);
int tcp_init(void);

/* inet_connection_sock.c */
void inet_csk_init(void);
int inet_csk_get_port(struct tcp_sock *tp, __be32 addr, u16 port);
int inet_csk_get_ephemeral(struct tcp_sock *tp);
void inet_csk_bind_hash(struct tcp_sock *tp);
int inet_listen(struct socket *sock, int backlog);
int inet_accept(struct socket *sock, struct socket *newsock, int flags);
void inet_csk_listen_stop(struct tcp_sock *tp);
void inet_csk_child_established(struct tcp_sock *child);
void inet_csk_child_dead(struct tcp_sock *child);
struct tcp_sock *inet_csk_lookup_listener(__be32 daddr, u16 port);
struct tcp_sock *inet_lookup_established(__be32 saddr, __be16 sport, __be32 daddr,
					 __be16 dport);
extern spinlock_t tcp_hash_lock;

/* tcp.c */
struct tcp_sock *tcp_sock_alloc(struct socket *sock, gfp_t gfp);
void tcp_set_state(struct tcp_sock *tp, int state);
void tcp_done(struct tcp_sock *tp, struct tcp_out *out);
void tcp_out_flush(struct tcp_out *out);
u32 tcp_select_window(struct tcp_sock *tp);
u32 tcp_space(const struct tcp_sock *tp);
u32 tcp_route_mss(const struct flowi4 *fl4);
const char *tcp_state_name(int state);

/* tcp_input.c */
void tcp_rcv_state_process(struct tcp_sock *tp, struct sk_buff *skb, struct tcp_out *out);
void tcp_rcv_listen(struct tcp_sock *lp, struct sk_buff *skb);

/* tcp_output.c */
void tcp_send_ack(struct tcp_sock *tp, struct tcp_out *out);
void tcp_send_syn(struct tcp_sock *tp, struct tcp_out *out);
void tcp_send_synack(struct tcp_sock *tp, struct tcp_out *out);
void tcp_send_active_reset(struct tcp_sock *tp, struct tcp_out *out);
void tcp_send_probe(struct tcp_sock *tp, struct tcp_out *out);
void tcp_send_fin(struct tcp_sock *tp, struct tcp_out *out);
void tcp_write_xmit(struct tcp_sock *tp, struct tcp_out *out);
void tcp_retransmit_head(struct tcp_sock *tp, struct tcp_out *out);
struct sk_buff *tcp_make_segment(__be32 saddr, __be32 daddr, __be16 sport, __be16 dport,
				 u32 seq, u32 ack, u8 flags, u16 window, u16 mss,
				 const void *data, unsigned int len);

/* tcp_timer.c */
void tcp_init_xmit_timers(struct tcp_sock *tp);
void tcp_reset_xmit_timer(struct tcp_sock *tp, unsigned long when);
void tcp_clear_xmit_timer(struct tcp_sock *tp, struct tcp_out *out);
void tcp_rtt_sample(struct tcp_sock *tp, unsigned long rtt);
void tcp_set_rto(struct tcp_sock *tp);

/* The stream ops (af_inet.c) and their TCP halves (tcp.c). */
extern const struct proto_ops inet_stream_ops;
int tcp_v4_init_sock(struct socket *sock);
int tcp_sendmsg(struct socket *sock, struct msghdr *msg, size_t size);
int tcp_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags);
__poll_t tcp_poll(struct file *file, struct socket *sock, struct poll_table_struct *wait);
int tcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);
int tcp_shutdown(struct socket *sock, int how);
int tcp_release(struct socket *sock);
int tcp_setsockopt(struct socket *sock, int level, int optname, const void __user *optval,
		   unsigned int optlen);
int tcp_getsockopt(struct socket *sock, int level, int optname, void __user *optval,
		   int __user *optlen);
int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags);
int inet_stream_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len);
int inet_stream_getname(struct socket *sock, struct sockaddr *uaddr, int peer);

#endif
