// SPDX-License-Identifier: MIT
/*
 * The page cache of the in-memory file systems: a regular file's bytes
 * are pages in an xarray (mapping->i_pages) indexed by page number, so a
 * file costs the pages written, wherever they are; an index with no page
 * is a hole and reads as zeros. Also here, as in Linux, the checks every
 * write to such a file passes first (generic_write_checks: the process's
 * RLIMIT_FSIZE, the file system's s_maxbytes), so no size a program
 * names reaches an allocator unbounded. The pages are page frames of
 * their own (page_cache_alloc(), mm/memory.c), so mappings of the file
 * map them directly: a MAP_SHARED mapping writes the very bytes read()
 * returns, a MAP_PRIVATE one reads them until its first write copies
 * the page (mm/memory.c's faults come here through filemap_fault_page()).
 * A file system with a size limit (tmpfs size=) counts its pages in its
 * super_block; a page past the limit is -ENOSPC.
 *
 * The pages and i_size are guarded by the inode's i_lock, a spinlock, so
 * user memory is never touched with it held (a fault on a user page may
 * need to sleep): user copies go through a page-sized bounce buffer, one
 * page of the file at a time.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/xarray.h>
#include <linux/uaccess.h>
#include <linux/mm_types.h>
#include <asm/page.h>
#include "internal.h"

void mapping_init(struct address_space *m, struct inode *host)
{
	m->host = host;
	spin_lock_init(&m->i_mmap_lock);
	INIT_LIST_HEAD(&m->i_mmap);
}

/*
 * A page more for the file system (its statfs counts them), unless it
 * is full (tmpfs size=).
 */
static bool sb_charge_page(struct super_block *sb)
{
	if (!sb)
		return true;
	if (atomic64_add_return(1, &sb->s_nr_pages) <= (long)sb->s_max_pages ||
	    !sb->s_max_pages)
		return true;
	atomic_long_dec(&sb->s_nr_pages);
	return false;
}

static void sb_uncharge_page(struct super_block *sb)
{
	if (sb)
		atomic_long_dec(&sb->s_nr_pages);
}

/* Copy one page-bounded piece out under i_lock; the bytes past i_size are not there. */
static size_t mapping_read_piece(struct inode *inode, loff_t pos, void *dst, size_t count)
{
	size_t off = pos & ~PAGE_MASK, n = 0;
	void *page;

	spin_lock(&inode->i_lock);
	if (pos < inode->i_size) {
		n = min(min(count, PAGE_SIZE - off), (size_t)(inode->i_size - pos));
		page = xa_load(&inode->i_mapping->i_pages, pos >> PAGE_SHIFT);
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

/* The page at index, added zeroed if the file has none there; under i_lock. */
static void *mapping_get_page(struct inode *inode, unsigned long index)
{
	struct address_space *m = inode->i_mapping;
	void *page = xa_load(&m->i_pages, index);

	if (page)
		return page;
	if (!sb_charge_page(inode->i_sb))
		return ERR_PTR(-ENOSPC);
	page = page_cache_alloc(m, index);
	if (!page)
		goto nomem;
	if (xa_is_err(xa_store(&m->i_pages, index, page, GFP_KERNEL))) {
		page_cache_release(page);
		goto nomem;
	}
	m->nrpages++;
	return page;
nomem:
	sb_uncharge_page(inode->i_sb);
	return ERR_PTR(-ENOMEM);
}

/**
 * filemap_fault_page - the page a mapping of inode shows at pgoff
 * @inode: a regular file with pages
 * @pgoff: the page's index in the file
 *
 * A hole gets its zeroed page now, so every mapper sees the one page.
 * Return: the page's kernel address with a reference for the caller's
 * PTE, ERR_PTR(-EIO) past the end of the file (the fault's SIGBUS), or
 * ERR_PTR(-ENOMEM / -ENOSPC).
 */
void *filemap_fault_page(struct inode *inode, unsigned long pgoff)
{
	void *page;

	spin_lock(&inode->i_lock);
	if (pgoff >= (unsigned long)((inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT))
		page = ERR_PTR(-EIO);
	else
		page = mapping_get_page(inode, pgoff);
	if (!IS_ERR(page))
		page_cache_get(page);
	spin_unlock(&inode->i_lock);
	return page;
}

static int mapping_write_piece(struct inode *inode, loff_t pos, const void *src, size_t n)
{
	void *page;

	spin_lock(&inode->i_lock);
	page = mapping_get_page(inode, pos >> PAGE_SHIFT);
	if (!IS_ERR(page)) {
		memcpy((char *)page + (pos & ~PAGE_MASK), src, n);
		if (pos + (loff_t)n > inode->i_size)
			inode->i_size = pos + n;
	}
	spin_unlock(&inode->i_lock);
	return IS_ERR(page) ? PTR_ERR(page) : 0;
}

/*
 * Bytes written from buf (a user pointer if user); an error only if none
 * were. The caller has bounded pos and count (generic_write_checks()).
 */
ssize_t mapping_write(struct inode *inode, loff_t pos, const void *buf, size_t count, bool user)
{
	char *bounce = NULL;
	size_t done = 0;
	int err = 0;

	if (pos < 0 || pos + (loff_t)count < pos)
		return -EINVAL;
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

/*
 * Cut (or extend with a hole) to size; the pages wholly past the end go
 * back. The new size is set first and the mappings of the cut pages
 * removed before the pages leave the cache: a fault that comes after
 * the size sees it (SIGBUS), one that came before is undone by
 * unmap_mapping_range(), which waits for it.
 */
int mapping_truncate(struct inode *inode, loff_t size)
{
	struct address_space *m = inode->i_mapping;
	unsigned long first = (size + PAGE_SIZE - 1) >> PAGE_SHIFT, index;
	bool shrink;
	void *page;

	if (size < 0)
		return -EINVAL;
	spin_lock(&inode->i_lock);
	shrink = size < inode->i_size;
	inode->i_size = size;
	spin_unlock(&inode->i_lock);
	if (shrink)
		unmap_mapping_range(m, first);
	spin_lock(&inode->i_lock);
	xa_for_each_start(&m->i_pages, index, page, first) {
		xa_erase(&m->i_pages, index);
		page_cache_release(page);
		sb_uncharge_page(inode->i_sb);
		m->nrpages--;
	}
	/* The tail of the last page must read as zeros if the file grows again. */
	page = (size & ~PAGE_MASK) ? xa_load(&m->i_pages, size >> PAGE_SHIFT) : NULL;
	if (page && shrink)
		memset((char *)page + (size & ~PAGE_MASK), 0, PAGE_SIZE - (size & ~PAGE_MASK));
	spin_unlock(&inode->i_lock);
	return 0;
}

/*
 * How much of a write of *count bytes at pos this file takes: 0 or
 * -EFBIG at or past a limit, *count shortened for a write that crosses
 * one. Past RLIMIT_FSIZE the writer also gets SIGXFSZ.
 */
int generic_write_check_limits(struct file *file, loff_t pos, size_t *count)
{
	loff_t max_size = file_inode(file)->i_sb->s_maxbytes;
	unsigned long limit = rlimit(RLIMIT_FSIZE);

	if (limit != RLIM_INFINITY) {
		if ((u64)pos >= limit) {
			send_sig(SIGXFSZ, current, 0);
			return -EFBIG;
		}
		*count = min(*count, (size_t)(limit - pos));
	}
	if (pos >= max_size)
		return -EFBIG;
	*count = min(*count, (size_t)(max_size - pos));
	return 0;
}

/**
 * generic_write_checks() - where a write goes and how much of it may
 *
 * Moves *pos to the end for O_APPEND and applies the limits. Returns
 * the bytes to write (*count may shrink), 0 for an empty write, or an
 * error. Linux's takes a kiocb and an iov_iter; the position and count
 * are all of them a write here has.
 */
ssize_t generic_write_checks(struct file *file, loff_t *pos, size_t *count)
{
	int err;

	if (!*count)
		return 0;
	if (file->f_flags & O_APPEND)
		*pos = file_inode(file)->i_size;
	err = generic_write_check_limits(file, *pos, count);
	return err ?: (ssize_t)*count;
}
