/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IN_H
#define _LINUX_IN_H

/*
 * The special IPv4 addresses (RFC 1122 3.2.1.3, RFC 5735) and Linux's
 * ipv4_is_*() tests for them. As in Linux 6.x, "zeronet" is 0.0.0.0
 * alone (0.0.0.0/8 became ordinary unicast in Linux 5.3) and 240.0.0.0/4
 * (class E) is ordinary unicast: neither has a test of its own.
 */
#include <linux/types.h>
#include <asm/byteorder.h>

#define INADDR_ANY		((u32)0x00000000)	/* 0.0.0.0 */
#define INADDR_BROADCAST	((u32)0xffffffff)	/* 255.255.255.255 */
#define INADDR_LOOPBACK		((u32)0x7f000001)	/* 127.0.0.1 */
#define INADDR_ALLHOSTS_GROUP	((u32)0xe0000001)	/* 224.0.0.1, joined by every host */

static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

/* 224.0.0.0/24: link-local groups, never forwarded. */
static inline bool ipv4_is_local_multicast(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xe0000000);
}

/* The limited broadcast, 255.255.255.255. */
static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(INADDR_BROADCAST);
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return addr == 0;
}

#endif
