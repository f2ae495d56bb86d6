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
#include <linux/stat.h>
#include <linux/uaccess.h>
#include <asm/page.h>

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

/* openat2's struct open_how (uapi linux/openat2.h); later versions only grow it. */
struct open_how {
	u64 flags;
	u64 mode;
	u64 resolve;
};
#define OPEN_HOW_SIZE_VER0	24

#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20
#define VALID_RESOLVE_FLAGS	(RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS | \
				 RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED)
#define O_PATH_FLAGS		(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/*
 * A struct the caller may know a larger version of: the bytes we do not
 * know must be zero (-E2BIG otherwise), the ones it does not know are
 * zero, as Linux's copy_struct_from_user().
 */
static int copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	size_t size = min(ksize, usize);
	size_t i;

	memset(dst, 0, ksize);
	for (i = ksize; i < usize; i++) {
		char c;

		if (get_user(c, (char __user *)src + i))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	return copy_from_user(dst, src, size) ? -EFAULT : 0;
}

/* Linux's build_open_flags() checks, strict as openat2 is: the lookup flags, or an error. */
static long open_how_to_lookup(const struct open_how *how)
{
	unsigned long lookup = 0;

	if (how->flags & ~(u64)VALID_OPEN_FLAGS)
		return -EINVAL;
	if (how->resolve & ~(u64)VALID_RESOLVE_FLAGS)
		return -EINVAL;
	if ((how->resolve & RESOLVE_BENEATH) && (how->resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if (how->flags & (O_CREAT | __O_TMPFILE)) {
		if (how->mode & ~(u64)S_IALLUGO)
			return -EINVAL;
	} else if (how->mode) {
		return -EINVAL;
	}
	if ((how->flags & O_PATH) && (how->flags & ~(u64)O_PATH_FLAGS))
		return -EINVAL;
	/* Everything is in memory here: only what would create or truncate must not try. */
	if ((how->resolve & RESOLVE_CACHED) && (how->flags & (O_TRUNC | O_CREAT | __O_TMPFILE)))
		return -EAGAIN;
	if (how->resolve & RESOLVE_NO_XDEV)
		lookup |= LOOKUP_NO_XDEV;
	if (how->resolve & RESOLVE_NO_MAGICLINKS)
		lookup |= LOOKUP_NO_MAGICLINKS;
	if (how->resolve & RESOLVE_NO_SYMLINKS)
		lookup |= LOOKUP_NO_SYMLINKS;
	if (how->resolve & RESOLVE_BENEATH)
		lookup |= LOOKUP_BENEATH;
	if (how->resolve & RESOLVE_IN_ROOT)
		lookup |= LOOKUP_IN_ROOT;
	return lookup;
}

SYSCALL_DEFINE4(openat2, int, dfd, const char __user *, filename, struct open_how __user *, how,
		size_t, usize)
{
	struct open_how tmp;
	long lookup;
	struct file *f;
	char *name;
	int fd, err;

	if (usize < OPEN_HOW_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(&tmp, sizeof(tmp), how, usize);
	if (err)
		return err;
	if (!(tmp.flags & O_PATH))
		tmp.flags |= O_LARGEFILE;
	lookup = open_how_to_lookup(&tmp);
	if (lookup < 0)
		return lookup;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(tmp.flags);
	if (fd >= 0) {
		f = do_file_open_resolve(dfd, name, tmp.flags, tmp.mode, lookup);
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	putname(name);
	return fd;
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
