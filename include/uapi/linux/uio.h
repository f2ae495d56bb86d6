/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_LINUX_UIO_H
#define _UAPI_LINUX_UIO_H

#include <linux/types.h>

/* One segment of readv()/writev(). */
struct iovec {
	void *iov_base;		/* a user pointer */
	size_t iov_len;
};

#define UIO_MAXIOV	1024	/* the most segments one call takes */

#endif
