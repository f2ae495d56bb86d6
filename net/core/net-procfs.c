// SPDX-License-Identifier: MIT
/*
 * The device core's /proc files, in Linux's formats: /proc/net/dev
 * (per-device counters) and /proc/net/softnet_stat (one line of hex
 * per online CPU, Linux 6.6's fifteen columns: processed, dropped,
 * time_squeeze, six zeros kept for compatibility, received_rps,
 * flow_limit_count, the backlog's length, the CPU, and the backlog's two
 * halves, input_pkt_queue and process_queue). One of reflex's own beside them:
 * /proc/net/drop_reasons (packets dropped, by Linux's drop-reason name,
 * summed over the CPUs).
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

/* No flow limit in reflex: flow_limit_count is 0, as Linux's with no flow_limit_cpu_bitmap. */
static int softnet_seq_show(struct seq_file *seq, void *v)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		struct softnet_data *sd = &per_cpu(softnet_data, cpu);
		u32 input_qlen = skb_queue_len_lockless(&sd->input_pkt_queue);
		u32 process_qlen = skb_queue_len_lockless(&sd->process_queue);

		seq_printf(seq, "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x "
			   "%08x %08x\n",
			   READ_ONCE(sd->processed), READ_ONCE(sd->dropped),
			   READ_ONCE(sd->time_squeeze), 0, 0, 0, 0, 0, 0,
			   READ_ONCE(sd->received_rps), 0, input_qlen + process_qlen, cpu,
			   input_qlen, process_qlen);
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

int dev_proc_init(void)
{
	int err = proc_create_single("net/dev", dev_seq_show);

	err = err ?: proc_create_single("net/softnet_stat", softnet_seq_show);
	err = err ?: proc_create_single("net/drop_reasons", drop_reasons_show);
	if (err)
		pr_err("net: cannot create the /proc/net files (%d)\n", err);
	return err;
}
