// SPDX-License-Identifier: MIT
/*
 * Resource limits where Linux enforces them: the stack grows to
 * RLIMIT_STACK and a touch beyond is SIGSEGV, and a limit above the
 * default 8 MiB set before exec is the new image's to use; mmap, brk and
 * mremap stop at RLIMIT_AS, and for private writable memory at
 * RLIMIT_DATA, with -ENOMEM (brk by leaving the break);
 * RLIMIT_CPU's soft limit raises SIGXCPU, its hard one SIGKILL; the calls
 * themselves check their arguments (soft above hard, bad resources, bad
 * pointers) and prlimit64 reads and sets another process's limits.
 * Limits are set in children, so this program keeps its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

#define KERNEL_ADDR	((void *)0xffffffff80000000UL)	/* kernel text: never the caller's */
#define PG		4096L
#define MiB		(1L << 20)

static int wait_status(long pid)
{
	int status = -1;

	sys4(SYS_wait4, pid, &status, 0, NULL);
	return status;
}

/* Run fn in a child; its wait status. */
static int in_child(int (*fn)(void))
{
	long pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid < 0 ? -1 : wait_status(pid);
}

static void rlimit_calls_check_their_arguments(void)
{
	struct rlimit rl, bad = { 200, 100 };
	long r;

	EXPECT(sys2(SYS_getrlimit, RLIMIT_CORE, &rl) == 0, "getrlimit");
	EXPECT((r = sys2(SYS_setrlimit, RLIMIT_CORE, &bad)) == -EINVAL, "cur > max: %ld", r);
	EXPECT((r = sys2(SYS_getrlimit, RLIM_NLIMITS, &rl)) == -EINVAL, "resource 16: %ld", r);
	EXPECT((r = sys2(SYS_setrlimit, RLIM_NLIMITS, &rl)) == -EINVAL, "set resource 16: %ld", r);
	EXPECT((r = sys2(SYS_getrlimit, RLIMIT_CORE, KERNEL_ADDR)) == -EFAULT, "get kernel: %ld", r);
	EXPECT((r = sys2(SYS_setrlimit, RLIMIT_CORE, KERNEL_ADDR)) == -EFAULT, "set kernel: %ld", r);
	EXPECT((r = sys4(SYS_prlimit64, 0, RLIMIT_CORE, NULL, KERNEL_ADDR)) == -EFAULT,
	       "prlimit64 old kernel: %ld", r);
	EXPECT((r = sys4(SYS_prlimit64, 0, RLIMIT_CORE, &bad, NULL)) == -EINVAL,
	       "prlimit64 cur > max: %ld", r);
}

/* RLIMIT_CORE is kept as set (no core file is written on reflex). */
static int core_limit_round_trip(void)
{
	struct rlimit rl = { 4096, 8192 }, got;

	if (sys2(SYS_setrlimit, RLIMIT_CORE, &rl) || sys2(SYS_getrlimit, RLIMIT_CORE, &got))
		return 1;
	return got.rlim_cur == 4096 && got.rlim_max == 8192 ? 0 : 2;
}

static void core_limit_is_stored(void)
{
	int status = in_child(core_limit_round_trip);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

static void prlimit64_reads_and_sets_another_process(void)
{
	struct rlimit64 set = { 77, 99 }, old;
	int go[2];
	long pid, r;
	int status;
	char c;

	if (!EXPECT(pipe(go) == 0, "pipe"))
		return;
	pid = fork();
	if (pid == 0) {
		struct rlimit rl;

		if (read(go[0], &c, 1) != 1 || sys2(SYS_getrlimit, RLIMIT_NOFILE, &rl))
			_exit(3);
		_exit(rl.rlim_cur == 77 && rl.rlim_max == 99 ? 0 : 1);
	}
	EXPECT((r = sys4(SYS_prlimit64, pid, RLIMIT_NOFILE, &set, &old)) == 0, "set: %ld", r);
	EXPECT((r = sys4(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &old)) == 0, "get: %ld", r);
	EXPECT(old.rlim_cur == 77 && old.rlim_max == 99, "read back %llu/%llu",
	       (unsigned long long)old.rlim_cur, (unsigned long long)old.rlim_max);
	if (write(go[1], "g", 1) != 1)
		ktap_diag("cannot release the child");
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's own view: %#x", status);
	EXPECT((r = sys4(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &old)) == -ESRCH,
	       "reaped pid: %ld", r);
	close(go[0]);
	close(go[1]);
}

/* The deepest stack touched, in bytes, for the parent to read after the SIGSEGV. */
static volatile long *stack_depth;
static char *stack_top;

static void __attribute__((noinline)) grow(void)
{
	volatile char frame[PG];

	frame[0] = 1;
	*stack_depth = stack_top - (char *)frame;
	if (*stack_depth >= 0)		/* always: the SIGSEGV ends it */
		grow();
	frame[1] = 2;	/* not a tail call */
}

static int stack_to_its_limit(void)
{
	struct rlimit rl = { 256 * 1024, 256 * 1024 };
	stack_top = __builtin_frame_address(0);
	if (sys2(SYS_setrlimit, RLIMIT_STACK, &rl))
		return 1;
	grow();
	return 2;
}

static void stack_grows_to_rlimit_stack_then_sigsegv(void)
{
	int status;

	stack_depth = (long *)sys6(SYS_mmap, 0, PG, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT((long)stack_depth > 0, "mmap"))
		return;
	status = in_child(stack_to_its_limit);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x", status);
	EXPECT(*stack_depth >= 128 * 1024 && *stack_depth <= 256 * 1024,
	       "reached %ld bytes", *stack_depth);
	sys2(SYS_munmap, stack_depth, PG);
}

static const char *self_path;

/* Run as "rlimits deep-stack": 0 once the stack holds 16 MiB. */
static int __attribute__((noinline)) deep_stack(long depth)
{
	volatile char frame[PG];

	frame[0] = 1;
	if (depth < 16 * MiB / PG)
		return deep_stack(depth + 1) + frame[0] - 1;
	return 0;
}

static int exec_with_a_32_mib_stack(void)
{
	struct rlimit rl = { 32 * MiB, 32 * MiB };
	char *argv[] = { (char *)self_path, "deep-stack", NULL }, *envp[] = { NULL };

	if (sys2(SYS_setrlimit, RLIMIT_STACK, &rl))
		return 1;
	sys3(SYS_execve, self_path, argv, envp);
	return 2;
}

/* exec leaves room below the stack for the limit it sees, past the default 8 MiB. */
static void stack_limit_above_8_mib_holds_after_exec(void)
{
	int status = in_child(exec_with_a_32_mib_stack);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

/* The child's exit code: 0, or the check that failed. */
static int data_limit(void)
{
	struct rlimit rl = { 8 * MiB, 8 * MiB };
	long a, brk0;

	if (sys2(SYS_setrlimit, RLIMIT_DATA, &rl))
		return 1;
	if (sys6(SYS_mmap, 0, 16 * MiB, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != -ENOMEM)
		return 2;
	a = sys6(SYS_mmap, 0, 16 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a < 0)
		return 3;		/* read-only memory is not data */
	a = sys6(SYS_mmap, 0, MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a < 0)
		return 4;
	if (sys5(SYS_mremap, a, MiB, 16 * MiB, 1 /* MREMAP_MAYMOVE */, 0) != -ENOMEM)
		return 5;
	brk0 = sys1(SYS_brk, 0);
	if (sys1(SYS_brk, brk0 + 16 * MiB) != brk0)
		return 6;
	return 0;
}

static void data_limit_stops_private_writable_memory(void)
{
	int status = in_child(data_limit);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "failed check %d (status %#x)", WEXITSTATUS(status), status);
}

/* What the RLIMIT_CPU child saw, for the parent after its SIGKILL. */
struct cpu_report {
	volatile int sigxcpu;		/* SIGXCPUs handled */
	volatile long soft_after;	/* RLIMIT_CPU's soft limit after the first */
};
static struct cpu_report *cpu_report;

static void on_sigxcpu(int sig)
{
	cpu_report->sigxcpu++;
}

static int spin_past_the_cpu_limit(void)
{
	struct rlimit rl = { 1, 2 }, now;

	signal(SIGXCPU, on_sigxcpu);
	if (sys2(SYS_setrlimit, RLIMIT_CPU, &rl))
		return 1;
	for (;;)
		if (cpu_report->sigxcpu && !cpu_report->soft_after &&
		    !sys2(SYS_getrlimit, RLIMIT_CPU, &now))
			cpu_report->soft_after = now.rlim_cur;
}

/* Soft limit: SIGXCPU, and the soft limit a second further; hard limit: SIGKILL. */
static void cpu_limit_sends_sigxcpu_then_sigkill(void)
{
	int status;

	cpu_report = (struct cpu_report *)sys6(SYS_mmap, 0, PG, PROT_READ | PROT_WRITE,
					       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT((long)cpu_report > 0, "mmap"))
		return;
	status = in_child(spin_past_the_cpu_limit);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	EXPECT(cpu_report->sigxcpu == 1, "%d SIGXCPU", cpu_report->sigxcpu);
	EXPECT(cpu_report->soft_after == 2, "soft limit after SIGXCPU: %ld", cpu_report->soft_after);
	sys2(SYS_munmap, cpu_report, PG);
}

/* The child's exit code: 0, or the check that failed. */
static int address_space_limit(void)
{
	struct rlimit rl = { 64 * MiB, 64 * MiB };
	long a, b, brk0, r;

	if (sys2(SYS_setrlimit, RLIMIT_AS, &rl))
		return 1;
	if (sys6(SYS_mmap, 0, 128 * MiB, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != -ENOMEM)
		return 2;
	a = sys6(SYS_mmap, 0, MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a < 0)
		return 3;
	if (sys5(SYS_mremap, a, MiB, 128 * MiB, 1 /* MREMAP_MAYMOVE */, 0) != -ENOMEM)
		return 4;
	b = sys5(SYS_mremap, a, MiB, 2 * MiB, 1, 0);
	if (b < 0)
		return 5;
	brk0 = sys1(SYS_brk, 0);
	r = sys1(SYS_brk, brk0 + 128 * MiB);
	if (r != brk0)
		return 6;
	if (sys1(SYS_brk, brk0 + PG) != brk0 + PG)
		return 7;
	return 0;
}

static void address_space_limit_stops_mmap_mremap_and_brk(void)
{
	int status = in_child(address_space_limit);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "failed check %d (status %#x)", WEXITSTATUS(status), status);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(rlimit_calls_check_their_arguments),
	KTAP_CASE(core_limit_is_stored),
	KTAP_CASE(prlimit64_reads_and_sets_another_process),
	KTAP_CASE(stack_grows_to_rlimit_stack_then_sigsegv),
	KTAP_CASE(stack_limit_above_8_mib_holds_after_exec),
	KTAP_CASE(address_space_limit_stops_mmap_mremap_and_brk),
	KTAP_CASE(data_limit_stops_private_writable_memory),
	KTAP_CASE(cpu_limit_sends_sigxcpu_then_sigkill),
};

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "deep-stack"))
		return deep_stack(0);
	self_path = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
