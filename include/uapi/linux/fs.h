/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_LINUX_FS_H
#define _UAPI_LINUX_FS_H

/* lseek() whence values. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

#endif
