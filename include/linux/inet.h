/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_INET_H
#define _LINUX_INET_H

/* Dotted-quad IPv4 addresses to and from text (net/core/utils.c). */
#include <linux/types.h>
#include <asm/byteorder.h>

#define INET_ADDRSTRLEN	16

/*
 * Parses a dotted quad from @src (@srclen bytes, -1: up to the NUL) into
 * @dst (4 bytes, wire order); stops at @delim or the end. 1 on success,
 * 0 on malformed text; *@end (if given) is where parsing stopped.
 */
int in4_pton(const char *src, int srclen, u8 *dst, int delim, const char **end);
/* "10.0.2.15" into @buf (INET_ADDRSTRLEN bytes). */
char *in_ntoa(char *buf, __be32 addr);

#endif
