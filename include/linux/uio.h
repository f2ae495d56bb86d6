/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <uapi/linux/uio.h>

#define MAX_RW_COUNT	(0x7fffffff & ~4095L)	/* INT_MAX rounded down to a page: Linux's cap */

/* fs/read_write.c: a user iovec array checked and copied in; the total length. */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned long nr_segs,
		     struct iovec **iovp);

#endif
