// SPDX-License-Identifier: MIT
/*
 * The C side of the CPU exceptions (the page fault lives in mm/fault.c).
 * A fault in the kernel first looks for an exception-table fixup; without
 * one it is an oops, which kills the task (dumpstack.c's oops_end()). A
 * fault in user mode is the program's signal, as on Linux. int3 is
 * offered to die notifiers and otherwise reported and stepped over; NMIs
 * to the die notifiers. A #DF on a stack's guard page is reported as
 * that stack's overflow.
 */
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
#include <asm/io_bitmap.h>
#include <linux/signal.h>
#include <linux/sched.h>

DEFINE_PER_CPU(unsigned long, cpu_current_top_of_stack);

DECLARE_PER_CPU(unsigned long, current_trap_nr);

/* Which signal a user-mode exception becomes, as on Linux. */
static void trap_signal(int trapnr, int *sig, int *code)
{
	switch (trapnr) {
	case X86_TRAP_DE:	*sig = SIGFPE;	*code = FPE_INTDIV; break;
	case X86_TRAP_UD:	*sig = SIGILL;	*code = ILL_ILLOPN; break;
	case X86_TRAP_BP:	*sig = SIGTRAP;	*code = SI_KERNEL; break;
	case X86_TRAP_DB:	*sig = SIGTRAP;	*code = TRAP_BRKPT; break;
	case X86_TRAP_AC:	*sig = SIGBUS;	*code = BUS_ADRALN; break;
	case X86_TRAP_NP:
	case X86_TRAP_SS:	*sig = SIGBUS;	*code = SI_KERNEL; break;
	case X86_TRAP_MF:
	case X86_TRAP_XF:	*sig = SIGFPE;	*code = 0; break;
	case X86_TRAP_OF:
	case X86_TRAP_BR:	*sig = SIGSEGV;	*code = SI_KERNEL; break;
	default:		*sig = SIGSEGV;	*code = SI_KERNEL; break;
	}
}

static const char *const trap_names[] = {
	[X86_TRAP_DE] = "divide error", [X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_GP] = "general protection", [X86_TRAP_BP] = "int3",
	[X86_TRAP_AC] = "alignment check", [X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds", [X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
};

static void do_user_trap(struct pt_regs *regs, long error_code, int trapnr)
{
	int sig, code;

	trap_signal(trapnr, &sig, &code);
	if (sig != SIGTRAP)
		pr_info_ratelimited("traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx\n",
				    current->comm, current->pid,
				    trapnr < (int)ARRAY_SIZE(trap_names) && trap_names[trapnr] ?
				    trap_names[trapnr] : "exception", regs->ip, regs->sp, error_code);
	this_cpu_write(current_trap_nr, trapnr);
	/* Linux reports the faulting ip for #DE, #UD, #AC...; #GP and int3 carry none. */
	force_sig_fault(sig, code, code == SI_KERNEL ? NULL : (void *)regs->ip);
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
DEFINE_SIMPLE_TRAP(exc_coprocessor_error, X86_TRAP_MF, "coprocessor error")
DEFINE_SIMPLE_TRAP(exc_simd_coprocessor_error, X86_TRAP_XF, "simd exception")
DEFINE_SIMPLE_TRAP(exc_virtualization_exception, X86_TRAP_VE, "virtualization exception")
DEFINE_SIMPLE_TRAP(exc_hv_injection, X86_TRAP_HV, "hypervisor injection")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_invalid_tss, X86_TRAP_TS, "invalid TSS")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_segment_not_present, X86_TRAP_NP, "segment not present")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_stack_segment, X86_TRAP_SS, "stack segment")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_alignment_check, X86_TRAP_AC, "alignment check")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_vmm_communication, X86_TRAP_VC, "VMM communication")
DEFINE_SIMPLE_TRAP_ERRORCODE(exc_security, X86_TRAP_SX, "security exception")

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
	/* regs->ip is after the int3; a notifier may move it elsewhere. */
	if (notify_die(DIE_INT3, "int3", regs, 0, X86_TRAP_BP) == NOTIFY_STOP)
		return;
	if (user_mode(regs)) {
		do_user_trap(regs, 0, X86_TRAP_BP);
		return;
	}
	pr_info("int3 at %pS, continuing\n", (void *)(regs->ip - 1));
}

/* DR6 (Linux's asm/debugreg.h), read with positive polarity. */
#define DR_TRAP_BITS	0xfUL		/* B0-B3: a breakpoint register matched */
#define DR_STEP		0x4000UL	/* BS: single step (TF) */
#define DR6_RESERVED	0xffff0ff0UL	/* the reset value; active-low bits among them */

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

static void exc_debug_kernel(struct pt_regs *regs, unsigned long dr6)
{
	if (dr6 == DR_STEP && is_sysenter_singlestep(regs))
		return;
	pr_info("debug exception at %pS, DR6=%08lx\n", (void *)regs->ip, dr6);
	regs->flags &= ~X86_EFLAGS_TF;
}

/*
 * A single step (TF), a hardware breakpoint, or icebp (int1, which sets
 * no DR6 bit): SIGTRAP, as Linux's exc_debug_user. TF stays set, so a
 * handler that returns steps on.
 */
static void exc_debug_user(struct pt_regs *regs, unsigned long dr6)
{
	int code = dr6 & DR_STEP ? TRAP_TRACE : dr6 & DR_TRAP_BITS ? TRAP_HWBKPT : TRAP_BRKPT;

	this_cpu_write(current_trap_nr, X86_TRAP_DB);
	force_sig_fault(SIGTRAP, code, (void *)regs->ip);
}

/* From kernel mode on the #DB IST stack; from user mode on the task's. */
void exc_debug(struct pt_regs *regs)
{
	unsigned long dr6;

	asm volatile("mov %%db6, %0" : "=r"(dr6));
	asm volatile("mov %0, %%db6" : : "r"(DR6_RESERVED));
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
