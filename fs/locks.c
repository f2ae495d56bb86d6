// SPDX-License-Identifier: MIT
/*
 * Advisory file locks, with Linux's three kinds and rules:
 *
 *   flock(2)	whole-file, owned by the open file: dup()s and forked
 *		children share it; it goes with the file's last close.
 *		Conversion is not atomic (the old lock goes first).
 *   POSIX	byte ranges (fcntl F_SETLK/F_SETLKW/F_GETLK), owned by the
 *		process (its files_struct): a fork does not inherit them,
 *		and closing any descriptor of the file drops them all.
 *   OFD	byte ranges owned by the open file (F_OFD_*), conflicting
 *		with POSIX locks as another owner's.
 *
 * An inode's locks hang on its file_lock_context. A request that
 * conflicts waits on the context's one wait queue, woken by every
 * change, and tries again. A POSIX waiter records whom it waits for, so
 * that a request closing a cycle of waiting processes fails -EDEADLK
 * (Linux follows at most 10 links). Linux keeps a wait list per
 * blocking lock instead of one per inode; the outcome is the same.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/filelock.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8

#define FL_POSIX	1
#define FL_FLOCK	2
#define FL_OFDLCK	1024

#define OFFSET_MAX	INT64_MAX
#define MAX_DEADLK_ITERATIONS	10

/* fcntl's struct flock (= flock64 on x86-64). */
struct flock {
	short l_type;
	short l_whence;
	s64 l_start;
	s64 l_len;
	int l_pid;
};

struct file_lock {
	struct list_head fl_list;	/* the context's flc_flock or flc_posix */
	void *fl_owner;			/* files_struct (POSIX) or file (flock, OFD) */
	unsigned int fl_flags;		/* FL_* */
	unsigned char fl_type;		/* F_RDLCK, F_WRLCK, F_UNLCK */
	int fl_pid;			/* the locker's tgid (F_GETLK reports it) */
	loff_t fl_start, fl_end;	/* inclusive; fl_end OFFSET_MAX: to the end */
	struct file *fl_file;
};

struct file_lock_context {
	spinlock_t flc_lock;
	struct list_head flc_flock;
	struct list_head flc_posix;	/* POSIX and OFD */
	struct wait_queue_head flc_wait;
};

/* A sleeping POSIX request: owner waits for a lock of blocker. */
struct lock_waiter {
	struct list_head list;
	void *owner, *blocker;
};

static LIST_HEAD(blocked_list);
static DEFINE_SPINLOCK(blocked_lock_lock);	/* blocked_list; inside flc_lock */

static struct file_lock_context *locks_get_lock_context(struct inode *inode)
{
	struct file_lock_context *ctx = READ_ONCE(inode->i_flctx), *new;

	if (ctx)
		return ctx;
	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return NULL;
	spin_lock_init(&new->flc_lock);
	INIT_LIST_HEAD(&new->flc_flock);
	INIT_LIST_HEAD(&new->flc_posix);
	init_waitqueue_head(&new->flc_wait);
	spin_lock(&inode->i_lock);
	ctx = inode->i_flctx;
	if (!ctx)
		WRITE_ONCE(inode->i_flctx, ctx = new);
	spin_unlock(&inode->i_lock);
	if (ctx != new)
		kfree(new);
	return ctx;
}

static void locks_free_list(struct list_head *head)
{
	struct file_lock *fl, *tmp;

	list_for_each_entry_safe(fl, tmp, head, fl_list)
		kfree(fl);
}

void locks_free_lock_context(struct inode *inode)
{
	struct file_lock_context *ctx = inode->i_flctx;

	if (!ctx)
		return;
	locks_free_list(&ctx->flc_flock);
	locks_free_list(&ctx->flc_posix);
	kfree(ctx);
	inode->i_flctx = NULL;
}

static bool locks_overlap(const struct file_lock *a, const struct file_lock *b)
{
	return a->fl_end >= b->fl_start && b->fl_end >= a->fl_start;
}

static bool posix_locks_conflict(const struct file_lock *req, const struct file_lock *fl)
{
	if (req->fl_owner == fl->fl_owner || !locks_overlap(req, fl))
		return false;
	return req->fl_type == F_WRLCK || fl->fl_type == F_WRLCK;
}

static struct file_lock *posix_find_conflict(struct file_lock_context *ctx,
					     const struct file_lock *req)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_posix, fl_list)
		if (posix_locks_conflict(req, fl))
			return fl;
	return NULL;
}

/* --- deadlock detection (POSIX locks only, as Linux) -------------------- */

static void *what_owner_is_waiting_for(void *owner)
{
	struct lock_waiter *w;

	list_for_each_entry(w, &blocked_list, list)
		if (w->owner == owner)
			return w->blocker;
	return NULL;
}

/* Would owner waiting for blocker close a cycle? Under blocked_lock_lock. */
static bool posix_locks_deadlock(void *owner, void *blocker)
{
	int i = 0;

	while (blocker) {
		if (blocker == owner)
			return true;
		if (++i > MAX_DEADLK_ITERATIONS)
			return false;
		blocker = what_owner_is_waiting_for(blocker);
	}
	return false;
}

/*
 * Record that req waits for conflict, unless that deadlocks. Under
 * flc_lock: the conflict cannot go away before the record is made.
 */
static int posix_block(struct lock_waiter *w, const struct file_lock *req,
		       const struct file_lock *conflict)
{
	bool track = !(req->fl_flags & FL_OFDLCK) && !(conflict->fl_flags & FL_OFDLCK);
	int err = 0;

	w->owner = req->fl_owner;
	w->blocker = conflict->fl_owner;
	INIT_LIST_HEAD(&w->list);
	if (!track)
		return 0;
	spin_lock(&blocked_lock_lock);
	if (posix_locks_deadlock(w->owner, w->blocker))
		err = -EDEADLK;
	else
		list_add(&w->list, &blocked_list);
	spin_unlock(&blocked_lock_lock);
	return err;
}

static void posix_unblock(struct lock_waiter *w)
{
	if (list_empty(&w->list))
		return;
	spin_lock(&blocked_lock_lock);
	list_del_init(&w->list);
	spin_unlock(&blocked_lock_lock);
}

/* --- applying a POSIX request ------------------------------------------ */

static struct file_lock *take_spare(struct file_lock **spare)
{
	struct file_lock *fl = spare[0] ? spare[0] : spare[1];

	if (fl == spare[0])
		spare[0] = NULL;
	else
		spare[1] = NULL;
	return fl;
}

/* Cut req's range out of its owner's locks; one lock may split in two. */
static void posix_cut_range(struct file_lock_context *ctx, const struct file_lock *req,
			    struct file_lock **spare)
{
	struct file_lock *fl, *tmp, *right;

	list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
		if (fl->fl_owner != req->fl_owner || !locks_overlap(fl, req))
			continue;
		if (fl->fl_start < req->fl_start && fl->fl_end > req->fl_end) {
			right = take_spare(spare);
			*right = *fl;
			right->fl_start = req->fl_end + 1;
			list_add(&right->fl_list, &fl->fl_list);
			fl->fl_end = req->fl_start - 1;
		} else if (fl->fl_start < req->fl_start) {
			fl->fl_end = req->fl_start - 1;
		} else if (fl->fl_end > req->fl_end) {
			fl->fl_start = req->fl_end + 1;
		} else {
			list_del(&fl->fl_list);
			kfree(fl);
		}
	}
}

/* Under flc_lock, with no conflict: the owner's locks become req's result. */
static void posix_apply_locked(struct file_lock_context *ctx, const struct file_lock *req,
			       struct file_lock **spare)
{
	struct file_lock *fl, *tmp, *new;

	posix_cut_range(ctx, req, spare);
	if (req->fl_type == F_UNLCK)
		return;
	new = take_spare(spare);
	*new = *req;
	/* Adjacent locks of the same owner and type become one, as Linux's. */
	list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
		if (fl->fl_owner != new->fl_owner || fl->fl_type != new->fl_type)
			continue;
		if (fl->fl_end != OFFSET_MAX && fl->fl_end + 1 == new->fl_start)
			new->fl_start = fl->fl_start;
		else if (new->fl_end != OFFSET_MAX && new->fl_end + 1 == fl->fl_start)
			new->fl_end = fl->fl_end;
		else
			continue;
		list_del(&fl->fl_list);
		kfree(fl);
	}
	list_add_tail(&new->fl_list, &ctx->flc_posix);
}

static int posix_lock_inode_wait(struct inode *inode, const struct file_lock *req, bool wait)
{
	struct file_lock_context *ctx;
	struct lock_waiter w;
	DEFINE_WAIT(wq);
	int err;

	if (req->fl_type == F_UNLCK && !READ_ONCE(inode->i_flctx))
		return 0;
	ctx = locks_get_lock_context(inode);
	if (!ctx)
		return -ENOMEM;
	for (;;) {
		struct file_lock *spare[2] = { kmalloc(sizeof(struct file_lock), GFP_KERNEL),
					       kmalloc(sizeof(struct file_lock), GFP_KERNEL) };
		struct file_lock *conflict;

		if (!spare[0] || !spare[1]) {
			kfree(spare[0]);
			kfree(spare[1]);
			return -ENOLCK;
		}
		spin_lock(&ctx->flc_lock);
		conflict = req->fl_type != F_UNLCK ? posix_find_conflict(ctx, req) : NULL;
		if (!conflict) {
			posix_apply_locked(ctx, req, spare);
			spin_unlock(&ctx->flc_lock);
			wake_up_all(&ctx->flc_wait);
			kfree(spare[0]);
			kfree(spare[1]);
			return 0;
		}
		kfree(spare[0]);
		kfree(spare[1]);
		err = wait ? posix_block(&w, req, conflict) : -EAGAIN;
		if (err) {
			spin_unlock(&ctx->flc_lock);
			return err;
		}
		prepare_to_wait(&ctx->flc_wait, &wq, TASK_INTERRUPTIBLE);
		spin_unlock(&ctx->flc_lock);
		if (!signal_pending(current))
			schedule();
		finish_wait(&ctx->flc_wait, &wq);
		posix_unblock(&w);
		if (signal_pending(current))
			return -ERESTARTSYS;
	}
}

/* Drop every lock of owner in list (POSIX/OFD by owner, flock by file). */
static void locks_remove_owner(struct inode *inode, struct list_head *(*which)(struct file_lock_context *),
			       void *owner)
{
	struct file_lock_context *ctx = READ_ONCE(inode->i_flctx);
	struct file_lock *fl, *tmp;
	bool changed = false;

	if (!ctx || list_empty_careful(which(ctx)))
		return;
	spin_lock(&ctx->flc_lock);
	list_for_each_entry_safe(fl, tmp, which(ctx), fl_list) {
		if (fl->fl_owner != owner)
			continue;
		list_del(&fl->fl_list);
		kfree(fl);
		changed = true;
	}
	spin_unlock(&ctx->flc_lock);
	if (changed)
		wake_up_all(&ctx->flc_wait);
}

static struct list_head *flc_posix(struct file_lock_context *ctx)
{
	return &ctx->flc_posix;
}

static struct list_head *flc_flock(struct file_lock_context *ctx)
{
	return &ctx->flc_flock;
}

void locks_remove_posix(struct file *file, struct files_struct *owner)
{
	if (file_inode(file))
		locks_remove_owner(file_inode(file), flc_posix, owner);
}

void locks_remove_file(struct file *file)
{
	struct inode *inode = file_inode(file);

	if (!inode)
		return;
	locks_remove_owner(inode, flc_posix, file);	/* OFD locks */
	locks_remove_owner(inode, flc_flock, file);
}

/* --- fcntl ------------------------------------------------------------- */

/* struct flock's range as [start, end], as Linux's flock64_to_posix_lock(). */
static int flock_to_posix_lock(struct file *filp, struct file_lock *fl, const struct flock *l)
{
	loff_t start;

	switch (l->l_whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = filp->f_pos;
		break;
	case SEEK_END:
		start = file_inode(filp)->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > OFFSET_MAX - start)
		return -EOVERFLOW;
	start += l->l_start;
	if (start < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		fl->fl_end = start + l->l_len - 1;
	} else if (l->l_len < 0) {
		fl->fl_end = start - 1;
		start += l->l_len;
		if (start < 0)
			return -EINVAL;
	} else {
		fl->fl_end = OFFSET_MAX;
	}
	fl->fl_start = start;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK && l->l_type != F_UNLCK)
		return -EINVAL;
	fl->fl_type = l->l_type;
	fl->fl_file = filp;
	fl->fl_flags = FL_POSIX;
	fl->fl_owner = current->files;
	fl->fl_pid = current->tgid;
	INIT_LIST_HEAD(&fl->fl_list);
	return 0;
}

long fcntl_getlk(struct file *filp, unsigned int cmd, void __user *arg)
{
	struct file_lock req, *fl;
	struct file_lock_context *ctx;
	struct flock flock;
	int err;

	if (copy_from_user(&flock, arg, sizeof(flock)))
		return -EFAULT;
	if (flock.l_type != F_RDLCK && flock.l_type != F_WRLCK)
		return -EINVAL;
	err = flock_to_posix_lock(filp, &req, &flock);
	if (err)
		return err;
	if (cmd == F_OFD_GETLK) {
		if (flock.l_pid != 0)
			return -EINVAL;
		req.fl_flags |= FL_OFDLCK;
		req.fl_owner = filp;
	}
	flock.l_type = F_UNLCK;
	ctx = READ_ONCE(file_inode(filp)->i_flctx);
	if (ctx) {
		spin_lock(&ctx->flc_lock);
		fl = posix_find_conflict(ctx, &req);
		if (fl) {
			flock.l_type = fl->fl_type;
			flock.l_pid = (fl->fl_flags & FL_OFDLCK) ? -1 : fl->fl_pid;
			flock.l_whence = SEEK_SET;
			flock.l_start = fl->fl_start;
			flock.l_len = fl->fl_end == OFFSET_MAX ? 0 : fl->fl_end - fl->fl_start + 1;
		}
		spin_unlock(&ctx->flc_lock);
	}
	return copy_to_user(arg, &flock, sizeof(flock)) ? -EFAULT : 0;
}

long fcntl_setlk(struct file *filp, unsigned int cmd, void __user *arg)
{
	struct file_lock req;
	struct flock flock;
	int err;

	if (copy_from_user(&flock, arg, sizeof(flock)))
		return -EFAULT;
	err = flock_to_posix_lock(filp, &req, &flock);
	if (err)
		return err;
	if ((req.fl_type == F_RDLCK && !(filp->f_mode & FMODE_READ)) ||
	    (req.fl_type == F_WRLCK && !(filp->f_mode & FMODE_WRITE)))
		return -EBADF;
	if (cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW) {
		if (flock.l_pid != 0)
			return -EINVAL;
		req.fl_flags |= FL_OFDLCK;
		req.fl_owner = filp;
	}
	return posix_lock_inode_wait(file_inode(filp), &req,
				     cmd == F_SETLKW || cmd == F_OFD_SETLKW);
}

/* --- flock(2) ---------------------------------------------------------- */

static struct file_lock *flock_find_own(struct file_lock_context *ctx, struct file *filp)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_flock, fl_list)
		if (fl->fl_file == filp)
			return fl;
	return NULL;
}

static bool flock_find_conflict(struct file_lock_context *ctx, struct file *filp, int type)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_flock, fl_list)
		if (fl->fl_file != filp && (type == F_WRLCK || fl->fl_type == F_WRLCK))
			return true;
	return false;
}

static int flock_lock_inode_wait(struct inode *inode, struct file *filp, int type, bool wait)
{
	struct file_lock_context *ctx = locks_get_lock_context(inode);
	struct file_lock *new, *old;
	DEFINE_WAIT(wq);

	if (!ctx)
		return -ENOMEM;
	for (;;) {
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOLCK;
		spin_lock(&ctx->flc_lock);
		old = flock_find_own(ctx, filp);
		if (old && old->fl_type == type) {
			spin_unlock(&ctx->flc_lock);
			kfree(new);
			return 0;
		}
		if (old) {	/* a conversion drops the old lock first */
			list_del(&old->fl_list);
			kfree(old);
			wake_up_all(&ctx->flc_wait);
		}
		if (type == F_UNLCK || !flock_find_conflict(ctx, filp, type))
			break;
		kfree(new);
		if (!wait) {
			spin_unlock(&ctx->flc_lock);
			return -EAGAIN;	/* EWOULDBLOCK */
		}
		prepare_to_wait(&ctx->flc_wait, &wq, TASK_INTERRUPTIBLE);
		spin_unlock(&ctx->flc_lock);
		if (!signal_pending(current))
			schedule();
		finish_wait(&ctx->flc_wait, &wq);
		if (signal_pending(current))
			return -ERESTARTSYS;
	}
	if (type != F_UNLCK) {
		new->fl_file = filp;
		new->fl_owner = filp;
		new->fl_flags = FL_FLOCK;
		new->fl_type = type;
		new->fl_pid = current->tgid;
		new->fl_end = OFFSET_MAX;
		list_add_tail(&new->fl_list, &ctx->flc_flock);
		new = NULL;
	}
	spin_unlock(&ctx->flc_lock);
	kfree(new);
	return 0;
}

SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *filp;
	int type, err;

	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		type = -EINVAL;
	}
	filp = fget(fd);
	if (!filp || (filp->f_mode & FMODE_PATH)) {
		if (filp)
			fput(filp);
		return -EBADF;
	}
	if (type < 0)
		err = type;
	else if (type != F_UNLCK && !(filp->f_mode & (FMODE_READ | FMODE_WRITE)))
		err = -EBADF;
	else
		err = flock_lock_inode_wait(file_inode(filp), filp, type, !(cmd & LOCK_NB));
	fput(filp);
	return err;
}
