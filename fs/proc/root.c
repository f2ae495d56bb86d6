// SPDX-License-Identifier: MIT
/*
 * /proc and /sys as directories: the inodes and open files for the
 * nodes of their trees (fs/kernfs/dir.c). Each inode holds a reference
 * on its node; a directory lists its node's children, a lookup finds a
 * child by name.
 *
 * Opening a file for reading renders it once, into a buffer that grows
 * until the text fits, and reads and seeks are served from that
 * snapshot, so one `cat' sees one consistent file, the way Linux's
 * single_open files behave for small outputs. A write hands the
 * method a NUL-terminated kernel copy of at most a page less one byte
 * and returns what the method returns. A file removed while open keeps
 * its snapshot; writing to it then fails with -ENOENT.
 *
 * Permissions are Linux's for root (reflex runs everything as root): a
 * /proc file without a write method opens for writing and write()
 * fails with -EIO (proc_reg_write); a /sys attribute refuses to open
 * for writing with -EACCES unless its mode has a write bit and it has
 * a store method, and likewise for reading (kernfs_fop_open).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/kernfs.h>
#include <linux/proc_fs.h>
#include <linux/sysfs.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/magic.h>
#include <asm/page.h>
#include "internal.h"

#define PROC_DEV		MKDEV(0, 4)
#define SYSFS_DEV		MKDEV(0, 5)
#define PROC_RENDER_MAX		(1UL << 20)	/* the largest file rendered */

static void kernfs_evict_inode(struct inode *inode)
{
	kernfs_put(inode->i_private);
}

static const struct super_operations kernfs_sops = {
	.evict_inode	= kernfs_evict_inode,
};

/* One super_block each for /proc and /sys: statfs() tells them apart by s_magic. */
static struct super_block proc_sb = {
	.s_maxbytes	= MAX_LFS_FILESIZE,
	.s_op		= &kernfs_sops,
	.s_magic	= PROC_SUPER_MAGIC,
	.s_dev		= PROC_DEV,
};

static struct super_block sysfs_sb = {
	.s_maxbytes	= MAX_LFS_FILESIZE,
	.s_op		= &kernfs_sops,
	.s_magic	= SYSFS_MAGIC,
	.s_dev		= SYSFS_DEV,
};

static bool is_sysfs(const struct inode *inode)
{
	return inode->i_dev == SYSFS_DEV;
}

struct proc_file {
	/*
	 * One open file may be read by many tasks at once (a forked child
	 * shares it): the lock keeps one from freeing the text another is
	 * copying out or rendering, as seq_file's m->lock does.
	 */
	struct mutex lock;
	char *buf;
	size_t len;
	bool consumed;		/* read from: a read at 0 renders again */
};

/* Render the node into a buffer that grows until the text fits. */
static int proc_render(struct kernfs_node *kn, struct proc_file *pf)
{
	size_t size = 4096;
	ssize_t n;

	for (;;) {
		pf->buf = kmalloc(size, GFP_KERNEL);
		if (!pf->buf)
			return -ENOMEM;
		n = kernfs_render(kn, pf->buf, size);
		/* A full buffer means the text was cut: render again, bigger. */
		if (n < 0 || (size_t)n < size || size >= PROC_RENDER_MAX)
			break;
		kfree(pf->buf);
		size *= 2;
	}
	if (n < 0) {
		kfree(pf->buf);
		pf->buf = NULL;
		return n;
	}
	pf->len = n;
	return 0;
}

/* kernfs_fop_open's checks: the mode and the method must both allow the access. */
static int sysfs_may_open(struct inode *inode, struct file *file)
{
	struct kernfs_node *kn = inode->i_private;

	if ((file->f_mode & FMODE_WRITE) && (!(inode->i_mode & S_IWUGO) || !kn->ops.write))
		return -EACCES;
	if ((file->f_mode & FMODE_READ) && (!(inode->i_mode & S_IRUGO) || !kn->ops.show))
		return -EACCES;
	return 0;
}

static int proc_reg_open(struct inode *inode, struct file *file)
{
	struct kernfs_node *kn = inode->i_private;
	struct proc_file *pf;
	int err = 0;

	if (is_sysfs(inode))
		err = sysfs_may_open(inode, file);
	if (!err && !kernfs_get_active(kn))
		err = -ENOENT;
	if (err)
		return err;
	kernfs_put_active(kn);
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	mutex_init(&pf->lock);
	if (file->f_mode & FMODE_READ)
		err = proc_render(kn, pf);
	if (err) {
		kfree(pf);
		return err;
	}
	file->private_data = pf;
	return 0;
}

static ssize_t proc_reg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_file *pf = file->private_data;
	ssize_t ret;

	mutex_lock(&pf->lock);
	/* A reader back at 0 (top, free: lseek then read) gets fresh text, as from seq_file. */
	if (*ppos == 0 && pf->consumed) {
		struct proc_file fresh = {};
		int err = proc_render(file_inode(file)->i_private, &fresh);

		if (err) {
			mutex_unlock(&pf->lock);
			return err;
		}
		kfree(pf->buf);
		pf->buf = fresh.buf;
		pf->len = fresh.len;
	}
	pf->consumed = true;
	ret = simple_read_from_buffer(buf, count, ppos, pf->buf, pf->len);
	mutex_unlock(&pf->lock);
	return ret;
}

static ssize_t proc_reg_write(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos)
{
	struct kernfs_node *kn = file_inode(file)->i_private;
	ssize_t ret;
	char *kbuf;

	if (!kn->ops.write)
		return -EIO;
	count = min(count, (size_t)PAGE_SIZE - 1);
	kbuf = kmalloc(count + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (copy_from_user(kbuf, buf, count)) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[count] = '\0';
	ret = kernfs_write(kn, kbuf, count);
	kfree(kbuf);
	return ret;
}

static loff_t proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	struct proc_file *pf = file->private_data;
	loff_t ret;

	mutex_lock(&pf->lock);
	ret = generic_file_llseek_size(file, offset, whence, MAX_LFS_FILESIZE, pf->len);
	mutex_unlock(&pf->lock);
	return ret;
}

static int proc_reg_release(struct inode *inode, struct file *file)
{
	struct proc_file *pf = file->private_data;

	kfree(pf->buf);
	kfree(pf);
	return 0;
}

static const struct file_operations proc_reg_file_ops = {
	.llseek		= proc_reg_llseek,
	.read		= proc_reg_read,
	.write		= proc_reg_write,
	.open		= proc_reg_open,
	.release	= proc_reg_release,
};

static const struct inode_operations proc_dir_inode_operations;
static const struct file_operations proc_dir_operations;

/* An inode for kn, holding the caller's reference on it. */
static struct inode *kernfs_get_inode(dev_t dev, struct kernfs_node *kn)
{
	struct inode *inode = new_inode(dev);

	if (!inode) {
		kernfs_put(kn);
		return NULL;
	}
	inode->i_sb = dev == SYSFS_DEV ? &sysfs_sb : &proc_sb;
	inode->i_ino = kn->ino;
	inode->i_private = kn;
	if (kernfs_is_dir(kn)) {
		inode->i_mode = S_IFDIR | S_IRUGO | S_IXUGO;
		inode->i_nlink = 2;
		inode->i_op = &proc_dir_inode_operations;
		inode->i_fop = &proc_dir_operations;
	} else {
		inode->i_mode = S_IFREG | (kn->mode & S_IALLUGO);
		inode->i_fop = kn->ops.fops ?: &proc_reg_file_ops;
	}
	return inode;
}

static bool is_proc_root(struct inode *dir)
{
	return dir->i_dev == PROC_DEV && dir->i_private == proc_kernfs_root.kn;
}

static struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry)
{
	struct kernfs_node *kn = kernfs_find_child(dir->i_private, dentry->d_name,
						   strlen(dentry->d_name));
	struct inode *inode;

	if (!kn && is_proc_root(dir))
		return proc_pid_lookup(dir, dentry);
	if (!kn)
		return NULL;
	inode = kernfs_get_inode(dir->i_dev, kn);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(dentry, inode);
	return NULL;
}

static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	struct kernfs_node *kn;
	char name[NAME_MAX + 1];

	if (ctx->pos == 0 && !dir_emit(ctx, ".", 1, dir->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 0)
		ctx->pos = 1;
	if (ctx->pos == 1 && !dir_emit(ctx, "..", 2, file->f_dentry->d_parent->d_inode->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 1)
		ctx->pos = 2;
	/* The lock is not held while the name goes out to user memory. */
	while (ctx->pos < PROC_PID_FIRST_POS &&
	       (kn = kernfs_child_at(dir->i_private, ctx->pos - 2, name, sizeof(name)))) {
		bool more = dir_emit(ctx, name, strlen(name), kn->ino,
				     kernfs_is_dir(kn) ? DT_DIR : DT_REG);

		kernfs_put(kn);
		if (!more)
			return 0;
		ctx->pos++;
	}
	if (!is_proc_root(dir))
		return 0;
	if (ctx->pos < PROC_PID_FIRST_POS)
		ctx->pos = PROC_PID_FIRST_POS;
	return proc_pid_readdir(file, ctx);
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_readdir,
};

extern struct dentry *root_dentry;

/*
 * A removed name must not be found through the dentry cache, which
 * keeps every name looked up: unlink the cached dentries under
 * /<mnt>/<path>. Open files keep theirs.
 */
void kernfs_drop_dentries(const struct kernfs_root *root, const char *path)
{
	struct dentry *dentry, *next;
	const char *comp = root->mnt;
	size_t len;

	if (!root_dentry)
		return;
	dentry = dget(root_dentry);
	while (comp && dentry) {
		const char *slash = strchr(comp, '/');

		len = slash ? (size_t)(slash - comp) : strlen(comp);
		next = d_lookup(dentry, comp, len);
		dput(dentry);
		dentry = next;
		comp = comp == root->mnt ? path : (slash ? slash + 1 : NULL);
	}
	if (!dentry)
		return;
	d_invalidate(dentry);
	dput(dentry);
}

struct inode *proc_get_root_inode(void)
{
	struct kernfs_node *kn = kernfs_root_node(&proc_kernfs_root);

	if (!kn)
		return NULL;
	kernfs_get(kn);
	return kernfs_get_inode(PROC_DEV, kn);
}

struct inode *sysfs_get_root_inode(void)
{
	struct kernfs_node *kn = kernfs_root_node(&sysfs_kernfs_root);

	if (!kn)
		return NULL;
	kernfs_get(kn);
	return kernfs_get_inode(SYSFS_DEV, kn);
}

/*
 * tracefs as mount(2) gives it ("mount -t tracefs nodev /sys/kernel/tracing",
 * what libtracefs does when /proc/mounts lists none): the same kernfs
 * directory the /sys tree holds, so both paths show the same files.
 */
struct inode *tracefs_get_root_inode(void)
{
	struct kernfs_node *kn = kernfs_find_and_get(&sysfs_kernfs_root, "kernel/tracing");

	if (!kn)
		return NULL;
	return kernfs_get_inode(SYSFS_DEV, kn);
}
