// SPDX-License-Identifier: MIT
/*
 * What a handler sees of a user exception, down to the rt frame, as
 * Linux x86-64 builds it:
 *
 * - the signal, si_code and si_addr of each exception, and the trap
 *   number and error code in uc_mcontext (cr2 for a page fault): #DE,
 *   #UD (into and every other invalid opcode), int3 and int $3, icebp,
 *   int $4 (#OF through its DPL 3 gate), int $1 (#GP: the #DB gate is
 *   DPL 0), a non-canonical stack access (#SS), a not-present LDT
 *   segment (#NP), unmasked x87 (#MF) and SSE (#XM) exceptions;
 * - single-stepping with TF: one TRAP_TRACE stop after each instruction,
 *   si_addr the next ip, over a SYSCALL too; TF survives the SYSCALL;
 * - the frame: uc_flags, cs/ss/fs/gs, oldmask, uc_stack, the handler's
 *   stack alignment, and the flags it starts with;
 * - rt_sigreturn to a context the IRET refuses (bad CS or SS, with
 *   UC_STRICT_RESTORE_SS) is SIGSEGV in that context; without it a bad
 *   SS becomes __USER_DS; reserved flag bits are not restored; 300
 *   random contexts each end in a signal;
 * - sigaltstack: none after execve, its errors, SS_ONSTACK,
 *   SS_AUTODISARM, and a frame that would overflow the alternate stack
 *   (SIGSEGV).
 *
 * Where QEMU's TCG differs from the hardware (icebp decoded as #UD, #GP
 * instead of #SS for a non-canonical stack access, no SIMD exceptions)
 * the case is skipped under TCG with that reason; where TCG pushes a
 * different #GP error code for an int $n (n << 4 | 2), that is expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"

#define PAGE		4096
#define EFL_TF		0x100UL
#define EFL_IF		0x200UL
#define EFL_DF		0x400UL
#define EFL_NT		0x4000UL
#define EFL_RF		0x10000UL
#define EFL_IOPL	0x3000UL

#define UC_FP_XSTATE		1
#define UC_SIGCONTEXT_SS	2
#define UC_STRICT_RESTORE_SS	4

#define USER32_CS	0x23
#define USER_DS		0x2b
#define USER_CS		0x33

#define TRAP_DE	0
#define TRAP_DB	1
#define TRAP_BP	3
#define TRAP_OF	4
#define TRAP_UD	6
#define TRAP_NP	11
#define TRAP_SS	12
#define TRAP_GP	13
#define TRAP_PF	14
#define TRAP_MF	16
#define TRAP_XF	19

#define MAX_STEPS	16

/* asm/ldt.h, for modify_ldt(1, ...) */
struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1,
		     seg_not_present:1, useable:1, lm:1;
};

/* The faulting instruction (label 1) and the one after it (label 2). */
static struct {
	uintptr_t fault_rip, resume_rip;
	int fix_fpu;			/* clear the x87/SSE exception before resuming */
} expect;

static volatile struct {
	int count, signo, code;
	void *addr;
	greg_t gregs[NGREG];
	unsigned long uc_flags;
	stack_t uc_stack;
	uint64_t uc_sigmask;
	unsigned long entry_rsp;
	unsigned long handler_flags;
	stack_t altstack_in_handler;
	uintptr_t steps[MAX_STEPS];
	int nr_steps;
} got;

unsigned long trap_entry_rsp;

void on_sig(int sig, siginfo_t *si, void *ucp);

/* The handler's first instruction: record %rsp as the kernel left it. */
__asm__(".text\n"
	".globl on_sig_entry\n"
	"on_sig_entry:\n\t"
	"mov %rsp, trap_entry_rsp(%rip)\n\t"
	"jmp on_sig\n");
void on_sig_entry(int sig, siginfo_t *si, void *ucp);

__attribute__((used)) void on_sig(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	greg_t *g = uc->uc_mcontext.gregs;
	unsigned long flags;

	__asm__ volatile("pushfq\n\tpopq %0" : "=r"(flags));
	got.handler_flags = flags;
	got.entry_rsp = trap_entry_rsp;
	got.count++;
	got.signo = sig;
	got.code = si->si_code;
	got.addr = si->si_addr;
	for (unsigned int i = 0; i < NGREG; i++)
		got.gregs[i] = g[i];
	got.uc_flags = uc->uc_flags;
	got.uc_stack = uc->uc_stack;
	memcpy((void *)&got.uc_sigmask, &uc->uc_sigmask, sizeof(got.uc_sigmask));
	sys2(SYS_sigaltstack, NULL, &got.altstack_in_handler);
	if (expect.fix_fpu && uc->uc_mcontext.fpregs) {
		uc->uc_mcontext.fpregs->swd = 0;
		uc->uc_mcontext.fpregs->cwd = 0x37f;
		uc->uc_mcontext.fpregs->mxcsr = 0x1f80;
	}
	if ((uintptr_t)g[REG_RIP] == expect.fault_rip)
		g[REG_RIP] = expect.resume_rip;
	else if ((uintptr_t)g[REG_RIP] != expect.resume_rip)
		_exit(98);	/* nowhere known to resume */
}

/* Each SIGTRAP of a single-step run: where it stopped. */
static void on_step(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;

	if (got.nr_steps < MAX_STEPS)
		got.steps[got.nr_steps] = g[REG_RIP];
	got.nr_steps++;
	got.signo = sig;
	got.code = si->si_code;
	got.addr = si->si_addr;
	if (got.nr_steps == 1)
		got.gregs[REG_EFL] = g[REG_EFL];
	got.gregs[REG_TRAPNO] = g[REG_TRAPNO];
	got.gregs[REG_ERR] = g[REG_ERR];
	/* A runaway step sequence stops here rather than looping forever. */
	if (got.nr_steps >= MAX_STEPS)
		g[REG_EFL] &= ~EFL_TF;
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void reset(void)
{
	memset((void *)&got, 0, sizeof(got));
	memset(&expect, 0, sizeof(expect));
}

static void handle_all(void)
{
	static const int sigs[] = { SIGSEGV, SIGILL, SIGFPE, SIGTRAP, SIGBUS };

	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		handle(sigs[i], on_sig_entry, 0);
	reset();
}

/*
 * One signal arrived with these si_* and mcontext values; @addr
 * FAULT_ADDR means the faulting instruction, RESUME_ADDR the one after.
 */
#define FAULT_ADDR	((void *)1)
#define RESUME_ADDR	((void *)2)

static void expect_one(int sig, int code, void *addr, int trapno, long err, int at_fault)
{
	void *want = addr == FAULT_ADDR ? (void *)expect.fault_rip :
		     addr == RESUME_ADDR ? (void *)expect.resume_rip : addr;
	uintptr_t ip = at_fault ? expect.fault_rip : expect.resume_rip;

	EXPECT(got.count == 1, "%d signals", got.count);
	EXPECT(got.signo == sig, "signal %d, not %d", got.signo, sig);
	EXPECT(got.code == code, "si_code %d, not %d", got.code, code);
	EXPECT(got.addr == want, "si_addr %p, not %p", got.addr, want);
	EXPECT((uintptr_t)got.gregs[REG_RIP] == ip, "rip %#llx, not %#lx",
	       (unsigned long long)got.gregs[REG_RIP], (unsigned long)ip);
	EXPECT(got.gregs[REG_TRAPNO] == trapno, "trapno %lld, not %d",
	       (long long)got.gregs[REG_TRAPNO], trapno);
	EXPECT(got.gregs[REG_ERR] == err, "err %#llx, not %#lx",
	       (unsigned long long)got.gregs[REG_ERR], err);
}

/* --- exceptions ------------------------------------------------------------ */

static void sigfpe_intdiv_on_divide_error_trapno_0(void)
{
	handle_all();
	__asm__ volatile("xor %%eax, %%eax\n\txor %%edx, %%edx\n\txor %%esi, %%esi\n\t"
			 FAULT_ASM("divl %%esi") : FAULT_OUT : : "rax", "rcx", "rdx", "rsi", "memory");
	expect_one(SIGFPE, FPE_INTDIV, FAULT_ADDR, TRAP_DE, 0, 1);
}

static void sigill_illopn_on_ud2_trapno_6(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM("ud2") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGILL, ILL_ILLOPN, FAULT_ADDR, TRAP_UD, 0, 1);
}

/* into does not exist in 64-bit mode: #UD, not #OF. */
static void sigill_on_into_in_64bit_mode(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM(".byte 0xce") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGILL, ILL_ILLOPN, FAULT_ADDR, TRAP_UD, 0, 1);
}

static void sigtrap_si_kernel_on_int3_after_it(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM("int3") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGTRAP, SI_KERNEL, NULL, TRAP_BP, 0, 0);
}

/* The two-byte form (CD 03) goes through the same DPL 3 gate. */
static void sigtrap_si_kernel_on_int_3_after_it(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM(".byte 0xcd, 0x03") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGTRAP, SI_KERNEL, NULL, TRAP_BP, 0, 0);
}

/* icebp (int1, F1): #DB with no DR6 reason, TRAP_BRKPT at the next ip. */
static void sigtrap_brkpt_on_icebp_after_it(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM(".byte 0xf1") : FAULT_OUT : : "rcx", "memory");
	if (under_tcg() && got.signo == SIGILL) {
		ktap_skip("QEMU's TCG decodes icebp (F1) as an invalid opcode");
		return;
	}
	expect_one(SIGTRAP, TRAP_BRKPT, RESUME_ADDR, TRAP_DB, 0, 0);
}

/* int $4 reaches #OF through its DPL 3 gate: SIGSEGV, after it. */
static void sigsegv_si_kernel_on_int_4_trapno_4(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM("int $4") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGSEGV, SI_KERNEL, NULL, TRAP_OF, 0, 0);
}

/*
 * The #GP error code of an int $n through a gate without DPL 3: the
 * vector as an IDT selector, n << 3 | 2. QEMU's TCG scales it by the
 * 16-byte size of a long-mode gate instead (n << 4 | 2); the kernel
 * passes on whatever the CPU pushed.
 */
static long idt_error_code(int vector)
{
	return (long)vector << (under_tcg() ? 4 : 3) | 2;
}

/* int $1 meets the DPL 0 #DB gate: #GP, at the int. */
static void sigsegv_gp_on_int_1_with_idt_error_code(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM("int $1") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGSEGV, SI_KERNEL, NULL, TRAP_GP, idt_error_code(1), 1);
}

static void sigsegv_gp_on_int_0x20_with_idt_error_code(void)
{
	handle_all();
	__asm__ volatile(FAULT_ASM("int $0x20") : FAULT_OUT : : "rcx", "memory");
	expect_one(SIGSEGV, SI_KERNEL, NULL, TRAP_GP, idt_error_code(0x20), 1);
}

static void sigsegv_gp_on_noncanonical_read_error_0(void)
{
	handle_all();
	__asm__ volatile("movabs $0x8000000000000000, %%rax\n\t"
			 FAULT_ASM("mov (%%rax), %%rax") : FAULT_OUT : : "rax", "rcx", "memory");
	expect_one(SIGSEGV, SI_KERNEL, NULL, TRAP_GP, 0, 1);
}

/* A page fault: trapno 14, the #PF error code with U set, cr2 the address. */
static void sigsegv_pf_has_error_code_and_cr2(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	handle_all();
	(void)*(volatile char *)p;	/* present: the write is a protection fault */
	__asm__ volatile(FAULT_ASM("movb $1, (%[p])") : FAULT_OUT : [p] "r"(p + 8)
			 : "rcx", "memory");
	expect_one(SIGSEGV, SEGV_ACCERR, p + 8, TRAP_PF, 7, 1);
	EXPECT((char *)got.gregs[REG_CR2] == p + 8, "cr2 %#llx",
	       (unsigned long long)got.gregs[REG_CR2]);

	reset();
	munmap(p, PAGE);
	__asm__ volatile(FAULT_ASM("movb (%[p]), %%al") : FAULT_OUT : [p] "r"(p)
			 : "rax", "rcx", "memory");
	expect_one(SIGSEGV, SEGV_MAPERR, p, TRAP_PF, 4, 1);
	EXPECT((char *)got.gregs[REG_CR2] == p, "cr2 %#llx",
	       (unsigned long long)got.gregs[REG_CR2]);
}

/* A kernel address reads as a protection fault, whatever its mapping. */
static void sigsegv_pf_on_kernel_address_has_prot_bit(void)
{
	char *p = (char *)0xffffffff81000000UL;

	handle_all();
	__asm__ volatile(FAULT_ASM("movb (%[p]), %%al") : FAULT_OUT : [p] "r"(p)
			 : "rax", "rcx", "memory");
	expect_one(SIGSEGV, SEGV_MAPERR, p, TRAP_PF, 5, 1);
	EXPECT((char *)got.gregs[REG_CR2] == p, "cr2 %#llx",
	       (unsigned long long)got.gregs[REG_CR2]);
}

/* A stack-segment access (base %rsp) to a non-canonical address: #SS, SIGBUS. */
static void sigbus_on_noncanonical_stack_access(void)
{
	handle_all();
	__asm__ volatile("movabs $0x8000000000000000, %%rax\n\t"
			 FAULT_ASM("mov (%%rsp,%%rax), %%rax") : FAULT_OUT : : "rax", "rcx", "memory");
	if (under_tcg() && got.signo == SIGSEGV) {
		ktap_skip("QEMU's TCG raises #GP, not #SS, for a non-canonical stack access");
		return;
	}
	expect_one(SIGBUS, SI_KERNEL, NULL, TRAP_SS, 0, 1);
}

static long write_ldt_entry(int present)
{
	struct user_desc d = {
		.entry_number = 0, .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1,
		.seg_not_present = !present, .useable = 1,
	};

	return sys3(SYS_modify_ldt, 1, &d, sizeof(d));
}

/* A not-present LDT data segment loaded into %es: #NP(selector), SIGBUS. */
static void sigbus_on_not_present_segment(void)
{
	unsigned short sel = 0 << 3 | 4 | 3, old;
	long ret = write_ldt_entry(1);

	if (ret == -ENOSYS) {
		ktap_skip("modify_ldt is not built");
		return;
	}
	EXPECT(ret == 0, "modify_ldt: %ld", ret);
	/* First the present segment: the LDT works. */
	handle_all();
	__asm__ volatile("mov %%es, %[old]\n\t"
			 FAULT_ASM("mov %[sel], %%es")
			 "mov %[old], %%es"
			 : FAULT_OUT, [old] "=&r"(old) : [sel] "r"(sel) : "rcx", "memory");
	if (got.count) {
		ktap_skip("a present LDT segment does not load either: no usable LDT here");
		return;
	}
	EXPECT(write_ldt_entry(0) == 0, "modify_ldt");
	__asm__ volatile(FAULT_ASM("mov %[sel], %%es")
			 : FAULT_OUT : [sel] "r"(sel) : "rcx", "memory");
	expect_one(SIGBUS, SI_KERNEL, NULL, TRAP_NP, sel & ~3, 1);
}

/* An unmasked x87 divide by zero: #MF at the next waiting instruction. */
static void sigfpe_fltdiv_on_x87_divide_by_zero(void)
{
	unsigned short cw = 0x37f & ~0x4;	/* ZM clear */

	handle_all();
	expect.fix_fpu = 1;
	__asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldz\n\tfdivrp\n\t"
			 FAULT_ASM("fwait")
			 "fninit"
			 : FAULT_OUT : [cw] "m"(cw) : "rcx", "memory");
	expect_one(SIGFPE, FPE_FLTDIV, FAULT_ADDR, TRAP_MF, 0, 1);
}

/* An unmasked SSE divide by zero: #XM at the divss. */
static void sigfpe_fltdiv_on_sse_divide_by_zero(void)
{
	unsigned int mxcsr = 0x1f80 & ~0x200, dflt = 0x1f80;	/* ZM clear */
	float one = 1.0f, zero = 0.0f;

	handle_all();
	expect.fix_fpu = 1;
	__asm__ volatile("movss %[one], %%xmm0\n\tmovss %[zero], %%xmm1\n\tldmxcsr %[m]\n\t"
			 FAULT_ASM("divss %%xmm1, %%xmm0")
			 "ldmxcsr %[d]"
			 : FAULT_OUT : [one] "m"(one), [zero] "m"(zero), [m] "m"(mxcsr),
			   [d] "m"(dflt) : "rcx", "xmm0", "xmm1", "memory");
	if (under_tcg() && !got.count) {
		ktap_skip("QEMU's TCG does not raise SIMD floating-point exceptions (#XM)");
		return;
	}
	expect_one(SIGFPE, FPE_FLTDIV, FAULT_ADDR, TRAP_XF, 0, 1);
}

/* --- single-stepping ------------------------------------------------------- */

#define SET_TF		"pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n"
#define CLEAR_TF	"pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq\n"

/*
 * TF set by popf: a TRAP_TRACE stop after each instruction, the first
 * after the one following popf; si_addr and rip are the next ip. Clearing
 * TF with popf still stops once after that popf.
 */
static void single_step_traps_after_each_instruction(void)
{
	uintptr_t at[5];

	handle(SIGTRAP, on_step, 0);
	reset();
	__asm__ volatile(SET_TF
			 "0: nop\n1: nop\n2: nop\n3:"
			 CLEAR_TF
			 "4:\n\t"
			 "lea 1b(%%rip), %%rax\n\tmov %%rax, %[a0]\n\t"
			 "lea 2b(%%rip), %%rax\n\tmov %%rax, %[a1]\n\t"
			 "lea 3b(%%rip), %%rax\n\tmov %%rax, %[a2]\n\t"
			 "lea 4b(%%rip), %%rax\n\tmov %%rax, %[a4]"
			 : [a0] "=m"(at[0]), [a1] "=m"(at[1]), [a2] "=m"(at[2]), [a4] "=m"(at[4])
			 : : "rax", "memory", "cc");
	EXPECT(got.nr_steps == 6, "%d stops", got.nr_steps);
	EXPECT(got.steps[0] == at[0] && got.steps[1] == at[1] && got.steps[2] == at[2],
	       "stops at %#lx %#lx %#lx", got.steps[0], got.steps[1], got.steps[2]);
	EXPECT(got.nr_steps < 6 || got.steps[5] == at[4], "last stop at %#lx, not %#lx",
	       got.steps[5], at[4]);
	EXPECT(got.signo == SIGTRAP && got.code == TRAP_TRACE, "signal %d code %d",
	       got.signo, got.code);
	EXPECT(got.addr == (void *)got.steps[got.nr_steps - 1], "si_addr %p", got.addr);
	EXPECT(got.gregs[REG_TRAPNO] == TRAP_DB && got.gregs[REG_ERR] == 0,
	       "trapno %lld err %lld", (long long)got.gregs[REG_TRAPNO],
	       (long long)got.gregs[REG_ERR]);
	EXPECT(got.gregs[REG_EFL] & EFL_TF, "TF clear in the first stop's context");
	handle(SIGTRAP, on_step, 0);
}

/*
 * SYSCALL clears TF through MSR_SYSCALL_MASK; the kernel returns with the
 * user's flags (TF set) through IRET, which like popf lets one more
 * instruction run before the next stop: none comes right after the
 * SYSCALL, the next one after the instruction following it.
 */
static void single_step_over_syscall(void)
{
	uintptr_t at[4];
	unsigned long flags;
	long pid;

	handle(SIGTRAP, on_step, 0);
	reset();
	__asm__ volatile(SET_TF
			 "mov %[nr], %%eax\n"
			 "0: syscall\n"
			 "1: mov %%rax, %%rdi\n"
			 "2: pushfq\n"
			 "3: pop %[flags]\n\t"
			 CLEAR_TF
			 "lea 0b(%%rip), %%rax\n\tmov %%rax, %[a0]\n\t"
			 "lea 1b(%%rip), %%rax\n\tmov %%rax, %[a1]\n\t"
			 "lea 2b(%%rip), %%rax\n\tmov %%rax, %[a2]\n\t"
			 "lea 3b(%%rip), %%rax\n\tmov %%rax, %[a3]\n\t"
			 "mov %%rdi, %[pid]"
			 : [a0] "=m"(at[0]), [a1] "=m"(at[1]), [a2] "=m"(at[2]),
			   [a3] "=m"(at[3]), [flags] "=r"(flags), [pid] "=m"(pid)
			 : [nr] "i"(SYS_getpid) : "rax", "rcx", "rdi", "r11", "memory", "cc");
	EXPECT(pid == getpid(), "getpid gave %ld", pid);
	EXPECT(flags & EFL_TF, "TF did not survive the SYSCALL: flags %#lx", flags);
	EXPECT(got.nr_steps == 7 && got.steps[0] == at[0] && got.steps[1] == at[2] &&
	       got.steps[2] == at[3], "%d stops", got.nr_steps);
	for (int i = 0; i < got.nr_steps && i < MAX_STEPS; i++)
		EXPECT(got.steps[i] != at[1], "a stop right after the SYSCALL");
	EXPECT(got.code == TRAP_TRACE, "si_code %d", got.code);
}

/* --- the frame ------------------------------------------------------------- */

static void frame_has_linux_flags_segments_and_alignment(void)
{
	uint64_t blocked = 1ULL << (SIGUSR2 - 1), old;
	stack_t none = { .ss_flags = SS_DISABLE };

	sys2(SYS_sigaltstack, &none, NULL);
	handle_all();
	sys4(SYS_rt_sigprocmask, SIG_SETMASK, &blocked, &old, 8);
	__asm__ volatile("std\n\t" FAULT_ASM("ud2") "cld" : FAULT_OUT : : "rcx", "memory");
	sys4(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);

	EXPECT(got.count == 1, "%d signals", got.count);
	EXPECT((got.uc_flags & ~UC_FP_XSTATE) == (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS),
	       "uc_flags %#lx", got.uc_flags);
	EXPECT((got.gregs[REG_CSGSFS] & 0xffff) == USER_CS, "cs %#llx",
	       (unsigned long long)got.gregs[REG_CSGSFS] & 0xffff);
	EXPECT(((uint64_t)got.gregs[REG_CSGSFS] >> 16) == ((uint64_t)USER_DS << 32),
	       "gs, fs, ss %#llx", (unsigned long long)got.gregs[REG_CSGSFS] >> 16);
	EXPECT((uint64_t)got.gregs[REG_OLDMASK] == blocked, "oldmask %#llx",
	       (unsigned long long)got.gregs[REG_OLDMASK]);
	EXPECT(got.uc_sigmask == blocked, "uc_sigmask %#llx", (unsigned long long)got.uc_sigmask);
	EXPECT(got.gregs[REG_EFL] & EFL_DF, "DF of the interrupted code not in the frame");
	EXPECT(!(got.handler_flags & (EFL_DF | EFL_TF)), "handler runs with flags %#lx",
	       got.handler_flags);
	EXPECT((got.entry_rsp + 8) % 16 == 0, "handler entered with rsp %#lx", got.entry_rsp);
	EXPECT(got.uc_stack.ss_sp == NULL && got.uc_stack.ss_size == 0 &&
	       got.uc_stack.ss_flags == SS_DISABLE, "uc_stack %p %#x %zu", got.uc_stack.ss_sp,
	       got.uc_stack.ss_flags, got.uc_stack.ss_size);
}

/* --- rt_sigreturn ---------------------------------------------------------- */

static volatile int restored_ok;
static volatile unsigned long restored_flags, restored_ss;

/* Where an edited context resumes: record the flags and SS, then exit. */
__attribute__((used)) static void landed(void)
{
	unsigned long f, ss;

	__asm__ volatile("pushfq\n\tpop %0\n\tmov %%ss, %1" : "=r"(f), "=r"(ss));
	restored_flags = f;
	restored_ss = ss;
	_exit(restored_ss == USER_DS ? 0 : 40);
}

__asm__(".text\n"
	"landing:\n\t"
	"and $-16, %rsp\n\t"
	"call landed\n");
void landing(void);

static void (*edit_context)(ucontext_t *uc);

static void on_usr1_edit(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)landing;
	edit_context(uc);
}

/* What killed a child whose SIGUSR1 handler edits its context with @edit. */
static int sigreturn_outcome(void (*edit)(ucontext_t *uc), int segv_handler)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		edit_context = edit;
		handle(SIGUSR1, on_usr1_edit, 0);
		if (segv_handler)
			handle(SIGSEGV, on_sig_entry, 0);
		else
			signal(SIGSEGV, SIG_DFL);
		reset();
		expect.resume_rip = (uintptr_t)-1;
		kill(getpid(), SIGUSR1);
		_exit(41);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void set_cs(ucontext_t *uc, unsigned int cs)
{
	uc->uc_mcontext.gregs[REG_CSGSFS] = (uc->uc_mcontext.gregs[REG_CSGSFS] & ~0xffffLL) | cs;
}

static void set_ss(ucontext_t *uc, unsigned long ss)
{
	uc->uc_mcontext.gregs[REG_CSGSFS] = (uc->uc_mcontext.gregs[REG_CSGSFS] & 0xffffffffffffLL) |
					    (ss << 48);
}

static void cs_data_segment(ucontext_t *uc) { set_cs(uc, USER_DS); }
static void cs_kernel(ucontext_t *uc) { set_cs(uc, 0x10); }
static void cs_beyond_gdt(ucontext_t *uc) { set_cs(uc, 0xfff8); }
static void ss_code_strict(ucontext_t *uc) { set_ss(uc, USER_CS); }
static void ss_null_strict(ucontext_t *uc) { set_ss(uc, 0); }

static void ss_code_not_strict(ucontext_t *uc)
{
	set_ss(uc, USER_CS);
	uc->uc_flags &= ~UC_STRICT_RESTORE_SS;
}

static void ss_null_not_strict(ucontext_t *uc)
{
	set_ss(uc, 0);
	uc->uc_flags &= ~UC_STRICT_RESTORE_SS;
}

static void noncanonical_rip(ucontext_t *uc)
{
	uc->uc_mcontext.gregs[REG_RIP] = 0x0000800000000000LL;
}

static void expect_sigsegv(const char *what, int status)
{
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "%s: status %#x", what, status);
}

static void rt_sigreturn_to_bad_cs_is_sigsegv(void)
{
	expect_sigsegv("data segment", sigreturn_outcome(cs_data_segment, 0));
	expect_sigsegv("kernel code segment", sigreturn_outcome(cs_kernel, 0));
	expect_sigsegv("beyond the GDT", sigreturn_outcome(cs_beyond_gdt, 0));
	expect_sigsegv("non-canonical rip", sigreturn_outcome(noncanonical_rip, 0));
}

/*
 * The SIGSEGV of a refused IRET is the IRET target's #GP: its handler
 * sees the target ip in its context, trapno 13 and the selector as the
 * error code. The child's exit status says which check
 * failed.
 */
static struct { int code; greg_t gregs[NGREG]; } *shared;

static void on_bad_iret(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;

	shared->code = si->si_code;
	memcpy(shared->gregs, g, sizeof(shared->gregs));
	_exit(0);
}

static void rt_sigreturn_bad_cs_fault_is_seen_in_the_target_context(void)
{
	int status = -1;
	pid_t pid;

	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = fork();
	if (pid == 0) {
		edit_context = cs_data_segment;
		handle(SIGUSR1, on_usr1_edit, 0);
		handle(SIGSEGV, on_bad_iret, 0);
		kill(getpid(), SIGUSR1);
		_exit(41);
	}
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	EXPECT(shared->code == SI_KERNEL, "si_code %d", shared->code);
	EXPECT(shared->gregs[REG_RIP] == (greg_t)landing, "rip %#llx",
	       (unsigned long long)shared->gregs[REG_RIP]);
	EXPECT(shared->gregs[REG_TRAPNO] == TRAP_GP, "trapno %lld",
	       (long long)shared->gregs[REG_TRAPNO]);
	EXPECT(shared->gregs[REG_ERR] == (USER_DS & ~3), "err %#llx",
	       (unsigned long long)shared->gregs[REG_ERR]);
	munmap(shared, PAGE);
}

static void rt_sigreturn_bad_ss_with_strict_restore_is_sigsegv(void)
{
	expect_sigsegv("code segment as ss", sigreturn_outcome(ss_code_strict, 0));
	expect_sigsegv("null ss", sigreturn_outcome(ss_null_strict, 0));
}

static void rt_sigreturn_bad_ss_without_strict_restore_is_user_ds(void)
{
	int status = sigreturn_outcome(ss_code_not_strict, 0);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "code segment: status %#x", status);
	status = sigreturn_outcome(ss_null_not_strict, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "null ss: status %#x", status);
}

static void landed_flags(void)
{
	unsigned long f;

	__asm__ volatile("pushfq\n\tpop %0\n\tcld" : "=r"(f));
	_exit((f & (EFL_IOPL | EFL_NT | 0x20000 | 0x80000 | 0x100000)) ? 50 :
	      !(f & EFL_IF) ? 51 : !(f & EFL_DF) ? 52 : 0);
}

/* IOPL 3, NT, VM, VIF, VIP, ID set and IF clear: only DF comes back. */
static void reserved_flags(ucontext_t *uc)
{
	uc->uc_mcontext.gregs[REG_EFL] = (0x3fffffUL & ~(EFL_IF | EFL_TF | EFL_RF | 0x40000UL)) |
					 EFL_DF;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)landed_flags;
	uc->uc_mcontext.gregs[REG_RSP] = (uc->uc_mcontext.gregs[REG_RSP] & ~15L) - 8;
}

static void rt_sigreturn_restores_only_user_flags(void)
{
	int status = sigreturn_outcome(reserved_flags, 0);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

/*
 * rt_sigreturn to random contexts: CS and SS from every kind of selector,
 * ip at a ud2 (also 4 GiB above it, which compat mode may truncate), 0, a
 * kernel or a non-canonical address, random flags and uc_flags. Each
 * child must die of a signal (the ud2 or the refused IRET); the kernel
 * must see them all through.
 */
static const unsigned short any_selector[] = {
	USER_CS, USER32_CS, USER_DS, 0x10, 0x18, 0x08, 0x40, 0x4b, 0x7b, 0xfff8, 0, 0x04,
};

extern char ud2_stub[];
__asm__(".text\nud2_stub:\n\tud2\n");

static uint64_t rnd_state = 0x5eed2026;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void sigreturn_random(void)
{
	static char frame[2 * PAGE] __attribute__((aligned(16)));
	static char stack[PAGE] __attribute__((aligned(16)));
	const uint64_t ips[] = {
		(uint64_t)ud2_stub, (uint64_t)ud2_stub + (1ULL << 32), 0,
		0xffffffff81000000ULL, 0x8000000000000000ULL, 0x0000800000000000ULL,
	};
	const uint64_t sps[] = { (uint64_t)stack + PAGE - 64, 0, 0x8000000000000000ULL };
	ucontext_t *uc = (ucontext_t *)(frame + 8);
	unsigned int n = sizeof(any_selector) / sizeof(any_selector[0]);

	memset(frame, 0, sizeof(frame));
	uc->uc_flags = rnd() & 7;
	uc->uc_mcontext.gregs[REG_CSGSFS] = any_selector[rnd() % n] |
					    (uint64_t)any_selector[rnd() % n] << 48;
	uc->uc_mcontext.gregs[REG_RIP] = ips[rnd() % (sizeof(ips) / sizeof(ips[0]))];
	uc->uc_mcontext.gregs[REG_RSP] = sps[rnd() % (sizeof(sps) / sizeof(sps[0]))];
	uc->uc_mcontext.gregs[REG_EFL] = rnd() & ~0x40000ULL;	/* AC would only add SIGBUS */
	__asm__ volatile("mov %0, %%rsp\n\tmov %1, %%eax\n\tsyscall"
			 :: "r"(frame + 8), "i"(SYS_rt_sigreturn) : "memory");
}

static void rt_sigreturn_random_contexts_end_in_a_signal(void)
{
	int bad = 0;

	for (int i = 0; i < 300; i++) {
		int status = -1;
		pid_t pid;

		rnd();
		pid = fork();
		if (pid == 0) {
			for (int sig = 1; sig < 32; sig++)
				signal(sig, SIG_DFL);
			sigreturn_random();
			_exit(3);
		}
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status) && bad++ < 5)
			ktap_diag("round %d: status %#x", i, status);
	}
	EXPECT(!bad, "%d children did not die of a signal", bad);
}

/* --- sigaltstack ----------------------------------------------------------- */

static char *alt_mem;
#define ALT_SIZE	(16 * PAGE)

static void on_usr1_uc_stack(int sig, siginfo_t *si, void *ucp)
{
	got.uc_stack = ((ucontext_t *)ucp)->uc_stack;
	got.count++;
}

/* execve leaves no alternate stack, and the frame's uc_stack all zero. */
static void uc_stack_is_zero_after_exec(void)
{
	stack_t now;

	reset();
	handle(SIGUSR1, on_usr1_uc_stack, 0);
	kill(getpid(), SIGUSR1);
	EXPECT(got.count == 1, "handler ran %d times", got.count);
	EXPECT(!got.uc_stack.ss_sp && !got.uc_stack.ss_size && !got.uc_stack.ss_flags,
	       "uc_stack %p %#x %zu", got.uc_stack.ss_sp, got.uc_stack.ss_flags,
	       got.uc_stack.ss_size);
	EXPECT(sys2(SYS_sigaltstack, NULL, &now) == 0 && now.ss_flags == SS_DISABLE,
	       "sigaltstack reports %#x", now.ss_flags);
}

static void sigaltstack_rejects_bad_arguments(void)
{
	stack_t ss = { .ss_sp = alt_mem, .ss_size = MINSIGSTKSZ - 1 }, old;

	EXPECT(sys2(SYS_sigaltstack, &ss, NULL) == -ENOMEM, "size below MINSIGSTKSZ");
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 4;
	EXPECT(sys2(SYS_sigaltstack, &ss, NULL) == -EINVAL, "unknown flag");
	ss.ss_flags = 0;
	EXPECT(sys2(SYS_sigaltstack, (void *)8, NULL) == -EFAULT, "unreadable stack_t");
	EXPECT(sys2(SYS_sigaltstack, NULL, (void *)8) == -EFAULT, "unwritable old stack_t");
	ss.ss_flags = SS_DISABLE;
	ss.ss_size = 0;
	EXPECT(sys2(SYS_sigaltstack, &ss, NULL) == 0, "disabling");
	EXPECT(sys2(SYS_sigaltstack, NULL, &old) == 0 && old.ss_flags == SS_DISABLE &&
	       !old.ss_sp && !old.ss_size, "old %p %#x %zu", old.ss_sp, old.ss_flags,
	       old.ss_size);
}

static void on_alt(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	stack_t other = { .ss_sp = alt_mem, .ss_size = MINSIGSTKSZ };
	char here;

	got.count++;
	got.uc_stack = uc->uc_stack;
	got.addr = &here;
	sys2(SYS_sigaltstack, NULL, &got.altstack_in_handler);
	got.code = sys2(SYS_sigaltstack, &other, NULL);
}

/* On the alternate stack: it reads SS_ONSTACK and cannot be changed. */
static void sigaltstack_on_it_is_onstack_and_eperm(void)
{
	stack_t ss = { .ss_sp = alt_mem + ALT_SIZE / 2, .ss_size = ALT_SIZE / 4 }, now;

	reset();
	EXPECT(sys2(SYS_sigaltstack, &ss, NULL) == 0, "sigaltstack");
	handle(SIGUSR1, on_alt, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	EXPECT(got.count == 1, "handler ran %d times", got.count);
	EXPECT((char *)got.addr >= (char *)ss.ss_sp && (char *)got.addr < (char *)ss.ss_sp + ss.ss_size,
	       "handler not on the alternate stack (%p)", got.addr);
	EXPECT(got.altstack_in_handler.ss_flags == SS_ONSTACK, "flags %#x in the handler",
	       got.altstack_in_handler.ss_flags);
	EXPECT(got.code == -EPERM, "changing it in the handler: %d", got.code);
	EXPECT(got.uc_stack.ss_sp == ss.ss_sp && got.uc_stack.ss_size == ss.ss_size &&
	       got.uc_stack.ss_flags == 0, "uc_stack %p %#x %zu", got.uc_stack.ss_sp,
	       got.uc_stack.ss_flags, got.uc_stack.ss_size);
	EXPECT(sys2(SYS_sigaltstack, NULL, &now) == 0 && now.ss_flags == 0 &&
	       now.ss_sp == ss.ss_sp, "after: %p %#x", now.ss_sp, now.ss_flags);
	ss.ss_flags = SS_DISABLE;
	sys2(SYS_sigaltstack, &ss, NULL);
}

/*
 * SS_AUTODISARM: the handler runs on the stack with it disarmed (so it
 * may set another), uc_stack holds the armed one, and rt_sigreturn arms
 * it again.
 */
static void sigaltstack_autodisarm_rearms_on_sigreturn(void)
{
	stack_t ss = { .ss_sp = alt_mem + ALT_SIZE / 2, .ss_size = ALT_SIZE / 4,
		       .ss_flags = SS_AUTODISARM }, now;

	reset();
	EXPECT(sys2(SYS_sigaltstack, &ss, NULL) == 0, "sigaltstack");
	handle(SIGUSR1, on_alt, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	EXPECT(got.count == 1, "handler ran %d times", got.count);
	EXPECT((char *)got.addr >= (char *)ss.ss_sp && (char *)got.addr < (char *)ss.ss_sp + ss.ss_size,
	       "handler not on the alternate stack (%p)", got.addr);
	EXPECT(got.altstack_in_handler.ss_flags == SS_DISABLE, "flags %#x in the handler",
	       got.altstack_in_handler.ss_flags);
	EXPECT(got.code == 0, "setting another in the handler: %d", got.code);
	EXPECT(got.uc_stack.ss_sp == ss.ss_sp && got.uc_stack.ss_size == ss.ss_size &&
	       got.uc_stack.ss_flags == (int)SS_AUTODISARM, "uc_stack %p %#x %zu",
	       got.uc_stack.ss_sp, got.uc_stack.ss_flags, got.uc_stack.ss_size);
	EXPECT(sys2(SYS_sigaltstack, NULL, &now) == 0 && now.ss_flags == (int)SS_AUTODISARM &&
	       now.ss_sp == ss.ss_sp && now.ss_size == ss.ss_size, "after: %p %#x %zu",
	       now.ss_sp, now.ss_flags, now.ss_size);
	ss.ss_flags = SS_DISABLE;
	sys2(SYS_sigaltstack, &ss, NULL);
}

static void usr2_never(int sig, siginfo_t *si, void *uc)
{
	_exit(7);
}

/*
 * kill(self, SIGUSR2) with %rsp 256 bytes above the alternate stack's
 * bottom: below the red zone it is still on it, so the frame goes
 * there, and does not fit.
 */
static void usr1_kill_near_bottom(int sig, siginfo_t *si, void *uc)
{
	stack_t ss;

	sys2(SYS_sigaltstack, NULL, &ss);
	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "mov %[sp], %%rsp\n\t"
			 "syscall\n\t"
			 "mov %%r12, %%rsp"
			 : : [sp] "r"((char *)ss.ss_sp + 256), "a"(SYS_kill), "D"(getpid()),
			   "S"(SIGUSR2) : "rcx", "r11", "r12", "memory");
	_exit(8);
}

static void altstack_overflow_child(void)
{
	stack_t ss = { .ss_sp = alt_mem + ALT_SIZE / 2, .ss_size = ALT_SIZE / 4 };

	sys2(SYS_sigaltstack, &ss, NULL);
	handle(SIGUSR1, usr1_kill_near_bottom, SA_ONSTACK | SA_NODEFER);
	handle(SIGUSR2, usr2_never, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	_exit(9);
}

/* A nested frame that would run below the alternate stack: SIGSEGV. */
static void frame_overflowing_the_altstack_is_sigsegv(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		altstack_overflow_child();
	waitpid(pid, &status, 0);
	expect_sigsegv("overflow", status);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(uc_stack_is_zero_after_exec),	/* first: before any sigaltstack() */
	KTAP_CASE(sigfpe_intdiv_on_divide_error_trapno_0),
	KTAP_CASE(sigill_illopn_on_ud2_trapno_6),
	KTAP_CASE(sigill_on_into_in_64bit_mode),
	KTAP_CASE(sigtrap_si_kernel_on_int3_after_it),
	KTAP_CASE(sigtrap_si_kernel_on_int_3_after_it),
	KTAP_CASE(sigtrap_brkpt_on_icebp_after_it),
	KTAP_CASE(sigsegv_si_kernel_on_int_4_trapno_4),
	KTAP_CASE(sigsegv_gp_on_int_1_with_idt_error_code),
	KTAP_CASE(sigsegv_gp_on_int_0x20_with_idt_error_code),
	KTAP_CASE(sigsegv_gp_on_noncanonical_read_error_0),
	KTAP_CASE(sigsegv_pf_has_error_code_and_cr2),
	KTAP_CASE(sigsegv_pf_on_kernel_address_has_prot_bit),
	KTAP_CASE(sigbus_on_noncanonical_stack_access),
	KTAP_CASE(sigbus_on_not_present_segment),
	KTAP_CASE(sigfpe_fltdiv_on_x87_divide_by_zero),
	KTAP_CASE(sigfpe_fltdiv_on_sse_divide_by_zero),
	KTAP_CASE(single_step_traps_after_each_instruction),
	KTAP_CASE(single_step_over_syscall),
	KTAP_CASE(frame_has_linux_flags_segments_and_alignment),
	KTAP_CASE(rt_sigreturn_to_bad_cs_is_sigsegv),
	KTAP_CASE(rt_sigreturn_bad_cs_fault_is_seen_in_the_target_context),
	KTAP_CASE(rt_sigreturn_bad_ss_with_strict_restore_is_sigsegv),
	KTAP_CASE(rt_sigreturn_bad_ss_without_strict_restore_is_user_ds),
	KTAP_CASE(rt_sigreturn_restores_only_user_flags),
	KTAP_CASE(rt_sigreturn_random_contexts_end_in_a_signal),
	KTAP_CASE(sigaltstack_rejects_bad_arguments),
	KTAP_CASE(sigaltstack_on_it_is_onstack_and_eperm),
	KTAP_CASE(sigaltstack_autodisarm_rearms_on_sigreturn),
	KTAP_CASE(frame_overflowing_the_altstack_is_sigsegv),
};

int main(int argc, char **argv)
{
	alt_mem = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
