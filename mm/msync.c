// SPDX-License-Identifier: MIT
/*
 * msync(): a file mapping's pages are the file's page cache itself
 * (mm/filemap.c) and the in-memory file systems have nothing behind it,
 * so there is nothing to write back or to invalidate: msync checks its
 * arguments and the range as Linux does and returns. -EINVAL for bad
 * flags or an unaligned start, -ENOMEM for a range with unmapped pages,
 * -EBUSY for MS_INVALIDATE on locked memory.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	int err = 0, unmapped = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mmap_read_lock(mm);
	for (vma = find_vma(mm, start); start < end; vma = find_vma(mm, start)) {
		if (!vma) {
			err = -ENOMEM;
			break;
		}
		if (start < vma->vm_start) {
			if (vma->vm_start >= end) {
				err = -ENOMEM;
				break;
			}
			unmapped = -ENOMEM;
			start = vma->vm_start;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			err = -EBUSY;
			break;
		}
		start = vma->vm_end;
	}
	mmap_read_unlock(mm);
	return err ?: unmapped;
}
