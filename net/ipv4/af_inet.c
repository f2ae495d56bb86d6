// SPDX-License-Identifier: MIT
/*
 * Bringing IPv4 up, in the order of Linux's inet_init(): the receive
 * handler for ETH_P_IP, ARP, the /proc files (snmp, netstat,
 * stat/rt_cache, udp) and the in-kernel UDP services. The address itself
 * comes later, from ip_auto_config(), once a driver has registered a
 * device. The per-CPU MIBs live here too, with snmp_fold_field() that
 * sums them, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/route.h>
#include <net/udp.h>
#include <linux/cpumask.h>

int ip_misc_proc_init(void);
int udp_proc_init(void);

DEFINE_PER_CPU(struct ipstats_mib, ip_statistics);
DEFINE_PER_CPU(struct icmp_mib, icmp_statistics);
DEFINE_PER_CPU(struct udp_mib, udp_statistics);

unsigned long snmp_fold_field(const void *mib, int offt)
{
	unsigned long res = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		res += READ_ONCE(((const unsigned long *)per_cpu_ptr(mib, cpu))[offt]);
	return res;
}

static struct packet_type ip_packet_type = {
	.func = ip_rcv,
};

int inet_init(void)
{
	int err;

	ip_packet_type.type = htons(ETH_P_IP);
	dev_add_pack(&ip_packet_type);
	err = arp_init();
	err = err ?: ip_misc_proc_init();
	err = err ?: ip_rt_proc_init();
	err = err ?: udp_proc_init();
	err = err ?: udp_echo_init();
	if (err)
		pr_err("IPv4: initialisation failed (%d)\n", err);
	return err;
}
