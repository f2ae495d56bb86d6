// SPDX-License-Identifier: MIT
/*
 * KUnit suites for the exception paths. "traps" raises #DE, #UD, #GP and
 * #PF in the kernel and catches the oops through a die notifier (the
 * report is still printed, so the host side checks its text too); it
 * checks int3 continues, a kernel single step stops after one #DB, DR6
 * gives Linux's SIGTRAP si_code, a task's breakpoint registers are armed
 * while it runs and only then,
 * exception-table fixups return -EFAULT, the IDT, kernel text and rodata
 * refuse writes through both of their mappings (the image and the direct
 * map), a kernel access to a user page outside SMAP's window and a
 * reserved bit in a user page table are oopses, and an uncaught oops in a
 * kernel thread kills that thread only. The other suites end in a panic
 * by design and run only when named (tests/scenario/traps.sh):
 * "stack_overflow" recurses into the guard page (#DF), "oops_init" oopses
 * in init, "oops_irq" in an interrupt; "oops_kthread" is the
 * kernel-thread case alone, for a boot with oops=panic, where it panics,
 * and one without.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/uaccess.h>
#include <kunit/test.h>
#include <asm/kdebug.h>
#include <asm/ptrace.h>
#include <asm/desc.h>
#include <asm/trapnr.h>
#include <asm/processor.h>
#include <asm/debugreg.h>
#include <asm/smp.h>
#include <linux/timer.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/irqflags.h>
#include <linux/kthread.h>
#include <linux/irq_work.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm_types.h>
#include <linux/preempt.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

/* An address in the ioremap area that nothing maps. */
#define UNMAPPED_ADDR	(IOREMAP_BASE + 0x7ff00000UL)
#define NONCANONICAL_ADDR 0x8000000000000000UL

extern char _text[], _end[];

struct oops_catch {
	void *jmp[5];
	int trapnr;
	long err;
	unsigned long ip, cr2;
};

static struct oops_catch *active_catch;

static int catch_oops(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;
	struct oops_catch *c = active_catch;

	if (val != DIE_OOPS || !c)
		return NOTIFY_DONE;
	active_catch = NULL;
	c->trapnr = args->trapnr;
	c->err = args->err;
	c->ip = args->regs->ip;
	c->cr2 = read_cr2();
	__builtin_longjmp(c->jmp, 1);
}

static struct notifier_block oops_nb = { .notifier_call = catch_oops };

/* Run fn; true when it oopsed (and *c says how). */
static noinline bool run_expecting_oops(void (*fn)(void), struct oops_catch *c)
{
	bool oopsed = true;
	unsigned long flags;

	memset(c, 0, sizeof(*c));
	c->trapnr = -1;
	local_save_flags(flags);
	register_die_notifier(&oops_nb);
	if (__builtin_setjmp(c->jmp) == 0) {
		active_catch = c;
		fn();
		active_catch = NULL;
		oopsed = false;
	}
	unregister_die_notifier(&oops_nb);
	local_irq_restore(flags);	/* the exception left them off */
	return oopsed;
}

static bool ip_in(unsigned long ip, const char *func)
{
	const char *name = kallsyms_lookup(ip, NULL, NULL);

	return name && !strcmp(name, func);
}

static volatile unsigned long zero;

static noinline void trap_test_divide(void)
{
	volatile unsigned long v = 42 / zero;
	(void)v;
}

static noinline void trap_test_ud2(void)
{
	asm volatile("ud2");
}

static noinline void trap_test_noncanonical(void)
{
	(void)*(volatile unsigned long *)NONCANONICAL_ADDR;
}

static noinline void trap_test_write_unmapped(void)
{
	*(volatile unsigned long *)UNMAPPED_ADDR = 1;
}

static void divide_error_is_reported(struct kunit *test)
{
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_divide, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_DE);
	KUNIT_EXPECT_TRUE(test, ip_in(c.ip, "trap_test_divide"));
}

static void invalid_opcode_is_reported(struct kunit *test)
{
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_ud2, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_UD);
	KUNIT_EXPECT_TRUE(test, ip_in(c.ip, "trap_test_ud2"));
}

static void general_protection_is_reported(struct kunit *test)
{
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_noncanonical, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_GP);
	KUNIT_EXPECT_EQ(test, c.err, 0);
	KUNIT_EXPECT_TRUE(test, ip_in(c.ip, "trap_test_noncanonical"));
}

static void page_fault_reports_cr2_and_error_code(struct kunit *test)
{
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_write_unmapped, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, UNMAPPED_ADDR);
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_WRITE);	/* not present, write, kernel */
	KUNIT_EXPECT_TRUE(test, ip_in(c.ip, "trap_test_write_unmapped"));
}

static u8 not_code[16] = { 0xc3 };	/* a ret, in a no-execute data page */

static noinline void trap_test_exec_data(void)
{
	((void (*)(void))not_code)();
}

static void nx_page_fetch_faults(struct kunit *test)
{
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_exec_data, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, (unsigned long)not_code);
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_PROT | X86_PF_INSTR);
}

static int int3_seen;

static int count_int3(struct notifier_block *nb, unsigned long val, void *data)
{
	if (val == DIE_INT3)
		int3_seen++;
	return NOTIFY_DONE;
}

static void int3_is_handled_and_execution_continues(struct kunit *test)
{
	struct notifier_block nb = { .notifier_call = count_int3 };
	volatile int after = 0;

	int3_seen = 0;
	register_die_notifier(&nb);
	asm volatile("int3");
	after = 1;
	unregister_die_notifier(&nb);
	KUNIT_EXPECT_EQ(test, int3_seen, 1);
	KUNIT_EXPECT_EQ(test, after, 1);
}

/*
 * The kernel does not single-step itself: a #DB from TF in kernel mode
 * (outside the SYSENTER entry) is reported once and TF is cleared.
 */
static void kernel_single_step_is_reported_and_stopped(struct kunit *test)
{
	unsigned long flags;

	asm volatile("pushfq\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popfq\n\t"
		     "nop\n\t"
		     "nop\n\t"
		     "pushfq\n\t"
		     "popq %0" : "=r"(flags) : : "memory", "cc");
	KUNIT_EXPECT_EQ(test, flags & X86_EFLAGS_TF, 0);
}

static void debug_si_code_follows_dr6(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, debug_si_code(DR_STEP), TRAP_TRACE);
	KUNIT_EXPECT_EQ(test, debug_si_code(DR_STEP | DR_TRAP0), TRAP_TRACE);
	KUNIT_EXPECT_EQ(test, debug_si_code(DR_TRAP0 << 2), TRAP_HWBKPT);
	KUNIT_EXPECT_EQ(test, debug_si_code(0), TRAP_BRKPT);
}

static volatile int watched_word;

static int read_dr7_enables(void *unused)
{
	return get_debugreg(7) & DR_ENABLE_MASK;
}

/*
 * Sleep until the sleep really switched this task out. A tick that lands
 * between the timer's arming and schedule() wakes the task before it goes,
 * and schedule() then keeps it running with no switch.
 */
static void switch_out_and_back(void)
{
	unsigned long before;
	int tries = 0;

	do {
		before = current->nvcsw;
		schedule_timeout_uninterruptible(1);
	} while (current->nvcsw == before && ++tries < 100);
}

/*
 * A task's breakpoint registers are loaded when it is switched in: a
 * write to the watched word then raises #DB with B0, which exc_debug()
 * keeps in virtual_dr6 for the task's SIGTRAP. Another task, on this CPU
 * or another, runs with none armed; once disarmed, a write is no #DB.
 */
static void debugregs_follow_the_task(struct kunit *test)
{
	struct thread_struct *t = &current->thread;
	struct task_struct *k;

	t->virtual_dr6 = 0;
	t->debugreg[0] = (unsigned long)&watched_word;
	t->debugreg7 = DR_LOCAL_ENABLE(0) | DR_RW_WRITE << DR_RW_SHIFT(0) |
		       DR_LEN_4 << DR_LEN_SHIFT(0);
	switch_out_and_back();
	KUNIT_EXPECT_EQ(test, get_debugreg(0), (unsigned long)&watched_word);
	KUNIT_EXPECT_EQ(test, get_debugreg(7) & DR_ENABLE_MASK, DR_LOCAL_ENABLE(0));
	watched_word = 1;
	KUNIT_EXPECT_EQ(test, t->virtual_dr6, DR_TRAP0);

	k = kthread_create(read_dr7_enables, NULL, "dr7_reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	kthread_bind(k, raw_smp_processor_id());
	wake_up_process(k);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
	KUNIT_EXPECT_EQ(test, get_debugreg(7) & DR_ENABLE_MASK, DR_LOCAL_ENABLE(0));

	t->debugreg7 = 0;
	set_debugreg(0, 7);
	t->virtual_dr6 = 0;
	watched_word = 2;
	KUNIT_EXPECT_EQ(test, t->virtual_dr6, 0);
}

static void extable_fixup_returns_efault(struct kunit *test)
{
	unsigned long v = 0, src = 0x1234;

	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, (void *)UNMAPPED_ADDR, sizeof(v)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, (void *)NONCANONICAL_ADDR, sizeof(v)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault((void *)UNMAPPED_ADDR, &src, sizeof(src)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, &src, sizeof(v)), 0);
	KUNIT_EXPECT_EQ(test, v, 0x1234);
}

static struct gate_struct *idt_target;

static noinline void trap_test_write_idt(void)
{
	*(volatile u16 *)idt_target = 0xdead;	/* offset_low */
}

static void idt_write_after_setup_faults(struct kunit *test)
{
	struct desc_ptr idtr;
	struct gate_struct before;
	struct oops_catch c;

	store_idt(&idtr);
	idt_target = (struct gate_struct *)idtr.address + X86_TRAP_PF;
	before = *idt_target;
	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_write_idt, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, (unsigned long)idt_target);
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_PROT | X86_PF_WRITE);
	KUNIT_EXPECT_EQ(test, memcmp(&before, idt_target, sizeof(before)), 0);
}

static noinline void trap_test_write_text(void)
{
	*(volatile u8 *)trap_test_ud2 = 0x90;
}

static void kernel_text_is_read_only(struct kunit *test)
{
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_write_text, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, (unsigned long)trap_test_ud2);
}

/*
 * The direct map's alias of protected image memory. A write through it
 * must fault as a write through the image does: present page, write,
 * kernel mode (error code 0x3, "permissions violation").
 */
static volatile u8 *alias_target;
static const u8 rodata_byte = 0x5a;

static noinline void trap_test_write_alias(void)
{
	*alias_target = 0x90;
}

static volatile u8 *direct_alias(const void *image_addr)
{
	return __va(__pa_symbol(image_addr));
}

static void expect_alias_write_oopses(struct kunit *test, volatile u8 *target)
{
	u8 before = *target;
	struct oops_catch c;

	alias_target = target;
	KUNIT_ASSERT_TRUE(test, run_expecting_oops(trap_test_write_alias, &c));
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, (unsigned long)target);
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_PROT | X86_PF_WRITE);
	KUNIT_EXPECT_TRUE(test, ip_in(c.ip, "trap_test_write_alias"));
	KUNIT_EXPECT_EQ(test, *target, before);
}

static void idt_direct_map_alias_is_read_only(struct kunit *test)
{
	struct desc_ptr idtr;

	store_idt(&idtr);
	expect_alias_write_oopses(test, direct_alias((void *)idtr.address) +
				  X86_TRAP_PF * sizeof(struct gate_struct));
}

static void text_and_rodata_direct_map_aliases_are_read_only(struct kunit *test)
{
	expect_alias_write_oopses(test, direct_alias(trap_test_ud2));
	expect_alias_write_oopses(test, direct_alias(&rodata_byte));
}

static bool image_page_present(unsigned long direct)
{
	unsigned long image = __pa(direct) + __START_KERNEL_map;
	enum pg_level level;
	pteval_t *pte;

	if (image < (unsigned long)_text || image >= (unsigned long)_end)
		return true;		/* not image memory: the direct map is all there is */
	pte = lookup_address(image, &level);
	return pte && (*pte & _PAGE_PRESENT);
}

/*
 * The alias is a 4 KiB page, read-only and NX; the pages around it map
 * what they always did, and a page the image unmapped (a stack guard) is
 * unmapped in the direct map too.
 */
static void direct_map_alias_is_read_only_among_its_neighbours(struct kunit *test)
{
	struct desc_ptr idtr;
	unsigned long alias, addr, start;
	enum pg_level level;
	pteval_t *pte;

	store_idt(&idtr);
	alias = (unsigned long)direct_alias((void *)idtr.address);
	pte = lookup_address(alias, &level);
	KUNIT_ASSERT_TRUE(test, pte != NULL);
	KUNIT_EXPECT_EQ(test, level, PG_LEVEL_4K);
	KUNIT_EXPECT_EQ(test, *pte & (_PAGE_PRESENT | _PAGE_RW | _PAGE_NX),
			_PAGE_PRESENT | _PAGE_NX);
	KUNIT_EXPECT_EQ(test, *pte & PTE_PFN_MASK, __pa(alias));
	start = ALIGN_DOWN(alias, PMD_SIZE);
	for (addr = start; addr < start + PMD_SIZE; addr += PAGE_SIZE) {
		pte = lookup_address(addr, &level);
		KUNIT_ASSERT_TRUE(test, pte != NULL);
		KUNIT_EXPECT_EQ(test, !!(*pte & _PAGE_PRESENT), image_page_present(addr));
		if (*pte & _PAGE_PRESENT) {
			KUNIT_EXPECT_EQ(test, *pte & PTE_PFN_MASK, __pa(addr));
			KUNIT_EXPECT_TRUE(test, *pte & _PAGE_NX);
		}
	}
	pte = lookup_address(alias + PAGE_SIZE, &level);
	KUNIT_EXPECT_TRUE(test, *pte & _PAGE_RW);	/* the IDT is one page; bss follows */
}

/*
 * set_memory_ro() on a buddy page makes it read-only through the direct
 * map; set_memory_rw() undoes it. It costs no memory (preemption off:
 * no other task allocates here meanwhile; interrupts stay on, since the
 * change is flushed on every CPU and a CPU waiting for others must take
 * interrupts).
 */
static void set_memory_ro_on_direct_map_page_round_trips(struct kunit *test)
{
	unsigned long page = get_zeroed_page(GFP_KERNEL), free_before, free_after;
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, page != 0);
	preempt_disable();
	free_before = nr_free_pages();
	KUNIT_EXPECT_EQ(test, set_memory_ro(page, 1), 0);
	free_after = nr_free_pages();
	preempt_enable();
	alias_target = (volatile u8 *)page;
	KUNIT_EXPECT_TRUE(test, run_expecting_oops(trap_test_write_alias, &c));
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_PROT | X86_PF_WRITE);
	KUNIT_EXPECT_EQ(test, set_memory_rw(page, 1), 0);
	KUNIT_EXPECT_FALSE(test, run_expecting_oops(trap_test_write_alias, &c));
	KUNIT_EXPECT_EQ(test, *(u8 *)page, 0x90);
	KUNIT_EXPECT_EQ(test, free_before, free_after);
	free_page(page);
}

/* A test-only 2 MiB mapping of RAM, in ioremap space nothing else uses. */
#define LARGE_TEST_VA	(IOREMAP_BASE + 0x40000000UL)
#define LARGE_TEST_PA	0x200000UL

/* Unmap the test mapping: its PMD entry, the TLB, the table the split made. */
static void large_test_unmap(pteval_t *pmd)
{
	pteval_t old = *pmd;

	*pmd = 0;
	flush_tlb_kernel_range(LARGE_TEST_VA, LARGE_TEST_VA + PMD_SIZE);
	if (!(old & _PAGE_PSE))
		free_page((unsigned long)__va(old & PTE_PFN_MASK));
}

/*
 * Changing one page inside a 2 MiB mapping splits it (split_large_page()):
 * that page changes, the other 511 map what they mapped with the
 * protections they had, and the split costs exactly one page table.
 */
static void set_memory_splits_a_large_page(struct kunit *test)
{
	unsigned long target = LARGE_TEST_VA + 5 * PAGE_SIZE, off, free_before;
	enum pg_level level;
	pteval_t *pmd, *pte;
	int err;

	KUNIT_ASSERT_EQ(test, kernel_map_pages(init_top_pgt, LARGE_TEST_VA, LARGE_TEST_PA,
					       PMD_SIZE, PAGE_KERNEL_RO, true), 0);
	pmd = lookup_address(LARGE_TEST_VA, &level);
	KUNIT_ASSERT_TRUE(test, pmd && level == PG_LEVEL_2M);
	preempt_disable();	/* as above: interrupts stay on for the flush */
	free_before = nr_free_pages();
	err = set_memory_np(target, 1);
	KUNIT_EXPECT_EQ(test, free_before - nr_free_pages(), 1UL);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, err, 0);
	for (off = 0; off < PMD_SIZE; off += PAGE_SIZE) {
		pte = lookup_address(LARGE_TEST_VA + off, &level);
		KUNIT_ASSERT_TRUE(test, pte != NULL);
		KUNIT_EXPECT_EQ(test, level, PG_LEVEL_4K);
		if (LARGE_TEST_VA + off == target) {
			KUNIT_EXPECT_FALSE(test, *pte & _PAGE_PRESENT);
			continue;
		}
		KUNIT_EXPECT_EQ(test, *pte & PTE_PFN_MASK, LARGE_TEST_PA + off);
		KUNIT_EXPECT_EQ(test, *pte & ~PTE_PFN_MASK, PAGE_KERNEL_RO);
	}
	large_test_unmap(pmd);
}


/*
 * A scratch address space with one user page, made this task's for the
 * case (a kernel thread has none of its own), the page faulted in
 * through a uaccess as a program's would be.
 */
struct user_page {
	struct mm_struct *mm, *saved;
	unsigned long addr;
};

static void user_page_unmap(struct user_page *u)
{
	current->mm = u->saved;
	switch_mm(u->mm, u->saved ? u->saved : &init_mm, current);
	mmput(u->mm);
}

static bool user_page_map(struct user_page *u)
{
	unsigned long one = 1;

	u->saved = current->mm;
	u->mm = mm_alloc();
	if (!u->mm)
		return false;
	u->addr = mmap_region(u->mm, 0, PAGE_SIZE, VM_READ | VM_WRITE, false);
	current->mm = u->mm;
	switch_mm(u->saved, u->mm, current);
	if ((long)u->addr > 0 && !copy_to_user((void *)u->addr, &one, sizeof(one)))
		return true;
	user_page_unmap(u);
	return false;
}

static unsigned long user_target;

static noinline void trap_test_read_user(void)
{
	(void)*(volatile unsigned long *)user_target;
}

/* SMAP: a plain kernel read of a present user page (AC clear, no fixup). */
static void smap_kernel_read_of_user_page_oopses(struct kunit *test)
{
	struct user_page u;
	struct oops_catch c;

	if (!(read_cr4() & X86_CR4_SMAP)) {
		pr_info("    # no SMAP on this CPU: nothing to check\n");
		return;
	}
	KUNIT_ASSERT_TRUE(test, user_page_map(&u));
	user_target = u.addr;
	KUNIT_EXPECT_TRUE(test, run_expecting_oops(trap_test_read_user, &c));
	user_page_unmap(&u);
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, u.addr);
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_PROT);	/* present, read, supervisor */
	KUNIT_EXPECT_TRUE(test, ip_in(c.ip, "trap_test_read_user"));
}

static noinline void trap_test_marked_read_user(void)
{
	unsigned long v;

	__copy_nofault(&v, (void *)user_target, sizeof(v));
}

/*
 * An exception-table entry does not make it a uaccess: without SMAP's
 * window (AC) the access is a bug, oopsed rather than fixed up to -EFAULT.
 */
static void smap_marked_access_without_ac_oopses(struct kunit *test)
{
	struct user_page u;
	struct oops_catch c;

	if (!(read_cr4() & X86_CR4_SMAP)) {
		pr_info("    # no SMAP on this CPU: nothing to check\n");
		return;
	}
	KUNIT_ASSERT_TRUE(test, user_page_map(&u));
	user_target = u.addr;
	KUNIT_EXPECT_TRUE(test, run_expecting_oops(trap_test_marked_read_user, &c));
	user_page_unmap(&u);
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, u.addr);
	KUNIT_EXPECT_EQ(test, c.err, X86_PF_PROT);
}

/*
 * copy_to_user(), copy_from_user() and clear_user() that run into an
 * unmapped page stop exactly there, whichever of their quadword and byte
 * parts meets it: the count not copied is exact to the byte, and what
 * copy_from_user() could not read is zeroed.
 */
static void user_copies_stop_exactly_at_an_unmapped_page(struct kunit *test)
{
	static const unsigned int lens[] = { 1, 7, 8, 9, 16, 100, 203 };
	static const unsigned int rooms[] = { 0, 1, 3, 8, 13, 64, 150 };
	unsigned int i, j, k, bad = 0;
	u8 src[256], dst[256];
	struct user_page u;

	for (k = 0; k < sizeof(src); k++)
		src[k] = (u8)(k * 7 + 1);
	KUNIT_ASSERT_TRUE(test, user_page_map(&u));
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		for (j = 0; j < ARRAY_SIZE(rooms); j++) {
			unsigned int len = lens[i], room = rooms[j];
			void *p = (void *)(u.addr + PAGE_SIZE - room);

			if (room >= len)
				continue;
			bad += copy_to_user(p, src, len) != len - room;
			memset(dst, 0xaa, sizeof(dst));
			bad += copy_from_user(dst, p, len) != len - room;
			bad += memcmp(dst, src, room) != 0;
			for (k = room; k < len; k++)
				bad += dst[k] != 0;
			bad += dst[len] != 0xaa;
			bad += clear_user(p, len) != len - room;
			bad += copy_from_user(dst, p, room) != 0;
			for (k = 0; k < room; k++)
				bad += dst[k] != 0;
		}
	}
	user_page_unmap(&u);
	KUNIT_EXPECT_EQ(test, bad, 0);
}

/* The lowest physical-address bit the CPU reserves, 0 if it reserves none. */
static unsigned int reserved_pte_bit(void)
{
	u32 a, b, c, d;

	if (boot_cpu_data.extended_cpuid_level < 0x80000008)
		return 36;
	cpuid_count(0x80000008, 0, &a, &b, &c, &d);
	return (a & 0xff) < 52 ? (a & 0xff) : 0;
}

static noinline void trap_test_uaccess_read_user(void)
{
	unsigned long v;

	(void)copy_from_user(&v, (void *)user_target, sizeof(v));
}

/*
 * A reserved bit in a user PTE: the tables are corrupt, which no retry
 * and no fixup mends, even in a uaccess. The report says so.
 */
static void reserved_bit_in_user_pte_oopses(struct kunit *test)
{
	unsigned int bit = reserved_pte_bit();
	struct user_page u;
	struct oops_catch c;
	pteval_t *pte;

	if (!bit) {
		pr_info("    # no reserved address bits on this CPU: nothing to check\n");
		return;
	}
	KUNIT_ASSERT_TRUE(test, user_page_map(&u));
	pte = user_pte(u.mm, u.addr, false);
	if (pte) {
		*pte |= 1UL << bit;
		flush_tlb_page(u.mm, u.addr);
		user_target = u.addr;
		KUNIT_EXPECT_TRUE(test, run_expecting_oops(trap_test_uaccess_read_user, &c));
		*pte &= ~(1UL << bit);
		flush_tlb_page(u.mm, u.addr);
	}
	user_page_unmap(&u);
	KUNIT_ASSERT_NOT_NULL(test, pte);
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, u.addr);
	/* A CPU sets P as well; QEMU's TCG leaves it clear. */
	KUNIT_EXPECT_EQ(test, c.err & ~X86_PF_PROT, X86_PF_RSVD);
}

/* Outside a marked access, even a user address with no page is an oops. */
static void kernel_read_of_unmapped_user_address_oopses(struct kunit *test)
{
	struct user_page u;
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, user_page_map(&u));
	user_target = u.addr + 16 * PAGE_SIZE;
	KUNIT_EXPECT_TRUE(test, run_expecting_oops(trap_test_read_user, &c));
	user_page_unmap(&u);
	KUNIT_EXPECT_EQ(test, c.trapnr, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, c.cr2, user_target);
	KUNIT_EXPECT_EQ(test, c.err, 0);		/* not present, read, supervisor */
}

/* copy_*_kernel_nofault() refuse the user half before touching it. */
static void kernel_nofault_refuses_user_addresses(struct kunit *test)
{
	unsigned long v = 0;

	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, (void *)0x10000, sizeof(v)), -ERANGE);
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault((void *)0x10000, &v, sizeof(v)), -ERANGE);
}

static int oops_thread_ud2(void *unused)
{
	asm volatile("ud2");
	return 0;
}

static int oops_thread_write_unmapped(void *unused)
{
	*(volatile unsigned long *)UNMAPPED_ADDR = 1;
	return 0;
}

static int run_oopsing_kthread(int (*fn)(void *), const char *name)
{
	struct task_struct *k = kthread_create(fn, NULL, "%s", name);

	if (IS_ERR(k))
		return PTR_ERR(k);
	wake_up_process(k);
	return kthread_stop(k);		/* the exit code make_task_dead() left */
}

/*
 * An oops in a kernel thread kills that thread alone: a trap's oops with
 * SIGSEGV, a page fault's with SIGKILL, as Linux's die() and
 * page_fault_oops(); this task and the kernel go on.
 */
static void oops_in_kthread_kills_only_that_thread(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run_oopsing_kthread(oops_thread_ud2, "oops_ud2"), SIGSEGV);
	KUNIT_EXPECT_EQ(test, run_oopsing_kthread(oops_thread_write_unmapped, "oops_pf"),
			SIGKILL);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
}

static void warn_on_reports_and_continues(struct kunit *test)
{
	volatile int cond = 1;

	KUNIT_EXPECT_TRUE(test, WARN_ON(cond));
	KUNIT_EXPECT_FALSE(test, WARN_ON(!cond));
}

static struct kunit_case traps_test_cases[] = {
	KUNIT_CASE(warn_on_reports_and_continues),
	KUNIT_CASE(divide_error_is_reported),
	KUNIT_CASE(invalid_opcode_is_reported),
	KUNIT_CASE(general_protection_is_reported),
	KUNIT_CASE(page_fault_reports_cr2_and_error_code),
	KUNIT_CASE(nx_page_fetch_faults),
	KUNIT_CASE(int3_is_handled_and_execution_continues),
	KUNIT_CASE(kernel_single_step_is_reported_and_stopped),
	KUNIT_CASE(debug_si_code_follows_dr6),
	KUNIT_CASE(debugregs_follow_the_task),
	KUNIT_CASE(extable_fixup_returns_efault),
	KUNIT_CASE(idt_write_after_setup_faults),
	KUNIT_CASE(kernel_text_is_read_only),
	KUNIT_CASE(idt_direct_map_alias_is_read_only),
	KUNIT_CASE(text_and_rodata_direct_map_aliases_are_read_only),
	KUNIT_CASE(direct_map_alias_is_read_only_among_its_neighbours),
	KUNIT_CASE(set_memory_ro_on_direct_map_page_round_trips),
	KUNIT_CASE(set_memory_splits_a_large_page),
	KUNIT_CASE(smap_kernel_read_of_user_page_oopses),
	KUNIT_CASE(smap_marked_access_without_ac_oopses),
	KUNIT_CASE(user_copies_stop_exactly_at_an_unmapped_page),
	KUNIT_CASE(kernel_read_of_unmapped_user_address_oopses),
	KUNIT_CASE(reserved_bit_in_user_pte_oopses),
	KUNIT_CASE(kernel_nofault_refuses_user_addresses),
	KUNIT_CASE(oops_in_kthread_kills_only_that_thread),
	{}
};

static struct kunit_suite traps_test_suite = {
	.name = "traps",
	.test_cases = traps_test_cases,
};
kunit_test_suite(traps_test_suite);

static volatile bool keep_recursing = true;

/*
 * Each frame keeps a buffer live so the compiler cannot flatten the
 * recursion. Also irq_64_kunit.c's, for the IRQ stack's guard page.
 */
int recurse_forever(int depth);
noinline int recurse_forever(int depth)
{
	volatile char pad[256];

	pad[0] = depth;
	if (!keep_recursing)
		return depth;
	return recurse_forever(depth + 1) + pad[0];
}

static void stack_overflow_hits_guard_page(struct kunit *test)
{
	recurse_forever(0);
	KUNIT_FAIL(test, "the recursion returned");
}

static struct kunit_case stack_overflow_cases[] = {
	KUNIT_CASE(stack_overflow_hits_guard_page),
	{}
};

/* Not part of "all": it ends in a panic by design. */
static struct kunit_suite stack_overflow_suite = {
	.name = "stack_overflow",
	.test_cases = stack_overflow_cases,
	.explicit_only = true,
};
kunit_test_suite(stack_overflow_suite);

/* Uncaught, in the task running the suites: init. */
static void oops_in_init_panics(struct kunit *test)
{
	asm volatile("ud2");
	KUNIT_FAIL(test, "the oops returned");
}

static struct kunit_case oops_init_cases[] = {
	KUNIT_CASE(oops_in_init_panics),
	{}
};

static struct kunit_suite oops_init_suite = {
	.name = "oops_init",
	.test_cases = oops_init_cases,
	.explicit_only = true,
};
kunit_test_suite(oops_init_suite);

static void oops_work_func(struct irq_work *work)
{
	asm volatile("ud2");
}

static DEFINE_IRQ_WORK(oops_work, oops_work_func);

static void oops_in_interrupt_panics(struct kunit *test)
{
	irq_work_queue(&oops_work);
	irq_work_sync(&oops_work);
	KUNIT_FAIL(test, "the oops in the interrupt returned");
}

static struct kunit_case oops_irq_cases[] = {
	KUNIT_CASE(oops_in_interrupt_panics),
	{}
};

static struct kunit_suite oops_irq_suite = {
	.name = "oops_irq",
	.test_cases = oops_irq_cases,
	.explicit_only = true,
};
kunit_test_suite(oops_irq_suite);

/* Alone, for a boot with and one without oops=panic. */
static struct kunit_case oops_kthread_cases[] = {
	KUNIT_CASE(oops_in_kthread_kills_only_that_thread),
	{}
};

static struct kunit_suite oops_kthread_suite = {
	.name = "oops_kthread",
	.test_cases = oops_kthread_cases,
	.explicit_only = true,
};
kunit_test_suite(oops_kthread_suite);
