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
	struct xregs_state *x = buf_fx;
	u32 magic2 = FP_XSTATE_MAGIC2;
	struct _fpx_sw_bytes sw;
	u64 xfeatures;

	/* A switch between the save and the copy saves the same registers again. */
	save_fpregs_to_fpstate(fpu);
	save_sw_bytes(&sw);
	xfeatures = fpu->state.xsave.header.xfeatures | XFEATURE_MASK_FPSSE;
	if (copy_to_user(x, fpu, fpu_user_cfg.default_size) ||
	    copy_to_user(x->i387.sw_reserved, &sw, sizeof(sw)))
		return false;
	if (!use_xsave())
		return true;
	return !copy_to_user(&x->header.xfeatures, &xfeatures, sizeof(xfeatures)) &&
	       !copy_to_user((char *)buf_fx + fpu_user_cfg.default_size, &magic2,
			     sizeof(magic2));
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
