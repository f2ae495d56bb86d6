// SPDX-License-Identifier: MIT
/*
 * Ethernet framing for the stack and for Ethernet drivers: classifying a
 * received frame (eth_type_trans()), prefixing an outgoing one
 * (eth_header()), and allocating a driver's net_device with Ethernet's
 * defaults (alloc_etherdev()). 802.3 length fields and 802.1Q tags are
 * not handled: such frames get an EtherType nobody registered and are
 * dropped as UNHANDLED_PROTO.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>

/*
 * The caller checked that @skb holds at least ETH_HLEN bytes (a NIC
 * pads every frame to ETH_ZLEN).
 */
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	if (unlikely(is_multicast_ether_addr(eth->h_dest)))
		skb->pkt_type = is_broadcast_ether_addr(eth->h_dest) ?
				PACKET_BROADCAST : PACKET_MULTICAST;
	else if (unlikely(!ether_addr_equal(eth->h_dest, dev->dev_addr)))
		skb->pkt_type = PACKET_OTHERHOST;
	else
		skb->pkt_type = PACKET_HOST;
	return eth->h_proto;
}

int eth_header(struct sk_buff *skb, struct net_device *dev, u16 type, const u8 *daddr)
{
	struct ethhdr *eth;

	if (skb_headroom(skb) < ETH_HLEN)
		return -ENOSPC;
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	eth->h_proto = htons(type);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	ether_addr_copy(eth->h_dest, daddr);
	return ETH_HLEN;
}

struct net_device *alloc_etherdev_mqs(int sizeof_priv, unsigned int txqs, unsigned int rxqs)
{
	struct net_device *dev = alloc_netdev_mqs(sizeof_priv, "eth%d", txqs, rxqs);

	if (!dev)
		return NULL;
	dev->mtu = ETH_DATA_LEN;
	eth_broadcast_addr(dev->broadcast);
	return dev;
}

char *eth_addr_str(char *buf, const u8 *a)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}
