// SPDX-License-Identifier: MIT
/*
 * A fork bomb meets Linux's limits and nothing worse: the children (each
 * in pause(), all in one process group) pile up until fork() fails with
 * -EAGAIN (max_threads, the bound a root bomb meets) or -ENOMEM, never a
 * crash; then one kill of the group ends them all, the parent reaps each
 * (SIGKILL), and MemFree comes back; kill(-1, SIGKILL) ends every
 * process but init and the caller. Root is exempt from RLIMIT_NPROC as
 * in Linux, and the boot default of RLIMIT_NPROC is max_threads / 2, so
 * an -EAGAIN comes with at most twice that many tasks. (MemFree is
 * compared on reflex only: Linux gives task memory back lazily.)
 *
 * On a Linux host this would exhaust the host: the program refuses to run
 * with more than 1 GiB of RAM, and says so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

#define MAX_CHILDREN	100000	/* a kernel without limits stops here */
#define SLACK_KB	1024	/* kernel memory that may stay allocated */

static int too_big_to_run(void)
{
	if (meminfo_kib("MemTotal") > 1024 * 1024) {
		ktap_skip("more than 1 GiB of RAM: not exhausting this machine");
		return 1;
	}
	return 0;
}

static int on_reflex(void)
{
	int fd = open("/proc/tasks", O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

static void sleep_forever(void)
{
	for (;;)
		pause();
}

/* Fork pausing children into one new group until fork fails; their count. */
static long bomb(pid_t *pgid, int *err)
{
	long n = 0;
	pid_t pid;

	*pgid = 0;
	while (n < MAX_CHILDREN) {
		pid = fork();
		if (pid == 0)
			sleep_forever();
		if (pid < 0) {
			*err = errno;
			return n;
		}
		if (!*pgid)
			*pgid = pid;
		setpgid(pid, *pgid);
		n++;
	}
	*err = 0;
	return n;
}

/* Kill the group and reap every child; how many died of SIGKILL. */
static long kill_and_reap(pid_t pgid, long n)
{
	long killed = 0;
	int status;

	if (kill(-pgid, SIGKILL))
		return -1;
	for (long i = 0; i < n; i++)
		if (waitpid(-1, &status, 0) > 0 && WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL)
			killed++;
	return killed;
}

static void fork_bomb_ends_in_eagain_and_group_kill_reaps_all(void)
{
	struct rlimit nproc;
	long before, after, n, killed;
	pid_t pgid;
	int err;

	if (too_big_to_run())
		return;
	EXPECT(getrlimit(RLIMIT_NPROC, &nproc) == 0, "getrlimit: errno %d", errno);
	before = meminfo_kib("MemFree");
	n = bomb(&pgid, &err);
	ktap_diag("%ld children before fork failed with errno %d; RLIMIT_NPROC %ld",
		  n, err, (long)nproc.rlim_cur);
	EXPECT(err == EAGAIN || err == ENOMEM, "fork failed with errno %d", err);
	if (err == EAGAIN)
		EXPECT(n <= 2 * (long)nproc.rlim_cur,
		       "%ld children: more than max_threads (2 * RLIMIT_NPROC)", n);
	EXPECT(n > 0 && n > (long)nproc.rlim_cur,
	       "%ld children: root is held to RLIMIT_NPROC %ld", n, (long)nproc.rlim_cur);
	if (n == 0)
		return;
	killed = kill_and_reap(pgid, n);
	EXPECT(killed == n, "%ld of %ld children reaped dead of SIGKILL", killed, n);
	EXPECT(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD, "a child is left over");
	after = meminfo_kib("MemFree");
	ktap_diag("MemFree KiB: %ld before, %ld after", before, after);
	/* Linux frees task memory after an RCU grace period and keeps slabs: it lags. */
	if (on_reflex())
		EXPECT(after >= before - SLACK_KB, "MemFree did not come back: %ld < %ld",
		       after, before - SLACK_KB);
}

/* kill(-1, SIGKILL) ends every process but init and the caller. */
static void kill_minus_one_ends_every_other_process(void)
{
	long n = 0, killed = 0;
	int status;

	if (too_big_to_run())
		return;
	if (getppid() != 1) {
		ktap_skip("kill(-1) reaches every process: only run by init in a test boot");
		return;
	}
	for (; n < 64; n++) {
		pid_t pid = fork();

		if (pid == 0)
			sleep_forever();
		if (pid < 0)
			break;
	}
	EXPECT(n == 64, "only %ld children forked: errno %d", n, errno);
	EXPECT(kill(-1, SIGKILL) == 0, "kill(-1): errno %d", errno);
	for (long i = 0; i < n; i++)
		if (waitpid(-1, &status, 0) > 0 && WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGKILL)
			killed++;
	EXPECT(killed == n, "%ld of %ld children reaped dead of SIGKILL", killed, n);
}

/* A fork after the bomb was cleared works as before. */
static void fork_works_after_the_bomb(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	EXPECT(pid > 0, "fork: errno %d", errno);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 7, "status %#x", status);
}

/* Linux exempts root from RLIMIT_NPROC: the bound is max_threads. */
static void root_is_exempt_from_rlimit_nproc(void)
{
	struct rlimit low = { 4, 4 };
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		pid_t kids[8];
		int i, ok = 1;

		if (setrlimit(RLIMIT_NPROC, &low))
			_exit(2);
		for (i = 0; i < 8; i++) {
			kids[i] = fork();
			if (kids[i] == 0)
				_exit(0);
			if (kids[i] < 0)
				ok = 0;
		}
		for (i = 0; i < 8; i++)
			if (kids[i] > 0)
				waitpid(kids[i], NULL, 0);
		_exit(ok ? 0 : 3);
	}
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0, "status %#x (3: a fork over RLIMIT_NPROC failed)",
	       status);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(fork_bomb_ends_in_eagain_and_group_kill_reaps_all),
	KTAP_CASE(fork_works_after_the_bomb),
	KTAP_CASE(kill_minus_one_ends_every_other_process),
	KTAP_CASE(root_is_exempt_from_rlimit_nproc),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
