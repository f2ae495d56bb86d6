// SPDX-License-Identifier: MIT
/*
 * Signals in a multi-threaded process: tgkill to one thread, a
 * process-directed signal to the one thread that does not block it,
 * real-time signals queued in order with their values, standard ones
 * coalescing, rt_sigtimedwait, rt_sigsuspend, rt_sigqueueinfo's
 * permission rules, RLIMIT_SIGPENDING, raise() and abort(), a fatal
 * signal to one thread ending the process, and stop/continue as the
 * parent's wait4(), waitid() and SIGCHLD see them. The same binary passes on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

#define NTHREADS	3

static volatile int stop_spinning;
static volatile long tids[NTHREADS];
static volatile long handled_by, handled_count;

static void record_thread(int sig)
{
	handled_by = sys0(SYS_gettid);
	__atomic_fetch_add(&handled_count, 1, __ATOMIC_SEQ_CST);
	(void)sig;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa = { .sa_handler = fn };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void mask(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(how, &set, NULL);
}

/* Spins (never sleeping in a system call); thread 1 unblocks SIGUSR2. */
static void *spinner(void *arg)
{
	long i = (long)arg;

	if (i == 1)
		mask(SIG_UNBLOCK, SIGUSR2);
	tids[i] = sys0(SYS_gettid);
	while (!stop_spinning)
		sched_yield();
	return arg;
}

static int start_spinners(pthread_t *t)
{
	stop_spinning = 0;
	for (long i = 0; i < NTHREADS; i++) {
		tids[i] = 0;
		if (pthread_create(&t[i], NULL, spinner, (void *)i))
			return -1;
	}
	for (long i = 0; i < NTHREADS; i++)
		while (!tids[i])
			sched_yield();
	return 0;
}

static void stop_spinners(pthread_t *t)
{
	stop_spinning = 1;
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
}

static void wait_handled(long count)
{
	for (long i = 0; handled_count < count && i < 100000000; i++)
		sched_yield();
}

static void tgkill_reaches_the_chosen_thread(void)
{
	pthread_t t[NTHREADS];

	set_handler(SIGUSR1, record_thread);
	handled_count = 0;
	if (start_spinners(t))
		return (void)EXPECT(0, "pthread_create");
	EXPECT(sys3(SYS_tgkill, getpid(), tids[2], SIGUSR1) == 0, "tgkill");
	wait_handled(1);
	EXPECT(handled_by == tids[2], "handled by %ld, sent to %ld", handled_by, tids[2]);
	EXPECT(sys3(SYS_tgkill, getpid() + 100000, tids[2], 0) == -ESRCH, "wrong tgid");
	EXPECT(sys3(SYS_tgkill, getpid(), 0, SIGUSR1) == -EINVAL, "tid 0");
	stop_spinners(t);
	set_handler(SIGUSR1, SIG_DFL);
}

/* Every thread blocks SIGUSR2 but thread 1: kill() must reach thread 1. */
static void process_signal_goes_to_the_thread_not_blocking_it(void)
{
	pthread_t t[NTHREADS];

	set_handler(SIGUSR2, record_thread);
	handled_count = 0;
	mask(SIG_BLOCK, SIGUSR2);
	if (start_spinners(t))
		return (void)EXPECT(0, "pthread_create");
	EXPECT(kill(getpid(), SIGUSR2) == 0, "kill");
	wait_handled(1);
	EXPECT(handled_by == tids[1], "handled by %ld, thread 1 is %ld", handled_by, tids[1]);
	stop_spinners(t);
	mask(SIG_UNBLOCK, SIGUSR2);
	set_handler(SIGUSR2, SIG_DFL);
}

static void rt_signals_queue_in_order_with_their_values(void)
{
	int sig = SIGRTMIN + 1;
	siginfo_t info;
	sigset_t set, pending;

	mask(SIG_BLOCK, sig);
	for (int i = 0; i < 3; i++)
		EXPECT(sigqueue(getpid(), sig, (union sigval){ .sival_int = 100 + i }) == 0,
		       "sigqueue %d", i);
	sigpending(&pending);
	EXPECT(sigismember(&pending, sig), "pending");
	sigemptyset(&set);
	sigaddset(&set, sig);
	for (int i = 0; i < 3; i++) {
		int got = sigwaitinfo(&set, &info);

		EXPECT(got == sig && info.si_code == SI_QUEUE && info.si_value.sival_int == 100 + i &&
		       info.si_pid == getpid(), "wait %d: sig %d code %d value %d", i, got,
		       info.si_code, info.si_value.sival_int);
	}
	sigpending(&pending);
	EXPECT(!sigismember(&pending, sig), "three sent, three taken");
	mask(SIG_UNBLOCK, sig);
}

static void standard_signals_coalesce(void)
{
	set_handler(SIGUSR1, record_thread);
	handled_count = 0;
	mask(SIG_BLOCK, SIGUSR1);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGUSR1);
	mask(SIG_UNBLOCK, SIGUSR1);
	EXPECT(handled_count == 1, "handled %ld times", handled_count);
	set_handler(SIGUSR1, SIG_DFL);
}

static void sigtimedwait_times_out_with_eagain(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	sigset_t set;

	mask(SIG_BLOCK, SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	errno = 0;
	EXPECT(sigtimedwait(&set, NULL, &ts) == -1 && errno == EAGAIN, "errno %d", errno);
	ts.tv_nsec = 0;
	EXPECT(sigtimedwait(&set, NULL, &ts) == -1 && errno == EAGAIN, "zero timeout: %d", errno);
	ts.tv_nsec = 1000000000;
	EXPECT(sys4(SYS_rt_sigtimedwait, &set, NULL, &ts, 8) == -EINVAL, "bad timespec");
	mask(SIG_UNBLOCK, SIGUSR1);
}

static void sigtimedwait_takes_a_pending_signal(void)
{
	struct timespec ts = { 5, 0 };
	siginfo_t info;
	sigset_t set;

	mask(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	EXPECT(sigtimedwait(&set, &info, &ts) == SIGUSR1, "taken");
	EXPECT(info.si_code == SI_TKILL && info.si_pid == getpid(), "raise() is tkill: code %d",
	       info.si_code);
	mask(SIG_UNBLOCK, SIGUSR1);
}

static volatile int suspend_handler_blocked;

static void check_mask_in_handler(int sig)
{
	sigset_t cur;

	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	suspend_handler_blocked = sigismember(&cur, SIGUSR2);
	handled_count++;
	(void)sig;
}

/* The signal is pending and blocked: rt_sigsuspend's mask lets it in, then goes. */
static void rt_sigsuspend_runs_the_handler_and_restores_the_mask(void)
{
	sigset_t during, after;

	set_handler(SIGUSR1, check_mask_in_handler);
	handled_count = 0;
	mask(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	sigemptyset(&during);
	sigaddset(&during, SIGUSR2);
	errno = 0;
	EXPECT(sigsuspend(&during) == -1 && errno == EINTR, "errno %d", errno);
	EXPECT(handled_count == 1, "handler ran %ld times", handled_count);
	EXPECT(suspend_handler_blocked, "the handler ran with sigsuspend's mask");
	pthread_sigmask(SIG_BLOCK, NULL, &after);
	EXPECT(sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2),
	       "the caller's mask is back");
	mask(SIG_UNBLOCK, SIGUSR1);
	set_handler(SIGUSR1, SIG_DFL);
}

static long thread_tid_for_queue;

static void *report_tid(void *arg)
{
	thread_tid_for_queue = sys0(SYS_gettid);
	while (!stop_spinning)
		sched_yield();
	return arg;
}

static void rt_sigqueueinfo_refuses_forged_senders(void)
{
	siginfo_t info = { .si_signo = SIGUSR1 };
	int sig = SIGRTMIN + 2;
	pthread_t t;
	pid_t other = fork();

	if (other == 0) {
		for (;;)
			pause();
	}
	mask(SIG_BLOCK, sig);
	info.si_code = SI_USER;
	EXPECT(sys3(SYS_rt_sigqueueinfo, other, sig, &info) == -EPERM, "SI_USER to another");
	info.si_code = -6;	/* SI_TKILL */
	EXPECT(sys3(SYS_rt_sigqueueinfo, other, sig, &info) == -EPERM, "SI_TKILL to another");
	info.si_code = SI_KERNEL;
	EXPECT(sys3(SYS_rt_sigqueueinfo, other, sig, &info) == -EPERM, "SI_KERNEL to another");
	info.si_code = SI_QUEUE;
	EXPECT(sys3(SYS_rt_sigqueueinfo, other, SIGTERM, &info) == 0, "SI_QUEUE to another");
	info.si_code = SI_USER;
	EXPECT(sys3(SYS_rt_sigqueueinfo, getpid(), sig, &info) == 0, "SI_USER to itself");
	EXPECT(sys3(SYS_rt_sigqueueinfo, getpid(), sig, (void *)8) == -EFAULT, "bad pointer");

	stop_spinning = 0;
	thread_tid_for_queue = 0;
	pthread_create(&t, NULL, report_tid, NULL);
	while (!thread_tid_for_queue)
		sched_yield();
	EXPECT(sys4(SYS_rt_tgsigqueueinfo, getpid(), thread_tid_for_queue, sig, &info) == -EPERM,
	       "SI_USER to another thread of the process");
	info.si_code = SI_QUEUE;
	EXPECT(sys4(SYS_rt_tgsigqueueinfo, getpid(), thread_tid_for_queue, sig, &info) == 0,
	       "SI_QUEUE to another thread");
	EXPECT(sys4(SYS_rt_tgsigqueueinfo, getpid(), 0, sig, &info) == -EINVAL, "tid 0");
	stop_spinning = 1;
	pthread_join(t, NULL);

	{
		int status;
		sigset_t set;
		struct timespec zero = { 0, 0 };

		waitpid(other, &status, 0);
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x", status);
		sigemptyset(&set);
		sigaddset(&set, sig);
		while (sigtimedwait(&set, NULL, &zero) > 0)
			;
	}
	mask(SIG_UNBLOCK, sig);
}

/*
 * In a child, with RLIMIT_SIGPENDING at 0 (the count is per user, so on
 * a shared host only 0 is a limit every run meets): sigqueue() is
 * refused, kill() still marks the signal pending, without its siginfo.
 */
static void queue_past_the_limit(void)
{
	struct rlimit none, orig;
	struct timespec zero = { 0, 0 };
	int sig = SIGRTMIN + 3;
	union sigval v = { 0 };
	siginfo_t info;
	sigset_t set;

	mask(SIG_BLOCK, sig);
	sigemptyset(&set);
	sigaddset(&set, sig);
	if (getrlimit(RLIMIT_SIGPENDING, &orig))
		_exit(10);
	none = (struct rlimit){ 0, orig.rlim_max };
	if (setrlimit(RLIMIT_SIGPENDING, &none))
		_exit(10);
	if (sigqueue(getpid(), sig, v) != -1 || errno != EAGAIN)
		_exit(11);
	if (kill(getpid(), sig))
		_exit(12);
	if (sigtimedwait(&set, &info, &zero) != sig || info.si_code != SI_USER || info.si_pid)
		_exit(13);
	if (setrlimit(RLIMIT_SIGPENDING, &orig) || sigqueue(getpid(), sig, v))
		_exit(14);
	if (sigtimedwait(&set, &info, &zero) != sig || info.si_code != SI_QUEUE)
		_exit(15);
	_exit(0);
}

static void rlimit_sigpending_bounds_queued_signals(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		queue_past_the_limit();
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "status %#x (11: sigqueue past the limit, 12-13: kill past it, 14-15: after)",
	       status);
}

static int child_status(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };

		setrlimit(RLIMIT_CORE, &no_core);
		fn();
		_exit(100);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void do_raise(void)
{
	raise(SIGUSR1);
}

static void raise_and_abort_kill_with_their_signal(void)
{
	int status = child_status(do_raise);

	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "raise: %#x", status);
	status = child_status(abort);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "abort: %#x", status);
}

static int report_pipe[2];

static void *report_and_spin(void *arg)
{
	long tid = sys0(SYS_gettid);

	if (write(report_pipe[1], &tid, sizeof(tid)) != sizeof(tid))
		_exit(20);
	for (;;)
		sched_yield();
	return arg;
}

/* A child with a leader that sleeps and a second thread that spins; its tid on the pipe. */
static pid_t threaded_child(long *tid)
{
	pthread_t t;
	pid_t pid;

	if (pipe(report_pipe))
		return -1;
	pid = fork();
	if (pid == 0) {
		pthread_create(&t, NULL, report_and_spin, NULL);
		for (;;)
			pause();
	}
	if (read(report_pipe[0], tid, sizeof(*tid)) != sizeof(*tid))
		*tid = 0;
	close(report_pipe[0]);
	close(report_pipe[1]);
	return pid;
}

static void fatal_signal_to_one_thread_ends_the_process(void)
{
	int status = -1;
	long tid;
	pid_t pid = threaded_child(&tid);

	EXPECT(tid > 0 && tid != pid, "the child's thread %ld", tid);
	EXPECT(sys3(SYS_tgkill, pid, tid, SIGTERM) == 0, "tgkill");
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGTERM, "status %#x", status);
}

static int wait_sigchld(int *code)
{
	struct timespec ts = { 30, 0 };
	siginfo_t info;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (sigtimedwait(&set, &info, &ts) != SIGCHLD)
		return -1;
	*code = info.si_code;
	return info.si_status;
}

static void flush_sigchld(void)
{
	struct timespec zero = { 0, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	while (sigtimedwait(&set, NULL, &zero) > 0)
		;
}

static void stop_and_continue_are_seen_by_wait4(void)
{
	int status = -1, code = 0, st;
	long tid;
	pid_t pid;

	mask(SIG_BLOCK, SIGCHLD);
	flush_sigchld();
	pid = threaded_child(&tid);
	EXPECT(kill(pid, SIGSTOP) == 0, "SIGSTOP");
	EXPECT(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) &&
	       WSTOPSIG(status) == SIGSTOP, "stopped: %#x", status);
	st = wait_sigchld(&code);
	EXPECT(code == CLD_STOPPED && st == SIGSTOP, "SIGCHLD code %d status %d", code, st);
	EXPECT(waitpid(pid, &status, WUNTRACED | WNOHANG) == 0, "a stop is reported once");

	EXPECT(kill(pid, SIGCONT) == 0, "SIGCONT");
	EXPECT(waitpid(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status),
	       "continued: %#x", status);
	st = wait_sigchld(&code);
	EXPECT(code == CLD_CONTINUED && st == SIGCONT, "SIGCHLD code %d status %d", code, st);

	/*
	 * SIGTSTP to an orphaned process group is discarded (Linux's
	 * kernel/signal.c); under test-init, PID 1, every test shares its
	 * group and session, which is orphaned. In a group of its own,
	 * whose parent (this process) is outside it, the child is not.
	 */
	EXPECT(setpgid(pid, pid) == 0, "the child in a process group of its own");
	EXPECT(sys3(SYS_tgkill, pid, tid, SIGTSTP) == 0, "SIGTSTP to the second thread");
	EXPECT(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) &&
	       WSTOPSIG(status) == SIGTSTP, "the whole process stopped: %#x", status);
	EXPECT(kill(pid, SIGKILL) == 0, "SIGKILL");
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGKILL, "killed while stopped: %#x", status);
	flush_sigchld();
	mask(SIG_UNBLOCK, SIGCHLD);
}

static void waitid_reports_stop_continue_and_exit(void)
{
	siginfo_t si;
	long tid;
	pid_t pid;

	mask(SIG_BLOCK, SIGCHLD);
	pid = threaded_child(&tid);
	EXPECT(kill(pid, SIGSTOP) == 0, "SIGSTOP");
	memset(&si, 0, sizeof(si));
	EXPECT(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT) == 0 && si.si_signo == SIGCHLD &&
	       si.si_pid == pid && si.si_code == CLD_STOPPED && si.si_status == SIGSTOP,
	       "stopped: pid %d code %d status %d", si.si_pid, si.si_code, si.si_status);
	memset(&si, 0, sizeof(si));
	EXPECT(waitid(P_PID, pid, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED,
	       "WNOWAIT left the report: code %d", si.si_code);
	si.si_pid = -1;
	EXPECT(waitid(P_PID, pid, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0,
	       "taken once: pid %d", si.si_pid);
	EXPECT(kill(pid, SIGCONT) == 0, "SIGCONT");
	EXPECT(waitid(P_PID, pid, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED &&
	       si.si_status == SIGCONT, "continued: code %d status %d", si.si_code, si.si_status);
	EXPECT(kill(pid, SIGKILL) == 0, "SIGKILL");
	EXPECT(waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && si.si_code == CLD_KILLED &&
	       si.si_status == SIGKILL, "killed: code %d status %d", si.si_code, si.si_status);
	EXPECT(waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_pid == pid, "reaped");
	errno = 0;
	EXPECT(waitid(P_PID, pid, &si, WEXITED | WNOHANG) == -1 && errno == ECHILD, "gone");
	EXPECT(waitid(P_PID, getpid(), &si, 0) == -1 && errno == EINVAL, "no event asked");
	EXPECT(waitid(P_PID, 0, &si, WEXITED) == -1 && errno == EINVAL, "P_PID 0");
	flush_sigchld();
	mask(SIG_UNBLOCK, SIGCHLD);
}

/* --- orphaned process groups ------------------------------------------------------ */

enum orphan_setup {
	CHILD_OWN_GROUP,	/* the child in a group of its own, its parent outside it */
	PARENT_OWN_GROUP,	/* parent and child in a new group, the grandparent outside */
	CHILD_NOT_STOPPED,	/* as CHILD_OWN_GROUP, but the child is not stopped */
};

static int report_fds[2], go_fds[2];
static char order[8];
static volatile int order_n;

static void note_hup_cont(int sig)
{
	if (order_n < (int)sizeof(order) - 1)
		order[order_n++] = sig == SIGHUP ? 'H' : 'C';
}

/* The middle process: makes the child, sees it stopped (or not), sends its pid and exits. */
static void orphan_parent(enum orphan_setup how)
{
	struct sigaction sa = { .sa_handler = note_hup_cont };
	int st = 0;
	pid_t c;

	if (how == PARENT_OWN_GROUP)
		setpgid(0, 0);
	c = fork();
	if (c == 0) {
		char go;

		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGCONT, &sa, NULL);
		if (how != PARENT_OWN_GROUP)
			setpgid(0, 0);
		if (how == CHILD_NOT_STOPPED) {
			while (read(go_fds[0], &go, 1) < 0 && errno == EINTR)
				;
		} else {
			/* The handlers of both signals have run when kill() returns. */
			kill(getpid(), SIGSTOP);
		}
		if (!order_n)
			order[order_n++] = '-';
		if (write(report_fds[1], order, order_n) != order_n)
			_exit(2);
		_exit(0);
	}
	if (how != CHILD_NOT_STOPPED && (waitpid(c, &st, WUNTRACED) != c || !WIFSTOPPED(st)))
		_exit(1);
	/* Both setpgid()s are done: the child's (or ours, before the fork). */
	if (how == CHILD_OWN_GROUP || how == CHILD_NOT_STOPPED)
		while (getpgid(c) != c)
			sched_yield();
	if (write(report_fds[1], &c, sizeof(c)) != sizeof(c))
		_exit(3);
	_exit(0);
}

/* What the orphaned child saw, "" if it never said (then it is killed). */
static void orphan_run(enum orphan_setup how, char *seen, size_t size)
{
	struct pollfd pfd;
	pid_t a, c = 0;
	int st = -1;
	ssize_t n;

	memset(seen, 0, size);
	if (!EXPECT(pipe(report_fds) == 0 && pipe(go_fds) == 0, "pipes"))
		return;
	a = fork();
	if (a == 0)
		orphan_parent(how);
	EXPECT(waitpid(a, &st, 0) == a && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the parent: status %#x", st);
	if (!EXPECT(read(report_fds[0], &c, sizeof(c)) == sizeof(c) && c > 0, "the child's pid"))
		goto out;
	if (how == CHILD_NOT_STOPPED && write(go_fds[1], "g", 1) != 1)
		goto out;
	/* A bound for a child that stays stopped, not a synchronisation. */
	pfd = (struct pollfd){ .fd = report_fds[0], .events = POLLIN };
	if (poll(&pfd, 1, 30000) == 1) {
		n = read(report_fds[0], seen, size - 1);
		if (n < 0)
			seen[0] = 0;
	} else {
		kill(c, SIGKILL);
	}
out:
	close(report_fds[0]);
	close(report_fds[1]);
	close(go_fds[0]);
	close(go_fds[1]);
}

/*
 * Linux's kill_orphaned_pgrp(): when a parent's exit leaves a process
 * group with no parent in another group of the session, and a member is
 * stopped, the group gets SIGHUP and then SIGCONT - both when the child
 * had a group of its own and when the exiting parent shared it. A group
 * with no stopped member gets neither. Both are pending when the child
 * resumes: Linux sets up SIGHUP's frame (the lower number) and then
 * SIGCONT's on top of it before returning to user mode, so SIGCONT's
 * handler runs first ("CH").
 */
static void orphaned_stopped_group_gets_sighup_then_sigcont(void)
{
	char seen[8];

	orphan_run(CHILD_OWN_GROUP, seen, sizeof(seen));
	EXPECT(!strcmp(seen, "CH"), "child's own group: saw \"%s\"", seen);
	orphan_run(PARENT_OWN_GROUP, seen, sizeof(seen));
	EXPECT(!strcmp(seen, "CH"), "the parent's group: saw \"%s\"", seen);
	orphan_run(CHILD_NOT_STOPPED, seen, sizeof(seen));
	EXPECT(!strcmp(seen, "-"), "no stopped member: saw \"%s\"", seen);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(tgkill_reaches_the_chosen_thread),
	KTAP_CASE(process_signal_goes_to_the_thread_not_blocking_it),
	KTAP_CASE(rt_signals_queue_in_order_with_their_values),
	KTAP_CASE(standard_signals_coalesce),
	KTAP_CASE(sigtimedwait_times_out_with_eagain),
	KTAP_CASE(sigtimedwait_takes_a_pending_signal),
	KTAP_CASE(rt_sigsuspend_runs_the_handler_and_restores_the_mask),
	KTAP_CASE(rt_sigqueueinfo_refuses_forged_senders),
	KTAP_CASE(rlimit_sigpending_bounds_queued_signals),
	KTAP_CASE(raise_and_abort_kill_with_their_signal),
	KTAP_CASE(fatal_signal_to_one_thread_ends_the_process),
	KTAP_CASE(stop_and_continue_are_seen_by_wait4),
	KTAP_CASE(waitid_reports_stop_continue_and_exit),
	KTAP_CASE(orphaned_stopped_group_gets_sighup_then_sigcont),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
