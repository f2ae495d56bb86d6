// SPDX-License-Identifier: MIT
/*
 * The x86-64 rt signal frame, in Linux's layout so that musl (or glibc)
 * handlers can read and edit the interrupted context: on the user stack
 * (or the alternate one), below the red zone, the FXSAVE image (64-byte
 * aligned), then struct rt_sigframe: the restorer's address where the
 * handler's return address would be, the ucontext (sigcontext registers
 * in Linux's mcontext order, the old mask) and the siginfo. rt_sigreturn
 * takes the context back, keeping ring 3, a user code segment (compat
 * mode included) and sane flags whatever the handler wrote.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>

/* uapi/asm/sigcontext.h, struct sigcontext_64 */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};

struct rt_sigframe {
	char *pretcode;
	struct ucontext uc;
	siginfo_t info;
};

#define FIX_EFLAGS	(X86_EFLAGS_CF | (1UL << 2) | (1UL << 4) | (1UL << 6) | (1UL << 7) | \
			 X86_EFLAGS_TF | X86_EFLAGS_DF | (1UL << 11) | X86_EFLAGS_AC | (1UL << 16))
#define RED_ZONE	128

/* The trap that caused a fault signal, for mcontext.trapno/err/cr2. */
DEFINE_PER_CPU(unsigned long, current_trap_nr);

static void fill_sigcontext(struct sigcontext_64 *sc, struct pt_regs *regs, u64 mask,
			    void *fpstate)
{
	*sc = (struct sigcontext_64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.di = regs->di, .si = regs->si, .bp = regs->bp, .bx = regs->bx,
		.dx = regs->dx, .ax = regs->ax, .cx = regs->cx, .sp = regs->sp,
		.ip = regs->ip, .flags = regs->flags, .cs = regs->cs, .ss = regs->ss,
		.oldmask = mask, .cr2 = read_cr2(), .fpstate = (unsigned long)fpstate,
	};
}

bool setup_rt_frame(int sig, struct k_sigaction *ka, siginfo_t *info, struct pt_regs *regs)
{
	struct task_struct *t = current;
	stack_t altstack = { (void *)t->sas_ss_sp, t->sas_ss_flags, t->sas_ss_size };
	unsigned long sp = regs->sp - RED_ZONE;
	struct rt_sigframe frame, *uframe;
	struct fxregs_state *ufp;

	if (!(ka->sa_flags & SA_RESTORER))
		return false;	/* x86-64 has no kernel-provided trampoline */
	if ((ka->sa_flags & SA_ONSTACK) && !(altstack.ss_flags & SS_DISABLE) &&
	    altstack.ss_size &&
	    !(sp > (unsigned long)altstack.ss_sp &&
	      sp <= (unsigned long)altstack.ss_sp + altstack.ss_size))
		sp = (unsigned long)altstack.ss_sp + altstack.ss_size;

	sp = ALIGN_DOWN(sp - sizeof(struct fxregs_state), 64);
	ufp = (struct fxregs_state *)sp;
	fxsave(&current->fpu->fxsave);
	if (copy_to_user(ufp, &current->fpu->fxsave, sizeof(*ufp)))
		return false;

	/* At the handler's first instruction (rsp + 8) is 16-byte aligned. */
	sp = ALIGN_DOWN(sp - sizeof(struct rt_sigframe), 16) - 8;
	uframe = (struct rt_sigframe *)sp;
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ka->sa_restorer;
	frame.uc.uc_stack = altstack;
	if (!altstack.ss_size)
		frame.uc.uc_stack.ss_flags = SS_DISABLE;
	fill_sigcontext(&frame.uc.uc_mcontext, regs, sigmask_to_save(), ufp);
	frame.uc.uc_mcontext.trapno = this_cpu_read(current_trap_nr);
	frame.uc.uc_sigmask = sigmask_to_save();
	frame.info = *info;
	if (copy_to_user(uframe, &frame, sizeof(frame)))
		return false;

	regs->di = sig;
	regs->si = (unsigned long)&uframe->info;
	regs->dx = (unsigned long)&uframe->uc;
	regs->ax = 0;
	regs->sp = sp;
	regs->ip = (unsigned long)ka->sa_handler;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags &= ~(X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC);
	/* The handler starts with a clean FPU, as on Linux. */
	fxrstor(&init_fpstate);
	return true;
}

/*
 * The handler may have edited cs, ss and ip. Linux keeps what it is
 * given (with RPL 3) and lets a bad IRET fault become the task's SIGSEGV;
 * reflex's IRET has no such fixup, so what the IRET would refuse is
 * refused here, with the same SIGSEGV: cs must be one of the two user
 * code segments (a handler may return to compat mode or leave it), ip
 * must be canonical in 64-bit mode, and a return to compat mode needs a
 * valid ss: __USER_DS, the only ring-3 data segment. A return to 64-bit
 * mode gets __USER_DS whatever ss says (Linux's force_valid_ss, as the
 * frame does not offer UC_STRICT_RESTORE_SS). In compat mode only EIP,
 * the low half of ip, exists: the rest is dropped rather than left to
 * the IRET's limit check.
 */
static bool sigreturn_segments_valid(const struct sigcontext_64 *sc)
{
	switch (sc->cs | 3) {
	case __USER_CS:
		return (long)(sc->ip << 16) >> 16 == (long)sc->ip;
	case __USER32_CS:
		return (sc->ss | 3) == __USER_DS;
	default:
		return false;
	}
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe *uframe = (struct rt_sigframe *)(regs->sp - 8);
	struct sigcontext_64 sc;
	struct fxregs_state fx;
	u64 mask;

	if (copy_from_user(&sc, &uframe->uc.uc_mcontext, sizeof(sc)) ||
	    copy_from_user(&mask, &uframe->uc.uc_sigmask, sizeof(mask)) ||
	    !sigreturn_segments_valid(&sc))
		goto badframe;
	if (sc.fpstate) {
		if (copy_from_user(&fx, (void *)sc.fpstate, sizeof(fx)))
			goto badframe;
		fpu_sanitize(&fx);
		current->fpu->fxsave = fx;
		fxrstor(&current->fpu->fxsave);
	}
	regs->r8 = sc.r8; regs->r9 = sc.r9; regs->r10 = sc.r10; regs->r11 = sc.r11;
	regs->r12 = sc.r12; regs->r13 = sc.r13; regs->r14 = sc.r14; regs->r15 = sc.r15;
	regs->di = sc.di; regs->si = sc.si; regs->bp = sc.bp; regs->bx = sc.bx;
	regs->dx = sc.dx; regs->cx = sc.cx; regs->sp = sc.sp; regs->ip = sc.ip;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->cs = sc.cs | 3;
	regs->ss = __USER_DS;
	if (regs->cs == __USER32_CS)
		regs->ip = (u32)regs->ip;
	regs->orig_ax = -1;
	set_current_blocked(mask);
	return sc.ax;		/* becomes regs->ax: the interrupted value */

badframe:
	force_sig(SIGSEGV);
	return regs->ax;
}
