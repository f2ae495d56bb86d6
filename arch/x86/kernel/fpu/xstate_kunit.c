// SPDX-License-Identifier: MIT
/*
 * KUnit suite "xstate": XCR0 and the image size follow CPUID and the
 * command line; an image the CPU's XRSTOR refuses (a header with
 * reserved bits, a component outside XCR0) is caught by the exception
 * table and leaves the clean state, and a good one loads; the CPU number
 * the paranoid entries read with LSL is this CPU's and indexes its
 * per-CPU base.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/preempt.h>
#include <kunit/test.h>
#include <asm/fpu.h>
#include <asm/fsgsbase.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/smp.h>

static void xcr0_and_size_follow_cpuid(struct kunit *test)
{
	u32 eax, ebx, ecx, edx;

	if (!use_xsave()) {
		KUNIT_EXPECT_FALSE(test, read_cr4() & X86_CR4_OSXSAVE);
		KUNIT_EXPECT_EQ(test, fpu_user_cfg.default_size, 512);
		return;
	}
	KUNIT_EXPECT_TRUE(test, read_cr4() & X86_CR4_OSXSAVE);
	KUNIT_EXPECT_EQ(test, xgetbv(XCR_XFEATURE_ENABLED_MASK), fpu_user_cfg.max_features);
	KUNIT_EXPECT_EQ(test, fpu_user_cfg.max_features & ~XFEATURE_MASK_USER_SUPPORTED, 0);
	cpuid_count(0xd, 0, &eax, &ebx, &ecx, &edx);
	KUNIT_EXPECT_EQ(test, fpu_user_cfg.default_size, ebx);
	KUNIT_EXPECT_EQ(test, get_sigframe_size() % 16, 0);
	KUNIT_EXPECT_GE(test, get_sigframe_size(), fpu_user_cfg.default_size + 440);
}

/* fpu_restore_checked() of init_fpstate edited by @edit: its result, and the image left. */
static int restore_edited(struct kunit *test, void (*edit)(union fpregs_state *),
			  bool *left_clean)
{
	unsigned int size = fpu_user_cfg.default_size;
	union fpregs_state *image = kmalloc(size, GFP_KERNEL);
	struct fpu *fpu = fpu_alloc_init();
	int err;

	KUNIT_ASSERT_NOT_NULL(test, image);
	KUNIT_ASSERT_NOT_NULL(test, fpu);
	memcpy(image, init_fpstate, size);
	image->fxsave.xmm_space[0] = 0x12345678;
	edit(image);
	err = fpu_restore_checked(fpu, image);
	*left_clean = !memcmp(fpu, init_fpstate, size);
	kfree(image);
	kfree(fpu);
	return err;
}

static void edit_nothing(union fpregs_state *s)
{
	if (use_xsave())
		s->xsave.header.xfeatures = XFEATURE_MASK_FPSSE;
}
static void edit_reserved(union fpregs_state *s) { s->xsave.header.reserved[0] = 1; }
static void edit_xcomp_bv(union fpregs_state *s) { s->xsave.header.xcomp_bv = 1ULL << 63 | 3; }
static void edit_beyond_xcr0(union fpregs_state *s) { s->xsave.header.xfeatures = 1ULL << 62 | 3; }

static void refused_xrstor_is_fixed_up_to_the_clean_state(struct kunit *test)
{
	bool clean;

	if (!use_xsave())
		kunit_skip(test, "XSAVE off");
	KUNIT_EXPECT_EQ(test, restore_edited(test, edit_reserved, &clean), -EFAULT);
	KUNIT_EXPECT_TRUE(test, clean);
	KUNIT_EXPECT_EQ(test, restore_edited(test, edit_xcomp_bv, &clean), -EFAULT);
	KUNIT_EXPECT_TRUE(test, clean);
	KUNIT_EXPECT_EQ(test, restore_edited(test, edit_beyond_xcr0, &clean), -EFAULT);
	KUNIT_EXPECT_TRUE(test, clean);
}

static void good_image_loads(struct kunit *test)
{
	bool clean;

	KUNIT_EXPECT_EQ(test, restore_edited(test, edit_nothing, &clean), 0);
	KUNIT_EXPECT_FALSE(test, clean);
}

static void cpunode_limit_is_this_cpu(struct kunit *test)
{
	unsigned int limit;

	preempt_disable();
	asm volatile("lsl %1, %0" : "=r"(limit) : "r"((u32)__CPUNODE_SEG));
	KUNIT_EXPECT_EQ(test, limit & VDSO_CPUNODE_MASK, smp_processor_id());
	KUNIT_EXPECT_EQ(test, __per_cpu_offset[limit & VDSO_CPUNODE_MASK],
			this_cpu_read(this_cpu_off));
	if (x86_fsgsbase_enabled) {
		unsigned long gs;

		asm volatile("rdgsbase %0" : "=r"(gs));
		KUNIT_EXPECT_EQ(test, gs, this_cpu_read(this_cpu_off));
	}
	preempt_enable();
}

static struct kunit_case xstate_test_cases[] = {
	KUNIT_CASE(xcr0_and_size_follow_cpuid),
	KUNIT_CASE(refused_xrstor_is_fixed_up_to_the_clean_state),
	KUNIT_CASE(good_image_loads),
	KUNIT_CASE(cpunode_limit_is_this_cpu),
	{}
};

static struct kunit_suite xstate_test_suite = {
	.name = "xstate",
	.test_cases = xstate_test_cases,
};
kunit_test_suite(xstate_test_suite);
