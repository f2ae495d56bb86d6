/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_STATFS_H
#define _LINUX_STATFS_H

/*
 * What statfs() reports of a file system (fs/statfs.c): filled by its
 * super_operations' statfs, then laid out as x86-64's struct statfs.
 */
#include <linux/types.h>
#include <uapi/linux/magic.h>

struct kstatfs {
	long	f_type;		/* the *_MAGIC number */
	long	f_bsize;
	u64	f_blocks, f_bfree, f_bavail;
	u64	f_files, f_ffree;
	u64	f_fsid;
	long	f_namelen;
	long	f_frsize;
	long	f_flags;	/* ST_* */
};

/* f_flags: the mount's flags (Linux's ST_* values). */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_RELATIME	0x1000
#define ST_VALID	0x0020	/* f_flags is filled in */

#endif
