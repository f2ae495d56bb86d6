// SPDX-License-Identifier: MIT
/*
 * KUnit suite "tcp": TCP's pure parts and its receive checks, without a
 * peer. Sequence arithmetic across the 2^32 wrap, a built segment's
 * checksum and MSS option, the window a receiver offers (never shrunk,
 * opened only by a segment's worth), and tcp_v4_rcv() dropping each kind
 * of malformed segment under its reason and counter. Connections
 * themselves are tests/user/tcp.c's (lo) and tests/scenario/net.py's
 * (the e1000).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/in.h>
#include <net/checksum.h>
#include <net/route.h>
#include <net/tcp.h>
#include <kunit/test.h>

static void tcp_seq_arithmetic_wraps(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, before(0xfffffff0u, 0x10u));
	KUNIT_EXPECT_TRUE(test, after(0x10u, 0xfffffff0u));
	KUNIT_EXPECT_FALSE(test, before(5u, 5u));
	KUNIT_EXPECT_TRUE(test, between(0xfffffff0u, 5u, 0x10u));
	KUNIT_EXPECT_TRUE(test, between(7u, 7u, 7u));
	KUNIT_EXPECT_FALSE(test, between(1u, 0u, 2u));
	KUNIT_EXPECT_FALSE(test, between(0xfffffff0u, 0x20u, 0x10u));
}

static void tcp_segment_checksum_and_mss_option(struct kunit *test)
{
	__be32 s = htonl(0x0a00020f), d = htonl(0x0a000202);
	struct sk_buff *skb = tcp_make_segment(s, d, htons(7), htons(40000), 0x12345678, 0x9abcdef0,
					       TCPHDR_SYN | TCPHDR_ACK, 65535, 1460, "data", 4);
	const struct tcphdr *th;
	const u8 *opt;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	th = (const struct tcphdr *)skb->data;
	opt = (const u8 *)(th + 1);
	KUNIT_EXPECT_EQ(test, skb->len, 24u + 4);
	KUNIT_EXPECT_EQ(test, th->doff, 6);
	KUNIT_EXPECT_TRUE(test, th->syn && th->ack && !th->fin && !th->rst);
	KUNIT_EXPECT_EQ(test, ntohl(th->seq), 0x12345678u);
	KUNIT_EXPECT_EQ(test, ntohl(th->ack_seq), 0x9abcdef0u);
	KUNIT_EXPECT_EQ(test, opt[0], TCPOPT_MSS);
	KUNIT_EXPECT_EQ(test, (opt[2] << 8) | opt[3], 1460);
	KUNIT_EXPECT_EQ(test, csum_tcpudp_magic(s, d, skb->len, IPPROTO_TCP,
						csum_partial(th, skb->len, 0)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(skb->data + 24, "data", 4), 0);
	consume_skb(skb);
}

static void tcp_window_never_shrinks_and_opens_by_a_segment(struct kunit *test)
{
	struct tcp_sock *tp = tcp_sock_alloc(NULL, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tp);
	tp->mss_cache = 1460;
	tp->rcv_nxt = tp->rcv_wup = 0xfffff000;	/* across the wrap */
	KUNIT_EXPECT_EQ(test, tcp_select_window(tp), 65535u);	/* half of 128 KiB, capped */
	tp->rcv_nxt += 30000;			/* 30000 bytes arrive, unread */
	tp->rcv_queued = 30000;
	KUNIT_EXPECT_EQ(test, tcp_select_window(tp), 35535u);
	tp->rcv_queued -= 100;			/* a small read: no silly window */
	KUNIT_EXPECT_EQ(test, tcp_select_window(tp), 35535u);
	tp->rcv_queued -= 2000;			/* more than a segment: it opens */
	KUNIT_EXPECT_EQ(test, tcp_select_window(tp), 37635u);
	tp->sk.sk_rcvbuf = 4096;		/* a smaller buffer: the edge offered stays */
	KUNIT_EXPECT_EQ(test, tcp_select_window(tp), 37635u);
	sock_put(&tp->sk);
}

/* A TCP segment behind an IPv4 header, @skb->data at the TCP header as ip_local_deliver() leaves it. */
static struct sk_buff *test_tcp_skb(const void *seg, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(128 + len, GFP_KERNEL);
	struct iphdr *iph;

	if (!skb)
		return NULL;
	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	*iph = (struct iphdr){ .version = 4, .ihl = 5, .tot_len = htons(20 + len), .ttl = 64,
			       .protocol = IPPROTO_TCP, .saddr = htonl(0xc0000201),
			       .daddr = htonl(0xc0000202) };
	skb_put_data(skb, seg, len);
	skb_pull(skb, sizeof(*iph));
	skb_reset_transport_header(skb);
	skb->rt_type = RTN_LOCAL;
	return skb;
}

static void tcp_v4_rcv_drops_malformed_by_reason(struct kunit *test)
{
	__be32 s = htonl(0xc0000201), d = htonl(0xc0000202);
	unsigned long small = skb_drop_count(SKB_DROP_REASON_PKT_TOO_SMALL);
	unsigned long csum = skb_drop_count(SKB_DROP_REASON_TCP_CSUM);
	unsigned long nosock = skb_drop_count(SKB_DROP_REASON_NO_SOCKET);
	unsigned long inerrs = TCP_READ_STATS(INERRS), csumerrs = TCP_READ_STATS(CSUMERRORS);
	struct sk_buff *seg = tcp_make_segment(s, d, htons(1234), htons(9), 1, 0, TCPHDR_SYN,
					       1000, 0, NULL, 0);
	struct tcphdr th;

	KUNIT_ASSERT_NOT_NULL(test, seg);
	th = *(struct tcphdr *)seg->data;
	/* Shorter than a header. */
	KUNIT_EXPECT_EQ(test, tcp_v4_rcv(test_tcp_skb(&th, 12)), NET_RX_DROP);
	/* doff below five words. */
	th.doff = 3;
	KUNIT_EXPECT_EQ(test, tcp_v4_rcv(test_tcp_skb(&th, sizeof(th))), NET_RX_DROP);
	/* doff past the end. */
	th.doff = 15;
	KUNIT_EXPECT_EQ(test, tcp_v4_rcv(test_tcp_skb(&th, sizeof(th))), NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, skb_drop_count(SKB_DROP_REASON_PKT_TOO_SMALL) - small, 3ul);
	/* A bad checksum. */
	th.doff = 5;
	th.check ^= htons(0x1111);
	KUNIT_EXPECT_EQ(test, tcp_v4_rcv(test_tcp_skb(&th, sizeof(th))), NET_RX_DROP);
	KUNIT_EXPECT_EQ(test, skb_drop_count(SKB_DROP_REASON_TCP_CSUM) - csum, 1ul);
	KUNIT_EXPECT_EQ(test, TCP_READ_STATS(CSUMERRORS) - csumerrs, 1ul);
	KUNIT_EXPECT_EQ(test, TCP_READ_STATS(INERRS) - inerrs, 2ul);
	/* A good SYN to a port nobody listens on (192.0.2.2:9). */
	KUNIT_EXPECT_EQ(test, tcp_v4_rcv(test_tcp_skb(seg->data, seg->len)), NET_RX_DROP);
	KUNIT_EXPECT_GE(test, skb_drop_count(SKB_DROP_REASON_NO_SOCKET) - nosock, 1ul);
	consume_skb(seg);
}

static struct kunit_case tcp_test_cases[] = {
	KUNIT_CASE(tcp_seq_arithmetic_wraps),
	KUNIT_CASE(tcp_segment_checksum_and_mss_option),
	KUNIT_CASE(tcp_window_never_shrinks_and_opens_by_a_segment),
	KUNIT_CASE(tcp_v4_rcv_drops_malformed_by_reason),
	{}
};

static struct kunit_suite tcp_test_suite = {
	.name = "tcp",
	.test_cases = tcp_test_cases,
};
kunit_test_suite(tcp_test_suite);
