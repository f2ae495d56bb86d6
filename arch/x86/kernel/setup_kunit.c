// SPDX-License-Identifier: MIT
/*
 * KUnit suite "boot": what setup_arch() and the CPU setup promise — the
 * loader's information was read, memory is laid out and protected as
 * DESIGN.md says (W^X image, NX direct map, unmapped guard pages), the
 * per-CPU base is right, every exception has its gate.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <kunit/test.h>
#include <asm/setup.h>
#include <asm/e820.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/trapnr.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <asm/tsc.h>

extern char _text[], __start_rodata[], _sdata[], boot_stack_guard[], __per_cpu_load[];

static void loader_information_is_read(struct kunit *test)
{
	u32 i, ram = 0;

	KUNIT_EXPECT_NOT_NULL(test, boot_params.loader);
	KUNIT_EXPECT_NOT_NULL(test, strstr(boot_command_line, "reflex.test="));
	for (i = 0; i < e820_table.nr_entries; i++)
		ram += e820_table.entries[i].type == E820_TYPE_RAM &&
		       e820_table.entries[i].addr >= 0x100000;
	KUNIT_EXPECT_GE(test, ram, 1);
	KUNIT_EXPECT_GE(test, memblock_phys_mem_size(), 64UL << 20);
}

static void tsc_is_calibrated(struct kunit *test)
{
	KUNIT_EXPECT_GT(test, tsc_khz, 1000);
}

static pteval_t pte_of(struct kunit *test, void *addr, enum pg_level want)
{
	enum pg_level level;
	pteval_t *pte = lookup_address((unsigned long)addr, &level);

	KUNIT_EXPECT_NOT_NULL(test, pte);
	if (!pte)
		return 0;
	KUNIT_EXPECT_EQ(test, level, want);
	return *pte;
}

static void kernel_image_is_write_xor_execute(struct kunit *test)
{
	pteval_t text = pte_of(test, _text, PG_LEVEL_4K);
	pteval_t ro = pte_of(test, __start_rodata, PG_LEVEL_4K);
	pteval_t data = pte_of(test, _sdata, PG_LEVEL_4K);

	KUNIT_EXPECT_TRUE(test, (text & _PAGE_PRESENT) && !(text & (_PAGE_RW | _PAGE_NX)));
	KUNIT_EXPECT_TRUE(test, (ro & _PAGE_NX) && !(ro & _PAGE_RW));
	KUNIT_EXPECT_TRUE(test, (data & _PAGE_NX) && (data & _PAGE_RW));
}

static void direct_map_is_nx_and_lower_half_empty(struct kunit *test)
{
	enum pg_level level;
	pteval_t *pte = lookup_address((unsigned long)__va(0x200000), &level);

	KUNIT_ASSERT_NOT_NULL(test, pte);
	KUNIT_EXPECT_TRUE(test, (*pte & _PAGE_PRESENT) && (*pte & _PAGE_NX));
	KUNIT_EXPECT_NULL(test, lookup_address(0x100000, &level));
}

static void stack_guard_pages_are_unmapped(struct kunit *test)
{
	enum pg_level level;
	pteval_t *pte = lookup_address((unsigned long)boot_stack_guard, &level);

	KUNIT_EXPECT_TRUE(test, pte && !(*pte & _PAGE_PRESENT));
}

static void smep_smap_follow_cpuid(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, !!(read_cr4() & X86_CR4_SMEP), boot_cpu_has(X86_FEATURE_SMEP));
	KUNIT_EXPECT_EQ(test, !!(read_cr4() & X86_CR4_SMAP), boot_cpu_has(X86_FEATURE_SMAP));
	KUNIT_EXPECT_TRUE(test, rdmsr(MSR_EFER) & EFER_NX);
}

/* No LDT is loaded: the one a CPU starts with would sit at linear address 0. */
static void ldtr_is_the_null_selector(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, store_ldt(), 0);
}

static void percpu_base_is_this_cpus_area(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, smp_processor_id(), 0);
	KUNIT_EXPECT_EQ(test, this_cpu_read(this_cpu_off), (unsigned long)__per_cpu_load);
	KUNIT_EXPECT_EQ(test, (unsigned long)this_cpu_ptr(&cpu_number),
			(unsigned long)__per_cpu_load + (unsigned long)&cpu_number);
}

static void every_exception_has_a_gate(struct kunit *test)
{
	struct desc_ptr idtr;
	struct gate_struct *idt;
	int v;

	store_idt(&idtr);
	idt = (struct gate_struct *)idtr.address;
	KUNIT_EXPECT_EQ(test, idtr.size, 256 * 16 - 1);
	for (v = 0; v < 32; v++)
		KUNIT_EXPECT_TRUE(test, idt[v].p && idt[v].segment == __KERNEL_CS);
	KUNIT_EXPECT_EQ(test, idt[X86_TRAP_DF].ist, IST_INDEX_DF + 1);
	KUNIT_EXPECT_EQ(test, idt[X86_TRAP_NMI].ist, IST_INDEX_NMI + 1);
	KUNIT_EXPECT_EQ(test, idt[X86_TRAP_BP].dpl, 3);
}

static struct kunit_case boot_test_cases[] = {
	KUNIT_CASE(loader_information_is_read),
	KUNIT_CASE(tsc_is_calibrated),
	KUNIT_CASE(kernel_image_is_write_xor_execute),
	KUNIT_CASE(direct_map_is_nx_and_lower_half_empty),
	KUNIT_CASE(stack_guard_pages_are_unmapped),
	KUNIT_CASE(smep_smap_follow_cpuid),
	KUNIT_CASE(ldtr_is_the_null_selector),
	KUNIT_CASE(percpu_base_is_this_cpus_area),
	KUNIT_CASE(every_exception_has_a_gate),
	{}
};

static struct kunit_suite boot_test_suite = {
	.name = "boot",
	.test_cases = boot_test_cases,
};
kunit_test_suite(boot_test_suite);
