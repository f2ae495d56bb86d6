// SPDX-License-Identifier: MIT
/*
 * sysfuzz: random system calls against the kernel, reproducibly. Each of
 * a fixed number of children (seeded from one seed, so a failing run can
 * be replayed) makes a burst of calls with numbers from 0 to 460 (the
 * implemented ones and the gaps) and arguments drawn from what breaks
 * kernels: NULL, kernel-half, non-canonical, unmapped, read-only and
 * page-straddling pointers, huge and negative sizes, stray descriptors,
 * overlong paths. A child may die of any signal or exit; it must not take
 * the kernel with it, and the parent must be able to reap it. A child
 * that blocks past its budget of guest time is killed with SIGKILL, which
 * must end any sleep.
 *
 * Calls that would reach outside the child are steered: fork and its
 * relatives, execve and reboot are never made; kill, the scheduler and
 * rlimit calls only name the child itself, and sched_setscheduler never
 * asks for a real-time policy (reflex has no RT throttling, so a spinning
 * SCHED_FIFO child would keep the parent off the CPU); paths stay in
 * /tmp/fuzz and a few harmless places; standard I/O is /dev/null. tests/user.sh boots this
 * alone (it is not in /tests) and checks the log for oopses and warnings.
 *
 *	sysfuzz [SEED [CHILDREN [CALLS]]]
 *
 * or SYSFUZZ="SEED CHILDREN CALLS" in the environment (from the kernel
 * command line, which hands "NAME=value" words to init).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define PAGE		4096
#define MAX_NR		460
#define BUDGET_NS	(100 * 1000000L)	/* guest time a child may take */

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t pick(uint64_t n)
{
	return next() % n;
}

/* What the child's arguments point at, set up before the burst. */
static char *rw_page, *ro_page, *gone_page, *long_path;
static const char *const paths[] = {
	"/tmp/fuzz/a", "/tmp/fuzz/b", "/tmp/fuzz/dir", "/tmp/fuzz/dir/c", "/tmp/fuzz",
	"/tmp/fuzz/../fuzz/a", "/proc/self/stat", "/proc/meminfo", "/proc", "/",
	".", "..", "", "/nonexistent/x", "a", "dir",
};

static long fuzz_pointer(void)
{
	switch (pick(12)) {
	case 0: return 0;
	case 1: return 0xffff888000000000L + (long)pick(1 << 30);
	case 2: return (long)0xffffffff80000000UL + (long)pick(1 << 24);
	case 3: return (long)0x8000000000000000UL;
	case 4: return (long)gone_page + (long)pick(PAGE);
	case 5: return (long)ro_page;
	case 6: return (long)rw_page + PAGE - 1 - (long)pick(16);	/* straddles ro_page */
	case 7: return (long)paths[pick(sizeof(paths) / sizeof(paths[0]))];
	case 8: return (long)long_path;
	case 9: return 0x7ffffffff000L - (long)pick(64);
	default: return (long)rw_page + (long)pick(PAGE / 2);
	}
}

static long fuzz_number(void)
{
	switch (pick(10)) {
	case 0: return (long)pick(17);
	case 1: return -1;
	case 2: return (long)(int)next();
	case 3: return (long)next();
	case 4: return 1L << pick(64);
	case 5: return (1L << pick(64)) - 1;
	case 6: return -(long)pick(4096);
	case 7: return (long)pick(64);		/* descriptors, signals, flags */
	case 8: return 0x7fffffffL;
	default: return (long)pick(PAGE * 4);
	}
}

static long fuzz_arg(void)
{
	return pick(2) ? fuzz_pointer() : fuzz_number();
}

static int never_called(long nr)
{
	return nr == SYS_fork || nr == SYS_vfork || nr == SYS_clone || nr == SYS_execve ||
	       nr == SYS_reboot || nr == 435 /* clone3 */ || nr == SYS_execveat;
}

/* Calls whose first argument names a process: only ever this one. */
static int names_a_process(long nr)
{
	return nr == SYS_kill || nr == SYS_tkill || nr == SYS_tgkill || nr == SYS_setpgid ||
	       nr == SYS_sched_setscheduler || nr == SYS_sched_setparam ||
	       nr == SYS_sched_setaffinity || nr == SYS_prlimit64 || nr == SYS_getpgid ||
	       nr == SYS_getsid || nr == SYS_ptrace || nr == SYS_rt_sigqueueinfo ||
	       nr == SYS_sched_setattr || nr == SYS_process_vm_readv ||
	       nr == SYS_process_vm_writev;
}

static void prepare_child(void)
{
	int fd;

	sys0(SYS_setsid);
	fd = sys2(SYS_open, "/dev/null", O_RDWR);
	if (fd >= 0) {
		sys2(SYS_dup2, fd, 0);
		sys2(SYS_dup2, fd, 1);
		sys2(SYS_dup2, fd, 2);
	}
	/* Some descriptors of every kind for the burst to misuse. */
	sys2(SYS_open, "/tmp/fuzz/a", O_RDWR | O_CREAT);
	sys2(SYS_open, "/proc/self/stat", O_RDONLY);
	sys3(SYS_socket, 2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0);
	sys1(SYS_pipe, rw_page + PAGE - 64);
	sys2(SYS_open, "/tmp/fuzz", O_RDONLY | O_DIRECTORY);
}

static __attribute__((noreturn)) void fuzz_child(uint64_t seed, int calls)
{
	long self = sys0(SYS_getpid);

	rng = seed;
	prepare_child();
	for (int i = 0; i < calls; i++) {
		long nr = (long)pick(MAX_NR), a[6];

		if (never_called(nr))
			continue;
		for (int k = 0; k < 6; k++)
			a[k] = fuzz_arg();
		if (names_a_process(nr))
			a[0] = pick(2) ? self : 0;
		/* No real-time policy: with no RT throttling a spinning child would own the CPU. */
		if (nr == SYS_sched_setscheduler)
			a[1] = pick(2) ? 0 /* SCHED_NORMAL */ : 5 /* SCHED_IDLE */;
		sys6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	sys1(SYS_exit_group, 0);
	for (;;)
		;
}

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Wait for pid within the budget, then SIGKILL it; its status, or -1. */
static int reap_within_budget(pid_t pid, int *killed)
{
	long deadline = now_ns() + BUDGET_NS;
	struct timespec tick = { 0, 1000000 };
	int status;

	*killed = 0;
	while (now_ns() < deadline) {
		pid_t got = waitpid(pid, &status, WNOHANG);

		if (got == pid && WIFSTOPPED(status)) {
			/* It made us its tracer (PTRACE_TRACEME) and stopped for us. */
			kill(pid, SIGKILL);
			continue;
		}
		if (got == pid)
			return status;
		if (got < 0)
			return -1;
		nanosleep(&tick, NULL);
	}
	*killed = 1;
	kill(pid, SIGKILL);
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static uint64_t seed = 0x5eed2026;
static int children = 300, calls = 300;

static void setup_targets(void)
{
	rw_page = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro_page = rw_page + PAGE;
	gone_page = rw_page + 2 * PAGE;
	memset(rw_page, 'x', 2 * PAGE);
	mprotect(ro_page, PAGE, PROT_READ);
	munmap(gone_page, PAGE);
	long_path = malloc(8192);
	memset(long_path, 'a', 8191);
	long_path[8191] = 0;
	mkdir("/tmp/fuzz", 0755);
	mkdir("/tmp/fuzz/dir", 0755);
}

/* How a batch of children ended. */
struct outcome {
	int exited, signalled, killed, lost;
	int by_signal[65];
};

/* Fork n children running child(seed) one after another, each reaped within its budget. */
static void run_children(int n, void (*child)(uint64_t seed), struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	for (int c = 0; c < n; c++) {
		uint64_t child_seed = next() | 1;
		int status, was_killed;
		pid_t pid = fork();

		if (pid < 0) {
			EXPECT(0, "fork failed at child %d: %d", c, errno);
			break;
		}
		if (pid == 0)
			child(child_seed);
		status = reap_within_budget(pid, &was_killed);
		if (status < 0) {
			o->lost++;
			ktap_diag("child %d (seed %#llx) could not be reaped", c,
				  (unsigned long long)child_seed);
		} else if (was_killed) {
			o->killed++;
		} else if (WIFEXITED(status)) {
			o->exited++;
		} else if (WIFSIGNALED(status)) {
			o->signalled++;
			o->by_signal[WTERMSIG(status) & 63]++;
		}
	}
	ktap_diag("seed %#llx: %d children: %d exited, %d died of a signal (SIGSEGV %d, "
		  "SIGILL %d, SIGTRAP %d, SIGBUS %d, SIGFPE %d), %d killed after their budget",
		  (unsigned long long)seed, n, o->exited, o->signalled, o->by_signal[SIGSEGV],
		  o->by_signal[SIGILL], o->by_signal[SIGTRAP], o->by_signal[SIGBUS],
		  o->by_signal[SIGFPE], o->killed);
	EXPECT(o->lost == 0, "%d children could not be reaped", o->lost);
	EXPECT(o->exited + o->signalled + o->killed == n, "every child accounted for");
}

static void random_syscalls_child(uint64_t child_seed)
{
	fuzz_child(child_seed, calls);
}

static void random_calls_leave_the_kernel_alive(void)
{
	struct outcome o;

	setup_targets();
	rng = seed;
	run_children(children, random_syscalls_child, &o);
}

/*
 * Random instructions: a child jumps into a page of random bytes, seeded
 * with the instructions that enter or upset the kernel (syscall, sysenter,
 * int $n, int3, into, icebp, iret, far jumps into the 32-bit code segment,
 * segment loads, privileged and I/O instructions), with random registers
 * and flags (TF, AC, DF, NT among them) and, mostly, a stack below 4 GiB.
 */
#define CODE_BASE	0x10000000UL
#define STATE_BASE	0x20000000UL	/* the registers to load; a stack above them */

struct entry_state {
	uint64_t gpr[15];		/* rax rbx rcx rdx rsi rdi rbp r8-r15, popped in order */
	uint64_t rflags;
	uint64_t rip, rsp;
};

static const struct {
	unsigned char len, bytes[7];
} seeds[] = {
	{ 2, { 0x0f, 0x05 } },			/* syscall */
	{ 2, { 0x0f, 0x34 } },			/* sysenter */
	{ 2, { 0xcd, 0x80 } },			/* int $0x80 */
	{ 1, { 0xcc } },			/* int3 */
	{ 1, { 0xce } },			/* into (compat mode only) */
	{ 1, { 0xf1 } },			/* int1 / icebp */
	{ 1, { 0xcf } },			/* iret */
	{ 2, { 0x48, 0xcf } },			/* iretq */
	{ 1, { 0xcb } },			/* lret */
	{ 2, { 0x0f, 0x0b } },			/* ud2 */
	{ 1, { 0xf4 } },			/* hlt */
	{ 1, { 0xfa } },			/* cli */
	{ 2, { 0x8e, 0xd8 } },			/* mov %eax, %ds */
	{ 2, { 0x8e, 0xe0 } },			/* mov %eax, %fs */
	{ 2, { 0x8e, 0xd0 } },			/* mov %eax, %ss */
	{ 3, { 0x0f, 0x00, 0xd0 } },		/* lldt %ax */
	{ 3, { 0x0f, 0x01, 0xf8 } },		/* swapgs */
	{ 2, { 0x0f, 0x30 } },			/* wrmsr */
	{ 2, { 0xe6, 0x80 } },			/* out %al, $0x80 */
	{ 1, { 0x9d } },			/* popf */
	{ 3, { 0x0f, 0x01, 0xca } },		/* clac */
	{ 3, { 0x0f, 0xae, 0x10 } },		/* ldmxcsr (%rax) */
	{ 2, { 0x0f, 0xa2 } },			/* cpuid */
};

static void seed_code(unsigned char *code, size_t size)
{
	for (size_t i = 0; i < size; i++)
		code[i] = (unsigned char)next();
	for (int k = 0; k < 48; k++) {
		size_t at = pick(size - 16);
		int which = pick(sizeof(seeds) / sizeof(seeds[0]) + 2);

		if (which == sizeof(seeds) / sizeof(seeds[0])) {
			code[at] = 0xcd;			/* int $n, any n */
			continue;
		}
		if (which > (int)(sizeof(seeds) / sizeof(seeds[0]))) {
			/* ljmp *0(%rip) into the 32-bit code segment (0x23), landing on a seed */
			size_t land = pick(size - 16);
			uint32_t target = CODE_BASE + land;
			int first = pick(3);

			memcpy(code + at, "\xff\x2d\x00\x00\x00\x00", 6);
			memcpy(code + at + 6, &target, 4);
			memcpy(code + at + 10, "\x23\x00", 2);
			memcpy(code + land, seeds[first].bytes, seeds[first].len);
			continue;
		}
		memcpy(code + at, seeds[which].bytes, seeds[which].len);
	}
}

static __attribute__((noreturn)) void run_random_code(uint64_t seed)
{
	const int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
	const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	unsigned char *code = mmap((void *)CODE_BASE, 2 * PAGE, prot, flags, -1, 0);
	struct entry_state *st = mmap((void *)STATE_BASE, 4 * PAGE,
				      PROT_READ | PROT_WRITE, flags, -1, 0);

	rng = seed;
	prepare_child();
	if (code == MAP_FAILED || st == MAP_FAILED)
		sys1(SYS_exit_group, 3);
	seed_code(code, 2 * PAGE);
	for (int i = 0; i < 15; i++)
		st->gpr[i] = pick(2) ? (uint64_t)fuzz_number() : (uint64_t)fuzz_pointer();
	st->rflags = 0x202 | (next() & 0x44cd5);	/* CF PF AF ZF SF TF DF OF NT AC */
	st->rip = CODE_BASE + pick(2 * PAGE - 16);
	st->rsp = pick(8) ? STATE_BASE + 4 * PAGE - 8 * pick(64) : (uint64_t)fuzz_pointer();
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "popq %%rax\n\tpopq %%rbx\n\tpopq %%rcx\n\tpopq %%rdx\n\t"
			 "popq %%rsi\n\tpopq %%rdi\n\tpopq %%rbp\n\tpopq %%r8\n\t"
			 "popq %%r9\n\tpopq %%r10\n\tpopq %%r11\n\tpopq %%r12\n\t"
			 "popq %%r13\n\tpopq %%r14\n\tpopq %%r15\n\tpopfq\n\t"
			 "movq %c1, %%rsp\n\t"
			 "jmpq *%c2"
			 : : "r"(st), "i"(STATE_BASE + offsetof(struct entry_state, rsp)),
			   "i"(STATE_BASE + offsetof(struct entry_state, rip)));
	__builtin_unreachable();
}

static void random_instructions_leave_the_kernel_alive(void)
{
	struct outcome o;

	rng = seed ^ 0x1257;
	run_children(children * 4, run_random_code, &o);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(random_calls_leave_the_kernel_alive),
	KTAP_CASE(random_instructions_leave_the_kernel_alive),
};

int main(int argc, char **argv)
{
	const char *env = getenv("SYSFUZZ");

	if (env) {
		unsigned long long s = seed;

		sscanf(env, "%lli %d %d", &s, &children, &calls);
		seed = s;
	}
	if (argc > 1)
		seed = strtoull(argv[1], NULL, 0);
	if (argc > 2)
		children = atoi(argv[2]);
	if (argc > 3)
		calls = atoi(argv[3]);
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
