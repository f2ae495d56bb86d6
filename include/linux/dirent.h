/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_DIRENT_H
#define _LINUX_DIRENT_H

#include <linux/types.h>

/*
 * One getdents64() record: d_reclen covers the header, the name and its
 * NUL, rounded up to 8 bytes so the next record's d_ino is aligned.
 */
struct linux_dirent64 {
	u64		d_ino;
	s64		d_off;		/* the position after this entry */
	unsigned short	d_reclen;
	unsigned char	d_type;		/* DT_* */
	char		d_name[];
};

#endif
