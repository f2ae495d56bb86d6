/* SPDX-License-Identifier: MIT */
#ifndef _NET_RAW_H
#define _NET_RAW_H
/*
 * Raw IPv4 sockets (net/ipv4/raw.c) and ping sockets (net/ipv4/ping.c),
 * with the datagram queue they share (net/core/datagram.c).
 */
#include <linux/types.h>
#include <linux/skbuff.h>
#include <linux/poll.h>

struct socket;
struct sock;
struct file;
struct msghdr;

/* SOCK_RAW: any protocol 1-255; -EPERM without CAP_NET_RAW. */
int raw_create(struct socket *sock, int protocol, int kern);
/*
 * A copy of @skb (data at the transport header, the IP header before it)
 * to every raw socket of @protocol whose addresses match; true when one
 * took it (Linux's raw_local_deliver()). Softirq context, any CPU.
 */
bool raw_local_deliver(struct sk_buff *skb, u8 protocol);

/* SOCK_DGRAM, IPPROTO_ICMP: -EACCES unless the caller's group is in ping_group_range. */
int ping_create(struct socket *sock, int protocol, int kern);
/* An echo reply (data at the ICMP header) to the ping socket bound to its id; true if taken. */
bool ping_rcv(struct sk_buff *skb);
int ping_proc_init(void);
/* An ICMP message of @type sent from user space: OutMsgs and its type's Out counter. */
void icmp_out_count(u8 type);

/*
 * The datagram queue (Linux's net/core/datagram.c): at most
 * SK_DGRAM_QLEN datagrams wait; more are dropped (-ENOBUFS) and counted
 * by the caller. skb_recv_datagram() takes the next one (leaves it with
 * MSG_PEEK), waiting as SO_RCVTIMEO and MSG_DONTWAIT say; NULL with
 * *@err set (0 after a receive shutdown).
 */
#define SK_DGRAM_QLEN	256
int sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb);
struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned int flags, int *err);
void skb_free_datagram(struct sk_buff *skb, unsigned int flags);
__poll_t datagram_poll(struct file *file, struct socket *sock, poll_table *wait);
/* The sender of a datagram queued to a raw or ping socket. */
struct inet_dgram_cb {
	__be32	saddr;
};
#define INET_DGRAM_CB(skb)	((struct inet_dgram_cb *)(skb)->cb)
/*
 * recvmsg() for raw and ping sockets: the next datagram (truncated with
 * MSG_TRUNC as Linux), its sender from INET_DGRAM_CB as msg_name. No
 * MSG_OOB, and MSG_ERRQUEUE is -EAGAIN: no ICMP errors are queued.
 */
int inet_dgram_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags);
/* FIONREAD (the next datagram's length) and TIOCOUTQ (0). */
int datagram_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);

#endif
