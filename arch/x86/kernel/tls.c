// SPDX-License-Identifier: MIT
/*
 * set_thread_area(2) and get_thread_area(2), as Linux's
 * arch/x86/kernel/tls.c: i386 calls (243 and 244, through int $0x80;
 * the 64-bit numbers 205 and 211 are -ENOSYS on x86-64, as on Linux),
 * which a 64-bit process may make too. Three GDT slots
 * (GDT_ENTRY_TLS_MIN..MAX, selectors 0x63, 0x6b, 0x73) that belong to the
 * thread, 32-bit data segments only. Each thread's copies live in its
 * task_struct and are written into the CPU's GDT on every switch to it;
 * fork copies them, exec clears them (flush_thread()).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/desc.h>
#include <asm/ldt.h>
#include <asm/percpu.h>
#include <asm/processor.h>

DECLARE_PER_CPU(struct gdt_page, gdt_page);

/**
 * load_TLS - write @tsk's TLS slots into this CPU's GDT
 * @tsk: the task this CPU runs or is switching to
 */
void load_TLS(const struct task_struct *tsk)
{
	struct desc_struct *gdt = this_cpu_ptr(&gdt_page)->gdt;
	unsigned int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt[GDT_ENTRY_TLS_MIN + i] = tsk->tls_array[i];
}

/*
 * What a slot may hold: nothing (either of the two "empty" encodings), or
 * a present 32-bit data segment. 16-bit segments would need espfix, which
 * covers LDT segments only; not-present ones are refused outright.
 */
static bool tls_desc_okay(const struct user_desc *info)
{
	if (LDT_empty(info) || LDT_zero(info))
		return true;
	return info->seg_32bit && info->contents <= 1 && !info->seg_not_present;
}

static int get_free_idx(void)
{
	unsigned int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (desc_empty(&current->tls_array[i]))
			return GDT_ENTRY_TLS_MIN + i;
	return -ESRCH;
}

/* A data register holding the changed slot's selector sees the new descriptor. */
static void refresh_tls_selectors(unsigned int sel)
{
	unsigned short cur;

	savesegment(ds, cur);
	if (cur == sel)
		loadsegment(ds, sel);
	savesegment(es, cur);
	if (cur == sel)
		loadsegment(es, sel);
}

SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *, u_info)
{
	struct user_desc info;
	struct desc_struct *d;
	int idx;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	idx = info.entry_number;
	if (idx == -1) {
		idx = get_free_idx();
		if (idx < 0)
			return idx;
		if (put_user(idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	d = &current->tls_array[idx - GDT_ENTRY_TLS_MIN];
	preempt_disable();
	if (LDT_empty(&info) || LDT_zero(&info))
		memset(d, 0, sizeof(*d));
	else
		fill_ldt(d, &info);
	load_TLS(current);
	refresh_tls_selectors(idx * 8 + 3);
	preempt_enable();
	return 0;
}

SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *, u_info)
{
	struct user_desc info;
	int idx;

	if (get_user(idx, &u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	fill_user_desc(&info, idx, &current->tls_array[idx - GDT_ENTRY_TLS_MIN]);
	if (copy_to_user(u_info, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}
