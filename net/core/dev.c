// SPDX-License-Identifier: MIT
/*
 * The device core and NAPI. Devices register here and get their names;
 * received frames enter the stack through netif_receive_skb(), which
 * hands each to the protocol registered for its EtherType; frames leave
 * through dev_queue_xmit() to the driver's ndo_start_xmit().
 *
 * NAPI is Linux's: a driver's interrupt handler masks the device and
 * calls napi_schedule(), which puts the napi_struct on this CPU's
 * softnet_data.poll_list and raises NET_RX_SOFTIRQ; net_rx_action()
 * then polls each instance for up to its weight (64) of frames, for at
 * most netdev_budget (300) frames and netdev_budget_usecs (2 ms) in
 * all, counting a time squeeze when it stops with work left. A poll that
 * used less than its weight calls napi_complete_done() and the driver
 * unmasks; one that used it all stays on the list.
 *
 * Each CPU has a backlog (softnet_data.input_pkt_queue), processed by a
 * NAPI instance of its own (sd->backlog, polled by process_backlog()).
 * netif_rx(), the hard-IRQ entry, always queues there. Receive Packet
 * Steering uses it to move work between CPUs, as Linux's: when a
 * frame's receive queue has an rps_map, get_rps_cpu() picks a CPU from
 * it by the frame's flow hash and enqueue_to_backlog() queues the frame
 * to that CPU's backlog. Scheduling a remote CPU's backlog cannot touch
 * its poll list; the queuing CPU puts the remote softnet_data on its own
 * rps_ipi_list instead, and its net_rx_action() ends by sending each an
 * IPI (net_rps_action_and_irq_enable()), whose handler
 * rps_trigger_softirq() schedules the backlog on the remote CPU:
 *
 *   CPU0 (the NIC's IRQ)                      CPU2 (in rps_cpus)
 *   net_rx_action
 *    e1000_clean -> netif_receive_skb
 *     get_rps_cpu: 2
 *     enqueue_to_backlog(2): queue, and
 *      sd2 on CPU0's rps_ipi_list
 *    net_rps_action_and_irq_enable:
 *     smp_call_function_single_async(2) ---->  rps_trigger_softirq:
 *                                               backlog on CPU2's poll_list,
 *                                               NET_RX raised
 *                                              net_rx_action
 *                                               process_backlog
 *                                                __netif_receive_skb
 *
 * Without an rps_map, netif_receive_skb() delivers at once, as Linux
 * without RPS.
 *
 * Protocol handlers and drivers are not this file's: see net/ipv4/ and
 * drivers/net/. /proc/net/dev and softnet_stat are in net-procfs.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/sched/clock.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/bottom_half.h>
#include <linux/smp.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <linux/spinlock.h>
#include <trace/events/napi.h>
#include <trace/events/net.h>

DEFINE_PER_CPU(struct softnet_data, softnet_data);

int netdev_budget = 300;
unsigned int netdev_budget_usecs = 2000;
int netdev_max_backlog = 1000;
int weight_p = 64;
int dev_rx_weight = 64;		/* weight_p times dev_weight_rx_bias (1) */
int rps_needed;
bool netdev_napi_off;

static int __init napi_setup(char *arg)
{
	if (!strcmp(arg, "off"))
		netdev_napi_off = true;
	else if (!strcmp(arg, "on"))
		netdev_napi_off = false;
	else
		return -EINVAL;
	return 0;
}
__setup("reflex.napi=", napi_setup);

/*
 * In Linux this is net/core/utils.c's; here, since that file is also
 * built on the host. The window is shared by every CPU the stack runs
 * on, so it is kept under a lock; as Linux's ___ratelimit(), a CPU that
 * finds the lock taken does not wait for it and prints nothing.
 */
bool net_ratelimit(void)
{
	static DEFINE_SPINLOCK(lock);
	static u64 window_start;
	static unsigned int printed;
	unsigned long flags;
	bool ok;

	local_irq_save(flags);
	if (!spin_trylock(&lock)) {
		local_irq_restore(flags);
		return false;
	}
	ok = __printk_ratelimit(&window_start, &printed);
	spin_unlock_irqrestore(&lock, flags);
	return ok;
}

static LIST_HEAD(net_devices);
static LIST_HEAD(ptype_base);
static int dev_ifindex;

/* --- devices ---------------------------------------------------------------- */

static int netif_alloc_rx_queues(struct net_device *dev, unsigned int count)
{
	unsigned int i;

	dev->_rx = kzalloc(count * sizeof(*dev->_rx), GFP_KERNEL);
	if (!dev->_rx)
		return -ENOMEM;
	for (i = 0; i < count; i++) {
		dev->_rx[i].dev = dev;
		dev->_rx[i].index = i;
	}
	dev->num_rx_queues = dev->real_num_rx_queues = count;
	return 0;
}

struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name_fmt,
				    unsigned int txqs, unsigned int rxqs)
{
	struct net_device *dev;
	unsigned int i;

	if (txqs < 1 || rxqs < 1) {
		pr_err("alloc_netdev: Unable to allocate device with zero queues\n");
		return NULL;
	}
	dev = kzalloc(sizeof(*dev) + sizeof_priv, GFP_KERNEL);
	if (!dev)
		return NULL;
	dev->core_stats = kcalloc(nr_cpu_ids, sizeof(*dev->core_stats), GFP_KERNEL);
	dev->_tx = kcalloc(txqs, sizeof(*dev->_tx), GFP_KERNEL);
	if (!dev->core_stats || !dev->_tx || netif_alloc_rx_queues(dev, rxqs)) {
		free_netdev(dev);
		return NULL;
	}
	for (i = 0; i < txqs; i++) {
		struct netdev_queue *txq = &dev->_tx[i];

		txq->dev = dev;
		spin_lock_init(&txq->_xmit_lock);
		txq->xmit_lock_owner = -1;
	}
	dev->num_tx_queues = dev->real_num_tx_queues = txqs;
	strscpy(dev->name, name_fmt, sizeof(dev->name));
	dev->priv = dev + 1;
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_LIST_HEAD(&dev->napi_list);
	set_bit(__LINK_STATE_NOCARRIER, &dev->state);
	return dev;
}

int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq)
{
	if (txq < 1 || txq > dev->num_tx_queues)
		return -EINVAL;
	WRITE_ONCE(dev->real_num_tx_queues, txq);
	return 0;
}

void free_netdev(struct net_device *dev)
{
	unsigned int i;

	if (!dev)
		return;
	for (i = 0; i < dev->num_rx_queues; i++)
		if (dev->_rx[i].rps_map) {
			kfree(dev->_rx[i].rps_map);
			__atomic_fetch_sub(&rps_needed, 1, __ATOMIC_RELAXED);
		}
	kfree(dev->_rx);
	kfree(dev->_tx);
	kfree(dev->core_stats);
	kfree(dev);
}

struct netdev_rx_queue *netdev_rx_queue(struct net_device *dev, unsigned int index)
{
	return index < dev->real_num_rx_queues ? &dev->_rx[index] : NULL;
}

/*
 * As Linux's: a registered device's queue files follow the count (before
 * register_netdev() has finished, it creates them); the maps of queues
 * taken out of use stay, unused, until the device is freed.
 */
int netif_set_real_num_rx_queues(struct net_device *dev, unsigned int rxq)
{
	unsigned int old = dev->real_num_rx_queues;

	if (rxq < 1 || rxq > dev->num_rx_queues)
		return -EINVAL;
	if (netif_running(dev))
		net_rx_queue_update_sysfs(dev, old, rxq);
	WRITE_ONCE(dev->real_num_rx_queues, rxq);
	return 0;
}

/* "eth%d" becomes the first free ethN, as Linux's dev_alloc_name(). */
static int dev_alloc_name(struct net_device *dev)
{
	char *pct = strstr(dev->name, "%d");
	char name[IFNAMSIZ];
	int i;

	if (!pct)
		return dev_get_by_name(dev->name) ? -EEXIST : 0;
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "%.*s%d", (int)(pct - dev->name), dev->name, i);
		if (!dev_get_by_name(name)) {
			strscpy(dev->name, name, sizeof(dev->name));
			return 0;
		}
	}
	return -ENFILE;
}

int register_netdev(struct net_device *dev)
{
	int err = dev_alloc_name(dev);

	if (err)
		return err;
	dev->ifindex = ++dev_ifindex;
	list_add_tail(&dev->dev_list, &net_devices);
	if (dev->netdev_ops->ndo_open) {
		err = dev->netdev_ops->ndo_open(dev);
		if (err) {
			list_del(&dev->dev_list);
			return err;
		}
	}
	set_bit(__LINK_STATE_START, &dev->state);
	dev->flags |= IFF_UP;
	if (!(dev->flags & IFF_LOOPBACK))
		dev->flags |= IFF_BROADCAST | IFF_MULTICAST;
	net_rx_queue_update_sysfs(dev, 0, dev->real_num_rx_queues);
	netdev_update_sysfs(dev, true);
	return 0;
}

void unregister_netdev(struct net_device *dev)
{
	netdev_update_sysfs(dev, false);
	net_rx_queue_update_sysfs(dev, dev->real_num_rx_queues, 0);
	clear_bit(__LINK_STATE_START, &dev->state);
	if (dev->netdev_ops->ndo_stop)
		dev->netdev_ops->ndo_stop(dev);
	dev->flags &= ~(IFF_UP | IFF_RUNNING);
	list_del(&dev->dev_list);
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

struct net_device *dev_get_by_index(int ifindex)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

struct net_device *first_net_device(void)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (!(dev->flags & IFF_LOOPBACK))
			return dev;
	return NULL;
}

/* Linux's netdev_stats_to_stats64(). */
static void netdev_stats_to_stats64(struct rtnl_link_stats64 *s64,
				    const struct net_device_stats *s)
{
	s64->rx_packets = READ_ONCE(s->rx_packets);
	s64->tx_packets = READ_ONCE(s->tx_packets);
	s64->rx_bytes = READ_ONCE(s->rx_bytes);
	s64->tx_bytes = READ_ONCE(s->tx_bytes);
	s64->rx_errors = READ_ONCE(s->rx_errors);
	s64->tx_errors = READ_ONCE(s->tx_errors);
	s64->rx_dropped = READ_ONCE(s->rx_dropped);
	s64->tx_dropped = READ_ONCE(s->tx_dropped);
	s64->multicast = READ_ONCE(s->multicast);
	s64->collisions = READ_ONCE(s->collisions);
	s64->rx_length_errors = READ_ONCE(s->rx_length_errors);
	s64->rx_over_errors = READ_ONCE(s->rx_over_errors);
	s64->rx_crc_errors = READ_ONCE(s->rx_crc_errors);
	s64->rx_frame_errors = READ_ONCE(s->rx_frame_errors);
	s64->rx_fifo_errors = READ_ONCE(s->rx_fifo_errors);
	s64->rx_missed_errors = READ_ONCE(s->rx_missed_errors);
	s64->tx_aborted_errors = READ_ONCE(s->tx_aborted_errors);
	s64->tx_carrier_errors = READ_ONCE(s->tx_carrier_errors);
	s64->tx_fifo_errors = READ_ONCE(s->tx_fifo_errors);
	s64->tx_heartbeat_errors = READ_ONCE(s->tx_heartbeat_errors);
	s64->tx_window_errors = READ_ONCE(s->tx_window_errors);
	s64->rx_compressed = READ_ONCE(s->rx_compressed);
	s64->tx_compressed = READ_ONCE(s->tx_compressed);
}

/*
 * Linux's dev_get_stats(): the driver's counters (ndo_get_stats64 sums
 * its queues'), then the core's per-CPU drops, each CPU's slot read once.
 */
struct rtnl_link_stats64 *dev_get_stats(struct net_device *dev,
					struct rtnl_link_stats64 *storage)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	unsigned int cpu;

	memset(storage, 0, sizeof(*storage));
	if (ops->ndo_get_stats64)
		ops->ndo_get_stats64(dev, storage);
	else if (ops->ndo_get_stats)
		netdev_stats_to_stats64(storage, ops->ndo_get_stats(dev));
	else
		netdev_stats_to_stats64(storage, &dev->stats);
	for_each_possible_cpu(cpu) {
		const struct net_device_core_stats *c = &dev->core_stats[cpu];

		storage->rx_dropped += READ_ONCE(c->rx_dropped);
		storage->tx_dropped += READ_ONCE(c->tx_dropped);
	}
	return storage;
}

void netif_carrier_on(struct net_device *dev)
{
	if (test_and_clear_bit(__LINK_STATE_NOCARRIER, &dev->state))
		dev->flags |= IFF_RUNNING;
}

void netif_carrier_off(struct net_device *dev)
{
	if (!test_and_set_bit(__LINK_STATE_NOCARRIER, &dev->state))
		dev->flags &= ~IFF_RUNNING;
}

/* --- receiving -------------------------------------------------------------- */

void dev_add_pack(struct packet_type *pt)
{
	list_add_tail(&pt->list, &ptype_base);
}

void dev_remove_pack(struct packet_type *pt)
{
	list_del(&pt->list);
}

/*
 * One frame to the handler of its EtherType. Linux counts a frame nobody
 * takes in the device's core rx_dropped, which /proc/net/dev adds in.
 */
static noinline int __netif_receive_skb(struct sk_buff *skb)
{
	struct packet_type *pt;

	trace_netif_receive_skb(skb);
	this_cpu_inc(softnet_data.processed);
	list_for_each_entry(pt, &ptype_base, list)
		if (pt->type == skb->protocol)
			return pt->func(skb, skb->dev);
	dev_core_stats_rx_dropped_inc(skb->dev);
	kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
	return NET_RX_DROP;
}

/* --- Receive Packet Steering ---------------------------------------------------- */

static inline void ____napi_schedule(struct softnet_data *sd, struct napi_struct *n);

/*
 * The backlog's lock is its input queue's. Every CPU that queues to a
 * backlog takes it with interrupts off, since netif_rx() queues from
 * hard IRQs.
 */
static inline void rps_lock_irqsave(struct softnet_data *sd, unsigned long *flags)
{
	spin_lock_irqsave(&sd->input_pkt_queue.lock, *flags);
}

static inline void rps_unlock_irq_restore(struct softnet_data *sd, unsigned long *flags)
{
	spin_unlock_irqrestore(&sd->input_pkt_queue.lock, *flags);
}

/*
 * The CPU RPS sends @skb to, or -1: process it here. The frame's queue
 * (recorded by a multi-queue driver, else queue 0) has no map, the
 * picked CPU is offline, or the flow has no hash.
 *
 * reflex has no RCU: the map is read with interrupts off, and a writer
 * frees a replaced map only after every CPU has taken an IPI since the
 * swap (synchronize_net()), which none can do while inside here.
 */
static int get_rps_cpu(struct net_device *dev, struct sk_buff *skb)
{
	struct netdev_rx_queue *rxqueue = dev->_rx;
	unsigned long flags;
	struct rps_map *map;
	int cpu = -1;
	u32 hash;

	if (skb_rx_queue_recorded(skb)) {
		u16 index = skb_get_rx_queue(skb);

		if (unlikely(index >= READ_ONCE(dev->real_num_rx_queues))) {
			WARN_ONCE(dev->real_num_rx_queues > 1,
				  "%s received packet on queue %u, but number of RX queues is %u\n",
				  dev->name, index, dev->real_num_rx_queues);
			return -1;
		}
		rxqueue += index;
	}
	if (!READ_ONCE(rxqueue->rps_map))
		return -1;
	skb_reset_network_header(skb);
	hash = skb_get_hash(skb);
	if (!hash)
		return -1;
	local_irq_save(flags);
	map = READ_ONCE(rxqueue->rps_map);
	if (map) {
		u16 tcpu = map->cpus[reciprocal_scale(hash, map->len)];

		if (cpu_online(tcpu))
			cpu = tcpu;
	}
	local_irq_restore(flags);
	return cpu;
}

/* Waits until no CPU can still be reading a map replaced before the call. */
static void synchronize_net_noop(void *info)
{
}

void synchronize_net(void)
{
	on_each_cpu(synchronize_net_noop, NULL, 1);
}

/*
 * The IPI from the CPU that queued to this CPU's backlog: hard IRQ. The
 * backlog goes on this CPU's poll list and NET_RX runs on the way out.
 */
static void rps_trigger_softirq(void *data)
{
	struct softnet_data *sd = data;

	____napi_schedule(sd, &sd->backlog);
	sd->received_rps++;
}

/*
 * Schedules @sd's backlog, which the caller found idle and claimed
 * (SCHED) under the backlog's lock; interrupts are off. Another CPU's
 * backlog is put on this CPU's rps_ipi_list for the IPI at the end of
 * net_rx_action(), raising NET_RX here unless net_rx_action() is running
 * and will send it anyway. 1 when an IPI is due.
 */
static int napi_schedule_rps(struct softnet_data *sd)
{
	struct softnet_data *mysd = this_cpu_ptr(&softnet_data);

	if (sd != mysd) {
		sd->rps_ipi_next = mysd->rps_ipi_list;
		mysd->rps_ipi_list = sd;
		if (!mysd->in_net_rx_action)
			__raise_softirq_irqoff(NET_RX_SOFTIRQ);
		return 1;
	}
	____napi_schedule(mysd, &mysd->backlog);
	return 0;
}

/*
 * Queues @skb to @cpu's backlog, scheduling the backlog when it was
 * empty. A backlog holding more than netdev_max_backlog frames, or a
 * device that is down, drops the frame: counted in that CPU's
 * softnet_stat dropped column and the device's rx_dropped.
 */
static int enqueue_to_backlog(struct sk_buff *skb, int cpu)
{
	enum skb_drop_reason reason = SKB_DROP_REASON_DEV_READY;
	struct softnet_data *sd = &per_cpu(softnet_data, cpu);
	unsigned long flags;
	unsigned int qlen;

	rps_lock_irqsave(sd, &flags);
	if (!netif_running(skb->dev))
		goto drop;
	qlen = skb_queue_len(&sd->input_pkt_queue);
	if (qlen <= (unsigned int)READ_ONCE(netdev_max_backlog)) {
		/*
		 * An empty input queue with SCHED clear: the backlog is idle
		 * and this CPU claims it. The lock makes the plain
		 * test-and-set safe: process_backlog() clears SCHED under it.
		 */
		if (!qlen && !test_bit(NAPI_STATE_SCHED, &sd->backlog.state)) {
			__set_bit(NAPI_STATE_SCHED, &sd->backlog.state);
			napi_schedule_rps(sd);
		}
		__skb_queue_tail(&sd->input_pkt_queue, skb);
		rps_unlock_irq_restore(sd, &flags);
		return NET_RX_SUCCESS;
	}
	reason = SKB_DROP_REASON_CPU_BACKLOG;
drop:
	sd->dropped++;
	rps_unlock_irq_restore(sd, &flags);
	dev_core_stats_rx_dropped_inc(skb->dev);
	kfree_skb_reason(skb, reason);
	return NET_RX_DROP;
}

static bool sd_has_rps_ipi_waiting(struct softnet_data *sd)
{
	return sd->rps_ipi_list != NULL;
}

/* Kicks each backlog on the list into NET_RX on its own CPU. */
static void net_rps_send_ipi(struct softnet_data *remsd)
{
	while (remsd) {
		struct softnet_data *next = remsd->rps_ipi_next;

		if (cpu_online(remsd->cpu))
			smp_call_function_single_async(remsd->cpu, &remsd->csd);
		remsd = next;
	}
}

/* Called with interrupts off; sends what this CPU owes other CPUs with them on. */
static void net_rps_action_and_irq_enable(struct softnet_data *sd)
{
	struct softnet_data *remsd = sd->rps_ipi_list;

	if (remsd) {
		sd->rps_ipi_list = NULL;
		local_irq_enable();
		net_rps_send_ipi(remsd);
	} else {
		local_irq_enable();
	}
}

/*
 * The backlog's NAPI poll, on the backlog's own CPU: frames move from
 * input_pkt_queue (shared, locked) to process_queue (this CPU's) a batch
 * at a time and are delivered from there, at most @quota. An empty
 * backlog completes under the lock, so a CPU queueing to it next sees
 * SCHED clear and schedules it again.
 */
static noinline __noclone int process_backlog(struct napi_struct *napi, int quota)
{
	struct softnet_data *sd = container_of(napi, struct softnet_data, backlog);
	bool again = true;
	int work = 0;

	/* IPIs this CPU owes go now rather than at the end of net_rx_action(). */
	if (sd_has_rps_ipi_waiting(sd)) {
		local_irq_disable();
		net_rps_action_and_irq_enable(sd);
	}
	napi->weight = READ_ONCE(dev_rx_weight);
	while (again) {
		struct sk_buff *skb;

		while ((skb = __skb_dequeue(&sd->process_queue))) {
			__netif_receive_skb(skb);
			if (++work >= quota)
				return work;
		}
		spin_lock_irq(&sd->input_pkt_queue.lock);
		if (skb_queue_empty(&sd->input_pkt_queue)) {
			/* Only this CPU owns the backlog instance, and SCHED is its only bit. */
			napi->state = 0;
			again = false;
		} else {
			skb_queue_splice_tail_init(&sd->input_pkt_queue, &sd->process_queue);
		}
		spin_unlock_irq(&sd->input_pkt_queue.lock);
	}
	return work;
}

/* From a NAPI poll: straight to the protocol, or to the backlog RPS picks. */
int netif_receive_skb(struct sk_buff *skb)
{
	if (unlikely(READ_ONCE(rps_needed))) {
		int cpu = get_rps_cpu(skb->dev, skb);

		if (cpu >= 0)
			return enqueue_to_backlog(skb, cpu);
	}
	return __netif_receive_skb(skb);
}

static int netif_rx_internal(struct sk_buff *skb)
{
	int cpu = -1;

	if (unlikely(READ_ONCE(rps_needed)))
		cpu = get_rps_cpu(skb->dev, skb);
	if (cpu < 0)
		cpu = smp_processor_id();
	return enqueue_to_backlog(skb, cpu);
}

/*
 * Outside interrupts, bottom halves are held off around the queueing, so
 * the NET_RX it raises runs at local_bh_enable() rather than waiting for
 * the next interrupt.
 */
int netif_rx(struct sk_buff *skb)
{
	bool need_bh_off = !(hardirq_count() | softirq_count());
	int ret;

	if (need_bh_off)
		local_bh_disable();
	ret = netif_rx_internal(skb);
	if (need_bh_off)
		local_bh_enable();
	return ret;
}

/* --- transmitting ------------------------------------------------------------ */

/* Linux's netdev_core_pick_tx(): the driver's choice, else queue 0; recorded in the skb. */
static struct netdev_queue *netdev_core_pick_tx(struct net_device *dev, struct sk_buff *skb)
{
	unsigned int n = READ_ONCE(dev->real_num_tx_queues);
	u16 index = 0;

	if (n > 1 && dev->netdev_ops->ndo_select_queue) {
		index = dev->netdev_ops->ndo_select_queue(dev, skb);
		if (unlikely(index >= n))
			index = 0;
	}
	skb_set_queue_mapping(skb, index);
	return netdev_get_tx_queue(dev, index);
}

/*
 * Linux's __dev_queue_xmit() for a device without a qdisc. Frames are
 * sent from every CPU at once (replies from each NAPI instance's or
 * RPS's CPU, tasks' sendto()); the queue's transmit lock makes them take
 * turns in the driver (HARD_TX_LOCK), unless the driver locks for itself
 * (NETIF_F_LLTX). A CPU finding itself the lock's owner - a send from
 * inside the driver's own transmit - drops the frame rather than
 * deadlock, as Linux does. Interrupts are off while the lock is held, so
 * a send from an interrupt handler on this CPU cannot spin on it.
 */
int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	enum skb_drop_reason reason = SKB_DROP_REASON_DEV_READY;
	struct netdev_queue *txq;
	netdev_tx_t rc = NETDEV_TX_BUSY;
	unsigned int len = skb->len;
	unsigned long flags;
	int cpu;

	trace_net_dev_queue(skb);
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		goto drop;
	txq = netdev_core_pick_tx(dev, skb);
	local_irq_save(flags);
	cpu = smp_processor_id();
	if (READ_ONCE(txq->xmit_lock_owner) == cpu) {
		local_irq_restore(flags);
		net_crit_ratelimited("Dead loop on device %s, fix it urgently!\n", dev->name);
		reason = SKB_DROP_REASON_NOT_SPECIFIED;
		goto drop;
	}
	HARD_TX_LOCK(dev, txq, cpu);
	if (!netif_xmit_stopped(txq)) {
		rc = dev->netdev_ops->ndo_start_xmit(skb, dev);
		trace_net_dev_xmit(skb, rc, dev, len);
	}
	HARD_TX_UNLOCK(dev, txq);
	local_irq_restore(flags);
	if (rc == NETDEV_TX_OK)
		return 0;
	reason = SKB_DROP_REASON_FULL_RING;
drop:
	/* No qdisc to hold it for later: the frame is lost, and counted (any CPU). */
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb_reason(skb, reason);
	return -ENOBUFS;
}

/* --- NAPI -------------------------------------------------------------------- */

#define NAPIF_STATE_SCHED	BIT(NAPI_STATE_SCHED)
#define NAPIF_STATE_MISSED	BIT(NAPI_STATE_MISSED)
#define NAPIF_STATE_DISABLE	BIT(NAPI_STATE_DISABLE)
#define NAPIF_STATE_SCHED_THREADED BIT(NAPI_STATE_SCHED_THREADED)

static inline bool napi_state_cmpxchg(struct napi_struct *n, unsigned long *old,
				      unsigned long new)
{
	return __atomic_compare_exchange_n(&n->state, old, new, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static int napi_threaded_poll(void *data);

static int napi_kthread_create(struct napi_struct *n)
{
	struct task_struct *t = kthread_run(napi_threaded_poll, n, "napi/%s-%u",
					    n->dev->name, n->napi_id);

	if (IS_ERR(t)) {
		pr_err("kthread_run failed with err %ld\n", PTR_ERR(t));
		return PTR_ERR(t);
	}
	WRITE_ONCE(n->thread, t);
	return 0;
}

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight)
{
	static unsigned int napi_gen_id = MIN_NAPI_ID - 1;

	INIT_LIST_HEAD(&napi->poll_list);
	napi->poll = poll;
	napi->weight = weight;
	napi->dev = dev;
	napi->napi_id = __atomic_add_fetch(&napi_gen_id, 1, __ATOMIC_RELAXED);
	/* Born disabled, as Linux's: napi_enable() lets it be scheduled. */
	napi->state = NAPIF_STATE_SCHED;
	if (!dev)	/* an instance of the net KUnit suite's, on no device */
		return;
	list_add_tail(&napi->dev_list, &dev->napi_list);
	if (dev->threaded && napi_kthread_create(napi))
		dev->threaded = false;
}

/*
 * As Linux's: the kthreads are made before any instance is marked
 * THREADED, and turning threading off leaves them asleep for next time.
 * An instance being polled when the bit flips finishes where it is.
 */
int dev_set_threaded(struct net_device *dev, bool threaded)
{
	struct napi_struct *n;
	int err = 0;

	if (dev->threaded == threaded)
		return 0;
	if (threaded) {
		list_for_each_entry(n, &dev->napi_list, dev_list) {
			if (!n->thread) {
				err = napi_kthread_create(n);
				if (err) {
					threaded = false;
					break;
				}
			}
		}
	}
	dev->threaded = threaded;
	smp_mb();	/* the threads exist before any instance says THREADED */
	list_for_each_entry(n, &dev->napi_list, dev_list) {
		if (threaded)
			set_bit(NAPI_STATE_THREADED, &n->state);
		else
			clear_bit(NAPI_STATE_THREADED, &n->state);
	}
	return err;
}

/* An event "missed" while disabled belongs to no poll: enabling starts clean. */
void napi_enable(struct napi_struct *n)
{
	WARN_ON_ONCE(!test_bit(NAPI_STATE_SCHED, &n->state));
	clear_bit(NAPI_STATE_DISABLE, &n->state);
	clear_bit(NAPI_STATE_MISSED, &n->state);
	if (n->dev && n->dev->threaded && n->thread)
		set_bit(NAPI_STATE_THREADED, &n->state);
	clear_bit(NAPI_STATE_SCHED, &n->state);
}

/* Waits for a poll in progress to end, then keeps the instance for itself. */
void napi_disable(struct napi_struct *n)
{
	set_bit(NAPI_STATE_DISABLE, &n->state);
	while (test_and_set_bit(NAPI_STATE_SCHED, &n->state))
		cpu_relax();
	clear_bit(NAPI_STATE_THREADED, &n->state);
}

/*
 * The test-and-set that makes one CPU the owner. Scheduling an instance
 * that is already owned marks it MISSED instead, so the owner's
 * napi_complete_done() polls once more rather than losing the event.
 */
bool napi_schedule_prep(struct napi_struct *n)
{
	unsigned long val = READ_ONCE(n->state), new;

	do {
		if (unlikely(val & NAPIF_STATE_DISABLE))
			return false;
		new = val | NAPIF_STATE_SCHED;
		if (val & NAPIF_STATE_SCHED)
			new |= NAPIF_STATE_MISSED;
	} while (!napi_state_cmpxchg(n, &val, new));
	return !(val & NAPIF_STATE_SCHED);
}

/* Interrupts off: the poll list is also changed from interrupt handlers. */
static inline void ____napi_schedule(struct softnet_data *sd, struct napi_struct *n)
{
	if (test_bit(NAPI_STATE_THREADED, &n->state)) {
		struct task_struct *t = READ_ONCE(n->thread);

		if (t) {
			/*
			 * A thread not asleep may be between polls: SCHED_THREADED
			 * tells it the instance is its to poll again. One asleep
			 * takes a wake-up as that message.
			 */
			if (READ_ONCE(t->__state) != TASK_INTERRUPTIBLE)
				set_bit(NAPI_STATE_SCHED_THREADED, &n->state);
			wake_up_process(t);
			return;
		}
	}
	list_add_tail(&n->poll_list, &sd->poll_list);
	/*
	 * Inside net_rx_action() the list is re-read before it returns;
	 * raising again would only cost a pass.
	 */
	if (!sd->in_net_rx_action)
		__raise_softirq_irqoff(NET_RX_SOFTIRQ);
}

void __napi_schedule(struct napi_struct *n)
{
	unsigned long flags;

	local_irq_save(flags);
	____napi_schedule(this_cpu_ptr(&softnet_data), n);
	local_irq_restore(flags);
}

bool napi_complete_done(struct napi_struct *n, int work_done)
{
	unsigned long flags, val, new;

	/* A poll that was moved by net_rx_action() must be off every list. */
	if (unlikely(!list_empty(&n->poll_list))) {
		local_irq_save(flags);
		list_del_init(&n->poll_list);
		local_irq_restore(flags);
	}
	val = READ_ONCE(n->state);
	do {
		WARN_ON_ONCE(!(val & NAPIF_STATE_SCHED));
		new = val & ~(NAPIF_STATE_MISSED | NAPIF_STATE_SCHED |
			      NAPIF_STATE_SCHED_THREADED);
		/* Missed an event while polling: stay owned and go round again. */
		if (val & NAPIF_STATE_MISSED)
			new |= NAPIF_STATE_SCHED;
	} while (!napi_state_cmpxchg(n, &val, new));

	if (unlikely(val & NAPIF_STATE_MISSED)) {
		__napi_schedule(n);
		return false;
	}
	return true;
}

/*
 * One poll of @n. A poll that used its whole weight still owns the
 * instance and must not have completed it; it is put back (*repoll)
 * for a later round, unless it is being disabled.
 */
static noinline __noclone int __napi_poll(struct napi_struct *n, bool *repoll)
{
	int weight = n->weight;
	int work = 0;

	if (test_bit(NAPI_STATE_SCHED, &n->state)) {
		n->polls++;
		work = n->poll(n, weight);
		trace_napi_poll(n, work, weight);
	}
	if (unlikely(work > weight))
		pr_err_once("NAPI poll function %pS returned %d, exceeding its budget of %d.\n",
			    n->poll, work, weight);
	if (likely(work < weight))
		return work;
	if (unlikely(test_bit(NAPI_STATE_DISABLE, &n->state))) {
		napi_complete_done(n, work);
		return work;
	}
	if (unlikely(!list_empty(&n->poll_list))) {
		pr_warn_once("%s: Budget exhausted after napi rescheduled\n",
			     n->dev ? n->dev->name : "backlog");
		return work;
	}
	*repoll = true;
	return work;
}

/* Linux's napi_poll() is inlined into net_rx_action(): traces show __napi_poll there. */
static __always_inline int napi_poll(struct napi_struct *n, struct list_head *repoll)
{
	bool do_repoll = false;
	int work;

	list_del_init(&n->poll_list);
	work = __napi_poll(n, &do_repoll);
	if (do_repoll)
		list_add_tail(&n->poll_list, repoll);
	return work;
}

/*
 * Sleeps until the instance is this thread's to poll: SCHED_THREADED
 * set, or woken by ____napi_schedule() (nothing else wakes it). 0, or
 * -1 when the thread is to stop.
 */
static int napi_thread_wait(struct napi_struct *napi)
{
	bool woken = false;

	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		if (test_bit(NAPI_STATE_SCHED_THREADED, &napi->state) || woken) {
			WARN_ON_ONCE(!list_empty(&napi->poll_list));
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		schedule();
		woken = true;
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return -1;
}

/*
 * "napi/DEV-ID": polls its instance with bottom halves off, as the softirq
 * would, until a poll leaves work undone no more, offering the CPU between
 * polls. The scheduler, not net_rx_action()'s budget, decides its share.
 */
static int napi_threaded_poll(void *data)
{
	struct napi_struct *napi = data;

	while (!napi_thread_wait(napi)) {
		for (;;) {
			bool repoll = false;

			local_bh_disable();
			__napi_poll(napi, &repoll);
			local_bh_enable();
			if (!repoll)
				break;
			cond_resched();
		}
	}
	return 0;
}

/* Moves every entry of @from to the end of @to, leaving @from empty. */
static void poll_list_splice_tail(struct list_head *from, struct list_head *to)
{
	while (!list_empty(from)) {
		struct list_head *e = from->next;

		list_del(e);
		list_add_tail(e, to);
	}
}

/*
 * Polls what is on this CPU's poll list until it is empty, the budget
 * is spent, or the time is up. The list is taken whole with interrupts
 * off and walked with them on, so drivers can keep scheduling; what is
 * left (not finished, scheduled meanwhile, or repolled) goes back with
 * the repolled instances last, and NET_RX is raised again for it.
 *
 * Linux bounds the time in jiffies (2 ms is one jiffy at HZ=250); reflex
 * uses local_clock(), exact under -icount, as kernel/softirq.c does.
 */
static noinline __noclone void net_rx_action(void)
{
	struct softnet_data *sd = this_cpu_ptr(&softnet_data);
	u64 time_limit = local_clock() + (u64)READ_ONCE(netdev_budget_usecs) * 1000;
	int budget = READ_ONCE(netdev_budget);
	LIST_HEAD(list);
	LIST_HEAD(repoll);

restart:
	sd->in_net_rx_action = true;
	local_irq_disable();
	poll_list_splice_tail(&sd->poll_list, &list);
	local_irq_enable();

	for (;;) {
		struct napi_struct *n;

		if (list_empty(&list)) {
			if (list_empty(&repoll)) {
				sd->in_net_rx_action = false;
				barrier();
				/* Scheduled while in_net_rx_action hid it from raising. */
				if (!list_empty(&sd->poll_list))
					goto restart;
				if (!sd_has_rps_ipi_waiting(sd))
					return;
			}
			break;
		}
		n = list_first_entry(&list, struct napi_struct, poll_list);
		budget -= napi_poll(n, &repoll);
		if (unlikely(budget <= 0 || local_clock() >= time_limit)) {
			sd->time_squeeze++;
			break;
		}
	}

	local_irq_disable();
	poll_list_splice_tail(&sd->poll_list, &list);
	poll_list_splice_tail(&repoll, &list);
	poll_list_splice_tail(&list, &sd->poll_list);
	if (!list_empty(&sd->poll_list))
		__raise_softirq_irqoff(NET_RX_SOFTIRQ);
	else
		sd->in_net_rx_action = false;
	net_rps_action_and_irq_enable(sd);
}

/*
 * CPU @oldcpu is dead; this runs on a live CPU (Linux's CPUHP_NET_DEV_DEAD
 * step). The NAPI instances on the dead CPU's poll list are polled here
 * instead, the RPS IPIs it still owed are sent, and the frames left in
 * its backlog are queued again through netif_rx() (to their RPS CPU, or
 * this one). Its backlog instance is left idle, so the CPU's first frame
 * after it comes back schedules it again.
 */
int dev_cpu_dead(unsigned int oldcpu)
{
	struct softnet_data *sd, *oldsd = &per_cpu(softnet_data, oldcpu);
	struct softnet_data *remsd;
	struct sk_buff *skb;
	bool moved = false;

	local_irq_disable();
	sd = this_cpu_ptr(&softnet_data);
	while (!list_empty(&oldsd->poll_list)) {
		struct napi_struct *napi = list_first_entry(&oldsd->poll_list,
							    struct napi_struct, poll_list);

		list_del_init(&napi->poll_list);
		if (napi->poll == process_backlog) {
			napi->state = 0;
		} else {
			____napi_schedule(sd, napi);
			moved = true;
		}
	}
	oldsd->in_net_rx_action = false;
	remsd = oldsd->rps_ipi_list;
	oldsd->rps_ipi_list = NULL;
	if (moved)
		raise_softirq_irqoff(NET_RX_SOFTIRQ);
	local_irq_enable();

	net_rps_send_ipi(remsd);
	while ((skb = __skb_dequeue(&oldsd->process_queue)))
		netif_rx(skb);
	for (;;) {
		spin_lock_irq(&oldsd->input_pkt_queue.lock);
		skb = __skb_dequeue(&oldsd->input_pkt_queue);
		if (!skb)
			oldsd->backlog.state = 0;
		spin_unlock_irq(&oldsd->input_pkt_queue.lock);
		if (!skb)
			break;
		netif_rx(skb);
	}
	return 0;
}

int dev_proc_init(void);

/* Linux's subsys_initcall(net_dev_init). */
int net_dev_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);

		INIT_LIST_HEAD(&sd->poll_list);
		skb_queue_head_init(&sd->input_pkt_queue);
		skb_queue_head_init(&sd->process_queue);
		INIT_CSD(&sd->csd, rps_trigger_softirq, sd);
		sd->cpu = cpu;
		/* Always enabled, never on a device: scheduled only by enqueue_to_backlog(). */
		INIT_LIST_HEAD(&sd->backlog.poll_list);
		sd->backlog.poll = process_backlog;
		sd->backlog.weight = weight_p;
	}
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	return dev_proc_init();
}

/* Calls @fn for every registered device, in ifindex order; returns how many. */
int dev_for_each(void (*fn)(struct net_device *dev, void *arg), void *arg)
{
	struct net_device *dev;
	int n = 0;

	list_for_each_entry(dev, &net_devices, dev_list) {
		fn(dev, arg);
		n++;
	}
	return n;
}
