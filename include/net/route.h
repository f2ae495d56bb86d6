/* SPDX-License-Identifier: MIT */
#ifndef _NET_ROUTE_H
#define _NET_ROUTE_H

/*
 * Input routing for the one interface (net/ipv4/route.c): what a received
 * packet's addresses make of it, as Linux's ip_route_input_noref()
 * decides for a host that does not forward. The decision is left in
 * skb->rt_type for ICMP and UDP, as Linux leaves it in the skb's rtable.
 */
#include <linux/types.h>
#include <linux/skbuff.h>
#include <asm/percpu.h>

struct net_device;

/* Route types, with Linux's values (include/uapi/linux/rtnetlink.h). */
enum {
	RTN_UNSPEC,
	RTN_UNICAST,		/* a gateway or direct route */
	RTN_LOCAL,		/* accept locally */
	RTN_BROADCAST,		/* accept locally as broadcast, send as broadcast */
	RTN_ANYCAST,
	RTN_MULTICAST,		/* multicast route */
	RTN_BLACKHOLE,
	RTN_UNREACHABLE,	/* destination unreachable: here, not ours and not forwarded */
};

/*
 * Linux's per-CPU route cache statistics (/proc/net/stat/rt_cache, a
 * line per possible CPU). Each CPU counts into its own copy with
 * RT_CACHE_STAT_INC(); reflex has no route cache, so the cache columns
 * stay 0.
 */
struct rt_cache_stat {
	unsigned int in_slow_tot;
	unsigned int in_slow_mc;
	unsigned int in_no_route;
	unsigned int in_brd;
	unsigned int in_martian_dst;
	unsigned int in_martian_src;
	unsigned int out_slow_tot;
	unsigned int out_slow_mc;
};
DECLARE_PER_CPU(struct rt_cache_stat, rt_cache_stat);
#define RT_CACHE_STAT_INC(field)	this_cpu_inc(rt_cache_stat.field)
/* The counters summed over the possible CPUs into @sum. */
void rt_cache_stat_sum(struct rt_cache_stat *sum);

/* net.ipv4.conf.all.log_martians, set with sysctl.net.ipv4.conf.all.log_martians=1. */
extern bool ipv4_log_martians;

/*
 * Classifies a received IPv4 packet (or, with skb->protocol ETH_P_ARP,
 * an ARP request from @saddr for @daddr): 0 and skb->rt_type set to
 * RTN_LOCAL, RTN_BROADCAST, RTN_MULTICAST or RTN_UNREACHABLE (not ours),
 * or the reason to drop it. Martians are counted in rt_cache_stat and
 * logged when log_martians is on.
 */
enum skb_drop_reason ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,
					  struct net_device *dev);

/* What @addr is to this host: RTN_LOCAL, RTN_BROADCAST, RTN_MULTICAST or RTN_UNICAST. */
unsigned int inet_addr_type(__be32 addr);

/*
 * The tests ip_route_input_noref() applies to a sender address alone
 * (Linux's "weird martians" and fib_validate_source()): 0, or the reason
 * @saddr can be no other host's. Counts nothing.
 */
enum skb_drop_reason ip_route_check_source(__be32 saddr);

/* Counts a martian source and logs it (with the link-layer header) when log_martians is on. */
void ip_handle_martian_source(struct net_device *dev, struct sk_buff *skb, __be32 daddr,
			      __be32 saddr);

int ip_rt_proc_init(void);

#endif
