// SPDX-License-Identifier: MIT
/*
 * Helpers shared by the in-memory file systems: copying out of a kernel
 * buffer at a file position and listing a directory from the dentry
 * tree. The pages behind their regular files are mm/filemap.c's.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/page.h>

ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	loff_t pos = *ppos;
	size_t n;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	n = min(count, available - pos);
	n -= copy_to_user(to, (const char *)from + pos, n);
	if (!n)
		return -EFAULT;
	*ppos = pos + n;
	return n;
}

/* The n-th child's name, inode number and type, copied under the lock; false past the end. */
static bool dcache_nth_child(struct dentry *dir, loff_t n, char *name, u64 *ino, unsigned int *type)
{
	struct dentry *child;
	bool found = false;

	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		if (n-- > 0 || !child->d_inode)
			continue;
		strscpy(name, child->d_name, NAME_MAX + 1);
		*ino = child->d_inode->i_ino;
		*type = fs_umode_to_dtype(child->d_inode->i_mode);
		found = true;
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/*
 * "." and ".." at positions 0 and 1, then the children in creation
 * order. The position is an index, so an entry removed during a walk
 * can make the next entry be skipped once (Linux keeps a cursor dentry
 * in the list to avoid that).
 */
int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_dentry;
	char name[NAME_MAX + 1];
	unsigned int type;
	u64 ino;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dir->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, dir->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	while (dcache_nth_child(dir, ctx->pos - 2, name, &ino, &type)) {
		if (!dir_emit(ctx, name, strlen(name), ino, type))
			return 0;
		ctx->pos++;
	}
	return 0;
}

/* read() on a directory: Linux's answer, whatever the file system. */
ssize_t generic_read_dir(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	return -EISDIR;
}

const struct file_operations simple_dir_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= dcache_readdir,
};
