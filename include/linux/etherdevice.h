/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ETHERDEVICE_H
#define _LINUX_ETHERDEVICE_H

/*
 * Ethernet helpers for drivers and the stack (net/ethernet/eth.c):
 * address tests, eth_type_trans() for received frames, eth_header() for
 * outgoing ones, alloc_etherdev() for a driver's net_device.
 */
#include <linux/types.h>
#include <linux/string.h>
#include <linux/if_ether.h>

struct net_device;
struct sk_buff;

static inline bool is_zero_ether_addr(const u8 *a)
{
	return !(a[0] | a[1] | a[2] | a[3] | a[4] | a[5]);
}

static inline bool is_multicast_ether_addr(const u8 *a)
{
	return a[0] & 1;
}

static inline bool is_broadcast_ether_addr(const u8 *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}

/* A unicast address that is not all zeroes: what a NIC's own address must be. */
static inline bool is_valid_ether_addr(const u8 *a)
{
	return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a);
}

static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	return !memcmp(a, b, ETH_ALEN);
}

static inline void ether_addr_copy(u8 *dst, const u8 *src)
{
	memcpy(dst, src, ETH_ALEN);
}

static inline void eth_broadcast_addr(u8 *a)
{
	memset(a, 0xff, ETH_ALEN);
}

/* Sets pkt_type and the mac header, pulls the Ethernet header, returns the EtherType. */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
/* Pushes an Ethernet header: to @daddr from the device's address; @type host order. */
int eth_header(struct sk_buff *skb, struct net_device *dev, u16 type, const u8 *daddr);
/* An Ethernet device with @txqs transmit and @rxqs receive queues (each receive queue with its rps_cpus). */
struct net_device *alloc_etherdev_mqs(int sizeof_priv, unsigned int txqs, unsigned int rxqs);
#define alloc_etherdev_mq(sizeof_priv, count)	alloc_etherdev_mqs(sizeof_priv, count, count)
#define alloc_etherdev(sizeof_priv)		alloc_etherdev_mq(sizeof_priv, 1)

/* "52:54:00:12:34:56" into @buf (at least 18 bytes). */
char *eth_addr_str(char *buf, const u8 *addr);

#endif
