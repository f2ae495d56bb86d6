/* SPDX-License-Identifier: MIT */
#ifndef _NET_UDP_H
#define _NET_UDP_H

/*
 * UDP (net/ipv4/udp.c) and the small port API it offers: a port (and
 * local address) is bound to a handler that receives each datagram's
 * payload, and udp_sendto() sends one. The kernel's own services
 * (udp_echo.c) bind their handlers; a user socket (net/socket.c) binds
 * one that queues to the socket and wakes the reader.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/udp.h>

/**
 * struct udp_port - a bound local port
 * @port:	host order
 * @rcv_saddr:	the local address bound (wire order): INADDR_ANY takes
 *		every datagram for @port, an address only those sent to it
 * @rcv:	called in softirq context, on any CPU (RPS) and, for different
 *		ports, on several at once,
 *		with @skb->data at the payload and @skb->len its length; the
 *		handler owns @skb. @saddr and @sport (wire order) identify the
 *		sender, for a reply.
 * @daddr, @dport: the connected peer (wire order), 0 when not connected:
 *		then only its datagrams match
 * @priv:	the binder's
 * @refcnt:	deliveries in progress on any CPU (Linux's sock_hold() for
 *		the time of one delivery); udp_port_unbind() waits for 0
 */
struct udp_port {
	u16			port;
	__be32			rcv_saddr;
	/* Takes @skb: 0 when it was taken in, or -ENOBUFS when it was
	 * dropped because the receive queue is full (or no memory). */
	int			(*rcv)(struct udp_port *up, struct sk_buff *skb,
				       __be32 saddr, __be16 sport);
	__be32			daddr;
	__be16			dport;
	void			*priv;
	unsigned int		refcnt;
	struct list_head	node;
};

/*
 * 0, or -EADDRINUSE when @up->port is taken on an address that overlaps
 * @up->rcv_saddr (the same one, or either of the two INADDR_ANY).
 */
int udp_port_bind(struct udp_port *up);
/*
 * Takes @up off the port list and returns once no CPU is still delivering
 * to it, so the caller may free it. Not from @up's own handler.
 */
void udp_port_unbind(struct udp_port *up);

/* A bound port's addresses change (connect() on its socket), under the list's lock. */
void udp_port_rehash(struct udp_port *up, __be32 rcv_saddr, __be32 daddr, __be16 dport);

/* Sends @len bytes from local port @sport to @daddr:@dport (host-order ports). */
int udp_sendto(u16 sport, __be32 daddr, u16 dport, const void *data, size_t len);
struct flowi4;
/* Sends the payload at @skb->data (headroom for UDP and IP) on the route @fl4. */
int udp_send_skb(struct sk_buff *skb, const struct flowi4 *fl4, u16 sport, u16 dport);

/* The largest payload one unfragmented datagram carries over Ethernet. */
#define UDP_MAX_PAYLOAD	(1500 - 20 - 8)

int udp_rcv(struct sk_buff *skb);
int icmp_rcv(struct sk_buff *skb);
int udp_echo_init(void);
void udp_echo_handover(void);

#endif
