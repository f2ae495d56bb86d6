// SPDX-License-Identifier: MIT
/*
 * KUnit suites for the exception paths. "traps" raises #DE, #UD, #GP and
 * #PF in the kernel and catches the oops through a die notifier (the
 * report is still printed, so the host side checks its text too); it
 * checks int3 continues, exception-table fixups return -EFAULT, and the
 * IDT, kernel text and rodata refuse writes through both of their
 * mappings (the image and the direct map). "stack_overflow" recurses into the
 * guard page and is expected to end in the #DF panic.
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
#include <asm/page.h>
#include <asm/pgtable.h>
#include <linux/gfp.h>
#include <linux/mm.h>

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

	memset(c, 0, sizeof(*c));
	c->trapnr = -1;
	register_die_notifier(&oops_nb);
	if (__builtin_setjmp(c->jmp) == 0) {
		active_catch = c;
		fn();
		active_catch = NULL;
		oopsed = false;
	}
	unregister_die_notifier(&oops_nb);
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
 * map; set_memory_rw() undoes it. It costs no memory (interrupts off:
 * nothing else allocates meanwhile).
 */
static void set_memory_ro_on_direct_map_page_round_trips(struct kunit *test)
{
	unsigned long page = get_zeroed_page(GFP_KERNEL), free_before, free_after, flags;
	struct oops_catch c;

	KUNIT_ASSERT_TRUE(test, page != 0);
	local_irq_save(flags);
	free_before = nr_free_pages();
	KUNIT_EXPECT_EQ(test, set_memory_ro(page, 1), 0);
	free_after = nr_free_pages();
	local_irq_restore(flags);
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
	unsigned long off;

	*pmd = 0;
	for (off = 0; off < PMD_SIZE; off += PAGE_SIZE)
		__flush_tlb_one(LARGE_TEST_VA + off);
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
	unsigned long target = LARGE_TEST_VA + 5 * PAGE_SIZE, off, flags, free_before;
	enum pg_level level;
	pteval_t *pmd, *pte;
	int err;

	KUNIT_ASSERT_EQ(test, kernel_map_pages(init_top_pgt, LARGE_TEST_VA, LARGE_TEST_PA,
					       PMD_SIZE, PAGE_KERNEL_RO, true), 0);
	pmd = lookup_address(LARGE_TEST_VA, &level);
	KUNIT_ASSERT_TRUE(test, pmd && level == PG_LEVEL_2M);
	local_irq_save(flags);
	free_before = nr_free_pages();
	err = set_memory_np(target, 1);
	KUNIT_EXPECT_EQ(test, free_before - nr_free_pages(), 1UL);
	local_irq_restore(flags);
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
	KUNIT_CASE(extable_fixup_returns_efault),
	KUNIT_CASE(idt_write_after_setup_faults),
	KUNIT_CASE(kernel_text_is_read_only),
	KUNIT_CASE(idt_direct_map_alias_is_read_only),
	KUNIT_CASE(text_and_rodata_direct_map_aliases_are_read_only),
	KUNIT_CASE(direct_map_alias_is_read_only_among_its_neighbours),
	KUNIT_CASE(set_memory_ro_on_direct_map_page_round_trips),
	KUNIT_CASE(set_memory_splits_a_large_page),
	{}
};

static struct kunit_suite traps_test_suite = {
	.name = "traps",
	.test_cases = traps_test_cases,
};
kunit_test_suite(traps_test_suite);

static volatile bool keep_recursing = true;

/* Each frame keeps a buffer live so the compiler cannot flatten the recursion. */
static noinline int recurse_forever(int depth)
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
