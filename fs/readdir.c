// SPDX-License-Identifier: MIT
/*
 * Reading directories: iterate_dir() runs a directory's iterate_shared()
 * from the file's position and stores the new one; getdents64 packs the
 * entries into the caller's buffer as struct linux_dirent64 records.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/dirent.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	int err;

	if (!file->f_op || !file->f_op->iterate_shared)
		return -ENOTDIR;
	if (file->f_mode & FMODE_PATH)
		return -EBADF;
	ctx->pos = file->f_pos;
	err = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	return err;
}

struct getdents_callback64 {
	struct dir_context ctx;
	char __user *current_dir;	/* where the next record goes */
	int count;			/* room left */
	int error;
};

static bool filldir64(struct dir_context *ctx, const char *name, int namlen,
		      loff_t offset, u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, 8);
	struct linux_dirent64 *d;
	char rec[ALIGN(offsetof(struct linux_dirent64, d_name) + NAME_MAX + 1, 8)];

	if (reclen > buf->count) {
		buf->error = -EINVAL;	/* reported only if nothing fitted */
		return false;
	}
	d = (struct linux_dirent64 *)rec;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = offset + 1;	/* where a later call resumes: after this entry */
	d->d_reclen = reclen;
	d->d_type = d_type;
	memcpy(d->d_name, name, namlen);
	if (copy_to_user(buf->current_dir, rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, struct linux_dirent64 __user *, dirent,
		unsigned int, count)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.current_dir = (char __user *)dirent,
		.count = min(count, 0x7fffffffU),
	};
	struct file *f;
	int err;

	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = iterate_dir(f, &buf.ctx);
	fput(f);
	if (err)
		return err;
	if (buf.current_dir != (char __user *)dirent)
		return buf.current_dir - (char __user *)dirent;
	return buf.error;
}
