// SPDX-License-Identifier: MIT
/*
 * A child's death on another CPU, as its parent sees it. On Linux a
 * child is reapable from the moment it is a zombie, the moment its
 * SIGCHLD is sent, even while it is still on its way off its CPU: a
 * parent that takes the signal and calls waitpid(WNOHANG) always finds
 * it (shells reap this way), and once reaped its pid names nothing.
 * Each round forks a child pinned to another CPU, which spins a little
 * and exits while the parent, pinned to CPU 0, waits for it; the spin
 * varies so that the two race in every way. On one CPU the cases skip.
 * The same binary runs on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "ktap.h"

#define ROUNDS	200

static int pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* Counted before any pinning: musl's sysconf() counts the affinity mask. */
static long cpus_at_start;

static long online_cpus(void)
{
	return cpus_at_start;
}

/* A child on CPU 1..n-1 that spins for a round-dependent while, then exits 3. */
static pid_t fork_exiting_child(int round, long cpus)
{
	pid_t pid = fork();

	if (pid == 0) {
		volatile unsigned int spin;

		if (pin_to(1 + round % (cpus - 1)))
			_exit(10);
		for (spin = 0; spin < 1000u * (round % 32); spin++)
			;
		_exit(3);
	}
	return pid;
}

static void sigchld_means_waitpid_wnohang_finds_the_child(void)
{
	long cpus = online_cpus();
	int i, found = 0, missed = 0;
	sigset_t chld, old;

	if (cpus < 2) {
		ktap_skip("one CPU online");
		return;
	}
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	EXPECT(pin_to(0) == 0, "pin the parent to CPU 0");
	for (i = 0; i < ROUNDS; i++) {
		siginfo_t info;
		int status = 0;
		pid_t pid = fork_exiting_child(i, cpus), got;

		if (pid < 0)
			break;
		if (sigwaitinfo(&chld, &info) != SIGCHLD || info.si_pid != pid)
			break;
		got = waitpid(pid, &status, WNOHANG);
		if (got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3) {
			found++;
			continue;
		}
		missed++;
		waitpid(pid, &status, 0);
	}
	EXPECT(found == ROUNDS, "%d of %d children found by WNOHANG after their SIGCHLD (%d missed)",
	       found, ROUNDS, missed);
	sigprocmask(SIG_SETMASK, &old, NULL);
	pin_to(0);
}

static void a_reaped_child_has_no_pid(void)
{
	long cpus = online_cpus();
	int i, gone = 0;

	if (cpus < 2) {
		ktap_skip("one CPU online");
		return;
	}
	EXPECT(pin_to(0) == 0, "pin the parent to CPU 0");
	for (i = 0; i < ROUNDS; i++) {
		char path[32];
		struct stat st;
		int status;
		pid_t pid = fork_exiting_child(i, cpus);

		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			break;
		snprintf(path, sizeof(path), "/proc/%d", pid);
		errno = 0;
		if (kill(pid, 0) == -1 && errno == ESRCH && stat(path, &st) == -1)
			gone++;
	}
	EXPECT(gone == ROUNDS, "%d of %d reaped children gone from kill() and /proc at once",
	       gone, ROUNDS);
	pin_to(0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sigchld_means_waitpid_wnohang_finds_the_child),
	KTAP_CASE(a_reaped_child_has_no_pid),
};

int main(int argc, char **argv)
{
	cpus_at_start = sysconf(_SC_NPROCESSORS_ONLN);
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
