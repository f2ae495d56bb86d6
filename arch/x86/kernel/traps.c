// SPDX-License-Identifier: MIT
/*
 * The C side of the CPU exceptions (the page fault lives in mm/fault.c).
 * A fault in the kernel first looks for an exception-table fixup; without
 * one it is an oops, which kills the task (dumpstack.c's oops_end()). A
 * fault in user mode is the program's signal, as on Linux, and is
 * remembered (thread.trap_nr, error_code) for the signal frame; so is an
 * IRET to user mode that refuses its frame (fixup_bad_iret()). #DB
 * decodes DR6 against the task's own breakpoints. int3 is offered to die
 * notifiers and otherwise reported and stepped over; NMIs to the die
 * notifiers. A #DF on a stack's guard page is reported as that stack's
 * overflow.
 */
#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <asm/idtentry.h>
#include <asm/kdebug.h>
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <asm/page.h>
#include <asm/bootinfo.h>
#include <asm/hardirq.h>
#include <asm/stacktrace.h>
#include <asm/smp.h>
#include <asm/fpu.h>
#include <asm/debugreg.h>
#include <asm/io_bitmap.h>
#include <linux/signal.h>
#include <linux/sched.h>

DEFINE_PER_CPU(unsigned long, cpu_current_top_of_stack);

/*
 * The signal a user-mode exception becomes, as Linux's do_error_trap()
 * callers choose it; @at_ip: si_addr is the faulting ip, else NULL.
 * A code of SI_KERNEL is Linux's "0" (force_sig()). Vectors not listed
 * give SIGSEGV (SI_KERNEL).
 */
static const struct user_trap {
	const char *name;
	int sig, code;
	bool at_ip;
} user_traps[] = {
	[X86_TRAP_DE]	  = { "divide error", SIGFPE, FPE_INTDIV, true },
	[X86_TRAP_BP]	  = { "int3", SIGTRAP, SI_KERNEL },
	[X86_TRAP_OF]	  = { "overflow", SIGSEGV, SI_KERNEL },
	[X86_TRAP_BR]	  = { "bounds", SIGSEGV, SI_KERNEL },
	[X86_TRAP_UD]	  = { "invalid opcode", SIGILL, ILL_ILLOPN, true },
	[X86_TRAP_OLD_MF] = { "coprocessor segment overrun", SIGFPE, SI_KERNEL },
	[X86_TRAP_TS]	  = { "invalid TSS", SIGSEGV, SI_KERNEL },
	[X86_TRAP_NP]	  = { "segment not present", SIGBUS, SI_KERNEL },
	[X86_TRAP_SS]	  = { "stack segment", SIGBUS, SI_KERNEL },
	[X86_TRAP_GP]	  = { "general protection", SIGSEGV, SI_KERNEL },
	[X86_TRAP_AC]	  = { "alignment check", SIGBUS, BUS_ADRALN },
};

/* Linux's thread.trap_nr and error_code: the signal frame's trapno and err. */
void set_trap_archinfo(int trapnr, unsigned long error_code)
{
	current->thread.trap_nr = trapnr;
	current->thread.error_code = error_code;
}

static void do_user_trap(struct pt_regs *regs, long error_code, int trapnr)
{
	struct user_trap t = { "exception", SIGSEGV, SI_KERNEL };

	if (trapnr < (int)ARRAY_SIZE(user_traps) && user_traps[trapnr].sig)
		t = user_traps[trapnr];
	/* As Linux's do_trap(): a program that handles the signal is not reported. */
	if (t.sig != SIGTRAP && unhandled_signal(current, t.sig))
		pr_info_ratelimited("traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx\n",
				    current->comm, current->pid, t.name, regs->ip, regs->sp,
				    error_code);
	set_trap_archinfo(trapnr, error_code);
	force_sig_fault(t.sig, t.code, t.at_ip ? (void *)regs->ip : NULL);
}

static void do_error_trap(struct pt_regs *regs, long error_code, const char *str,
			  int trapnr)
{
	if (user_mode(regs)) {
		do_user_trap(regs, error_code, trapnr);
		return;
	}
	if (fixup_exception(regs, trapnr, error_code, 0))
		return;
	die_trap(str, regs, error_code, trapnr);
}

#define DEFINE_SIMPLE_TRAP(func, trapnr, str)				\
void func(struct pt_regs *regs) { do_error_trap(regs, 0, str, trapnr); }
#define DEFINE_SIMPLE_TRAP_ERRORCODE(func, trapnr, str)			\
void func(struct pt_regs *regs, unsigned long error_code)		\
{ do_error_trap(regs, error_code, str, trapnr); }

DEFINE_SIMPLE_TRAP(exc_divide_error, X86_TRAP_DE, "divide error")
DEFINE_SIMPLE_TRAP(exc_overflow, X86_TRAP_OF, "overflow")
DEFINE_SIMPLE_TRAP(exc_bounds, X86_TRAP_BR, "bounds")
DEFINE_SIMPLE_TRAP(exc_invalid_op, X86_TRAP_UD, "invalid opcode")
DEFINE_SIMPLE_TRAP(exc_device_not_available, X86_TRAP_NM, "device not available")
DEFINE_SIMPLE_TRAP(exc_coproc_segment_overrun, X86_TRAP_OLD_MF, "coprocessor segment overrun")
DEFINE_SIMPLE_TRAP(exc_virtualization_exception, X86_TRAP_VE, "virtualization exception")
DEFINE_SIMPLE_TRAP(exc_hv_injection, X86_TRAP_HV, "hypervisor injection")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_invalid_tss, X86_TRAP_TS, "invalid TSS")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_segment_not_present, X86_TRAP_NP, "segment not present")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_stack_segment, X86_TRAP_SS, "stack segment")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_alignment_check, X86_TRAP_AC, "alignment check")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_vmm_communication, X86_TRAP_VC, "VMM communication")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_security, X86_TRAP_SX, "security exception")

/*
 * Which unmasked x87 (#MF, FSW against FCW) or SSE (#XM, MXCSR's flags
 * against its masks) exception fired, as Linux's fpu__exception_code():
 * the first of invalid, divide, overflow, underflow/denormal, precision;
 * 0 when none is unmasked (spurious).
 */
/* The exception flags, alike in FSW/FCW and MXCSR (masks 7 bits up there) */
#define FPU_EXC_INVALID		0x01	/* IE */
#define FPU_EXC_DENORMAL	0x02	/* DE */
#define FPU_EXC_ZERODIV		0x04	/* ZE */
#define FPU_EXC_OVERFLOW	0x08	/* OE */
#define FPU_EXC_UNDERFLOW	0x10	/* UE */
#define FPU_EXC_PRECISION	0x20	/* PE */
#define MXCSR_MASK_SHIFT	7

static int fpu_exception_code(const struct fxregs_state *fx, int trapnr)
{
	unsigned int err = trapnr == X86_TRAP_MF ? fx->swd & ~fx->cwd :
			   fx->mxcsr & ~(fx->mxcsr >> MXCSR_MASK_SHIFT);

	if (err & FPU_EXC_INVALID)
		return FPE_FLTINV;
	if (err & FPU_EXC_ZERODIV)
		return FPE_FLTDIV;
	if (err & FPU_EXC_OVERFLOW)
		return FPE_FLTOVF;
	if (err & (FPU_EXC_DENORMAL | FPU_EXC_UNDERFLOW))
		return FPE_FLTUND;
	if (err & FPU_EXC_PRECISION)
		return FPE_FLTRES;
	return 0;
}

/* #MF and #XM: SIGFPE with the exception's si_code at the faulting ip. */
static void math_error(struct pt_regs *regs, int trapnr)
{
	const char *str = trapnr == X86_TRAP_MF ? "fpu exception" : "simd exception";
	struct fxregs_state fx;	/* FXSAVE writes the status words whatever XINUSE says */
	int code;

	if (!user_mode(regs)) {
		if (!fixup_exception(regs, trapnr, 0, 0))
			die_trap(str, regs, 0, trapnr);
		return;
	}
	fxsave(&fx);
	set_trap_archinfo(trapnr, 0);
	code = fpu_exception_code(&fx, trapnr);
	/* Nothing unmasked: retried, as Linux does. */
	if (code)
		force_sig_fault(SIGFPE, code, (void *)regs->ip);
}

void exc_coprocessor_error(struct pt_regs *regs)
{
	math_error(regs, X86_TRAP_MF);
}

void exc_simd_coprocessor_error(struct pt_regs *regs)
{
	math_error(regs, X86_TRAP_XF);
}

/**
 * fixup_bad_iret - make a faulting IRET to user mode the user's fault
 * @bad_regs: the fault's frame, just below the IRET's own
 *
 * An IRET to user mode refused what it was loading: a CS or SS that
 * rt_sigreturn put there, or one naming an LDT entry another thread has
 * cleared since (error_return's IRET, or the NMI's, whose stack is left
 * behind: the task stack is empty then). As Linux does, the frame moves to the top
 * of the task's stack, where a fault from user mode puts it, with the
 * IRET's target as the interrupted context: the general registers are
 * already the user's, and the error code stays. The task then gets the
 * signal of that fault in that context. Called from error_entry with the
 * kernel's GS; returns the new frame, which becomes the stack pointer.
 */
struct pt_regs *fixup_bad_iret(struct pt_regs *bad_regs)
{
	struct pt_regs tmp, *new_stack = task_pt_regs(current);

	memcpy(&tmp.ip, (void *)bad_regs->sp, 5 * sizeof(unsigned long));
	memcpy(&tmp, bad_regs, __builtin_offsetof(struct pt_regs, ip));
	*new_stack = tmp;
	BUG_ON(!user_mode(new_stack));
	return new_stack;
}

void exc_general_protection(struct pt_regs *regs, unsigned long error_code)
{
	if (user_mode(regs) && fixup_iopl_exception(regs))
		return;
	do_error_trap(regs, error_code, "general protection fault", X86_TRAP_GP);
}

void exc_control_protection(struct pt_regs *regs, unsigned long error_code)
{
	/* With IBT on, an indirect branch to a target without endbr64. */
	if (!user_mode(regs))
		printk(KERN_EMERG "Missing ENDBR: %pS\n", (void *)regs->ip);
	do_error_trap(regs, error_code, "control protection fault", X86_TRAP_CP);
}

void exc_reserved(struct pt_regs *regs, unsigned long vector)
{
	char str[40];

	snprintf(str, sizeof(str), "reserved exception %lu", vector);
	do_error_trap(regs, 0, str, vector);
}

/* Vector 15 is reserved; old chipsets could raise it spuriously. */
void exc_spurious_interrupt_bug(struct pt_regs *regs)
{
	pr_warn_once("spurious exception 15 at %pS ignored\n", (void *)regs->ip);
}

void exc_int3(struct pt_regs *regs)
{
	/* A function tracer site being rewritten: step over it, before anything traced runs. */
	if (!user_mode(regs) && ftrace_int3_handler(regs))
		return;
	/* regs->ip is after the int3; a notifier may move it elsewhere. */
	if (notify_die(DIE_INT3, "int3", regs, 0, X86_TRAP_BP) == NOTIFY_STOP)
		return;
	if (user_mode(regs)) {
		do_user_trap(regs, 0, X86_TRAP_BP);
		return;
	}
	pr_info("int3 at %pS, continuing\n", (void *)(regs->ip - 1));
}

extern char entry_SYSENTER_compat[], __end_entry_SYSENTER_compat[];

/*
 * SYSENTER does not clear TF: a user who sets it single-steps the entry
 * until its popfq. Those steps are not the user's and are ignored; TF
 * reaches the user's saved flags and is theirs again after the call.
 */
static bool is_sysenter_singlestep(struct pt_regs *regs)
{
	return regs->ip - (unsigned long)entry_SYSENTER_compat <
	       (unsigned long)(__end_entry_SYSENTER_compat - entry_SYSENTER_compat);
}

/*
 * The task's own breakpoints (debugreg7) that matched: DR6's B0-B3 as
 * its SIGTRAP would report them. Bits of a register the task did not
 * arm mean nothing.
 */
static unsigned long task_breakpoint_bits(unsigned long dr6)
{
	return dr6 & dr7_trap_bits(current->thread.debugreg7);
}

static void exc_debug_kernel(struct pt_regs *regs, unsigned long dr6)
{
	if (dr6 == DR_STEP && is_sysenter_singlestep(regs))
		return;
	/* A data breakpoint of the task's, hit by a uaccess: noted, no more. */
	if (dr6 && !(dr6 & ~task_breakpoint_bits(dr6))) {
		current->thread.virtual_dr6 |= dr6;
		return;
	}
	pr_info("debug exception at %pS, DR6=%08lx\n", (void *)regs->ip, dr6);
	regs->flags &= ~X86_EFLAGS_TF;
}

/* Linux's get_si_code(): a step wins over a breakpoint register; neither is icebp. */
int debug_si_code(unsigned long dr6)
{
	if (dr6 & DR_STEP)
		return TRAP_TRACE;
	if (dr6 & DR_TRAP_BITS)
		return TRAP_HWBKPT;
	return TRAP_BRKPT;
}

/*
 * A single step (TF), a hardware breakpoint, or icebp (int1, which sets
 * no DR6 bit): SIGTRAP at the ip the #DB left, as Linux's
 * exc_debug_user(). TF stays set in the frame, so a handler that
 * returns steps on. Any other reason (DR6.BD, a bus lock) is no signal.
 */
static void exc_debug_user(struct pt_regs *regs, unsigned long dr6)
{
	unsigned long reason = (dr6 & DR_STEP) | task_breakpoint_bits(dr6);

	current->thread.virtual_dr6 = reason;
	if (!reason && dr6)	/* icebp is the #DB with no reason at all */
		return;
	set_trap_archinfo(X86_TRAP_DB, 0);
	force_sig_fault(SIGTRAP, debug_si_code(reason), (void *)regs->ip);
}

/* From kernel mode on the #DB IST stack; from user mode on the task's. */
void exc_debug(struct pt_regs *regs)
{
	unsigned long dr6;

	dr6 = get_debugreg(6);
	set_debugreg(DR6_RESERVED, 6);
	dr6 ^= DR6_RESERVED;
	if (user_mode(regs))
		exc_debug_user(regs, dr6);
	else
		exc_debug_kernel(regs, dr6);
}

void exc_machine_check(struct pt_regs *regs)
{
	show_regs(regs);
	panic("Machine check at %pS", (void *)regs->ip);
}

/*
 * With a stack (the task's or the IRQ stack) run down into its guard
 * page, the #PF could not push its frame: the CPU turned it into a #DF,
 * which arrives here on its own IST stack. CR2 still names the guard page.
 */
void exc_double_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long cr2 = read_cr2();
	struct stack_info info;

	if (get_stack_guard_info(cr2, &info)) {
		printk(KERN_EMERG "BUG: %s stack guard page was hit at %p (stack is %p..%p)\n",
		       stack_type_name(info.type), (void *)cr2, (void *)info.begin,
		       (void *)(info.end - 1));
		__die("kernel stack overflow (double-fault)", regs, error_code,
		      X86_TRAP_DF);
		panic("Kernel stack overflow");
	}
	__die("double fault", regs, error_code, X86_TRAP_DF);
	panic("Double fault");
}

/*
 * entry_64.S makes sure this never nests: an NMI arriving while it runs
 * (after an IRET inside it) makes it run once more instead. NMIs that
 * arrive together are latched as one, so every handler is asked, as
 * Linux's nmi_handle() asks every NMI_LOCAL handler: the backtrace
 * request first, then the die notifiers.
 */
void exc_nmi(struct pt_regs *regs)
{
	bool handled;

	nmi_enter();
	inc_irq_stat(__nmi_count);
	handled = nmi_cpu_backtrace(regs);
	if (notify_die(DIE_NMI, "nmi", regs, 0, X86_TRAP_NMI) != NOTIFY_STOP && !handled) {
		pr_emerg("Uhhuh. NMI received for unknown reason on CPU %d.\n",
			 smp_processor_id());
		pr_emerg("Dazed and confused, but trying to continue\n");
	}
	nmi_exit();
}
