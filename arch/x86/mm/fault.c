// SPDX-License-Identifier: MIT
/*
 * The page-fault handler. CR2 holds the address; the error code says why
 * (not present or protection, read or write, user or kernel, reserved
 * bit, instruction fetch, protection key). A fault on a user address
 * from user mode, or from a kernel access the exception table marks
 * (copy_*_user, with SMAP's window open), is demand paging, COW or a
 * SIGSEGV; a kernel fault on a kernel address is fixed up if marked. Any
 * other fault is an oops whose report decodes all of the above: a
 * supervisor access to the user half outside a marked access (with SMAP,
 * AC clear: even from user mode, where only an implicit access such as
 * a descriptor load could make one), a reserved bit in a user page
 * table, a kernel access nothing vouched for. A user fetch from the
 * vsyscall page is offered to its emulation first.
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
#include <linux/oom.h>
#include <asm/vsyscall.h>
#include <trace/events/exceptions.h>


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

/*
 * The report, then a notifier may take the oops over; otherwise the task
 * dies of SIGKILL (oops_end() panics where no task can be blamed).
 */
static void page_fault_oops(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	show_fault_oops(regs, error_code, address);
	oops_end(regs, __die("page fault", regs, error_code, X86_TRAP_PF) ? 0 : SIGKILL);
}

/* Reserved bits are never set in the user half's tables: they are corrupt. */
static void pgtable_bad(struct pt_regs *regs, unsigned long error_code,
			unsigned long address)
{
	pr_alert("%s: Corrupted page table at address %lx\n", current->comm, address);
	show_fault_oops(regs, error_code, address);
	oops_end(regs, __die("Bad pagetable", regs, error_code, X86_TRAP_PF) ? 0 : SIGKILL);
}

static void do_kern_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	if (fixup_exception(regs, X86_TRAP_PF, error_code, address))
		return;
	page_fault_oops(regs, error_code, address);
}

/*
 * SMAP refused a supervisor access to a user page: a uaccess opens the
 * window (AC), so without it the access was never meant to reach user
 * memory, fixup or not (SDM vol. 3, 4.6.1).
 */
static bool smap_violation(struct pt_regs *regs, unsigned long error_code)
{
	/* From ring 3 the access was implicit, which AC never lets through. */
	return (read_cr4() & X86_CR4_SMAP) && !(error_code & X86_PF_USER) &&
	       (user_mode(regs) || !(regs->flags & X86_EFLAGS_AC));
}

/*
 * The page fault as the signal frame reports it. A kernel address reads
 * as a protection fault whether or not it is mapped, so that the error
 * code says nothing of the kernel's page tables (Linux does the same).
 */
void set_signal_archinfo(unsigned long address, unsigned long error_code)
{
	if (address >= TASK_SIZE_MAX)
		error_code |= X86_PF_PROT;
	set_trap_archinfo(X86_TRAP_PF, error_code | X86_PF_USER);
	current->thread.cr2 = address;
}

/*
 * Linux's one-line report for an unhandled user fault. A program that
 * handles SIGSEGV itself (stress-ng's sigsegv stressor faults on
 * purpose, thousands of times) is not reported, as in Linux.
 */
static void show_signal_msg(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	if (!unhandled_signal(current, SIGSEGV))
		return;
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

	if (error_code & X86_PF_RSVD) {
		pgtable_bad(regs, error_code, address);
		return;
	}
	if (smap_violation(regs, error_code)) {
		if (user_mode(regs) && fixup_tcg_smap_user_stack(regs, error_code, address))
			return;
		page_fault_oops(regs, error_code, address);
		return;
	}
	/* The kernel touching user memory outside a marked access is a bug. */
	if (!user_mode(regs) && !search_exception_tables(regs->ip)) {
		page_fault_oops(regs, error_code, address);
		return;
	}
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	code = mm ? do_user_addr_fault(mm, address, error_code & X86_PF_WRITE,
				      error_code & X86_PF_INSTR) : SEGV_MAPERR;
	/* Out of memory: the OOM killer frees some and the access is retried. */
	if (code == -ENOMEM && (regs->flags & X86_EFLAGS_IF) &&
	    !fatal_signal_pending(current)) {
		pagefault_out_of_memory();
		code = 0;
	}
	local_irq_disable();
	if (!code)
		return;
	if (!user_mode(regs)) {
		fixup_exception(regs, X86_TRAP_PF, error_code, address);
		return;
	}
	if (code < 0)
		return;		/* the OOM victim: SIGKILL is pending */
	set_signal_archinfo(address, error_code);
	if (code == VM_FAULT_SIGBUS) {
		/* A file mapping past the end of its file: Linux's do_sigbus(). */
		force_sig_fault(SIGBUS, BUS_ADRERR, (void *)address);
		return;
	}
	show_signal_msg(regs, error_code, address);
	force_sig_fault(SIGSEGV, code, (void *)address);
}

void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	/* Read CR2 first: a nested fault (even in printk) would overwrite it. */
	unsigned long address = read_cr2();

	if (user_mode(regs))
		trace_page_fault_user(address, regs, error_code);
	else
		trace_page_fault_kernel(address, regs, error_code);
	if (address < TASK_SIZE_MAX) {
		do_user_fault(regs, error_code, address);
		return;
	}
	if (user_mode(regs)) {		/* a kernel address from ring 3 */
		if (is_vsyscall_vaddr(address) && emulate_vsyscall(error_code, regs, address))
			return;
		show_signal_msg(regs, error_code, address);
		set_signal_archinfo(address, error_code);
		force_sig_fault(SIGSEGV, SEGV_MAPERR, (void *)address);
		return;
	}
	do_kern_addr_fault(regs, error_code, address);
}
