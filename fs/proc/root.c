// SPDX-License-Identifier: MIT
/*
 * /proc as a directory. fs/proc/generic.c keeps a flat table of files
 * ("interrupts", "net/softnet_stat"...); here a name with slashes
 * becomes subdirectories, looking a name up makes an inode for it, and
 * listing a directory lists the table's names under its prefix.
 *
 * Opening a file renders it once, into a buffer that grows until the
 * text fits, and reads and seeks are served from that snapshot, so one
 * `cat' sees one consistent file, the way Linux's single_open files
 * behave for small outputs.
 *
 * /sys (fs/sysfs/sysfs.c) is the same kind of tree over another table of
 * read-only files; an inode's device says which table it belongs to.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/proc_fs.h>
#include <linux/sysfs.h>
#include <linux/slab.h>

#define PROC_DEV		MKDEV(0, 4)
#define SYSFS_DEV		MKDEV(0, 5)
#define PROC_MAX_NAMES		128
#define PROC_RENDER_MAX		(1UL << 20)	/* the largest file rendered */
#define PROC_ROOT_INO		1

/* A flat table of generated files, named by path below the mount point. */
struct pseudo_table {
	dev_t dev;
	void (*for_each)(void (*fn)(const char *name, void *arg), void *arg);
	ssize_t (*read)(const char *name, char *buf, size_t size);
};

static const struct pseudo_table proc_table = { PROC_DEV, proc_for_each, proc_read };
static const struct pseudo_table sysfs_table = { SYSFS_DEV, sysfs_for_each, sysfs_read };

static const struct pseudo_table *table_of(const struct inode *inode)
{
	return inode->i_dev == SYSFS_DEV ? &sysfs_table : &proc_table;
}

struct proc_names {
	const char *names[PROC_MAX_NAMES];
	int n;
};

static void proc_collect(const char *name, void *arg)
{
	struct proc_names *pn = arg;

	if (pn->n < PROC_MAX_NAMES)
		pn->names[pn->n++] = name;
}

/* Inode numbers from the path (FNV-1a), so a lookup and a listing agree without a table. */
static unsigned long proc_ino(const char *path, size_t len)
{
	u32 h = 2166136261u;

	while (len--)
		h = (h ^ (u8)*path++) * 16777619u;
	return ((unsigned long)h << 1) | 0x100000000UL;
}

struct proc_file {
	char *buf;
	size_t len;
};

static int proc_reg_open(struct inode *inode, struct file *file)
{
	const char *name = inode->i_private;
	struct proc_file *pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	size_t size = 4096;
	ssize_t n;

	if (!pf)
		return -ENOMEM;
	for (;;) {
		pf->buf = kmalloc(size, GFP_KERNEL);
		if (!pf->buf) {
			kfree(pf);
			return -ENOMEM;
		}
		n = table_of(inode)->read(name, pf->buf, size);
		/* A full buffer means the text was cut: render again, bigger. */
		if (n < 0 || (size_t)n < size || size >= PROC_RENDER_MAX)
			break;
		kfree(pf->buf);
		size *= 2;
	}
	if (n < 0) {
		kfree(pf->buf);
		kfree(pf);
		return n;
	}
	pf->len = n;
	file->private_data = pf;
	return 0;
}

static ssize_t proc_reg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_file *pf = file->private_data;

	return simple_read_from_buffer(buf, count, ppos, pf->buf, pf->len);
}

static loff_t proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	struct proc_file *pf = file->private_data;

	return generic_file_llseek_size(file, offset, whence, MAX_LFS_FILESIZE, pf->len);
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
	.open		= proc_reg_open,
	.release	= proc_reg_release,
};

static struct inode *proc_dir_inode(const struct pseudo_table *t, const char *prefix,
				    size_t len);

/* The component of name that follows prefix, or 0 if name is not under it. */
static size_t proc_child(const char *name, const char *prefix, size_t plen, bool *is_dir)
{
	size_t len = 0;

	if (strncmp(name, prefix, plen))
		return 0;
	name += plen;
	while (name[len] && name[len] != '/')
		len++;
	*is_dir = name[len] == '/';
	return len;
}

static struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry)
{
	const struct pseudo_table *t = table_of(dir);
	const char *prefix = dir->i_private;
	size_t plen = strlen(prefix), len = strlen(dentry->d_name);
	struct proc_names pn = { .n = 0 };
	struct inode *inode = NULL;
	bool is_dir = false;
	int i;

	t->for_each(proc_collect, &pn);
	for (i = 0; i < pn.n && !inode; i++) {
		const char *name = pn.names[i];

		if (proc_child(name, prefix, plen, &is_dir) != len ||
		    strncmp(name + plen, dentry->d_name, len))
			continue;
		if (is_dir) {
			inode = proc_dir_inode(t, name, plen + len + 1);
		} else {
			inode = new_inode(t->dev);
			if (inode) {
				inode->i_mode = S_IFREG | S_IRUGO;
				inode->i_ino = proc_ino(name, plen + len);
				inode->i_fop = &proc_reg_file_ops;
				inode->i_private = (void *)name;	/* proc_create_single()'s, static */
			}
		}
		if (!inode)
			return ERR_PTR(-ENOMEM);
	}
	if (inode)
		d_instantiate(dentry, inode);
	return NULL;
}

/* Was the same child component already produced by an earlier name? */
static bool proc_seen(struct proc_names *pn, int upto, const char *prefix, size_t plen,
		      const char *comp, size_t len)
{
	bool is_dir = false;
	int j;

	for (j = 0; j < upto; j++) {
		if (proc_child(pn->names[j], prefix, plen, &is_dir) == len &&
		    !strncmp(pn->names[j] + plen, comp, len))
			return true;
	}
	return false;
}

static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	const char *prefix = dir->i_private;
	size_t plen = strlen(prefix);
	struct proc_names pn = { .n = 0 };
	loff_t index = 2;
	bool is_dir = false;
	int i;

	if (ctx->pos == 0 && !dir_emit(ctx, ".", 1, dir->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 0)
		ctx->pos = 1;
	if (ctx->pos == 1 && !dir_emit(ctx, "..", 2, file->f_dentry->d_parent->d_inode->i_ino, DT_DIR))
		return 0;
	if (ctx->pos == 1)
		ctx->pos = 2;
	table_of(dir)->for_each(proc_collect, &pn);
	for (i = 0; i < pn.n; i++) {
		const char *comp = pn.names[i] + plen;
		size_t len = proc_child(pn.names[i], prefix, plen, &is_dir);

		if (!len || proc_seen(&pn, i, prefix, plen, comp, len))
			continue;
		if (index++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, comp, len, proc_ino(pn.names[i], plen + len + is_dir),
			      is_dir ? DT_DIR : DT_REG))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_readdir,
};

/* A directory for the names that start with prefix (len bytes, ending in '/', or empty). */
static struct inode *proc_dir_inode(const struct pseudo_table *t, const char *prefix,
				    size_t len)
{
	struct inode *inode = new_inode(t->dev);
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	if (!inode || !copy) {
		kfree(copy);
		if (inode)
			iput(inode);
		return NULL;
	}
	memcpy(copy, prefix, len);
	copy[len] = '\0';
	inode->i_mode = S_IFDIR | S_IRUGO | S_IXUGO;
	inode->i_nlink = 2;
	inode->i_ino = len ? proc_ino(prefix, len) : PROC_ROOT_INO;
	inode->i_op = &proc_dir_inode_operations;
	inode->i_fop = &proc_dir_operations;
	inode->i_private = copy;	/* proc directories are never freed */
	return inode;
}

struct inode *proc_get_root_inode(void)
{
	return proc_dir_inode(&proc_table, "", 0);
}

struct inode *sysfs_get_root_inode(void)
{
	return proc_dir_inode(&sysfs_table, "", 0);
}
