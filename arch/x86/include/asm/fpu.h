/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

/*
 * User FPU/SSE/AVX state, switched eagerly with the task: the kernel
 * itself never uses these registers (-mno-sse), so the user's values stay
 * live in the CPU while its task runs and are saved only at a switch.
 * With XSAVE the image is the standard (non-compacted) format, the same
 * one the signal frame carries, so one layout serves the kernel and user
 * space; without it (no XSAVE, or "noxsave") the 512-byte FXSAVE image.
 */
#include <linux/types.h>

/* The FXSAVE image (SDM Vol. 1, Table 10-2): 512 bytes, 16-byte aligned. */
struct fxregs_state {
	u16 cwd, swd, twd, fop;
	u64 rip, rdp;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];
	u32 xmm_space[64];
	u32 padding[12];
	u32 sw_reserved[12];		/* struct _fpx_sw_bytes in a signal frame */
} __attribute__((aligned(16)));

/* The XSAVE state components (SDM Vol. 1, 13.1), Linux's enum xfeature. */
enum xfeature {
	XFEATURE_FP,
	XFEATURE_SSE,
	XFEATURE_YMM,
	XFEATURE_BNDREGS,
	XFEATURE_BNDCSR,
	XFEATURE_OPMASK,
	XFEATURE_ZMM_Hi256,
	XFEATURE_Hi16_ZMM,
	XFEATURE_PT_UNIMPLEMENTED_SO_FAR,
	XFEATURE_PKRU,
	XFEATURE_PASID,
	XFEATURE_CET_USER,
	XFEATURE_CET_KERNEL_UNUSED,
	XFEATURE_RSRVD_COMP_13,
	XFEATURE_RSRVD_COMP_14,
	XFEATURE_LBR,
	XFEATURE_RSRVD_COMP_16,
	XFEATURE_XTILE_CFG,
	XFEATURE_XTILE_DATA,
	XFEATURE_MAX,
};

#define XFEATURE_MASK_FP	(1ULL << XFEATURE_FP)
#define XFEATURE_MASK_SSE	(1ULL << XFEATURE_SSE)
#define XFEATURE_MASK_YMM	(1ULL << XFEATURE_YMM)
#define XFEATURE_MASK_OPMASK	(1ULL << XFEATURE_OPMASK)
#define XFEATURE_MASK_ZMM_Hi256	(1ULL << XFEATURE_ZMM_Hi256)
#define XFEATURE_MASK_Hi16_ZMM	(1ULL << XFEATURE_Hi16_ZMM)
#define XFEATURE_MASK_FPSSE	(XFEATURE_MASK_FP | XFEATURE_MASK_SSE)
#define XFEATURE_MASK_AVX512	(XFEATURE_MASK_OPMASK | XFEATURE_MASK_ZMM_Hi256 | \
				 XFEATURE_MASK_Hi16_ZMM)

/*
 * The components reflex puts in XCR0 when the CPU has them: Linux's
 * XFEATURE_MASK_USER_SUPPORTED less PKRU (reflex does not set CR4.PKE,
 * and Linux drops PKRU without OSPKE), MPX (gone from Linux) and AMX
 * (it needs the per-process permission and the XFD trap reflex lacks).
 */
#define XFEATURE_MASK_USER_SUPPORTED	(XFEATURE_MASK_FPSSE | XFEATURE_MASK_YMM | \
					 XFEATURE_MASK_AVX512)

/* The XSAVE header (SDM Vol. 1, 13.4.2): which components the image holds. */
struct xstate_header {
	u64 xfeatures;			/* XSTATE_BV */
	u64 xcomp_bv;			/* 0: the standard format */
	u64 reserved[6];
};

/* The XSAVE image: the FXSAVE layout, the header at 512, the rest at CPUID 0xD offsets. */
struct xregs_state {
	struct fxregs_state i387;
	struct xstate_header header;
	u8 extended_state_area[];
} __attribute__((aligned(64)));

_Static_assert(sizeof(struct fxregs_state) == 512, "FXSAVE image is 512 bytes");
_Static_assert(sizeof(struct xregs_state) == 576, "legacy area and header are 576 bytes");

union fpregs_state {
	struct fxregs_state fxsave;
	struct xregs_state xsave;
};

/* A task's saved user state: fpu_user_cfg.default_size bytes, 64-byte aligned. */
struct fpu {
	union fpregs_state state;
};

/*
 * The sizes and features of the state (Linux's struct fpu_state_config).
 * The kernel keeps the user's standard format, so Linux's fpu_kernel_cfg
 * and fpu_user_cfg are one here. legacy_features names FP/SSE when the
 * FXSAVE image is in use.
 */
struct fpu_state_config {
	unsigned int max_size;
	unsigned int default_size;
	u64 max_features;
	u64 default_features;
	u64 legacy_features;
};

extern struct fpu_state_config fpu_user_cfg;
extern u32 mxcsr_feature_mask;

/* struct _fpx_sw_bytes (uapi/asm/sigcontext.h): in the FXSAVE image's sw_reserved. */
struct _fpx_sw_bytes {
	u32 magic1;
	u32 extended_size;
	u64 xfeatures;
	u32 xstate_size;
	u32 padding[7];
};

#define FP_XSTATE_MAGIC1	0x46505853U
#define FP_XSTATE_MAGIC2	0x46505845U
#define FP_XSTATE_MAGIC2_SIZE	4

/* Set once at boot (fpu/xstate.c), before any user task runs. */
extern bool fpu_xsave_enabled, fpu_xsaveopt_enabled;

static inline bool use_xsave(void)
{
	return fpu_xsave_enabled;
}

static inline void fxsave(struct fxregs_state *fx)
{
	asm volatile("fxsaveq %0" : "=m"(*fx));
}

static inline void fxrstor(const struct fxregs_state *fx)
{
	asm volatile("fxrstorq %0" : : "m"(*fx));
}

/* XSAVE of every component in @mask & XCR0, all written (no init optimisation). */
static inline void os_xsave(struct xregs_state *x, u64 mask)
{
	asm volatile("xsave64 (%0)" : : "r"(x), "a"((u32)mask), "d"((u32)(mask >> 32))
		     : "memory");
}

/*
 * XRSTOR of a kernel image the kernel built or checked; a fault here is
 * a kernel bug, not the user's.
 */
static inline void os_xrstor(const struct xregs_state *x, u64 mask)
{
	asm volatile("xrstor64 (%0)" : : "r"(x), "a"((u32)mask), "d"((u32)(mask >> 32))
		     : "memory");
}

static inline u64 xgetbv(u32 index)
{
	u32 lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
	return lo | ((u64)hi << 32);
}

static inline void xsetbv(u32 index, u64 value)
{
	asm volatile("xsetbv" : : "c"(index), "a"((u32)value), "d"((u32)(value >> 32)));
}

#define XCR_XFEATURE_ENABLED_MASK	0	/* XCR0 */

void fpu__init(void);
void fpu__init_cpu(void);
void fpu__init_system_xstate(void);
void fpu__init_cpu_xstate(void);
struct fpu *fpu_alloc_init(void);
void save_fpregs_to_fpstate(struct fpu *fpu);
void restore_fpregs_from_fpstate(struct fpu *fpu);
void switch_fpu(struct fpu *prev, struct fpu *next);
void fpu_clone(struct fpu *dst);
void fpu__clear_user_states(struct fpu *fpu);
int fpu_restore_checked(struct fpu *fpu, const union fpregs_state *image);
extern union fpregs_state *init_fpstate;

/* Signal frames (fpu/signal.c). */
unsigned long fpu__alloc_mathframe(unsigned long sp, unsigned long *buf_fx);
bool copy_fpstate_to_sigframe(void *buf_fx);
bool fpu__restore_sig(void *buf_fx);
void init_sigframe_size(void);
unsigned long get_sigframe_size(void);

/* arch_prctl's XSTATE options (fpu/xstate.c). */
long fpu_xstate_prctl(int option, unsigned long arg2);

#endif
