// SPDX-License-Identifier: MIT
/*
 * System-call restart after a signal, as Linux does it. Two kinds of case.
 *
 * With a handler: a helper child signals the parent again and again
 * until the parent's handler finds it interrupted the call under test
 * (the handler's context is at the call's SYSCALL or int $0x80, or just
 * after it), then does what ends the wait. The context the handler saw
 * says what the kernel did: rewound onto the instruction with the number
 * back in rax (a restart), or past it with -EINTR.
 *
 * Without one: a tracer stops the tracee inside the call with SIGSTOP and
 * discards the signal. The exit stop shows the kernel's -ERESTART* code
 * (Linux lets a debugger see it), and the next entry stop is the call
 * again, or restart_syscall(219) for a sleep that keeps its end time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sched.h>
#include <ucontext.h>
#define FUTEX_WAIT	0
#define FUTEX_WAKE	1
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO	0x420e
#endif
#define AUDIT_ARCH_X86_64	0xc000003e
#define AUDIT_ARCH_I386		0x40000003
#define NR_restart_syscall	219
#define ERESTARTSYS		512
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

/*
 * rsys(nr, a, b, c, d): one SYSCALL at rsys_insn. rcx is zeroed first:
 * SYSCALL sets it to its return address, so a context at rsys_insn
 * with rcx at rsys_insn + 2 has been through the call already (a
 * rewind), not just about to enter it. ri80(nr, b, c, d): int $0x80 at
 * ri80_insn.
 */
long rsys(long nr, long a, long b, long c, long d);
long ri80(long nr, long b, long c, long d);
extern char rsys_insn[], ri80_insn[];
__asm__(".text\n"
	".globl rsys\n"
	"rsys:\n\t"
	"movq %rdi, %rax\n\t"
	"movq %rsi, %rdi\n\t"
	"movq %rdx, %rsi\n\t"
	"movq %rcx, %rdx\n\t"
	"movq %r8, %r10\n\t"
	"xorl %ecx, %ecx\n"
	".globl rsys_insn\n"
	"rsys_insn:\n\t"
	"syscall\n\t"
	"ret\n"
	".globl ri80\n"
	"ri80:\n\t"
	"pushq %rbx\n\t"
	"movq %rdi, %rax\n\t"
	"movq %rsi, %rbx\n\t"
	"movq %rcx, %r11\n\t"
	"movq %rdx, %rcx\n\t"
	"movq %r11, %rdx\n"
	".globl ri80_insn\n"
	"ri80_insn:\n\t"
	"int $0x80\n\t"
	"popq %rbx\n\t"
	"ret\n");

/* What the handler saw, shared with the helper that sends the signals. */
struct seen {
	volatile int hit;	/* the handler interrupted the call */
	volatile long ax;	/* rax in its context */
	volatile unsigned long ip;
	volatile int futex;
};

static struct seen *seen;
static char *insn;		/* rsys_insn or ri80_insn: the call under test */

static void handler(int sig, siginfo_t *si, void *ctx)
{
	greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	unsigned long ip = g[REG_RIP];
	bool rewound = ip == (unsigned long)insn &&
		       (insn == ri80_insn || g[REG_RCX] == (greg_t)(insn + 2));

	(void)sig;
	(void)si;
	if (seen->hit || !(rewound || ip == (unsigned long)insn + 2))
		return;
	seen->ax = g[REG_RAX];
	seen->ip = ip;
	seen->hit = 1;
}

static bool setup(int flags)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | flags };

	if (!seen)
		seen = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (seen == MAP_FAILED) {
		seen = NULL;
		return false;
	}
	memset((void *)seen, 0, sizeof(*seen));
	return sigaction(SIGUSR1, &sa, NULL) == 0;
}

/*
 * A helper that signals us until the handler saw the call interrupted,
 * then runs @finish (which ends the wait) and exits.
 */
static int start_signaller(void (*finish)(void))
{
	int parent = getpid(), pid = fork();

	if (pid == 0) {
		while (!seen->hit) {
			kill(parent, SIGUSR1);
			sched_yield();
		}
		if (finish)
			finish();
		_exit(0);
	}
	return pid;
}

static void reap(int pid)
{
	int st;

	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "helper status %#x", st);
}

static bool rewound_to(long ax)
{
	return seen->ip == (unsigned long)insn && seen->ax == ax;
}

static bool returned_eintr(void)
{
	return seen->ip == (unsigned long)insn + 2 && (int)seen->ax == -EINTR;
}

/* --- with a handler ----------------------------------------------------------- */

static int pipe_w = -1;
static char byte;	/* in .bss, below 4 GiB: int $0x80 takes 32-bit pointers */

static void write_pipe(void)
{
	if (write(pipe_w, "x", 1) != 1)
		_exit(3);
}

/* A read on an empty pipe, with @flags for the handler; what the read returned. */
static long read_interrupted(int flags, bool compat)
{
	int fds[2], pid;
	long ret;

	if (!setup(flags) || pipe(fds))
		return -1000;
	pipe_w = fds[1];
	insn = compat ? ri80_insn : rsys_insn;
	pid = start_signaller(write_pipe);
	if (compat)
		ret = ri80(NR32_read, fds[0], (long)&byte, 1);
	else
		ret = rsys(SYS_read, fds[0], (long)&byte, 1, 0);
	reap(pid);
	close(fds[0]);
	close(fds[1]);
	return ret;
}

static void pipe_read_restarts_after_sa_restart_handler(void)
{
	long ret = read_interrupted(SA_RESTART, false);

	EXPECT(ret == 1, "read returned %ld", ret);
	EXPECT(rewound_to(SYS_read), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
}

static void pipe_read_without_sa_restart_is_eintr(void)
{
	long ret = read_interrupted(0, false);

	EXPECT(ret == -EINTR, "read returned %ld", ret);
	EXPECT(returned_eintr(), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
}

static void int80_read_restarts_after_sa_restart_handler(void)
{
	long ret = read_interrupted(SA_RESTART, true);

	EXPECT(ret == 1, "int $0x80 read returned %ld", ret);
	EXPECT(rewound_to(NR32_read), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
}

/* pause() is -ERESTARTNOHAND: a handler ends it, SA_RESTART or not. */
static void pause_with_sa_restart_handler_is_eintr(void)
{
	long ret;
	int pid;

	if (!setup(SA_RESTART))
		return;
	insn = rsys_insn;
	pid = start_signaller(NULL);
	ret = rsys(SYS_pause, 0, 0, 0, 0);
	reap(pid);
	EXPECT(ret == -EINTR, "pause returned %ld", ret);
	EXPECT(returned_eintr(), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
}

/* A relative nanosleep broken by a handler: -EINTR and the time it had left. */
static void nanosleep_with_handler_is_eintr_with_time_left(void)
{
	struct timespec req = { 1000, 0 }, rem = { -1, -1 };
	long ret;
	int pid;

	if (!setup(SA_RESTART))
		return;
	insn = rsys_insn;
	pid = start_signaller(NULL);
	ret = rsys(SYS_nanosleep, (long)&req, (long)&rem, 0, 0);
	reap(pid);
	EXPECT(ret == -EINTR, "nanosleep returned %ld", ret);
	EXPECT(returned_eintr(), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
	EXPECT(rem.tv_sec >= 0 && rem.tv_sec <= 1000 && rem.tv_nsec >= 0 &&
	       rem.tv_nsec < 1000000000 && (rem.tv_sec || rem.tv_nsec),
	       "rem %ld.%09ld", (long)rem.tv_sec, rem.tv_nsec);
}

static void wake_futex(void)
{
	seen->futex = 1;
	while (rsys(SYS_futex, (long)&seen->futex, FUTEX_WAKE, 1, 0) == 0 && seen->futex == 1)
		sched_yield();
}

/* A wait without a timeout is -ERESTARTSYS: it goes on after a SA_RESTART handler. */
static void futex_wait_restarts_after_sa_restart_handler(void)
{
	long ret;
	int pid;

	if (!setup(SA_RESTART))
		return;
	insn = rsys_insn;
	pid = start_signaller(wake_futex);
	ret = rsys(SYS_futex, (long)&seen->futex, FUTEX_WAIT, 0, 0);
	seen->futex = 2;	/* lets the helper's wake loop end */
	reap(pid);
	EXPECT(ret == 0 || ret == -EAGAIN, "futex wait returned %ld", ret);
	EXPECT(rewound_to(SYS_futex), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
}

/* With a timeout it is -ERESTART_RESTARTBLOCK: a handler ends it even with SA_RESTART. */
static void timed_futex_wait_with_handler_is_eintr(void)
{
	struct timespec ts = { 1000, 0 };
	long ret;
	int pid;

	if (!setup(SA_RESTART))
		return;
	insn = rsys_insn;
	pid = start_signaller(NULL);
	ret = rsys(SYS_futex, (long)&seen->futex, FUTEX_WAIT, 0, (long)&ts);
	reap(pid);
	EXPECT(ret == -EINTR, "futex wait returned %ld", ret);
	EXPECT(returned_eintr(), "handler saw ip %#lx ax %ld", seen->ip, seen->ax);
}

/* --- without a handler: a tracer looks ------------------------------------------ */

struct syscall_info {
	uint8_t op;
	uint8_t pad[3];
	uint32_t arch;
	uint64_t ip, sp;
	union {
		struct { uint64_t nr, args[6]; } entry;
		struct { int64_t rval; uint8_t is_error; } exit;
	};
};

static long pt(long req, long pid, long addr, long data)
{
	return sys4(SYS_ptrace, req, pid, addr, data);
}

static int wait_stop(int pid)
{
	int st = -1;

	if (sys4(SYS_wait4, pid, &st, __WALL, 0) != pid)
		return -1;
	return WIFSTOPPED(st) ? WSTOPSIG(st) : -1;
}

static bool syscall_stop(int pid, struct syscall_info *info)
{
	int sig = wait_stop(pid);

	if (sig != (SIGTRAP | 0x80))
		return false;
	return pt(PTRACE_GET_SYSCALL_INFO, pid, sizeof(*info), (long)info) > 0;
}

typedef void (*tracee_fn)(void);

/*
 * Run @fn traced; stop it inside the call numbered @nr (@compat: the
 * i386 one) with a SIGSTOP the tracer then discards. @code is the
 * -ERESTART* the exit stop must show, @again the number the next entry
 * stop must show.
 */
static void interrupt_traced(tracee_fn fn, int nr, bool compat, long code, int again)
{
	uint32_t arch = compat ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64;
	struct syscall_info info;
	int pid = fork(), n;

	if (pid == 0) {
		if (pt(PTRACE_TRACEME, 0, 0, 0))
			_exit(90);
		raise(SIGSTOP);
		fn();
		_exit(0);
	}
	if (!EXPECT(wait_stop(pid) == SIGSTOP, "no first stop"))
		goto out;
	pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
	for (n = 0; n < 100; n++) {
		pt(PTRACE_SYSCALL, pid, 0, 0);
		if (!EXPECT(syscall_stop(pid, &info), "no syscall stop"))
			goto out;
		if (info.op == 1 && info.entry.nr == (uint64_t)nr && info.arch == arch)
			break;
	}
	if (!EXPECT(n < 100, "never entered %d", nr))
		goto out;
	pt(PTRACE_SYSCALL, pid, 0, 0);
	kill(pid, SIGSTOP);
	if (!EXPECT(syscall_stop(pid, &info), "no exit stop"))
		goto out;
	EXPECT(info.op == 2 && info.exit.rval == code && info.exit.is_error,
	       "exit stop op %d rval %ld, wanted %ld", info.op, (long)info.exit.rval, code);
	pt(PTRACE_SYSCALL, pid, 0, 0);
	if (!EXPECT(wait_stop(pid) == SIGSTOP, "no signal-delivery stop"))
		goto out;
	pt(PTRACE_SYSCALL, pid, 0, 0);	/* SIGSTOP discarded: no handler runs */
	if (!EXPECT(syscall_stop(pid, &info), "no entry stop after the restart"))
		goto out;
	EXPECT(info.op == 1 && info.entry.nr == (uint64_t)again && info.arch == arch,
	       "entry stop op %d nr %ld arch %#x, wanted %d", info.op,
	       (long)info.entry.nr, info.arch, again);
	EXPECT(info.ip == (uint64_t)(compat ? ri80_insn : rsys_insn) + 2,
	       "entry stop ip %#lx", (long)info.ip);
out:
	kill(pid, SIGKILL);
	waitpid(pid, NULL, __WALL);
}

static void sleep_1000s(void)
{
	struct timespec req = { 1000, 0 };

	rsys(SYS_nanosleep, (long)&req, 0, 0, 0);
}

static void sleep_until_far(void)
{
	struct timespec req = { 1L << 40, 0 };

	rsys(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, (long)&req, 0);
}

static void read_empty_pipe(void)
{
	int fds[2];
	char c;

	if (!pipe(fds))
		rsys(SYS_read, fds[0], (long)&c, 1, 0);
}

static void int80_read_empty_pipe(void)
{
	int fds[2];

	if (!pipe(fds))
		ri80(NR32_read, fds[0], (long)&byte, 1);
}

static void pause_forever(void)
{
	rsys(SYS_pause, 0, 0, 0, 0);
}

static void stopped_nanosleep_goes_on_through_restart_syscall(void)
{
	interrupt_traced(sleep_1000s, SYS_nanosleep, false, -ERESTART_RESTARTBLOCK,
			 NR_restart_syscall);
}

static void stopped_absolute_sleep_runs_again(void)
{
	interrupt_traced(sleep_until_far, SYS_clock_nanosleep, false, -ERESTARTNOHAND,
			 SYS_clock_nanosleep);
}

static void stopped_pipe_read_runs_again(void)
{
	interrupt_traced(read_empty_pipe, SYS_read, false, -ERESTARTSYS, SYS_read);
}

static void stopped_pause_runs_again(void)
{
	interrupt_traced(pause_forever, SYS_pause, false, -ERESTARTNOHAND, SYS_pause);
}

static void stopped_int80_read_runs_again_as_i386(void)
{
	interrupt_traced(int80_read_empty_pipe, NR32_read, true, -ERESTARTSYS, NR32_read);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pipe_read_restarts_after_sa_restart_handler),
	KTAP_CASE(pipe_read_without_sa_restart_is_eintr),
	KTAP_CASE(int80_read_restarts_after_sa_restart_handler),
	KTAP_CASE(pause_with_sa_restart_handler_is_eintr),
	KTAP_CASE(nanosleep_with_handler_is_eintr_with_time_left),
	KTAP_CASE(futex_wait_restarts_after_sa_restart_handler),
	KTAP_CASE(timed_futex_wait_with_handler_is_eintr),
	KTAP_CASE(stopped_nanosleep_goes_on_through_restart_syscall),
	KTAP_CASE(stopped_absolute_sleep_runs_again),
	KTAP_CASE(stopped_pipe_read_runs_again),
	KTAP_CASE(stopped_pause_runs_again),
	KTAP_CASE(stopped_int80_read_runs_again_as_i386),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
