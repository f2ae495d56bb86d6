// SPDX-License-Identifier: MIT
/*
 * timerfd: an hrtimer behind a descriptor. Each expiry counts a tick
 * and wakes readers and pollers (from the hrtimer's hard-IRQ callback);
 * a read returns the ticks since the last read as 8 bytes and clears
 * them. As in Linux the callback does not re-arm a periodic timer:
 * the read (or timerfd_gettime) that finds it expired moves it forward
 * by whole intervals and counts the ones that passed, so an unread
 * periodic timer costs no interrupts.
 *
 * The kernel's hrtimers run on CLOCK_MONOTONIC. CLOCK_BOOTTIME is the
 * same clock here (reflex never suspends); CLOCK_REALTIME is monotonic
 * plus the boot-time wall clock, which nothing can set, so an absolute
 * REALTIME expiry becomes a monotonic one when armed and
 * TFD_TIMER_CANCEL_ON_SET is accepted but can never fire.
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
#include <linux/mutex.h>
#include <linux/hrtimer.h>
#include <linux/time64.h>
#include <linux/anon_inodes.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define CLOCK_REALTIME		0
#define CLOCK_BOOTTIME		7
#define CLOCK_REALTIME_ALARM	8
#define CLOCK_BOOTTIME_ALARM	9

#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK
#define TFD_CREATE_FLAGS	(TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_SETTIME_FLAGS	(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)

extern s64 boot_realtime_sec;	/* kernel/time: the wall clock at boot */

struct timerfd_ctx {
	struct hrtimer tmr;
	ktime_t tintv;			/* the period; 0: one-shot */
	struct wait_queue_head wqh;	/* its lock guards ticks and expired */
	u64 ticks;
	bool expired;			/* fired and not yet moved forward */
	int clockid;
	struct mutex settime_mutex;	/* one settime/gettime at a time */
};

static const struct file_operations timerfd_fops;

static enum hrtimer_restart timerfd_tmrproc(struct hrtimer *htmr)
{
	struct timerfd_ctx *ctx = container_of(htmr, struct timerfd_ctx, tmr);
	unsigned long flags;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->expired = true;
	ctx->ticks++;
	__wake_up_locked(&ctx->wqh, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return HRTIMER_NORESTART;
}

/*
 * A fired periodic timer: move its expiry past now by whole periods,
 * count the periods that passed beyond the one already counted, and
 * arm it again. Under wqh.lock.
 */
static void timerfd_forward_locked(struct timerfd_ctx *ctx)
{
	ktime_t now = ktime_get();
	u64 overruns;

	if (!ctx->expired || !ctx->tintv)
		return;
	overruns = now >= ctx->tmr.expires ? (now - ctx->tmr.expires) / ctx->tintv + 1 : 0;
	ctx->tmr.expires += overruns * ctx->tintv;
	if (overruns)
		ctx->ticks += overruns - 1;
	ctx->expired = false;
	hrtimer_start(&ctx->tmr, ctx->tmr.expires, HRTIMER_MODE_ABS);
}

static __poll_t timerfd_poll(struct file *file, poll_table *wait)
{
	struct timerfd_ctx *ctx = file->private_data;

	poll_wait(file, &ctx->wqh, wait);
	return READ_ONCE(ctx->ticks) ? EPOLLIN | EPOLLRDNORM : 0;
}

static ssize_t timerfd_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct timerfd_ctx *ctx = file->private_data;
	DEFINE_WAIT(wait);
	u64 ticks;

	if (count < sizeof(ticks))
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	while (!ctx->ticks) {
		if (file->f_flags & O_NONBLOCK) {
			spin_unlock_irq(&ctx->wqh.lock);
			return -EAGAIN;
		}
		if (signal_pending(current)) {
			spin_unlock_irq(&ctx->wqh.lock);
			return -ERESTARTSYS;
		}
		spin_unlock_irq(&ctx->wqh.lock);
		prepare_to_wait(&ctx->wqh, &wait, TASK_INTERRUPTIBLE);
		if (!READ_ONCE(ctx->ticks) && !signal_pending(current))
			schedule();
		finish_wait(&ctx->wqh, &wait);
		spin_lock_irq(&ctx->wqh.lock);
	}
	timerfd_forward_locked(ctx);
	ticks = ctx->ticks;
	ctx->ticks = 0;
	spin_unlock_irq(&ctx->wqh.lock);
	if (copy_to_user(buf, &ticks, sizeof(ticks)))
		return -EFAULT;
	return sizeof(ticks);
}

static int timerfd_release(struct inode *inode, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;

	hrtimer_cancel(&ctx->tmr);
	kfree(ctx);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.llseek		= no_llseek,
	.read		= timerfd_read,
	.poll		= timerfd_poll,
	.release	= timerfd_release,
};

static bool timerfd_clock_valid(int clockid)
{
	return clockid == CLOCK_MONOTONIC || clockid == CLOCK_REALTIME ||
	       clockid == CLOCK_BOOTTIME || clockid == CLOCK_REALTIME_ALARM ||
	       clockid == CLOCK_BOOTTIME_ALARM;
}

static bool timerfd_clock_is_realtime(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM;
}

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	if ((flags & ~TFD_CREATE_FLAGS) || !timerfd_clock_valid(clockid))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	mutex_init(&ctx->settime_mutex);
	ctx->clockid = clockid;
	hrtimer_init(&ctx->tmr, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	ctx->tmr.function = timerfd_tmrproc;
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx, O_RDWR | flags);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* The timerfd behind fd: -EBADF, or -EINVAL for another kind of file. */
static struct file *timerfd_fget(int fd)
{
	struct file *file = fget(fd);

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op != &timerfd_fops) {
		fput(file);
		return ERR_PTR(-EINVAL);
	}
	return file;
}

/* The current setting: time to the next expiry (0 if disarmed or past) and the period. */
static void timerfd_get_locked(struct timerfd_ctx *ctx, struct __kernel_itimerspec *t)
{
	ktime_t left;

	timerfd_forward_locked(ctx);
	left = ctx->tmr.expires ? ctx->tmr.expires - ktime_get() : 0;
	t->it_value = ns_to_timespec64(left > 0 ? left : 0);
	t->it_interval = ns_to_timespec64(ctx->tintv);
}

/* Arm (or, for a zero it_value, disarm) the timer. Under settime_mutex. */
static void timerfd_setup(struct timerfd_ctx *ctx, int flags, const struct __kernel_itimerspec *new)
{
	ktime_t value = timespec64_to_ns(&new->it_value);

	hrtimer_cancel(&ctx->tmr);
	spin_lock_irq(&ctx->wqh.lock);
	ctx->ticks = 0;
	ctx->expired = false;
	ctx->tintv = timespec64_to_ns(&new->it_interval);
	spin_unlock_irq(&ctx->wqh.lock);
	if (!value) {
		ctx->tmr.expires = 0;
		return;
	}
	if (!(flags & TFD_TIMER_ABSTIME))
		value = value > KTIME_MAX - ktime_get() ? KTIME_MAX : ktime_get() + value;
	else if (timerfd_clock_is_realtime(ctx->clockid))
		value -= boot_realtime_sec * NSEC_PER_SEC;
	hrtimer_start(&ctx->tmr, value, HRTIMER_MODE_ABS);
}

SYSCALL_DEFINE4(timerfd_settime, int, ufd, int, flags,
		const struct __kernel_itimerspec __user *, utmr,
		struct __kernel_itimerspec __user *, otmr)
{
	struct __kernel_itimerspec new, old;
	struct timerfd_ctx *ctx;
	struct file *file;

	if (copy_from_user(&new, utmr, sizeof(new)))
		return -EFAULT;
	if ((flags & ~TFD_SETTIME_FLAGS) || !timespec64_valid(&new.it_value) ||
	    !timespec64_valid(&new.it_interval))
		return -EINVAL;
	file = timerfd_fget(ufd);
	if (IS_ERR(file))
		return PTR_ERR(file);
	ctx = file->private_data;
	mutex_lock(&ctx->settime_mutex);
	spin_lock_irq(&ctx->wqh.lock);
	timerfd_get_locked(ctx, &old);
	spin_unlock_irq(&ctx->wqh.lock);
	timerfd_setup(ctx, flags, &new);
	mutex_unlock(&ctx->settime_mutex);
	fput(file);
	if (otmr && copy_to_user(otmr, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, ufd, struct __kernel_itimerspec __user *, otmr)
{
	struct __kernel_itimerspec cur;
	struct timerfd_ctx *ctx;
	struct file *file = timerfd_fget(ufd);

	if (IS_ERR(file))
		return PTR_ERR(file);
	ctx = file->private_data;
	mutex_lock(&ctx->settime_mutex);
	spin_lock_irq(&ctx->wqh.lock);
	timerfd_get_locked(ctx, &cur);
	spin_unlock_irq(&ctx->wqh.lock);
	mutex_unlock(&ctx->settime_mutex);
	fput(file);
	return copy_to_user(otmr, &cur, sizeof(cur)) ? -EFAULT : 0;
}
