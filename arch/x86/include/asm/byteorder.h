/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H

/*
 * Network byte order on a little-endian CPU. The __be types are plain
 * integers here (no sparse), named so that a reader sees which fields
 * hold wire order; every conversion goes through the macros below.
 */
#include <linux/types.h>

typedef u16 __be16;
typedef u32 __be32;
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
typedef u16 __sum16;	/* a folded, complemented Internet checksum, wire order */
typedef u32 __wsum;	/* a 32-bit partial sum, not yet folded */

#define __swab16(x)	((u16)__builtin_bswap16((u16)(x)))
#define __swab32(x)	((u32)__builtin_bswap32((u32)(x)))

#define cpu_to_be16(x)	__swab16(x)
#define be16_to_cpu(x)	__swab16(x)
#define cpu_to_be32(x)	__swab32(x)
#define be32_to_cpu(x)	__swab32(x)
#define cpu_to_le16(x)	((u16)(x))
#define le16_to_cpu(x)	((u16)(x))
#define cpu_to_le32(x)	((u32)(x))
#define le32_to_cpu(x)	((u32)(x))
#define cpu_to_le64(x)	((u64)(x))

#define htons(x)	cpu_to_be16(x)
#define ntohs(x)	be16_to_cpu(x)
#define htonl(x)	cpu_to_be32(x)
#define ntohl(x)	be32_to_cpu(x)

#endif
