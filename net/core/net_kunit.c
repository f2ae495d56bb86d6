// SPDX-License-Identifier: MIT
/*
 * KUnit suite "net": the stack's logic inside the kernel, without a NIC.
 * sk_buff arithmetic, the Internet checksum, address parsing, NAPI's
 * state machine and net_rx_action()'s budget (a software NAPI instance
 * scheduled from a task, polled when local_bh_enable() runs NET_RX), and
 * IPv4/UDP receive checks on hand-made packets, each landing on its drop
 * reason; input routing's martian table, and which UDP port takes a
 * broadcast. The NIC's side is tests/scenario/net.py's.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/inet.h>
#include <linux/ftrace.h>
#include <linux/timer.h>
#include <asm/tsc.h>
#include <net/checksum.h>
#include <linux/in.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <linux/sched/clock.h>

static void skb_push_pull_reserve_track_headroom(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 64);
	KUNIT_EXPECT_EQ(test, skb_tailroom(skb), 192);
	p = skb_put(skb, 100);
	KUNIT_EXPECT_PTR_EQ(test, p, skb->data);
	KUNIT_EXPECT_EQ(test, skb->len, 100);
	skb_push(skb, 14);
	KUNIT_EXPECT_EQ(test, skb->len, 114);
	KUNIT_EXPECT_EQ(test, skb_headroom(skb), 50);
	KUNIT_EXPECT_NOT_NULL(test, skb_pull(skb, 34));
	KUNIT_EXPECT_EQ(test, skb->len, 80);
	KUNIT_EXPECT_NULL(test, skb_pull(skb, 81));
	skb_trim(skb, 20);
	KUNIT_EXPECT_EQ(test, skb->len, 20);
	KUNIT_EXPECT_PTR_EQ(test, skb_tail_pointer(skb), skb->data + 20);
	consume_skb(skb);
}

/* RFC 1071 section 3's worked example, and an odd length. */
static void csum_matches_rfc1071_example(struct kunit *test)
{
	static const u8 data[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	static const u8 odd[] = { 0x12, 0x34, 0x56 };
	__sum16 c = ip_compute_csum(data, sizeof(data));

	KUNIT_EXPECT_EQ(test, ntohs(c), (u16)~0xddf2);
	c = ip_compute_csum(odd, sizeof(odd));
	KUNIT_EXPECT_EQ(test, ntohs(c), (u16)~(0x1234 + 0x5600));
}

static void in4_pton_and_ip_param_parse(struct kunit *test)
{
	struct ic_config cfg = { 0 };
	const char *end;
	u8 a[4];

	KUNIT_EXPECT_EQ(test, in4_pton("10.0.2.15", -1, a, '\0', &end), 1);
	KUNIT_EXPECT_EQ(test, a[0], 10);
	KUNIT_EXPECT_EQ(test, a[3], 15);
	KUNIT_EXPECT_EQ(test, in4_pton("10.0.2", -1, a, '\0', NULL), 0);
	KUNIT_EXPECT_EQ(test, in4_pton("10.0.2.256", -1, a, '\0', NULL), 0);
	KUNIT_EXPECT_EQ(test, ic_parse_param("192.168.1.5::192.168.1.1:255.255.255.0", &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.addr, htonl(0xc0a80105));
	KUNIT_EXPECT_EQ(test, cfg.gw, htonl(0xc0a80101));
	KUNIT_EXPECT_EQ(test, cfg.mask, htonl(0xffffff00));
	KUNIT_EXPECT_EQ(test, ic_parse_param("10.1.2.3", &cfg), 0);
	KUNIT_EXPECT_EQ(test, cfg.mask, htonl(0xff000000));	/* class A default */
	KUNIT_EXPECT_EQ(test, ic_parse_param("dhcp", &cfg), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, ic_parse_param("10.1.2", &cfg), -EINVAL);
	KUNIT_EXPECT_EQ(test, ic_parse_param("off", &cfg), 0);
	KUNIT_EXPECT_TRUE(test, cfg.off);
}

/* --- NAPI on a software instance ------------------------------------------- */

static struct napi_struct test_napi;
static int busy_polls_left, test_polls;

/* Uses the whole weight while busy_polls_left lasts, then finishes. */
static int test_poll(struct napi_struct *napi, int budget)
{
	test_polls++;
	if (busy_polls_left > 0) {
		busy_polls_left--;
		return budget;
	}
	napi_complete_done(napi, 0);
	return 0;
}

static void napi_add_gives_weight_64_and_starts_disabled(struct kunit *test)
{
	netif_napi_add(NULL, &test_napi, test_poll);
	KUNIT_EXPECT_EQ(test, test_napi.weight, 64);
	KUNIT_EXPECT_FALSE(test, napi_schedule_prep(&test_napi));	/* disabled until enabled */
	napi_enable(&test_napi);
	KUNIT_EXPECT_EQ(test, test_napi.state, 0);
}

static void napi_schedule_while_owned_sets_missed_and_repolls(struct kunit *test)
{
	KUNIT_ASSERT_TRUE(test, napi_schedule_prep(&test_napi));
	KUNIT_EXPECT_FALSE(test, napi_schedule_prep(&test_napi));
	KUNIT_EXPECT_TRUE(test, test_bit(NAPI_STATE_MISSED, &test_napi.state));
	/* Completing with MISSED keeps it owned and puts it back on the poll list. */
	local_bh_disable();
	KUNIT_EXPECT_FALSE(test, napi_complete_done(&test_napi, 0));
	KUNIT_EXPECT_TRUE(test, test_bit(NAPI_STATE_SCHED, &test_napi.state));
	test_polls = 0;
	busy_polls_left = 0;
	local_bh_enable();	/* NET_RX runs: one poll, which completes */
	KUNIT_EXPECT_EQ(test, test_polls, 1);
	KUNIT_EXPECT_EQ(test, test_napi.state, 0);
}

/*
 * With one instance on the list, each net_rx_action() pass polls it once
 * and re-raises NET_RX (Linux's loop ends when only repolled instances
 * are left); handle_softirqs() repeats that for 10 passes, then hands
 * the rest to ksoftirqd, which finishes it once this task sleeps.
 */
static void net_rx_action_repolls_then_hands_over_to_ksoftirqd(struct kunit *test)
{
	struct softnet_data *sd = this_cpu_ptr(&softnet_data);
	u64 t0;

	test_polls = 0;
	busy_polls_left = 12;
	local_bh_disable();
	KUNIT_ASSERT_TRUE(test, napi_schedule(&test_napi));
	t0 = local_clock();
	local_bh_enable();
	/* Ten passes, unless a stalled host let the 2 ms limit come first. */
	if (local_clock() - t0 < 2 * 1000 * 1000ULL)
		KUNIT_EXPECT_EQ(test, test_polls, 10);
	else
		KUNIT_EXPECT_LE(test, test_polls, 10);
	kunit_wait_until(test_polls == 13);
	KUNIT_EXPECT_EQ(test, test_polls, 13);
	KUNIT_EXPECT_EQ(test, test_napi.state, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&sd->poll_list));
}

static struct napi_struct big_napi;

/* A poll may use up the whole netdev_budget (300) in one go: that is a time squeeze. */
static void net_rx_action_budget_exhaustion_counts_time_squeeze(struct kunit *test)
{
	struct softnet_data *sd = this_cpu_ptr(&softnet_data);
	unsigned int squeeze = sd->time_squeeze;

	netif_napi_add_weight(NULL, &big_napi, test_poll, 320);
	napi_enable(&big_napi);
	test_polls = 0;
	busy_polls_left = 1;
	local_bh_disable();
	KUNIT_ASSERT_TRUE(test, napi_schedule(&big_napi));
	local_bh_enable();
	kunit_wait_until(test_polls == 2);
	KUNIT_EXPECT_EQ(test, test_polls, 2);
	KUNIT_EXPECT_EQ(test, sd->time_squeeze - squeeze, 1);
	KUNIT_EXPECT_EQ(test, big_napi.state, 0);
}

/* A poll that outlasts netdev_budget_usecs (2 ms) ends the pass the same way. */
static int slow_poll(struct napi_struct *napi, int budget)
{
	test_polls++;
	if (busy_polls_left-- > 0) {
		mdelay(3);
		return budget;
	}
	napi_complete_done(napi, 0);
	return 0;
}

static void net_rx_action_time_limit_counts_time_squeeze(struct kunit *test)
{
	struct softnet_data *sd = this_cpu_ptr(&softnet_data);
	unsigned int squeeze = sd->time_squeeze;

	big_napi.poll = slow_poll;
	big_napi.weight = 64;
	test_polls = 0;
	busy_polls_left = 1;
	local_bh_disable();
	KUNIT_ASSERT_TRUE(test, napi_schedule(&big_napi));
	local_bh_enable();
	kunit_wait_until(test_polls == 2);
	KUNIT_EXPECT_EQ(test, test_polls, 2);
	KUNIT_EXPECT_EQ(test, sd->time_squeeze - squeeze, 1);
}

/* --- IPv4 and UDP receive ------------------------------------------------------ */

static struct net_device *test_dev;

static struct sk_buff *test_udp_skb(__be32 daddr, u16 dport, const char *payload)
{
	size_t len = strlen(payload);
	struct sk_buff *skb = alloc_skb(128 + len, GFP_KERNEL);
	struct udphdr *uh;
	struct iphdr *iph;

	if (!skb)
		return NULL;
	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	uh = skb_put(skb, sizeof(*uh));
	skb_put_data(skb, payload, len);
	*uh = (struct udphdr){ .source = htons(5555), .dest = htons(dport),
			       .len = htons(sizeof(*uh) + len) };
	*iph = (struct iphdr){ .version = 4, .ihl = 5, .tot_len = htons(skb->len), .ttl = 64,
			       .protocol = IPPROTO_UDP, .saddr = htonl(0x0a000202), .daddr = daddr };
	iph->check = ip_fast_csum(iph, 5);
	skb->dev = test_dev;
	skb->pkt_type = PACKET_HOST;
	skb->protocol = htons(ETH_P_IP);
	return skb;
}

static unsigned long drops_of(enum skb_drop_reason r)
{
	return skb_drop_count(r);
}

static void ip_rcv_drops_each_bad_header_by_reason(struct kunit *test)
{
	__be32 me = ic_myaddr ? ic_myaddr : htonl(0x0a00020f);
	__be32 saved = ic_myaddr;
	unsigned long inhdr = drops_of(SKB_DROP_REASON_IP_INHDR);
	unsigned long csum = drops_of(SKB_DROP_REASON_IP_CSUM);
	unsigned long small = drops_of(SKB_DROP_REASON_PKT_TOO_SMALL);
	unsigned long frag = drops_of(SKB_DROP_REASON_IP_FRAGMENT);
	unsigned long noport = drops_of(SKB_DROP_REASON_NO_SOCKET);
	unsigned long udpcsum = drops_of(SKB_DROP_REASON_UDP_CSUM);
	unsigned long delivered = UDP_READ_STATS(INDATAGRAMS);
	struct sk_buff *skb;

	ic_myaddr = me;
	skb = test_udp_skb(me, 9, "discard me");
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, ip_rcv(skb, test_dev), NET_RX_SUCCESS);
	KUNIT_EXPECT_EQ(test, UDP_READ_STATS(INDATAGRAMS), delivered + 1);

	skb = test_udp_skb(me, 9, "v6?");
	ip_hdr(skb)->version = 6;
	ip_rcv(skb, test_dev);
	KUNIT_EXPECT_EQ(test, drops_of(SKB_DROP_REASON_IP_INHDR), inhdr + 1);

	skb = test_udp_skb(me, 9, "bad sum");
	((struct iphdr *)skb->data)->check ^= 0x1;
	ip_rcv(skb, test_dev);
	KUNIT_EXPECT_EQ(test, drops_of(SKB_DROP_REASON_IP_CSUM), csum + 1);

	skb = test_udp_skb(me, 9, "short");
	skb_trim(skb, skb->len - 2);	/* tot_len now says more than the frame holds */
	ip_rcv(skb, test_dev);
	KUNIT_EXPECT_EQ(test, drops_of(SKB_DROP_REASON_PKT_TOO_SMALL), small + 1);

	skb = test_udp_skb(me, 9, "frag");
	((struct iphdr *)skb->data)->frag_off = htons(IP_MF);
	((struct iphdr *)skb->data)->check = 0;
	((struct iphdr *)skb->data)->check = ip_fast_csum(skb->data, 5);
	ip_rcv(skb, test_dev);
	KUNIT_EXPECT_EQ(test, drops_of(SKB_DROP_REASON_IP_FRAGMENT), frag + 1);

	skb = test_udp_skb(me, 31337, "nobody");
	ip_rcv(skb, test_dev);
	KUNIT_EXPECT_EQ(test, drops_of(SKB_DROP_REASON_NO_SOCKET), noport + 1);

	skb = test_udp_skb(me, 9, "udp sum");
	((struct udphdr *)(skb->data + 20))->check = htons(0x1234);
	ip_rcv(skb, test_dev);
	KUNIT_EXPECT_EQ(test, drops_of(SKB_DROP_REASON_UDP_CSUM), udpcsum + 1);
	ic_myaddr = saved;
}

/* --- input routing: Linux 6.x's martian table ----------------------------------- */

#define A(a, b, c, d)	htonl(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))

struct route_case {
	__be32 saddr, daddr;
	enum skb_drop_reason reason;
	u8 rt_type;		/* when not dropped */
	int martian_src, martian_dst;
};

static const struct route_case route_cases[] = {
	{ A(10, 0, 2, 2), A(10, 0, 2, 15), 0, RTN_LOCAL },
	{ A(127, 0, 0, 1), A(10, 0, 2, 15), SKB_DROP_REASON_IP_LOCALNET, 0, 1, 0 },
	{ A(0, 0, 0, 0), A(10, 0, 2, 15), SKB_DROP_REASON_IP_INVALID_SOURCE, 0, 1, 0 },
	{ A(224, 0, 0, 5), A(10, 0, 2, 15), SKB_DROP_REASON_IP_INVALID_SOURCE, 0, 1, 0 },
	{ A(255, 255, 255, 255), A(10, 0, 2, 15), SKB_DROP_REASON_IP_INVALID_SOURCE, 0, 1, 0 },
	{ A(10, 0, 2, 255), A(10, 0, 2, 15), SKB_DROP_REASON_IP_INVALID_SOURCE, 0, 1, 0 },
	{ A(10, 0, 2, 15), A(10, 0, 2, 15), SKB_DROP_REASON_IP_LOCAL_SOURCE, 0, 1, 0 },
	{ A(10, 0, 2, 2), A(0, 0, 0, 0), SKB_DROP_REASON_IP_INVALID_DEST, 0, 0, 1 },
	{ A(10, 0, 2, 2), A(127, 0, 0, 1), SKB_DROP_REASON_IP_LOCALNET, 0, 0, 1 },
	/* Linux's order: a zero source before the destination, the destination before 127/8. */
	{ A(0, 0, 0, 0), A(127, 0, 0, 1), SKB_DROP_REASON_IP_INVALID_SOURCE, 0, 1, 0 },
	{ A(127, 0, 0, 1), A(127, 0, 0, 1), SKB_DROP_REASON_IP_LOCALNET, 0, 0, 1 },
	/* Unicast in Linux 6.x: class E, and 0.x.y.z but 0.0.0.0. */
	{ A(240, 0, 0, 1), A(10, 0, 2, 15), 0, RTN_LOCAL },
	{ A(0, 1, 2, 3), A(10, 0, 2, 15), 0, RTN_LOCAL },
	{ A(10, 0, 2, 2), A(255, 255, 255, 255), 0, RTN_BROADCAST },
	{ A(0, 0, 0, 0), A(255, 255, 255, 255), 0, RTN_BROADCAST },	/* DHCP */
	{ A(10, 0, 2, 2), A(10, 0, 2, 255), 0, RTN_BROADCAST },
	{ A(0, 0, 0, 0), A(10, 0, 2, 255), SKB_DROP_REASON_IP_INVALID_SOURCE, 0, 1, 0 },
	{ A(10, 0, 2, 15), A(255, 255, 255, 255), SKB_DROP_REASON_IP_LOCAL_SOURCE, 0, 1, 0 },
	{ A(10, 0, 2, 2), A(224, 0, 0, 1), 0, RTN_MULTICAST },
	{ A(10, 0, 2, 2), A(224, 0, 0, 9), SKB_DROP_REASON_NOT_SPECIFIED },	/* not joined */
	{ A(127, 0, 0, 1), A(224, 0, 0, 1), SKB_DROP_REASON_IP_LOCALNET },
	{ A(10, 0, 2, 2), A(10, 0, 2, 99), 0, RTN_UNREACHABLE },
	{ A(10, 0, 2, 2), A(8, 8, 8, 8), 0, RTN_UNREACHABLE },
};

static __be32 saved_addr, saved_mask;

static void ic_set_test_address(void)
{
	saved_addr = ic_myaddr;
	saved_mask = ic_netmask;
	ic_myaddr = A(10, 0, 2, 15);
	ic_netmask = A(255, 255, 255, 0);
}

static void ic_restore_address(void)
{
	ic_myaddr = saved_addr;
	ic_netmask = saved_mask;
}

static void ip_route_input_decides_martians_as_linux(struct kunit *test)
{
	unsigned int i;

	ic_set_test_address();
	for (i = 0; i < ARRAY_SIZE(route_cases); i++) {
		const struct route_case *c = &route_cases[i];
		struct sk_buff *skb = test_udp_skb(c->daddr, 9, "route me");
		struct rt_cache_stat st, now;
		enum skb_drop_reason reason;

		KUNIT_ASSERT_NOT_NULL(test, skb);
		ip_hdr(skb)->saddr = c->saddr;
		rt_cache_stat_sum(&st);
		reason = ip_route_input_noref(skb, c->daddr, c->saddr, test_dev);
		rt_cache_stat_sum(&now);
		KUNIT_EXPECT_EQ_MSG(test, reason, c->reason, "case %u", i);
		if (!reason)
			KUNIT_EXPECT_EQ_MSG(test, skb->rt_type, c->rt_type, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, now.in_martian_src - st.in_martian_src,
				    c->martian_src, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, now.in_martian_dst - st.in_martian_dst,
				    c->martian_dst, "case %u", i);
		consume_skb(skb);
	}
	ic_restore_address();
}

/* An ARP request is judged by the same route, but only IPv4 may be a broadcast. */
static void ip_route_input_refuses_broadcast_for_arp(struct kunit *test)
{
	struct sk_buff *skb = test_udp_skb(A(10, 0, 2, 255), 9, "arp");

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ic_set_test_address();
	skb->protocol = htons(ETH_P_ARP);
	KUNIT_EXPECT_EQ(test, ip_route_input_noref(skb, A(10, 0, 2, 255), A(10, 0, 2, 2), test_dev),
			SKB_DROP_REASON_INVALID_PROTO);
	KUNIT_EXPECT_EQ(test, ip_route_check_source(A(10, 0, 2, 2)), SKB_NOT_DROPPED_YET);
	KUNIT_EXPECT_EQ(test, ip_route_check_source(A(10, 0, 2, 15)), SKB_DROP_REASON_IP_LOCAL_SOURCE);
	KUNIT_EXPECT_EQ(test, ip_route_check_source(A(127, 1, 2, 3)), SKB_DROP_REASON_IP_LOCALNET);
	KUNIT_EXPECT_EQ(test, ip_route_check_source(A(10, 0, 2, 255)), SKB_DROP_REASON_IP_INVALID_SOURCE);
	KUNIT_EXPECT_EQ(test, inet_addr_type(A(224, 0, 0, 1)), RTN_MULTICAST);
	KUNIT_EXPECT_EQ(test, inet_addr_type(A(127, 0, 0, 1)), RTN_LOCAL);	/* lo's 127/8 */
	ic_restore_address();
	consume_skb(skb);
}

/* --- UDP: who takes a broadcast ------------------------------------------------ */

static int test_port_taken[3];

static int test_port_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	test_port_taken[(long)up->priv]++;
	consume_skb(skb);
	return 0;
}

static void udp_rcv_test_datagram(__be32 daddr, u16 dport)
{
	struct sk_buff *skb = test_udp_skb(daddr, dport, "who takes it?");

	if (skb)
		ip_rcv(skb, test_dev);
}

static void udp_broadcast_goes_only_to_any_or_its_own_address(struct kunit *test)
{
	struct udp_port ports[3] = {
		{ .port = 5101, .rcv_saddr = A(10, 0, 2, 15), .rcv = test_port_rcv, .priv = (void *)0 },
		{ .port = 5102, .rcv_saddr = INADDR_ANY, .rcv = test_port_rcv, .priv = (void *)1 },
		{ .port = 5101, .rcv_saddr = A(10, 0, 2, 255), .rcv = test_port_rcv, .priv = (void *)2 },
	};
	struct udp_port clash = { .port = 5101, .rcv_saddr = INADDR_ANY, .rcv = test_port_rcv };
	unsigned long ignored = UDP_READ_STATS(IGNOREDMULTI), noports = UDP_READ_STATS(NOPORTS);
	int i;

	ic_set_test_address();
	memset(test_port_taken, 0, sizeof(test_port_taken));
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_EQ(test, udp_port_bind(&ports[i]), 0);
	KUNIT_EXPECT_EQ(test, udp_port_bind(&clash), -EADDRINUSE);	/* ANY overlaps both */
	local_bh_disable();
	udp_rcv_test_datagram(A(255, 255, 255, 255), 5101);	/* nobody: IgnoredMulti */
	udp_rcv_test_datagram(A(10, 0, 2, 255), 5101);		/* the one bound to it */
	udp_rcv_test_datagram(A(10, 0, 2, 15), 5101);		/* the one bound to us */
	udp_rcv_test_datagram(A(255, 255, 255, 255), 5102);	/* ANY takes everything */
	udp_rcv_test_datagram(A(10, 0, 2, 255), 5102);
	udp_rcv_test_datagram(A(10, 0, 2, 15), 5103);		/* nobody: NoPorts */
	local_bh_enable();
	for (i = 0; i < 3; i++)
		udp_port_unbind(&ports[i]);
	ic_restore_address();
	KUNIT_EXPECT_EQ(test, test_port_taken[0], 1);
	KUNIT_EXPECT_EQ(test, test_port_taken[1], 2);
	KUNIT_EXPECT_EQ(test, test_port_taken[2], 1);
	KUNIT_EXPECT_EQ(test, UDP_READ_STATS(IGNOREDMULTI) - ignored, 1);
	KUNIT_EXPECT_EQ(test, UDP_READ_STATS(NOPORTS) - noports, 1);
}

static void stacktrace_spec_arms_functions(struct kunit *test)
{
	char buf[128];

	KUNIT_EXPECT_EQ(test, ftrace_stacktrace_parse("net_kunit_nowhere:3,net_kunit_elsewhere"), 0);
	ftrace_stacktrace_list(buf, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, strstr(buf, "net_kunit_nowhere 3") != NULL);
	KUNIT_EXPECT_TRUE(test, strstr(buf, "net_kunit_elsewhere 1") != NULL);
	ftrace_stacktrace_arm("net_kunit_nowhere", 0);
	ftrace_stacktrace_arm("net_kunit_elsewhere", 0);
	KUNIT_EXPECT_EQ(test, ftrace_stacktrace_list(buf, sizeof(buf)), 0);
}

static int net_test_suite_init(struct kunit_suite *suite)
{
	test_dev = alloc_etherdev(0);
	return test_dev ? 0 : -ENOMEM;
}

static struct kunit_case net_test_cases[] = {
	KUNIT_CASE(skb_push_pull_reserve_track_headroom),
	KUNIT_CASE(csum_matches_rfc1071_example),
	KUNIT_CASE(in4_pton_and_ip_param_parse),
	KUNIT_CASE(napi_add_gives_weight_64_and_starts_disabled),
	KUNIT_CASE(napi_schedule_while_owned_sets_missed_and_repolls),
	KUNIT_CASE(net_rx_action_repolls_then_hands_over_to_ksoftirqd),
	KUNIT_CASE(net_rx_action_budget_exhaustion_counts_time_squeeze),
	KUNIT_CASE(net_rx_action_time_limit_counts_time_squeeze),
	KUNIT_CASE(ip_rcv_drops_each_bad_header_by_reason),
	KUNIT_CASE(ip_route_input_decides_martians_as_linux),
	KUNIT_CASE(ip_route_input_refuses_broadcast_for_arp),
	KUNIT_CASE(udp_broadcast_goes_only_to_any_or_its_own_address),
	KUNIT_CASE(stacktrace_spec_arms_functions),
	{}
};

static struct kunit_suite net_test_suite = {
	.name = "net",
	.suite_init = net_test_suite_init,
	.test_cases = net_test_cases,
};
kunit_test_suite(net_test_suite);
