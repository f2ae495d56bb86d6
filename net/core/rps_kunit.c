// SPDX-License-Identifier: MIT
/*
 * KUnit suite "rps": Receive Packet Steering and the per-CPU backlog
 * without a NIC. A test device (two receive queues, never registered)
 * feeds frames of a private EtherType to netif_receive_skb() and
 * netif_rx(); a packet_type handler for that EtherType records the CPU
 * and context each frame is delivered in. Covers the flow hash, the
 * rps_cpus text, the map's choice of CPU, delivery on a remote CPU after
 * the IPI (with received_rps counted there), netif_rx() from a hard IRQ,
 * the backlog's limit, dev_cpu_dead()'s move of a stopped CPU's backlog,
 * and the stack a trace at process_backlog shows.
 * Most cases need -smp 4 and skip with fewer CPUs.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/ftrace.h>
#include <linux/ip.h>
#include <linux/smp.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/kernfs.h>
#include <kunit/test.h>
#include <kunit/wait.h>

#define ETH_P_RPS_TEST	0x88b5	/* IEEE 802 local experimental EtherType 1 */

static struct net_device *rps_dev;

/* What the handler saw, per CPU. */
static unsigned int delivered[NR_CPUS];
static unsigned int delivered_total;
static unsigned int delivered_outside_softirq;

static int rps_test_rcv(struct sk_buff *skb, struct net_device *dev)
{
	unsigned int cpu = smp_processor_id();

	__atomic_fetch_add(&delivered[cpu], 1, __ATOMIC_RELAXED);
	if (!in_serving_softirq())
		__atomic_fetch_add(&delivered_outside_softirq, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&delivered_total, 1, __ATOMIC_RELEASE);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type rps_test_pt = {
	.type = htons(ETH_P_RPS_TEST),
	.func = rps_test_rcv,
};

static void delivered_reset(void)
{
	memset(delivered, 0, sizeof(delivered));
	WRITE_ONCE(delivered_outside_softirq, 0);
	WRITE_ONCE(delivered_total, 0);
}

static struct sk_buff *rps_test_skb(void)
{
	struct sk_buff *skb = alloc_skb(128, GFP_ATOMIC);

	if (!skb)
		return NULL;
	skb_reserve(skb, 32);
	skb_put_data(skb, "rps test frame", 14);
	skb->dev = rps_dev;
	skb->protocol = htons(ETH_P_RPS_TEST);
	return skb;
}

/* An IPv4 datagram of @proto from saddr:sport to daddr:dport, as after eth_type_trans(). */
static struct sk_buff *flow_skb(u32 saddr, u32 daddr, u8 proto, u16 sport, u16 dport,
				u16 frag_off)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct iphdr *iph;
	__be16 *ports;

	if (!skb)
		return NULL;
	skb_reserve(skb, 32);
	iph = skb_put(skb, sizeof(*iph));
	ports = skb_put(skb, 8);
	*iph = (struct iphdr){ .version = 4, .ihl = 5, .tot_len = htons(28), .ttl = 64,
			       .protocol = proto, .frag_off = htons(frag_off),
			       .saddr = htonl(saddr), .daddr = htonl(daddr) };
	ports[0] = htons(sport);
	ports[1] = htons(dport);
	ports[2] = ports[3] = 0;
	skb->protocol = htons(ETH_P_IP);
	return skb;
}

static u32 flow_hash(u32 saddr, u32 daddr, u8 proto, u16 sport, u16 dport, u16 frag_off,
		     bool *l4)
{
	struct sk_buff *skb = flow_skb(saddr, daddr, proto, sport, dport, frag_off);
	u32 hash;

	if (!skb)
		return 0;
	hash = skb_get_hash(skb);
	if (l4)
		*l4 = skb->l4_hash;
	consume_skb(skb);
	return hash;
}

static int set_rps_cpus(unsigned int queue, const char *mask)
{
	return rps_cpus_store(netdev_rx_queue(rps_dev, queue), mask, strlen(mask));
}

static const char *get_rps_cpus(unsigned int queue, char *buf, size_t size)
{
	rps_cpus_show(netdev_rx_queue(rps_dev, queue), buf, size);
	return buf;
}

static bool need_cpus(unsigned int n)
{
	unsigned int cpu, online = 0;

	for_each_online_cpu(cpu)
		online++;
	return online >= n && nr_cpu_ids == online;
}

/* --- the flow hash ------------------------------------------------------------- */

/*
 * 256 UDP flows from one host, differing only in source port, spread
 * over a 3-CPU map with no CPU getting less than half its share; the 16
 * ports the scenario test sends from reach all three.
 */
static void flow_hash_spreads_flows_over_the_map(struct kunit *test)
{
	unsigned int bucket[3] = { 0 }, few[3] = { 0 };
	unsigned int i;

	for (i = 0; i < 256; i++) {
		u32 h = flow_hash(0x0a000202, 0x0a00020f, IPPROTO_UDP, 40000 + i, 9, 0, NULL);

		KUNIT_ASSERT_NE(test, h, 0);
		bucket[reciprocal_scale(h, 3)]++;
		if (i < 16)
			few[reciprocal_scale(h, 3)]++;
	}
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_GE_MSG(test, bucket[i], 256 / 3 / 2, "CPU slot %u", i);
		KUNIT_EXPECT_GE_MSG(test, few[i], 1, "CPU slot %u of 16 flows", i);
	}
}

/* One flow, one hash, both ways; ports only where the protocol has them and it is no fragment. */
static void flow_hash_is_per_flow_and_symmetric(struct kunit *test)
{
	u32 a = 0x0a000202, b = 0x0a00020f;
	bool l4 = false;
	u32 h = flow_hash(a, b, IPPROTO_UDP, 40001, 7, 0, &l4);

	KUNIT_EXPECT_TRUE(test, l4);
	KUNIT_EXPECT_EQ(test, flow_hash(a, b, IPPROTO_UDP, 40001, 7, 0, NULL), h);
	KUNIT_EXPECT_EQ(test, flow_hash(b, a, IPPROTO_UDP, 7, 40001, 0, NULL), h);
	KUNIT_EXPECT_NE(test, flow_hash(a, b, IPPROTO_UDP, 40002, 7, 0, NULL), h);
	KUNIT_EXPECT_NE(test, flow_hash(a, b, 6 /* TCP */, 40001, 7, 0, NULL), h);
	/* ICMP: addresses only; fragments: no ports. */
	KUNIT_EXPECT_EQ(test, flow_hash(a, b, IPPROTO_ICMP, 1, 2, 0, &l4),
			flow_hash(a, b, IPPROTO_ICMP, 3, 4, 0, NULL));
	KUNIT_EXPECT_FALSE(test, l4);
	KUNIT_EXPECT_EQ(test, flow_hash(a, b, IPPROTO_UDP, 1, 2, IP_MF, NULL),
			flow_hash(a, b, IPPROTO_UDP, 3, 4, IP_MF, NULL));
}

/* --- rps_cpus ------------------------------------------------------------------ */

static void rps_cpus_reads_and_writes_as_linux(struct kunit *test)
{
	char buf[32];
	int needed = READ_ONCE(rps_needed);

	if (!need_cpus(4) || nr_cpu_ids != 4)
		kunit_skip(test, "needs exactly 4 CPUs (-smp 4)");
	KUNIT_EXPECT_STREQ(test, get_rps_cpus(0, buf, sizeof(buf)), "0\n");
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "e\n"), 2);
	KUNIT_EXPECT_STREQ(test, get_rps_cpus(0, buf, sizeof(buf)), "e\n");
	KUNIT_EXPECT_EQ(test, READ_ONCE(rps_needed), needed + 1);
	KUNIT_EXPECT_EQ(test, netdev_rx_queue(rps_dev, 0)->rps_map->len, 3);
	KUNIT_EXPECT_EQ(test, netdev_rx_queue(rps_dev, 0)->rps_map->cpus[0], 1);
	/* Bad text and masks wider than the CPUs change nothing. */
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "zz"), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0x3"), -EINVAL);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "1f"), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "1,0"), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "000000001"), -EOVERFLOW);
	KUNIT_EXPECT_STREQ(test, get_rps_cpus(0, buf, sizeof(buf)), "e\n");
	/* Upper case, leading zeros; the other queue is its own. */
	KUNIT_EXPECT_EQ(test, set_rps_cpus(1, "0000000A"), 8);
	KUNIT_EXPECT_STREQ(test, get_rps_cpus(1, buf, sizeof(buf)), "a\n");
	KUNIT_EXPECT_STREQ(test, get_rps_cpus(0, buf, sizeof(buf)), "e\n");
	/* "0" and empty text turn RPS off. */
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0"), 1);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(1, "\n"), 1);
	KUNIT_EXPECT_STREQ(test, get_rps_cpus(1, buf, sizeof(buf)), "0\n");
	KUNIT_EXPECT_NULL(test, netdev_rx_queue(rps_dev, 0)->rps_map);
	KUNIT_EXPECT_EQ(test, READ_ONCE(rps_needed), needed);
}

static void real_num_rx_queues_bounds_the_queues(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rps_dev->num_rx_queues, 2);
	KUNIT_EXPECT_EQ(test, netif_set_real_num_rx_queues(rps_dev, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, netif_set_real_num_rx_queues(rps_dev, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, netif_set_real_num_rx_queues(rps_dev, 1), 0);
	KUNIT_EXPECT_NULL(test, netdev_rx_queue(rps_dev, 1));
	KUNIT_EXPECT_EQ(test, netif_set_real_num_rx_queues(rps_dev, 2), 0);
	KUNIT_EXPECT_NOT_NULL(test, netdev_rx_queue(rps_dev, 1));
}

static const struct net_device_ops rps_reg_ops;

static ssize_t sysfs_write_text(const char *path, const char *text)
{
	struct kernfs_node *kn = kernfs_find_and_get(&sysfs_kernfs_root, path);
	ssize_t n;

	if (!kn)
		return -ENOENT;
	n = kernfs_write(kn, text, strlen(text));
	kernfs_put(kn);
	return n;
}

/*
 * A registered device has /sys/class/net/DEV/queues/rx-N/rps_cpus for each
 * queue in use, mode 0644, reading and writing the queue's map; the files
 * follow netif_set_real_num_rx_queues() and go with the device.
 */
static void rps_cpus_files_follow_the_queues_in_use(struct kunit *test)
{
	static const char rx0[] = "class/net/rpsreg/queues/rx-0/rps_cpus";
	static const char rx1[] = "class/net/rpsreg/queues/rx-1/rps_cpus";
	struct net_device *dev = alloc_netdev_mqs(0, "rpsreg", 1, 2);
	struct kernfs_node *kn;
	char buf[32];
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->netdev_ops = &rps_reg_ops;
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	kn = kernfs_find_and_get(&sysfs_kernfs_root, rx1);
	KUNIT_EXPECT_NOT_NULL(test, kn);
	if (kn) {
		KUNIT_EXPECT_EQ(test, kn->mode & 0777, 0644);
		kernfs_put(kn);
	}
	n = sysfs_read(rx0, buf, sizeof(buf) - 1);
	KUNIT_ASSERT_GT(test, n, 0);
	buf[n] = '\0';
	/* "%*pb" of the empty mask: one zero per 4 CPUs in the top word. */
	if (nr_cpu_ids <= 32) {
		char want[16];

		snprintf(want, sizeof(want), "%0*x\n", (int)DIV_ROUND_UP(nr_cpu_ids, 4), 0);
		KUNIT_EXPECT_STREQ(test, buf, want);
	}
	KUNIT_EXPECT_EQ(test, sysfs_write_text(rx0, "1\n"), 2);
	KUNIT_EXPECT_NOT_NULL(test, netdev_rx_queue(dev, 0)->rps_map);
	KUNIT_EXPECT_EQ(test, sysfs_write_text(rx0, "x"), -EINVAL);
	KUNIT_EXPECT_EQ(test, sysfs_write_text(rx0, "0"), 1);
	KUNIT_EXPECT_NULL(test, netdev_rx_queue(dev, 0)->rps_map);
	KUNIT_EXPECT_EQ(test, netif_set_real_num_rx_queues(dev, 1), 0);
	KUNIT_EXPECT_EQ(test, sysfs_read(rx1, buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, netif_set_real_num_rx_queues(dev, 2), 0);
	KUNIT_EXPECT_GT(test, sysfs_read(rx1, buf, sizeof(buf)), 0);
	unregister_netdev(dev);
	KUNIT_EXPECT_EQ(test, sysfs_read(rx0, buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, sysfs_read(rx1, buf, sizeof(buf)), -ENOENT);
	free_netdev(dev);
}

/* --- steering ------------------------------------------------------------------ */

/* Hands @n frames to netif_receive_skb() as a NAPI poll would; returns the CPU it ran on. */
static unsigned int receive_frames(struct kunit *test, unsigned int n, u32 hash, int queue)
{
	unsigned int cpu, i;

	local_bh_disable();
	cpu = smp_processor_id();
	for (i = 0; i < n; i++) {
		struct sk_buff *skb = rps_test_skb();

		if (!skb)
			break;
		if (hash) {
			skb->hash = hash;
			skb->l4_hash = 1;	/* as a NIC's RSS hash: skb_get_hash() keeps it */
		}
		if (queue >= 0)
			skb_record_rx_queue(skb, queue);
		netif_receive_skb(skb);
	}
	local_bh_enable();
	return cpu;
}

/*
 * A one-CPU map sends every frame to that CPU: for a remote one, its
 * backlog is scheduled by the IPI (received_rps there grows) and the
 * frames are delivered there, in its NET_RX softirq.
 */
static void rps_delivers_on_each_cpu_of_the_map(struct kunit *test)
{
	unsigned int target;
	char mask[8];

	if (!need_cpus(2))
		kunit_skip(test, "needs 2 CPUs or more");
	for_each_online_cpu(target) {
		unsigned int rps0 = per_cpu(softnet_data, target).received_rps;
		unsigned int processed0 = per_cpu(softnet_data, target).processed;
		unsigned int self;

		snprintf(mask, sizeof(mask), "%x", 1U << target);
		KUNIT_ASSERT_GT(test, set_rps_cpus(0, mask), 0);
		delivered_reset();
		self = receive_frames(test, 20, 0, -1);
		KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 20));
		KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(delivered[target]), 20, "to CPU %u", target);
		KUNIT_EXPECT_EQ(test, READ_ONCE(delivered_outside_softirq), 0);
		KUNIT_EXPECT_GE(test, per_cpu(softnet_data, target).processed - processed0, 20);
		if (target != self)
			KUNIT_EXPECT_GE_MSG(test, per_cpu(softnet_data, target).received_rps - rps0, 1,
					    "received_rps of CPU %u", target);
	}
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0"), 1);
}

/* map[reciprocal_scale(hash, len)]: three hashes, one per third of the range, three CPUs. */
static void rps_map_picks_the_cpu_by_hash(struct kunit *test)
{
	static const u32 hashes[3] = { 0x10000000, 0x60000000, 0xb0000000 };
	unsigned int i;

	if (!need_cpus(4))
		kunit_skip(test, "needs 4 CPUs (-smp 4)");
	KUNIT_ASSERT_GT(test, set_rps_cpus(0, "e"), 0);
	for (i = 0; i < 3; i++) {
		delivered_reset();
		receive_frames(test, 5, hashes[i], -1);
		KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 5));
		KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(delivered[i + 1]), 5, "hash %#x", hashes[i]);
	}
	/* A frame recorded on queue 1 follows queue 1's map, not queue 0's. */
	KUNIT_ASSERT_GT(test, set_rps_cpus(1, "2"), 0);
	delivered_reset();
	receive_frames(test, 5, hashes[2], 1);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 5));
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered[1]), 5);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0"), 1);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(1, "0"), 1);
}

/* No map: netif_receive_skb() delivers before it returns, on the calling CPU. */
static void no_map_delivers_directly(struct kunit *test)
{
	unsigned int processed0, backlog, cpu;
	struct sk_buff *skb = rps_test_skb();

	KUNIT_ASSERT_NOT_NULL(test, skb);
	delivered_reset();
	local_bh_disable();
	cpu = smp_processor_id();
	processed0 = per_cpu(softnet_data, cpu).processed;
	netif_receive_skb(skb);
	backlog = softnet_backlog_len(this_cpu_ptr(&softnet_data));
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered[cpu]), 1);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, backlog, 0);
	KUNIT_EXPECT_EQ(test, per_cpu(softnet_data, cpu).processed - processed0, 1);
}

/* netif_rx() from a hard IRQ (an IPI's function on CPU a) to CPU b's backlog. */
struct rx_from_irq {
	struct sk_buff *skb;
	int ret;
	bool hardirq;
};

static void netif_rx_in_irq(void *info)
{
	struct rx_from_irq *r = info;

	r->hardirq = in_hardirq();
	r->ret = netif_rx(r->skb);
}

static void netif_rx_from_hardirq_reaches_the_rps_cpu(struct kunit *test)
{
	struct rx_from_irq r = { 0 };
	unsigned int a, b, self;
	char mask[8];

	if (!need_cpus(3))
		kunit_skip(test, "needs 3 CPUs or more");
	preempt_disable();
	self = smp_processor_id();
	preempt_enable();
	a = cpumask_next(self, cpu_online_mask) < nr_cpu_ids ?
	    cpumask_next(self, cpu_online_mask) : cpumask_first(cpu_online_mask);
	b = cpumask_next(a, cpu_online_mask) < nr_cpu_ids ?
	    cpumask_next(a, cpu_online_mask) : cpumask_first(cpu_online_mask);
	KUNIT_ASSERT_NE(test, a, b);
	snprintf(mask, sizeof(mask), "%x", 1U << b);
	KUNIT_ASSERT_GT(test, set_rps_cpus(0, mask), 0);
	delivered_reset();
	r.skb = rps_test_skb();
	KUNIT_ASSERT_NOT_NULL(test, r.skb);
	KUNIT_ASSERT_EQ(test, smp_call_function_single(a, netif_rx_in_irq, &r, 1), 0);
	KUNIT_EXPECT_TRUE(test, r.hardirq);
	KUNIT_EXPECT_EQ(test, r.ret, NET_RX_SUCCESS);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 1));
	KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(delivered[b]), 1, "from CPU %u to CPU %u", a, b);
	/* Without a map, the hard IRQ's own CPU processes it, in NET_RX. */
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0"), 1);
	delivered_reset();
	r.skb = rps_test_skb();
	KUNIT_ASSERT_NOT_NULL(test, r.skb);
	KUNIT_ASSERT_EQ(test, smp_call_function_single(a, netif_rx_in_irq, &r, 1), 0);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 1));
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered[a]), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered_outside_softirq), 0);
}

/*
 * With NET_RX held off, this CPU's backlog takes netdev_max_backlog + 1
 * frames and drops the rest, each counted (softnet_stat dropped, the
 * CPU_BACKLOG reason, the device's rx_dropped); once NET_RX runs, every
 * queued frame is delivered.
 */
static void backlog_limit_drops_and_counts(struct kunit *test)
{
	unsigned int limit = netdev_max_backlog + 1, extra = 50, i, queued = 0, cpu, len;
	unsigned long reason0 = skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG);
	struct rtnl_link_stats64 st;
	u64 core0 = dev_get_stats(rps_dev, &st)->rx_dropped, slot0;
	unsigned int dropped0;

	delivered_reset();
	local_bh_disable();
	cpu = smp_processor_id();
	dropped0 = per_cpu(softnet_data, cpu).dropped;
	slot0 = READ_ONCE(rps_dev->core_stats[cpu].rx_dropped);
	for (i = 0; i < limit + extra; i++) {
		struct sk_buff *skb = rps_test_skb();

		if (!skb)
			break;
		queued += netif_rx(skb) == NET_RX_SUCCESS;
	}
	len = softnet_backlog_len(this_cpu_ptr(&softnet_data));
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, i, limit + extra);
	KUNIT_EXPECT_EQ(test, queued, limit);
	KUNIT_EXPECT_EQ(test, len, limit);
	KUNIT_EXPECT_EQ(test, per_cpu(softnet_data, cpu).dropped - dropped0, extra);
	KUNIT_EXPECT_EQ(test, skb_drop_count(SKB_DROP_REASON_CPU_BACKLOG) - reason0, extra);
	KUNIT_EXPECT_EQ(test, dev_get_stats(rps_dev, &st)->rx_dropped - core0, extra);
	/* The core's drop counts are per CPU: this CPU's slot holds them. */
	KUNIT_EXPECT_EQ(test, READ_ONCE(rps_dev->core_stats[cpu].rx_dropped) - slot0, extra);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == limit));
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered[cpu]), limit);
	KUNIT_EXPECT_EQ(test, softnet_backlog_len(&per_cpu(softnet_data, cpu)), 0);
}

/* A CPU held in an IPI handler with interrupts off: it runs no NET_RX until released. */
static bool hold_release, hold_running;

static void hold_cpu(void *info)
{
	WRITE_ONCE(hold_running, true);
	kunit_spin_until(READ_ONCE(hold_release), KUNIT_HANG_MS);
	WRITE_ONCE(hold_running, false);
}

/*
 * dev_cpu_dead() on a CPU that runs no NET_RX (held in an IPI handler,
 * and out of cpu_online_mask meanwhile, as a dead one would be): the
 * frames queued to its backlog are delivered here instead, its
 * backlog is left empty and idle, and once it runs again a frame steered
 * to it is processed there as before.
 */
static void dev_cpu_dead_moves_the_backlog_here(struct kunit *test)
{
	/* With the map {0, 1}: the first hash picks CPU 0, the second CPU 1. */
	static const u32 hash_of[2] = { 0x10000000, 0xc0000000 };
	unsigned int self, target, backlog = 0, early = 0, rps0;
	bool held;

	if (!need_cpus(2))
		kunit_skip(test, "needs 2 CPUs or more");
	KUNIT_ASSERT_GT(test, set_rps_cpus(0, "3"), 0);
	delivered_reset();
	/* No sleeping from here to the release: this task must stay on this CPU. */
	preempt_disable();
	self = smp_processor_id();
	target = self ? 0 : 1;
	rps0 = READ_ONCE(per_cpu(softnet_data, target).received_rps);
	WRITE_ONCE(hold_release, false);
	held = !smp_call_function_single(target, hold_cpu, NULL, 0) &&
	       kunit_spin_until(READ_ONCE(hold_running), KUNIT_HANG_MS);
	if (held) {
		receive_frames(test, 10, hash_of[target], -1);
		backlog = softnet_backlog_len(&per_cpu(softnet_data, target));
		early = READ_ONCE(delivered_total);
		/*
		 * As CPU hotplug would: the CPU leaves cpu_online_mask, so RPS
		 * no longer picks it, then its backlog is moved. It is back in
		 * the mask before anything here can sleep.
		 */
		set_cpu_online(target, false);
		dev_cpu_dead(target);
		set_cpu_online(target, true);
	}
	WRITE_ONCE(hold_release, true);
	kunit_spin_until(!READ_ONCE(hold_running), KUNIT_HANG_MS);
	preempt_enable();
	KUNIT_ASSERT_TRUE(test, held);
	KUNIT_EXPECT_EQ(test, backlog, 10);
	KUNIT_EXPECT_EQ(test, early, 0);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 10));
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered[self]), 10);
	KUNIT_EXPECT_EQ(test, softnet_backlog_len(&per_cpu(softnet_data, target)), 0);
	KUNIT_EXPECT_EQ(test, per_cpu(softnet_data, target).backlog.state, 0);
	/*
	 * The IPI sent to the held CPU for the first frames is still queued
	 * there and runs once it is released (a CPU going offline would run
	 * it before dev_cpu_dead()): it puts the emptied backlog on that
	 * CPU's poll list, and NET_RX there takes it off again. Steering to
	 * the CPU before then would schedule the instance a second time
	 * while it is still listed, so wait for both.
	 */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(
		READ_ONCE(per_cpu(softnet_data, target).received_rps) != rps0 &&
		list_empty(&per_cpu(softnet_data, target).poll_list)));
	/* Running again, the CPU takes what RPS steers to it. */
	delivered_reset();
	receive_frames(test, 3, hash_of[target], -1);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 3));
	KUNIT_EXPECT_EQ(test, READ_ONCE(delivered[target]), 3);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0"), 1);
}

/* The chain, innermost first, that the trace at process_backlog must contain in order. */
static const char * const backlog_chain[] = {
	"process_backlog+", "__napi_poll+", "net_rx_action+", "handle_softirqs+",
};

/* @log is NUL-terminated; the last trace at process_backlog is the one looked at. */
static bool trace_has_chain(const char *log)
{
	const char *marker = "stacktrace: process_backlog\n", *p = NULL, *q;
	unsigned int i;

	for (q = log; (q = strstr(q, marker)); q++)
		p = q;
	if (!p)
		return false;
	for (i = 0; i < ARRAY_SIZE(backlog_chain); i++) {
		p = strstr(p, backlog_chain[i]);
		if (!p)
			return false;
	}
	return true;
}

/* Traced on the remote CPU, process_backlog reads as Linux's: polled by net_rx_action. */
static void trace_at_process_backlog_shows_net_rx_action(struct kunit *test)
{
	size_t size = 16384, n;
	unsigned int self, target;
	char mask[8], *log;

	if (!need_cpus(2))
		kunit_skip(test, "needs 2 CPUs or more");
	preempt_disable();
	self = smp_processor_id();
	preempt_enable();
	target = self ? 0 : 1;
	snprintf(mask, sizeof(mask), "%x", 1U << target);
	KUNIT_ASSERT_GT(test, set_rps_cpus(0, mask), 0);
	KUNIT_ASSERT_EQ(test, ftrace_stacktrace_arm("process_backlog", 1), 0);
	delivered_reset();
	receive_frames(test, 1, 0, -1);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(delivered_total) == 1));
	ftrace_stacktrace_arm("process_backlog", 0);
	KUNIT_EXPECT_EQ(test, set_rps_cpus(0, "0"), 1);
	log = kmalloc(size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log);
	n = log_buf_copy(log, size);
	log[n] = '\0';
	KUNIT_EXPECT_TRUE(test, trace_has_chain(log));
	kfree(log);
}

/* No driver behind it: dev_get_stats() reads dev->stats and the core's drops. */
static const struct net_device_ops rps_test_ops;

static int rps_test_suite_init(struct kunit_suite *suite)
{
	rps_dev = alloc_netdev_mqs(0, "rpstest", 1, 2);
	if (!rps_dev)
		return -ENOMEM;
	rps_dev->netdev_ops = &rps_test_ops;
	set_bit(__LINK_STATE_START, &rps_dev->state);	/* running, for the backlog */
	dev_add_pack(&rps_test_pt);
	return 0;
}

static struct kunit_case rps_test_cases[] = {
	KUNIT_CASE(flow_hash_spreads_flows_over_the_map),
	KUNIT_CASE(flow_hash_is_per_flow_and_symmetric),
	KUNIT_CASE(rps_cpus_reads_and_writes_as_linux),
	KUNIT_CASE(real_num_rx_queues_bounds_the_queues),
	KUNIT_CASE(rps_cpus_files_follow_the_queues_in_use),
	KUNIT_CASE(rps_delivers_on_each_cpu_of_the_map),
	KUNIT_CASE(rps_map_picks_the_cpu_by_hash),
	KUNIT_CASE(no_map_delivers_directly),
	KUNIT_CASE(netif_rx_from_hardirq_reaches_the_rps_cpu),
	KUNIT_CASE(backlog_limit_drops_and_counts),
	KUNIT_CASE(dev_cpu_dead_moves_the_backlog_here),
	KUNIT_CASE(trace_at_process_backlog_shows_net_rx_action),
	{}
};

static struct kunit_suite rps_test_suite = {
	.name = "rps",
	.suite_init = rps_test_suite_init,
	.test_cases = rps_test_cases,
};
kunit_test_suite(rps_test_suite);
