// SPDX-License-Identifier: MIT
/*
 * struct file: allocation and the last reference. A file is shared by
 * every descriptor dup()ed or inherited from the one that opened it;
 * when the last goes, the driver's release() runs and the dentry (and
 * with it, perhaps, an unlinked inode) is let go. Linux defers that
 * final work to task_work on return to user space; here it runs in the
 * caller, which therefore must not hold spinlocks.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/eventpoll.h>
#include <linux/filelock.h>

static fmode_t open_flags_to_fmode(unsigned int flags)
{
	fmode_t mode;

	if (flags & O_PATH)
		return FMODE_PATH;
	/* 0 (O_RDONLY) -> READ, 1 -> WRITE, 2 -> both, 3 -> neither (ioctl only). */
	mode = (flags + 1) & O_ACCMODE;
	return mode | FMODE_LSEEK | FMODE_PREAD;
}

/* A file on dentry (the new file takes a reference) with f_count 1, or ERR_PTR. */
struct file *alloc_file(struct dentry *dentry, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return ERR_PTR(-ENOMEM);
	atomic_set(&f->f_count, 1);
	f->f_flags = flags;
	f->f_mode = open_flags_to_fmode(flags);
	f->f_dentry = dget(dentry);
	f->f_inode = dentry->d_inode;
	f->f_op = fop;
	INIT_LIST_HEAD(&f->f_ep);
	return f;
}

void fput(struct file *file)
{
	if (!atomic_dec_and_test(&file->f_count))
		return;
	/* Nothing may find the file through epoll or a lock once it is going. */
	eventpoll_release(file);
	locks_remove_file(file);
	if (file->f_op && file->f_op->release && !(file->f_mode & FMODE_PATH))
		file->f_op->release(file->f_inode, file);
	dput(file->f_dentry);
	kfree(file);
}
