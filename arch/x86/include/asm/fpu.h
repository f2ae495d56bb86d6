/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

/*
 * User FPU/SSE state, switched eagerly with the task: the kernel itself
 * never uses these registers (-mno-sse), so the user's values stay live
 * in the CPU while its task runs and are saved only at a switch.
 */
#include <linux/types.h>

/* The FXSAVE image (SDM Vol. 1, Table 10-2): 512 bytes, 16-byte aligned. */
struct fxregs_state {
	u16 cwd, swd, twd, fop;
	u64 rip, rdp;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];
	u32 xmm_space[64];
	u32 padding[24];
} __attribute__((aligned(16)));

struct fpu {
	struct fxregs_state fxsave;
};

static inline void fxsave(struct fxregs_state *fx)
{
	asm volatile("fxsaveq %0" : "=m"(*fx));
}

static inline void fxrstor(const struct fxregs_state *fx)
{
	asm volatile("fxrstorq %0" : : "m"(*fx));
}

extern struct fxregs_state init_fpstate;
extern u32 mxcsr_feature_mask;

void fpu__init(void);
struct fpu *fpu_alloc_init(void);
/* The MXCSR bits a user may set; others would fault in FXRSTOR. */
static inline void fpu_sanitize(struct fxregs_state *fx)
{
	fx->mxcsr &= mxcsr_feature_mask;
}

#endif
