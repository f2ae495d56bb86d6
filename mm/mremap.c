// SPDX-License-Identifier: MIT
/*
 * mremap(): shrink, grow or move a mapping. Growing stays in place when
 * the addresses above the VMA are free, and otherwise needs
 * MREMAP_MAYMOVE. A move takes the page tables along (move_page_tables()),
 * not copies of the pages, so contents and copy-on-write sharing go with
 * them; the old range is then unmapped, or with MREMAP_DONTUNMAP kept,
 * empty, to fill with zeros on its next touch. Everything runs under the
 * mm's mmap_lock; the VMA list and its helpers are mm/mmap.c's.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/processor.h>
#include "internal.h"

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* The VMA that addr is in, or NULL. */
static struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

/*
 * The VMA that holds all of [addr, addr + old_len), if the resize may
 * happen; else an errno in *err: -EFAULT for a range not mapped in one
 * VMA, -EINVAL for old_len 0 (Linux duplicates a shared mapping then,
 * which reflex cannot: its shared memory has no object to map again),
 * -ENOMEM past RLIMIT_AS or RLIMIT_DATA.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len,
					    long *err)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);

	*err = -EFAULT;
	if (!vma)
		return NULL;
	*err = -EINVAL;
	if (!old_len)
		return NULL;
	*err = -EFAULT;
	if (old_len > vma->vm_end - addr)
		return NULL;
	*err = -ENOMEM;
	if (new_len > old_len &&
	    !may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return NULL;
	return vma;
}

/* munmap()'s own check on the tail a shrink cuts off (Linux's do_vmi_munmap()). */
static bool munmap_range_ok(unsigned long start, unsigned long len)
{
	return start <= TASK_SIZE_MAX && len <= TASK_SIZE_MAX - start;
}

/* Room above vma for delta more bytes, below the top of user space. */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	return end > vma->vm_end && end <= TASK_SIZE_MAX && range_free(mm, vma->vm_end, end);
}

/*
 * [addr, addr + old_len) of vma becomes a VMA of new_len bytes at the
 * free new_addr, with vma's flags and pages.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	/* The copy's file offset is addr's; it moves to new_addr. */
	struct vm_area_struct *new = vma_dup(vma, addr, addr + new_len);
	long err;

	if (!new)
		return -ENOMEM;
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	err = move_page_tables(mm, addr, new_addr, min(old_len, new_len));
	if (err) {
		vma_free(new);
		return err;
	}
	insert_vma(mm, new);
	/* The pages have gone: this only drops the VMA (splitting may still fail). */
	if (!(flags & MREMAP_DONTUNMAP) && do_munmap(mm, addr, addr + old_len))
		pr_warn_ratelimited("mremap: old range %#lx kept, no memory to split it\n", addr);
	return new_addr;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: a move to (or near) new_addr. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	long err;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE_MAX || new_addr > TASK_SIZE_MAX - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;		/* the two ranges overlap */
	if ((flags & MREMAP_FIXED) && new_addr < mmap_min_addr)
		return -EPERM;
	if (flags & MREMAP_FIXED) {
		err = do_munmap(mm, new_addr, new_addr + new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		if (!munmap_range_ok(addr + new_len, old_len - new_len))
			return -EINVAL;
		err = do_munmap(mm, addr + new_len, addr + old_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(mm, max(new_addr, mmap_min_addr), new_len);
		if (!new_addr)
			return -ENOMEM;
	}
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

/* Without MREMAP_FIXED or MREMAP_DONTUNMAP: in place if it can, else moved if allowed. */
static long mremap_resize(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			  unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long new_addr;
	long err;

	if (old_len >= new_len) {
		/* A shrink only unmaps the tail; an equal length changes nothing. */
		if (old_len == new_len)
			return addr;
		if (!munmap_range_ok(addr + new_len, old_len - new_len))
			return -EINVAL;
		err = do_munmap(mm, addr + new_len, addr + old_len);
		return err ?: (long)addr;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	if (old_len == vma->vm_end - addr && vma_expandable(mm, vma, new_len - old_len)) {
		vma->vm_end = addr + new_len;
		mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm += (new_len - old_len) >> PAGE_SHIFT;
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN(old_len, PAGE_SIZE);
	new_len = ALIGN(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;
	mmap_write_lock(mm);
	/* As Linux 6.x: the first address must be mapped, whatever the request. */
	if (!vma_lookup(mm, addr))
		ret = -EFAULT;
	else if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		ret = mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	else
		ret = mremap_resize(mm, addr, old_len, new_len, flags);
	mmap_write_unlock(mm);
	return ret;
}
