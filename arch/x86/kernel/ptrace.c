// SPDX-License-Identifier: MIT
/*
 * ptrace, the x86-64 half: a stopped tracee's registers as struct
 * user_regs_struct (GETREGS, PEEKUSER/POKEUSER and NT_PRSTATUS), its
 * FPU state (the FXSAVE image for GETFPREGS and NT_PRFPREG, the XSAVE
 * image for NT_X86_XSTATE), its debug registers (struct user's
 * u_debugreg[], with Linux's checks of DR7) and single-stepping with a
 * TF the tracee never sees. Writes are checked as Linux checks them, so
 * that nothing a tracer sets can fault the kernel's return to user mode.
 * The generic requests are kernel/ptrace.c's.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/ptrace.h>
#include <linux/uio.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/fsgsbase.h>
#include <asm/debugreg.h>
#include <asm/fpu.h>

#define PTRACE_GETREGSET	0x4204
#define PTRACE_SETREGSET	0x4205

#define NT_PRSTATUS		1
#define NT_PRFPREG		2
#define NT_X86_XSTATE		0x202

/* struct user_regs_struct (uapi/asm/user.h): pt_regs, then the segment state. */
struct user_regs_struct {
	struct pt_regs regs;
	unsigned long fs_base, gs_base;
	unsigned long ds, es, fs, gs;
};

#define USER_REGS_WORDS		(sizeof(struct user_regs_struct) / sizeof(long))
#define WORD_FS_BASE		(offsetof(struct user_regs_struct, fs_base) / sizeof(long))
#define WORD_GS_BASE		(offsetof(struct user_regs_struct, gs_base) / sizeof(long))
#define WORD_DS			(offsetof(struct user_regs_struct, ds) / sizeof(long))
#define WORD_ES			(offsetof(struct user_regs_struct, es) / sizeof(long))
#define WORD_FS			(offsetof(struct user_regs_struct, fs) / sizeof(long))
#define WORD_GS			(offsetof(struct user_regs_struct, gs) / sizeof(long))
#define WORD_CS			(offsetof(struct pt_regs, cs) / sizeof(long))
#define WORD_SS			(offsetof(struct pt_regs, ss) / sizeof(long))
#define WORD_FLAGS		(offsetof(struct pt_regs, flags) / sizeof(long))

/*
 * The kernel's struct user (asm/user_64.h): where u_debugreg[8] lies,
 * and its end, past error_code and fault_address (which read as 0).
 */
#define USER_DEBUGREG_OFFSET	848
#define USER_DEBUGREG_END	(USER_DEBUGREG_OFFSET + 8 * sizeof(long))
#define USER_SIZE		928

/* The flags a tracer may change, as Linux's FLAG_MASK. */
#define FLAG_MASK	(X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
			 X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_OF | \
			 X86_EFLAGS_RF | X86_EFLAGS_AC | X86_EFLAGS_NT)

static unsigned long getreg(struct task_struct *child, unsigned int word)
{
	struct pt_regs *regs = task_pt_regs(child);

	switch (word) {
	case WORD_FLAGS:
		if ((READ_ONCE(child->ti_flags) & (1UL << TIF_FORCED_TF)))
			return regs->flags & ~X86_EFLAGS_TF;
		return regs->flags;
	case WORD_FS_BASE:
		return x86_fsbase_read_task(child);
	case WORD_GS_BASE:
		return x86_gsbase_read_task(child);
	case WORD_DS:
		return child->thread.ds;
	case WORD_ES:
		return child->thread.es;
	case WORD_FS:
		return child->thread.fsindex;	/* saved when it was switched out */
	case WORD_GS:
		return child->thread.gsindex;
	default:
		return ((unsigned long *)regs)[word];
	}
}

/* Linux's invalid_selector(): a user selector has RPL 3, or is null. */
static bool invalid_selector(unsigned long value)
{
	return value > 0xffff || (value && (value & 3) != 3);
}

/* The flags: only FLAG_MASK's bits, and TF no longer ours once the tracer writes it. */
static void set_flags(struct task_struct *child, unsigned long value)
{
	struct pt_regs *regs = task_pt_regs(child);

	if (value & X86_EFLAGS_TF)
		clear_tsk_thread_flag(child, TIF_FORCED_TF);
	else if ((READ_ONCE(child->ti_flags) & (1UL << TIF_FORCED_TF)))
		value |= X86_EFLAGS_TF;
	regs->flags = (regs->flags & ~FLAG_MASK) | (value & FLAG_MASK);
}

/* Linux's putreg(): 0 or -EIO for a value the return to user mode cannot take. */
static int putreg(struct task_struct *child, unsigned int word, unsigned long value)
{
	struct pt_regs *regs = task_pt_regs(child);

	switch (word) {
	case WORD_CS:
	case WORD_SS:
		if (!value || invalid_selector(value))
			return -EIO;
		((unsigned long *)regs)[word] = value;
		return 0;
	case WORD_DS:
	case WORD_ES:
	case WORD_FS:
	case WORD_GS:
		if (invalid_selector(value))
			return -EIO;
		if (word == WORD_DS)
			child->thread.ds = value;
		else if (word == WORD_ES)
			child->thread.es = value;
		else if (word == WORD_FS)
			child->thread.fsindex = value;
		else
			child->thread.gsindex = value;
		return 0;
	case WORD_FLAGS:
		set_flags(child, value);
		return 0;
	case WORD_FS_BASE:
	case WORD_GS_BASE:
		if (value >= TASK_SIZE_MAX)
			return -EIO;
		if (word == WORD_FS_BASE)
			x86_fsbase_write_task(child, value);
		else
			x86_gsbase_write_task(child, value);
		return 0;
	default:
		((unsigned long *)regs)[word] = value;
		return 0;
	}
}

/* --- debug registers ----------------------------------------------------------- */

/*
 * One breakpoint of a DR7 value, as Linux's decode_dr7() and
 * arch_bp_generic_fields() read it: an I/O breakpoint (R/W 2), or an
 * execute breakpoint longer than one byte, is -EINVAL, and so is an
 * address not aligned to its length.
 */
static int check_dr7_slot(struct task_struct *child, unsigned long dr7, int i)
{
	unsigned long rw = (dr7 >> DR_RW_SHIFT(i)) & 3, len = (dr7 >> DR_LEN_SHIFT(i)) & 3;
	static const unsigned long align[4] = { 0, 1, 7, 3 };

	if (!(dr7 & (DR_LOCAL_ENABLE(i) | DR_GLOBAL_ENABLE(i))))
		return 0;
	if (rw == 2 || (rw == 0 && len != 0))
		return -EINVAL;
	if (child->thread.debugreg[i] & align[len])
		return -EINVAL;
	return 0;
}

static int ptrace_write_dr7(struct task_struct *child, unsigned long dr7)
{
	int i, err;

	for (i = 0; i < 4; i++) {
		err = check_dr7_slot(child, dr7, i);
		if (err)
			return err;
	}
	/* Only the enables and the R/W and LEN fields reach the register. */
	child->thread.debugreg7 = dr7 & (DR_ENABLE_MASK | 0xffff0000UL);
	return 0;
}

static unsigned long ptrace_get_debugreg(struct task_struct *child, int n)
{
	if (n < 4)
		return child->thread.debugreg[n];
	if (n == 6)
		return child->thread.virtual_dr6;
	if (n == 7)
		return child->thread.debugreg7;
	return 0;
}

static int ptrace_set_debugreg(struct task_struct *child, int n, unsigned long value)
{
	if (n < 4) {
		if (value >= TASK_SIZE_MAX)
			return -EINVAL;
		child->thread.debugreg[n] = value;
		return 0;
	}
	if (n == 6) {
		child->thread.virtual_dr6 = value;
		return 0;
	}
	if (n == 7)
		return ptrace_write_dr7(child, value);
	return -EIO;
}

/* --- struct user ----------------------------------------------------------------- */

static int ptrace_peekusr(struct task_struct *child, unsigned long addr, unsigned long __user *data)
{
	unsigned long value = 0;

	if ((addr & 7) || addr >= USER_SIZE)
		return -EIO;
	if (addr < sizeof(struct user_regs_struct))
		value = getreg(child, addr / sizeof(long));
	else if (addr >= USER_DEBUGREG_OFFSET && addr < USER_DEBUGREG_END)
		value = ptrace_get_debugreg(child, (addr - USER_DEBUGREG_OFFSET) / sizeof(long));
	return put_user(value, data);
}

static int ptrace_pokeusr(struct task_struct *child, unsigned long addr, unsigned long data)
{
	if ((addr & 7) || addr >= USER_SIZE)
		return -EIO;
	if (addr < sizeof(struct user_regs_struct))
		return putreg(child, addr / sizeof(long), data);
	if (addr >= USER_DEBUGREG_OFFSET && addr < USER_DEBUGREG_END)
		return ptrace_set_debugreg(child, (addr - USER_DEBUGREG_OFFSET) / sizeof(long), data);
	return 0;	/* the rest of struct user is ignored, as Linux ignores it */
}

/* --- register sets ---------------------------------------------------------------- */

static void genregs_get(struct task_struct *child, struct user_regs_struct *out)
{
	unsigned int i;

	for (i = 0; i < USER_REGS_WORDS; i++)
		((unsigned long *)out)[i] = getreg(child, i);
}

/* All or nothing: every word is checked before any is written. */
static int genregs_set(struct task_struct *child, const struct user_regs_struct *in)
{
	struct user_regs_struct old;
	unsigned int i;
	int err = 0;

	genregs_get(child, &old);
	for (i = 0; i < USER_REGS_WORDS && !err; i++)
		err = putreg(child, i, ((const unsigned long *)in)[i]);
	if (err)
		for (i = 0; i < USER_REGS_WORDS; i++)
			putreg(child, i, ((unsigned long *)&old)[i]);
	return err;
}

/* The FXSAVE image a tracer may load: MXCSR's reserved bits would #GP the restore. */
static int fxregs_set(struct task_struct *child, const struct fxregs_state *fx)
{
	struct fxregs_state *dst = &child->fpu->state.fxsave;

	if (fx->mxcsr & ~mxcsr_feature_mask)
		return -EINVAL;
	memcpy(dst, fx, offsetof(struct fxregs_state, sw_reserved));
	if (use_xsave())
		child->fpu->state.xsave.header.xfeatures |= XFEATURE_MASK_FPSSE;
	return 0;
}

/*
 * An XSAVE image (NT_X86_XSTATE): only the user features this CPU
 * saves, in the standard format, with a clean header; as Linux's
 * copy_uabi_to_xstate(), the legacy area is taken for FP/SSE only when
 * the header says it is present.
 */
static int xstate_set(struct task_struct *child, const struct xregs_state *x)
{
	struct xregs_state *dst = &child->fpu->state.xsave;
	const struct xstate_header *h = &x->header;
	unsigned int i;

	if ((h->xfeatures & ~fpu_user_cfg.default_features) || h->xcomp_bv)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(h->reserved); i++)
		if (h->reserved[i])
			return -EINVAL;
	if ((h->xfeatures & XFEATURE_MASK_SSE) && (x->i387.mxcsr & ~mxcsr_feature_mask))
		return -EINVAL;
	memcpy((u8 *)dst + sizeof(struct xregs_state), (const u8 *)x + sizeof(struct xregs_state),
	       fpu_user_cfg.default_size - sizeof(struct xregs_state));
	memcpy(&dst->i387, &x->i387, offsetof(struct fxregs_state, sw_reserved));
	dst->header.xfeatures = h->xfeatures;
	return 0;
}

/*
 * GETREGSET/SETREGSET: @iov names the buffer and, on return, how much of
 * it the set filled (at most the set's size). The data passes through a
 * kernel copy so that a fault leaves the tracee unchanged.
 */
static int ptrace_regset(struct task_struct *child, bool set, unsigned long type,
			 struct iovec __user *uiov)
{
	struct iovec iov;
	size_t size;
	void *buf;
	int err = 0;

	if (copy_from_user(&iov, uiov, sizeof(iov)))
		return -EFAULT;
	switch (type) {
	case NT_PRSTATUS:
		size = sizeof(struct user_regs_struct);
		break;
	case NT_PRFPREG:
		size = sizeof(struct fxregs_state);
		break;
	case NT_X86_XSTATE:
		if (!use_xsave())
			return -ENODEV;
		size = fpu_user_cfg.default_size;
		break;
	default:
		return -EINVAL;
	}
	size = min(size, iov.iov_len);
	buf = kzalloc(max((size_t)fpu_user_cfg.default_size, sizeof(struct user_regs_struct)),
		      GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* A short write changes only what it covers: the rest is as it was. */
	if (type == NT_PRSTATUS)
		genregs_get(child, buf);
	else
		memcpy(buf, &child->fpu->state, fpu_user_cfg.default_size);
	if (set && copy_from_user(buf, iov.iov_base, size))
		err = -EFAULT;
	else if (set && type == NT_PRSTATUS)
		err = genregs_set(child, buf);
	else if (set && type == NT_PRFPREG)
		err = fxregs_set(child, buf);
	else if (set)
		err = xstate_set(child, buf);
	else if (copy_to_user(iov.iov_base, buf, size))
		err = -EFAULT;
	if (!err && put_user(size, &uiov->iov_len))
		err = -EFAULT;
	kfree(buf);
	return err;
}

/* --- single-stepping ---------------------------------------------------------------- */

/*
 * TF in the tracee's frame; TIF_FORCED_TF when it was ours to set, so
 * that the tracee's own TF (a pushf, its signal frames) is not
 * disturbed, and PTRACE_GETREGS never shows ours.
 */
void user_enable_single_step(struct task_struct *child)
{
	struct pt_regs *regs = task_pt_regs(child);

	set_tsk_thread_flag(child, TIF_SINGLESTEP);
	if (regs->flags & X86_EFLAGS_TF)
		return;
	regs->flags |= X86_EFLAGS_TF;
	set_tsk_thread_flag(child, TIF_FORCED_TF);
}

void user_disable_single_step(struct task_struct *child)
{
	clear_tsk_thread_flag(child, TIF_SINGLESTEP);
	if ((READ_ONCE(child->ti_flags) & (1UL << TIF_FORCED_TF))) {
		clear_tsk_thread_flag(child, TIF_FORCED_TF);
		task_pt_regs(child)->flags &= ~X86_EFLAGS_TF;
	}
}

long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
		 unsigned long data)
{
	struct user_regs_struct regs;
	struct fxregs_state fx;

	switch (request) {
	case PTRACE_PEEKUSR:
		return ptrace_peekusr(child, addr, (unsigned long __user *)data);
	case PTRACE_POKEUSR:
		return ptrace_pokeusr(child, addr, data);
	case PTRACE_GETREGS:
		genregs_get(child, &regs);
		return copy_to_user((void __user *)data, &regs, sizeof(regs)) ? -EFAULT : 0;
	case PTRACE_SETREGS:
		if (copy_from_user(&regs, (void __user *)data, sizeof(regs)))
			return -EFAULT;
		return genregs_set(child, &regs);
	case PTRACE_GETFPREGS:
		return copy_to_user((void __user *)data, &child->fpu->state.fxsave,
				    sizeof(fx)) ? -EFAULT : 0;
	case PTRACE_SETFPREGS:
		if (copy_from_user(&fx, (void __user *)data, sizeof(fx)))
			return -EFAULT;
		return fxregs_set(child, &fx);
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		return ptrace_regset(child, request == PTRACE_SETREGSET, addr,
				     (struct iovec __user *)data);
	default:
		return -EIO;
	}
}
