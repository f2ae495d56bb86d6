/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_BITMAP_H
#define _LINUX_BITMAP_H

/*
 * Bitmaps as text (lib/bitmap-str.c), in Linux's formats: the hex form
 * of %*pb ("f", "1,00000000": 32-bit words, most significant first,
 * separated by commas) and the list form of %*pbl ("0-3,5").
 */
#include <linux/types.h>

#define BITMAP_BITS_PER_LONG	64

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < (nbits + BITMAP_BITS_PER_LONG - 1) / BITMAP_BITS_PER_LONG; i++)
		dst[i] = 0;
}

/*
 * Hex words of at most 32 bits, the last word the lowest; commas and
 * white space separate words, text ends at a NUL, a newline or after
 * buflen bytes. -EINVAL for a character that is not a hex digit,
 * -EOVERFLOW for a word wider than 32 bits or a bit at or above
 * nmaskbits.
 */
int bitmap_parse(const char *buf, unsigned int buflen, unsigned long *maskp, int nmaskbits);
/*
 * Decimal bits and ranges separated by commas: "0-2,5", groups
 * "0-7:2/4" (the first 2 of every 4), "N" for the last bit, "all".
 * -EINVAL for bad syntax or an empty or reversed range, -ERANGE for a
 * bit at or above nmaskbits, -EOVERFLOW for a number past 32 bits.
 */
int bitmap_parselist(const char *buf, unsigned long *maskp, int nmaskbits);
/* %*pb and %*pbl into buf (size bytes); the length the whole text needs. */
int bitmap_print_hex(char *buf, size_t size, const unsigned long *maskp, int nmaskbits);
int bitmap_print_list(char *buf, size_t size, const unsigned long *maskp, int nmaskbits);
/* The mask and a newline into a page, as a sysfs show() returns it; the length. */
int bitmap_print_to_pagebuf(bool list, char *buf, const unsigned long *maskp, int nmaskbits);

#endif
