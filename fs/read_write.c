// SPDX-License-Identifier: MIT
/*
 * Reading, writing and seeking: the checks every read or write passes
 * (open for it, an operation for it, a count capped at MAX_RW_COUNT),
 * the system calls read, write, pread64, pwrite64, readv, writev and
 * lseek, the generic llseek helpers, and kernel_read()/kernel_write()
 * for the kernel's own use of regular files.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/uio.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op || !file->f_op->read)
		return -EINVAL;
	if ((ssize_t)count < 0)
		return -EINVAL;
	if (!count)
		return 0;
	return file->f_op->read(file, buf, min(count, (size_t)MAX_RW_COUNT), pos);
}

ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op || !file->f_op->write)
		return -EINVAL;
	if ((ssize_t)count < 0)
		return -EINVAL;
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
	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	ret = mapping_write(inode, *pos, buf, min(count, (size_t)MAX_RW_COUNT), false);
	if (ret > 0)
		*pos += ret;
	return ret;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

static loff_t set_pos(struct file *file, loff_t pos)
{
	if (pos < 0)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}

/* Seek in a file whose end is at size; SEEK_DATA/SEEK_HOLE treat it as all data. */
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence, loff_t size)
{
	switch (whence) {
	case SEEK_SET:
		return set_pos(file, offset);
	case SEEK_CUR:
		if (!offset)
			return file->f_pos;	/* a position query never fails */
		return set_pos(file, file->f_pos + offset);
	case SEEK_END:
		return set_pos(file, size + offset);
	case SEEK_DATA:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return set_pos(file, offset);
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return set_pos(file, size);
	}
	return -EINVAL;
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, file_inode(file)->i_size);
}

/* Files whose position is not a byte offset (directories): SET and CUR only. */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_SET)
		return set_pos(file, offset);
	if (whence == SEEK_CUR)
		return set_pos(file, file->f_pos + offset);
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
static ssize_t do_pio(unsigned int fd, char __user *buf, size_t count, loff_t pos, bool write)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (!(file->f_mode & FMODE_PREAD) || !file->f_op || file->f_op->llseek == no_llseek ||
	    !file->f_op->llseek)
		ret = -ESPIPE;
	else
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

/*
 * readv/writev: the vector is copied and checked first (at most
 * UIO_MAXIOV segments, a total that fits ssize_t), then each segment
 * is one read or write; a short one ends the call, and an error counts
 * only if nothing was transferred before it.
 */
static ssize_t do_loop_rw(struct file *file, const struct iovec __user *uvec,
			  unsigned long vlen, bool write)
{
	struct iovec *iov;
	size_t total = 0;
	ssize_t ret = 0;
	unsigned long i;

	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uvec, vlen * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (i = 0; i < vlen; i++) {
		if ((ssize_t)iov[i].iov_len < 0 || total + iov[i].iov_len < total ||
		    (ssize_t)(total + iov[i].iov_len) < 0) {
			kfree(iov);
			return -EINVAL;
		}
		total += iov[i].iov_len;
	}
	for (i = 0, total = 0; i < vlen; i++) {
		ret = write ? vfs_write(file, iov[i].iov_base, iov[i].iov_len, &file->f_pos)
			    : vfs_read(file, iov[i].iov_base, iov[i].iov_len, &file->f_pos);
		if (ret < 0)
			break;
		total += ret;
		if ((size_t)ret < iov[i].iov_len)
			break;
	}
	kfree(iov);
	return total ? (ssize_t)total : ret;
}

static ssize_t do_readv_writev(unsigned long fd, const struct iovec __user *vec,
			       unsigned long vlen, bool write)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		ret = -EBADF;
	else
		ret = do_loop_rw(file, vec, vlen, write);
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
