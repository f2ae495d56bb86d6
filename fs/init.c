// SPDX-License-Identifier: MIT
/*
 * Path-based operations for kernel code that builds the tree (the
 * initramfs unpacker, the /dev setup), with Linux's init_* names. Paths
 * are kernel strings, relative ones from the caller's working directory
 * (the root for kernel threads), and no umask applies: the archive's
 * modes are taken as they are.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <linux/sched.h>

/* Run fn with no umask (the archive's modes are exact), whatever the caller's is. */
#define WITHOUT_UMASK(expr) ({						\
	struct files_struct *__f = current->files;			\
	umode_t __old = __f ? __f->umask : 0;				\
	int __ret;							\
	if (__f)							\
		__f->umask = 0;						\
	__ret = (expr);							\
	if (__f)							\
		__f->umask = __old;					\
	__ret;								\
})

int init_mkdir(const char *pathname, umode_t mode)
{
	return WITHOUT_UMASK(do_mkdirat(AT_FDCWD, pathname, mode));
}

int init_mknod(const char *pathname, umode_t mode, dev_t dev)
{
	return WITHOUT_UMASK(do_mknodat(AT_FDCWD, pathname, mode, dev));
}

int init_symlink(const char *oldname, const char *newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}

int init_unlink(const char *pathname)
{
	return do_unlinkat(AT_FDCWD, pathname);
}

int init_rmdir(const char *pathname)
{
	return do_rmdir(AT_FDCWD, pathname);
}

static int init_inode_op(const char *pathname, unsigned int flags, void (*op)(struct inode *, s64),
			 s64 arg)
{
	struct dentry *dentry;
	int err = kern_path(pathname, flags, &dentry);

	if (err)
		return err;
	op(dentry->d_inode, arg);
	dput(dentry);
	return 0;
}

static void set_mode(struct inode *inode, s64 mode)
{
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & S_IALLUGO);
}

static void set_mtime(struct inode *inode, s64 mtime)
{
	inode->i_mtime = mtime;
}

static void set_owner(struct inode *inode, s64 ids)
{
	inode->i_uid = (u32)ids;
	inode->i_gid = (u32)(ids >> 32);
}

/* The name itself, not a symlink's target (Linux's init_chown with AT_SYMLINK_NOFOLLOW). */
int init_chown(const char *pathname, unsigned int user, unsigned int group)
{
	return init_inode_op(pathname, 0, set_owner, (s64)((u64)group << 32 | user));
}

int init_chmod(const char *pathname, umode_t mode)
{
	return init_inode_op(pathname, LOOKUP_FOLLOW, set_mode, mode);
}

/* The time of the name itself (a symlink's own, as Linux's do_utime on the archive's entries). */
int init_utime(const char *pathname, s64 mtime)
{
	return init_inode_op(pathname, 0, set_mtime, mtime);
}

int init_stat(const char *pathname, struct kstat *stat, int flags)
{
	unsigned int lf = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct dentry *dentry;
	int err = kern_path(pathname, lf, &dentry);

	if (err)
		return err;
	err = vfs_getattr(dentry, stat);
	dput(dentry);
	return err;
}
