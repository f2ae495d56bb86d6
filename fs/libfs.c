// SPDX-License-Identifier: MIT
/*
 * Helpers shared by the in-memory file systems: copying out of a kernel
 * buffer at a file position, the page store behind regular files
 * (read, write, truncate), and listing a directory from the dentry tree.
 *
 * The page store is guarded by the inode's i_lock, a spinlock, so user
 * memory is never touched with it held (a fault on a user page may need
 * to sleep): user copies go through a page-sized bounce buffer, one
 * page of the file at a time.
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

static void *mapping_page(struct address_space *m, unsigned long index)
{
	return index < m->nr_slots ? m->pages[index] : NULL;
}

/* Copy one page-bounded piece out under i_lock; the bytes past i_size are not there. */
static size_t mapping_read_piece(struct inode *inode, loff_t pos, void *dst, size_t count)
{
	size_t off = pos & ~PAGE_MASK, n = 0;
	void *page;

	spin_lock(&inode->i_lock);
	if (pos < inode->i_size) {
		n = min(min(count, PAGE_SIZE - off), (size_t)(inode->i_size - pos));
		page = mapping_page(inode->i_mapping, pos >> PAGE_SHIFT);
		if (page)
			memcpy(dst, (char *)page + off, n);
		else
			memset(dst, 0, n);	/* a hole */
	}
	spin_unlock(&inode->i_lock);
	return n;
}

/* Bytes read into buf (a user pointer if user), 0 at the end, -EFAULT if none could be stored. */
ssize_t mapping_read(struct inode *inode, loff_t pos, void *buf, size_t count, bool user)
{
	char *bounce = NULL;
	size_t done = 0;

	if (user && !(bounce = kmalloc(PAGE_SIZE, GFP_KERNEL)))
		return -ENOMEM;
	while (done < count) {
		char *dst = user ? bounce : (char *)buf + done;
		size_t n = mapping_read_piece(inode, pos + done, dst, count - done);

		if (!n)
			break;
		if (user) {
			n -= copy_to_user((char *)buf + done, bounce, n);
			if (!n) {
				kfree(bounce);
				return done ? (ssize_t)done : -EFAULT;
			}
		}
		done += n;
	}
	kfree(bounce);
	return done;
}

/* Make room for page index in the slot array; under i_lock. */
static int mapping_grow(struct address_space *m, unsigned long index)
{
	unsigned long nr = max(index + 1, m->nr_slots * 2);
	void **pages;

	if (index < m->nr_slots)
		return 0;
	pages = kcalloc(nr, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (m->nr_slots)
		memcpy(pages, m->pages, m->nr_slots * sizeof(*pages));
	kfree(m->pages);
	m->pages = pages;
	m->nr_slots = nr;
	return 0;
}

static int mapping_write_piece(struct inode *inode, loff_t pos, const void *src, size_t n)
{
	struct address_space *m = inode->i_mapping;
	unsigned long index = pos >> PAGE_SHIFT;
	int err;

	spin_lock(&inode->i_lock);
	err = mapping_grow(m, index);
	if (!err && !m->pages[index] && !(m->pages[index] = kzalloc(PAGE_SIZE, GFP_KERNEL)))
		err = -ENOMEM;
	if (!err) {
		memcpy((char *)m->pages[index] + (pos & ~PAGE_MASK), src, n);
		if (pos + (loff_t)n > inode->i_size)
			inode->i_size = pos + n;
	}
	spin_unlock(&inode->i_lock);
	return err;
}

/* Bytes written from buf (a user pointer if user); an error only if none were. */
ssize_t mapping_write(struct inode *inode, loff_t pos, const void *buf, size_t count, bool user)
{
	char *bounce = NULL;
	size_t done = 0;
	int err = 0;

	if (pos < 0 || pos + (loff_t)count < pos)
		return -EFBIG;
	if (user && !(bounce = kmalloc(PAGE_SIZE, GFP_KERNEL)))
		return -ENOMEM;
	while (done < count) {
		size_t n = min(count - done, PAGE_SIZE - ((pos + done) & ~PAGE_MASK));
		const char *src = (const char *)buf + done;

		if (user) {
			n -= copy_from_user(bounce, src, n);
			if (!n) {
				err = -EFAULT;
				break;
			}
			src = bounce;
		}
		err = mapping_write_piece(inode, pos + done, src, n);
		if (err)
			break;
		done += n;
	}
	kfree(bounce);
	return done ? (ssize_t)done : err;
}

/* Cut (or extend with a hole) to size; pages past the end go back. */
int mapping_truncate(struct inode *inode, loff_t size)
{
	struct address_space *m = inode->i_mapping;
	unsigned long first = (size + PAGE_SIZE - 1) >> PAGE_SHIFT, i;

	if (size < 0)
		return -EINVAL;
	spin_lock(&inode->i_lock);
	for (i = first; i < m->nr_slots; i++) {
		kfree(m->pages[i]);
		m->pages[i] = NULL;
	}
	/* The tail of the last page must read as zeros if the file grows again. */
	if ((size & ~PAGE_MASK) && mapping_page(m, size >> PAGE_SHIFT))
		memset((char *)m->pages[size >> PAGE_SHIFT] + (size & ~PAGE_MASK), 0,
		       PAGE_SIZE - (size & ~PAGE_MASK));
	inode->i_size = size;
	spin_unlock(&inode->i_lock);
	return 0;
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
