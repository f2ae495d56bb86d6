// SPDX-License-Identifier: MIT
/*
 * mincore(): one byte per page of the range, bit 0 set if the page is
 * resident. Anonymous memory is resident once touched (mapped); a file
 * mapping's page is resident when the file's page cache has it, mapped
 * here or not, as Linux reports it. -EINVAL for an unaligned start,
 * -ENOMEM for a range outside user space or with unmapped pages, -EFAULT
 * for a vector the caller cannot write.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>
#include <asm/pgtable.h>

#define MINCORE_BATCH	64	/* pages decided per copy to the caller */

static unsigned char mincore_page(struct mm_struct *mm, struct vm_area_struct *vma,
				  unsigned long addr)
{
	pteval_t *pte = user_pte(mm, addr, false);
	struct inode *inode;

	if (pte && (*pte & (_PAGE_PRESENT | _PAGE_PROTNONE)))
		return 1;
	if (!vma->vm_file)
		return 0;
	inode = file_inode(vma->vm_file);
	return xa_load(&inode->i_mapping->i_pages,
		       vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT)) != NULL;
}

/* Up to nr pages from addr into vec; the pages done, or -ENOMEM at a hole. */
static long do_mincore(unsigned long addr, unsigned long nr, unsigned char *vec)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long i;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start) {
		mmap_read_unlock(mm);
		return -ENOMEM;
	}
	nr = min(nr, (vma->vm_end - addr) >> PAGE_SHIFT);
	for (i = 0; i < nr; i++)
		vec[i] = mincore_page(mm, vma, addr + i * PAGE_SIZE);
	mmap_read_unlock(mm);
	return nr;
}

SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char __user *, vec)
{
	unsigned char tmp[MINCORE_BATCH];
	unsigned long pages;
	long n;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE_MAX || start > TASK_SIZE_MAX - len)
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + !!(len & ~PAGE_MASK);
	if (!access_ok(vec, pages))
		return -EFAULT;
	while (pages) {
		n = do_mincore(start, min(pages, (unsigned long)MINCORE_BATCH), tmp);
		if (n < 0)
			return n;
		if (copy_to_user(vec, tmp, n))
			return -EFAULT;
		pages -= n;
		vec += n;
		start += n << PAGE_SHIFT;
	}
	return 0;
}
