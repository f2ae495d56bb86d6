/* SPDX-License-Identifier: MIT */
#ifndef _NET_CHECKSUM_H
#define _NET_CHECKSUM_H

/*
 * The Internet checksum (RFC 1071): a ones'-complement sum of 16-bit
 * words. The sum does not depend on byte order, so words are added as
 * the CPU loads them and the folded result is stored back unchanged: it
 * is then in wire order. lib/checksum.c has the loop; these are the
 * pieces IPv4, ICMP and UDP put together.
 */
#include <linux/types.h>
#include <asm/byteorder.h>

/* Adds @len bytes at @buff to @sum; an odd last byte counts as its word's high (first) byte. */
__wsum csum_partial(const void *buff, int len, __wsum sum);

/* 32 bits folded to 16 and complemented: what goes in a header's checksum field. */
static inline __sum16 csum_fold(__wsum sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

static inline __wsum csum_add(__wsum a, __wsum b)
{
	u64 s = (u64)a + b;

	return (__wsum)((s & 0xffffffff) + (s >> 32));
}

/* The checksum of a whole buffer: IPv4 header, ICMP message. Zero when a received one is intact. */
static inline __sum16 ip_compute_csum(const void *buff, int len)
{
	return csum_fold(csum_partial(buff, len, 0));
}

/* The IPv4 header checksum over @ihl 32-bit words; 0 for an intact header. */
static inline __sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return ip_compute_csum(iph, ihl * 4);
}

/* The UDP/TCP pseudo-header (RFC 768): addresses, protocol, length, added to @sum. */
static inline __wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	u64 s = sum;

	s += (saddr & 0xffff) + (saddr >> 16);
	s += (daddr & 0xffff) + (daddr >> 16);
	s += htons(proto) + htons((u16)len);
	s = (s & 0xffffffff) + (s >> 32);
	return (__wsum)((s & 0xffffffff) + (s >> 32));
}

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

#endif
