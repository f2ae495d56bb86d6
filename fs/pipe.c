// SPDX-License-Identifier: MIT
/*
 * Pipes: a ring of 64 KiB (Linux's default capacity; F_SETPIPE_SZ
 * changes it to another power-of-two number of pages) shared by a read end
 * and a write end, with Linux's rules. A read waits while the pipe is
 * empty and a writer exists, and returns 0 (end of file) when none does.
 * A write waits for room, and one of at most PIPE_BUF bytes goes in
 * whole, never interleaved with another writer's; with no reader left
 * it fails with -EPIPE and the writer gets SIGPIPE. O_NONBLOCK turns
 * every wait into -EAGAIN; a signal ends a wait with -ERESTARTSYS.
 *
 * The ring's indices are guarded by pipe->lock; user memory is copied
 * through a bounce buffer outside it (bounce_get()). Bytes taken from the ring are
 * gone even if the copy to the reader then faults.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/pipe_fs_i.h>
#include <linux/syscalls.h>
#include <asm/page.h>
#include <uapi/asm-generic/ioctls.h>

#define PIPE_DEF_SIZE	65536
#define PIPE_BUF	4096	/* writes up to this size are atomic (POSIX) */
#define PIPEFS_DEV	MKDEV(0, 12)

struct pipe_inode_info {
	spinlock_t lock;
	char *buf;
	unsigned int size;		/* bytes in the ring: a power of two */
	unsigned long head, tail;	/* free-running: bytes in the ring = head - tail */
	unsigned int readers, writers;
	struct wait_queue_head rd_wait, wr_wait;
};

static size_t pipe_used(struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail;
}

/*
 * Copy n bytes out of the ring from free-running index @from: at most
 * two pieces, the second where the ring wraps. Under pipe->lock.
 */
static void ring_copy_out(struct pipe_inode_info *pipe, char *dst, unsigned long from, size_t n)
{
	size_t off = from & (pipe->size - 1), first = min(n, pipe->size - off);

	memcpy(dst, pipe->buf + off, first);
	memcpy(dst + first, pipe->buf, n - first);
}

/* Take up to n bytes out of the ring; under pipe->lock. */
static size_t pipe_take(struct pipe_inode_info *pipe, char *dst, size_t n)
{
	n = min(n, pipe_used(pipe));
	ring_copy_out(pipe, dst, pipe->tail, n);
	pipe->tail += n;
	return n;
}

/* Put n bytes into the ring, which has room for them; under pipe->lock. */
static void pipe_put(struct pipe_inode_info *pipe, const char *src, size_t n)
{
	size_t off = pipe->head & (pipe->size - 1), first = min(n, pipe->size - off);

	memcpy(pipe->buf + off, src, first);
	memcpy(pipe->buf, src + first, n - first);
	pipe->head += n;
}

/*
 * User memory goes through a bounce buffer, the ring being under a
 * spinlock: on the stack for the small transfers most programs make
 * (hackbench's 100-byte messages, a shell's lines), a page otherwise.
 */
#define PIPE_STACK_BOUNCE	256

static char *bounce_get(char *stack_buf, size_t count)
{
	if (count <= PIPE_STACK_BOUNCE)
		return stack_buf;
	return kmalloc(min(count, PAGE_SIZE), GFP_KERNEL);
}

static void bounce_put(char *stack_buf, char *bounce)
{
	if (bounce != stack_buf)
		kfree(bounce);
}

/*
 * Wait until cond holds: -EAGAIN at once when not to block (a
 * non-blocking file, SPLICE_F_NONBLOCK), -ERESTARTSYS if a signal
 * arrives first (after a SA_RESTART handler the call starts over).
 */
#define pipe_wait_for(nonblock, wq, cond) ({					\
	int __err = 0;								\
	DEFINE_WAIT(__wait);							\
	while (!(cond)) {							\
		if (nonblock) {							\
			__err = -EAGAIN;					\
			break;							\
		}								\
		prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE);		\
		if (cond)							\
			break;							\
		if (signal_pending(current)) {					\
			__err = -ERESTARTSYS;					\
			break;							\
		}								\
		schedule();							\
	}									\
	finish_wait(&(wq), &__wait);						\
	__err;									\
})

static bool pipe_readable(struct pipe_inode_info *pipe)
{
	return pipe_used(pipe) || !READ_ONCE(pipe->writers);
}

static ssize_t pipe_read_nonblock(struct file *file, char __user *buf, size_t count,
				  bool nonblock)
{
	struct pipe_inode_info *pipe = file->private_data;
	char stack_buf[PIPE_STACK_BOUNCE], *bounce = bounce_get(stack_buf, count);
	size_t n, done = 0;
	int err;

	if (!bounce)
		return -ENOMEM;
	err = pipe_wait_for(nonblock, pipe->rd_wait, pipe_readable(pipe));
	if (err) {
		bounce_put(stack_buf, bounce);
		return err;
	}
	/* As much as is there, up to count, a page at a time through the bounce buffer. */
	while (done < count) {
		spin_lock(&pipe->lock);
		n = pipe_take(pipe, bounce, min(count - done, PAGE_SIZE));
		spin_unlock(&pipe->lock);
		if (!n)
			break;
		wake_up_interruptible(&pipe->wr_wait);
		if (copy_to_user(buf + done, bounce, n)) {
			err = -EFAULT;
			break;
		}
		done += n;
	}
	bounce_put(stack_buf, bounce);
	return done ? (ssize_t)done : err;
}

static ssize_t pipe_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return pipe_read_nonblock(file, buf, count, file->f_flags & O_NONBLOCK);
}

static void send_sigpipe(void)
{
	siginfo_t info = { .si_signo = SIGPIPE, .si_code = SI_USER };

	info.kill.pid = current->pid;
	send_sig_info(SIGPIPE, &info, current);
}

/* Room for want bytes, or a reason to stop waiting (no readers). */
static bool pipe_writable(struct pipe_inode_info *pipe, size_t want)
{
	return pipe->size - pipe_used(pipe) >= want || !READ_ONCE(pipe->readers);
}

/* Write one chunk (at most a page) that is already in the kernel. */
static ssize_t pipe_write_chunk(bool nonblock, struct pipe_inode_info *pipe,
				const char *src, size_t n, bool atomic)
{
	size_t want = atomic ? n : 1, room;
	int err;

	err = pipe_wait_for(nonblock, pipe->wr_wait, pipe_writable(pipe, want));
	if (err)
		return err;
	spin_lock(&pipe->lock);
	if (!pipe->readers) {
		spin_unlock(&pipe->lock);
		send_sigpipe();
		return -EPIPE;
	}
	room = pipe->size - pipe_used(pipe);
	if (room < want) {		/* another writer got there first */
		spin_unlock(&pipe->lock);
		return 0;
	}
	n = min(n, room);
	pipe_put(pipe, src, n);
	spin_unlock(&pipe->lock);
	wake_up_interruptible(&pipe->rd_wait);
	return n;
}

ssize_t pipe_write_nonblock(struct file *file, const char __user *buf, size_t count,
			    bool nonblock)
{
	struct pipe_inode_info *pipe = file->private_data;
	bool atomic = count <= PIPE_BUF;
	char stack_buf[PIPE_STACK_BOUNCE], *bounce = bounce_get(stack_buf, count);
	size_t done = 0;
	ssize_t ret = 0;

	if (!bounce)
		return -ENOMEM;
	while (done < count) {
		size_t n = min(count - done, PAGE_SIZE), put = 0;

		if (copy_from_user(bounce, buf + done, n)) {
			ret = -EFAULT;
			break;
		}
		while (put < n) {
			ret = pipe_write_chunk(nonblock, pipe, bounce + put, n - put, atomic);
			if (ret < 0)
				break;
			put += ret;
		}
		done += put;
		if (ret < 0)
			break;
	}
	bounce_put(stack_buf, bounce);
	return done ? (ssize_t)done : ret;
}

static ssize_t pipe_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	return pipe_write_nonblock(file, buf, count, file->f_flags & O_NONBLOCK);
}

static __poll_t pipe_poll(struct file *file, poll_table *wait)
{
	struct pipe_inode_info *pipe = file->private_data;
	__poll_t mask = 0;

	if (file->f_mode & FMODE_READ)
		poll_wait(file, &pipe->rd_wait, wait);
	if (file->f_mode & FMODE_WRITE)
		poll_wait(file, &pipe->wr_wait, wait);
	spin_lock(&pipe->lock);
	if (file->f_mode & FMODE_READ) {
		if (pipe_used(pipe))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!pipe->writers)
			mask |= EPOLLHUP;
	}
	if (file->f_mode & FMODE_WRITE) {
		if (pipe->size - pipe_used(pipe) >= PIPE_BUF)
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!pipe->readers)
			mask |= EPOLLERR;
	}
	spin_unlock(&pipe->lock);
	return mask;
}

static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = file->private_data;

	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user((int)pipe_used(pipe), (int __user *)arg);
}

/* The last user of an end is gone; the last end frees the pipe. */
static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = file->private_data;
	bool free;

	spin_lock(&pipe->lock);
	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	free = !pipe->readers && !pipe->writers;
	spin_unlock(&pipe->lock);
	if (free) {
		inode->i_pipe = NULL;
		kfree(pipe->buf);
		kfree(pipe);
		return 0;
	}
	/* The other end learns about end of file / a broken pipe. */
	wake_up_interruptible(&pipe->rd_wait);
	wake_up_interruptible(&pipe->wr_wait);
	return 0;
}

static const struct file_operations pipefifo_fops = {
	.llseek		= no_llseek,
	.read		= pipe_read,
	.write		= pipe_write,
	.poll		= pipe_poll,
	.unlocked_ioctl	= pipe_ioctl,
	.release	= pipe_release,
};

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->size = PIPE_DEF_SIZE;
	pipe->buf = kmalloc(pipe->size, GFP_KERNEL);
	if (!pipe->buf) {
		kfree(pipe);
		return NULL;
	}
	spin_lock_init(&pipe->lock);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	return pipe;
}

/* An anonymous inode and dentry for a new pipe; both ends will share them. */
static struct dentry *pipe_dentry(struct pipe_inode_info *pipe)
{
	struct inode *inode = new_inode(PIPEFS_DEV);
	struct dentry *dentry;

	if (!inode)
		return NULL;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_pipe = pipe;
	inode->i_fop = &pipefifo_fops;
	dentry = d_alloc_anon("pipe:", inode);
	if (!dentry)
		iput(inode);
	return dentry;
}

/* res[0]: the read end, res[1]: the write end. flags: O_NONBLOCK and the like. */
int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *pipe = alloc_pipe_info();
	struct dentry *dentry;
	int keep = flags & O_NONBLOCK;

	if (!pipe)
		return -ENOMEM;
	dentry = pipe_dentry(pipe);
	if (!dentry) {
		kfree(pipe->buf);
		kfree(pipe);
		return -ENOMEM;
	}
	res[0] = alloc_file(dentry, O_RDONLY | keep, &pipefifo_fops);
	res[1] = IS_ERR(res[0]) ? res[0] : alloc_file(dentry, O_WRONLY | keep, &pipefifo_fops);
	dput(dentry);
	if (IS_ERR(res[1])) {
		if (!IS_ERR(res[0])) {
			res[0]->f_op = NULL;
			fput(res[0]);
		}
		kfree(pipe->buf);
		kfree(pipe);
		return -ENOMEM;
	}
	res[0]->private_data = res[1]->private_data = pipe;
	res[0]->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD);
	res[1]->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD);
	return 0;
}

/* A size asked of F_SETPIPE_SZ as the ring's: whole pages, a power of two; 0 if too big. */
static unsigned int round_pipe_size(unsigned long size)
{
	unsigned long rounded = PAGE_SIZE;

	if (size > (1UL << 31))
		return 0;
	while (rounded < size)
		rounded <<= 1;
	return rounded;
}

/* Move the bytes in the ring to a new one of size bytes (which holds them). */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned long arg)
{
	unsigned int size = round_pipe_size(arg);
	char *buf, *old;
	size_t used;

	if (!size)
		return -EINVAL;
	/* Any size up to 2 GiB may be asked for: one we cannot have is -ENOMEM, quietly. */
	buf = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	if (!buf)
		return -ENOMEM;
	spin_lock(&pipe->lock);
	used = pipe_used(pipe);
	if (used > size) {
		spin_unlock(&pipe->lock);
		kfree(buf);
		return -EBUSY;
	}
	pipe_take(pipe, buf, used);
	old = pipe->buf;
	pipe->buf = buf;
	pipe->size = size;
	pipe->tail = 0;
	pipe->head = used;
	spin_unlock(&pipe->lock);
	kfree(old);
	/* More room, or less: writers and pollers look again. */
	wake_up_interruptible(&pipe->wr_wait);
	return size;
}

struct pipe_inode_info *get_pipe_info(struct file *file)
{
	return file->f_op == &pipefifo_fops ? file->private_data : NULL;
}

static size_t pipe_room(struct pipe_inode_info *pipe)
{
	return pipe->size - pipe_used(pipe);
}

/* Under pipe->lock: the first @n bytes (at most what is there) copied out, left in place. */
static size_t pipe_copy_head(struct pipe_inode_info *pipe, char *dst, size_t n)
{
	n = min(n, pipe_used(pipe));
	ring_copy_out(pipe, dst, pipe->tail, n);
	return n;
}

ssize_t pipe_peek(struct file *file, char __user *buf, size_t count, bool nonblock)
{
	struct pipe_inode_info *pipe = file->private_data;
	char *bounce;
	size_t n;
	int err;

	err = pipe_wait_for(nonblock, pipe->rd_wait, pipe_readable(pipe));
	if (err)
		return err;
	count = min(count, (size_t)65536);
	bounce = kmalloc(count ? count : 1, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	spin_lock(&pipe->lock);
	n = pipe_copy_head(pipe, bounce, count);
	spin_unlock(&pipe->lock);
	if (copy_to_user(buf, bounce, n))
		n = -EFAULT;
	kfree(bounce);
	return n;
}

bool pipe_has_room(struct pipe_inode_info *pipe, size_t n)
{
	return pipe_room(pipe) >= n;
}

int pipe_wait_room(struct pipe_inode_info *pipe, size_t n, bool nonblock)
{
	int err = pipe_wait_for(nonblock, pipe->wr_wait, pipe_writable(pipe, n));

	if (!err && !READ_ONCE(pipe->readers)) {
		send_sigpipe();
		return -EPIPE;
	}
	return err;
}

/* @n bytes in whole, as a write of at most PIPE_BUF is; 0 only for n = 0. */
ssize_t pipe_put_kernel(struct pipe_inode_info *pipe, const void *src, size_t n, bool nonblock)
{
	ssize_t ret;

	do {
		ret = pipe_write_chunk(nonblock, pipe, src, n, true);
	} while (!ret && n);	/* another writer took the room first */
	return ret;
}

void pipe_consume(struct file *file, size_t n)
{
	struct pipe_inode_info *pipe = file->private_data;

	spin_lock(&pipe->lock);
	pipe->tail += min(n, pipe_used(pipe));
	spin_unlock(&pipe->lock);
	wake_up_interruptible(&pipe->wr_wait);
}

/*
 * tee(): Linux's link_pipe() in bytes rather than pipe buffers. Waits
 * for something in @in (0 once it is empty without writers) and for
 * room in @out (-EPIPE and SIGPIPE without readers), then copies what
 * fits through a kernel buffer: @in keeps its bytes. The two pipes are
 * never locked together, so two tee()s in opposite directions cannot
 * deadlock.
 */
long pipe_tee(struct file *in, struct file *out, size_t len, bool nonblock)
{
	struct pipe_inode_info *ipipe = in->private_data, *opipe = out->private_data;
	size_t n;
	char *buf;
	int err;

	err = pipe_wait_for(nonblock, ipipe->rd_wait, pipe_readable(ipipe));
	if (err)
		return err;
	err = pipe_wait_for(nonblock, opipe->wr_wait, pipe_writable(opipe, 1));
	if (err)
		return err;
	if (!READ_ONCE(opipe->readers)) {
		send_sigpipe();
		return -EPIPE;
	}
	n = min(min(len, (size_t)READ_ONCE(opipe->size)), (size_t)65536);
	buf = kmalloc(n, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	spin_lock(&ipipe->lock);
	n = pipe_copy_head(ipipe, buf, n);
	spin_unlock(&ipipe->lock);
	spin_lock(&opipe->lock);
	n = min(n, pipe_room(opipe));	/* another writer may have taken room */
	pipe_put(opipe, buf, n);
	spin_unlock(&opipe->lock);
	kfree(buf);
	if (n)
		wake_up_interruptible(&opipe->rd_wait);
	return n;
}

/* F_GETPIPE_SZ and F_SETPIPE_SZ: -EBADF for anything but a pipe, as Linux. */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe;

	if (file->f_op != &pipefifo_fops)
		return -EBADF;
	pipe = file->private_data;
	if (cmd == F_GETPIPE_SZ)
		return READ_ONCE(pipe->size);
	return pipe_set_size(pipe, arg);
}

static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(flags);
	if (fd[1] < 0 || copy_to_user(fildes, fd, sizeof(fd))) {
		err = fd[1] < 0 ? fd[1] : -EFAULT;
		if (fd[0] >= 0)
			put_unused_fd(fd[0]);
		if (fd[1] >= 0)
			put_unused_fd(fd[1]);
		fput(files[0]);
		fput(files[1]);
		return err;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}
