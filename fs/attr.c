// SPDX-License-Identifier: MIT
/*
 * Checks on a change of a file's attributes. Only the size changes
 * through here (truncate, ftruncate); owners, modes and times are set
 * where they are asked for.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/resource.h>

/**
 * inode_newsize_ok() - may this file be cut or grown to offset?
 *
 * Shrinking always may; growing stops at the file system's s_maxbytes
 * (-EFBIG) and at the caller's RLIMIT_FSIZE (-EFBIG and SIGXFSZ).
 */
int inode_newsize_ok(const struct inode *inode, loff_t offset)
{
	unsigned long limit = rlimit(RLIMIT_FSIZE);

	if (offset < 0)
		return -EINVAL;
	if (offset <= inode->i_size)
		return 0;
	if (limit != RLIM_INFINITY && (u64)offset > limit) {
		send_sig(SIGXFSZ, current, 0);
		return -EFBIG;
	}
	if (offset > inode->i_sb->s_maxbytes)
		return -EFBIG;
	return 0;
}
