// SPDX-License-Identifier: MIT
/*
 * mlock(), mlock2(), munlock(), mlockall(), munlockall(): locked memory
 * is VM_LOCKED and faulted in at once (unless MLOCK_ONFAULT / MCL_ONFAULT
 * asks for it on first touch), and stays: nothing here is ever paged out
 * anyway, so locking is the population and the count (mm->locked_vm,
 * /proc/PID/status's VmLck). Locks are not inherited by fork()'s child
 * nor kept across execve(), as on Linux. RLIMIT_MEMLOCK bounds an
 * unprivileged locker on Linux; reflex runs everything as root, which
 * holds CAP_IPC_LOCK, so the limit is not applied (as Linux does not
 * apply it to root).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "internal.h"

#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)

/* Lock flags of [start, end) become flags; every page must be mapped (-ENOMEM). */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
				unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
	}
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = vma_split_range(mm, find_vma(mm, addr), addr, end);
		if (!vma)
			return -ENOMEM;
		vma_set_flags(vma, (vma->vm_flags & ~VM_LOCKED_MASK) | flags);
	}
	return 0;
}

/* Fault in the locked (not on-fault) VMAs of [start, end); Linux's __mm_populate(). */
static int mm_populate_locked(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	int err;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= start || vma->vm_start >= end ||
		    (vma->vm_flags & VM_LOCKED_MASK) != VM_LOCKED)
			continue;
		err = populate_vma_page_range(mm, vma, max(start, vma->vm_start),
					      min(end, vma->vm_end));
		if (err == -ENOMEM)
			return -ENOMEM;
		/* A file page past the end stays out, as on Linux: not an error. */
	}
	return 0;
}

static int do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mmap_write_lock(mm);
	err = apply_vma_lock_flags(mm, start, end, flags);
	if (!err && flags)
		err = mm_populate_locked(mm, start, end);
	mmap_write_unlock(mm);
	return err;
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, flags & MLOCK_ONFAULT ? VM_LOCKED_MASK : VM_LOCKED);
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, 0);
}

/* Every VMA gets flags; future mappings too with MCL_FUTURE. */
static int apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *vma;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return 0;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	list_for_each_entry(vma, &mm->mmap, vm_list)
		vma_set_flags(vma, (vma->vm_flags & ~VM_LOCKED_MASK) | to_add);
	return 0;
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct mm_struct *mm = current->mm;
	int err;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	mmap_write_lock(mm);
	err = apply_mlockall_flags(mm, flags);
	if (!err && (flags & MCL_CURRENT))
		err = mm_populate_locked(mm, 0, TASK_SIZE_MAX);
	mmap_write_unlock(mm);
	return err;
}

SYSCALL_DEFINE0(munlockall)
{
	struct mm_struct *mm = current->mm;

	mmap_write_lock(mm);
	apply_mlockall_flags(mm, 0);
	mmap_write_unlock(mm);
	return 0;
}
