// SPDX-License-Identifier: MIT
/*
 * Bringing IPv4 up, in the order of Linux's inet_init(): the MIB
 * defaults, the receive handler for ETH_P_IP, ARP, the /proc files
 * (snmp, netstat, stat/rt_cache, udp) and the in-kernel UDP services. The address itself comes later, from
 * ip_auto_config(), once a driver has registered a device.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/arp.h>
#include <net/route.h>
#include <net/udp.h>

int ip_misc_proc_init(void);
int udp_proc_init(void);

static struct packet_type ip_packet_type = {
	.func = ip_rcv,
};

int inet_init(void)
{
	int err;

	ip_mib[IPSTATS_MIB_FORWARDING] = 2;	/* RFC 4293: 2 is "not forwarding" */
	ip_mib[IPSTATS_MIB_DEFAULTTTL] = IPDEFTTL;
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
