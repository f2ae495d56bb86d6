// SPDX-License-Identifier: MIT
/*
 * The FPU part of the rt signal frame, in Linux's layout: the task's
 * image, 64-byte aligned, above the ucontext; with XSAVE the standard
 * format, struct _fpx_sw_bytes in the FXSAVE area's software-reserved
 * bytes and FP_XSTATE_MAGIC2 just past the image, so that a reader can
 * tell an XSAVE image from a bare FXSAVE one. rt_sigreturn takes it back
 * through a kernel copy: the header is checked as Linux's XRSTOR from
 * user memory would check it, and what the CPU still refuses is caught
 * by the exception table (fpu/core.c). Also the worst-case frame size
 * user space learns from AT_MINSIGSTKSZ.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/fpu.h>

/*
 * Linux's AT_MINSIGSTKSZ: the larger i386 frame (sizeof(struct
 * sigframe_ia32), 736 bytes, of which 624 hold the unused legacy FP
 * area), the padding to align it, the image with its magic, the 112-byte
 * FSAVE header an i386 frame puts before it, and the padding to align
 * the image.
 */
#define MAX_FRAME_SIGINFO_UCTXT_SIZE	736
#define FRAME_ALIGNMENT			16
#define MAX_FRAME_PADDING		(FRAME_ALIGNMENT - 1)
#define FREGS_STATE_SIZE		112
#define MAX_XSAVE_PADDING		63

static unsigned long max_frame_size;

static unsigned int xstate_sigframe_size(void)
{
	return fpu_user_cfg.default_size + (use_xsave() ? FP_XSTATE_MAGIC2_SIZE : 0);
}

void init_sigframe_size(void)
{
	unsigned long fpstate = fpu_user_cfg.max_size + FREGS_STATE_SIZE +
				(use_xsave() ? FP_XSTATE_MAGIC2_SIZE : 0);

	max_frame_size = ALIGN(MAX_FRAME_SIGINFO_UCTXT_SIZE + MAX_FRAME_PADDING + fpstate +
			       MAX_XSAVE_PADDING, FRAME_ALIGNMENT);
	pr_info("signal: max sigframe size: %lu\n", max_frame_size);
}

unsigned long get_sigframe_size(void)
{
	return max_frame_size;
}

/* Room for the image below @sp; returns the new stack pointer, the image's address in @buf_fx. */
unsigned long fpu__alloc_mathframe(unsigned long sp, unsigned long *buf_fx)
{
	*buf_fx = ALIGN_DOWN(sp - xstate_sigframe_size(), 64);
	return *buf_fx;
}

static void save_sw_bytes(struct _fpx_sw_bytes *sw)
{
	*sw = (struct _fpx_sw_bytes){
		.magic1 = FP_XSTATE_MAGIC1,
		.extended_size = fpu_user_cfg.default_size + FP_XSTATE_MAGIC2_SIZE,
		.xfeatures = fpu_user_cfg.default_features,
		.xstate_size = fpu_user_cfg.default_size,
	};
}

/* XSAVE of the live registers into user memory; the label on a fault it cannot survive. */
#define unsafe_xsave_user(x, label)					\
	asm goto("1: xsave64 (%0)\n"					\
		 _ASM_EXTABLE(1b, %l[label])				\
		 : : "r"(x), "a"(-1), "d"(-1) : "memory" : label)

/*
 * Linux's xsave_to_user_sigframe() and save_xstate_epilog(): the header
 * cleared first, since XSAVE writes no more of it than XSTATE_BV, the
 * live registers saved straight into the frame, then the software
 * bytes, FP and SSE in XSTATE_BV and magic2 after the image.
 */
static bool xsave_to_user_sigframe(struct xregs_state *x)
{
	u64 *hdr = (u64 *)&x->header, *usw = (u64 *)x->i387.sw_reserved;
	const u64 *sw;
	struct _fpx_sw_bytes sw_bytes;
	unsigned int i;
	u64 xfeatures;

	save_sw_bytes(&sw_bytes);
	sw = (const u64 *)&sw_bytes;
	if (!user_access_begin(x, fpu_user_cfg.default_size + FP_XSTATE_MAGIC2_SIZE))
		return false;
	for (i = 0; i < sizeof(x->header) / sizeof(u64); i++)
		unsafe_put_user(0, &hdr[i], Efault);
	unsafe_xsave_user(x, Efault);
	unsafe_get_user(xfeatures, &x->header.xfeatures, Efault);
	unsafe_put_user(xfeatures | XFEATURE_MASK_FPSSE, &x->header.xfeatures, Efault);
	for (i = 0; i < sizeof(sw_bytes) / sizeof(u64); i++)
		unsafe_put_user(sw[i], &usw[i], Efault);
	unsafe_put_user(FP_XSTATE_MAGIC2, (u32 *)((char *)x + fpu_user_cfg.default_size), Efault);
	user_access_end();
	return true;

Efault:
	user_access_end();
	return false;
}

/**
 * copy_fpstate_to_sigframe - the live user state into the frame at @buf_fx
 *
 * XSTATE_BV in the copy always names FP and SSE (as Linux's), so that a
 * handler that edits an XMM register in the legacy area, and knows
 * nothing of the header, still sees its edit loaded at sigreturn.
 * Returns false when the frame cannot be written.
 */
bool copy_fpstate_to_sigframe(void *buf_fx)
{
	struct fpu *fpu = current->fpu;
	struct _fpx_sw_bytes sw;

	/* The registers are the task's until it switches out; nothing to save first. */
	if (use_xsave())
		return xsave_to_user_sigframe(buf_fx);
	save_fpregs_to_fpstate(fpu);
	save_sw_bytes(&sw);
	return !copy_to_user(buf_fx, fpu, fpu_user_cfg.default_size) &&
	       !copy_to_user(((struct fxregs_state *)buf_fx)->sw_reserved, &sw, sizeof(sw));
}

/*
 * Linux's check_xstate_in_sigframe: without magic1, a sane xstate_size
 * and magic2 after the image, the frame holds only the legacy FXSAVE
 * part (an old or hand-made frame) and @sw is reset to say so.
 */
static bool check_xstate_in_sigframe(void *buf_fx, struct _fpx_sw_bytes *sw)
{
	u32 magic2;

	if (sw->magic1 != FP_XSTATE_MAGIC1 ||
	    sw->xstate_size < sizeof(struct xregs_state) ||
	    sw->xstate_size > fpu_user_cfg.default_size ||
	    sw->xstate_size > sw->extended_size)
		goto setfx;
	if (copy_from_user(&magic2, (char *)buf_fx + sw->xstate_size, sizeof(magic2)))
		return false;
	if (magic2 == FP_XSTATE_MAGIC2)
		return true;
setfx:
	sw->magic1 = 0;
	sw->xstate_size = sizeof(struct fxregs_state);
	sw->xfeatures = XFEATURE_MASK_FPSSE;
	return true;
}

/* What XRSTOR of a standard-format image refuses (SDM Vol. 1, 13.8.1), as Linux checks it. */
static bool validate_user_xstate_header(const struct xstate_header *hdr)
{
	unsigned int i;

	if (hdr->xfeatures & ~fpu_user_cfg.max_features)
		return false;
	if (hdr->xcomp_bv)
		return false;
	for (i = 0; i < ARRAY_SIZE(hdr->reserved); i++)
		if (hdr->reserved[i])
			return false;
	return true;
}

/*
 * The frame's image into @image (zeroed, fpu_user_cfg.default_size):
 * the components the frame's xfeatures leave out, and all but FP and
 * SSE in a legacy-only frame, get XSTATE_BV 0, so XRSTOR puts them in
 * their initial state, as Linux's restore does.
 */
static bool fetch_sigframe_image(union fpregs_state *image, void *buf_fx)
{
	struct _fpx_sw_bytes sw;

	if (copy_from_user(image, buf_fx, sizeof(struct fxregs_state)))
		return false;
	/* A reserved MXCSR bit: (F)XRSTOR's #GP, which not every CPU model raises. */
	if (image->fxsave.mxcsr & ~mxcsr_feature_mask)
		return false;
	if (!use_xsave())
		return true;
	memcpy(&sw, image->fxsave.sw_reserved, sizeof(sw));
	if (!check_xstate_in_sigframe(buf_fx, &sw))
		return false;
	if (!sw.magic1) {
		image->xsave.header.xfeatures = XFEATURE_MASK_FPSSE;
		return true;
	}
	if (copy_from_user(image, buf_fx, sw.xstate_size) ||
	    !validate_user_xstate_header(&image->xsave.header))
		return false;
	image->xsave.header.xfeatures &= sw.xfeatures;
	return true;
}

#define unsafe_xrstor_user(x, mask, label)				\
	asm goto("1: xrstor64 (%0)\n"					\
		 _ASM_EXTABLE(1b, %l[label])				\
		 : : "r"(x), "a"((u32)(mask)), "d"((u32)((mask) >> 32))	\
		 : "memory" : label)

/*
 * Linux's __fpu_restore_sig() fast path, for the frame as
 * copy_fpstate_to_sigframe() wrote it (magic1, the full image, magic2):
 * the header passes the checks fetch_sigframe_image() makes, then XRSTOR
 * loads the registers straight from the user stack, and the components
 * the frame's xfeatures leave out are put in their initial state. False
 * for any other frame, or when XRSTOR faults: the caller then takes the
 * copy, which checks and reports every case.
 */
static bool xrstor_from_user_sigframe(struct xregs_state *x)
{
	struct _fpx_sw_bytes *usw = (struct _fpx_sw_bytes *)x->i387.sw_reserved;
	u32 mxcsr, magic1, extended_size, xstate_size, magic2;
	u64 *uhdr = (u64 *)&x->header;
	struct xstate_header hdr;
	u64 sw_xfeatures, init_bv;
	unsigned int i;

	if (!user_access_begin(x, fpu_user_cfg.default_size + FP_XSTATE_MAGIC2_SIZE))
		return false;
	unsafe_get_user(mxcsr, &x->i387.mxcsr, Efault);
	unsafe_get_user(magic1, &usw->magic1, Efault);
	unsafe_get_user(extended_size, &usw->extended_size, Efault);
	unsafe_get_user(xstate_size, &usw->xstate_size, Efault);
	unsafe_get_user(sw_xfeatures, &usw->xfeatures, Efault);
	for (i = 0; i < sizeof(hdr) / sizeof(u64); i++)
		unsafe_get_user(((u64 *)&hdr)[i], &uhdr[i], Efault);
	unsafe_get_user(magic2, (u32 *)((char *)x + fpu_user_cfg.default_size), Efault);
	if ((mxcsr & ~mxcsr_feature_mask) || magic1 != FP_XSTATE_MAGIC1 ||
	    xstate_size != fpu_user_cfg.default_size || xstate_size > extended_size ||
	    magic2 != FP_XSTATE_MAGIC2 ||
	    !validate_user_xstate_header(&hdr))
		goto Efault;
	unsafe_xrstor_user(x, sw_xfeatures, Efault);
	user_access_end();
	init_bv = fpu_user_cfg.default_features & ~sw_xfeatures;
	if (init_bv)
		os_xrstor(&init_fpstate->xsave, init_bv);
	return true;

Efault:
	user_access_end();
	return false;
}

/**
 * fpu__restore_sig - rt_sigreturn's FPU part
 * @buf_fx: the frame's fpstate pointer; NULL asks for the clean state
 *
 * Returns false for a frame that cannot be read or loaded (the caller's
 * SIGSEGV); the task is then left with the clean state, as on Linux.
 */
bool fpu__restore_sig(void *buf_fx)
{
	struct fpu *fpu = current->fpu;
	union fpregs_state *image;
	bool ok;

	if (!buf_fx) {
		fpu__clear_user_states(fpu);
		return true;
	}
	if (use_xsave() && xrstor_from_user_sigframe(buf_fx))
		return true;
	image = kzalloc(fpu_user_cfg.default_size, GFP_KERNEL);
	if (!image)
		return false;
	ok = fetch_sigframe_image(image, buf_fx);
	if (ok)
		ok = !fpu_restore_checked(fpu, image);
	else
		fpu__clear_user_states(fpu);
	kfree(image);
	return ok;
}
