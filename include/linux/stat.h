/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H

#include <linux/types.h>
#include <uapi/linux/stat.h>

#define S_IRWXUGO	(S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IALLUGO	(S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO)
#define S_IRUGO		(S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO		(S_IWUSR | S_IWGRP | S_IWOTH)
#define S_IXUGO		(S_IXUSR | S_IXGRP | S_IXOTH)

/* What vfs_getattr() reports; cp_new_stat() turns it into the user's struct stat. */
struct kstat {
	u64 ino;
	dev_t dev;
	dev_t rdev;
	umode_t mode;
	unsigned int nlink;
	unsigned int uid, gid;
	loff_t size;
	s64 atime, mtime, ctime;	/* seconds since the epoch */
	unsigned long blksize;
	u64 blocks;			/* 512-byte units */
};

#endif
