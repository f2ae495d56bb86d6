// SPDX-License-Identifier: MIT
/*
 * eventfd: a 64-bit counter behind a descriptor. A write adds to it
 * (waiting while the sum would reach 2^64 - 1), a read takes it all and
 * leaves 0 (with EFD_SEMAPHORE: takes 1), waiting while it is 0. Every
 * transfer is exactly 8 bytes; a smaller buffer is -EINVAL. The counter
 * is guarded by its wait queue's lock, so a change and the wake-up of
 * pollers (select, epoll) are one step, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/anon_inodes.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define EFD_SEMAPHORE	(1 << 0)
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK
#define EFD_FLAGS_SET	(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)

struct eventfd_ctx {
	struct wait_queue_head wqh;	/* its lock guards count */
	u64 count;
	unsigned int flags;		/* EFD_SEMAPHORE */
};

/* The largest count: one below ULLONG_MAX, which a write may never reach. */
#define EVENTFD_MAX	(~0ULL - 1)

static int eventfd_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static __poll_t eventfd_poll(struct file *file, poll_table *wait)
{
	struct eventfd_ctx *ctx = file->private_data;
	__poll_t events = 0;
	u64 count;

	poll_wait(file, &ctx->wqh, wait);
	count = READ_ONCE(ctx->count);
	if (count > 0)
		events |= EPOLLIN | EPOLLRDNORM;
	if (count == ~0ULL)
		events |= EPOLLERR;
	if (count < EVENTFD_MAX)
		events |= EPOLLOUT | EPOLLWRNORM;
	return events;
}

/*
 * Wait under wqh.lock (held on entry and return, interrupts off) until
 * ready(ctx): -EAGAIN for a non-blocking file, -ERESTARTSYS for a signal.
 */
static int eventfd_wait_locked(struct file *file, struct eventfd_ctx *ctx,
			       bool (*ready)(struct eventfd_ctx *, u64), u64 arg)
{
	DEFINE_WAIT(wait);

	for (;;) {
		if (ready(ctx, arg))
			return 0;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		spin_unlock_irq(&ctx->wqh.lock);
		prepare_to_wait(&ctx->wqh, &wait, TASK_INTERRUPTIBLE);
		if (!ready(ctx, arg) && !signal_pending(current))
			schedule();
		finish_wait(&ctx->wqh, &wait);
		spin_lock_irq(&ctx->wqh.lock);
	}
}

static bool eventfd_readable(struct eventfd_ctx *ctx, u64 unused)
{
	return READ_ONCE(ctx->count) > 0;
}

static bool eventfd_room_for(struct eventfd_ctx *ctx, u64 ucnt)
{
	return EVENTFD_MAX - READ_ONCE(ctx->count) >= ucnt;
}

static ssize_t eventfd_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	u64 ucnt;
	int err;

	if (count < sizeof(ucnt))
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	err = eventfd_wait_locked(file, ctx, eventfd_readable, 0);
	if (err) {
		spin_unlock_irq(&ctx->wqh.lock);
		return err;
	}
	ucnt = (ctx->flags & EFD_SEMAPHORE) ? 1 : ctx->count;
	ctx->count -= ucnt;
	if (waitqueue_active(&ctx->wqh))
		__wake_up_locked(&ctx->wqh, TASK_NORMAL, 1);
	spin_unlock_irq(&ctx->wqh.lock);
	if (copy_to_user(buf, &ucnt, sizeof(ucnt)))
		return -EFAULT;
	return sizeof(ucnt);
}

static ssize_t eventfd_write(struct file *file, const char __user *buf, size_t count,
			     loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	u64 ucnt;
	int err;

	if (count < sizeof(ucnt))
		return -EINVAL;
	if (copy_from_user(&ucnt, buf, sizeof(ucnt)))
		return -EFAULT;
	if (ucnt == ~0ULL)
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	err = eventfd_wait_locked(file, ctx, eventfd_room_for, ucnt);
	if (err) {
		spin_unlock_irq(&ctx->wqh.lock);
		return err;
	}
	ctx->count += ucnt;
	if (waitqueue_active(&ctx->wqh))
		__wake_up_locked(&ctx->wqh, TASK_NORMAL, 1);
	spin_unlock_irq(&ctx->wqh.lock);
	return sizeof(ucnt);
}

static const struct file_operations eventfd_fops = {
	.llseek		= no_llseek,
	.read		= eventfd_read,
	.write		= eventfd_write,
	.poll		= eventfd_poll,
	.release	= eventfd_release,
};

static int do_eventfd(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~EFD_FLAGS_SET)
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags & EFD_SEMAPHORE;
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx,
			      O_RDWR | (flags & (EFD_NONBLOCK | EFD_CLOEXEC)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	return do_eventfd(count, flags);
}

SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return do_eventfd(count, 0);
}
