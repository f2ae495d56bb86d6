// SPDX-License-Identifier: MIT
/*
 * The page-fault handler. CR2 holds the address; the error code says why
 * (not present or protection, read or write, user or kernel, reserved
 * bit, instruction fetch, protection key). Kernel faults on addresses the
 * caller marked in the exception table are fixed up; any other kernel
 * fault is an oops whose report decodes all of the above. A fault on a
 * user address (from user mode, or from a uaccess) is demand paging or
 * COW, or SIGSEGV for the process (-EFAULT for the uaccess).
 */
#include <linux/kernel.h>
#include <asm/idtentry.h>
#include <asm/kdebug.h>
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/mm_types.h>

DECLARE_PER_CPU(unsigned long, current_trap_nr);

static void show_fault_oops(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	const char *access = error_code & X86_PF_INSTR ? "instruction fetch" :
			     error_code & X86_PF_WRITE ? "write access" : "read access";

	if (error_code & X86_PF_INSTR) {
		enum pg_level level;
		pteval_t *pte = lookup_address(address, &level);

		if (pte && (*pte & _PAGE_PRESENT) && (*pte & _PAGE_NX))
			pr_crit("kernel tried to execute NX-protected page - exploit attempt?\n");
		else if (address < PAGE_OFFSET && (read_cr4() & X86_CR4_SMEP))
			pr_crit("unable to execute userspace code (SMEP?)\n");
	}
	pr_alert("BUG: unable to handle page fault for address: %016lx\n", address);
	pr_alert("#PF: %s %s in %s mode\n",
		 error_code & X86_PF_USER ? "user" : "supervisor", access,
		 user_mode(regs) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code,
		 !(error_code & X86_PF_PROT) ? "not-present page" :
		 error_code & X86_PF_RSVD ? "reserved bit violation" :
		 error_code & X86_PF_PK ? "protection keys violation" :
		 "permissions violation");
	pr_alert("#PF: decoded: P=%d W=%d U=%d RSVD=%d I/D=%d PK=%d\n",
		 !!(error_code & X86_PF_PROT), !!(error_code & X86_PF_WRITE),
		 !!(error_code & X86_PF_USER), !!(error_code & X86_PF_RSVD),
		 !!(error_code & X86_PF_INSTR), !!(error_code & X86_PF_PK));
}

static void do_kern_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	if (fixup_exception(regs, X86_TRAP_PF, error_code, address))
		return;
	show_fault_oops(regs, error_code, address);
	die_trap("page fault", regs, error_code, X86_TRAP_PF);
}

/* Linux's one-line report for an unhandled user fault. */
static void show_signal_msg(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	pr_info_ratelimited("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
			    current->comm, current->pid, address, regs->ip, regs->sp,
			    error_code);
}

/*
 * A fault on a user address: from user mode, or from the kernel inside a
 * uaccess window (copy_*_user), which must see demand paging and COW
 * just as the program would. What cannot be resolved is SIGSEGV for a
 * user-mode access and -EFAULT (the exception table) for a uaccess.
 */
static void do_user_fault(struct pt_regs *regs, unsigned long error_code,
			  unsigned long address)
{
	struct mm_struct *mm = current->mm;
	int code;

	/* The kernel touching user memory outside a marked access is a bug. */
	if (!user_mode(regs) && !search_exception_tables(regs->ip)) {
		show_fault_oops(regs, error_code, address);
		die_trap("page fault", regs, error_code, X86_TRAP_PF);
		return;
	}
	/*
	 * SMAP: a kernel access with the window closed faults even on a
	 * present page; retrying would fault forever. Fail it instead.
	 */
	if (!user_mode(regs) && (read_cr4() & X86_CR4_SMAP) &&
	    !(regs->flags & X86_EFLAGS_AC)) {
		if (!fixup_exception(regs, X86_TRAP_PF, error_code, address)) {
			show_fault_oops(regs, error_code, address);
			die_trap("page fault (SMAP)", regs, error_code, X86_TRAP_PF);
		}
		return;
	}
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	code = mm ? do_user_addr_fault(mm, address, error_code & X86_PF_WRITE,
				      error_code & X86_PF_INSTR) : SEGV_MAPERR;
	local_irq_disable();
	if (!code)
		return;
	if (!user_mode(regs)) {
		fixup_exception(regs, X86_TRAP_PF, error_code, address);
		return;
	}
	if (code < 0)
		code = SEGV_MAPERR;	/* out of memory: Linux's OOM would kill; we signal */
	show_signal_msg(regs, error_code, address);
	this_cpu_write(current_trap_nr, X86_TRAP_PF);
	force_sig_fault(SIGSEGV, code, (void *)address);
}

void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	/* Read CR2 first: a nested fault (even in printk) would overwrite it. */
	unsigned long address = read_cr2();

	if (address < TASK_SIZE_MAX && current->mm) {
		do_user_fault(regs, error_code, address);
		return;
	}
	if (user_mode(regs)) {		/* a kernel address from ring 3 */
		show_signal_msg(regs, error_code, address);
		this_cpu_write(current_trap_nr, X86_TRAP_PF);
		force_sig_fault(SIGSEGV, SEGV_MAPERR, (void *)address);
		return;
	}
	do_kern_addr_fault(regs, error_code, address);
}
