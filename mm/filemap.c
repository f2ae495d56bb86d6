// SPDX-License-Identifier: MIT
/*
 * The page cache of the in-memory file systems: a regular file's bytes
 * are pages in an xarray (mapping->i_pages) indexed by page number, so a
 * file costs the pages written, wherever they are; an index with no page
 * is a hole and reads as zeros. Also here, as in Linux, the checks every
 * write to such a file passes first (generic_write_checks: the process's
 * RLIMIT_FSIZE, the file system's s_maxbytes), so no size a program
 * names reaches an allocator unbounded. A private mapping of such a
 * file (mmap MAP_PRIVATE) gets a copy of the file's pages at mmap()
 * time: after that it is anonymous memory like any other.
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
static void *mapping_get_page(struct address_space *m, unsigned long index)
{
	void *page = xa_load(&m->i_pages, index);

	if (page)
		return page;
	page = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return NULL;
	if (xa_is_err(xa_store(&m->i_pages, index, page, GFP_KERNEL))) {
		kfree(page);
		return NULL;
	}
	m->nrpages++;
	return page;
}

static int mapping_write_piece(struct inode *inode, loff_t pos, const void *src, size_t n)
{
	void *page;

	spin_lock(&inode->i_lock);
	page = mapping_get_page(inode->i_mapping, pos >> PAGE_SHIFT);
	if (page) {
		memcpy((char *)page + (pos & ~PAGE_MASK), src, n);
		if (pos + (loff_t)n > inode->i_size)
			inode->i_size = pos + n;
	}
	spin_unlock(&inode->i_lock);
	return page ? 0 : -ENOMEM;
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

/* Cut (or extend with a hole) to size; the pages wholly past the end go back. */
int mapping_truncate(struct inode *inode, loff_t size)
{
	struct address_space *m = inode->i_mapping;
	unsigned long first = (size + PAGE_SIZE - 1) >> PAGE_SHIFT, index;
	void *page;

	if (size < 0)
		return -EINVAL;
	spin_lock(&inode->i_lock);
	xa_for_each_start(&m->i_pages, index, page, first) {
		xa_erase(&m->i_pages, index);
		kfree(page);
		m->nrpages--;
	}
	/* The tail of the last page must read as zeros if the file grows again. */
	page = (size & ~PAGE_MASK) ? xa_load(&m->i_pages, size >> PAGE_SHIFT) : NULL;
	if (page)
		memset((char *)page + (size & ~PAGE_MASK), 0, PAGE_SIZE - (size & ~PAGE_MASK));
	inode->i_size = size;
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

/**
 * filemap_map_private - fill a new private mapping with the file's bytes
 * @mm: the address space, its mmap_lock held for writing
 * @vma: the new VMA, nothing mapped in it yet
 * @file: the file, open for reading
 * @off: the file offset of vma->vm_start (page-aligned)
 *
 * Every page of the VMA the file reaches gets a copy of its bytes now,
 * the tail of the last one zeroed; pages past the end of the file are
 * left to demand-zero faults (Linux would raise SIGBUS there).
 * Return: 0, or a negative errno with some pages mapped, which the
 * caller unmaps.
 */
int filemap_map_private(struct mm_struct *mm, struct vm_area_struct *vma, struct file *file,
			loff_t off)
{
	loff_t size = READ_ONCE(file_inode(file)->i_size);
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end && off < size;
	     addr += PAGE_SIZE, off += PAGE_SIZE) {
		void *kaddr = vm_map_new_page(mm, vma, addr);
		loff_t pos = off;
		ssize_t n;

		if (!kaddr)
			return -ENOMEM;
		n = kernel_read(file, kaddr, PAGE_SIZE, &pos);
		if (n < 0)
			return n;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}
