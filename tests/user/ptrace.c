// SPDX-License-Identifier: MIT
/*
 * ptrace(2): a tracer and its tracee, each case a fork. Attaching
 * (TRACEME, ATTACH, SEIZE) and its errors; the stops the tracer's wait
 * reports (signal-delivery, group stop, PTRACE_INTERRUPT, exec, exit,
 * fork) and the signal it resumes with; memory (PEEK/POKE, text through
 * a private copy), registers (GETREGS/SETREGS and their checks, struct
 * user, FPU, register sets), a hardware breakpoint set through
 * u_debugreg[], a small strace loop, a skipped and a renamed system
 * call, single steps (over SYSCALL too), a tracee's death seen by its
 * tracer before its parent, PTRACE_LISTEN, the signal mask and queue
 * (GET/SETSIGMASK, PEEKSIGINFO) and the vfork events. Raw system calls,
 * so the kernel's own error comes back.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <elf.h>
#include "ktap.h"
#include "sys.h"

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO	0x420e
#endif
#ifndef TRAP_HWBKPT
#define TRAP_HWBKPT 4
#endif
#define NT_X86_XSTATE_ 0x202

static char *self_path;

static long pt(long req, long pid, long addr, long data)
{
	return sys4(SYS_ptrace, req, pid, addr, data);
}

/* wait4 for @pid, the raw status. */
static int wait_status(int pid)
{
	int st = -1;
	long r = sys4(SYS_wait4, pid, &st, __WALL, 0);

	return r == pid ? st : -1;
}

/* A child that asks to be traced and stops itself with SIGSTOP, then runs @fn. */
static int traced_child(int (*fn)(void))
{
	int pid = fork();

	if (pid == 0) {
		if (pt(PTRACE_TRACEME, 0, 0, 0))
			_exit(90);
		raise(SIGSTOP);
		_exit(fn());
	}
	return pid;
}

/* Until the stop of @pid, which must be a stop for @sig; false otherwise. */
static int expect_stop(int pid, int sig)
{
	int st = wait_status(pid);

	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == sig, "status %#x, wanted stop by %d", st, sig);
	return WIFSTOPPED(st) && WSTOPSIG(st) == sig;
}

static void expect_exit(int pid, int code)
{
	int st = wait_status(pid);

	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == code, "status %#x, wanted exit %d", st, code);
}

/* A child blocked reading a pipe, until it is written; it exits with what it read. */
static int blocked_child(int *wfd)
{
	int fds[2], pid;
	char c = 0;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		while (read(fds[0], &c, 1) < 0)
			;
		_exit(c);
	}
	close(fds[0]);
	*wfd = fds[1];
	return pid;
}

/* --- attaching ------------------------------------------------------------------ */

static int exits_7(void) { return 7; }

static void traceme_signal_delivery_stop(void)
{
	int pid = traced_child(exits_7);
	siginfo_t si;

	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_GETSIGINFO, pid, 0, (long)&si) == 0 && si.si_signo == SIGSTOP,
	       "GETSIGINFO");
	EXPECT(pt(PTRACE_CONT, pid, 0, 0) == 0, "CONT suppressing SIGSTOP");
	expect_exit(pid, 7);
}

static void traceme_twice_is_eperm(void)
{
	int pid = fork();

	if (pid == 0) {
		if (pt(PTRACE_TRACEME, 0, 0, 0))
			_exit(1);
		_exit(pt(PTRACE_TRACEME, 0, 0, 0) == -EPERM ? 0 : 2);
	}
	expect_exit(pid, 0);
}

static void attach_errors(void)
{
	int wfd, pid = blocked_child(&wfd);

	EXPECT(pt(PTRACE_ATTACH, getpid(), 0, 0) == -EPERM, "self");
	EXPECT(pt(PTRACE_ATTACH, 1, 0, 0) == -EPERM, "init");
	EXPECT(pt(PTRACE_ATTACH, 0x3ffffff, 0, 0) == -ESRCH, "no such pid");
	EXPECT(pt(PTRACE_ATTACH, 0, 0, 0) == -ESRCH, "pid 0");
	EXPECT(pt(PTRACE_CONT, -1, 0, 0) == -ESRCH, "pid -1");
	EXPECT(pt(PTRACE_CONT, pid, 0, 0) == -ESRCH, "not yet traced");
	EXPECT(pt(PTRACE_SEIZE, pid, 1, 0) == -EIO, "SEIZE with addr");
	EXPECT(pt(PTRACE_SEIZE, pid, 0, 0x80000000) == -EIO, "SEIZE bad option");
	EXPECT(pt(PTRACE_ATTACH, pid, 0, 0) == 0, "ATTACH");
	EXPECT(pt(PTRACE_ATTACH, pid, 0, 0) == -EPERM, "ATTACH twice");
	if (expect_stop(pid, SIGSTOP)) {
		long w;

		EXPECT(pt(PTRACE_CONT, pid, 0, 1000) == -EIO, "CONT with a bad signal");
		EXPECT(pt(12345, pid, 0, 0) == -EIO, "unknown request");
		EXPECT(pt(PTRACE_SETOPTIONS, pid, 0, 0x80000000) == -EINVAL, "bad options");
		EXPECT(pt(PTRACE_PEEKDATA, pid, 0, (long)&w) == -EIO, "PEEKDATA at 0");
		EXPECT(pt(PTRACE_CONT, pid, 0, 0) == 0, "CONT");
		EXPECT(pt(PTRACE_PEEKDATA, pid, (long)&w, (long)&w) == -ESRCH, "running tracee");
	}
	EXPECT(pt(PTRACE_KILL, pid, 0, 0) == 0, "KILL");
	{
		int st = wait_status(pid);

		EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
	}
	close(wfd);
}

static void seize_interrupt_and_group_stop(void)
{
	int wfd, pid = blocked_child(&wfd), st;

	EXPECT(pt(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACESYSGOOD) == 0, "SEIZE");
	EXPECT(pt(PTRACE_INTERRUPT, pid, 0, 0) == 0, "INTERRUPT");
	st = wait_status(pid);
	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && (st >> 16) == PTRACE_EVENT_STOP,
	       "interrupt stop: status %#x", st);
	EXPECT(pt(PTRACE_CONT, pid, 0, 0) == 0, "CONT");
	kill(pid, SIGSTOP);
	if (expect_stop(pid, SIGSTOP)) {
		EXPECT(pt(PTRACE_CONT, pid, 0, SIGSTOP) == 0, "CONT with SIGSTOP");
		st = wait_status(pid);
		EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP && (st >> 16) == PTRACE_EVENT_STOP,
		       "group stop: status %#x", st);
	}
	EXPECT(pt(PTRACE_DETACH, pid, 0, 0) == 0, "DETACH");
	kill(pid, SIGCONT);
	if (write(wfd, "\x0b", 1) != 1)
		ktap_diag("write");
	expect_exit(pid, 11);
	close(wfd);
}

#ifndef PTRACE_LISTEN
#define PTRACE_LISTEN	0x4208
#endif

/* A listening tracee stays stopped, hidden from wait, until SIGCONT makes it trap again. */
static void listen_until_sigcont(void)
{
	int wfd, pid = blocked_child(&wfd), st;
	struct user_regs_struct regs;
	siginfo_t si;

	EXPECT(pt(PTRACE_SEIZE, pid, 0, 0) == 0, "SEIZE");
	kill(pid, SIGSTOP);
	if (!expect_stop(pid, SIGSTOP))
		goto out;
	EXPECT(pt(PTRACE_LISTEN, pid, 0, 0) == -EIO, "LISTEN at a signal-delivery stop");
	pt(PTRACE_CONT, pid, 0, SIGSTOP);
	st = wait_status(pid);
	if (!EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP && (st >> 16) == PTRACE_EVENT_STOP,
		    "group stop: status %#x", st))
		goto out;
	EXPECT(pt(PTRACE_GETSIGINFO, pid, 0, (long)&si) == 0 && si.si_signo == SIGSTOP &&
	       si.si_code == (SIGSTOP | PTRACE_EVENT_STOP << 8), "group stop siginfo %d %#x",
	       si.si_signo, si.si_code);
	EXPECT(pt(PTRACE_LISTEN, pid, 0, 0) == 0, "LISTEN");
	EXPECT(pt(PTRACE_GETREGS, pid, 0, (long)&regs) == -ESRCH, "GETREGS while listening");
	EXPECT(sys4(SYS_wait4, pid, &st, __WALL | WNOHANG, 0) == 0, "a report while listening");
	kill(pid, SIGCONT);
	st = wait_status(pid);
	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && (st >> 16) == PTRACE_EVENT_STOP,
	       "after SIGCONT: status %#x", st);
	pt(PTRACE_CONT, pid, 0, 0);
	if (expect_stop(pid, SIGCONT))	/* then the signal itself, for the tracer */
		pt(PTRACE_CONT, pid, 0, 0);
out:
	if (write(wfd, "\x05", 1) != 1)
		ktap_diag("write");
	expect_exit(pid, 5);
	close(wfd);
}

/*
 * SIGCONT to a seized tracee in its group-stop trap, not listening: it
 * stays stopped for the tracer, which sees the continuation with
 * WCONTINUED; once resumed it traps again at once (PTRACE_EVENT_STOP
 * with SIGTRAP: the group is no longer stopped), then reports SIGCONT
 * itself. A running seized tracee traps the same way on SIGCONT. Linux's
 * ptrace_trap_notify() and JOBCTL_TRAP_NOTIFY.
 */
static void sigcont_to_seized_group_stop_traps_again(void)
{
	int wfd, pid = blocked_child(&wfd), st;
	siginfo_t si;

	EXPECT(pt(PTRACE_SEIZE, pid, 0, 0) == 0, "SEIZE");
	kill(pid, SIGSTOP);
	if (!expect_stop(pid, SIGSTOP))
		goto out;
	pt(PTRACE_CONT, pid, 0, SIGSTOP);
	st = wait_status(pid);
	if (!EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP && (st >> 16) == PTRACE_EVENT_STOP,
		    "group stop: status %#x", st))
		goto out;
	kill(pid, SIGCONT);
	st = -1;
	EXPECT(sys4(SYS_wait4, pid, &st, __WALL | WNOHANG, 0) == 0, "a stop report without "
	       "WCONTINUED: status %#x", st);
	st = -1;
	/* kill() marked the group continued before it returned. */
	EXPECT(sys4(SYS_wait4, pid, &st, __WALL | WCONTINUED | WNOHANG, 0) == pid &&
	       WIFCONTINUED(st), "WCONTINUED: status %#x", st);
	EXPECT(pt(PTRACE_GETSIGINFO, pid, 0, (long)&si) == 0, "still stopped for the tracer");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_status(pid);
	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && (st >> 16) == PTRACE_EVENT_STOP,
	       "resumed after SIGCONT: status %#x", st);
	EXPECT(pt(PTRACE_GETSIGINFO, pid, 0, (long)&si) == 0 && si.si_signo == SIGTRAP &&
	       si.si_code == (SIGTRAP | PTRACE_EVENT_STOP << 8), "its siginfo %d %#x",
	       si.si_signo, si.si_code);
	pt(PTRACE_CONT, pid, 0, 0);
	if (expect_stop(pid, SIGCONT))
		pt(PTRACE_CONT, pid, 0, 0);
	/* Running (asleep in read): SIGCONT makes it trap, then report the signal. */
	kill(pid, SIGCONT);
	st = wait_status(pid);
	EXPECT(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && (st >> 16) == PTRACE_EVENT_STOP,
	       "running tracee after SIGCONT: status %#x", st);
	pt(PTRACE_CONT, pid, 0, 0);
	if (expect_stop(pid, SIGCONT))
		pt(PTRACE_CONT, pid, 0, 0);
out:
	if (write(wfd, "\x06", 1) != 1)
		ktap_diag("write");
	expect_exit(pid, 6);
	close(wfd);
}

static void detach_then_attach_again(void)
{
	int wfd, pid = blocked_child(&wfd);

	EXPECT(pt(PTRACE_ATTACH, pid, 0, 0) == 0, "ATTACH");
	if (expect_stop(pid, SIGSTOP))
		EXPECT(pt(PTRACE_DETACH, pid, 0, 0) == 0, "DETACH");
	EXPECT(pt(PTRACE_SEIZE, pid, 0, 0) == 0, "SEIZE after DETACH");
	EXPECT(pt(PTRACE_DETACH, pid, 0, 0) == -ESRCH, "DETACH of a running tracee");
	if (write(wfd, "\x03", 1) != 1)
		ktap_diag("write");
	expect_exit(pid, 3);
	close(wfd);
}

/* --- the tracer's and the parent's view of a death ------------------------------ */

static void tracer_sees_exit_before_parent(void)
{
	int wfd, pid = blocked_child(&wfd), sync[2], back[2], tracer, st;
	char c;

	if (pipe(sync) || pipe(back))
		return;
	tracer = fork();
	if (tracer == 0) {
		unsigned long msg = 0;
		siginfo_t si;

		if (pt(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACEEXIT))
			_exit(1);
		if (write(sync[1], "a", 1) != 1)
			_exit(2);
		st = wait_status(pid);
		if (!WIFSTOPPED(st) || (st >> 8) != (SIGTRAP | PTRACE_EVENT_EXIT << 8))
			_exit(3);
		if (pt(PTRACE_GETEVENTMSG, pid, 0, (long)&msg) || msg != 5 << 8)
			_exit(4);
		pt(PTRACE_CONT, pid, 0, 0);
		if (waitid(P_PID, pid, &si, WEXITED | WNOWAIT) || si.si_status != 5)
			_exit(5);
		if (write(sync[1], "z", 1) != 1 || read(back[0], &c, 1) != 1)
			_exit(6);
		st = wait_status(pid);
		_exit(WIFEXITED(st) && WEXITSTATUS(st) == 5 ? 0 : 7);
	}
	EXPECT(read(sync[0], &c, 1) == 1 && c == 'a', "tracer attached");
	if (write(wfd, "\x05", 1) != 1)
		ktap_diag("write");
	EXPECT(read(sync[0], &c, 1) == 1 && c == 'z', "tracer saw the zombie");
	EXPECT(sys4(SYS_wait4, pid, &st, WNOHANG, 0) == 0, "parent does not see it first");
	if (write(back[1], "g", 1) != 1)
		ktap_diag("write");
	expect_exit(tracer, 0);
	expect_exit(pid, 5);
	close(wfd);
}

static void tracer_death_detaches(void)
{
	int wfd, pid = blocked_child(&wfd), tracer;

	tracer = fork();
	if (tracer == 0)
		_exit(pt(PTRACE_SEIZE, pid, 0, 0) ? 1 : 0);
	expect_exit(tracer, 0);
	EXPECT(pt(PTRACE_SEIZE, pid, 0, 0) == 0, "free to attach again");
	EXPECT(pt(PTRACE_DETACH, pid, 0, 0) == -ESRCH, "running");
	if (write(wfd, "\x04", 1) != 1)
		ktap_diag("write");
	expect_exit(pid, 4);
	close(wfd);
}

static void exitkill_kills_with_the_tracer(void)
{
	int wfd, pid = blocked_child(&wfd), tracer, st;

	tracer = fork();
	if (tracer == 0)
		_exit(pt(PTRACE_SEIZE, pid, 0, PTRACE_O_EXITKILL) ? 1 : 0);
	expect_exit(tracer, 0);
	st = wait_status(pid);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
	close(wfd);
}

/* --- exec and fork ----------------------------------------------------------------- */

static int execs_self(void)
{
	char *argv[] = { self_path, "exit42", NULL };

	execve(self_path, argv, NULL);
	return 99;
}

static void exec_sends_sigtrap(void)
{
	int pid = traced_child(execs_self);

	if (!expect_stop(pid, SIGSTOP))
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	if (expect_stop(pid, SIGTRAP))
		pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 42);
}

/*
 * A traced child running @fn, continued with @option set until the
 * event stop it names: its pid, or -1 when it stopped otherwise.
 */
static int run_to_event_stop(int (*fn)(void), long option, int event)
{
	int pid = traced_child(fn), st;

	if (!expect_stop(pid, SIGSTOP))
		return -1;
	EXPECT(pt(PTRACE_SETOPTIONS, pid, 0, option) == 0, "SETOPTIONS");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_status(pid);
	if (!WIFSTOPPED(st) || (st >> 8) != (SIGTRAP | event << 8)) {
		EXPECT(0, "status %#x, not event %d's stop", st, event);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		return -1;
	}
	return pid;
}

static void exec_event_with_traceexec(void)
{
	int pid = run_to_event_stop(execs_self, PTRACE_O_TRACEEXEC, PTRACE_EVENT_EXEC);
	unsigned long msg = 0;

	if (pid < 0)
		return;
	EXPECT(pt(PTRACE_GETEVENTMSG, pid, 0, (long)&msg) == 0 && msg == (unsigned long)pid,
	       "former pid %lu", msg);
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 42);
}

static int forks_one(void)
{
	int st, gc = fork();

	if (gc == 0)
		_exit(6);
	return waitpid(gc, &st, 0) == gc && WIFEXITED(st) && WEXITSTATUS(st) == 6 ? 8 : 1;
}

static void fork_event_attaches_the_child(void)
{
	int pid = run_to_event_stop(forks_one, PTRACE_O_TRACEFORK, PTRACE_EVENT_FORK), st;
	unsigned long gc = 0;

	if (pid < 0)
		return;
	EXPECT(pt(PTRACE_GETEVENTMSG, pid, 0, (long)&gc) == 0 && gc > 0, "new pid");
	if (gc > 0 && expect_stop(gc, SIGSTOP)) {
		pt(PTRACE_CONT, gc, 0, 0);
		expect_exit(gc, 6);	/* the tracer hears first, then lets it go to its parent */
	}
	pt(PTRACE_CONT, pid, 0, 0);
	/* Its child's SIGCHLD stops it on the way: passed on. */
	while (WIFSTOPPED(st = wait_status(pid)) && WSTOPSIG(st) == SIGCHLD)
		pt(PTRACE_CONT, pid, 0, SIGCHLD);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 8, "status %#x", st);
}

/*
 * Where the tracee stops inside a system call without syscall tracing
 * (here the fork event, in the middle of fork()), the tracer's new RIP
 * and RCX must both reach user mode: SYSRET would jump to RCX, so the
 * kernel has to see the frame changed and return through IRET. The
 * landing pad exits with the RCX it finds.
 */
extern char rcx_exit_landing[];
__asm__(".text\n"
	"rcx_exit_landing:\n"
	"	movq	%rcx, %rdi\n"
	"	movl	$231, %eax\n"		/* exit_group(rcx) */
	"	syscall\n"
	"	ud2\n");

static void tracer_regs_at_an_event_stop_reach_user_mode(void)
{
	int pid = run_to_event_stop(forks_one, PTRACE_O_TRACEFORK, PTRACE_EVENT_FORK), st;
	unsigned long gc = 0;
	struct user_regs_struct r;

	if (pid < 0)
		return;
	EXPECT(pt(PTRACE_GETREGS, pid, 0, (long)&r) == 0, "GETREGS");
	r.rip = (unsigned long)rcx_exit_landing;
	r.rcx = 77;
	EXPECT(pt(PTRACE_SETREGS, pid, 0, (long)&r) == 0, "SETREGS");
	if (pt(PTRACE_GETEVENTMSG, pid, 0, (long)&gc) == 0 && gc > 0 && expect_stop(gc, SIGSTOP))
		pt(PTRACE_DETACH, gc, 0, 0);
	pt(PTRACE_CONT, pid, 0, 0);
	while (WIFSTOPPED(st = wait_status(pid)))
		pt(PTRACE_CONT, pid, 0, WSTOPSIG(st) == SIGTRAP ? 0 : WSTOPSIG(st));
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 77,
	       "status %#x: RIP and RCX set at the event stop must both hold", st);
}

/* --- a traced thread's death ------------------------------------------------------ */

#define T_CLONE_VM	0x00000100
#define T_CLONE_SIGHAND	0x00000800
#define T_CLONE_THREAD	0x00010000
#define T_STACK		(16 * 1024)

static char thread_stacks[2][T_STACK] __attribute__((aligned(16)));
static int go_fds[2];

/*
 * clone(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD) onto the top of
 * @stack_top: the thread calls fn() and leaves with exit(2) (not
 * exit_group) and its value.
 */
static long start_thread(int (*fn)(void), char *stack_top)
{
	return clone_raw(fn, stack_top, T_CLONE_VM | T_CLONE_SIGHAND | T_CLONE_THREAD, 0);
}

static int thread_exits_5(void) { return 5; }

static int thread_blocks(void)
{
	char c;

	sys3(SYS_read, go_fds[0], (long)&c, 1);	/* never written: exit_group ends it */
	return 9;
}

/* Thread 1 exits 5 on its own; once told (a byte on go_fds), thread 2 is started and the group exits 7. */
static int threads_then_group_exit(void)
{
	char c;

	if (start_thread(thread_exits_5, thread_stacks[0] + T_STACK) < 0)
		return 1;
	if (sys3(SYS_read, go_fds[0], (long)&c, 1) != 1)
		return 2;
	if (start_thread(thread_blocks, thread_stacks[1] + T_STACK) < 0)
		return 3;
	sys1(SYS_exit_group, 7);
	return 4;
}

/* The tracee's next stop must be a clone event: the new thread's id, stopped and resumed; 0 if not. */
static long follow_clone(int pid)
{
	unsigned long tid = 0;
	int st = wait_status(pid);

	if (!EXPECT(WIFSTOPPED(st) && (st >> 8) == (SIGTRAP | PTRACE_EVENT_CLONE << 8),
		    "clone event: status %#x", st))
		return 0;
	pt(PTRACE_GETEVENTMSG, pid, 0, (long)&tid);
	if (!expect_stop(tid, SIGSTOP))	/* a new tracee that was not seized starts so */
		return 0;
	pt(PTRACE_CONT, tid, 0, 0);
	pt(PTRACE_CONT, pid, 0, 0);
	return tid;
}

/*
 * Linux: a traced thread other than the leader does not reap itself. It
 * stays a zombie its tracer waits for (its own tid and status), and is
 * released then; the process's own exit is reported after its threads'.
 * A thread killed by exit_group() reports the group's status.
 */
static void traced_thread_death_reported_to_tracer(void)
{
	long tid1, tid2;
	siginfo_t si;
	int pid, st;

	if (!EXPECT(pipe(go_fds) == 0, "pipe"))
		return;
	pid = traced_child(threads_then_group_exit);
	if (!expect_stop(pid, SIGSTOP))
		goto out;
	pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACECLONE);
	pt(PTRACE_CONT, pid, 0, 0);
	tid1 = follow_clone(pid);
	if (!tid1)
		goto out;
	si.si_pid = 0;
	EXPECT(sys5(SYS_waitid, P_PID, tid1, (long)&si, WEXITED | WNOWAIT | __WALL, 0) == 0 &&
	       si.si_pid == tid1 && si.si_code == CLD_EXITED && si.si_status == 5,
	       "waitid WNOWAIT: pid %d code %d status %d", si.si_pid, si.si_code, si.si_status);
	st = -1;
	EXPECT(sys4(SYS_wait4, tid1, &st, __WALL, 0) == tid1 && WIFEXITED(st) &&
	       WEXITSTATUS(st) == 5, "the thread's death: status %#x", st);
	EXPECT(sys4(SYS_wait4, tid1, &st, __WALL | WNOHANG, 0) == -ECHILD,
	       "a reaped thread is gone");
	if (write(go_fds[1], "g", 1) != 1)
		goto out;
	tid2 = follow_clone(pid);
	if (!tid2)
		goto out;
	st = -1;
	EXPECT(sys4(SYS_wait4, tid2, &st, __WALL, 0) == tid2 && WIFEXITED(st) &&
	       WEXITSTATUS(st) == 7, "a thread ended by exit_group: status %#x", st);
	expect_exit(pid, 7);
out:
	close(go_fds[0]);
	close(go_fds[1]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Starts a thread that exits 5 at each byte read from @fd; exits 0 at EOF-less byte 'q'. */
static int thread_per_byte(int fd)
{
	char c;

	while (read(fd, &c, 1) == 1) {
		if (c == 'q')
			return 0;
		if (start_thread(thread_exits_5, thread_stacks[0] + T_STACK) < 0)
			return 1;
	}
	return 2;
}

/*
 * The tracer exits without reaping a traced thread's zombie: the thread
 * is released then (Linux's exit_ptrace() releasing the dead), so that
 * its process can still end and be reaped by its parent.
 */
static void tracer_exit_releases_an_unreaped_thread(void)
{
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	int fds[2], st = -1;
	pid_t x, m;

	if (!EXPECT(pipe(fds) == 0, "pipe"))
		return;
	x = fork();
	if (x == 0)
		_exit(thread_per_byte(fds[0]));
	m = fork();
	if (m == 0) {
		unsigned long tid = 0;
		siginfo_t si = { 0 };

		if (pt(PTRACE_SEIZE, x, 0, PTRACE_O_TRACECLONE) ||
		    write(fds[1], "t", 1) != 1)
			_exit(1);
		st = wait_status(x);
		if (!WIFSTOPPED(st) || (st >> 8) != (SIGTRAP | PTRACE_EVENT_CLONE << 8))
			_exit(2);
		pt(PTRACE_GETEVENTMSG, x, 0, (long)&tid);
		pt(PTRACE_CONT, x, 0, 0);
		st = wait_status(tid);	/* a seized new thread starts in PTRACE_EVENT_STOP */
		if (!WIFSTOPPED(st) || (st >> 16) != PTRACE_EVENT_STOP)
			_exit(3);
		pt(PTRACE_CONT, tid, 0, 0);
		if (sys5(SYS_waitid, P_PID, tid, (long)&si, WEXITED | WNOWAIT | __WALL, 0) ||
		    si.si_pid != (pid_t)tid || si.si_status != 5)
			_exit(4);
		_exit(0);	/* the zombie thread unreaped */
	}
	EXPECT(waitpid(m, &st, 0) == m && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "tracer: status %#x (2-4: a step of its wait failed)", st);
	if (write(fds[1], "q", 1) != 1)
		ktap_diag("write");
	/* A bound, not a synchronisation: a leaked thread would keep x from ever being reaped. */
	sigaction(SIGALRM, &sa, &old);
	alarm(30);
	st = -1;
	if (!EXPECT(sys4(SYS_wait4, x, &st, 0, 0) == x && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		    "the traced process: status %#x", st))
		kill(x, SIGKILL);	/* not waited for: it may never be reapable */
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	close(fds[0]);
	close(fds[1]);
}

/* --- memory and registers ----------------------------------------------------------- */

static volatile long poked = 1;

static int checks_poked(void)
{
	return poked == 0x1234 ? 0 : 1;
}

static long text_word(void) __attribute__((noinline));
static long text_word(void)
{
	return 17;
}

static void peek_and_poke(void)
{
	int pid = traced_child(checks_poked);
	long w = 0, t = 0, t2 = 0;

	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_PEEKDATA, pid, (long)&poked, (long)&w) == 0 && w == 1, "PEEKDATA %ld", w);
	EXPECT(pt(PTRACE_POKEDATA, pid, (long)&poked, 0x1234) == 0, "POKEDATA");
	EXPECT(pt(PTRACE_PEEKTEXT, pid, (long)text_word, (long)&t) == 0, "PEEKTEXT");
	EXPECT(pt(PTRACE_POKETEXT, pid, (long)text_word, t ^ 0xff00) == 0, "POKETEXT (read-only)");
	EXPECT(pt(PTRACE_PEEKTEXT, pid, (long)text_word, (long)&t2) == 0 && t2 == (t ^ 0xff00),
	       "the new text");
	EXPECT(*(volatile long *)(void *)text_word == t, "our own text unchanged");
	EXPECT(pt(PTRACE_POKETEXT, pid, (long)text_word, t) == 0, "text back");
	EXPECT(pt(PTRACE_PEEKDATA, pid, 8, (long)&w) == -EIO, "unmapped");
	EXPECT(pt(PTRACE_PEEKDATA, pid, (long)&poked, 8) == -EFAULT, "bad data pointer");
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 0);
}

static int exits_0(void) { return 0; }

static void regs_and_their_checks(void)
{
	int pid = traced_child(exits_0);
	struct user_regs_struct r, r2;
	long v = 0;

	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_GETREGS, pid, 0, (long)&r) == 0, "GETREGS");
	EXPECT(r.cs == 0x33 && r.ss == 0x2b, "cs %#lx ss %#lx", (unsigned long)r.cs, (unsigned long)r.ss);
	EXPECT(pt(PTRACE_PEEKUSER, pid, offsetof(struct user, regs.rip), (long)&v) == 0 &&
	       v == (long)r.rip, "PEEKUSER rip");
	EXPECT(pt(PTRACE_PEEKUSER, pid, 3, (long)&v) == -EIO, "misaligned");
	/* The kernel's struct user ends with error_code and fault_address, past musl's. */
	EXPECT(pt(PTRACE_PEEKUSER, pid, sizeof(struct user) + 16, (long)&v) == -EIO, "past the end");
	EXPECT(pt(PTRACE_GETREGS, pid, 0, 8) == -EFAULT, "bad pointer");
	r2 = r;
	r2.cs = 0;
	EXPECT(pt(PTRACE_SETREGS, pid, 0, (long)&r2) == -EIO, "cs 0");
	r2 = r;
	r2.ss = 0x28;
	EXPECT(pt(PTRACE_SETREGS, pid, 0, (long)&r2) == -EIO, "ss with RPL 0");
	r2 = r;
	r2.fs_base = 0xffff800000000000UL;
	EXPECT(pt(PTRACE_SETREGS, pid, 0, (long)&r2) == -EIO, "kernel fs_base");
	EXPECT(pt(PTRACE_POKEUSER, pid, offsetof(struct user, regs.eflags), 0x3ffffff) == 0,
	       "POKEUSER eflags");
	EXPECT(pt(PTRACE_PEEKUSER, pid, offsetof(struct user, regs.eflags), (long)&v) == 0 &&
	       !(v & 0x3000) && (v & 0x200), "IOPL kept, IF kept: %#lx", v);
	EXPECT(pt(PTRACE_SETREGS, pid, 0, (long)&r) == 0, "SETREGS as it was");
	EXPECT(pt(PTRACE_GETREGS, pid, 0, (long)&r2) == 0 && r2.rip == r.rip && r2.rsp == r.rsp,
	       "round trip");
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 0);
}

/*
 * Loads the user data selector (0x2b) into FS and GS and stops; exits
 * with what it then finds there: 0 for FS kept and GS null. FS held
 * musl's TLS, so only raw system calls from the load on.
 */
static int loads_fs_gs_selectors(void)
{
	unsigned short fs, gs;

	__asm__ volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(0x2b) : "memory");
	sys2(SYS_kill, sys0(SYS_getpid), SIGSTOP);
	__asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs), "=r"(gs));
	sys1(SYS_exit_group, (fs == 0x2b ? 0 : 1) | (gs == 0 ? 0 : 2));
	return 3;
}

/*
 * GETREGS reports the FS and GS selectors the tracee loaded (saved when
 * it was switched out, Linux's save_fsgs()), and a selector the tracer
 * writes is the one the tracee resumes with.
 */
static void fs_gs_selectors_in_getregs(void)
{
	int pid = traced_child(loads_fs_gs_selectors), st;
	struct user_regs_struct r;

	if (!expect_stop(pid, SIGSTOP))
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_GETREGS, pid, 0, (long)&r) == 0 && r.fs == 0x2b && r.gs == 0x2b,
	       "fs %#lx gs %#lx", (unsigned long)r.fs, (unsigned long)r.gs);
	EXPECT(pt(PTRACE_POKEUSER, pid, offsetof(struct user, regs.gs), 0x28) == -EIO,
	       "a selector with RPL 0");
	EXPECT(pt(PTRACE_POKEUSER, pid, offsetof(struct user, regs.gs), 0) == 0, "POKEUSER gs 0");
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_status(pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x (exit 1: FS lost, 2: GS not "
	       "the tracer's)", st);
}

static void fpregs_and_regsets(void)
{
	int pid = traced_child(exits_0);
	struct user_fpregs_struct fp;
	struct user_regs_struct r;
	static char xs[8192];
	struct iovec iov;

	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_GETFPREGS, pid, 0, (long)&fp) == 0 && fp.cwd == 0x37f, "cwd %#x", fp.cwd);
	EXPECT(pt(PTRACE_SETFPREGS, pid, 0, (long)&fp) == 0, "SETFPREGS");
	fp.mxcsr = 0xffffffff;
	EXPECT(pt(PTRACE_SETFPREGS, pid, 0, (long)&fp) == -EINVAL, "MXCSR reserved bits");
	iov = (struct iovec){ &r, sizeof(r) + 64 };
	EXPECT(pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (long)&iov) == 0 && iov.iov_len == sizeof(r),
	       "NT_PRSTATUS %zu", iov.iov_len);
	iov = (struct iovec){ &fp, sizeof(fp) };
	EXPECT(pt(PTRACE_GETREGSET, pid, NT_PRFPREG, (long)&iov) == 0 && iov.iov_len == 512,
	       "NT_PRFPREG");
	iov = (struct iovec){ xs, sizeof(xs) };
	EXPECT(pt(PTRACE_GETREGSET, pid, NT_X86_XSTATE_, (long)&iov) == 0 && iov.iov_len >= 576,
	       "NT_X86_XSTATE %zu", iov.iov_len);
	EXPECT(pt(PTRACE_SETREGSET, pid, NT_X86_XSTATE_, (long)&iov) == 0, "XSTATE back");
	iov = (struct iovec){ &r, sizeof(r) };
	EXPECT(pt(PTRACE_GETREGSET, pid, 0x4711, (long)&iov) == -EINVAL, "unknown set");
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 0);
}

/* --- a hardware breakpoint ------------------------------------------------------------ */

static volatile int watched;

static int writes_watched(void)
{
	watched = 1;
	return 0;
}

#define DR_OFF(n) ((long)offsetof(struct user, u_debugreg) + (n) * 8)

static void hw_breakpoint_sigtrap(void)
{
	int pid = traced_child(writes_watched);
	struct user_regs_struct r;
	siginfo_t si;

	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_POKEUSER, pid, DR_OFF(0), -4096L) == -EINVAL, "DR0 in the kernel");
	EXPECT(pt(PTRACE_POKEUSER, pid, DR_OFF(0), (long)&watched) == 0, "DR0");
	EXPECT(pt(PTRACE_POKEUSER, pid, DR_OFF(7), 1 | 2L << 16) == -EINVAL, "I/O breakpoint");
	EXPECT(pt(PTRACE_POKEUSER, pid, DR_OFF(7), 1 | 1L << 16 | 3L << 18) == 0,
	       "DR7: write, 4 bytes");
	pt(PTRACE_CONT, pid, 0, 0);
	if (expect_stop(pid, SIGTRAP)) {
		EXPECT(pt(PTRACE_GETSIGINFO, pid, 0, (long)&si) == 0 && si.si_code == TRAP_HWBKPT,
		       "si_code %d", si.si_code);
		EXPECT(pt(PTRACE_GETREGS, pid, 0, (long)&r) == 0 &&
		       (unsigned long)si.si_addr == r.rip, "si_addr %p rip %#lx", si.si_addr, (unsigned long)r.rip);
		pt(PTRACE_POKEUSER, pid, DR_OFF(7), 0);
		pt(PTRACE_CONT, pid, 0, 0);
	}
	expect_exit(pid, 0);
}

/* --- system calls ------------------------------------------------------------------------ */

static int known_syscalls(void)
{
	if (sys0(SYS_getppid) != getppid())
		return 1;
	if (sys1(SYS_close, -1) != -EBADF)
		return 2;
	return 0;
}

/* Entry and exit stops until the tracee exits: the calls seen, and their results. */
static void mini_strace(void)
{
	int pid = traced_child(known_syscalls), st = -1, nsys = 0;
	long nrs[64], rets[64];
	bool entry = true, info_ok = true;

	if (!expect_stop(pid, SIGSTOP))
		return;
	EXPECT(pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD) == 0, "TRACESYSGOOD");
	for (;;) {
		struct user_regs_struct r;
		unsigned char info[88];

		if (pt(PTRACE_SYSCALL, pid, 0, 0))
			break;
		st = wait_status(pid);
		if (!WIFSTOPPED(st))
			break;
		if (WSTOPSIG(st) != (SIGTRAP | 0x80)) {
			ktap_diag("stop %#x", st);
			continue;
		}
		pt(PTRACE_GETREGS, pid, 0, (long)&r);
		if (pt(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), (long)info) < 0 ||
		    info[0] != (entry ? 1 : 2))
			info_ok = false;
		if (entry && nsys < 64)
			nrs[nsys] = r.orig_rax;
		else if (nsys < 64)
			rets[nsys++] = r.rax;
		entry = !entry;
	}
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	EXPECT(info_ok, "GET_SYSCALL_INFO: entry, then exit");
	EXPECT(nsys >= 3, "%d calls", nsys);
	for (int i = 0; i + 1 < nsys; i++)
		if (nrs[i] == SYS_getppid && rets[i] == getpid() && nrs[i + 1] == SYS_close &&
		    rets[i + 1] == -EBADF)
			return;
	EXPECT(0, "getppid then close(-1) not seen with their results");
}

static int getpid_twice(void)
{
	if (sys0(SYS_getpid) != -ENOSYS)
		return 1;
	return sys0(SYS_getpid) == getppid() ? 0 : 2;
}

/* The first getpid is skipped (orig_rax -1), the second becomes getppid. */
static void syscall_skip_and_rename(void)
{
	int pid = traced_child(getpid_twice), st = -1, seen = 0;
	bool entry = true;

	if (!expect_stop(pid, SIGSTOP))
		return;
	for (;;) {
		struct user_regs_struct r;

		if (pt(PTRACE_SYSCALL, pid, 0, 0))
			break;
		st = wait_status(pid);
		if (!WIFSTOPPED(st))
			break;
		pt(PTRACE_GETREGS, pid, 0, (long)&r);
		if (entry && r.orig_rax == SYS_getpid) {
			pt(PTRACE_POKEUSER, pid, offsetof(struct user, regs.orig_rax),
			   seen++ ? SYS_getppid : -1);
		}
		entry = !entry;
	}
	EXPECT(seen == 2, "getpid seen %d times", seen);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
}

/* --- single steps ------------------------------------------------------------------------- */

static int int3_then_syscall(void)
{
	long ret;

	asm volatile("int3\n\tsyscall" : "=a"(ret) : "a"((long)SYS_getpid) : "rcx", "r11", "memory");
	return ret == getpid() ? 0 : 1;
}

static void singlestep_over_syscall(void)
{
	int pid = traced_child(int3_then_syscall);
	struct user_regs_struct r, r2;
	siginfo_t si;
	long flags;

	if (!expect_stop(pid, SIGSTOP))
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	if (!expect_stop(pid, SIGTRAP))
		return;
	pt(PTRACE_GETREGS, pid, 0, (long)&r);
	EXPECT(pt(PTRACE_SINGLESTEP, pid, 0, 0) == 0, "SINGLESTEP");
	if (expect_stop(pid, SIGTRAP)) {
		pt(PTRACE_GETREGS, pid, 0, (long)&r2);
		EXPECT(r2.rip == r.rip + 2, "stopped after SYSCALL: rip %#lx, was %#lx", (unsigned long)r2.rip, (unsigned long)r.rip);
		EXPECT(r2.rax == (unsigned long)pid, "its result %lld", (long long)r2.rax);
		EXPECT(!(r2.eflags & 0x100), "TF not visible: %#lx", (unsigned long)r2.eflags);
		pt(PTRACE_SINGLESTEP, pid, 0, 0);
		if (expect_stop(pid, SIGTRAP)) {
			EXPECT(pt(PTRACE_GETSIGINFO, pid, 0, (long)&si) == 0 &&
			       si.si_code == 2 /* TRAP_TRACE */, "si_code %d", si.si_code);
			pt(PTRACE_PEEKUSER, pid, offsetof(struct user, regs.eflags), (long)&flags);
			EXPECT(!(flags & 0x100), "TF still not visible");
		}
	}
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 0);
}

/* vfork()s a child that exits 3; 7 if it saw that. */
static int vforks(void)
{
	int st, child = vfork();

	if (child == 0)
		_exit(3);
	return waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 3 ? 7 : 1;
}

static void vfork_and_vfork_done_events(void)
{
	int pid = traced_child(vforks), st;
	unsigned long msg = 0, gc;

	if (!expect_stop(pid, SIGSTOP))
		return;
	pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE);
	pt(PTRACE_CONT, pid, 0, 0);
	st = wait_status(pid);
	if (!EXPECT(st >> 8 == (SIGTRAP | PTRACE_EVENT_VFORK << 8), "status %#x", st))
		return;
	pt(PTRACE_GETEVENTMSG, pid, 0, (long)&gc);
	pt(PTRACE_CONT, pid, 0, 0);
	/* The new child is traced from its first instruction, and starts with SIGSTOP. */
	if (!expect_stop(gc, SIGSTOP))
		return;
	pt(PTRACE_CONT, gc, 0, 0);
	expect_exit(gc, 3);
	st = wait_status(pid);
	EXPECT(st >> 8 == (SIGTRAP | PTRACE_EVENT_VFORK_DONE << 8), "status %#x", st);
	EXPECT(pt(PTRACE_GETEVENTMSG, pid, 0, (long)&msg) == 0 && msg == gc,
	       "VFORK_DONE message %lu, child %lu", msg, gc);
	pt(PTRACE_CONT, pid, 0, 0);
	if (!expect_stop(pid, SIGCHLD))	/* the child's exit, delivered after the event */
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 7);
}

/* --- fork, clone and vfork restarted ----------------------------------------------- */

static volatile int usr1_count;

static void count_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

/* Reaps @child, which must have exited 0. */
static bool reaped_clean(long child)
{
	int st = -1;

	return child > 0 && sys4(SYS_wait4, child, &st, 0, 0) == child && st == 0;
}

/*
 * fork, clone and vfork, each while its tracer queues SIGUSR1 at the
 * call's entry; the handler has no SA_RESTART. Exits 0 if each call made
 * one child and the handler ran three times.
 */
static int forks_under_signals(void)
{
	struct sigaction sa = { .sa_handler = count_usr1 };
	long child;

	sigaction(SIGUSR1, &sa, NULL);
	child = sys0(SYS_fork);
	if (child == 0)
		sys1(SYS_exit_group, 0);
	if (!reaped_clean(child))
		return 1;
	child = sys5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (child == 0)
		sys1(SYS_exit_group, 0);
	if (!reaped_clean(child))
		return 2;
	child = vfork();
	if (child == 0)
		_exit(0);
	if (!reaped_clean(child))
		return 3;
	return usr1_count == 3 ? 0 : 4;
}

/*
 * Linux's copy_process() gives up with -ERESTARTNOINTR when the caller
 * has a signal pending, so that no child escapes a signal sent to the
 * process before it: the tracer sees that at the call's exit stop, the
 * handler runs, and the call is made again and succeeds, never EINTR.
 */
static void fork_restarted_by_pending_signal(void)
{
	static const long nrs[] = { SYS_fork, SYS_clone, SYS_vfork };
	int pid = traced_child(forks_under_signals), st = -1, done = 0, next_is_exit = -1;
	bool entry = true;

	if (!expect_stop(pid, SIGSTOP))
		return;
	pt(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
	for (long sig = 0;;) {
		struct user_regs_struct r;

		if (pt(PTRACE_SYSCALL, pid, 0, sig))
			break;
		st = wait_status(pid);
		if (!WIFSTOPPED(st))
			break;
		sig = 0;
		if (WSTOPSIG(st) != (SIGTRAP | 0x80)) {
			/* A signal-delivery stop: SIGUSR1 goes on to its handler, SIGCHLD is dropped. */
			if (WSTOPSIG(st) == SIGUSR1)
				sig = SIGUSR1;
			continue;
		}
		pt(PTRACE_GETREGS, pid, 0, (long)&r);
		if (entry && done < 3 && (long)r.orig_rax == nrs[done] && next_is_exit < 0) {
			kill(pid, SIGUSR1);
			next_is_exit = done;
		} else if (!entry && next_is_exit >= 0) {
			EXPECT((long)r.rax == -513, "call %ld with a signal pending returned %lld, "
			       "not -ERESTARTNOINTR", nrs[next_is_exit], (long long)r.rax);
			next_is_exit = -1;
			done++;
		}
		entry = !entry;
	}
	EXPECT(done == 3, "%d of the three calls seen interrupted", done);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x (exit 1-3: that call failed, "
	       "4: handler count)", st);
}

/* --- signal masks and queues ----------------------------------------------------- */

#ifndef PTRACE_PEEKSIGINFO
#define PTRACE_PEEKSIGINFO	0x4209
#define PTRACE_GETSIGMASK	0x420a
#define PTRACE_SETSIGMASK	0x420b
#endif
#define PEEK_SHARED		1
#define RT_SIG			40

struct peek_args {
	uint64_t off;
	uint32_t flags;
	int32_t nr;
};

/* Blocks SIGUSR1 and RT_SIG, queues RT_SIG twice to its process, stops; exits 7 if unblocked then. */
static int queues_blocked_signals(void)
{
	sigset_t set;
	union sigval v;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, RT_SIG);
	sigprocmask(SIG_BLOCK, &set, NULL);
	v.sival_int = 1;
	sigqueue(getpid(), RT_SIG, v);
	v.sival_int = 2;
	sigqueue(getpid(), RT_SIG, v);
	sys2(SYS_kill, getpid(), SIGSTOP);	/* raise() would block every signal around it */
	sigprocmask(SIG_BLOCK, NULL, &set);
	return sigismember(&set, SIGUSR1) || sigismember(&set, RT_SIG) ? 1 : 7;
}

static void sigmask_and_peeksiginfo(void)
{
	int pid = traced_child(queues_blocked_signals);
	uint64_t mask = 0, kill_bit = 1ull << (SIGKILL - 1);
	struct peek_args args = { 0, PEEK_SHARED, 4 };
	siginfo_t si[4];
	long n;

	if (!expect_stop(pid, SIGSTOP))
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	if (!expect_stop(pid, SIGSTOP))	/* its own kill() */
		return;
	EXPECT(pt(PTRACE_GETSIGMASK, pid, 4, (long)&mask) == -EINVAL, "GETSIGMASK size 4");
	EXPECT(pt(PTRACE_GETSIGMASK, pid, 8, (long)&mask) == 0 &&
	       mask == ((1ull << (SIGUSR1 - 1)) | (1ull << (RT_SIG - 1))), "mask %#llx",
	       (unsigned long long)mask);
	n = pt(PTRACE_PEEKSIGINFO, pid, (long)&args, (long)si);
	EXPECT(n == 2, "PEEKSIGINFO shared: %ld", n);
	if (n == 2)
		EXPECT(si[0].si_signo == RT_SIG && si[0].si_value.sival_int == 1 &&
		       si[1].si_signo == RT_SIG && si[1].si_value.sival_int == 2 &&
		       si[0].si_code == SI_QUEUE, "queued %d/%d %d/%d", si[0].si_signo,
		       si[0].si_value.sival_int, si[1].si_signo, si[1].si_value.sival_int);
	args.off = 1;
	EXPECT(pt(PTRACE_PEEKSIGINFO, pid, (long)&args, (long)si) == 1, "PEEKSIGINFO from 1");
	args = (struct peek_args){ 0, 0, 4 };
	EXPECT(pt(PTRACE_PEEKSIGINFO, pid, (long)&args, (long)si) == 0, "thread queue not empty");
	args.flags = 2;
	EXPECT(pt(PTRACE_PEEKSIGINFO, pid, (long)&args, (long)si) == -EINVAL, "bad flags");
	mask = kill_bit;
	EXPECT(pt(PTRACE_SETSIGMASK, pid, 8, (long)&mask) == 0, "SETSIGMASK");
	EXPECT(pt(PTRACE_GETSIGMASK, pid, 8, (long)&mask) == 0 && mask == 0,
	       "mask after SETSIGMASK %#llx", (unsigned long long)mask);
	/* Unblocked now: both queued signals come to the tracer, which drops them. */
	pt(PTRACE_CONT, pid, 0, 0);
	if (!expect_stop(pid, RT_SIG))
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	if (!expect_stop(pid, RT_SIG))
		return;
	pt(PTRACE_CONT, pid, 0, 0);
	expect_exit(pid, 7);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(traceme_signal_delivery_stop),
	KTAP_CASE(traceme_twice_is_eperm),
	KTAP_CASE(attach_errors),
	KTAP_CASE(seize_interrupt_and_group_stop),
	KTAP_CASE(listen_until_sigcont),
	KTAP_CASE(sigcont_to_seized_group_stop_traps_again),
	KTAP_CASE(detach_then_attach_again),
	KTAP_CASE(tracer_sees_exit_before_parent),
	KTAP_CASE(tracer_death_detaches),
	KTAP_CASE(exitkill_kills_with_the_tracer),
	KTAP_CASE(exec_sends_sigtrap),
	KTAP_CASE(exec_event_with_traceexec),
	KTAP_CASE(fork_event_attaches_the_child),
	KTAP_CASE(tracer_regs_at_an_event_stop_reach_user_mode),
	KTAP_CASE(traced_thread_death_reported_to_tracer),
	KTAP_CASE(tracer_exit_releases_an_unreaped_thread),
	KTAP_CASE(peek_and_poke),
	KTAP_CASE(regs_and_their_checks),
	KTAP_CASE(fs_gs_selectors_in_getregs),
	KTAP_CASE(fpregs_and_regsets),
	KTAP_CASE(hw_breakpoint_sigtrap),
	KTAP_CASE(mini_strace),
	KTAP_CASE(syscall_skip_and_rename),
	KTAP_CASE(singlestep_over_syscall),
	KTAP_CASE(sigmask_and_peeksiginfo),
	KTAP_CASE(vfork_and_vfork_done_events),
	KTAP_CASE(fork_restarted_by_pending_signal),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exit42"))
		return 42;
	self_path = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
