// SPDX-License-Identifier: MIT
/*
 * KUnit suite "net_smp": the receive and transmit paths run on every
 * online CPU at once and lose no count. For receive, a task pinned to
 * one CPU binds and unbinds a UDP port over and over, and a tasklet on
 * each other CPU (so in softirq context, as a NAPI poll would be) waits
 * until all have arrived and the churn has begun, then pushes its share
 * of hand-made packets through netif_receive_skb(): UDP datagrams to a
 * port whose handler queues them on one queue shared by all CPUs, to a
 * port that refuses them as a full socket would, to a port nobody has
 * bound, and to the churned port (no delivery to it may outlast an
 * unbind); frames of an EtherType nobody handles; and transmits through
 * dev_queue_xmit() on a device that is down. Then every counter is
 * checked to the unit - the SNMP MIBs summed over the CPUs, the drop
 * reasons, the device's core drops - along with each CPU's own share of
 * them, and the shared queue must hold each datagram exactly once. For
 * transmit, a driver without locks of its own, fed by dev_queue_xmit()
 * from every CPU at once, must never find another CPU inside it: the
 * queue's transmit lock makes them take turns. Needs two CPUs or more;
 * skipped at -smp 1.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/in.h>
#include <asm/processor.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/checksum.h>
#include <kunit/test.h>
#include <kunit/wait.h>

#define SMP_PKTS	256	/* of each kind, per CPU */
#define PORT_QUEUE	6001	/* bound: the handler queues */
#define PORT_FULL	6002	/* bound: the handler refuses, as a full socket */
#define PORT_NONE	6003	/* never bound */
#define PORT_CHURN	6004	/* bound and unbound by a task meanwhile */
#define ETH_P_TEST	0x88b5	/* IEEE 802 local experimental: no handler */
#define BARRIER_SPINS	200000000UL

struct smp_payload {
	u32 cpu;
	u32 seq;
};

static struct net_device *smp_dev;
static DEFINE_PER_CPU(struct tasklet_struct, smp_tasklet);
static unsigned int smp_ncpus, smp_arrived, smp_done, smp_late;
static unsigned long smp_churns;	/* binds and unbinds of PORT_CHURN so far */

/* The shared queue the PORT_QUEUE handler fills from every CPU. */
static DEFINE_SPINLOCK(smp_queue_lock);
static struct sk_buff *smp_queue;
static unsigned int smp_queued;
static unsigned int smp_churn_got;

static struct sk_buff *smp_udp_skb(__be32 daddr, u16 dport, u32 cpu, u32 seq)
{
	struct smp_payload pl = { .cpu = cpu, .seq = seq };
	struct sk_buff *skb = alloc_skb(128 + sizeof(pl), GFP_ATOMIC);
	struct udphdr *uh;
	struct iphdr *iph;

	if (!skb)
		return NULL;
	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	uh = skb_put(skb, sizeof(*uh));
	skb_put_data(skb, &pl, sizeof(pl));
	*uh = (struct udphdr){ .source = htons(5555), .dest = htons(dport),
			       .len = htons(sizeof(*uh) + sizeof(pl)) };
	*iph = (struct iphdr){ .version = 4, .ihl = 5, .tot_len = htons(skb->len), .ttl = 64,
			       .protocol = IPPROTO_UDP, .saddr = htonl(0x0a000202), .daddr = daddr };
	iph->check = ip_fast_csum(iph, 5);
	skb->dev = smp_dev;
	skb->pkt_type = PACKET_HOST;
	skb->protocol = htons(ETH_P_IP);
	return skb;
}

static int smp_queue_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	unsigned long flags;

	spin_lock_irqsave(&smp_queue_lock, flags);
	skb->next = smp_queue;
	smp_queue = skb;
	smp_queued++;
	spin_unlock_irqrestore(&smp_queue_lock, flags);
	return 0;
}

static int smp_full_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
	return -ENOBUFS;
}

/* Set by the task once udp_port_unbind() has returned: no handler may run after. */
static bool smp_churn_closed;
static unsigned int smp_churn_after_close;

static int smp_churn_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	unsigned int i;

	__atomic_fetch_add(&smp_churn_got, 1, __ATOMIC_RELAXED);
	for (i = 0; i < 1000; i++)	/* a window for the unbind to pass by */
		cpu_relax();
	if (__atomic_load_n(&smp_churn_closed, __ATOMIC_SEQ_CST))
		__atomic_fetch_add(&smp_churn_after_close, 1, __ATOMIC_RELAXED);
	consume_skb(skb);
	return 0;
}

static struct udp_port smp_port_queue = { .port = PORT_QUEUE, .rcv = smp_queue_rcv };
static struct udp_port smp_port_full = { .port = PORT_FULL, .rcv = smp_full_rcv };
static struct udp_port smp_port_churn = { .port = PORT_CHURN, .rcv = smp_churn_rcv };

/* Softirq context on one CPU: wait for the others, then this CPU's share. */
static void smp_inject(struct tasklet_struct *t)
{
	u32 cpu = smp_processor_id();
	unsigned long spins = 0;
	u32 seq;

	__atomic_fetch_add(&smp_arrived, 1, __ATOMIC_SEQ_CST);
	while ((__atomic_load_n(&smp_arrived, __ATOMIC_SEQ_CST) < smp_ncpus ||
		!__atomic_load_n(&smp_churns, __ATOMIC_SEQ_CST)) && spins++ < BARRIER_SPINS)
		cpu_relax();
	if (__atomic_load_n(&smp_arrived, __ATOMIC_SEQ_CST) < smp_ncpus ||
	    !__atomic_load_n(&smp_churns, __ATOMIC_SEQ_CST))
		__atomic_fetch_add(&smp_late, 1, __ATOMIC_RELAXED);

	for (seq = 0; seq < SMP_PKTS; seq++) {
		static const u16 ports[] = { PORT_QUEUE, PORT_FULL, PORT_NONE, PORT_CHURN };
		struct sk_buff *skb;
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(ports); i++) {
			skb = smp_udp_skb(ic_myaddr, ports[i], cpu, seq);
			if (skb)
				netif_receive_skb(skb);
		}
		skb = smp_udp_skb(ic_myaddr, PORT_NONE, cpu, seq);
		if (skb) {
			skb->protocol = htons(ETH_P_TEST);
			netif_receive_skb(skb);
		}
		skb = smp_udp_skb(ic_myaddr, PORT_NONE, cpu, seq);
		if (skb)
			dev_queue_xmit(skb);	/* the device is not running: dropped */
	}
	__atomic_fetch_add(&smp_done, 1, __ATOMIC_SEQ_CST);
}

/* Hard IRQ (the IPI) on each CPU: the tasklet runs in its softirq on the way out. */
static void smp_kick(void *unused)
{
	tasklet_schedule(this_cpu_ptr(&smp_tasklet));
}

struct smp_snapshot {
	unsigned long in_receives, in_delivers, in_datagrams, no_ports, rcvbuf_errors, in_errors;
	unsigned long drop_no_socket, drop_rcvbuff, drop_unhandled, drop_dev_ready;
	u64 rx_dropped, tx_dropped;
	unsigned long cpu_rcvbuf[NR_CPUS], cpu_in_receives[NR_CPUS];
};

static void smp_snapshot(struct smp_snapshot *s)
{
	struct rtnl_link_stats64 st;
	unsigned int cpu;

	s->in_receives = IP_READ_STATS(INRECEIVES);
	s->in_delivers = IP_READ_STATS(INDELIVERS);
	s->in_datagrams = UDP_READ_STATS(INDATAGRAMS);
	s->no_ports = UDP_READ_STATS(NOPORTS);
	s->rcvbuf_errors = UDP_READ_STATS(RCVBUFERRORS);
	s->in_errors = UDP_READ_STATS(INERRORS);
	s->drop_no_socket = skb_drop_count(SKB_DROP_REASON_NO_SOCKET);
	s->drop_rcvbuff = skb_drop_count(SKB_DROP_REASON_SOCKET_RCVBUFF);
	s->drop_unhandled = skb_drop_count(SKB_DROP_REASON_UNHANDLED_PROTO);
	s->drop_dev_ready = skb_drop_count(SKB_DROP_REASON_DEV_READY);
	dev_get_stats(smp_dev, &st);
	s->rx_dropped = st.rx_dropped;
	s->tx_dropped = st.tx_dropped;
	for_each_possible_cpu(cpu) {
		s->cpu_rcvbuf[cpu] = READ_ONCE(per_cpu(udp_statistics, cpu).mibs[UDP_MIB_RCVBUFERRORS]);
		s->cpu_in_receives[cpu] =
			READ_ONCE(per_cpu(ip_statistics, cpu).mibs[IPSTATS_MIB_INRECEIVES]);
	}
}

static u8 smp_seen[NR_CPUS * SMP_PKTS];

/* Empties the shared queue; how many datagrams were in it more than once or malformed. */
static unsigned int smp_drain_queue(unsigned int *count)
{
	unsigned int bad = 0;
	struct sk_buff *skb;

	memset(smp_seen, 0, sizeof(smp_seen));
	*count = 0;
	while ((skb = smp_queue)) {
		struct smp_payload pl;

		smp_queue = skb->next;
		skb->next = NULL;
		(*count)++;
		if (skb->len != sizeof(pl)) {
			bad++;
		} else {
			memcpy(&pl, skb->data, sizeof(pl));
			if (pl.cpu >= NR_CPUS || pl.seq >= SMP_PKTS ||
			    smp_seen[pl.cpu * SMP_PKTS + pl.seq]++)
				bad++;
		}
		consume_skb(skb);
	}
	smp_queued = 0;
	return bad;
}

/*
 * The task binding and unbinding PORT_CHURN keeps a CPU of its own (it is
 * pinned there); every other online CPU injects, all starting together
 * once the churn has begun.
 */
static void receive_on_every_cpu_at_once_loses_no_count(struct kunit *test)
{
	unsigned long n, churn_noports, churns_during = 0;
	struct smp_snapshot *a, *b;
	__be32 saved = ic_myaddr;
	unsigned int cpu, me, got, bad;
	struct cpumask saved_mask, inject;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs or more");
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	cpumask_copy(&saved_mask, &current->cpus_mask);
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(raw_smp_processor_id())), 0);
	me = raw_smp_processor_id();
	cpumask_copy(&inject, cpu_online_mask);
	cpumask_clear_cpu(me, &inject);
	if (!ic_myaddr)
		ic_myaddr = htonl(0x0a00020f);
	KUNIT_ASSERT_EQ(test, udp_port_bind(&smp_port_queue), 0);
	KUNIT_ASSERT_EQ(test, udp_port_bind(&smp_port_full), 0);

	smp_ncpus = cpumask_weight(&inject);
	n = (unsigned long)smp_ncpus * SMP_PKTS;
	smp_arrived = smp_done = smp_late = smp_churn_got = smp_churn_after_close = 0;
	smp_churns = 0;
	for_each_possible_cpu(cpu)
		tasklet_setup(per_cpu_ptr(&smp_tasklet, cpu), smp_inject);
	smp_snapshot(a);

	on_each_cpu_mask(&inject, smp_kick, NULL, 1);
	/* Process context, meanwhile: PORT_CHURN bound and unbound under the lookups. */
	while (__atomic_load_n(&smp_done, __ATOMIC_SEQ_CST) < smp_ncpus) {
		bool during = __atomic_load_n(&smp_arrived, __ATOMIC_SEQ_CST) == smp_ncpus;

		__atomic_store_n(&smp_churn_closed, false, __ATOMIC_SEQ_CST);
		if (!udp_port_bind(&smp_port_churn)) {
			udp_port_unbind(&smp_port_churn);
			__atomic_store_n(&smp_churn_closed, true, __ATOMIC_SEQ_CST);
			__atomic_fetch_add(&smp_churns, 1, __ATOMIC_SEQ_CST);
			churns_during += during &&
					 __atomic_load_n(&smp_done, __ATOMIC_SEQ_CST) < smp_ncpus;
		}
		cond_resched();
	}
	kunit_wait_until(__atomic_load_n(&smp_done, __ATOMIC_SEQ_CST) == smp_ncpus);
	smp_snapshot(b);
	ic_myaddr = saved;
	udp_port_unbind(&smp_port_queue);
	udp_port_unbind(&smp_port_full);
	set_cpus_allowed_ptr(current, &saved_mask);

	KUNIT_ASSERT_EQ(test, smp_done, smp_ncpus);
	KUNIT_EXPECT_EQ_MSG(test, smp_late, 0, "CPUs that started before all had arrived");
	KUNIT_EXPECT_GT(test, churns_during, 0);
	pr_info("    # %u CPUs injecting, %lu datagrams of each kind; CPU %u bound and unbound a port %lu times, %lu while they ran\n",
		smp_ncpus, n, me, smp_churns, churns_during);

	/* No delivery to the churned port outlived its udp_port_unbind(). */
	KUNIT_EXPECT_EQ(test, smp_churn_after_close, 0);
	/* Each churned datagram was delivered or found no port: never both, never lost. */
	churn_noports = n - smp_churn_got;
	KUNIT_EXPECT_EQ(test, b->in_receives - a->in_receives, 4 * n);
	KUNIT_EXPECT_EQ(test, b->in_delivers - a->in_delivers, 4 * n);
	KUNIT_EXPECT_EQ(test, b->in_datagrams - a->in_datagrams, n + smp_churn_got);
	KUNIT_EXPECT_EQ(test, b->no_ports - a->no_ports, n + churn_noports);
	KUNIT_EXPECT_EQ(test, b->drop_no_socket - a->drop_no_socket, n + churn_noports);
	KUNIT_EXPECT_EQ(test, b->rcvbuf_errors - a->rcvbuf_errors, n);
	KUNIT_EXPECT_EQ(test, b->in_errors - a->in_errors, n);
	KUNIT_EXPECT_EQ(test, b->drop_rcvbuff - a->drop_rcvbuff, n);
	KUNIT_EXPECT_EQ(test, b->drop_unhandled - a->drop_unhandled, n);
	KUNIT_EXPECT_EQ(test, b->rx_dropped - a->rx_dropped, (u64)n);
	KUNIT_EXPECT_EQ(test, b->drop_dev_ready - a->drop_dev_ready, n);
	KUNIT_EXPECT_EQ(test, b->tx_dropped - a->tx_dropped, (u64)n);

	/* Each CPU counted its own share in its own copy. */
	for_each_cpu(cpu, &inject) {
		KUNIT_EXPECT_EQ_MSG(test, b->cpu_rcvbuf[cpu] - a->cpu_rcvbuf[cpu],
				    (unsigned long)SMP_PKTS, "cpu %u", cpu);
		KUNIT_EXPECT_GE_MSG(test, b->cpu_in_receives[cpu] - a->cpu_in_receives[cpu],
				    4UL * SMP_PKTS, "cpu %u", cpu);
	}

	/* The shared queue: every datagram of every CPU, each once. */
	bad = smp_drain_queue(&got);
	KUNIT_EXPECT_EQ(test, got, (unsigned int)n);
	KUNIT_EXPECT_EQ(test, bad, 0);
	for_each_cpu(cpu, &inject) {
		unsigned int seq, missing = 0;

		for (seq = 0; seq < SMP_PKTS; seq++)
			missing += !smp_seen[cpu * SMP_PKTS + seq];
		KUNIT_EXPECT_EQ_MSG(test, missing, 0, "cpu %u", cpu);
	}
	kfree(a);
	kfree(b);
}

/* --- transmit: one queue, every CPU ------------------------------------------- */

#define XMIT_PKTS	512	/* per CPU */

static struct net_device *xmit_dev;
static DEFINE_PER_CPU(struct tasklet_struct, xmit_tasklet);
static unsigned int xmit_inside, xmit_overlaps, xmit_sent, xmit_busy_left;
static unsigned long xmit_per_cpu[NR_CPUS];

/*
 * A driver without locks of its own (no NETIF_F_LLTX): it counts with
 * plain adds and notes when it finds another CPU inside. It refuses the
 * first few frames (NETDEV_TX_BUSY), which the core must drop and count.
 */
static netdev_tx_t xmit_test_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	unsigned int i;

	if (__atomic_add_fetch(&xmit_inside, 1, __ATOMIC_SEQ_CST) != 1)
		__atomic_fetch_add(&xmit_overlaps, 1, __ATOMIC_RELAXED);
	for (i = 0; i < 50; i++)	/* a window for another CPU to walk into */
		cpu_relax();
	if (xmit_busy_left) {
		xmit_busy_left--;
		__atomic_fetch_sub(&xmit_inside, 1, __ATOMIC_SEQ_CST);
		return NETDEV_TX_BUSY;
	}
	xmit_sent++;
	xmit_per_cpu[smp_processor_id()]++;
	consume_skb(skb);
	__atomic_fetch_sub(&xmit_inside, 1, __ATOMIC_SEQ_CST);
	return NETDEV_TX_OK;
}

static void xmit_inject(struct tasklet_struct *t)
{
	unsigned long spins = 0;
	u32 seq;

	__atomic_fetch_add(&smp_arrived, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&smp_arrived, __ATOMIC_SEQ_CST) < smp_ncpus &&
	       spins++ < BARRIER_SPINS)
		cpu_relax();
	if (__atomic_load_n(&smp_arrived, __ATOMIC_SEQ_CST) < smp_ncpus)
		__atomic_fetch_add(&smp_late, 1, __ATOMIC_RELAXED);
	for (seq = 0; seq < XMIT_PKTS; seq++) {
		struct sk_buff *skb = alloc_skb(64, GFP_ATOMIC);

		if (!skb)
			continue;
		skb_put(skb, 60);
		skb->dev = xmit_dev;
		dev_queue_xmit(skb);
	}
	__atomic_fetch_add(&smp_done, 1, __ATOMIC_SEQ_CST);
}

static void xmit_kick(void *unused)
{
	tasklet_schedule(this_cpu_ptr(&xmit_tasklet));
}

static void xmit_on_every_cpu_takes_turns_in_the_driver(struct kunit *test)
{
	unsigned long full_before, n;
	struct rtnl_link_stats64 st;
	u64 tx_dropped_before;
	unsigned int cpu;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs or more");
	set_bit(__LINK_STATE_START, &xmit_dev->state);
	netif_carrier_on(xmit_dev);
	netif_start_queue(xmit_dev);
	smp_ncpus = num_online_cpus();
	n = (unsigned long)smp_ncpus * XMIT_PKTS;
	smp_arrived = smp_done = smp_late = 0;
	xmit_inside = xmit_overlaps = xmit_sent = 0;
	xmit_busy_left = 3;
	memset(xmit_per_cpu, 0, sizeof(xmit_per_cpu));
	full_before = skb_drop_count(SKB_DROP_REASON_FULL_RING);
	tx_dropped_before = dev_get_stats(xmit_dev, &st)->tx_dropped;
	for_each_possible_cpu(cpu)
		tasklet_setup(per_cpu_ptr(&xmit_tasklet, cpu), xmit_inject);

	on_each_cpu(xmit_kick, NULL, 1);
	KUNIT_ASSERT_TRUE(test, kunit_wait_until(__atomic_load_n(&smp_done, __ATOMIC_SEQ_CST) ==
						 smp_ncpus));
	clear_bit(__LINK_STATE_START, &xmit_dev->state);

	KUNIT_EXPECT_EQ_MSG(test, smp_late, 0, "CPUs that started before all had arrived");
	KUNIT_EXPECT_EQ(test, xmit_overlaps, 0);
	KUNIT_EXPECT_EQ(test, xmit_sent, (unsigned int)(n - 3));
	KUNIT_EXPECT_EQ(test, skb_drop_count(SKB_DROP_REASON_FULL_RING) - full_before, 3);
	KUNIT_EXPECT_EQ(test, dev_get_stats(xmit_dev, &st)->tx_dropped - tx_dropped_before, 3);
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_GE_MSG(test, xmit_per_cpu[cpu], (unsigned long)XMIT_PKTS - 3,
				    "cpu %u", cpu);
	/* A stopped queue takes nothing: the frame is dropped as FULL_RING. */
	set_bit(__LINK_STATE_START, &xmit_dev->state);
	netif_stop_queue(xmit_dev);
	full_before = skb_drop_count(SKB_DROP_REASON_FULL_RING);
	{
		struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, skb);
		skb_put(skb, 60);
		skb->dev = xmit_dev;
		local_bh_disable();
		KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), -ENOBUFS);
		local_bh_enable();
	}
	KUNIT_EXPECT_EQ(test, skb_drop_count(SKB_DROP_REASON_FULL_RING) - full_before, 1);
	KUNIT_EXPECT_EQ(test, xmit_sent, (unsigned int)(n - 3));
	clear_bit(__LINK_STATE_START, &xmit_dev->state);
}

static const struct net_device_ops xmit_netdev_ops = {
	.ndo_start_xmit = xmit_test_start_xmit,
};

/* Never opened: dev_queue_xmit() drops at once, and dev_get_stats() reads dev->stats. */
static const struct net_device_ops smp_netdev_ops;

static int net_smp_suite_init(struct kunit_suite *suite)
{
	smp_dev = alloc_etherdev(0);
	if (!smp_dev)
		return -ENOMEM;
	smp_dev->netdev_ops = &smp_netdev_ops;
	xmit_dev = alloc_etherdev(0);
	if (!xmit_dev)
		return -ENOMEM;
	xmit_dev->netdev_ops = &xmit_netdev_ops;
	return 0;
}

static struct kunit_case net_smp_test_cases[] = {
	KUNIT_CASE(receive_on_every_cpu_at_once_loses_no_count),
	KUNIT_CASE(xmit_on_every_cpu_takes_turns_in_the_driver),
	{}
};

static struct kunit_suite net_smp_test_suite = {
	.name = "net_smp",
	.suite_init = net_smp_suite_init,
	.test_cases = net_smp_test_cases,
};
kunit_test_suite(net_smp_test_suite);
