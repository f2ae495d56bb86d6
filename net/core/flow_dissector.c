// SPDX-License-Identifier: MIT
/*
 * The flow hash of a received frame (skb_get_hash()), which Receive
 * Packet Steering uses to pick a CPU: the frames of one flow always get
 * the same hash, so they are processed on one CPU and stay in order.
 *
 * Linux dissects the headers into struct flow_keys (its flow dissector
 * knows VLANs, tunnels, IPv6, ...) and hashes the keys with siphash under
 * a key drawn at random once per boot. reflex reads what its stack
 * knows: for IPv4 the two addresses and the protocol, and for TCP, UDP,
 * UDP-Lite, SCTP and DCCP (ports in the first four bytes of their
 * header) the ports too, unless the datagram is a fragment; for any other
 * frame only the EtherType. It mixes them with a fixed 64-bit multiply
 * and shift mix (splitmix64's finaliser) under a fixed key: spreading is
 * the same from boot to boot, which tests and benchmarks rely on, at the
 * price Linux's random key avoids (a sender who knows the function can
 * aim many flows at one CPU).
 *
 * As Linux's __flow_hash_consistentify(), the endpoints are put in order
 * first, so both directions of a conversation hash alike; and as Linux,
 * a hash is never 0 (0 means "none" to get_rps_cpu()).
 */
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <asm/byteorder.h>

#define IPPROTO_TCP	6
#define IPPROTO_DCCP	33
#define IPPROTO_SCTP	132
#define IPPROTO_UDPLITE	136

#define FLOW_HASH_KEY	0x9e3779b97f4a7c15ULL

/* What the hash is taken over (Linux's struct flow_keys, reduced). */
struct flow_keys {
	u32	src, dst;	/* IPv4 addresses, host order */
	u16	sport, dport;	/* host order; 0 without ports */
	u16	n_proto;	/* EtherType, host order */
	u8	ip_proto;
	bool	have_ports;
};

static u64 flow_mix64(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static bool proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_DCCP;
}

/* Reads what the headers at skb->data (the network header) give; never past skb->len. */
static void skb_flow_dissect_flow_keys(const struct sk_buff *skb, struct flow_keys *keys)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	unsigned int ihl;

	memset(keys, 0, sizeof(*keys));
	keys->n_proto = ntohs(skb->protocol);
	if (skb->protocol != htons(ETH_P_IP) || skb->len < sizeof(*iph) || iph->version != 4)
		return;
	ihl = iph->ihl * 4;
	if (ihl < sizeof(*iph) || ihl > skb->len)
		return;
	keys->src = ntohl(iph->saddr);
	keys->dst = ntohl(iph->daddr);
	keys->ip_proto = iph->protocol;
	if (ntohs(iph->frag_off) & (IP_MF | IP_OFFSET))
		return;	/* only the first fragment has the ports: none use them */
	if (proto_has_ports(iph->protocol) && skb->len >= ihl + 4) {
		const __be16 *ports = (const __be16 *)(skb->data + ihl);

		keys->sport = ntohs(ports[0]);
		keys->dport = ntohs(ports[1]);
		keys->have_ports = true;
	}
}

/* Both directions of a flow to the same keys: the lower endpoint first. */
static void flow_hash_consistentify(struct flow_keys *keys)
{
	if (keys->dst < keys->src ||
	    (keys->dst == keys->src && keys->dport < keys->sport)) {
		u32 addr = keys->src;
		u16 port = keys->sport;

		keys->src = keys->dst;
		keys->dst = addr;
		keys->sport = keys->dport;
		keys->dport = port;
	}
}

static u32 flow_hash_from_keys(struct flow_keys *keys)
{
	u64 h;

	flow_hash_consistentify(keys);
	h = flow_mix64(FLOW_HASH_KEY ^ ((u64)keys->src << 32 | keys->dst));
	h = flow_mix64(h ^ ((u64)keys->sport << 48 | (u64)keys->dport << 32 |
			    (u64)keys->n_proto << 8 | keys->ip_proto));
	h ^= h >> 32;
	return (u32)h ?: 1;
}

void __skb_get_hash(struct sk_buff *skb)
{
	struct flow_keys keys;

	skb_flow_dissect_flow_keys(skb, &keys);
	skb->hash = flow_hash_from_keys(&keys);
	skb->sw_hash = 1;
	skb->l4_hash = keys.have_ports;
}
