// SPDX-License-Identifier: MIT
/*
 * The device core's /proc files, in Linux's formats: /proc/net/dev
 * (per-device counters) and /proc/net/softnet_stat (one line of hex
 * per online CPU: processed, dropped, time_squeeze, then the columns
 * Linux keeps for compatibility). Two of reflex's own beside them:
 * /proc/net/drop_reasons (packets dropped, by Linux's drop-reason name,
 * summed over the CPUs)
 * and /proc/net/rxcost (TSC spent on the receive path, see dev.c).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>

static void dev_seq_printf_stats(struct seq_file *seq, struct net_device *dev)
{
	struct rtnl_link_stats64 temp;
	const struct rtnl_link_stats64 *s = dev_get_stats(dev, &temp);

	seq_printf(seq, "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		   "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n",
		   dev->name, s->rx_bytes, s->rx_packets, s->rx_errors,
		   s->rx_dropped + s->rx_missed_errors, s->rx_fifo_errors,
		   s->rx_length_errors + s->rx_over_errors + s->rx_crc_errors + s->rx_frame_errors,
		   s->rx_compressed, s->multicast,
		   s->tx_bytes, s->tx_packets, s->tx_errors, s->tx_dropped,
		   s->tx_fifo_errors, s->collisions,
		   s->tx_carrier_errors + s->tx_aborted_errors + s->tx_window_errors +
		   s->tx_heartbeat_errors,
		   s->tx_compressed);
}

static void dev_seq_one(struct net_device *dev, void *arg)
{
	dev_seq_printf_stats(arg, dev);
}

static int dev_seq_show(struct seq_file *seq, void *v)
{
	seq_puts(seq, "Inter-|   Receive                            "
		      "                    |  Transmit\n"
		      " face |bytes    packets errs drop fifo frame compressed multicast|"
		      "bytes    packets errs drop fifo colls carrier compressed\n");
	dev_for_each(dev_seq_one, seq);
	return 0;
}

/* No backlog queues in reflex: the queue-length columns are 0. */
static int softnet_seq_show(struct seq_file *seq, void *v)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);

		seq_printf(seq, "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x "
			   "%08x %08x\n",
			   sd->processed, sd->dropped, sd->time_squeeze, 0,
			   0, 0, 0, 0, 0, sd->received_rps, 0, 0, cpu, 0, 0);
	}
	return 0;
}

static int drop_reasons_show(struct seq_file *seq, void *v)
{
	int i;

	for (i = SKB_DROP_REASON_NOT_SPECIFIED; i < SKB_DROP_REASON_MAX; i++)
		seq_printf(seq, "%-16s %lu\n", drop_reasons[i], skb_drop_count(i));
	return 0;
}

static int rxcost_show(struct seq_file *seq, void *v)
{
	unsigned int cpu;

	seq_puts(seq, "cpu   irqs       hardirq_tsc        rx_actions softirq_tsc        "
		      "frames     stack_tsc\n");
	for_each_online_cpu(cpu) {
		struct net_rx_cost *c = &per_cpu(net_rx_cost, cpu);

		seq_printf(seq, "%-5u %-10lu %-18llu %-10lu %-18llu %-10lu %llu\n", cpu,
			   c->irqs, c->hardirq, c->rx_actions, c->softirq, c->frames, c->stack);
	}
	return 0;
}

int dev_proc_init(void)
{
	int err = proc_create_single("net/dev", dev_seq_show);

	err = err ?: proc_create_single("net/softnet_stat", softnet_seq_show);
	err = err ?: proc_create_single("net/drop_reasons", drop_reasons_show);
	err = err ?: proc_create_single("net/rxcost", rxcost_show);
	if (err)
		pr_err("net: cannot create the /proc/net files (%d)\n", err);
	return err;
}
