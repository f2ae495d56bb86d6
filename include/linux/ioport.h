/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

/*
 * A range of bus addresses a device decodes: an I/O port window or a
 * memory window, as Linux's struct resource (without the resource tree:
 * reflex takes the firmware's BAR assignment as it finds it).
 */
#include <linux/types.h>

struct resource {
	u64		start;
	u64		end;		/* inclusive */
	const char	*name;
	unsigned long	flags;		/* IORESOURCE_* */
};

#define IORESOURCE_IO		0x00000100	/* I/O ports */
#define IORESOURCE_MEM		0x00000200	/* memory */
#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_PREFETCH	0x00002000	/* no side effects on read */
#define IORESOURCE_MEM_64	0x00100000	/* a 64-bit BAR (two registers) */
#define IORESOURCE_UNSET	0x20000000	/* no address assigned */

static inline u64 resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}

#endif
