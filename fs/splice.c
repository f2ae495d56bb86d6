// SPDX-License-Identifier: MIT
/*
 * sendfile, splice, tee and copy_file_range, with Linux's checks in
 * Linux's order.
 *
 * reflex has no pipe buffers that point at page-cache pages, so every
 * one of them copies. The data goes through a bounce buffer in the
 * caller's own address space (a private anonymous mapping made for the
 * call and unmapped after it), read with the source's ->read and written
 * with the destination's ->write: any file that can be read or written
 * can be either end (regular files, /proc and tracefs files, pipes,
 * sockets, terminals), with no kernel path of its own. The mapping shows
 * in /proc/PID/maps while the call runs. A pipe source is peeked and
 * then consumed by what the destination took, so a short write loses
 * nothing; SPLICE_F_NONBLOCK makes the pipe side non-blocking, as on
 * Linux (the other file blocks as it was opened). copy_file_range()
 * copies between regular files of one file system in kernel buffers.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/mm_types.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/syscalls.h>
#include <uapi/linux/stat.h>


#define SPLICE_BOUNCE		(64 * 1024)

static long bounce_alloc(size_t len)
{
	if (!current->mm)
		return -EINVAL;
	return do_mmap(NULL, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0, NULL);
}

static void bounce_free(unsigned long addr, size_t len)
{
	struct mm_struct *mm = current->mm;

	mmap_write_lock(mm);
	do_munmap(mm, addr, addr + ALIGN(len, PAGE_SIZE));
	mmap_write_unlock(mm);
}

/* What a file's maximum offset is; pipes and sockets have no superblock. */
static loff_t file_maxbytes(struct file *file)
{
	struct super_block *sb = file_inode(file)->i_sb;

	return sb ? sb->s_maxbytes : MAX_LFS_FILESIZE;
}

/*
 * Moves up to @len bytes from @in (at *@ipos; a pipe is peeked) to
 * @out (at *@opos; a pipe is written as @nb says), @bsize bytes at a
 * time through the bounce buffer @ubuf. Stops at the first short read
 * or short write, as a splice returns once some data moved. The bytes
 * moved, or the first error when none did.
 */
static ssize_t splice_copy(struct file *in, loff_t *ipos, struct file *out, loff_t *opos,
			   size_t len, bool nb, char __user *ubuf, size_t bsize)
{
	bool in_pipe = get_pipe_info(in), out_pipe = get_pipe_info(out);
	ssize_t r, w = 0, done = 0;

	while (done < (ssize_t)len) {
		size_t n = min(len - done, bsize);
		loff_t rpos = *ipos;

		r = in_pipe ? pipe_peek(in, ubuf, n, nb) : vfs_read(in, ubuf, n, &rpos);
		if (r <= 0) {
			w = r;
			break;
		}
		w = out_pipe ? pipe_write_nonblock(out, ubuf, r, nb) : vfs_write(out, ubuf, r, opos);
		if (w <= 0)
			break;
		if (in_pipe)
			pipe_consume(in, w);
		else
			*ipos += w;
		done += w;
		if (w < r || r < (ssize_t)n)
			break;
	}
	return done ? done : w;
}

/* The bounce buffer around splice_copy(). */
static ssize_t do_splice_copy(struct file *in, loff_t *ipos, struct file *out, loff_t *opos,
			      size_t len, bool nb)
{
	size_t bsize = min(len, (size_t)SPLICE_BOUNCE);
	ssize_t ret;
	long ubuf;

	if (!len)
		return 0;
	ubuf = bounce_alloc(bsize);
	if (ubuf < 0)
		return ubuf;
	ret = splice_copy(in, ipos, out, opos, len, nb, (char __user *)ubuf, bsize);
	bounce_free(ubuf, bsize);
	return ret;
}

/* Linux's do_sendfile(): @ppos NULL means the input file's own position. */
static ssize_t do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in, *out = NULL;
	loff_t pos, out_pos, max;
	ssize_t ret = -EBADF;

	in = fget(in_fd);
	if (!in)
		return -EBADF;
	if (!(in->f_mode & FMODE_READ))
		goto out;
	if (ppos) {
		pos = *ppos;
		ret = -ESPIPE;
		if (!(in->f_mode & FMODE_PREAD))
			goto out;
	} else {
		pos = in->f_pos;
	}
	ret = -EINVAL;
	if ((ssize_t)count < 0 || pos < 0 || pos + (loff_t)count < 0)
		goto out;
	count = min(count, (size_t)MAX_RW_COUNT);
	ret = -EBADF;
	out = fget(out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE))
		goto out;
	max = min(file_maxbytes(in), file_maxbytes(out));
	if (pos + (loff_t)count > max) {
		ret = -EOVERFLOW;
		if (pos >= max)
			goto out;
		count = max - pos;
	}
	/* Linux 6.1 reads sendfile's input with ->splice_read, which pipes lack. */
	ret = -EINVAL;
	if (get_pipe_info(in))
		goto out;
	if (!get_pipe_info(out) && (out->f_flags & O_APPEND))
		goto out;
	out_pos = out->f_pos;
	ret = do_splice_copy(in, &pos, out, &out_pos, count, out->f_flags & O_NONBLOCK);
	if (ret > 0) {
		if (!ppos)
			in->f_pos = pos;
		else
			*ppos = pos;
		if (!get_pipe_info(out))
			out->f_pos = out_pos;
	}
out:
	if (out)
		fput(out);
	fput(in);
	return ret;
}

SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, offset, size_t, count)
{
	loff_t pos;
	ssize_t ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count);
	if (put_user(pos, offset))
		return -EFAULT;
	return ret;
}

/* Linux's do_splice(): one end must be a pipe; a pipe takes no offset. */
static long do_splice(struct file *in, loff_t *off_in, struct file *out, loff_t *off_out,
		      size_t len, unsigned int flags)
{
	bool ipipe = get_pipe_info(in), opipe = get_pipe_info(out);
	bool nb = flags & SPLICE_F_NONBLOCK;
	loff_t offset, none = 0;
	long ret;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (ipipe && opipe) {
		if (off_in || off_out)
			return -ESPIPE;
		if (in->private_data == out->private_data)
			return -EINVAL;
		nb |= (in->f_flags | out->f_flags) & O_NONBLOCK;
		return do_splice_copy(in, &none, out, &none, len, nb);
	}
	if (ipipe) {
		if (off_out) {
			if (!(out->f_mode & FMODE_PREAD))
				return -EINVAL;
			offset = *off_out;
		} else {
			offset = out->f_pos;
		}
		if (out->f_flags & O_APPEND)
			return -EINVAL;
		if ((ssize_t)len < 0 || offset < 0 || offset + (loff_t)len < 0)
			return -EINVAL;
		nb |= in->f_flags & O_NONBLOCK;
		ret = do_splice_copy(in, &none, out, &offset, min(len, (size_t)MAX_RW_COUNT), nb);
		if (off_out)
			*off_out = offset;
		else
			out->f_pos = offset;
		return ret;
	}
	if (opipe) {
		if (off_in) {
			if (!(in->f_mode & FMODE_PREAD))
				return -EINVAL;
			offset = *off_in;
		} else {
			offset = in->f_pos;
		}
		if ((ssize_t)len < 0 || offset < 0 || offset + (loff_t)len < 0)
			return -EINVAL;
		nb |= out->f_flags & O_NONBLOCK;
		/* A file with its own way into a pipe (trace_pipe_raw's whole pages). */
		if (in->f_op->splice_read)
			ret = in->f_op->splice_read(in, &offset, get_pipe_info(out),
						    min(len, (size_t)MAX_RW_COUNT),
						    flags | (nb ? SPLICE_F_NONBLOCK : 0));
		else
			ret = do_splice_copy(in, &offset, out, &none,
					     min(len, (size_t)MAX_RW_COUNT), nb);
		if (off_in)
			*off_in = offset;
		else
			in->f_pos = offset;
		return ret;
	}
	return -EINVAL;
}

/* The offsets are read before and written back after, as Linux's __do_splice(). */
SYSCALL_DEFINE6(splice, int, fd_in, loff_t __user *, off_in, int, fd_out,
		loff_t __user *, off_out, size_t, len, unsigned int, flags)
{
	loff_t kin, kout, *pin = NULL, *pout = NULL;
	struct file *in, *out;
	long ret;

	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	ret = -EBADF;
	out = fget(fd_out);
	if (!out)
		goto put_in;
	ret = -ESPIPE;
	if ((get_pipe_info(in) && off_in) || (get_pipe_info(out) && off_out))
		goto put_out;
	ret = -EFAULT;
	if (off_out) {
		if (copy_from_user(&kout, off_out, sizeof(kout)))
			goto put_out;
		pout = &kout;
	}
	if (off_in) {
		if (copy_from_user(&kin, off_in, sizeof(kin)))
			goto put_out;
		pin = &kin;
	}
	ret = do_splice(in, pin, out, pout, len, flags);
	if (pout && put_user(kout, off_out))
		ret = -EFAULT;
	if (pin && put_user(kin, off_in))
		ret = -EFAULT;
put_out:
	fput(out);
put_in:
	fput(in);
	return ret;
}

SYSCALL_DEFINE4(tee, int, fdin, int, fdout, size_t, len, unsigned int, flags)
{
	struct file *in, *out;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = fget(fdin);
	if (!in)
		return -EBADF;
	ret = -EBADF;
	out = fget(fdout);
	if (!out)
		goto put_in;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto put_out;
	ret = -EINVAL;
	if (!get_pipe_info(in) || !get_pipe_info(out) || in->private_data == out->private_data)
		goto put_out;
	ret = pipe_tee(in, out, len, (flags & SPLICE_F_NONBLOCK) ||
		       ((in->f_flags | out->f_flags) & O_NONBLOCK));
put_out:
	fput(out);
put_in:
	fput(in);
	return ret;
}

/*
 * Linux's generic_copy_file_checks() and the same-superblock rule of
 * vfs_copy_file_range() (-EXDEV across file systems). The copy goes
 * through kernel buffers: both are regular files with pages.
 */
static ssize_t do_copy_file_range(struct file *in, loff_t *pos_in, struct file *out,
				  loff_t *pos_out, size_t len)
{
	struct inode *iin = file_inode(in), *iout = file_inode(out);
	ssize_t ret = 0, done = 0;
	char *buf;

	if (S_ISDIR(iin->i_mode) || S_ISDIR(iout->i_mode))
		return -EISDIR;
	if (!S_ISREG(iin->i_mode) || !S_ISREG(iout->i_mode))
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		return -EBADF;
	if (*pos_in < 0 || *pos_out < 0 || (ssize_t)len < 0)
		return -EINVAL;
	if (*pos_in + (loff_t)len < *pos_in || *pos_out + (loff_t)len < *pos_out)
		return -EOVERFLOW;
	if (iin == iout && *pos_out + (loff_t)len > *pos_in && *pos_in + (loff_t)len > *pos_out)
		return -EINVAL;
	if (iin->i_sb != iout->i_sb)
		return -EXDEV;
	if (!iin->i_mapping || !iout->i_mapping)
		return -EINVAL;
	len = min(len, (size_t)MAX_RW_COUNT);
	len = *pos_in >= iin->i_size ? 0 : min(len, (size_t)(iin->i_size - *pos_in));
	if (!len)
		return 0;
	buf = kmalloc(min(len, (size_t)SPLICE_BOUNCE), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (done < (ssize_t)len) {
		size_t n = min(len - done, (size_t)SPLICE_BOUNCE);
		loff_t rpos = *pos_in;
		ssize_t r = kernel_read(in, buf, n, &rpos), w;

		if (r <= 0) {
			ret = r;
			break;
		}
		w = kernel_write(out, buf, r, pos_out);
		if (w <= 0) {
			ret = w;
			break;
		}
		*pos_in += w;
		done += w;
		if (w < r)
			break;
		if (fatal_signal_pending(current))
			break;
	}
	kfree(buf);
	return done ? done : ret;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, loff_t __user *, off_in, int, fd_out,
		loff_t __user *, off_out, size_t, len, unsigned int, flags)
{
	struct file *in, *out;
	loff_t pin, pout;
	ssize_t ret;

	if (flags)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	ret = -EBADF;
	out = fget(fd_out);
	if (!out)
		goto put_in;
	ret = -EFAULT;
	if (off_in) {
		if (copy_from_user(&pin, off_in, sizeof(pin)))
			goto put_out;
	} else {
		pin = in->f_pos;
	}
	if (off_out) {
		if (copy_from_user(&pout, off_out, sizeof(pout)))
			goto put_out;
	} else {
		pout = out->f_pos;
	}
	ret = do_copy_file_range(in, &pin, out, &pout, len);
	if (ret > 0) {
		if (off_in) {
			if (put_user(pin, off_in))
				ret = -EFAULT;
		} else {
			in->f_pos = pin;
		}
		if (off_out) {
			if (put_user(pout, off_out))
				ret = -EFAULT;
		} else {
			out->f_pos = pout;
		}
	}
put_out:
	fput(out);
put_in:
	fput(in);
	return ret;
}
