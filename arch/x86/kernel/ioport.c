// SPDX-License-Identifier: MIT
/*
 * User access to I/O ports, as Linux's arch/x86/kernel/ioport.c:
 * ioperm(2) allows ranges of ports, iopl(2) level 3 allows all of them.
 * Both work only through the TSS's I/O permission bitmap; EFLAGS.IOPL
 * stays 0, so CLI, STI and POPF's IF remain the kernel's (a CLI or STI
 * under iopl(3) is skipped as a no-op, which is what Linux does since it
 * stopped setting IOPL).
 *
 * A task's ports are its io_bitmap (a set bit forbids the port), shared
 * with the children fork makes until either changes it, kept across exec
 * and dropped at exit. Each CPU's TSS (asm/desc.h) holds the bitmap of the
 * task it runs, copied in at context switch only when that task's bitmap
 * is not the one already there (the sequence number says), and no more
 * bytes than the two bitmaps may differ in.
 *
 * Both calls need CAP_SYS_RAWIO to allow a port; reflex runs every
 * program with every capability, so they never fail with EPERM here.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/atomic/atomic-long.h>
#include <linux/uaccess.h>
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

DECLARE_PER_CPU(struct tss_struct, cpu_tss_rw);

struct io_bitmap {
	u64 sequence;		/* changes whenever bitmap does */
	atomic_t refcnt;	/* the tasks sharing it */
	unsigned int max;	/* bytes up to the last one with an allowed port */
	unsigned long bitmap[IO_BITMAP_LONGS];
};

static atomic64_t io_bitmap_sequence;

/* The process has every capability (reflex has no credentials). */
static bool capable_sys_rawio(void)
{
	return true;
}

/**
 * tss_init_io_bitmap - a CPU's TSS with no port allowed
 * @tss: the TSS, zeroed
 */
void tss_init_io_bitmap(struct tss_struct *tss)
{
	struct x86_io_bitmap *iob = &tss->io_bitmap;

	tss->x86_tss.io_bitmap_base = IO_BITMAP_OFFSET_INVALID;
	memset(iob->bitmap, 0xff, sizeof(iob->bitmap));
	memset(iob->mapall, 0, IO_BITMAP_BYTES);
	iob->mapall[IO_BITMAP_LONGS] = ~0UL;
	iob->prev_max = 0;
	iob->prev_sequence = 0;
}

/* Bring this CPU's copy of iobm up to date. */
static void tss_copy_io_bitmap(struct x86_io_bitmap *iob, const struct io_bitmap *iobm)
{
	if (iob->prev_sequence == iobm->sequence)
		return;
	/* Bytes past iobm->max are all ones in iobm but maybe not here. */
	memcpy(iob->bitmap, iobm->bitmap, max(iob->prev_max, iobm->max));
	iob->prev_max = iobm->max;
	iob->prev_sequence = iobm->sequence;
}

/**
 * tss_update_io_bitmap - give this CPU's TSS @tsk's ports
 * @tsk: the task this CPU runs or is switching to
 *
 * Preemption off: the TSS is this CPU's.
 */
void tss_update_io_bitmap(struct task_struct *tsk)
{
	struct tss_struct *tss = this_cpu_ptr(&cpu_tss_rw);

	if (tsk->iopl_emul == 3) {
		tss->x86_tss.io_bitmap_base = IO_BITMAP_OFFSET_VALID_ALL;
	} else if (tsk->io_bitmap) {
		tss_copy_io_bitmap(&tss->io_bitmap, tsk->io_bitmap);
		tss->x86_tss.io_bitmap_base = IO_BITMAP_OFFSET_VALID_MAP;
	} else {
		tss->x86_tss.io_bitmap_base = IO_BITMAP_OFFSET_INVALID;
	}
}

static bool task_has_io_access(const struct task_struct *tsk)
{
	return tsk->io_bitmap || tsk->iopl_emul == 3;
}

/**
 * switch_to_io_bitmap - context switch: the TSS follows the task
 * @prev: the task switched away from
 * @next: the task switched to
 */
void switch_to_io_bitmap(struct task_struct *prev, struct task_struct *next)
{
	if (task_has_io_access(prev) || task_has_io_access(next))
		tss_update_io_bitmap(next);
}

static void update_current_io_bitmap(void)
{
	preempt_disable();
	tss_update_io_bitmap(current);
	preempt_enable();
}

/**
 * io_bitmap_share - fork: the child @tsk gets current's ports and level
 * @tsk: the child, not yet running
 */
void io_bitmap_share(struct task_struct *tsk)
{
	tsk->iopl_emul = current->iopl_emul;
	tsk->io_bitmap = current->io_bitmap;
	if (tsk->io_bitmap)
		atomic_inc(&tsk->io_bitmap->refcnt);
}

static void io_bitmap_put(struct io_bitmap *iobm)
{
	if (iobm && atomic_dec_and_test(&iobm->refcnt))
		kfree(iobm);
}

/**
 * io_bitmap_exit - @tsk, the current task, gives up its ioperm() ports
 * @tsk: current, exiting or dropping its last port
 */
void io_bitmap_exit(struct task_struct *tsk)
{
	struct io_bitmap *iobm = tsk->io_bitmap;

	tsk->io_bitmap = NULL;
	update_current_io_bitmap();
	io_bitmap_put(iobm);
}

/* current's bitmap, made if there is none and unshared if a child shares it. */
static struct io_bitmap *io_bitmap_for_write(void)
{
	struct io_bitmap *iobm = current->io_bitmap, *copy;

	if (!iobm) {
		iobm = kmalloc(sizeof(*iobm), GFP_KERNEL);
		if (!iobm)
			return NULL;
		memset(iobm->bitmap, 0xff, sizeof(iobm->bitmap));
		iobm->max = 0;
		atomic_set(&iobm->refcnt, 1);
		return iobm;
	}
	if (atomic_read(&iobm->refcnt) == 1)
		return iobm;
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return NULL;
	memcpy(copy, iobm, sizeof(*copy));
	atomic_set(&copy->refcnt, 1);
	io_bitmap_put(iobm);
	current->io_bitmap = NULL;
	return copy;
}

static void io_bitmap_assign(unsigned long *bitmap, unsigned long from,
			     unsigned long num, bool allow)
{
	unsigned long port;

	for (port = from; port < from + num; port++) {
		if (allow)
			bitmap[port / BITS_PER_LONG] &= ~(1UL << (port % BITS_PER_LONG));
		else
			bitmap[port / BITS_PER_LONG] |= 1UL << (port % BITS_PER_LONG);
	}
}

/* Bytes up to the last long with an allowed port; 0 when none is left. */
static unsigned int io_bitmap_max(const unsigned long *bitmap)
{
	unsigned int i;

	for (i = IO_BITMAP_LONGS; i > 0; i--)
		if (bitmap[i - 1] != ~0UL)
			return i * sizeof(long);
	return 0;
}

SYSCALL_DEFINE3(ioperm, unsigned long, from, unsigned long, num, int, turn_on)
{
	struct io_bitmap *iobm;

	if (from + num <= from || from + num > IO_BITMAP_BITS)
		return -EINVAL;
	if (turn_on && !capable_sys_rawio())
		return -EPERM;
	if (!current->io_bitmap && !turn_on)
		return 0;	/* nothing allowed, nothing to take away */
	iobm = io_bitmap_for_write();
	if (!iobm)
		return -ENOMEM;
	current->io_bitmap = iobm;
	io_bitmap_assign(iobm->bitmap, from, num, turn_on);
	iobm->max = io_bitmap_max(iobm->bitmap);
	if (!iobm->max) {
		io_bitmap_exit(current);
		return 0;
	}
	iobm->sequence = atomic64_add_return(1, &io_bitmap_sequence);
	update_current_io_bitmap();
	return 0;
}

SYSCALL_DEFINE1(iopl, unsigned int, level)
{
	if (level > 3)
		return -EINVAL;
	if (level > current->iopl_emul && !capable_sys_rawio())
		return -EPERM;
	current->iopl_emul = level;
	update_current_io_bitmap();
	return 0;
}

/**
 * fixup_iopl_exception - a CLI or STI under iopl(3) is a no-op
 * @regs: the user-mode #GP
 *
 * Programs written for a real IOPL of 3 use them; with IOPL emulated they
 * fault, and Linux steps over them (reporting it once per task). Only for
 * code in the GDT's flat segments, whose IP is the address.
 *
 * Return: true if the instruction was skipped.
 */
bool fixup_iopl_exception(struct pt_regs *regs)
{
	unsigned char byte;
	int err;

	if (current->iopl_emul != 3 || (regs->cs & SEGMENT_TI_MASK))
		return false;
	/* The read may fault the page in, which may sleep. */
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	err = get_user(byte, (unsigned char __user *)regs->ip);
	local_irq_disable();
	if (err)
		return false;
	if (byte != 0xfa && byte != 0xfb)
		return false;
	if (!current->iopl_warn) {
		pr_err("%s[%d] attempts to use CLI/STI, pretending it's a NOP, ip:%lx\n",
		       current->comm, current->pid, regs->ip);
		current->iopl_warn = true;
	}
	regs->ip += 1;
	return true;
}
