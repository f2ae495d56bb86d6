// SPDX-License-Identifier: MIT
/*
 * Address spaces and their VMAs: creating, copying (fork) and tearing
 * down an mm; mmap/munmap/mprotect of anonymous memory and of files
 * (their page cache, private or shared: mm/memory.c's faults), never
 * below mmap_min_addr; MAP_SHARED anonymous memory as a shmem object
 * (mm/shmem.c), so fork()'s children share it; brk; and the stack's
 * growth on fault within RLIMIT_STACK. Every growth of an mm's VMAs
 * passes may_expand_vm() (RLIMIT_AS, RLIMIT_DATA). Every entry point
 * here that reads or changes an mm another task may share takes its
 * mmap_lock. A VMA with a file holds a reference to it and is on the
 * file's i_mmap list from vma_set_file() to vma_free().
 */
#include <linux/kernel.h>
#include <linux/resource.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/stat.h>
#include <linux/fcntl.h>
#include <linux/shmem_fs.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <asm/mmu_context.h>
#include "internal.h"

void change_protection(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void free_pgtables(struct mm_struct *mm);
pteval_t *pgd_alloc(void);

#define VMA_MAX_PAGES	(1UL << 36 >> PAGE_SHIFT)	/* 64 GiB of VMAs per process */

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init(&mm->mmap_lock);
	spin_lock_init(&mm->page_table_lock);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mm->mmap_base = TASK_UNMAPPED_BASE;
	/* As Linux's mmap_base(): the stack may grow as far as the limit exec sees. */
	mm->stack_gap = min(max(rlimit(RLIMIT_STACK), STACK_RLIMIT), STACK_GAP_MAX);
	return mm;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr < vma->vm_end)
			return vma;	/* the first VMA ending above addr */
	return NULL;
}

void insert_vma(struct mm_struct *mm, struct vm_area_struct *new)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (new->vm_start < vma->vm_start)
			break;
	list_add_tail(&new->vm_list, &vma->vm_list);
	new->vm_mm = mm;
	mm->total_vm += (new->vm_end - new->vm_start) >> PAGE_SHIFT;
	if (new->vm_flags & VM_LOCKED)
		mm->locked_vm += (new->vm_end - new->vm_start) >> PAGE_SHIFT;
}

struct vm_area_struct *vma_new(unsigned long start, unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (vma) {
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags;
		INIT_LIST_HEAD(&vma->shared);
	}
	return vma;
}

/* vma maps file from page pgoff on: a reference, and a place on its i_mmap. */
void vma_set_file(struct vm_area_struct *vma, struct file *file, unsigned long pgoff)
{
	struct address_space *mapping = file_inode(file)->i_mapping;

	vma->vm_file = get_file(file);
	vma->vm_pgoff = pgoff;
	if (mapping) {
		spin_lock(&mapping->i_mmap_lock);
		list_add_tail(&vma->shared, &mapping->i_mmap);
		spin_unlock(&mapping->i_mmap_lock);
	}
}

/* A VMA for [start, end) of vma (a split, or fork's copy): same flags, file, owner. */
struct vm_area_struct *vma_dup(struct vm_area_struct *vma, unsigned long start,
			       unsigned long end)
{
	struct vm_area_struct *new = vma_new(start, end, vma->vm_flags);

	if (!new)
		return NULL;
	new->vm_ops = vma->vm_ops;
	if (vma->vm_file)
		vma_set_file(new, vma->vm_file,
			     vma->vm_pgoff + ((long)(start - vma->vm_start) >> PAGE_SHIFT));
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return new;
}

/* The VMA's end: its owner told, its file let go (not under a spinlock). */
void vma_free(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file ? file_inode(vma->vm_file)->i_mapping : NULL;

	/* Off i_mmap first: whatever close() or the last fput() frees must not find it. */
	if (mapping) {
		spin_lock(&mapping->i_mmap_lock);
		list_del(&vma->shared);
		spin_unlock(&mapping->i_mmap_lock);
	}
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kfree(vma);
}

/* vma's first page moves to addr: its file offset follows. */
static void vma_trim_head(struct vm_area_struct *vma, unsigned long addr)
{
	vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_start = addr;
}

/* Cut [start, end) out of every VMA; split those that straddle. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma, *next;

	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		unsigned long pages;

		if (vma->vm_end <= start || vma->vm_start >= end)
			continue;
		if (vma->vm_start < start && vma->vm_end > end) {
			struct vm_area_struct *tail = vma_dup(vma, end, vma->vm_end);

			if (!tail)
				return -ENOMEM;
			list_add(&tail->vm_list, &vma->vm_list);
			tail->vm_mm = mm;
			vma->vm_end = end;
			next = tail;
		}
		zap_page_range(mm, max(start, vma->vm_start), min(end, vma->vm_end));
		pages = (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
		mm->total_vm -= pages;
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm -= pages;
		if (vma->vm_start >= start && vma->vm_end <= end) {
			list_del(&vma->vm_list);
			vma_free(vma);
		} else if (vma->vm_start < start) {
			vma->vm_end = start;
		} else {
			vma_trim_head(vma, end);
		}
	}
	return 0;
}

/**
 * vma_split_range - the part of vma within [start, end), as a VMA of its own
 * @mm: vma's address space, its mmap_lock held for writing
 * @vma: a VMA that meets [start, end)
 * @start: page-aligned
 * @end: page-aligned, above start
 *
 * For a change of flags on part of a VMA (mprotect, mlock, madvise):
 * the head and tail outside the range are split off as VMAs of their own.
 * Return: the VMA covering the intersection, or NULL (-ENOMEM) with vma
 * perhaps split already, which changes nothing a program can see.
 */
struct vm_area_struct *vma_split_range(struct mm_struct *mm, struct vm_area_struct *vma,
				       unsigned long start, unsigned long end)
{
	if (vma->vm_start < start) {
		struct vm_area_struct *head = vma_dup(vma, vma->vm_start, start);

		if (!head)
			return NULL;
		list_add_tail(&head->vm_list, &vma->vm_list);
		head->vm_mm = mm;
		vma_trim_head(vma, start);
	}
	if (vma->vm_end > end) {
		struct vm_area_struct *tail = vma_dup(vma, end, vma->vm_end);

		if (!tail)
			return NULL;
		list_add(&tail->vm_list, &vma->vm_list);
		tail->vm_mm = mm;
		vma->vm_end = end;
	}
	return vma;
}

/* New flags for vma, keeping mm's count of locked pages right. */
void vma_set_flags(struct vm_area_struct *vma, unsigned long flags)
{
	long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

	if ((flags ^ vma->vm_flags) & VM_LOCKED)
		vma->vm_mm->locked_vm += flags & VM_LOCKED ? pages : -pages;
	vma->vm_flags = flags;
}

bool range_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

/*
 * Nothing is mapped below this (Linux's CONFIG_DEFAULT_MMAP_MIN_ADDR, as
 * Debian sets it), so a kernel NULL-pointer access, or anything else
 * reaching the first 64 KiB, never finds memory a program chose.
 */
unsigned long mmap_min_addr = 65536;

/* A hint below mmap_min_addr is moved up to it, as on Linux. */
static unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < mmap_min_addr)
		return ALIGN(mmap_min_addr, PAGE_SIZE);
	return hint;
}

/* The hint if len bytes fit there, else the lowest gap at or above mmap_base. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long hint, unsigned long len)
{
	unsigned long addr = mm->mmap_base;
	struct vm_area_struct *vma;

	if (hint && hint + len > hint && hint + len <= STACK_TOP - mm->stack_gap &&
	    range_free(mm, hint, hint + len))
		return hint;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= addr)
			continue;
		if (vma->vm_start >= addr + len)
			break;
		addr = vma->vm_end;
	}
	if (addr + len > STACK_TOP - mm->stack_gap || addr + len < addr)
		return 0;
	return addr;
}

/* Private writable memory other than the stack: what RLIMIT_DATA bounds. */
static bool is_data_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

/* Counted when asked: mprotect() and exec change VMA flags without a hook. */
static unsigned long data_vm_pages(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (is_data_mapping(vma->vm_flags))
			pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return pages;
}

static bool may_expand_data(struct mm_struct *mm, unsigned long npages)
{
	unsigned long limit = rlimit(RLIMIT_DATA), data;

	if (limit == RLIM_INFINITY)
		return true;
	data = data_vm_pages(mm) + npages;
	/* Linux lets a soft limit of 0 mean the hard one (for Valgrind). */
	if (!limit && data <= rlimit_max(RLIMIT_DATA) >> PAGE_SHIFT)
		return true;
	return data <= limit >> PAGE_SHIFT;
}

/**
 * may_expand_vm - may mm grow by npages of memory with vm_flags?
 * @mm: the address space
 * @vm_flags: the new memory's VM_* flags
 * @npages: the growth, in pages
 *
 * RLIMIT_AS for all of it and RLIMIT_DATA for private writable memory,
 * the caller's, as on Linux: the mm grows for current.
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long vm_flags, unsigned long npages)
{
	unsigned long limit = min(rlimit(RLIMIT_AS) >> PAGE_SHIFT, VMA_MAX_PAGES);

	if (mm->total_vm + npages > limit || mm->total_vm + npages < npages)
		return false;
	return !is_data_mapping(vm_flags) || may_expand_data(mm, npages);
}

/* Pages of [start, end) that VMAs already cover: a MAP_FIXED remap replaces them. */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start,
					   unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > start && vma->vm_start < end)
			pages += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	return pages;
}

/*
 * Map anonymous memory at addr if fixed, else at the hint addr if it is
 * free, else in the lowest gap; the address, or a negative errno.
 */
long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags, bool fixed)
{
	struct vm_area_struct *vma;

	len = ALIGN(len, PAGE_SIZE);
	if (!len || len > TASK_SIZE_MAX)
		return -ENOMEM;
	if (fixed) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr + len > TASK_SIZE_MAX || addr + len < addr)
			return -ENOMEM;
		if (!may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) -
				   count_vma_pages_range(mm, addr, addr + len)))
			return -ENOMEM;
		if (do_munmap(mm, addr, addr + len))
			return -ENOMEM;
	} else {
		if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT))
			return -ENOMEM;
		addr = get_unmapped_area(mm, addr, len);
		if (!addr)
			return -ENOMEM;
	}
	vma = vma_new(addr, addr + len, vm_flags | mm->def_flags);
	if (!vma)
		return -ENOMEM;
	insert_vma(mm, vma);
	return addr;
}

static unsigned long prot_to_vm(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

#define VM_MAY_ALL	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* The peak of tsk's resident set (getrusage()'s ru_maxrss, KiB) includes mm's now. */
static void update_maxrss(struct task_struct *tsk, struct mm_struct *mm)
{
	unsigned long rss_kib = get_mm_rss(mm) << (PAGE_SHIFT - 10);

	if (rss_kib > tsk->maxrss)
		tsk->maxrss = rss_kib;
}

/*
 * The new VMA at addr gets its file: the one given, or for MAP_SHARED
 * anonymous memory a shmem object of its own ("/dev/zero (deleted)", as
 * Linux names it), which fork()'s children then share; a file without
 * pages sets the VMA up itself (->mmap). MAP_POPULATE and VM_LOCKED
 * fault the pages in now; failing that is no error, as on Linux.
 */
static long mmap_attach(struct mm_struct *mm, long addr, unsigned long len,
			struct file *file, unsigned long flags, unsigned long off,
			const struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma;
	int err = 0;

	if (addr < 0)
		return addr;
	vma = find_vma(mm, addr);
	if (file && file->f_op->mmap && !file_inode(file)->i_mapping)
		err = file->f_op->mmap(file, vma);
	else if (file)
		vma_set_file(vma, file, off >> PAGE_SHIFT);
	else if (flags & MAP_SHARED)
		err = shmem_zero_setup(vma);
	if (!err && ops) {
		vma->vm_ops = ops;
		if (ops->open)
			ops->open(vma);
	}
	if (err) {
		do_munmap(mm, addr, addr + ALIGN(len, PAGE_SIZE));
		return err;
	}
	if (((flags & MAP_POPULATE) && !(flags & MAP_NONBLOCK)) ||
	    (vma->vm_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED) {
		populate_vma_page_range(mm, vma, vma->vm_start, vma->vm_end);
		update_maxrss(current, mm);
	}
	return addr;
}

/* The VM_* flags of a new mapping: access, what mprotect() may add, sharing, locking. */
static unsigned long mmap_vm_flags(struct file *file, unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = prot_to_vm(prot) | VM_MAY_ALL;

	if (flags & MAP_SHARED) {
		vm_flags |= VM_SHARED;
		/* A shared mapping writes the file: never through a read-only open. */
		if (file && !(file->f_mode & FMODE_WRITE))
			vm_flags &= ~VM_MAYWRITE;
	}
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	return vm_flags;
}

/**
 * do_mmap - map len bytes of file (or anonymous memory) at or near addr
 * @file: the file, or NULL
 * @addr: the hint, or the address with MAP_FIXED / MAP_FIXED_NOREPLACE
 * @len: bytes, not yet rounded
 * @prot: PROT_*
 * @flags: MAP_*, checked by the caller
 * @off: the file offset, page-aligned
 * @ops: the VMA's owner's hooks (SysV shm), or NULL
 *
 * Return: the address, or a negative errno.
 */
long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, unsigned long off, const struct vm_operations_struct *ops)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = mmap_vm_flags(file, prot, flags);
	long ret;

	mmap_write_lock(mm);
	if ((flags & MAP_FIXED_NOREPLACE) &&
	    !range_free(mm, addr, addr + ALIGN(len, PAGE_SIZE))) {
		mmap_write_unlock(mm);
		return -EEXIST;
	}
	ret = mmap_region(mm, addr, len, vm_flags, flags & (MAP_FIXED | MAP_FIXED_NOREPLACE));
	ret = mmap_attach(mm, ret, len, file, flags, off, ops);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * What a file must be for mmap(): a regular file with pages (the
 * in-memory file systems'), or one whose driver maps it (/dev/zero),
 * open for reading; a shared writable mapping needs it open for
 * writing too, as on Linux.
 */
static int mmap_file_check(struct file *file, unsigned long len, unsigned long prot,
			   unsigned long flags, unsigned long off)
{
	struct inode *inode = file_inode(file);

	if (file->f_mode & FMODE_PATH)
		return -EBADF;
	if (!file->f_op->mmap && (!S_ISREG(inode->i_mode) || !inode->i_mapping))
		return -ENODEV;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
		return -EACCES;
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && (file->f_flags & O_APPEND))
		return -EACCES;
	if (off + ALIGN(len, PAGE_SIZE) < off || (off + ALIGN(len, PAGE_SIZE)) >> 63)
		return -EOVERFLOW;
	return 0;
}

/* MAP_SHARED_VALIDATE: every flag must be one Linux knows (else -EOPNOTSUPP). */
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
			 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | \
			 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
			 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	unsigned long type = flags & MAP_TYPE;
	struct file *file = NULL;
	long ret;

	if (type == MAP_SHARED_VALIDATE && !(flags & MAP_ANONYMOUS)) {
		if (flags & ~(LEGACY_MAP_MASK | MAP_FIXED_NOREPLACE))
			return -EOPNOTSUPP;
		flags = (flags & ~MAP_TYPE) | MAP_SHARED;
		type = MAP_SHARED;
	}
	if (type != MAP_SHARED && type != MAP_PRIVATE)
		return -ENODEV;
	if (!(flags & MAP_ANONYMOUS)) {
		if (off & ~PAGE_MASK)
			return -EINVAL;
		file = fget(fd);
		if (!file)
			return -EBADF;
	}
	ret = len ? 0 : -EINVAL;
	/*
	 * Linux lets a holder of CAP_SYS_RAWIO map below mmap_min_addr;
	 * reflex has no capabilities and grants that to no one.
	 */
	if (!ret && (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && addr < mmap_min_addr)
		ret = -EPERM;
	else if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		addr = round_hint_to_min(addr);
	if (!ret && file)
		ret = mmap_file_check(file, len, prot, flags, off);
	if (!ret)
		ret = do_mmap(file, addr, len, prot, flags, off, NULL);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	if (addr & ~PAGE_MASK || !len || addr + len > TASK_SIZE_MAX || addr + len < addr)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_munmap(mm, addr, addr + ALIGN(len, PAGE_SIZE));
	mmap_write_unlock(mm);
	return ret;
}

static int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long prot)
{
	unsigned long addr;
	struct vm_area_struct *vma;

	/* Every page of the range must be mapped, and may have the access asked. */
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		/* A file mapping may not gain what the open file does not allow. */
		if (vma->vm_file &&
		    prot_to_vm(prot) & ~(vma->vm_flags >> 4) & (VM_READ | VM_WRITE | VM_EXEC))
			return -EACCES;
	}
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		vma = vma_split_range(mm, vma, addr, end);
		if (!vma)
			return -ENOMEM;
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | prot_to_vm(prot);
		change_protection(mm, vma, vma->vm_start, vma->vm_end);
	}
	return 0;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, unsigned long, len, unsigned long, prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + ALIGN(len, PAGE_SIZE);
	int ret;

	if (start & ~PAGE_MASK || end < start || end > TASK_SIZE_MAX)
		return -EINVAL;
	mmap_write_lock(mm);
	ret = do_mprotect(mm, start, end, prot);
	mmap_write_unlock(mm);
	return ret;
}

/* brk: grows or shrinks the heap VMA; returns the (possibly unchanged) break. */
static unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old = ALIGN(mm->brk, PAGE_SIZE), new = ALIGN(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > mm->mmap_base)
		return mm->brk;
	if (new < old) {
		do_munmap(mm, new, old);
	} else if (new > old) {
		if (!range_free(mm, old, new) ||
		    mmap_region(mm, old, new - old, VM_READ | VM_WRITE, true) < 0)
			return mm->brk;
	}
	mm->brk = brk;
	return brk;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	mmap_write_lock(mm);
	ret = do_brk(mm, brk);
	mmap_write_unlock(mm);
	return ret;
}

/* The stack VMA may grow down to addr if that stays within its limit. */
static struct vm_area_struct *expand_stack(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || !(vma->vm_flags & VM_GROWSDOWN) || addr >= vma->vm_start)
		return NULL;
	addr &= PAGE_MASK;
	/*
	 * RLIMIT_STACK now, as on Linux; beyond the gap exec kept free the
	 * growth stops only at a mapping.
	 */
	if (vma->vm_end - addr > rlimit(RLIMIT_STACK))
		return NULL;
	if (!range_free(mm, addr, vma->vm_start) ||
	    !may_expand_vm(mm, vma->vm_flags, (vma->vm_start - addr) >> PAGE_SHIFT))
		return NULL;
	mm->total_vm += (vma->vm_start - addr) >> PAGE_SHIFT;
	vma->vm_start = addr;
	return vma;
}

/* A resolved fault: getrusage()'s minor faults and peak resident set. */
static void account_user_fault(struct task_struct *tsk, struct mm_struct *mm)
{
	tsk->min_flt++;
	update_maxrss(tsk, mm);
}

static int __do_user_addr_fault(struct mm_struct *mm, unsigned long addr, bool write,
				bool exec)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	int ret;

	if (!vma || addr < vma->vm_start) {
		vma = expand_stack(mm, addr);
		if (!vma)
			return 1;	/* SEGV_MAPERR */
	}
	ret = handle_mm_fault(mm, vma, addr, write, exec);
	if (ret == -EFAULT)
		return 2;		/* SEGV_ACCERR */
	if (ret == -EIO)
		return VM_FAULT_SIGBUS;	/* a file page past the end of the file */
	if (!ret && current->mm == mm)
		account_user_fault(current, mm);
	return ret;
}

/*
 * The user-address side of a page fault: 0 when resolved, else the
 * si_code for SIGSEGV (SEGV_MAPERR / SEGV_ACCERR), VM_FAULT_SIGBUS, or
 * -ENOMEM. A fault
 * where sleeping is not allowed (a uaccess with interrupts or preemption
 * off) cannot wait for another CPU's mmap_lock: it fails as unmapped,
 * which a uaccess turns into -EFAULT.
 */
int do_user_addr_fault(struct mm_struct *mm, unsigned long addr, bool write, bool exec)
{
	int ret;

	if (!mutex_trylock(&mm->mmap_lock)) {
		if (irqs_disabled() || preempt_count())
			return 1;	/* SEGV_MAPERR */
		mmap_read_lock(mm);
	}
	ret = __do_user_addr_fault(mm, addr, write, exec);
	mmap_read_unlock(mm);
	return ret;
}

/* fork(): the child's copy, sharing pages copy-on-write. */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mmap_write_lock(old);
	list_for_each_entry(vma, &old->mmap, vm_list) {
		struct vm_area_struct *copy;

		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		copy = vma_dup(vma, vma->vm_start, vma->vm_end);
		if (!copy)
			goto fail;
		/* Memory locks are the locker's: the child's pages are not locked. */
		copy->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);
		insert_vma(mm, copy);
		if (!(vma->vm_flags & VM_WIPEONFORK) && copy_page_range(mm, old, vma))
			goto fail;
	}
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->exe_path = old->exe_path ? kstrdup(old->exe_path, GFP_KERNEL) : NULL;
	mm->stack_gap = old->stack_gap;
	mm->context.vdso = old->context.vdso;
	if (ldt_dup_context(old, mm))
		goto fail;
	/*
	 * The parent's now read-only pages must not linger writable in any
	 * TLB: another task sharing old (clone(CLONE_VM)) may run elsewhere.
	 */
	flush_tlb_mm(old);
	mmap_write_unlock(old);
	return mm;
fail:
	flush_tlb_mm(old);
	mmap_write_unlock(old);
	mmput(mm);
	return NULL;
}

/* Every page went with its VMA: a count left over is an accounting bug. */
static void check_mm(struct mm_struct *mm)
{
	static const char *const resident_page_types[NR_MM_COUNTERS] = {
		"MM_FILEPAGES", "MM_ANONPAGES", "MM_SWAPENTS", "MM_SHMEMPAGES",
	};
	int i;

	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (get_mm_counter(mm, i))
			pr_alert("BUG: Bad rss-counter state mm:%p type:%s val:%ld\n",
				 mm, resident_page_types[i], (long)get_mm_counter(mm, i));
}

/* The last reference to the struct: its top-level table and itself. */
void __mmdrop(struct mm_struct *mm)
{
	if (WARN_ON_ONCE(mm == &init_mm))
		return;
	destroy_context_ldt(mm);
	kfree(mm->exe_path);
	free_page((unsigned long)mm->pgd);
	kfree(mm);
}

/*
 * No task uses mm any more, but lazy CPUs (a kernel thread running on
 * its tables) may still have it loaded: a flush with freed_tables reaches
 * them too and sends them to init_mm (arch/x86/mm/tlb.c). Afterwards no
 * CPU holds or can load mm, and its tables can go.
 */
static void mm_leave_all_cpus(struct mm_struct *mm)
{
	if (WARN_ON_ONCE(this_cpu_read(cpu_tlbstate.loaded_mm) == mm &&
			 !this_cpu_read(cpu_tlbstate_shared.is_lazy)))
		switch_mm(mm, &init_mm, NULL);
	flush_tlb_mm_range(mm, 0, TLB_FLUSH_ALL, PAGE_SHIFT, true);
	WARN_ON_ONCE(!cpumask_empty(mm_cpumask(mm)));
}

/* A user of mm's address space is gone; the last one tears it down. */
void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	mm_leave_all_cpus(mm);
	/* A truncation may still visit mm through a file's i_mmap (unmap_mapping_range). */
	mmap_write_lock(mm);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		list_del(&vma->vm_list);
		vma_free(vma);
	}
	check_mm(mm);
	free_pgtables(mm);
	mmap_write_unlock(mm);
	mmdrop(mm);
}
