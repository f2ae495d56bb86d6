// SPDX-License-Identifier: MIT
/*
 * The x86-64 rt signal frame, in Linux's layout so that musl (or glibc)
 * handlers can read and edit the interrupted context: on the user stack
 * (or the alternate one), below the red zone, the FPU image (64-byte
 * aligned), then struct rt_sigframe: the restorer's address where the
 * handler's return address would be, the ucontext (sigcontext registers
 * in Linux's mcontext order, the last exception's trapno, err and cr2,
 * the old mask, uc_flags and uc_stack) and the siginfo. rt_sigreturn
 * takes the context back, keeping ring 3 and only the flags a program
 * may set; whatever else the IRET refuses is the program's SIGSEGV
 * (fixup_bad_iret() in traps.c).
 *
 * arch_do_signal_or_restart() is the last step before a return to user
 * mode with a signal pending: a system call that a signal broke into
 * (its -ERESTART* code still in rax) is either made to fail with -EINTR
 * or wound back onto its SYSCALL / int $0x80 instruction to run again,
 * by the rules of the code it returned and of the handler, if any.
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
#include <asm/syscall.h>

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
#define UC_FP_XSTATE	0x1	/* the frame's fpstate is an XSAVE image */

/* uapi/asm/ucontext.h: what sigreturn may rely on in this frame */
#define UC_SIGCONTEXT_SS	0x2	/* sigcontext.ss is saved */
#define UC_STRICT_RESTORE_SS	0x4	/* and restored as it is, good or bad */

/* Linux's access-rights bits (LAR) of a ring-3 stack segment, desc_defs.h */
#define AR_TYPE_RWDATA		(1 << 9)
#define AR_TYPE_RWDATA_EXPDOWN	(3 << 9)
#define AR_TYPE_MASK		(7 << 9)
#define AR_S			(1 << 12)
#define AR_DPL3			(3 << 13)
#define AR_P			(1 << 15)

static bool user_64bit_mode(const struct pt_regs *regs)
{
	return regs->cs == __USER_CS;
}

/*
 * The registers into the frame's sigcontext, field by field inside the
 * caller's user access window; gs and fs are saved as 0, as on Linux.
 */
static __always_inline int unsafe_put_sigcontext(struct sigcontext_64 *sc,
						 struct pt_regs *regs, u64 mask,
						 void *fpstate)
{
	struct thread_struct *t = &current->thread;
	unsigned int i;

	unsafe_put_user(regs->r8, &sc->r8, Efault);
	unsafe_put_user(regs->r9, &sc->r9, Efault);
	unsafe_put_user(regs->r10, &sc->r10, Efault);
	unsafe_put_user(regs->r11, &sc->r11, Efault);
	unsafe_put_user(regs->r12, &sc->r12, Efault);
	unsafe_put_user(regs->r13, &sc->r13, Efault);
	unsafe_put_user(regs->r14, &sc->r14, Efault);
	unsafe_put_user(regs->r15, &sc->r15, Efault);
	unsafe_put_user(regs->di, &sc->di, Efault);
	unsafe_put_user(regs->si, &sc->si, Efault);
	unsafe_put_user(regs->bp, &sc->bp, Efault);
	unsafe_put_user(regs->bx, &sc->bx, Efault);
	unsafe_put_user(regs->dx, &sc->dx, Efault);
	unsafe_put_user(regs->ax, &sc->ax, Efault);
	unsafe_put_user(regs->cx, &sc->cx, Efault);
	unsafe_put_user(regs->sp, &sc->sp, Efault);
	unsafe_put_user(regs->ip, &sc->ip, Efault);
	unsafe_put_user(regs->flags, &sc->flags, Efault);
	/* cs, gs, fs and ss share one quadword */
	unsafe_put_user((u64)(u16)regs->cs | (u64)(u16)regs->ss << 48, (u64 *)&sc->cs, Efault);
	unsafe_put_user(t->error_code, &sc->err, Efault);
	unsafe_put_user(t->trap_nr, &sc->trapno, Efault);
	unsafe_put_user(mask, &sc->oldmask, Efault);
	unsafe_put_user(t->cr2, &sc->cr2, Efault);
	unsafe_put_user((unsigned long)fpstate, &sc->fpstate, Efault);
	for (i = 0; i < ARRAY_SIZE(sc->reserved1); i++)
		unsafe_put_user(0, &sc->reserved1[i], Efault);
	return 0;
Efault:
	return -EFAULT;
}

/* The task's alternate stack as sigaltstack() would report it, padding zeroed. */
static __always_inline int unsafe_save_altstack(stack_t *uss)
{
	const stack_t *ss = &current->altstack;

	unsafe_put_user(ss->ss_sp, &uss->ss_sp, Efault);
	unsafe_put_user((u64)(u32)ss->ss_flags, (u64 *)&uss->ss_flags, Efault);
	unsafe_put_user(ss->ss_size, &uss->ss_size, Efault);
	return 0;
Efault:
	return -EFAULT;
}

static __always_inline int unsafe_put_siginfo(siginfo_t *uinfo, const siginfo_t *info)
{
	const u64 *src = (const u64 *)info;
	u64 *dst = (u64 *)uinfo;
	unsigned int i;

	for (i = 0; i < sizeof(*info) / sizeof(u64); i++)
		unsafe_put_user(src[i], &dst[i], Efault);
	return 0;
Efault:
	return -EFAULT;
}

/*
 * Where the frame goes, as Linux's get_sigframe(): below the red zone,
 * or at the top of the alternate stack for an SA_ONSTACK handler that
 * is not on it yet; then the FPU image (fpu__alloc_mathframe()) and the
 * frame, with rsp + 8 16-byte aligned at the handler's entry. A frame
 * that would run off the alternate stack it is on or enters is not
 * written: 0, and the caller's SIGSEGV.
 */
static unsigned long get_sigframe(struct k_sigaction *ka, struct pt_regs *regs,
				  unsigned long *buf_fx)
{
	const stack_t *ss = &current->altstack;
	bool on_altstack = on_sig_stack(regs->sp);
	unsigned long sp = regs->sp - RED_ZONE;

	if ((ka->sa_flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = (unsigned long)ss->ss_sp + ss->ss_size;
		on_altstack = true;
	}
	sp = fpu__alloc_mathframe(sp, buf_fx);
	sp = ALIGN_DOWN(sp - sizeof(struct rt_sigframe), 16) - 8;
	if (on_altstack && !__on_sig_stack(sp)) {
		pr_info_ratelimited("%s[%d] overflowed sigaltstack\n", current->comm,
				    current->pid);
		return 0;
	}
	return sp;
}

/*
 * Linux's x64_setup_rt_frame(): the FPU image is XSAVEd straight to the
 * user stack, the rest stored field by field in one user access window,
 * so the frame is never built on the kernel stack and copied.
 */
bool setup_rt_frame(int sig, struct k_sigaction *ka, siginfo_t *info, struct pt_regs *regs)
{
	struct rt_sigframe *uframe;
	unsigned long buf_fx, sp, uc_flags;
	u64 mask = sigmask_to_save();

	_Static_assert(sizeof(siginfo_t) % sizeof(u64) == 0, "siginfo is stored in quadwords");
	if (!(ka->sa_flags & SA_RESTORER))
		return false;	/* x86-64 has no kernel-provided trampoline */
	sp = get_sigframe(ka, regs, &buf_fx);
	if (!sp || !copy_fpstate_to_sigframe((void *)buf_fx))
		return false;

	uframe = (struct rt_sigframe *)sp;
	uc_flags = UC_SIGCONTEXT_SS | (user_64bit_mode(regs) ? UC_STRICT_RESTORE_SS : 0);
	if (use_xsave())
		uc_flags |= UC_FP_XSTATE;
	if (!user_access_begin(uframe, sizeof(*uframe)))
		return false;
	unsafe_put_user((char *)ka->sa_restorer, &uframe->pretcode, Efault);
	unsafe_put_user(uc_flags, &uframe->uc.uc_flags, Efault);
	unsafe_put_user(NULL, &uframe->uc.uc_link, Efault);
	if (unsafe_save_altstack(&uframe->uc.uc_stack) ||
	    unsafe_put_sigcontext(&uframe->uc.uc_mcontext, regs, mask, (void *)buf_fx) ||
	    unsafe_put_siginfo(&uframe->info, info))
		goto Efault;
	unsafe_put_user(mask, &uframe->uc.uc_sigmask, Efault);
	user_access_end();

	if (current->altstack.ss_flags & SS_AUTODISARM)
		current->altstack = (stack_t){ .ss_flags = SS_DISABLE };

	regs->di = sig;
	regs->si = (unsigned long)&uframe->info;
	regs->dx = (unsigned long)&uframe->uc;
	regs->ax = 0;
	regs->sp = sp;
	regs->ip = (unsigned long)ka->sa_handler;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	/*
	 * The ABI's DF clear at a function's entry; no RF, which would
	 * suppress a breakpoint in the handler; no TF, or a program that
	 * steps itself would trap again in its SIGTRAP handler.
	 */
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	/* The handler starts with a clean FPU, as on Linux. */
	fpu__clear_user_states(current->fpu);
	return true;

Efault:
	user_access_end();
	return false;
}

/*
 * In 64-bit mode any flat ring-3 writable data segment is a stack
 * segment; anything else (null, code, gone from the LDT) is replaced by
 * __USER_DS, for programs that build a context without a valid SS.
 */
static void force_valid_ss(struct pt_regs *regs)
{
	u32 ar;

	asm("lar %[sel], %[ar]\n\t"
	    "jz 1f\n\t"
	    "xorl %[ar], %[ar]\n"
	    "1:"
	    : [ar] "=r"(ar) : [sel] "rm"((u16)regs->ss) : "cc");
	ar &= AR_DPL3 | AR_S | AR_P | AR_TYPE_MASK;
	if (ar != (AR_DPL3 | AR_S | AR_P | AR_TYPE_RWDATA) &&
	    ar != (AR_DPL3 | AR_S | AR_P | AR_TYPE_RWDATA_EXPDOWN))
		regs->ss = __USER_DS;
}

/* The sigcontext fields sigreturn uses, read field by field into @sc. */
static bool get_sigcontext(struct sigcontext_64 *sc, const struct sigcontext_64 *usc)
{
	if (!user_access_begin(usc, sizeof(*usc)))
		return false;
	unsafe_get_user(sc->r8, &usc->r8, Efault);
	unsafe_get_user(sc->r9, &usc->r9, Efault);
	unsafe_get_user(sc->r10, &usc->r10, Efault);
	unsafe_get_user(sc->r11, &usc->r11, Efault);
	unsafe_get_user(sc->r12, &usc->r12, Efault);
	unsafe_get_user(sc->r13, &usc->r13, Efault);
	unsafe_get_user(sc->r14, &usc->r14, Efault);
	unsafe_get_user(sc->r15, &usc->r15, Efault);
	unsafe_get_user(sc->di, &usc->di, Efault);
	unsafe_get_user(sc->si, &usc->si, Efault);
	unsafe_get_user(sc->bp, &usc->bp, Efault);
	unsafe_get_user(sc->bx, &usc->bx, Efault);
	unsafe_get_user(sc->dx, &usc->dx, Efault);
	unsafe_get_user(sc->ax, &usc->ax, Efault);
	unsafe_get_user(sc->cx, &usc->cx, Efault);
	unsafe_get_user(sc->sp, &usc->sp, Efault);
	unsafe_get_user(sc->ip, &usc->ip, Efault);
	unsafe_get_user(sc->flags, &usc->flags, Efault);
	unsafe_get_user(sc->cs, &usc->cs, Efault);
	unsafe_get_user(sc->ss, &usc->ss, Efault);
	unsafe_get_user(sc->fpstate, &usc->fpstate, Efault);
	user_access_end();
	return true;

Efault:
	user_access_end();
	return false;
}

/*
 * The handler may have edited everything. As on Linux, CS and SS are
 * kept with RPL 3 whatever they name, and only the flags a program may
 * change come back: a CS, SS or ip the IRET refuses becomes the
 * program's fault at that context (fixup_bad_iret()). Without
 * UC_STRICT_RESTORE_SS a return to 64-bit mode gets a valid SS.
 */
static bool restore_sigcontext(struct pt_regs *regs, const struct sigcontext_64 *usc,
			       unsigned long uc_flags)
{
	struct sigcontext_64 sc;

	if (!get_sigcontext(&sc, usc))
		return false;
	force_iret();
	regs->r8 = sc.r8; regs->r9 = sc.r9; regs->r10 = sc.r10; regs->r11 = sc.r11;
	regs->r12 = sc.r12; regs->r13 = sc.r13; regs->r14 = sc.r14; regs->r15 = sc.r15;
	regs->di = sc.di; regs->si = sc.si; regs->bp = sc.bp; regs->bx = sc.bx;
	regs->dx = sc.dx; regs->cx = sc.cx; regs->sp = sc.sp; regs->ip = sc.ip;
	regs->ax = sc.ax;
	regs->cs = sc.cs | 3;
	regs->ss = sc.ss | 3;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_ax = -1;	/* what sigreturn returns to is no call to restart */
	current->restart_block.fn = do_no_restart_syscall;
	if (!(uc_flags & UC_STRICT_RESTORE_SS) && user_64bit_mode(regs))
		force_valid_ss(regs);
	return fpu__restore_sig((void *)sc.fpstate);
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe *uframe = (struct rt_sigframe *)(regs->sp - 8);
	unsigned long uc_flags;
	u64 mask;

	if (!user_access_begin(&uframe->uc, sizeof(uframe->uc)))
		goto badframe;
	unsafe_get_user(mask, &uframe->uc.uc_sigmask, Efault);
	unsafe_get_user(uc_flags, &uframe->uc.uc_flags, Efault);
	user_access_end();
	set_current_blocked(mask);
	if (!restore_sigcontext(regs, &uframe->uc.uc_mcontext, uc_flags) ||
	    restore_altstack(&uframe->uc.uc_stack))
		goto badframe;
	return regs->ax;	/* the interrupted value, not a result */

Efault:
	user_access_end();
badframe:
	force_sig(SIGSEGV);
	return 0;
}

/*
 * The call runs again from its first instruction: SYSCALL and int $0x80
 * are both two bytes long, and rax takes the number back (@nr, or the
 * one for restart_syscall()).
 */
static void syscall_rewind(struct pt_regs *regs, unsigned long nr)
{
	regs->ax = nr;
	regs->ip -= 2;
}

static unsigned long get_nr_restart_syscall(void)
{
	return task_in_ia32_syscall(current) ? __NR_ia32_restart_syscall : __NR_restart_syscall;
}

/*
 * A handler is about to run. It interrupted a call that may restart
 * after it (-ERESTARTSYS with SA_RESTART, -ERESTARTNOINTR); the others
 * end in -EINTR, which the handler's frame keeps for sigreturn to give
 * back.
 */
static void handle_signal_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	if (syscall_get_nr(current, regs) < 0)
		return;
	switch (syscall_get_error(current, regs)) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		regs->ax = -EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ka->sa_flags & SA_RESTART)) {
			regs->ax = -EINTR;
			break;
		}
		__attribute__((fallthrough));
	case -ERESTARTNOINTR:
		syscall_rewind(regs, regs->orig_ax);
		break;
	}
}

/* No handler ran (the signal was ignored, stopped the task, or a tracer took it): every code restarts. */
static void no_handler_restart(struct pt_regs *regs)
{
	if (syscall_get_nr(current, regs) < 0)
		return;
	switch (syscall_get_error(current, regs)) {
	case -ERESTARTNOHAND:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		syscall_rewind(regs, regs->orig_ax);
		break;
	case -ERESTART_RESTARTBLOCK:
		syscall_rewind(regs, get_nr_restart_syscall());
		break;
	}
}

/*
 * Before a return to user mode with a signal pending: one handler frame
 * at most, as Linux's.
 */
void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct k_sigaction ka;
	siginfo_t info;
	int sig = get_signal(&ka, &info);

	if (sig) {
		handle_signal_restart(regs, &ka);
		signal_setup_done(setup_rt_frame(sig, &ka, &info, regs), sig, &ka);
		return;
	}
	no_handler_restart(regs);
	restore_saved_sigmask();
}
