// SPDX-License-Identifier: MIT
/*
 * Opening and closing: the open family of system calls, the kernel's
 * filp_open()/filp_close(), the working directory (chdir, fchdir),
 * access checks, umask and truncation. The path and O_* rules are in
 * fs/namei.c's do_filp_open(); this file turns its result into a
 * descriptor.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fcntl.h>
#include <linux/filelock.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

/* Open a file by a kernel path, relative to the caller's working directory. */
struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	return do_filp_open(AT_FDCWD, NULL, filename, flags, mode);
}

/* Open relative to base whatever the caller's working directory is. */
struct file *file_open_root(struct dentry *base, const char *filename, int flags, umode_t mode)
{
	return do_filp_open(AT_FDCWD, base, filename, flags, mode);
}

int filp_close(struct file *filp)
{
	/* Any close drops the process's record locks on the file (POSIX). */
	if (current->files)
		locks_remove_posix(filp, current->files);
	fput(filp);
	return 0;
}

long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct file *f;
	char *name;
	int fd;

	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		goto out;
	f = do_filp_open(dfd, NULL, name, flags, mode);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		fd = PTR_ERR(f);
	} else {
		fd_install(fd, f);
	}
out:
	putname(name);
	return fd;
}

/* 64-bit: every open is a large-file open, as Linux's force_o_largefile(). */
SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC | O_LARGEFILE, mode);
}

/* Make dentry (referenced by the caller, consumed here) the working directory. */
static int set_cwd(struct dentry *dentry)
{
	struct files_struct *files = current->files;
	struct dentry *old;

	if (!S_ISDIR(dentry->d_inode->i_mode)) {
		dput(dentry);
		return -ENOTDIR;
	}
	if (!files) {
		dput(dentry);
		return -ENOMEM;
	}
	spin_lock(&files->file_lock);
	old = files->cwd;
	files->cwd = dentry;
	spin_unlock(&files->file_lock);
	if (old)
		dput(old);
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct dentry *dentry;
	int err;

	err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dentry);
	if (err)
		return err;
	return set_cwd(dentry);
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *file = fget(fd);
	struct dentry *dentry;

	if (!file)
		return -EBADF;
	dentry = dget(file->f_dentry);
	fput(file);
	return set_cwd(dentry);
}

/* As root: existence, and for X_OK an execute bit (or a directory). */
static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	struct dentry *dentry;
	unsigned int lf = LOOKUP_FOLLOW;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lf = 0;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lf, &dentry);
	if (err)
		return err;
	if ((mode & X_OK) && !S_ISDIR(dentry->d_inode->i_mode))
		err = inode_permission(dentry->d_inode, MAY_EXEC);
	dput(dentry);
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

/* Linux keeps umask in kernel/sys.c; it lives beside the working directory here. */
SYSCALL_DEFINE1(umask, int, mask)
{
	struct files_struct *files = current->files;
	umode_t old;

	if (!files)
		return 0022;
	spin_lock(&files->file_lock);
	old = files->umask;
	files->umask = mask & S_IRWXUGO;
	spin_unlock(&files->file_lock);
	return old;
}

/* Linux's do_truncate() after its callers' checks: a regular file with pages. */
static long do_truncate(struct inode *inode, loff_t length)
{
	long err = inode_newsize_ok(inode, length);

	return err ?: mapping_truncate(inode, length);
}

/* As Linux's do_sys_ftruncate(): the length first, then the descriptor, then what it is. */
SYSCALL_DEFINE2(ftruncate, unsigned int, fd, long, length)
{
	struct file *file;
	struct inode *inode;
	long err = -EINVAL;

	if (length < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	inode = file_inode(file);
	if (S_ISREG(inode->i_mode) && inode->i_mapping && (file->f_mode & FMODE_WRITE))
		err = do_truncate(inode, length);
	fput(file);
	return err;
}

static long vfs_truncate(struct dentry *dentry, loff_t length)
{
	struct inode *inode = dentry->d_inode;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || !inode->i_mapping)
		return -EINVAL;
	return do_truncate(inode, length);
}

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	struct dentry *dentry;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &dentry);
	if (err)
		return err;
	err = vfs_truncate(dentry, length);
	dput(dentry);
	return err;
}
