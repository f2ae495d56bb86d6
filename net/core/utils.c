// SPDX-License-Identifier: MIT
/*
 * Address text for IPv4: in4_pton() as Linux's (the ip= option and the
 * console parse with it) and in_ntoa() for messages and /proc, since
 * reflex's printk has no %pI4.
 */
#include <linux/kernel.h>
#include <linux/inet.h>

int in4_pton(const char *src, int srclen, u8 *dst, int delim, const char **end)
{
	const char *s = src, *stop = srclen < 0 ? NULL : src + srclen;
	int octet = 0, digits = 0;
	unsigned int v = 0;

	for (;; s++) {
		bool at_end = (stop && s >= stop) || !*s || *s == delim;

		if (!at_end && *s >= '0' && *s <= '9') {
			v = v * 10 + (*s - '0');
			if (v > 255 || ++digits > 3)
				break;
			continue;
		}
		if (!digits || (!at_end && *s != '.') || (at_end && octet != 3) ||
		    (!at_end && octet == 3))
			break;
		dst[octet++] = v;
		v = 0;
		digits = 0;
		if (at_end) {
			if (end)
				*end = s;
			return 1;
		}
	}
	if (end)
		*end = s;
	return 0;
}

char *in_ntoa(char *buf, __be32 addr)
{
	const u8 *b = (const u8 *)&addr;

	snprintf(buf, INET_ADDRSTRLEN, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return buf;
}
