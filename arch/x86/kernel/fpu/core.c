// SPDX-License-Identifier: MIT
/*
 * The user FPU state of a task: the clean image every new program starts
 * from, allocation of a task's save area, and the moves between it and
 * the registers: at a context switch (XSAVEOPT/XRSTOR, or FXSAVE/FXRSTOR
 * without XSAVE), at fork (the parent's live registers), at exec and
 * signal delivery (back to the clean image) and at sigreturn (an image
 * the user supplied, whose XRSTOR may fault). What XCR0 holds and how
 * big the image is belongs to fpu/xstate.c; the signal frame to
 * fpu/signal.c.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/preempt.h>
#include <asm/extable.h>
#include <asm/fpu.h>

/* Room for x87, SSE, AVX and AVX-512 in the standard format (2,688 bytes). */
#define INIT_FPSTATE_MAX	4096

static union {
	union fpregs_state regs;
	u8 bytes[INIT_FPSTATE_MAX];
} init_fpstate_buf __attribute__((aligned(64)));

union fpregs_state *init_fpstate = &init_fpstate_buf.regs;
u32 mxcsr_feature_mask = 0xffbf;	/* the architectural default */

/* FNINIT's x87 state (FCW 0x37f), zeroed registers and MXCSR's default. */
static void fpu__init_legacy_image(void)
{
	struct fxregs_state *fx = &init_fpstate->fxsave;

	asm volatile("fninit");
	fxsave(fx);
	memset(fx->st_space, 0, sizeof(fx->st_space));
	memset(fx->xmm_space, 0, sizeof(fx->xmm_space));
	fx->mxcsr = 0x1f80;	/* all exceptions masked, round to nearest */
	if (fx->mxcsr_mask)
		mxcsr_feature_mask = fx->mxcsr_mask;
}

/**
 * fpu__init - the boot CPU's FPU setup, once the command line is parsed
 *
 * The clean image is the state FNINIT leaves with MXCSR's default; with
 * XSAVE its header names no component, so XRSTOR puts every component
 * but MXCSR in its initial configuration (SDM Vol. 1, 13.8.1), the
 * same values.
 */
void fpu__init(void)
{
	fpu__init_legacy_image();
	fpu__init_system_xstate();
	if (fpu_user_cfg.default_size > INIT_FPSTATE_MAX)
		panic("x86/fpu: context size %u exceeds the init image\n",
		      fpu_user_cfg.default_size);
	restore_fpregs_from_fpstate((struct fpu *)init_fpstate);
	init_sigframe_size();
}

/* Another CPU's part of fpu__init(): XCR0 as the boot CPU's, a clean state. */
void fpu__init_cpu(void)
{
	asm volatile("fninit");
	fpu__init_cpu_xstate();
	restore_fpregs_from_fpstate((struct fpu *)init_fpstate);
}

/* A save area holding the clean image; kmalloc's power-of-two objects are 64-byte aligned. */
struct fpu *fpu_alloc_init(void)
{
	struct fpu *fpu = kmalloc(fpu_user_cfg.default_size, GFP_KERNEL);

	if (fpu && WARN_ON((unsigned long)fpu & 63)) {
		kfree(fpu);	/* XSAVE would fault on it */
		return NULL;
	}
	if (fpu)
		memcpy(fpu, init_fpstate, fpu_user_cfg.default_size);
	return fpu;
}

/* The live registers into @fpu, every component written (XSAVE, not XSAVEOPT). */
void save_fpregs_to_fpstate(struct fpu *fpu)
{
	if (use_xsave())
		os_xsave(&fpu->state.xsave, -1ULL);
	else
		fxsave(&fpu->state.fxsave);
}

void restore_fpregs_from_fpstate(struct fpu *fpu)
{
	if (use_xsave())
		os_xrstor(&fpu->state.xsave, -1ULL);
	else
		fxrstor(&fpu->state.fxsave);
}

/*
 * The context switch. XSAVEOPT may skip a component that was not changed
 * since the last XRSTOR from the same address: that XRSTOR was @prev's
 * own switch-in (or its sigreturn or exec, which load the image they
 * wrote), so what it skips is already in memory.
 */
void switch_fpu(struct fpu *prev, struct fpu *next)
{
	if (prev) {
		if (fpu_xsaveopt_enabled)
			asm volatile("xsaveopt64 (%0)" : : "r"(&prev->state.xsave),
				     "a"(-1), "d"(-1) : "memory");
		else
			save_fpregs_to_fpstate(prev);
	}
	if (next)
		restore_fpregs_from_fpstate(next);
}

/* fork and clone: the child starts with the parent's live registers. */
void fpu_clone(struct fpu *dst)
{
	save_fpregs_to_fpstate(dst);
}

/*
 * exec, signal delivery, a sigreturn that failed: the registers back to
 * the clean state (Linux's fpu__clear_user_states), loaded straight from
 * the clean image. @fpu is left as it is: while its task runs the
 * registers are its state, and the next switch saves them over it
 * (XSAVEOPT's modified optimisation needs the last XRSTOR to have read
 * @fpu, so it writes every component that is not in its initial state).
 */
void fpu__clear_user_states(struct fpu *fpu)
{
	restore_fpregs_from_fpstate((struct fpu *)init_fpstate);
}

/*
 * XRSTOR of an image built from user memory. Its header was checked, but
 * a component's contents can still make XRSTOR raise #GP (SDM Vol. 1,
 * 13.8): the exception table turns that into -EFAULT in %rax, which a
 * mask (a zero-extended 32-bit value) never equals.
 */
static int os_xrstor_safe(const struct xregs_state *x)
{
	unsigned long ax = 0xffffffff;

	asm volatile("1: xrstor64 (%[buf])\n"
		     "2:\n"
		     _ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_EFAULT_AX)
		     : "+a"(ax) : [buf] "r"(x), "d"(0xffffffff) : "memory");
	return ax == (unsigned long)-EFAULT ? -EFAULT : 0;
}

/**
 * fpu_restore_checked - load a user-supplied image into @fpu and the CPU
 * @fpu: current's save area
 * @image: fpu_user_cfg.default_size bytes, header already validated
 *
 * Returns 0, or -EFAULT when the CPU refused the image: then current's
 * state is the clean one, as Linux leaves it after a bad sigreturn.
 */
int fpu_restore_checked(struct fpu *fpu, const union fpregs_state *image)
{
	int err = 0;

	preempt_disable();
	memcpy(fpu, image, fpu_user_cfg.default_size);
	if (use_xsave())
		err = os_xrstor_safe(&fpu->state.xsave);
	else if (fpu->state.fxsave.mxcsr & ~mxcsr_feature_mask)
		err = -EFAULT;		/* FXRSTOR's #GP */
	else
		fxrstor(&fpu->state.fxsave);
	preempt_enable();
	if (err) {
		/*
		 * The save area holds the refused image, whose header a later
		 * XSAVE would not rewrite whole: the clean one goes there too.
		 */
		memcpy(fpu, init_fpstate, fpu_user_cfg.default_size);
		fpu__clear_user_states(fpu);
	}
	return err;
}
