// SPDX-License-Identifier: MIT
/*
 * statfs() and fstatfs(): a file system's kind (f_type, Linux's magic
 * numbers: RAMFS_MAGIC for the root, TMPFS_MAGIC, PROC_SUPER_MAGIC,
 * SYSFS_MAGIC), its block counts where it has a size (tmpfs) and the
 * flags of the mount it is on, from its super_block's statfs, laid out
 * as x86-64's struct statfs.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/statfs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define PIPEFS_MAGIC	0x50495045

/* x86-64's struct statfs (every field a long but the fsid). */
struct statfs {
	long f_type, f_bsize;
	unsigned long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags;
	long f_spare[4];
};

static int vfs_statfs(struct inode *inode, struct kstatfs *buf)
{
	struct super_block *sb = inode->i_sb;
	int err = 0;

	memset(buf, 0, sizeof(*buf));
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (!sb)	/* a pipe's or a socket's inode: no file system of its own */
		buf->f_type = S_ISFIFO(inode->i_mode) ? PIPEFS_MAGIC : 0;
	else if (sb->s_op && sb->s_op->statfs)
		err = sb->s_op->statfs(sb, buf);
	else
		buf->f_type = sb->s_magic;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_flags = ST_VALID | (sb ? mount_flags_of(sb) : 0);
	return err;
}

static int do_statfs_native(struct kstatfs *st, struct statfs __user *p)
{
	struct statfs buf;

	memset(&buf, 0, sizeof(buf));
	buf.f_type = st->f_type;
	buf.f_bsize = st->f_bsize;
	buf.f_blocks = st->f_blocks;
	buf.f_bfree = st->f_bfree;
	buf.f_bavail = st->f_bavail;
	buf.f_files = st->f_files;
	buf.f_ffree = st->f_ffree;
	buf.f_fsid[0] = (int)st->f_fsid;
	buf.f_fsid[1] = (int)(st->f_fsid >> 32);
	buf.f_namelen = st->f_namelen;
	buf.f_frsize = st->f_frsize;
	buf.f_flags = st->f_flags;
	return copy_to_user(p, &buf, sizeof(buf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct dentry *dentry;
	struct kstatfs st;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &dentry);

	if (err)
		return err;
	err = vfs_statfs(dentry->d_inode, &st);
	dput(dentry);
	return err ?: do_statfs_native(&st, buf);
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *file = fget(fd);
	struct kstatfs st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_statfs(file_inode(file), &st);
	fput(file);
	return err ?: do_statfs_native(&st, buf);
}
