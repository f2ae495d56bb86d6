/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CRC32_H
#define _LINUX_CRC32_H

#include <linux/types.h>

/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xedb88320), continuing from
 * crc without pre- or post-inversion, as Linux's crc32_le(): gzip's
 * checksum is crc32_le(~0, data, len) ^ ~0.
 */
u32 crc32_le(u32 crc, const void *p, size_t len);

#endif
