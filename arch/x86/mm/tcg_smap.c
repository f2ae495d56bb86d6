// SPDX-License-Identifier: MIT
/*
 * QEMU's TCG pops the stack of a ring-3 IRET or far RET (and pushes that
 * of a far CALL) with supervisor accesses, so with SMAP on they fault on
 * the user's own stack (a #PF from user mode without X86_PF_USER) and a
 * retry faults the same way forever. A CPU does these accesses as user
 * accesses; under TCG, and only there, this file carries out IRET and
 * far RET the way the CPU would and lets the program go on; what it does
 * not carry out (far CALL, a 16-bit operand) is SIGSEGV rather than an
 * endless fault. On any other CPU such a fault is fault.c's oops, as on
 * Linux.
 *
 * Architectural behaviour followed (SDM vol. 2, IRET and RET): in 64-bit
 * mode IRET pops RIP, CS, RFLAGS, RSP and SS; from compatibility mode, to
 * the same privilege, RIP, CS and EFLAGS only; far RET pops RIP and CS,
 * then releases imm16 more bytes. The operand size is 8 bytes with REX.W
 * in 64-bit mode, else 4. From ring 3 only ring-3 code and stack
 * segments can be loaded, and IRET changes only the flags a program may
 * change; what the CPU would refuse (#GP) becomes SIGSEGV as a #GP does.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/trapnr.h>
#include <asm/kdebug.h>
#include <asm/percpu.h>


#define OPC_RET_FAR_IMM	0xca
#define OPC_RET_FAR	0xcb
#define OPC_IRET	0xcf
#define REX_W		0x48

/* The flags a ring-3 IRET loads: neither IF nor IOPL (CPL > IOPL). */
#define IRET_USER_FLAGS	(X86_EFLAGS_CF | (1UL << 2) | (1UL << 4) | (1UL << 6) | \
			 (1UL << 7) | X86_EFLAGS_TF | X86_EFLAGS_DF | (1UL << 11) | \
			 (1UL << 14) | (1UL << 16) | X86_EFLAGS_AC | (1UL << 21))

struct far_return {
	unsigned char opcode;
	unsigned int opsize;		/* bytes per slot */
	unsigned int nr_slots;		/* slots popped */
	unsigned long sp;		/* where the first slot is */
	unsigned long release;		/* imm16 of RET far */
	unsigned long slot[5];		/* RIP, CS, RFLAGS, RSP, SS */
};

static bool running_on_tcg(void)
{
	u32 a, b, c, d;

	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return false;
	cpuid_count(0x40000000, 0, &a, &b, &c, &d);
	return b == 0x54474354 && c == 0x43544743 && d == 0x47435447;	/* "TCGTCGTCGTCG" */
}

static bool compat_mode(struct pt_regs *regs)
{
	return (regs->cs & 0xffff) == __USER32_CS;
}

/* Decode the instruction at RIP; false for anything but IRET and far RET. */
static bool decode_far_return(struct pt_regs *regs, struct far_return *fr)
{
	unsigned char insn[4];
	unsigned int i = 0;
	u16 imm;

	if (copy_from_user(insn, (void *)regs->ip, sizeof(insn)))
		return false;
	fr->opsize = 4;
	if (!compat_mode(regs) && (insn[0] & 0xf0) == 0x40) {
		if (insn[0] & (REX_W & 0x0f))
			fr->opsize = 8;
		i++;
	}
	fr->opcode = insn[i];
	fr->sp = compat_mode(regs) ? (u32)regs->sp : regs->sp;
	fr->release = 0;
	switch (fr->opcode) {
	case OPC_IRET:
		fr->nr_slots = compat_mode(regs) ? 3 : 5;
		return true;
	case OPC_RET_FAR_IMM:
		memcpy(&imm, &insn[i + 1], sizeof(imm));
		fr->release = imm;
		__attribute__((fallthrough));
	case OPC_RET_FAR:
		fr->nr_slots = 2;
		return true;
	}
	return false;
}

static int read_slots(struct far_return *fr)
{
	unsigned int i;

	for (i = 0; i < fr->nr_slots; i++) {
		unsigned long v = 0;

		if (copy_from_user(&v, (void *)(fr->sp + i * fr->opsize), fr->opsize))
			return -EFAULT;
		fr->slot[i] = v;
	}
	return 0;
}

/* What the CPU would accept from ring 3: ring-3 code, a user or 32-bit RIP. */
static bool far_return_valid(struct pt_regs *regs, struct far_return *fr)
{
	u16 cs = fr->slot[1];
	unsigned long ip = fr->slot[0];

	if (cs == __USER32_CS && ip > 0xffffffffUL)
		return false;
	if (cs != __USER32_CS && (cs != __USER_CS || ip >= TASK_SIZE_MAX))
		return false;
	if (fr->opcode == OPC_IRET && (regs->flags & (1UL << 14)))
		return false;			/* NT: a task return, #GP in long mode */
	return fr->nr_slots < 5 || (u16)fr->slot[4] == __USER_DS;
}

static void complete_far_return(struct pt_regs *regs, struct far_return *fr)
{
	unsigned long sp = fr->sp + fr->nr_slots * fr->opsize + fr->release;
	bool from_compat = compat_mode(regs);

	regs->ip = fr->slot[0];
	regs->cs = (u16)fr->slot[1];
	if (fr->opcode == OPC_IRET)
		regs->flags = (regs->flags & ~IRET_USER_FLAGS) | (fr->slot[2] & IRET_USER_FLAGS);
	if (fr->nr_slots == 5) {
		sp = fr->slot[3];
		regs->ss = __USER_DS;
	}
	regs->sp = from_compat ? (u32)sp : sp;
}

/* IRET or far RET whose slot faulted: carried out, or the CPU's signal. */
static void emulate_far_return(struct pt_regs *regs, struct far_return *fr,
			       unsigned long address)
{
	if (read_slots(fr)) {
		set_signal_archinfo(address, X86_PF_USER);
		force_sig_fault(SIGSEGV, SEGV_MAPERR, (void *)address);
		return;
	}
	if (!far_return_valid(regs, fr)) {
		set_trap_archinfo(X86_TRAP_GP, 0);
		force_sig_fault(SIGSEGV, SI_KERNEL, NULL);
		return;
	}
	complete_far_return(regs, fr);
}

static bool is_far_return_slot(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address, struct far_return *fr)
{
	return !(error_code & (X86_PF_WRITE | X86_PF_INSTR)) && decode_far_return(regs, fr) &&
	       address >= fr->sp && address < fr->sp + fr->nr_slots * fr->opsize;
}

/*
 * A #PF from user mode that SMAP raised, on a user address: on a CPU
 * only an implicit access (a descriptor table in user memory, which the
 * null LDT rules out) makes one, and fault.c oopses. Under TCG it is the
 * emulator's own stack access: IRET and far RET are carried out; any
 * other (a far CALL's pushes, a 16-bit operand) cannot be, and would
 * fault forever, so the program gets SIGSEGV, as for a #GP. True when
 * handled.
 */
bool fixup_tcg_smap_user_stack(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	struct far_return fr;

	if (!running_on_tcg())
		return false;
	if (is_far_return_slot(regs, error_code, address, &fr)) {
		emulate_far_return(regs, &fr, address);
		return true;
	}
	pr_info_ratelimited("%s[%d]: supervisor access to %lx from user mode at ip %lx "
			    "(TCG's far transfer under SMAP), SIGSEGV\n",
			    current->comm, current->pid, address, regs->ip);
	set_signal_archinfo(address, error_code);
	force_sig_fault(SIGSEGV, SI_KERNEL, NULL);
	return true;
}
