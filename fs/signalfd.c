// SPDX-License-Identifier: MIT
/*
 * signalfd: the caller's pending signals of a mask, read as
 * signalfd_siginfo records instead of delivered to handlers. A read
 * dequeues (the thread's own signals first, then the process's), as
 * many as fit, waiting for the first unless O_NONBLOCK; poll reports
 * EPOLLIN while one of the mask is pending for the polling task.
 *
 * Linux keeps the wait queue in the sighand_struct; reflex keeps one
 * for the whole system, woken by every queued signal while anyone
 * waits on it. A poller only re-checks its own pending set, so the
 * extra wake-ups cost time, not correctness, and the queue never dies
 * under a poller that outlives the process (Linux's POLLFREE case).
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
#include <linux/signalfd.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

#define SI_TIMER	-2
#define SI_SIGIO	-5
#define NSIGPOLL	6

/* The user's record, 128 bytes (uapi linux/signalfd.h). */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "signalfd_siginfo is 128 bytes");

struct signalfd_ctx {
	u64 sigmask;
};

static DECLARE_WAIT_QUEUE_HEAD(signalfd_wqh);

void signalfd_notify(struct task_struct *tsk, int sig)
{
	if (waitqueue_active(&signalfd_wqh))
		wake_up(&signalfd_wqh);
}

static u64 signalfd_pending(u64 mask)
{
	struct task_struct *t = current;

	return (READ_ONCE(t->pending.signal) | READ_ONCE(t->signal->shared_pending.signal)) & mask;
}

static __poll_t signalfd_poll(struct file *file, poll_table *wait)
{
	struct signalfd_ctx *ctx = file->private_data;

	poll_wait(file, &signalfd_wqh, wait);
	return signalfd_pending(READ_ONCE(ctx->sigmask)) ? EPOLLIN : 0;
}

enum siginfo_layout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT };

/* Which union member of the siginfo the (signal, code) pair uses, as Linux's siginfo_layout(). */
static enum siginfo_layout siginfo_layout(int sig, int code)
{
	if (code > SI_USER && code < SI_KERNEL) {
		if (sig == SIGCHLD)
			return SIL_CHLD;
		if (sig == SIGILL || sig == SIGFPE || sig == SIGSEGV || sig == SIGBUS ||
		    sig == SIGTRAP)
			return SIL_FAULT;
		return code <= NSIGPOLL ? SIL_POLL : SIL_KILL;
	}
	if (code == SI_TIMER)
		return SIL_TIMER;
	if (code == SI_SIGIO)
		return SIL_POLL;
	return code < 0 ? SIL_RT : SIL_KILL;
}

static void signalfd_copyinfo(struct signalfd_siginfo *new, const siginfo_t *info)
{
	memset(new, 0, sizeof(*new));
	new->ssi_signo = info->si_signo;
	new->ssi_errno = info->si_errno;
	new->ssi_code = info->si_code;
	switch (siginfo_layout(info->si_signo, info->si_code)) {
	case SIL_KILL:
		new->ssi_pid = info->kill.pid;
		new->ssi_uid = info->kill.uid;
		break;
	case SIL_FAULT:
		new->ssi_addr = (unsigned long)info->fault.addr;
		break;
	case SIL_CHLD:
		new->ssi_pid = info->chld.pid;
		new->ssi_uid = info->chld.uid;
		new->ssi_status = info->chld.status;
		break;
	case SIL_RT:
	case SIL_TIMER:
		new->ssi_pid = info->rt.pid;
		new->ssi_uid = info->rt.uid;
		new->ssi_ptr = info->rt.sigval;
		new->ssi_int = (int)info->rt.sigval;
		break;
	case SIL_POLL:
		break;
	}
}

/* One signal of mask, waiting for it unless nonblock: the signal, or -EAGAIN / -ERESTARTSYS. */
static int signalfd_dequeue(u64 mask, siginfo_t *info, bool nonblock)
{
	struct sighand_struct *sighand = current->sighand;
	DEFINE_WAIT(wait);
	int sig;

	for (;;) {
		spin_lock_irq(&sighand->siglock);
		sig = dequeue_signal(mask, info);
		spin_unlock_irq(&sighand->siglock);
		if (sig)
			return sig;
		if (nonblock)
			return -EAGAIN;
		prepare_to_wait(&signalfd_wqh, &wait, TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			finish_wait(&signalfd_wqh, &wait);
			return -ERESTARTSYS;
		}
		if (!signalfd_pending(mask))
			schedule();
		finish_wait(&signalfd_wqh, &wait);
	}
}

static ssize_t signalfd_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct signalfd_ctx *ctx = file->private_data;
	struct signalfd_siginfo __user *siginfo = (void __user *)buf;
	bool nonblock = file->f_flags & O_NONBLOCK;
	struct signalfd_siginfo new;
	ssize_t total = 0;
	siginfo_t info;
	int ret;

	count /= sizeof(struct signalfd_siginfo);
	if (!count)
		return -EINVAL;
	do {
		ret = signalfd_dequeue(READ_ONCE(ctx->sigmask), &info, nonblock);
		if (ret <= 0)
			break;
		signalfd_copyinfo(&new, &info);
		if (copy_to_user(siginfo, &new, sizeof(new))) {
			ret = -EFAULT;
			break;
		}
		siginfo++;
		total += sizeof(new);
		nonblock = true;	/* only the first record is waited for */
	} while (--count);
	return total ? total : ret;
}

static int signalfd_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.llseek		= no_llseek,
	.read		= signalfd_read,
	.poll		= signalfd_poll,
	.release	= signalfd_release,
};

static int do_signalfd4(int ufd, const u64 __user *user_mask, size_t sizemask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *file;
	u64 mask;
	int fd;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	mask &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (ufd == -1) {
		ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
		if (!ctx)
			return -ENOMEM;
		ctx->sigmask = mask;
		fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx, O_RDWR | flags);
		if (fd < 0)
			kfree(ctx);
		return fd;
	}
	file = fget(ufd);
	if (!file)
		return -EBADF;
	if (file->f_op != &signalfd_fops) {
		fput(file);
		return -EINVAL;
	}
	ctx = file->private_data;
	WRITE_ONCE(ctx->sigmask, mask);
	fput(file);
	/* Pollers re-check against the new mask. */
	wake_up(&signalfd_wqh);
	return ufd;
}

SYSCALL_DEFINE4(signalfd4, int, ufd, const u64 __user *, user_mask, size_t, sizemask, int, flags)
{
	return do_signalfd4(ufd, user_mask, sizemask, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, const u64 __user *, user_mask, size_t, sizemask)
{
	return do_signalfd4(ufd, user_mask, sizemask, 0);
}
