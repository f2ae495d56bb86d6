// SPDX-License-Identifier: MIT
/*
 * The FS and GS bases, as Linux keeps them: per process, across context
 * switches, signals and fork, reset by exec; arch_prctl's ARCH_SET_GS,
 * ARCH_GET_GS, ARCH_SET_FS and ARCH_GET_FS with Linux's checks. Where
 * the kernel enables FSGSBASE (AT_HWCAP2's HWCAP2_FSGSBASE) user space
 * writes the bases itself with WRGSBASE, any canonical value, a kernel
 * address too: the traps that enter the kernel's paranoid path (#DB in
 * kernel mode, here a single-stepped SYSENTER) must not take that for
 * the kernel's GS base, and the value must come back intact. Without
 * HWCAP2_FSGSBASE those cases skip; the GS base is then set with
 * arch_prctl.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include "compat.h"
#include "fault.h"

#define ARCH_SET_GS		0x1001
#define ARCH_SET_FS		0x1002
#define ARCH_GET_FS		0x1003
#define ARCH_GET_GS		0x1004
#define HWCAP2_FSGSBASE		(1UL << 1)
#define KERNEL_LOOKING_BASE	0xffff888000000000UL

static unsigned long rdgsbase(void)
{
	unsigned long v;

	__asm__ volatile("rdgsbase %0" : "=r"(v));
	return v;
}

static void wrgsbase(unsigned long v)
{
	__asm__ volatile("wrgsbase %0" : : "r"(v) : "memory");
}

static unsigned long rdfsbase(void)
{
	unsigned long v;

	__asm__ volatile("rdfsbase %0" : "=r"(v));
	return v;
}

static unsigned long arch_get(int option)
{
	unsigned long v = 0xdead;

	sys2(SYS_arch_prctl, option, &v);
	return v;
}

static void do_rdgsbase(void *unused)
{
	(void)unused;
	rdgsbase();
}

/* RDGSBASE runs (CR4.FSGSBASE set) rather than raising #UD. */
static int rdgsbase_runs(void)
{
	return fault_probe(do_rdgsbase, NULL) == 0;
}

/*
 * The ABI's answer (Linux's Documentation/arch/x86/x86_64/fsgs.rst): the
 * instructions may be used when AT_HWCAP2 has HWCAP2_FSGSBASE. A CPU
 * that runs them without it (a hypervisor's CR4) gives no promise that
 * the kernel keeps what they write.
 */
static int fsgsbase_usable(void)
{
	return !!(getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE);
}

static int skip_without_fsgsbase(void)
{
	unsigned int a, b, c, d;
	static char why[96];

	if (fsgsbase_usable())
		return 0;
	__cpuid_count(7, 0, a, b, c, d);
	snprintf(why, sizeof(why), "no HWCAP2_FSGSBASE: FSGSBASE off (CPUID.7.EBX[0] = %u)",
		 b & 1);
	ktap_skip(why);
	return 1;
}

/* The GS base, through the instruction when the kernel allows it. */
static void set_gs(unsigned long v)
{
	if (fsgsbase_usable())
		wrgsbase(v);
	else
		sys2(SYS_arch_prctl, ARCH_SET_GS, v);
}

/* HWCAP2_FSGSBASE only where the CPU has FSGSBASE, and then the instructions run. */
static void hwcap2_fsgsbase_means_rdgsbase_runs(void)
{
	unsigned int a, b, c, d;

	__cpuid_count(7, 0, a, b, c, d);
	if (!fsgsbase_usable()) {
		ktap_diag("no HWCAP2_FSGSBASE; CPUID.7.EBX[0] = %u, RDGSBASE %s", b & 1,
			  rdgsbase_runs() ? "runs" : "faults");
		return;
	}
	EXPECT(b & 1, "HWCAP2_FSGSBASE without CPUID.7.EBX[0]");
	EXPECT(rdgsbase_runs(), "HWCAP2_FSGSBASE but RDGSBASE faults");
}

static void arch_set_gs_and_get_gs_agree(void)
{
	EXPECT(sys2(SYS_arch_prctl, ARCH_SET_GS, 0x12345000) == 0, "ARCH_SET_GS failed");
	EXPECT(arch_get(ARCH_GET_GS) == 0x12345000, "ARCH_GET_GS %#lx", arch_get(ARCH_GET_GS));
	if (fsgsbase_usable()) {
		EXPECT(rdgsbase() == 0x12345000, "rdgsbase %#lx", rdgsbase());
		wrgsbase(0x6789a000);
		EXPECT(arch_get(ARCH_GET_GS) == 0x6789a000, "after wrgsbase ARCH_GET_GS %#lx",
		       arch_get(ARCH_GET_GS));
		EXPECT(rdfsbase() == arch_get(ARCH_GET_FS), "rdfsbase %#lx, ARCH_GET_FS %#lx",
		       rdfsbase(), arch_get(ARCH_GET_FS));
	}
	sys2(SYS_arch_prctl, ARCH_SET_GS, 0);
}

static void arch_prctl_refuses_kernel_bases_and_bad_pointers(void)
{
	long r;

	r = sys2(SYS_arch_prctl, ARCH_SET_GS, KERNEL_LOOKING_BASE);
	EXPECT(r == -EPERM, "ARCH_SET_GS kernel address: %ld", r);
	r = sys2(SYS_arch_prctl, ARCH_SET_GS, 0x7ffffffff000UL);
	EXPECT(r == -EPERM, "ARCH_SET_GS TASK_SIZE_MAX: %ld", r);
	r = sys2(SYS_arch_prctl, ARCH_SET_FS, 0x8000000000000000UL);
	EXPECT(r == -EPERM, "ARCH_SET_FS non-canonical: %ld", r);
	r = sys2(SYS_arch_prctl, ARCH_GET_GS, (void *)8);
	EXPECT(r == -EFAULT, "ARCH_GET_GS to a bad pointer: %ld", r);
	r = sys2(SYS_arch_prctl, 0x1000, 0);
	EXPECT(r == -EINVAL, "unknown option: %ld", r);
}

static volatile unsigned long handler_gs;

static void on_usr1(int sig)
{
	handler_gs = arch_get(ARCH_GET_GS);
}

static void pin_to_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Two processes on CPU 0, each with its own GS base, yielding to each other; then a signal. */
static void gsbase_survives_yields_and_a_signal(void)
{
	unsigned long mine;
	int i, st = -1, bad = 0;
	pid_t pid = fork();

	pin_to_cpu0();
	mine = pid ? 0x10000000UL : 0x20000000UL;
	set_gs(mine);
	for (i = 0; i < 3000; i++) {
		sched_yield();
		if (arch_get(ARCH_GET_GS) != mine)
			bad++;
	}
	if (pid == 0)
		_exit(bad ? 1 : 0);
	waitpid(pid, &st, 0);
	EXPECT(!bad, "%d of 3000 yields changed the GS base", bad);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);

	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	signal(SIGUSR1, SIG_DFL);
	EXPECT(handler_gs == mine, "in the handler %#lx", handler_gs);
	EXPECT(arch_get(ARCH_GET_GS) == mine, "after sigreturn %#lx", arch_get(ARCH_GET_GS));
	set_gs(0);
}

static volatile unsigned long trap_gs;
static volatile int traps;

static void on_sigtrap(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	trap_gs = rdgsbase();
	traps++;
	uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)EFL_TF;
}

/*
 * int3 and a single step from user mode, with a kernel address in GS
 * base. (INT1, ICEBP, is left out: QEMU's TCG raises #UD for it.)
 */
static void kernel_looking_gsbase_survives_user_traps(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigtrap, .sa_flags = SA_SIGINFO };

	if (skip_without_fsgsbase())
		return;
	sigaction(SIGTRAP, &sa, NULL);
	traps = 0;
	wrgsbase(KERNEL_LOOKING_BASE);
	__asm__ volatile("int3");
	__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\tnop" : : : "cc");
	EXPECT(rdgsbase() == KERNEL_LOOKING_BASE, "after the traps %#lx", rdgsbase());
	wrgsbase(0);
	signal(SIGTRAP, SIG_DFL);
	EXPECT(traps == 2, "%d SIGTRAPs", traps);
	EXPECT(trap_gs == KERNEL_LOOKING_BASE, "in the handler %#lx", trap_gs);
}

static void on_sysenter_fault(int sig)
{
	_exit(rdgsbase() == KERNEL_LOOKING_BASE ? 0 : 1);
}

/*
 * SYSENTER from compat mode keeps TF: the #DB comes at the kernel's
 * first instruction, before its SWAPGS, so it takes the paranoid entry
 * with the user's GS base loaded. The call (getpid) then ends in SIGSEGV
 * at ip 0, there being no 32-bit vDSO to return to (compat_entry.c).
 */
static void kernel_looking_gsbase_survives_a_kernel_mode_debug_trap(void)
{
	int st = -1;
	pid_t pid;

	if (skip_without_fsgsbase() || skip_compat_sysenter())
		return;
	pid = fork();
	if (pid == 0) {
		compat_regs = (struct compat_regs){
			.eax = NR32_getpid, .esp = COMPAT_STACK_TOP - 256,
			.eflags = EFL_FIXED | EFL_IF | EFL_TF,
		};
		compat_regs.ebp = compat_regs.esp;
		signal(SIGSEGV, on_sysenter_fault);
		wrgsbase(KERNEL_LOOKING_BASE);
		compat_run(stub_sysenter);
		_exit(2);
	}
	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "child status %#x (exit 1: GS base changed, 2: no SIGSEGV)", st);
}

static void fork_copies_the_gs_base(void)
{
	int st = -1;
	pid_t pid;

	set_gs(0x30000000UL);
	pid = fork();
	if (pid == 0)
		_exit(arch_get(ARCH_GET_GS) == 0x30000000UL ? 0 : 1);
	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
	set_gs(0);
}

static const char *self_path;

static void exec_resets_the_gs_base(void)
{
	int st = -1;
	pid_t pid;

	set_gs(0x40000000UL);
	pid = fork();
	if (pid == 0) {
		execl(self_path, "fsgsbase", "--exec-check", (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec'd child status %#x", st);
	set_gs(0);
}

/* --- the FS and GS selectors ------------------------------------------------------- */

#define USER_DS		0x2b	/* the GDT's 64-bit user data selector, on Linux and reflex */
#define SWITCH_ROUNDS	2000

static unsigned short read_fs(void)
{
	unsigned short v;

	__asm__ volatile("mov %%fs, %0" : "=r"(v));
	return v;
}

static unsigned short read_gs(void)
{
	unsigned short v;

	__asm__ volatile("mov %%gs, %0" : "=r"(v));
	return v;
}

static void load_fs(unsigned short v)
{
	__asm__ volatile("mov %0, %%fs" : : "r"(v) : "memory");
}

static void load_gs(unsigned short v)
{
	__asm__ volatile("mov %0, %%gs" : : "r"(v) : "memory");
}

/*
 * Linux's save_fsgs(): a selector the user loaded into FS or GS is
 * saved at a context switch and loaded again, whatever other tasks put
 * there meanwhile. A partner on the same CPU loads null selectors and
 * yields; its count proves that it ran in between. FS holds musl's TLS:
 * only raw system calls while it holds USER_DS, and the base comes back
 * with ARCH_SET_FS.
 */
static void fs_gs_selectors_kept_across_switches(void)
{
	volatile long *partner_runs = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned long fsbase = arch_get(ARCH_GET_FS);
	unsigned short bad_fs = USER_DS, bad_gs = USER_DS;
	long before, after;
	int i, st = -1;
	pid_t pid;

	if (!EXPECT(partner_runs != MAP_FAILED, "mmap"))
		return;
	pin_to_cpu0();
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < SWITCH_ROUNDS; i++) {
			load_gs(0);
			__atomic_fetch_add(partner_runs, 1, __ATOMIC_RELAXED);
			sys0(SYS_sched_yield);
		}
		_exit(0);
	}
	before = *partner_runs;
	load_gs(USER_DS);
	load_fs(USER_DS);
	for (i = 0; i < SWITCH_ROUNDS; i++) {
		sys0(SYS_sched_yield);
		if (read_fs() != USER_DS)
			bad_fs = read_fs();
		if (read_gs() != USER_DS)
			bad_gs = read_gs();
	}
	after = *partner_runs;
	sys2(SYS_arch_prctl, ARCH_SET_FS, fsbase);
	load_gs(0);
	set_gs(0);
	EXPECT(after > before, "the partner never ran in between (%ld, %ld)", before, after);
	EXPECT(bad_fs == USER_DS, "FS became %#x", bad_fs);
	EXPECT(bad_gs == USER_DS, "GS became %#x", bad_gs);
	EXPECT(read_fs() == 0, "ARCH_SET_FS leaves the null selector, not %#x", read_fs());
	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "partner status %#x", st);
	munmap((void *)partner_runs, 4096);
}

static volatile unsigned long settls_base;
static volatile unsigned short settls_fs = 0xffff;
static char settls_stack[16384] __attribute__((aligned(16)));
static unsigned long settls_block[8];

static int settls_child(void)
{
	settls_fs = read_fs();
	settls_base = arch_get(ARCH_GET_FS);
	return 0;
}

/* clone(CLONE_VM | CLONE_SETTLS | SIGCHLD) with @tls, the child calling fn() on @stack_top. */
static long clone_settls(int (*fn)(void), char *stack_top, unsigned long tls)
{
	return clone_raw(fn, stack_top, 0x100 | 0x80000 | SIGCHLD, tls);	/* VM, SETTLS */
}

/*
 * CLONE_SETTLS gives the new task the base and the null selector, as
 * Linux's do_set_thread_area_64(), whatever selector its parent had in FS.
 */
static void clone_settls_clears_the_fs_selector(void)
{
	unsigned long fsbase = arch_get(ARCH_GET_FS);
	int st = -1;
	long pid;

	load_fs(USER_DS);
	pid = clone_settls(settls_child, settls_stack + sizeof(settls_stack),
			   (unsigned long)settls_block);
	if (pid > 0)
		sys4(SYS_wait4, pid, &st, 0, 0);
	sys2(SYS_arch_prctl, ARCH_SET_FS, fsbase);
	EXPECT(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "clone %ld, status %#x", pid, st);
	EXPECT(settls_fs == 0, "the child's FS selector %#x", settls_fs);
	EXPECT(settls_base == (unsigned long)settls_block, "the child's FS base %#lx, not %p",
	       settls_base, (void *)settls_block);
}

static volatile unsigned long frame_csgsfs, frame_gs;

static void record_csgsfs(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	frame_csgsfs = ((ucontext_t *)ctx)->uc_mcontext.gregs[REG_CSGSFS];
	frame_gs = read_gs();
}

/*
 * The 64-bit signal frame's gs and fs words are 0 on Linux whatever the
 * selectors (uc_mcontext's REG_CSGSFS: cs, gs, fs, ss); the handler runs
 * with the selector the program had, and it is still there after
 * sigreturn. ARCH_SET_GS sets the null selector with the base.
 */
static void signal_frame_and_arch_prctl_with_a_gs_selector(void)
{
	struct sigaction sa = { .sa_sigaction = record_csgsfs, .sa_flags = SA_SIGINFO }, old;
	unsigned short after;

	sigaction(SIGUSR1, &sa, &old);
	frame_csgsfs = ~0UL;
	load_gs(USER_DS);
	sys3(SYS_tgkill, getpid(), sys0(SYS_gettid), SIGUSR1);
	after = read_gs();
	EXPECT(((frame_csgsfs >> 16) & 0xffffffff) == 0, "frame's gs and fs: %#lx", frame_csgsfs);
	EXPECT((frame_csgsfs & 0xffff) == 0x33, "frame's cs: %#lx", frame_csgsfs);
	EXPECT(frame_gs == USER_DS, "GS in the handler %#lx", frame_gs);
	EXPECT(after == USER_DS, "GS after sigreturn %#x", after);
	EXPECT(sys2(SYS_arch_prctl, ARCH_SET_GS, 0x10000) == 0 && read_gs() == 0,
	       "ARCH_SET_GS leaves GS %#x", read_gs());
	EXPECT(arch_get(ARCH_GET_GS) == 0x10000, "GS base %#lx", arch_get(ARCH_GET_GS));
	set_gs(0);
	sigaction(SIGUSR1, &old, NULL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(hwcap2_fsgsbase_means_rdgsbase_runs),
	KTAP_CASE(arch_set_gs_and_get_gs_agree),
	KTAP_CASE(arch_prctl_refuses_kernel_bases_and_bad_pointers),
	KTAP_CASE(gsbase_survives_yields_and_a_signal),
	KTAP_CASE(kernel_looking_gsbase_survives_user_traps),
	KTAP_CASE(kernel_looking_gsbase_survives_a_kernel_mode_debug_trap),
	KTAP_CASE(fork_copies_the_gs_base),
	KTAP_CASE(exec_resets_the_gs_base),
	KTAP_CASE(fs_gs_selectors_kept_across_switches),
	KTAP_CASE(signal_frame_and_arch_prctl_with_a_gs_selector),
	KTAP_CASE(clone_settls_clears_the_fs_selector),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-check"))
		return arch_get(ARCH_GET_GS) == 0 ? 0 : 1;
	self_path = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
