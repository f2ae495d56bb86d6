// SPDX-License-Identifier: MIT
/*
 * Input routing for the one interface: Linux's ip_route_input_noref()
 * for a host with one address, a default route and forwarding off. The
 * decision is Linux 6.x's, in Linux's order:
 *
 *   source multicast or 255.255.255.255    martian source, IP_INVALID_SOURCE
 *   destination 255.255.255.255            broadcast input (also 0 from 0)
 *   source 0.0.0.0                         martian source, IP_INVALID_SOURCE
 *   destination 0.0.0.0                    martian destination, IP_INVALID_DEST
 *   destination 127/8                      martian destination, IP_LOCALNET
 *   source 127/8                           martian source, IP_LOCALNET
 *   destination the subnet broadcast       broadcast input
 *   destination our address                local input
 *   anything else                          not ours (ip_error(): InAddrErrors)
 *
 * and before local or broadcast input fib_validate_source() refuses a
 * source that is our own address (IP_LOCAL_SOURCE, accept_local off) or
 * a broadcast address (IP_INVALID_SOURCE). Multicast destinations are
 * taken only for the all-hosts group every Linux host joins. Class E
 * (240.0.0.0/4) and 0.x.y.z other than 0.0.0.0 are ordinary unicast in
 * Linux 6.x, and are here. Martians are counted in /proc/net/stat/rt_cache
 * (in_martian_src, in_martian_dst) and, with log_martians, logged in
 * Linux's words. Packets from lo skip this (ip_rcv_finish()). No route cache.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/in.h>
#include <linux/inet.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <net/ip.h>
#include <net/route.h>

DEFINE_PER_CPU(struct rt_cache_stat, rt_cache_stat);
bool ipv4_log_martians;

/* Linux's sysctl spelling on its command line (sysctl.<key>=<value>). */
static int __init log_martians_setup(char *arg)
{
	unsigned long v;

	if (kstrtoul(arg, 10, &v) || v > 1)
		return -EINVAL;
	ipv4_log_martians = v;
	return 0;
}
__setup("sysctl.net.ipv4.conf.all.log_martians=", log_martians_setup);

unsigned int inet_addr_type(__be32 addr)
{
	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	if (ic_myaddr && addr == ic_myaddr)
		return RTN_LOCAL;
	if (ipv4_is_loopback(addr) && loopback_dev)
		return RTN_LOCAL;	/* lo's 127.0.0.1/8: the local table's 127/8 */
	if (ic_myaddr && addr == ic_broadcast())
		return RTN_BROADCAST;
	return RTN_UNICAST;
}

/* The reverse lookup: a source must be some other host's unicast address. */
static enum skb_drop_reason fib_validate_source(__be32 saddr)
{
	switch (inet_addr_type(saddr)) {
	case RTN_UNICAST:
		return SKB_NOT_DROPPED_YET;
	case RTN_LOCAL:
		return SKB_DROP_REASON_IP_LOCAL_SOURCE;
	default:
		return SKB_DROP_REASON_IP_INVALID_SOURCE;
	}
}

enum skb_drop_reason ip_route_check_source(__be32 saddr)
{
	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr) || ipv4_is_zeronet(saddr))
		return SKB_DROP_REASON_IP_INVALID_SOURCE;
	if (ipv4_is_loopback(saddr))
		return SKB_DROP_REASON_IP_LOCALNET;
	return fib_validate_source(saddr);
}

/* "ll header: 00000000: 52 54 00 ...", as Linux's print_hex_dump() writes it. */
static void martian_print_ll_header(const struct sk_buff *skb)
{
	const u8 *mac = skb_mac_header(skb);
	char line[3 * ETH_HLEN + 1];
	int i;

	for (i = 0; i < ETH_HLEN; i++)
		snprintf(line + 3 * i, 4, " %02x", mac[i]);
	pr_warn("ll header: 00000000:%s\n", line);
}

void ip_handle_martian_source(struct net_device *dev, struct sk_buff *skb, __be32 daddr,
			      __be32 saddr)
{
	char d[INET_ADDRSTRLEN], s[INET_ADDRSTRLEN];

	RT_CACHE_STAT_INC(in_martian_src);
	if (!READ_ONCE(ipv4_log_martians) || !net_ratelimit())
		return;
	/* Linux's words and order: the destination first (RFC 1812 asks for the source). */
	pr_warn("martian source %s from %s, on dev %s\n", in_ntoa(d, daddr), in_ntoa(s, saddr),
		dev->name);
	martian_print_ll_header(skb);
}

static void ip_handle_martian_destination(struct net_device *dev, __be32 daddr, __be32 saddr)
{
	char d[INET_ADDRSTRLEN], s[INET_ADDRSTRLEN];

	RT_CACHE_STAT_INC(in_martian_dst);
	if (READ_ONCE(ipv4_log_martians) && net_ratelimit())
		pr_warn("martian destination %s from %s, dev %s\n", in_ntoa(d, daddr),
			in_ntoa(s, saddr), dev->name);
}

/* Linux's ip_mc_validate_source() and ip_route_input_mc(), for the all-hosts group. */
static enum skb_drop_reason ip_route_input_mc(struct sk_buff *skb, __be32 daddr, __be32 saddr)
{
	enum skb_drop_reason reason = SKB_NOT_DROPPED_YET;

	if (daddr != htonl(INADDR_ALLHOSTS_GROUP) || !ic_myaddr)
		return SKB_DROP_REASON_NOT_SPECIFIED;	/* a group we are not in */
	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr) || skb->protocol != htons(ETH_P_IP))
		return SKB_DROP_REASON_IP_INVALID_SOURCE;
	if (ipv4_is_loopback(saddr))
		return SKB_DROP_REASON_IP_LOCALNET;
	if (ipv4_is_zeronet(saddr)) {
		if (!ipv4_is_local_multicast(daddr) && ip_hdr(skb)->protocol != IPPROTO_IGMP)
			reason = SKB_DROP_REASON_IP_INVALID_SOURCE;
	} else {
		reason = fib_validate_source(saddr);
	}
	if (reason)
		return reason;
	RT_CACHE_STAT_INC(in_slow_mc);
	skb->rt_type = RTN_MULTICAST;
	return SKB_NOT_DROPPED_YET;
}

static enum skb_drop_reason ip_route_input_brd(struct sk_buff *skb, __be32 daddr, __be32 saddr,
					       struct net_device *dev)
{
	enum skb_drop_reason reason;

	if (skb->protocol != htons(ETH_P_IP))
		return SKB_DROP_REASON_INVALID_PROTO;
	/* 0.0.0.0 may broadcast: a host asking for its address (DHCP) has no other. */
	if (!ipv4_is_zeronet(saddr)) {
		reason = fib_validate_source(saddr);
		if (reason) {
			ip_handle_martian_source(dev, skb, daddr, saddr);
			return reason;
		}
	}
	RT_CACHE_STAT_INC(in_brd);
	skb->rt_type = RTN_BROADCAST;
	return SKB_NOT_DROPPED_YET;
}

/* The addresses no route can fix, in Linux's order: 0, or the reason (*@dst: it is the destination's). */
static enum skb_drop_reason ip_route_weird_martian(__be32 daddr, __be32 saddr, bool *dst)
{
	*dst = false;
	if (ipv4_is_zeronet(saddr))
		return SKB_DROP_REASON_IP_INVALID_SOURCE;
	*dst = true;
	if (ipv4_is_zeronet(daddr))
		return SKB_DROP_REASON_IP_INVALID_DEST;
	if (ipv4_is_loopback(daddr))
		return SKB_DROP_REASON_IP_LOCALNET;
	*dst = false;
	if (ipv4_is_loopback(saddr))
		return SKB_DROP_REASON_IP_LOCALNET;
	return SKB_NOT_DROPPED_YET;
}

static enum skb_drop_reason ip_route_input_slow(struct sk_buff *skb, __be32 daddr, __be32 saddr,
						struct net_device *dev)
{
	enum skb_drop_reason reason;
	bool dst;

	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr)) {
		ip_handle_martian_source(dev, skb, daddr, saddr);
		return SKB_DROP_REASON_IP_INVALID_SOURCE;
	}
	if (ipv4_is_lbcast(daddr) || (!saddr && !daddr))
		return ip_route_input_brd(skb, daddr, saddr, dev);
	reason = ip_route_weird_martian(daddr, saddr, &dst);
	if (reason && dst) {
		ip_handle_martian_destination(dev, daddr, saddr);
		return reason;
	}
	if (reason) {
		ip_handle_martian_source(dev, skb, daddr, saddr);
		return reason;
	}
	switch (inet_addr_type(daddr)) {
	case RTN_BROADCAST:
		return ip_route_input_brd(skb, daddr, saddr, dev);
	case RTN_LOCAL:
		reason = fib_validate_source(saddr);
		if (reason) {
			ip_handle_martian_source(dev, skb, daddr, saddr);
			return reason;
		}
		skb->rt_type = RTN_LOCAL;
		return SKB_NOT_DROPPED_YET;
	default:
		/* Not ours, and this host does not forward: Linux routes it to ip_error(). */
		RT_CACHE_STAT_INC(in_no_route);
		skb->rt_type = RTN_UNREACHABLE;
		return SKB_NOT_DROPPED_YET;
	}
}

enum skb_drop_reason ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
					  struct net_device *dev)
{
	skb->rt_type = RTN_UNSPEC;
	if (ipv4_is_multicast(daddr))
		return ip_route_input_mc(skb, daddr, saddr);
	return ip_route_input_slow(skb, daddr, saddr, dev);
}

void rt_cache_stat_sum(struct rt_cache_stat *sum)
{
	unsigned int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct rt_cache_stat *st = &per_cpu(rt_cache_stat, cpu);

		sum->in_slow_tot += READ_ONCE(st->in_slow_tot);
		sum->in_slow_mc += READ_ONCE(st->in_slow_mc);
		sum->in_no_route += READ_ONCE(st->in_no_route);
		sum->in_brd += READ_ONCE(st->in_brd);
		sum->in_martian_dst += READ_ONCE(st->in_martian_dst);
		sum->in_martian_src += READ_ONCE(st->in_martian_src);
		sum->out_slow_tot += READ_ONCE(st->out_slow_tot);
		sum->out_slow_mc += READ_ONCE(st->out_slow_mc);
	}
}

/* Linux's layout: one header line, then a line of hex per possible CPU, in CPU order. */
static int rt_cpu_seq_show(struct seq_file *seq, void *v)
{
	unsigned int cpu;

	seq_puts(seq, "entries  in_hit in_slow_tot in_slow_mc in_no_route in_brd in_martian_dst "
		      "in_martian_src  out_hit out_slow_tot out_slow_mc  gc_total gc_ignored "
		      "gc_goal_miss gc_dst_overflow in_hlist_search out_hlist_search\n");
	for_each_possible_cpu(cpu) {
		const struct rt_cache_stat *st = &per_cpu(rt_cache_stat, cpu);

		seq_printf(seq, "%08x  %08x %08x %08x %08x %08x %08x %08x  %08x %08x %08x %08x "
			   "%08x %08x %08x %08x %08x \n", 0, 0, READ_ONCE(st->in_slow_tot),
			   READ_ONCE(st->in_slow_mc), READ_ONCE(st->in_no_route),
			   READ_ONCE(st->in_brd), READ_ONCE(st->in_martian_dst),
			   READ_ONCE(st->in_martian_src), 0, READ_ONCE(st->out_slow_tot),
			   READ_ONCE(st->out_slow_mc), 0, 0, 0, 0, 0, 0);
	}
	return 0;
}

int ip_rt_proc_init(void)
{
	return proc_create_single("net/stat/rt_cache", rt_cpu_seq_show);
}
