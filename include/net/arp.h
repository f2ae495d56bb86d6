/* SPDX-License-Identifier: MIT */
#ifndef _NET_ARP_H
#define _NET_ARP_H

/*
 * ARP for IPv4 over Ethernet (net/ipv4/arp.c): answers requests for this
 * host's address, keeps a small neighbour cache, and resolves next hops
 * before IPv4 sends (packets wait in a short queue meanwhile).
 */
#include <linux/types.h>
#include <linux/skbuff.h>

struct net_device;

/*
 * Sends the IPv4 packet at @skb->data to @nexthop on @skb->dev: at once
 * when the neighbour is known, else queued behind an ARP request. Always
 * consumes @skb; 0, or -errno for a counted drop.
 */
int arp_output(struct sk_buff *skb, __be32 nexthop);
/* Sends an ARP packet (@op ARPOP_*) built from the given addresses. */
int arp_send(int op, struct net_device *dev, __be32 dest_ip, const u8 *dest_hw,
	     __be32 src_ip, const u8 *target_hw);
/* Looks @ip up; true (and @ha filled) when resolved. */
bool arp_lookup(__be32 ip, u8 *ha);
int arp_init(void);

#endif
