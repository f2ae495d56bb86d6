/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KDEV_T_H
#define _LINUX_KDEV_T_H

/*
 * Device numbers. Inside the kernel a dev_t is major << 20 | minor;
 * user space (st_rdev, mknod) sees the "new" encoding, where the low
 * byte of the minor stays in bits 0-7 so that old 8:8 numbers read the same.
 */
#include <linux/types.h>

#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (mi))

static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

#endif
