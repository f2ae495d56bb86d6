// SPDX-License-Identifier: MIT
/*
 * User exceptions as signals, as Linux delivers them: #PF → SIGSEGV
 * (SEGV_MAPERR, SEGV_ACCERR, si_addr), an instruction fetch from a data page
 * → SIGSEGV, #GP (privileged instructions, int $0x20, a non-canonical
 * address) → SIGSEGV (SI_KERNEL), #UD → SIGILL (ILL_ILLOPN), #DE → SIGFPE
 * (FPE_INTDIV), int3 → SIGTRAP (SI_KERNEL), #AC → SIGBUS (BUS_ADRALN).
 * One SA_SIGINFO handler checks where the fault happened, may change
 * registers, and resumes after the faulting instruction by editing RIP in
 * the ucontext. Without a handler the default action kills, and wait4
 * reports the signal. The last case does everything 10,000 times.
 *
 * QEMU's TCG does not implement alignment checking (EFLAGS.AC with CR0.AM
 * loads unaligned data without #AC), so under TCG, recognised by its CPUID
 * hypervisor signature, the #AC checks are skipped, on reflex and on Linux
 * alike; KVM and real hardware run them.
 *
 * Each trigger is one asm block that records the address of its faulting
 * instruction and of the next one (labels 1 and 2) before executing it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"

#define PAGE		4096
#define EFLAGS_AC	0x40000

enum resume_mode { RESUME_NEXT, RESUME_EMULATE_RET };

/* What the next fault should look like and how to resume from it. */
static struct {
	uintptr_t fault_rip, resume_rip;
	int mode;
	int clobber_fpu;
	int set_rbx;
	uint64_t new_rbx;
	char *alt_lo, *alt_hi;
} expect;

/* What the handler saw. */
static volatile struct {
	int count, signo, code;
	void *addr;
	uintptr_t rip;
	uint64_t rbx;
	int on_altstack;
	unsigned int mxcsr;
} got;

static void on_fault(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;
	char here;

	/* #AC arrives with AC still set: clear it before anything unaligned. */
	__asm__ volatile("pushfq\n\tandq $~0x40000, (%%rsp)\n\tpopfq" ::: "memory", "cc");
	got.count++;
	got.signo = sig;
	got.code = si->si_code;
	got.addr = si->si_addr;
	got.rip = g[REG_RIP];
	got.rbx = g[REG_RBX];
	got.on_altstack = &here >= expect.alt_lo && &here < expect.alt_hi;
	__asm__ volatile("stmxcsr %0" : "=m"(got.mxcsr));
	if (expect.clobber_fpu)
		__asm__ volatile("pcmpeqd %%xmm7, %%xmm7\n\tpcmpeqd %%xmm0, %%xmm0" ::: "xmm0", "xmm7");
	if (expect.set_rbx)
		g[REG_RBX] = expect.new_rbx;

	if (expect.mode == RESUME_EMULATE_RET && (uintptr_t)g[REG_RIP] == expect.fault_rip) {
		g[REG_RIP] = *(greg_t *)g[REG_RSP];
		g[REG_RSP] += 8;
	} else if ((uintptr_t)g[REG_RIP] == expect.fault_rip) {
		g[REG_RIP] += expect.resume_rip - expect.fault_rip;
	} else if ((uintptr_t)g[REG_RIP] != expect.resume_rip) {
		/* A trap (int3) already points after itself; anything else is lost. */
		ktap_diag("signal %d at unexpected rip %#llx (expected %#lx)", sig,
			  (unsigned long long)g[REG_RIP], (unsigned long)expect.fault_rip);
		_exit(98);
	}
}

static void install(int sig, int flags)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void install_all(void)
{
	static const int sigs[] = { SIGSEGV, SIGILL, SIGFPE, SIGTRAP, SIGBUS };

	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		install(sigs[i], 0);
}

/* --- triggers ----------------------------------------------------------- */

static __attribute__((noinline)) void do_read(const void *p)
{
	__asm__ volatile(FAULT_ASM("movb (%[p]), %%al") : FAULT_OUT : [p] "r"(p)
			 : "rax", "rcx", "memory");
}

static __attribute__((noinline)) void do_write(void *p)
{
	__asm__ volatile(FAULT_ASM("movb $1, (%[p])") : FAULT_OUT : [p] "r"(p)
			 : "rcx", "memory");
}

static __attribute__((noinline)) void do_ud2(void)
{
	__asm__ volatile(FAULT_ASM("ud2") : FAULT_OUT : : "rcx", "memory");
}

static __attribute__((noinline)) void do_int3(void)
{
	__asm__ volatile(FAULT_ASM("int3") : FAULT_OUT : : "rcx", "memory");
}

static __attribute__((noinline)) void do_div0(void)
{
	__asm__ volatile("xor %%edx, %%edx\n\tmov $1, %%eax\n\txor %%esi, %%esi\n\t"
			 FAULT_ASM("divl %%esi") : FAULT_OUT : : "rax", "rcx", "rdx", "rsi",
			 "memory", "cc");
}

static __attribute__((noinline)) void do_idiv_overflow(void)
{
	__asm__ volatile("mov $0x80000000, %%eax\n\tcltd\n\tmov $-1, %%esi\n\t"
			 FAULT_ASM("idivl %%esi") : FAULT_OUT : : "rax", "rcx", "rdx", "rsi",
			 "memory", "cc");
}

static __attribute__((noinline)) void do_cli(void)
{
	__asm__ volatile(FAULT_ASM("cli") : FAULT_OUT : : "rcx", "memory");
}

static __attribute__((noinline)) void do_hlt(void)
{
	__asm__ volatile(FAULT_ASM("hlt") : FAULT_OUT : : "rcx", "memory");
}

static __attribute__((noinline)) void do_mov_cr0(void)
{
	__asm__ volatile(FAULT_ASM("mov %%cr0, %%rax") : FAULT_OUT : : "rax", "rcx", "memory");
}

static __attribute__((noinline)) void do_inb(void)
{
	__asm__ volatile(FAULT_ASM("inb $0x80, %%al") : FAULT_OUT : : "rax", "rcx", "memory");
}

static __attribute__((noinline)) void do_int_0x20(void)
{
	__asm__ volatile(FAULT_ASM("int $0x20") : FAULT_OUT : : "rcx", "memory");
}

/* An unaligned load with EFLAGS.AC set (the kernel sets CR0.AM). */
static __attribute__((noinline)) void do_unaligned_ac(const void *p)
{
	__asm__ volatile("pushfq\n\torq $0x40000, (%%rsp)\n\tpopfq\n\t"
			 FAULT_ASM("movl (%[p]), %%eax")
			 "pushfq\n\tandq $~0x40000, (%%rsp)\n\tpopfq"
			 : FAULT_OUT : [p] "r"(p) : "rax", "rcx", "memory", "cc");
}

/* Call into @code (a "ret"); the handler returns for it if it faults. */
static __attribute__((noinline)) void do_exec(void *code)
{
	expect.mode = RESUME_EMULATE_RET;
	expect.fault_rip = (uintptr_t)code;
	((void (*)(void))code)();
	expect.mode = RESUME_NEXT;
}

static __attribute__((noinline)) void do_exec_stack(void)
{
	volatile unsigned char code[64];

	code[0] = 0xc3;		/* ret */
	do_exec((void *)code);
}

/* --- fixtures ----------------------------------------------------------- */

static char *unmapped_page, *readonly_page, *data_page;
static char aligned_buf[64] __attribute__((aligned(64)));
#define NONCANONICAL	((void *)0x8000000000000000ul)

static int fixtures_init(void)
{
	char *p;

	if (unmapped_page)
		return 0;
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	data_page = p;
	data_page[0] = (char)0xc3;	/* a ret, in a page that is not executable */
	readonly_page = p + PAGE;
	readonly_page[0] = 1;
	mprotect(readonly_page, PAGE, PROT_READ);
	unmapped_page = p + 2 * PAGE;
	munmap(unmapped_page, PAGE);
	return 0;
}

static int fixtures_ready(void)
{
	return EXPECT(fixtures_init() == 0, "mmap: %s", strerror(errno));
}

/* Run @fn, expect exactly one signal @sig with @code (and @addr unless ANY). */
#define ANY_ADDR ((void *)-1)
static int expect_signal(const char *what, void (*fn)(void), int sig, int code, void *addr)
{
	int before = got.count, ok;

	got.signo = got.code = 0;
	fn();
	ok = EXPECT(got.count == before + 1, "%s: %d signals", what, got.count - before);
	ok &= EXPECT(got.signo == sig, "%s: signal %d, expected %d", what, got.signo, sig);
	ok &= EXPECT(got.code == code, "%s: si_code %d, expected %d", what, got.code, code);
	if (addr != ANY_ADDR)
		ok &= EXPECT(got.addr == addr, "%s: si_addr %p, expected %p", what, got.addr, addr);
	return ok;
}

static void *fault_arg;
static void read_arg(void) { do_read(fault_arg); }
static void write_arg(void) { do_write(fault_arg); }
static void exec_arg(void) { do_exec(fault_arg); }
static void unaligned_arg(void) { do_unaligned_ac(fault_arg); }

/* --- cases -------------------------------------------------------------- */

static void sigsegv_maperr_on_unmapped_read(void)
{
	if (!fixtures_ready())
		return;
	install_all();
	fault_arg = unmapped_page + 12;
	expect_signal("read of an unmapped page", read_arg, SIGSEGV, SEGV_MAPERR, fault_arg);
	fault_arg = (void *)16;
	expect_signal("read near NULL", read_arg, SIGSEGV, SEGV_MAPERR, fault_arg);
	fault_arg = (void *)0xffff888000000000ul;
	expect_signal("read of the kernel half", read_arg, SIGSEGV, SEGV_MAPERR, fault_arg);
}

static void sigsegv_accerr_on_write_to_readonly(void)
{
	if (!fixtures_ready())
		return;
	install_all();
	fault_arg = readonly_page + 100;
	expect_signal("write to PROT_READ", write_arg, SIGSEGV, SEGV_ACCERR, fault_arg);
	EXPECT(readonly_page[100] == 0, "the write did not land");
	fault_arg = (void *)do_ud2;
	expect_signal("write to text", write_arg, SIGSEGV, SEGV_ACCERR, fault_arg);
}

static void sigsegv_on_exec_from_stack(void)
{
	install_all();
	expect_signal("exec from the stack", do_exec_stack, SIGSEGV, SEGV_ACCERR, ANY_ADDR);
	EXPECT(got.addr == (void *)got.rip, "si_addr %p is the faulting rip %#lx",
	       got.addr, (unsigned long)got.rip);
}

static void sigsegv_on_exec_from_data_pages(void)
{
	static unsigned char bss_code[16];

	if (!fixtures_ready())
		return;
	install_all();
	fault_arg = data_page;
	expect_signal("exec from an anonymous RW page", exec_arg, SIGSEGV, SEGV_ACCERR, fault_arg);
	bss_code[0] = 0xc3;
	fault_arg = bss_code;
	expect_signal("exec from .bss", exec_arg, SIGSEGV, SEGV_ACCERR, fault_arg);
	fault_arg = unmapped_page;
	expect_signal("exec from an unmapped page", exec_arg, SIGSEGV, SEGV_MAPERR, fault_arg);
}

static void sigsegv_on_privileged_instructions(void)
{
	install_all();
	expect_signal("cli", do_cli, SIGSEGV, SI_KERNEL, NULL);
	expect_signal("hlt", do_hlt, SIGSEGV, SI_KERNEL, NULL);
	expect_signal("mov %cr0", do_mov_cr0, SIGSEGV, SI_KERNEL, NULL);
	expect_signal("inb $0x80", do_inb, SIGSEGV, SI_KERNEL, NULL);
}

static void sigsegv_on_int_0x20(void)
{
	install_all();
	expect_signal("int $0x20", do_int_0x20, SIGSEGV, SI_KERNEL, NULL);
}

static void sigsegv_on_noncanonical_address(void)
{
	install_all();
	fault_arg = NONCANONICAL;
	expect_signal("read at a non-canonical address", read_arg, SIGSEGV, SI_KERNEL, NULL);
	expect_signal("write at a non-canonical address", write_arg, SIGSEGV, SI_KERNEL, NULL);
}

static void sigill_on_ud2(void)
{
	install_all();
	if (expect_signal("ud2", do_ud2, SIGILL, ILL_ILLOPN, ANY_ADDR))
		EXPECT(got.addr == (void *)expect.fault_rip, "si_addr %p", got.addr);
}

static void sigfpe_intdiv_on_divide_error(void)
{
	install_all();
	if (expect_signal("divide by zero", do_div0, SIGFPE, FPE_INTDIV, ANY_ADDR))
		EXPECT(got.addr == (void *)expect.fault_rip, "si_addr %p", got.addr);
	expect_signal("INT_MIN / -1", do_idiv_overflow, SIGFPE, FPE_INTDIV, ANY_ADDR);
}

static void sigtrap_on_int3(void)
{
	install_all();
	expect_signal("int3", do_int3, SIGTRAP, SI_KERNEL, ANY_ADDR);
	EXPECT(got.rip == expect.resume_rip, "rip %#lx is after the int3 (%#lx)",
	       (unsigned long)got.rip, (unsigned long)expect.resume_rip);
}

static void sigbus_adraln_on_alignment_check(void)
{
	if (under_tcg()) {
		ktap_skip("QEMU's TCG does not implement alignment checking (#AC)");
		return;
	}
	install_all();
	fault_arg = aligned_buf + 1;
	expect_signal("unaligned load with AC set", unaligned_arg, SIGBUS, BUS_ADRALN, ANY_ADDR);
}

static void handler_reads_and_edits_registers(void)
{
	uint64_t in = 0x1122334455667788ull, out = 0;

	install_all();
	expect.set_rbx = 1;
	expect.new_rbx = 0x8877665544332211ull;
	__asm__ volatile("mov %[v], %%rbx\n\t" FAULT_ASM("ud2") "mov %%rbx, %[o]"
			 : FAULT_OUT, [o] "=r"(out) : [v] "r"(in) : "rbx", "rcx", "memory");
	expect.set_rbx = 0;
	EXPECT(got.signo == SIGILL, "signal %d", got.signo);
	EXPECT(got.rbx == in, "the handler saw rbx %#llx", (unsigned long long)got.rbx);
	EXPECT(out == expect.new_rbx, "rbx after return %#llx", (unsigned long long)out);
}

static void fpu_state_survives_the_handler(void)
{
	uint64_t in = 0x0123456789abcdefull, out = 0;
	unsigned int mxcsr_in = 0x3f80, mxcsr_out = 0, mxcsr_default = 0x1f80;

	install_all();
	expect.clobber_fpu = 1;
	__asm__ volatile("ldmxcsr %[m]\n\tmovq %[v], %%xmm7\n\t" FAULT_ASM("ud2")
			 "movq %%xmm7, %[o]\n\tstmxcsr %[mo]\n\tldmxcsr %[md]"
			 : FAULT_OUT, [o] "=r"(out), [mo] "=m"(mxcsr_out)
			 : [v] "r"(in), [m] "m"(mxcsr_in), [md] "m"(mxcsr_default)
			 : "rcx", "xmm7", "memory");
	expect.clobber_fpu = 0;
	EXPECT(got.signo == SIGILL, "signal %d", got.signo);
	EXPECT(out == in, "xmm7 after return %#llx", (unsigned long long)out);
	EXPECT(mxcsr_out == mxcsr_in, "mxcsr after return %#x", mxcsr_out);
	ktap_diag("the handler ran with mxcsr %#x", got.mxcsr);
}

static void handler_runs_on_the_alternate_stack(void)
{
	static char alt[64 << 10];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0 }, old;

	EXPECT(sigaltstack(&ss, NULL) == 0, "sigaltstack: %s", strerror(errno));
	expect.alt_lo = alt;
	expect.alt_hi = alt + sizeof(alt);
	install(SIGILL, SA_ONSTACK);
	expect_signal("ud2 on the alternate stack", do_ud2, SIGILL, ILL_ILLOPN, ANY_ADDR);
	EXPECT(got.on_altstack, "the handler's frame was not on the alternate stack");
	install(SIGILL, 0);
	expect_signal("ud2 on the normal stack", do_ud2, SIGILL, ILL_ILLOPN, ANY_ADDR);
	EXPECT(!got.on_altstack, "SA_ONSTACK-less handler ran on the alternate stack");
	ss.ss_flags = SS_DISABLE;
	EXPECT(sigaltstack(&ss, &old) == 0, "disable");
	EXPECT(old.ss_sp == alt && old.ss_size == sizeof(alt), "old stack reported");
	expect.alt_lo = expect.alt_hi = NULL;
}

static volatile int user_sig_count, user_sig_code, user_sig_pid;

static void on_user(int sig, siginfo_t *si, void *uc)
{
	user_sig_count++;
	user_sig_code = si->si_code;
	user_sig_pid = si->si_pid;
}

static void kill_delivers_si_user_and_respects_the_mask(void)
{
	struct sigaction sa = { .sa_sigaction = on_user, .sa_flags = SA_SIGINFO };
	sigset_t set, old;
	long ret;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	user_sig_count = 0;
	ret = sys2(SYS_kill, getpid(), SIGUSR1);
	EXPECT(ret == 0, "kill: %ld", ret);
	EXPECT(user_sig_count == 1, "delivered %d times before kill returned", user_sig_count);
	EXPECT(user_sig_code == SI_USER && user_sig_pid == getpid(),
	       "si_code %d si_pid %d", user_sig_code, user_sig_pid);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sys4(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	sys2(SYS_kill, getpid(), SIGUSR1);
	sys2(SYS_kill, getpid(), SIGUSR1);
	EXPECT(user_sig_count == 1, "delivered while blocked");
	sys4(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, &old, 8);
	EXPECT(sigismember(&old, SIGUSR1), "the old mask had SIGUSR1");
	EXPECT(user_sig_count == 2, "pending standard signals merge into one: %d",
	       user_sig_count);
	signal(SIGUSR1, SIG_DFL);
}

/* Run @fn in a child with default dispositions; return its wait status. */
static int status_of_child(void (*fn)(void), int block_sig)
{
	struct rlimit no_core = { 0, 0 };
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);	/* -ENOSYS on reflex: fine */
		if (block_sig) {
			sigset_t set;

			sigemptyset(&set);
			sigaddset(&set, block_sig);
			sigprocmask(SIG_BLOCK, &set, NULL);
		} else {
			signal(SIGSEGV, SIG_DFL);
			signal(SIGILL, SIG_DFL);
			signal(SIGFPE, SIG_DFL);
			signal(SIGTRAP, SIG_DFL);
			signal(SIGBUS, SIG_DFL);
		}
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static const struct {
	const char *what;
	void (*fn)(void);
	int sig;
} killers[] = {
	{ "unmapped read", read_arg, SIGSEGV },
	{ "exec from the stack", do_exec_stack, SIGSEGV },
	{ "cli", do_cli, SIGSEGV },
	{ "int $0x20", do_int_0x20, SIGSEGV },
	{ "ud2", do_ud2, SIGILL },
	{ "divide by zero", do_div0, SIGFPE },
	{ "int3", do_int3, SIGTRAP },
	{ "alignment check", unaligned_arg, SIGBUS },
};

static void default_action_kills_with_the_signal(void)
{
	if (!fixtures_ready())
		return;
	for (unsigned int i = 0; i < sizeof(killers) / sizeof(killers[0]); i++) {
		int status;

		if (killers[i].fn == unaligned_arg && under_tcg())
			continue;	/* no #AC under TCG */

		fault_arg = killers[i].fn == unaligned_arg ? aligned_buf + 1 : unmapped_page;
		status = status_of_child(killers[i].fn, 0);
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == killers[i].sig,
		       "%s: status %#x, expected death by signal %d", killers[i].what,
		       status, killers[i].sig);
	}
}

/* A fault with its signal blocked cannot be deferred: it kills. */
static void fault_with_the_signal_blocked_kills(void)
{
	int status;

	if (!fixtures_ready())
		return;
	install_all();
	fault_arg = unmapped_page;
	status = status_of_child(read_arg, SIGSEGV);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x", status);
	status = status_of_child(do_ud2, SIGILL);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGILL, "status %#x", status);
}

/* Every handled fault, many times over, then a check that all is well. */
static void repeated_faults_leave_the_system_healthy(void)
{
	static void (*const round[])(void) = {
		do_exec_stack, do_cli, do_hlt, do_int_0x20, do_ud2, do_div0,
		do_int3,
	};
	const char *env = getenv("SIGNALS_ROUNDS"), *src = "";
	int rounds = env ? atoi(env) : 10000, wrong = 0, kills = 0, ac = !under_tcg();
	long held_before, held_after;
	int r, before;

	if (!fixtures_ready())
		return;
	install_all();
	held_before = held_kib(&src);
	before = got.count;
	for (r = 0; r < rounds; r++) {
		do_read(unmapped_page);
		wrong += got.code != SEGV_MAPERR;
		do_write(readonly_page);
		wrong += got.code != SEGV_ACCERR;
		do_read(NONCANONICAL);
		if (ac) {
			do_unaligned_ac(aligned_buf + 3);
			wrong += got.signo != SIGBUS;
		}
		for (unsigned int i = 0; i < sizeof(round) / sizeof(round[0]); i++)
			round[i]();
		if (r % 100 == 99) {
			fault_arg = unmapped_page;
			int status = status_of_child(read_arg, 0);

			kills += WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
		}
	}
	held_after = held_kib(&src);
	EXPECT(got.count - before == rounds * (10 + ac), "%d signals for %d rounds of %d",
	       got.count - before, rounds, 10 + ac);
	EXPECT(!wrong, "%d signals with the wrong code", wrong);
	EXPECT(kills == rounds / 100, "%d of %d children killed by SIGSEGV", kills, rounds / 100);
	EXPECT(sys0(SYS_getpid) == getpid(), "getpid");
	if (held_before >= 0) {
		ktap_diag("%s KiB: %ld before %d rounds, %ld after", src, held_before,
			  rounds, held_after);
		EXPECT(held_after - held_before < 16 * 1024, "%s grew by %ld KiB", src,
		       held_after - held_before);
	}
	sigsegv_maperr_on_unmapped_read();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sigsegv_maperr_on_unmapped_read),
	KTAP_CASE(sigsegv_accerr_on_write_to_readonly),
	KTAP_CASE(sigsegv_on_exec_from_stack),
	KTAP_CASE(sigsegv_on_exec_from_data_pages),
	KTAP_CASE(sigsegv_on_privileged_instructions),
	KTAP_CASE(sigsegv_on_int_0x20),
	KTAP_CASE(sigsegv_on_noncanonical_address),
	KTAP_CASE(sigill_on_ud2),
	KTAP_CASE(sigfpe_intdiv_on_divide_error),
	KTAP_CASE(sigtrap_on_int3),
	KTAP_CASE(sigbus_adraln_on_alignment_check),
	KTAP_CASE(handler_reads_and_edits_registers),
	KTAP_CASE(fpu_state_survives_the_handler),
	KTAP_CASE(handler_runs_on_the_alternate_stack),
	KTAP_CASE(kill_delivers_si_user_and_respects_the_mask),
	KTAP_CASE(default_action_kills_with_the_signal),
	KTAP_CASE(fault_with_the_signal_blocked_kills),
	KTAP_CASE(repeated_faults_leave_the_system_healthy),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
