// SPDX-License-Identifier: MIT
/*
 * splice(2): bytes moved between a pipe and a file (or two pipes)
 * without passing through user memory, with Linux's checks in Linux's
 * order. What trace-cmd record does with it: trace_pipe_raw's whole
 * pages into a pipe, then the pipe into the trace file.
 *
 * The ring of a reflex pipe holds bytes, not page references, so every
 * move is a copy through a kernel buffer of a page; what the caller sees
 * (counts, waits, errors) is what Linux gives. Into a pipe: a file's own
 * ->splice_read(), or, for a regular file, its page cache. Out of a
 * pipe: into a regular file through its page cache, or into another
 * pipe. Other files are -EINVAL, as Linux's without read_iter/write_iter.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/pipe_fs_i.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/page.h>

/* A regular file's bytes at *ppos into the pipe: as much as is there and fits. */
static ssize_t copy_splice_read(struct file *in, loff_t *ppos, struct pipe_inode_info *pipe,
				size_t len, unsigned int flags)
{
	struct inode *inode = file_inode(in);
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t n, done = 0;

	if (!buf)
		return -ENOMEM;
	while (done < (ssize_t)len) {
		size_t want = min(len - done, PAGE_SIZE);

		/* Wait for room only before the first byte; then take what fits. */
		if (done && !pipe_has_room(pipe, want))
			break;
		n = mapping_read(inode, *ppos, buf, want, false);
		if (n <= 0) {
			if (!done)
				done = n;
			break;
		}
		n = pipe_put_kernel(pipe, buf, n, flags & SPLICE_F_NONBLOCK);
		if (n < 0) {
			if (!done)
				done = n;
			break;
		}
		*ppos += n;
		done += n;
	}
	kfree(buf);
	return done;
}

static ssize_t splice_file_to_pipe(struct file *in, struct pipe_inode_info *opipe,
				   loff_t *ppos, size_t len, unsigned int flags)
{
	if (in->f_op->splice_read)
		return in->f_op->splice_read(in, ppos, opipe, len, flags);
	if (!S_ISREG(file_inode(in)->i_mode) || !file_inode(in)->i_mapping)
		return -EINVAL;
	return copy_splice_read(in, ppos, opipe, len, flags);
}

/*
 * Out of @ipipe into @out (a regular file, or the pipe @opipe): waits for
 * bytes unless non-blocking, 0 once the pipe is empty with no writer.
 * Bytes the destination does not take stay in the pipe.
 */
static ssize_t splice_from_pipe(struct pipe_inode_info *ipipe, struct file *out,
				struct pipe_inode_info *opipe, loff_t *ppos, size_t len,
				unsigned int flags)
{
	bool nonblock = flags & SPLICE_F_NONBLOCK;
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t n, w, done = 0;

	if (!buf)
		return -ENOMEM;
	while (done < (ssize_t)len) {
		/* Wait only for the first byte; afterwards move what is there. */
		n = pipe_peek_kernel(ipipe, buf, min(len - done, PAGE_SIZE), nonblock || done);
		if (n <= 0) {
			if (!done)
				done = n;
			break;
		}
		if (opipe)
			w = pipe_put_kernel(opipe, buf, n, nonblock || done);
		else
			w = kernel_write(out, buf, n, ppos);
		if (w <= 0) {
			if (!done)
				done = w;
			break;
		}
		pipe_consume(ipipe, w);
		done += w;
		if (w < n)
			break;
	}
	kfree(buf);
	return done;
}

static long do_splice(struct file *in, loff_t __user *off_in, struct file *out,
		      loff_t __user *off_out, size_t len, unsigned int flags)
{
	struct pipe_inode_info *ipipe = get_pipe_info(in);
	struct pipe_inode_info *opipe = get_pipe_info(out);
	loff_t offset, *ppos;
	long ret;

	if ((ipipe && off_in) || (opipe && off_out))
		return -ESPIPE;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if ((in->f_flags | out->f_flags) & O_NONBLOCK)
		flags |= SPLICE_F_NONBLOCK;
	if (ipipe && opipe) {
		if (ipipe == opipe)
			return -EINVAL;
		return splice_from_pipe(ipipe, out, opipe, NULL, len, flags);
	}
	if (ipipe) {
		if (!(out->f_mode & FMODE_PREAD) && off_out)
			return -EINVAL;
		if (out->f_flags & O_APPEND)
			return -EINVAL;
		if (!S_ISREG(file_inode(out)->i_mode) || !file_inode(out)->i_mapping)
			return -EINVAL;
		ppos = &out->f_pos;
		if (off_out) {
			if (copy_from_user(&offset, off_out, sizeof(offset)))
				return -EFAULT;
			if (offset < 0)
				return -EINVAL;
			ppos = &offset;
		}
		ret = splice_from_pipe(ipipe, out, NULL, ppos, len, flags);
		if (off_out && copy_to_user(off_out, &offset, sizeof(offset)))
			ret = -EFAULT;
		return ret;
	}
	if (opipe) {
		if (!(in->f_mode & FMODE_PREAD) && off_in)
			return -EINVAL;
		ppos = &in->f_pos;
		if (off_in) {
			if (copy_from_user(&offset, off_in, sizeof(offset)))
				return -EFAULT;
			if (offset < 0)
				return -EINVAL;
			ppos = &offset;
		}
		ret = splice_file_to_pipe(in, opipe, ppos, len, flags);
		if (off_in && copy_to_user(off_in, &offset, sizeof(offset)))
			ret = -EFAULT;
		return ret;
	}
	return -EINVAL;
}

SYSCALL_DEFINE6(splice, int, fd_in, loff_t __user *, off_in, int, fd_out,
		loff_t __user *, off_out, size_t, len, unsigned int, flags)
{
	struct file *in, *out;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (!out) {
		fput(in);
		return -EBADF;
	}
	ret = do_splice(in, off_in, out, off_out, min(len, (size_t)MAX_RW_COUNT), flags);
	fput(out);
	fput(in);
	return ret;
}
