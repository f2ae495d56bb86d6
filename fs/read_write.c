// SPDX-License-Identifier: MIT
/*
 * Reading, writing and seeking: the checks every read or write passes
 * in Linux's order (open for it, an operation for it, a buffer in the
 * user half, a position and count that make sense, a count capped at
 * MAX_RW_COUNT), the system calls read, write, pread64, pwrite64, readv,
 * writev, preadv, pwritev and lseek, the generic llseek helpers, and
 * kernel_read()/kernel_write() for the kernel's own use of regular files.
 *
 * The buffer is checked with access_ok() before the file's operation
 * runs, so a pointer into the kernel half fails with -EFAULT at once
 * instead of after a read has waited for input; an unmapped user
 * address still fails only when the copy faults, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/uio.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

/* A position and count a read or write may start with; ppos NULL for a stream. */
static int rw_verify_area(const loff_t *ppos, size_t count)
{
	if ((ssize_t)count < 0)
		return -EINVAL;
	if (ppos && (*ppos < 0 || (loff_t)(*ppos + count) < 0))
		return -EINVAL;
	return 0;
}

ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	int err;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op || !file->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	err = rw_verify_area(pos, count);
	if (err)
		return err;
	if (!count)
		return 0;
	return file->f_op->read(file, buf, min(count, (size_t)MAX_RW_COUNT), pos);
}

ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	int err;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op || !file->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	err = rw_verify_area(pos, count);
	if (err)
		return err;
	if (!count)
		return 0;
	return file->f_op->write(file, buf, min(count, (size_t)MAX_RW_COUNT), pos);
}

/*
 * Read a regular file into a kernel buffer (the ELF loader, the
 * initramfs); other files have no kernel path: -EINVAL, as Linux's
 * __kernel_read() for files without ->read_iter.
 */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	ssize_t ret;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!inode->i_mapping)
		return -EINVAL;
	if (*pos < 0)
		return -EINVAL;
	ret = mapping_read(inode, *pos, buf, min(count, (size_t)MAX_RW_COUNT), false);
	if (ret > 0)
		*pos += ret;
	return ret;
}

ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	ssize_t ret;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!inode->i_mapping)
		return -EINVAL;
	count = min(count, (size_t)MAX_RW_COUNT);
	ret = generic_write_checks(file, pos, &count);
	if (ret <= 0)
		return ret;
	ret = mapping_write(inode, *pos, buf, count, false);
	if (ret > 0)
		*pos += ret;
	return ret;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* Move to offset if it is a place in this file: not negative, not past maxsize. */
static loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/**
 * generic_file_llseek_size() - seek in a file of eof bytes that may grow to maxsize
 *
 * SEEK_DATA and SEEK_HOLE treat the file as all data up to eof.
 */
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof)
{
	switch (whence) {
	case SEEK_END:
		offset = (loff_t)((u64)offset + (u64)eof);	/* wraps negative: -EINVAL */
		break;
	case SEEK_CUR:
		if (!offset)
			return file->f_pos;	/* a position query never fails */
		offset = (loff_t)((u64)file->f_pos + (u64)offset);
		break;
	case SEEK_DATA:
		if ((u64)offset >= (u64)eof)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if ((u64)offset >= (u64)eof)
			return -ENXIO;
		offset = eof;
		break;
	}
	return vfs_setpos(file, offset, maxsize);
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);

	return generic_file_llseek_size(file, offset, whence, inode->i_sb->s_maxbytes,
					inode->i_size);
}

/* Files whose position is not a byte offset (directories): SET and CUR only. */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_SET)
		return vfs_setpos(file, offset, MAX_LFS_FILESIZE);
	if (whence == SEEK_CUR)
		return vfs_setpos(file, (loff_t)((u64)file->f_pos + (u64)offset), MAX_LFS_FILESIZE);
	return -EINVAL;
}

loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence < SEEK_SET || whence > SEEK_MAX)
		return -EINVAL;
	if (!file->f_op || !file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, long, offset, unsigned int, whence)
{
	struct file *file = fget(fd);
	loff_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_llseek(file, offset, whence);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_read(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_write(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

/* pread/pwrite only where the position is a byte offset: not pipes, ttys or sockets. */
static bool file_pio_ok(struct file *file)
{
	return (file->f_mode & FMODE_PREAD) && file->f_op && file->f_op->llseek &&
	       file->f_op->llseek != no_llseek;
}

/* The file behind fd for a positioned read or write at pos, or the error. */
static struct file *fget_pio(unsigned long fd, loff_t pos)
{
	struct file *file;

	if (pos < 0)
		return ERR_PTR(-EINVAL);
	file = fget(fd);
	if (!file)
		return ERR_PTR(-EBADF);
	if (!file_pio_ok(file)) {
		fput(file);
		return ERR_PTR(-ESPIPE);
	}
	return file;
}

static ssize_t do_pio(unsigned int fd, char __user *buf, size_t count, loff_t pos, bool write)
{
	struct file *file = fget_pio(fd, pos);
	ssize_t ret;

	if (IS_ERR(file))
		return PTR_ERR(file);
	ret = write ? vfs_write(file, buf, count, &pos) : vfs_read(file, buf, count, &pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, long, pos)
{
	return do_pio(fd, buf, count, pos, false);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count, long, pos)
{
	return do_pio(fd, (char __user *)buf, count, pos, true);
}

/**
 * import_iovec() - copy and check a readv/writev vector
 *
 * At most UIO_MAXIOV segments (-EINVAL), each of a length that fits
 * ssize_t (-EINVAL) and in the user half (-EFAULT); the total is cut
 * at MAX_RW_COUNT by shortening the segment that crosses it. Returns
 * the total, with *iovp the kernel copy to kfree().
 */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned long nr_segs,
		     struct iovec **iovp)
{
	struct iovec *iov;
	size_t total = 0;
	unsigned long i;

	*iovp = NULL;
	if (!nr_segs)
		return 0;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, nr_segs * sizeof(*iov)))
		goto fault;
	for (i = 0; i < nr_segs; i++)
		if ((ssize_t)iov[i].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
	for (i = 0; i < nr_segs; i++) {
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			goto fault;
		iov[i].iov_len = min(iov[i].iov_len, MAX_RW_COUNT - total);
		total += iov[i].iov_len;
	}
	*iovp = iov;
	return total;
fault:
	kfree(iov);
	return -EFAULT;
}

/*
 * Each segment is one call of the file's ->read or ->write, as Linux's
 * do_loop_readv_writev() for files without ->read_iter: a short one
 * ends the call, and an error counts only if nothing was transferred
 * before it. Empty segments are skipped (a pipe would wait on one).
 */
static ssize_t do_loop_readv_writev(struct file *file, struct iovec *iov,
				    unsigned long nr_segs, loff_t *ppos, bool write)
{
	ssize_t ret = 0, nr;
	unsigned long i;

	for (i = 0; i < nr_segs; i++) {
		if (!iov[i].iov_len)
			continue;
		nr = write ? file->f_op->write(file, iov[i].iov_base, iov[i].iov_len, ppos)
			   : file->f_op->read(file, iov[i].iov_base, iov[i].iov_len, ppos);
		if (nr < 0) {
			if (!ret)
				ret = nr;
			break;
		}
		ret += nr;
		if ((size_t)nr != iov[i].iov_len)
			break;
	}
	return ret;
}

/* vfs_readv/vfs_writev: the vector is checked before the file is. */
static ssize_t vfs_iov_rw(struct file *file, const struct iovec __user *vec,
			  unsigned long vlen, loff_t *ppos, bool write)
{
	struct iovec *iov;
	ssize_t ret = import_iovec(vec, vlen, &iov);

	if (ret < 0)
		return ret;
	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		ret = -EBADF;
	else if (!file->f_op || (write ? !file->f_op->write : !file->f_op->read))
		ret = -EINVAL;
	else if (ret)
		ret = rw_verify_area(ppos, ret) ?: do_loop_readv_writev(file, iov, vlen, ppos, write);
	kfree(iov);
	return ret;
}

static ssize_t do_readv_writev(unsigned long fd, const struct iovec __user *vec,
			       unsigned long vlen, bool write)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_iov_rw(file, vec, vlen, &file->f_pos, write);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_readv_writev(fd, vec, vlen, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_readv_writev(fd, vec, vlen, true);
}

/* preadv/pwritev: at pos, which must be a byte offset, as pread64/pwrite64. */
static ssize_t do_preadv_pwritev(unsigned long fd, const struct iovec __user *vec,
				 unsigned long vlen, loff_t pos, bool write)
{
	struct file *file = fget_pio(fd, pos);
	ssize_t ret;

	if (IS_ERR(file))
		return PTR_ERR(file);
	ret = vfs_iov_rw(file, vec, vlen, &pos, write);
	fput(file);
	return ret;
}

/* The offset comes in two halves for 32-bit callers; on x86-64 pos_l is all of it. */
SYSCALL_DEFINE5(preadv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h)
{
	return do_preadv_pwritev(fd, vec, vlen, (loff_t)pos_l, false);
}

SYSCALL_DEFINE5(pwritev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h)
{
	return do_preadv_pwritev(fd, vec, vlen, (loff_t)pos_l, true);
}
