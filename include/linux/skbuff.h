/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

/*
 * struct sk_buff, reduced to one linear buffer: a packet's bytes sit
 * between @data and @tail inside [@head, @end), with headroom in front
 * for the headers the layers below push on the way out. No fragments,
 * no clones, no reference count: an skb has one owner at a time, who
 * either hands it on or ends it with consume_skb() (it did its job) or
 * kfree_skb_reason() (dropped, counted by reason as Linux's drop-reason
 * tracepoint would see it; /proc/net/drop_reasons shows the counts).
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <asm/byteorder.h>
#include <net/dropreason.h>

struct net_device;
struct sock;

/* What a buffer of @x bytes costs a socket: Linux's sk_buff and skb_shared_info, cache-aligned, beside it. */
#define SKB_TRUESIZE(x)	((x) + 256 + 320)

/* Where a received frame was addressed (Linux's PACKET_* in if_packet.h). */
#define PACKET_HOST		0	/* to us */
#define PACKET_BROADCAST	1
#define PACKET_MULTICAST	2
#define PACKET_OTHERHOST	3	/* to someone else (promiscuous) */
#define PACKET_OUTGOING		4

/* Headroom a locally built packet reserves for Ethernet + IPv4 + UDP/ICMP, rounded. */
#define LL_MAX_HEADER		64
/* Aligns the IP header after the 14-byte Ethernet header (Linux's NET_IP_ALIGN). */
#define NET_IP_ALIGN		2
#define NET_SKB_PAD		32

/**
 * struct sk_buff - one packet
 * @next, @prev:	queue linkage (an sk_buff_head: a CPU's backlog; @next
 *			alone for the ARP queue of an unresolved neighbour)
 * @dev:		the device it arrived on or leaves by
 * @head, @end:		the buffer; @end is an offset from @head, as on 64-bit Linux
 * @data, @tail:	the packet: @data a pointer, @tail an offset from @head
 * @len:		bytes from @data to @tail
 * @protocol:		EtherType, wire order (ETH_P_IP ...)
 * @mac_header, @network_header, @transport_header: offsets from @head
 * @pkt_type:		PACKET_HOST ...
 * @rx_tsc:		TSC when the driver took it off the ring (cost accounting)
 * @hash:		the flow hash (skb_get_hash()), valid when @sw_hash or @l4_hash
 * @l4_hash:		@hash covers the ports too
 * @sw_hash:		@hash was computed here, not given by the NIC
 * @queue_mapping:	the receive queue + 1 (skb_record_rx_queue()); 0: not recorded
 * @sk:			the socket it is charged to (skb_set_owner_w()), or NULL
 * @destructor:		called as it is freed, to give that charge back
 * @truesize:		what it costs its socket's buffer
 * @cb:			the protocol's per-skb state (AF_UNIX's UNIXCB)
 */
struct sk_buff {
	struct sk_buff		*next;
	struct sk_buff		*prev;
	struct net_device	*dev;
	unsigned char		*head;
	unsigned char		*data;
	unsigned int		len;
	unsigned int		tail;
	unsigned int		end;
	__be16			protocol;
	u16			mac_header;
	u16			network_header;
	u16			transport_header;
	u8			pkt_type;
	u8			rt_type;	/* RTN_*: ip_route_input_noref()'s verdict */
	u8			l4_hash:1;
	u8			sw_hash:1;
	/*
	 * Receive: the queue the frame came in on, plus one (0: none
	 * recorded; skb_record_rx_queue()). Transmit: the queue
	 * dev_queue_xmit() picked, as is (skb_set_queue_mapping()).
	 */
	u16			queue_mapping;
	u32			hash;
	u64			rx_tsc;
	struct sock		*sk;
	void			(*destructor)(struct sk_buff *skb);
	unsigned int		truesize;
	char			cb[48] __aligned(8);
};

static inline void skb_set_queue_mapping(struct sk_buff *skb, u16 queue_mapping)
{
	skb->queue_mapping = queue_mapping;
}

static inline u16 skb_get_queue_mapping(const struct sk_buff *skb)
{
	return skb->queue_mapping;
}

/*
 * A queue of skbs (Linux's struct sk_buff_head): a circular doubly linked
 * list through the skbs' @next/@prev with the head as its sentinel, its
 * length, and a lock the __ functions leave to the caller.
 */
struct sk_buff_head {
	struct sk_buff		*next;
	struct sk_buff		*prev;
	u32			qlen;
	spinlock_t		lock;
};

static inline void __skb_queue_head_init(struct sk_buff_head *list)
{
	list->prev = list->next = (struct sk_buff *)list;
	list->qlen = 0;
}

static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	spin_lock_init(&list->lock);
	__skb_queue_head_init(list);
}

static inline u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}

/* For readers that do not hold the lock (/proc): a snapshot. */
static inline u32 skb_queue_len_lockless(const struct sk_buff_head *list)
{
	return READ_ONCE(list->qlen);
}

static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->next == (const struct sk_buff *)list;
}

static inline void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	struct sk_buff *last = list->prev;

	skb->next = (struct sk_buff *)list;
	skb->prev = last;
	last->next = skb;
	list->prev = skb;
	list->qlen++;
}

static inline struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	if (skb == (struct sk_buff *)list)
		return NULL;
	list->next = skb->next;
	skb->next->prev = (struct sk_buff *)list;
	skb->next = skb->prev = NULL;
	list->qlen--;
	return skb;
}

/* Moves every skb of @list to the end of @head and empties @list. */
static inline void skb_queue_splice_tail_init(struct sk_buff_head *list,
					      struct sk_buff_head *head)
{
	struct sk_buff *first = list->next, *last = list->prev;

	if (skb_queue_empty(list))
		return;
	first->prev = head->prev;
	head->prev->next = first;
	last->next = (struct sk_buff *)head;
	head->prev = last;
	head->qlen += list->qlen;
	__skb_queue_head_init(list);
}

/* Which receive queue of its device the frame came in on (multi-queue NICs). */
static inline void skb_record_rx_queue(struct sk_buff *skb, u16 rx_queue)
{
	skb->queue_mapping = rx_queue + 1;
}

static inline bool skb_rx_queue_recorded(const struct sk_buff *skb)
{
	return skb->queue_mapping != 0;
}

static inline u16 skb_get_rx_queue(const struct sk_buff *skb)
{
	return skb->queue_mapping - 1;
}

/* The flow hash: computed once from the headers (net/core/flow_dissector.c). */
void __skb_get_hash(struct sk_buff *skb);

static inline u32 skb_get_hash(struct sk_buff *skb)
{
	if (!skb->l4_hash && !skb->sw_hash)
		__skb_get_hash(skb);
	return skb->hash;
}

struct sk_buff *alloc_skb(unsigned int size, gfp_t gfp);
/* For a received frame: @len bytes of room after NET_SKB_PAD of headroom; @dev set. */
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int len);
/* The packet was used as intended (delivered, transmitted). */
void consume_skb(struct sk_buff *skb);
/* The packet was dropped; @reason is counted (see net/dropreason.h). */
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason);

static inline void kfree_skb(struct sk_buff *skb)
{
	kfree_skb_reason(skb, SKB_DROP_REASON_NOT_SPECIFIED);
}

static inline struct sk_buff *netdev_alloc_skb_ip_align(struct net_device *dev,
							 unsigned int len)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, len + NET_IP_ALIGN);

	if (skb) {
		skb->data += NET_IP_ALIGN;
		skb->tail += NET_IP_ALIGN;
	}
	return skb;
}

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->tail;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return skb->data - skb->head;
}

static inline unsigned int skb_tailroom(const struct sk_buff *skb)
{
	return skb->end - skb->tail;
}

/* Makes room for @len bytes of headers at the front; the caller checked the headroom. */
static inline void skb_reserve(struct sk_buff *skb, unsigned int len)
{
	skb->data += len;
	skb->tail += len;
}

/* Extends the packet at the end; returns where the new bytes go. */
static inline void *skb_put(struct sk_buff *skb, unsigned int len)
{
	void *old_tail = skb_tail_pointer(skb);

	BUG_ON(skb->tail + len > skb->end);
	skb->tail += len;
	skb->len += len;
	return old_tail;
}

static inline void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	return memcpy(skb_put(skb, len), data, len);
}

/* Extends the packet at the front (a header on the way down). */
static inline void *skb_push(struct sk_buff *skb, unsigned int len)
{
	BUG_ON(len > skb_headroom(skb));
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

/* Drops @len bytes from the front (a header on the way up); NULL if the packet is shorter. */
static inline void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

/* True when at least @len bytes of packet follow @data: a header can be read. */
static inline bool pskb_may_pull(const struct sk_buff *skb, unsigned int len)
{
	return len <= skb->len;
}

/* Cuts the packet to @len bytes (Ethernet padding after an IP datagram). */
static inline void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = (skb->data - skb->head) + len;
	}
}

static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = skb->data - skb->head;
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = skb->data - skb->head;
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = skb->data - skb->head;
}

static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

#endif
