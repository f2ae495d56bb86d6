// SPDX-License-Identifier: MIT
/*
 * The legacy vsyscall page at 0xffffffffff600000, as Linux's default
 * vsyscall=xonly: nothing is mapped there, so a program's call to one of
 * its three entries (gettimeofday at 0x000, time at 0x400, getcpu at
 * 0x800) is a user page fault on an instruction fetch, which the fault
 * handler hands here. The call is carried out as the system call and
 * the fault returns to the caller's return address, as a RET would have.
 * A read of the page, a jump elsewhere in it, or a bad pointer argument
 * is SIGSEGV. vsyscall=none turns the calls into SIGSEGV as well.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/irqflags.h>
#include <asm/kdebug.h>
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <asm/trapnr.h>
#include <asm/vsyscall.h>

DECLARE_PER_CPU(unsigned long, current_trap_nr);

long __x64_sys_gettimeofday(const struct pt_regs *regs);
long __x64_sys_time(const struct pt_regs *regs);
long __x64_sys_getcpu(const struct pt_regs *regs);

static enum { NONE, XONLY } vsyscall_mode = XONLY;

/* vsyscall=xonly (the default) or none; Linux's "emulate" is not offered. */
static int __init vsyscall_setup(char *str)
{
	if (!strcmp(str, "none"))
		vsyscall_mode = NONE;
	else if (!strcmp(str, "xonly"))
		vsyscall_mode = XONLY;
	else
		return -EINVAL;
	return 0;
}
__setup("vsyscall=", vsyscall_setup);

static void warn_bad_vsyscall(const struct pt_regs *regs, const char *message)
{
	pr_info_ratelimited("%s[%d] %s ip:%lx cs:%lx sp:%lx ax:%lx si:%lx di:%lx\n",
			    current->comm, current->pid, message, regs->ip, regs->cs,
			    regs->sp, regs->ax, regs->si, regs->di);
}

/* 0, 1 or 2 for the start of an entry; -1 for any other address. */
static int addr_to_vsyscall_nr(unsigned long addr)
{
	if ((addr & ~0xc00UL) != VSYSCALL_ADDR || (addr & 0xc00UL) == 0xc00UL)
		return -1;
	return (addr & 0xc00UL) >> 10;
}

/* A pointer argument the call would write through: NULL or user memory. */
static bool write_ok_or_segv(unsigned long ptr, size_t size)
{
	if (access_ok((void __user *)ptr, size))
		return true;
	set_trap_archinfo(X86_TRAP_PF, X86_PF_USER | X86_PF_WRITE);	/* as Linux: no PROT bit */
	current->thread.cr2 = ptr;
	force_sig_fault(SIGSEGV, SEGV_MAPERR, (void __user *)ptr);
	return false;
}

/*
 * The call's result, or -EFAULT: the call's own, or (*signalled then set)
 * for an argument outside user space, whose SIGSEGV is already sent.
 */
static long vsyscall_call(int nr, struct pt_regs *regs, bool *signalled)
{
	unsigned long orig_dx;
	long ret;

	*signalled = true;
	switch (nr) {
	case 0:
		if (!write_ok_or_segv(regs->di, 16) || !write_ok_or_segv(regs->si, 8))
			return -EFAULT;
		*signalled = false;
		return __x64_sys_gettimeofday(regs);
	case 1:
		if (!write_ok_or_segv(regs->di, sizeof(long)))
			return -EFAULT;
		*signalled = false;
		return __x64_sys_time(regs);
	default:
		if (!write_ok_or_segv(regs->di, sizeof(unsigned int)) ||
		    !write_ok_or_segv(regs->si, sizeof(unsigned int)))
			return -EFAULT;
		*signalled = false;
		/* getcpu's third argument was never passed: clear it for the call. */
		orig_dx = regs->dx;
		regs->dx = 0;
		ret = __x64_sys_getcpu(regs);
		regs->dx = orig_dx;
		return ret;
	}
}

/**
 * emulate_vsyscall - a user page fault at a vsyscall address
 * @error_code: the #PF error code
 * @regs: the faulting user context
 * @address: CR2, inside the vsyscall page
 *
 * Return: true if the fault was dealt with here (the call done, or a
 * signal sent); false if it is an ordinary bad access, SIGSEGV for the
 * caller to send.
 */
bool emulate_vsyscall(unsigned long error_code, struct pt_regs *regs,
		      unsigned long address)
{
	bool signalled = false;
	unsigned long caller;
	long ret;
	int nr;

	if ((error_code & (X86_PF_WRITE | X86_PF_USER)) != X86_PF_USER)
		return false;
	/* Only a fetch faults at regs->ip: anything else read the page. */
	if (address != regs->ip) {
		warn_bad_vsyscall(regs, "vsyscall read attempt denied -- look up the vsyscall kernel parameter if you need a workaround");
		return false;
	}
	if (vsyscall_mode == NONE) {
		warn_bad_vsyscall(regs, "vsyscall attempted with vsyscall=none");
		return false;
	}
	nr = addr_to_vsyscall_nr(address);
	if (nr < 0) {
		warn_bad_vsyscall(regs, "misaligned vsyscall (exploit attempt or buggy program) -- look up the vsyscall kernel parameter if you need a workaround");
		force_sig(SIGSEGV);
		return true;
	}
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	if (get_user(caller, (unsigned long __user *)regs->sp)) {
		warn_bad_vsyscall(regs, "vsyscall with bad stack (exploit attempt?)");
		ret = -EFAULT;
	} else {
		ret = vsyscall_call(nr, regs, &signalled);
	}
	local_irq_disable();
	if (ret == -EFAULT) {
		warn_bad_vsyscall(regs, "vsyscall fault (exploit attempt?)");
		if (!signalled)
			force_sig(SIGSEGV);
		return true;
	}
	regs->ax = ret;
	regs->ip = caller;	/* the RET the entry would have run */
	regs->sp += 8;
	return true;
}
