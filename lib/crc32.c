// SPDX-License-Identifier: MIT
/*
 * CRC-32 by table, one byte at a time: the gzip trailer's check of the
 * initramfs. The 256-entry table is computed on first use.
 */
#include <linux/crc32.h>

#define CRC32_POLY_LE	0xedb88320u

static u32 crc32_table[256];
static bool crc32_table_ready;

static void crc32_init_table(void)
{
	unsigned int i, bit;

	for (i = 0; i < 256; i++) {
		u32 c = i;

		for (bit = 0; bit < 8; bit++)
			c = (c >> 1) ^ ((c & 1) ? CRC32_POLY_LE : 0);
		crc32_table[i] = c;
	}
	crc32_table_ready = true;
}

u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;

	if (!crc32_table_ready)
		crc32_init_table();
	while (len--)
		crc = (crc >> 8) ^ crc32_table[(crc ^ *b++) & 0xff];
	return crc;
}
