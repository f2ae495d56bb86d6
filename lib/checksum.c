// SPDX-License-Identifier: MIT
/*
 * csum_partial(): the one loop behind every Internet checksum in the
 * stack (include/net/checksum.h builds the rest from it). Plain C over
 * 32-bit words into a 64-bit accumulator: a ones'-complement sum of
 * 32-bit words folds to the same 16 bits as one of 16-bit words, and no
 * carry is lost before the fold. Linux x86 has an assembly version of
 * the same contract.
 */
#include <linux/kernel.h>
#include <net/checksum.h>

__wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const u8 *p = buff;
	u64 s = sum;

	for (; len >= 4; len -= 4, p += 4) {
		u32 w;

		memcpy(&w, p, 4);	/* headers need not be aligned */
		s += w;
	}
	if (len >= 2) {
		u16 w;

		memcpy(&w, p, 2);
		s += w;
		len -= 2;
		p += 2;
	}
	if (len)
		s += *p;	/* little-endian: the lone byte is the word's first, wire-high byte */
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (__wsum)s;
}
