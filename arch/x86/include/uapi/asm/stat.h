/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_ASM_X86_STAT_H
#define _UAPI_ASM_X86_STAT_H

/*
 * struct stat as x86-64 user space sees it (stat, fstat, lstat,
 * newfstatat): 144 bytes, the layout musl's and glibc's struct kstat
 * expect. Times are seconds and nanoseconds since the epoch.
 */
struct stat {
	unsigned long	st_dev;
	unsigned long	st_ino;
	unsigned long	st_nlink;	/* before st_mode on x86-64, unlike i386 */
	unsigned int	st_mode;
	unsigned int	st_uid;
	unsigned int	st_gid;
	unsigned int	__pad0;
	unsigned long	st_rdev;
	long		st_size;
	long		st_blksize;
	long		st_blocks;	/* in 512-byte units */
	unsigned long	st_atime;
	unsigned long	st_atime_nsec;
	unsigned long	st_mtime;
	unsigned long	st_mtime_nsec;
	unsigned long	st_ctime;
	unsigned long	st_ctime_nsec;
	long		__unused[3];
};

#endif
