// SPDX-License-Identifier: MIT
/*
 * The Local Descriptor Table of an address space and modify_ldt(2), as
 * Linux's arch/x86/kernel/ldt.c: a program describes segments of its own
 * (32-bit data and code; never 64-bit code, and no 16-bit segments, as
 * Linux without CONFIG_X86_16BIT), then loads their selectors (TI=1)
 * into a segment register or far-calls them.
 *
 * An mm has no LDT until its first write; every write builds a new table
 * (the old one copied, one entry changed) and installs it whole, so a CPU
 * always sees a complete table. The table lives in kernel memory (reflex
 * has no PTI, so the CPU can read it from any mm) and is named by the LDT
 * descriptor in each CPU's GDT. Which table a CPU has loaded follows the
 * mm it has loaded: switch_mm_irqs_off() calls switch_ldt(), and a write
 * reloads it on every CPU in mm_cpumask() before the old table is freed.
 * fork copies the table; exec starts from none; the last reference to the
 * mm frees it. Writers take mmap_lock. A selector a program loaded may
 * stop naming a usable entry while the program runs; the kernel's IRET
 * back to it then faults, which fixup_bad_iret() makes the program's.
 * Also here: which mode a ring-3 LDT code segment runs in, for the TCG
 * far-return emulation (arch/x86/mm/tcg_smap.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/mm_types.h>
#include <asm/desc.h>
#include <asm/ldt.h>
#include <asm/mmu_context.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/tlbflush.h>

DECLARE_PER_CPU(struct gdt_page, gdt_page);

struct ldt_struct {
	struct desc_struct *entries;
	unsigned int nr_entries;
};

/* Point this CPU's LDTR at entries, or at the null LDT for none. */
static void set_ldt(const struct desc_struct *entries, unsigned int nr_entries)
{
	struct desc_struct *gdt = this_cpu_ptr(&gdt_page)->gdt;

	if (!nr_entries) {
		load_ldt(0);
		return;
	}
	set_tssldt_descriptor((struct ldttss_desc *)&gdt[GDT_ENTRY_LDT],
			      (unsigned long)entries, DESC_LDT,
			      nr_entries * LDT_ENTRY_SIZE - 1);
	load_ldt(GDT_ENTRY_LDT_SEL);
}

/**
 * load_mm_ldt - make mm's LDT this CPU's
 * @mm: the mm this CPU has loaded (or is loading)
 *
 * Interrupts or preemption off: the LDT descriptor is in this CPU's GDT.
 */
void load_mm_ldt(struct mm_struct *mm)
{
	struct ldt_struct *ldt = smp_load_acquire(&mm->context.ldt);

	if (ldt)
		set_ldt(ldt->entries, ldt->nr_entries);
	else
		set_ldt(NULL, 0);
}

/**
 * switch_ldt - follow a switch of the loaded mm from @prev to @next
 * @prev: the mm this CPU had loaded
 * @next: the mm it loads now
 *
 * Most programs never make an LDT: then the null LDT stays loaded.
 */
void switch_ldt(struct mm_struct *prev, struct mm_struct *next)
{
	if (READ_ONCE(prev->context.ldt) || READ_ONCE(next->context.ldt))
		load_mm_ldt(next);
}

static struct ldt_struct *alloc_ldt_struct(unsigned int nr_entries)
{
	struct ldt_struct *ldt;

	if (nr_entries > LDT_ENTRIES)
		return NULL;
	ldt = kzalloc(sizeof(*ldt), GFP_KERNEL);
	if (!ldt)
		return NULL;
	ldt->entries = kzalloc(nr_entries * LDT_ENTRY_SIZE, GFP_KERNEL);
	if (!ldt->entries) {
		kfree(ldt);
		return NULL;
	}
	ldt->nr_entries = nr_entries;
	return ldt;
}

static void free_ldt_struct(struct ldt_struct *ldt)
{
	if (!ldt)
		return;
	kfree(ldt->entries);
	kfree(ldt);
}

/* An IPI: this CPU reloads mm's LDT if mm is the one it has loaded. */
static void flush_ldt(void *info)
{
	struct mm_struct *mm = info;

	if (this_cpu_read(cpu_tlbstate.loaded_mm) != mm)
		return;
	load_mm_ldt(mm);
}

/*
 * Publish ldt as mm's and make every CPU that runs mm load it; after
 * that no CPU uses the previous table. A CPU switching to mm meanwhile
 * sets its bit in mm_cpumask() before it reads context.ldt:
 *
 *   CPU0 (install_ldt)           CPU1 (switch_mm_irqs_off)
 *   context.ldt = new; smp_mb()  set_bit(cpu1, mm_cpumask) (locked)
 *   read mm_cpumask              read context.ldt
 *
 * so either CPU0 sends CPU1 the IPI or CPU1 reads the new table.
 */
static void install_ldt(struct mm_struct *mm, struct ldt_struct *ldt)
{
	smp_store_release(&mm->context.ldt, ldt);
	smp_mb();
	on_each_cpu_mask(mm_cpumask(mm), flush_ldt, mm, true);
}

/**
 * ldt_dup_context - fork: give @mm a copy of @old's LDT
 * @old: the parent's mm, its mmap_lock held
 * @mm: the child's new mm
 *
 * Return: 0, or -ENOMEM.
 */
int ldt_dup_context(struct mm_struct *old, struct mm_struct *mm)
{
	struct ldt_struct *old_ldt = old->context.ldt, *ldt;

	if (!old_ldt)
		return 0;
	ldt = alloc_ldt_struct(old_ldt->nr_entries);
	if (!ldt)
		return -ENOMEM;
	memcpy(ldt->entries, old_ldt->entries, old_ldt->nr_entries * LDT_ENTRY_SIZE);
	mm->context.ldt = ldt;
	return 0;
}

/**
 * destroy_context_ldt - free @mm's LDT
 * @mm: an mm no CPU has loaded any more
 */
void destroy_context_ldt(struct mm_struct *mm)
{
	free_ldt_struct(mm->context.ldt);
	mm->context.ldt = NULL;
}

/**
 * ldt_user_code_bits - the mode of a ring-3 code segment in current's LDT
 * @sel: a selector with TI set
 *
 * For code that must know what a far transfer to @sel would run (the TCG
 * far-return emulation). Interrupts off, on a CPU with current's mm
 * loaded: a writer frees the old table only after every such CPU took
 * its IPI, so the table read here stays.
 *
 * Return: 64, 32 or 16 for a present code segment of DPL 3, else 0.
 */
unsigned int ldt_user_code_bits(unsigned int sel)
{
	struct ldt_struct *ldt = current->mm ? READ_ONCE(current->mm->context.ldt) : NULL;
	unsigned int idx = sel >> 3;
	const struct desc_struct *d;

	if (!ldt || !(sel & SEGMENT_TI_MASK) || idx >= ldt->nr_entries)
		return 0;
	d = &ldt->entries[idx];
	if (!d->p || !d->s || !(d->type & 0x8) || d->dpl != 3 || (sel & SEGMENT_RPL_MASK) != 3)
		return 0;
	return d->l ? 64 : d->d ? 32 : 16;
}

/*
 * func 0: the table's bytes, zero-filled up to bytecount (at most the
 * largest LDT's size). Copied out of a snapshot: a fault on ptr takes
 * mmap_lock, which a writer holds.
 */
static int read_ldt(void __user *ptr, unsigned long bytecount)
{
	struct mm_struct *mm = current->mm;
	struct desc_struct *snap = NULL;
	unsigned long size = 0;
	int ret;

	bytecount = min(bytecount, (unsigned long)LDT_ENTRY_SIZE * LDT_ENTRIES);
	mmap_read_lock(mm);
	if (mm->context.ldt) {
		size = min(bytecount, (unsigned long)mm->context.ldt->nr_entries * LDT_ENTRY_SIZE);
		snap = kmalloc(size ? size : 1, GFP_KERNEL);
		if (snap)
			memcpy(snap, mm->context.ldt->entries, size);
	}
	mmap_read_unlock(mm);
	if (!size && !snap)
		return 0;	/* no LDT: nothing read */
	if (!snap)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_to_user(ptr, snap, size))
		goto out;
	if (size != bytecount && clear_user((char __user *)ptr + size, bytecount - size))
		goto out;
	ret = bytecount;
out:
	kfree(snap);
	return ret;
}

/* func 2: the "default LDT" x86-64 never had: zeroes, up to 128 bytes. */
static int read_default_ldt(void __user *ptr, unsigned long bytecount)
{
	bytecount = min(bytecount, 128UL);
	if (clear_user(ptr, bytecount))
		return -EFAULT;
	return bytecount;
}

/*
 * The descriptor a write asks for, or -EINVAL. Conforming code must be
 * marked not present and is refused by the old ABI; the old ABI clears
 * an entry with base and limit 0 and never sets AVL. 16-bit segments
 * are refused, as Linux built without CONFIG_X86_16BIT: an IRET to a
 * 16-bit stack segment restores only SP's low half, and reflex has no
 * espfix to keep the kernel stack's address out of the high half.
 */
static int ldt_info_to_desc(const struct user_desc *info, bool oldmode,
			    struct desc_struct *d)
{
	if (info->entry_number >= LDT_ENTRIES)
		return -EINVAL;
	if (info->contents == 3 && (oldmode || !info->seg_not_present))
		return -EINVAL;
	if ((oldmode && !info->base_addr && !info->limit) || LDT_empty(info)) {
		memset(d, 0, sizeof(*d));
		return 0;
	}
	if (!info->seg_32bit)
		return -EINVAL;
	fill_ldt(d, info);
	if (oldmode)
		d->avl = 0;
	return 0;
}

/* func 1 (oldmode) and 0x11: set one entry, growing the table to hold it. */
static int write_ldt(void __user *ptr, unsigned long bytecount, bool oldmode)
{
	struct mm_struct *mm = current->mm;
	struct ldt_struct *old_ldt, *new_ldt;
	unsigned int old_nr;
	struct user_desc info;
	struct desc_struct d;
	int err;

	if (bytecount != sizeof(info))
		return -EINVAL;
	if (copy_from_user(&info, ptr, sizeof(info)))
		return -EFAULT;
	err = ldt_info_to_desc(&info, oldmode, &d);
	if (err)
		return err;

	mmap_write_lock(mm);
	old_ldt = mm->context.ldt;
	old_nr = old_ldt ? old_ldt->nr_entries : 0;
	new_ldt = alloc_ldt_struct(max(info.entry_number + 1, old_nr));
	if (!new_ldt) {
		mmap_write_unlock(mm);
		return -ENOMEM;
	}
	if (old_ldt)
		memcpy(new_ldt->entries, old_ldt->entries, old_nr * LDT_ENTRY_SIZE);
	new_ldt->entries[info.entry_number] = d;
	install_ldt(mm, new_ldt);
	mmap_write_unlock(mm);
	free_ldt_struct(old_ldt);
	return 0;
}

/*
 * The result is an int in the ABI: Linux returns it zero-extended, so an
 * error reads as a 32-bit negative number in %eax, and reflex does too.
 */
SYSCALL_DEFINE3(modify_ldt, int, func, void __user *, ptr, unsigned long, bytecount)
{
	int ret;

	switch (func) {
	case 0:
		ret = read_ldt(ptr, bytecount);
		break;
	case 1:
		ret = write_ldt(ptr, bytecount, true);
		break;
	case 2:
		ret = read_default_ldt(ptr, bytecount);
		break;
	case 0x11:
		ret = write_ldt(ptr, bytecount, false);
		break;
	default:
		ret = -ENOSYS;
		break;
	}
	return (unsigned int)ret;
}
