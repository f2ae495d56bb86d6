// SPDX-License-Identifier: MIT
/*
 * madvise(): what a program tells the kernel about its use of a range.
 * The advice that changes what the program sees is carried out:
 * MADV_DONTNEED and MADV_FREE drop the pages (anonymous memory reads
 * zeros after, a file mapping the file's bytes again), MADV_DONTFORK /
 * MADV_DOFORK and MADV_WIPEONFORK / MADV_KEEPONFORK change what fork()
 * gives the child, MADV_POPULATE_READ/WRITE fault the range in. The
 * rest (access patterns, huge pages, dumping, reclaim hints) has nothing
 * to act on here (no swap, no huge pages, no core dumps) and is
 * accepted, as Linux accepts a hint it cannot use. The errors are
 * Linux's: -EINVAL for a bad range or advice, -ENOMEM when part of the
 * range is unmapped (the mapped parts are still advised).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include "internal.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_WIPEONFORK: case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		return true;
	default:
		return false;
	}
}

/* Advice that changes the VMA's flags: split it to the range first. */
static int madvise_update_flags(struct mm_struct *mm, struct vm_area_struct *vma,
				unsigned long start, unsigned long end,
				unsigned long set, unsigned long clear)
{
	vma = vma_split_range(mm, vma, start, end);
	if (!vma)
		return -ENOMEM;
	vma_set_flags(vma, (vma->vm_flags & ~clear) | set);
	return 0;
}

static int madvise_populate(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end, bool write)
{
	unsigned long addr;
	int err;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		err = handle_mm_fault(mm, vma, addr, write, false);
		if (err == -ENOMEM)
			return -ENOMEM;
		if (err)
			return -EFAULT;	/* no access, or past the end of the file */
	}
	return 0;
}

/* The pages go; the next touch finds zeros, or the file's bytes. */
static int madvise_dontneed(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end)
{
	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	zap_page_range(mm, start, end);
	return 0;
}

/* The advice for [start, end) within one VMA. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, int behavior)
{
	switch (behavior) {
	case MADV_FREE:
		if (vma->vm_file)
			return -EINVAL;	/* anonymous private memory only */
		return madvise_dontneed(mm, vma, start, end);
	case MADV_DONTNEED:
		return madvise_dontneed(mm, vma, start, end);
	case MADV_REMOVE:
		if (!(vma->vm_flags & VM_SHARED) || (vma->vm_flags & VM_LOCKED))
			return -EINVAL;
		return -EOPNOTSUPP;	/* no hole punching in the page cache */
	case MADV_DONTFORK:
		return madvise_update_flags(mm, vma, start, end, VM_DONTCOPY, 0);
	case MADV_DOFORK:
		return madvise_update_flags(mm, vma, start, end, 0, VM_DONTCOPY);
	case MADV_WIPEONFORK:
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		return madvise_update_flags(mm, vma, start, end, VM_WIPEONFORK, 0);
	case MADV_KEEPONFORK:
		return madvise_update_flags(mm, vma, start, end, 0, VM_WIPEONFORK);
	case MADV_COLD:
	case MADV_PAGEOUT:
		return vma->vm_flags & VM_LOCKED ? -EINVAL : 0;
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(mm, vma, start, end, behavior == MADV_POPULATE_WRITE);
	default:
		return 0;	/* a hint with nothing to act on */
	}
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = ALIGN(len_in, PAGE_SIZE), end = start + len, addr;
	struct vm_area_struct *vma;
	int err = 0, unmapped = 0;

	if (start & ~PAGE_MASK || !madvise_behavior_valid(behavior))
		return -EINVAL;
	if (len_in && !len)
		return -EINVAL;
	if (end < start || end > TASK_SIZE_MAX)
		return -EINVAL;
	if (end == start)
		return 0;
	mmap_write_lock(mm);
	for (addr = start; addr < end && !err; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;
			break;
		}
		if (vma->vm_start > addr) {
			unmapped = -ENOMEM;
			addr = vma->vm_start;
		}
		err = madvise_vma(mm, vma, addr, min(end, vma->vm_end), behavior);
	}
	mmap_write_unlock(mm);
	return err ?: unmapped;
}
