// SPDX-License-Identifier: MIT
/*
 * The loopback device, lo, as Linux's drivers/net/loopback.c: what this
 * host sends to itself (127/8, or its own address) leaves through
 * dev_queue_xmit() like any frame and comes back in through netif_rx(),
 * so it is received in NET_RX on the backlog of the sending CPU (or the
 * one RPS picks) by the same path a NIC's frames take. It has no
 * hardware, an Ethernet header of zeros (Linux's lo keeps eth_header
 * too), no ARP, a 64 KiB MTU, and transmits without a queue lock
 * (NETIF_F_LLTX): every CPU may send at once. Counted per CPU; what was
 * sent was received, so rx mirrors tx, as Linux reports it.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/cpumask.h>
#include <linux/slab.h>

struct net_device *loopback_dev;

struct pcpu_lstats {
	unsigned long	packets;
	unsigned long	bytes;
};

static netdev_tx_t loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct pcpu_lstats *lstats = netdev_priv(dev);
	unsigned int len = skb->len;

	skb->protocol = eth_type_trans(skb, dev);
	if (netif_rx(skb) == NET_RX_SUCCESS) {
		/* Interrupts are off here (dev_queue_xmit): this CPU's slot is ours. */
		lstats[smp_processor_id()].packets++;
		lstats[smp_processor_id()].bytes += len;
	}
	return NETDEV_TX_OK;
}

static void loopback_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *stats)
{
	struct pcpu_lstats *lstats = netdev_priv(dev);
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		stats->tx_packets += READ_ONCE(lstats[cpu].packets);
		stats->tx_bytes += READ_ONCE(lstats[cpu].bytes);
	}
	stats->rx_packets = stats->tx_packets;
	stats->rx_bytes = stats->tx_bytes;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit		= loopback_xmit,
	.ndo_get_stats64	= loopback_get_stats64,
};

int loopback_init(void)
{
	struct net_device *dev;
	int err;

	dev = alloc_netdev(nr_cpu_ids * sizeof(struct pcpu_lstats), "lo");
	if (!dev)
		return -ENOMEM;
	dev->mtu = 64 * 1024;
	dev->flags = IFF_LOOPBACK | IFF_RUNNING;
	dev->features = NETIF_F_LLTX;
	dev->netdev_ops = &loopback_ops;
	netif_carrier_on(dev);
	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		pr_err("loopback: cannot register lo (%d)\n", err);
		return err;
	}
	loopback_dev = dev;
	return 0;
}
