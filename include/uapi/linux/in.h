/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_LINUX_IN_H
#define _UAPI_LINUX_IN_H
/*
 * The IPv4 socket address and the IPPROTO_IP and SOL_RAW options raw
 * and ping sockets take, with Linux's values.
 */
#include <linux/types.h>
#include <linux/socket.h>

struct sockaddr_in {
	sa_family_t	sin_family;
	__be16		sin_port;
	__be32		sin_addr;
	u8		sin_zero[8];
};

#define IPPROTO_IP	0
#define IPPROTO_RAW	255
#define IPPROTO_MAX	263	/* past IPPROTO_MPTCP (262) */

/* Level IPPROTO_IP. */
#define IP_TTL		2
#define IP_HDRINCL	3

/* Level SOL_RAW: a raw ICMP socket's filter, a bit per type to drop. */
#define SOL_RAW		255
#define ICMP_FILTER	1

#define MSG_ERRQUEUE	0x2000

#endif
