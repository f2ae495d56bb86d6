// SPDX-License-Identifier: MIT
/*
 * The user FPU state: the clean image every new program starts from,
 * the MXCSR mask that keeps a user-supplied image (sigreturn) from
 * faulting in FXRSTOR, and allocation of a task's save area.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <asm/fpu.h>

struct fxregs_state init_fpstate;
u32 mxcsr_feature_mask = 0xffbf;	/* the architectural default */

void fpu__init(void)
{
	asm volatile("fninit");
	init_fpstate.mxcsr = 0x1f80;	/* all exceptions masked, round to nearest */
	fxrstor(&init_fpstate);
	fxsave(&init_fpstate);
	if (init_fpstate.mxcsr_mask)
		mxcsr_feature_mask = init_fpstate.mxcsr_mask;
}

struct fpu *fpu_alloc_init(void)
{
	struct fpu *fpu = kmalloc(sizeof(*fpu), GFP_KERNEL);

	BUILD_BUG_ON(sizeof(struct fxregs_state) != 512);
	if (fpu)
		fpu->fxsave = init_fpstate;
	return fpu;
}
