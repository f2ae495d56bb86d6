// SPDX-License-Identifier: MIT
/*
 * XSAVE: which state components XCR0 enables (those of Linux's user set
 * that the CPU offers, CPUID leaf 0xD), CR4.OSXSAVE and XCR0 on every
 * CPU, the size and layout of the standard-format image, and arch_prctl's
 * questions about them (ARCH_GET_XCOMP_SUPP and the permission calls).
 * Without XSAVE, or with "noxsave", the FXSAVE image of 512 bytes stays.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>

bool fpu_xsave_enabled, fpu_xsaveopt_enabled;
struct fpu_state_config fpu_user_cfg;

static const char *const xfeature_names[] = {
	"x87 floating point registers",
	"SSE registers",
	"AVX registers",
	"MPX bounds registers",
	"MPX CSR",
	"AVX-512 opmask",
	"AVX-512 Hi256",
	"AVX-512 ZMM_Hi256",
};

/* The CPUID feature each extended component needs besides its leaf 0xD bit. */
static const unsigned short xsave_cpuid_features[] = {
	[XFEATURE_YMM] = X86_FEATURE_AVX,
	[XFEATURE_OPMASK] = X86_FEATURE_AVX512F,
	[XFEATURE_ZMM_Hi256] = X86_FEATURE_AVX512F,
	[XFEATURE_Hi16_ZMM] = X86_FEATURE_AVX512F,
};

static int __init x86_noxsave_setup(char *arg)
{
	setup_clear_cpu_cap(X86_FEATURE_XSAVE);
	return 0;
}
__setup("noxsave", x86_noxsave_setup);

/* CR4.OSXSAVE and XCR0 on the running CPU, as the boot CPU chose. */
void fpu__init_cpu_xstate(void)
{
	if (!use_xsave())
		return;
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xsetbv(XCR_XFEATURE_ENABLED_MASK, fpu_user_cfg.max_features);
}

static u64 xfeatures_offered(void)
{
	u32 eax, ebx, ecx, edx;
	u64 mask;
	int i;

	cpuid_count(0xd, 0, &eax, &ebx, &ecx, &edx);
	mask = (eax | (u64)edx << 32) & XFEATURE_MASK_USER_SUPPORTED;
	for (i = XFEATURE_YMM; i < (int)ARRAY_SIZE(xsave_cpuid_features); i++)
		if (xsave_cpuid_features[i] && !boot_cpu_has(xsave_cpuid_features[i]))
			mask &= ~(1ULL << i);
	return mask;
}

/*
 * The standard-format size: past the end of the highest component, each
 * at the offset leaf 0xD sub-leaf i gives; it must agree with what the
 * CPU itself reports for the XCR0 just written (leaf 0xD EBX).
 */
static unsigned int xstate_calculate_size(u64 mask, bool print)
{
	unsigned int size = sizeof(struct xregs_state);
	u32 eax, ebx, ecx, edx;
	int i;

	for (i = XFEATURE_YMM; i < XFEATURE_MAX; i++) {
		if (!(mask & (1ULL << i)))
			continue;
		cpuid_count(0xd, i, &eax, &ebx, &ecx, &edx);
		if (print)
			pr_info("x86/fpu: xstate_offset[%d]: %4u, xstate_sizes[%d]: %4u\n",
				i, ebx, i, eax);
		size = max(size, ebx + eax);
	}
	return size;
}

static void print_xstate_features(u64 mask)
{
	int i;

	for (i = 0; i < (int)ARRAY_SIZE(xfeature_names); i++)
		if (mask & (1ULL << i))
			pr_info("x86/fpu: Supporting XSAVE feature 0x%03llx: '%s'\n",
				1ULL << i, xfeature_names[i]);
}

static void fpu__init_system_legacy(void)
{
	fpu_user_cfg = (struct fpu_state_config){
		.max_size = sizeof(struct fxregs_state),
		.default_size = sizeof(struct fxregs_state),
		.legacy_features = XFEATURE_MASK_FPSSE,
	};
	pr_info("x86/fpu: x87 FPU will use FXSAVE\n");
}

/**
 * fpu__init_system_xstate - choose XCR0 and the image size, on the boot CPU
 *
 * Called once the command line is parsed (noxsave). A size the CPU and
 * the offsets disagree on, or one past the init image's room, leaves
 * XSAVE off rather than risk an image XRSTOR would misread.
 */
void fpu__init_system_xstate(void)
{
	u32 eax, ebx, ecx, edx;
	unsigned int size;
	u64 mask;

	if (!boot_cpu_has(X86_FEATURE_XSAVE) || boot_cpu_data.cpuid_level < 0xd) {
		fpu__init_system_legacy();
		return;
	}
	mask = xfeatures_offered();
	if ((mask & XFEATURE_MASK_FPSSE) != XFEATURE_MASK_FPSSE) {
		pr_err("x86/fpu: FP/SSE not present amongst the CPU's xstate features: 0x%llx\n",
		       mask);
		fpu__init_system_legacy();
		return;
	}
	fpu_user_cfg.max_features = fpu_user_cfg.default_features = mask;
	fpu_xsave_enabled = true;
	fpu__init_cpu_xstate();

	cpuid_count(0xd, 0, &eax, &ebx, &ecx, &edx);
	print_xstate_features(mask);
	size = xstate_calculate_size(mask, true);
	if (size != ebx || size > 4096) {
		pr_err("x86/fpu: xstate size %u, CPUID says %u: XSAVE disabled\n", size, ebx);
		xsetbv(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FPSSE);
		write_cr4(read_cr4() & ~X86_CR4_OSXSAVE);
		fpu_xsave_enabled = false;
		setup_clear_cpu_cap(X86_FEATURE_XSAVE);
		fpu__init_system_legacy();
		return;
	}
	fpu_user_cfg.max_size = fpu_user_cfg.default_size = size;
	cpuid_count(0xd, 1, &eax, &ebx, &ecx, &edx);
	fpu_xsaveopt_enabled = eax & 1;
	pr_info("x86/fpu: Enabled xstate features 0x%llx, context size is %u bytes, using 'standard' format.\n",
		mask, size);
}

/* uapi/asm/prctl.h */
#define ARCH_GET_XCOMP_SUPP		0x1021
#define ARCH_GET_XCOMP_PERM		0x1022
#define ARCH_REQ_XCOMP_PERM		0x1023
#define ARCH_GET_XCOMP_GUEST_PERM	0x1024
#define ARCH_REQ_XCOMP_GUEST_PERM	0x1025

/**
 * fpu_xstate_prctl - arch_prctl's XSTATE options, as Linux's
 * @option: ARCH_GET_XCOMP_SUPP .. ARCH_REQ_XCOMP_GUEST_PERM
 * @arg2: the user's u64 for the GET options, a component for the REQ ones
 *
 * Every component reflex enables is permitted from the start: only
 * dynamic ones (AMX's tile data) ever need a request, and reflex enables
 * none, so a request for a component below XFEATURE_MAX is refused with
 * Linux's -EOPNOTSUPP for one the system does not offer. Returns -EINVAL
 * for an unknown option.
 */
long fpu_xstate_prctl(int option, unsigned long arg2)
{
	unsigned long *uptr = (unsigned long *)arg2;

	switch (option) {
	case ARCH_GET_XCOMP_SUPP:
		return put_user(fpu_user_cfg.max_features | fpu_user_cfg.legacy_features, uptr);
	case ARCH_GET_XCOMP_PERM:
	case ARCH_GET_XCOMP_GUEST_PERM:
		return put_user(fpu_user_cfg.default_features, uptr);
	case ARCH_REQ_XCOMP_PERM:
	case ARCH_REQ_XCOMP_GUEST_PERM:
		return arg2 >= XFEATURE_MAX ? -EINVAL : -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}
