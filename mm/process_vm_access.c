// SPDX-License-Identifier: MIT
/*
 * process_vm_readv() and process_vm_writev(): copy between the caller's
 * memory and another process's, as a debugger would. The other side is
 * reached page by page through its own page tables under its mmap_lock,
 * faulting pages in (and breaking copy-on-write for a write) as its own
 * access would, and the data passes through a kernel page so that no
 * fault on the caller's side happens while the other mm is locked (the
 * two may be one). Every caller is root, which passes Linux's ptrace
 * access check, so any process with memory may be named.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <asm/page_64.h>
#include <linux/ptrace.h>
#include "internal.h"

/* The address space of tsk with a user reference, or NULL (a kernel thread, an exited task). */
struct mm_struct *get_task_mm(struct task_struct *tsk)
{
	struct mm_struct *mm;

	task_lock(tsk);
	mm = tsk->mm;
	if (mm && !(tsk->flags & PF_KTHREAD))
		mmget(mm);
	else
		mm = NULL;
	task_unlock(tsk);
	return mm;
}

/*
 * Copy len bytes (within one page) between buf and addr in mm, with the
 * access checks and faults the owner would meet; 0 or -EFAULT. @force
 * is ptrace's FOLL_FORCE: a private mapping the owner may not write (its
 * text) is written all the same, through a copy of the page, and one it
 * may not read is read.
 */
static int __access_remote_page(struct mm_struct *mm, unsigned long addr, void *buf,
				size_t len, bool write, bool force)
{
	struct vm_area_struct *vma;
	bool forced_write;
	pteval_t *pte;
	void *kaddr;
	int ret = -EFAULT;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || (!write && !force && !(vma->vm_flags & VM_READ)))
		goto out;
	forced_write = force && write && !(vma->vm_flags & VM_WRITE);
	if (forced_write && (vma->vm_flags & VM_SHARED))
		goto out;
	if (handle_mm_fault(mm, vma, addr, write && !forced_write, false))
		goto out;
	if (forced_write && force_cow_page(mm, vma, addr))
		goto out;

	pte = user_pte(mm, addr, false);
	if (!pte || !(*pte & _PAGE_PRESENT))
		goto out;
	kaddr = __va(*pte & PTE_PFN_MASK) + (addr & ~PAGE_MASK);
	if (write)
		memcpy(kaddr, buf, len);
	else
		memcpy(buf, kaddr, len);
	ret = 0;
out:
	mmap_read_unlock(mm);
	return ret;
}

static int access_remote_page(struct mm_struct *mm, unsigned long addr, void *buf,
			      size_t len, bool write)
{
	return __access_remote_page(mm, addr, buf, len, write, false);
}

/* Where the copy stands on the caller's side: segment, offset, bytes done. */
struct local_iter {
	struct iovec *iov;
	unsigned long nr, seg;
	size_t off, done;
};

static size_t local_left_in_seg(struct local_iter *it)
{
	while (it->seg < it->nr && it->off == it->iov[it->seg].iov_len) {
		it->seg++;
		it->off = 0;
	}
	return it->seg < it->nr ? it->iov[it->seg].iov_len - it->off : 0;
}

/*
 * One remote segment, page by page; 0, or -EFAULT when either side
 * faults (what was copied before still counts, to the byte locally).
 */
static int process_vm_rw_single_vec(struct mm_struct *mm, unsigned long addr, size_t len,
				    struct local_iter *it, void *bounce, bool write)
{
	while (len) {
		size_t left = local_left_in_seg(it), n, not_done = 0;
		char __user *local;

		if (!left)
			return 0;
		n = min(min(len, left), PAGE_SIZE - (addr & ~PAGE_MASK));
		local = (char __user *)it->iov[it->seg].iov_base + it->off;
		if (write) {
			not_done = copy_from_user(bounce, local, n);
			n -= not_done;
			if (n && access_remote_page(mm, addr, bounce, n, true))
				return -EFAULT;
		} else {
			if (access_remote_page(mm, addr, bounce, n, false))
				return -EFAULT;
			not_done = copy_to_user(local, bounce, n);
			n -= not_done;
		}
		it->off += n;
		it->done += n;
		if (not_done)
			return -EFAULT;
		addr += n;
		len -= n;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* The remote vector is only the other process's addresses: no access_ok() on it. */
static struct iovec *remote_iovec(const struct iovec __user *rvec, unsigned long riovcnt)
{
	struct iovec *iov;
	unsigned long i;

	if (riovcnt > UIO_MAXIOV)
		return ERR_PTR(-EINVAL);
	iov = kmalloc(max(riovcnt, 1UL) * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(iov, rvec, riovcnt * sizeof(*iov))) {
		kfree(iov);
		return ERR_PTR(-EFAULT);
	}
	for (i = 0; i < riovcnt; i++)
		if ((ssize_t)iov[i].iov_len < 0) {
			kfree(iov);
			return ERR_PTR(-EINVAL);
		}
	return iov;
}

static ssize_t process_vm_rw_core(int pid, struct local_iter *it, struct iovec *rvec,
				  unsigned long riovcnt, bool write)
{
	struct task_struct *task;
	struct mm_struct *mm;
	void *bounce;
	unsigned long i;
	int rc = 0;

	for (i = 0; i < riovcnt && !rvec[i].iov_len; i++)
		;
	if (i == riovcnt)
		return 0;	/* nothing asked of the other side */
	task = find_get_task_by_vpid(pid);
	if (!task)
		return -ESRCH;
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return -ESRCH;
	bounce = (void *)__get_free_page(GFP_KERNEL);
	if (!bounce) {
		mmput(mm);
		return -ENOMEM;
	}
	for (i = 0; i < riovcnt && !rc && local_left_in_seg(it); i++)
		rc = process_vm_rw_single_vec(mm, (unsigned long)rvec[i].iov_base,
					      rvec[i].iov_len, it, bounce, write);
	free_page((unsigned long)bounce);
	mmput(mm);
	return it->done ? (ssize_t)it->done : rc;
}

static ssize_t process_vm_rw(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			     const struct iovec __user *rvec, unsigned long riovcnt,
			     unsigned long flags, bool write)
{
	struct local_iter it = { .nr = liovcnt };
	struct iovec *riov;
	ssize_t ret;

	if (flags)
		return -EINVAL;
	ret = import_iovec(lvec, liovcnt, &it.iov);
	if (ret <= 0)
		return ret;
	riov = remote_iovec(rvec, riovcnt);
	if (IS_ERR(riov)) {
		kfree(it.iov);
		return PTR_ERR(riov);
	}
	ret = process_vm_rw_core(pid, &it, riov, riovcnt, write);
	kfree(riov);
	kfree(it.iov);
	return ret;
}

SYSCALL_DEFINE6(process_vm_readv, int, pid, const struct iovec *, lvec, unsigned long, liovcnt,
		const struct iovec *, rvec, unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

SYSCALL_DEFINE6(process_vm_writev, int, pid, const struct iovec *, lvec,
		unsigned long, liovcnt, const struct iovec *, rvec, unsigned long, riovcnt,
		unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}

/**
 * access_process_vm - ptrace's PEEKDATA and POKEDATA
 * @tsk: the tracee
 * @addr: where in its address space
 * @buf: the kernel's side
 * @len: bytes, within one page or across two
 * @write: to the tracee
 *
 * With Linux's FOLL_FORCE: text is written through a private copy.
 *
 * Return: 0, or -EFAULT if any byte could not be reached (or @tsk has
 * no memory).
 */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len,
		      bool write)
{
	struct mm_struct *mm = get_task_mm(tsk);
	int ret = 0;

	if (!mm)
		return -EFAULT;
	while (len && !ret) {
		int n = min((unsigned long)len, PAGE_SIZE - (addr & ~PAGE_MASK));

		ret = __access_remote_page(mm, addr, buf, n, write, true);
		addr += n;
		buf += n;
		len -= n;
	}
	mmput(mm);
	return ret;
}
