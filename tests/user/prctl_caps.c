// SPDX-License-Identifier: MIT
/*
 * prctl() as stress-ng uses it (PR_SET_NAME and PR_GET_NAME, the
 * parent-death signal) and capget()/capset() (stress-ng drops its
 * capabilities in each stressor): root holds every capability up to
 * cap_last_cap, may drop some and not take them back, a child keeps what
 * its parent dropped; and every error Linux gives.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

#define CAP_V1 0x19980330
#define CAP_V3 0x20080522

struct cap_hdr {
	unsigned int version;
	int pid;
};

struct cap_data {
	unsigned int effective, permitted, inheritable;
};

static void set_name_truncates_to_15_bytes(void)
{
	char name[32] = {}, comm[64] = {};
	long r;
	int fd;

	EXPECT(sys2(SYS_prctl, PR_SET_NAME, "a-name-longer-than-fifteen") == 0, "PR_SET_NAME");
	EXPECT(sys2(SYS_prctl, PR_GET_NAME, name) == 0, "PR_GET_NAME");
	EXPECT(!strcmp(name, "a-name-longer-t"), "name \"%s\"", name);
	fd = open("/proc/self/comm", O_RDONLY);
	EXPECT(fd >= 0 && read(fd, comm, sizeof(comm) - 1) > 0 &&
	       !strcmp(comm, "a-name-longer-t\n"), "/proc/self/comm \"%s\"", comm);
	close(fd);
	EXPECT((r = sys2(SYS_prctl, PR_SET_NAME, 8)) == -EFAULT, "name at 8: %ld", r);
	EXPECT((r = sys2(SYS_prctl, PR_GET_NAME, 8)) == -EFAULT, "to 8: %ld", r);
	EXPECT((r = sys2(SYS_prctl, 0x7fff1234, 0)) == -EINVAL, "unknown option: %ld", r);
	sys2(SYS_prctl, PR_SET_NAME, "prctl_caps");
}

/*
 * PR_SET_PDEATHSIG: a grandchild asks for SIGUSR1 when its parent dies,
 * tells its parent it is ready, and the parent exits; the grandchild
 * takes the signal (blocked, with sigtimedwait: no sleeping) and says so
 * through a pipe, as it is init's to reap.
 */
static void pdeath_signal_reaches_the_orphan(void)
{
	int fds[2], pid, st, got = 0, r;
	long ret;

	EXPECT((ret = sys2(SYS_prctl, PR_SET_PDEATHSIG, 65)) == -EINVAL, "signal 65: %ld", ret);
	EXPECT((ret = sys2(SYS_prctl, PR_GET_PDEATHSIG, 8)) == -EFAULT, "to 8: %ld", ret);
	if (!EXPECT(pipe(fds) == 0, "pipe"))
		return;
	pid = fork();
	if (pid == 0) {
		int ready[2];
		char c = 0;

		if (pipe(ready))
			_exit(2);
		if (fork() == 0) {
			sigset_t set;
			siginfo_t si;

			sigemptyset(&set);
			sigaddset(&set, SIGUSR1);
			sigprocmask(SIG_BLOCK, &set, NULL);
			sys2(SYS_prctl, PR_SET_PDEATHSIG, SIGUSR1);
			sys2(SYS_prctl, PR_GET_PDEATHSIG, &r);
			/* Ready: the parent may die now. */
			if (write(ready[1], "r", 1) != 1)
				_exit(3);
			c = r == SIGUSR1 && sigtimedwait(&set, &si, &(struct timespec){ 10, 0 }) ==
					SIGUSR1 ? 'y' : 'n';
			if (write(fds[1], &c, 1) != 1)
				_exit(4);
			_exit(0);
		}
		if (read(ready[0], &c, 1) != 1)
			_exit(5);
		_exit(0);	/* the grandchild's parent dies */
	}
	close(fds[1]);
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st), "child status %#x", st);
	EXPECT(read(fds[0], &got, 1) == 1 && (char)got == 'y', "grandchild says '%c'", (char)got);
	close(fds[0]);
}

static void capget_reports_the_full_set(void)
{
	struct cap_hdr hdr = { 0x1234, 0 };
	struct cap_data d[2];
	char last[16] = {};
	int fd, n;
	long r;

	/* An unknown version: -EINVAL, the preferred one written back; NULL data asks. */
	EXPECT((r = sys2(SYS_capget, &hdr, d)) == -EINVAL, "version 0x1234: %ld", r);
	EXPECT(hdr.version == CAP_V3, "version written back %#x", hdr.version);
	hdr.version = 0;
	EXPECT((r = sys2(SYS_capget, &hdr, NULL)) == 0 && hdr.version == CAP_V3,
	       "NULL data: %ld %#x", r, hdr.version);
	fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY);
	n = fd >= 0 ? read(fd, last, sizeof(last) - 1) : -1;
	close(fd);
	if (!EXPECT(n > 0, "cap_last_cap"))
		return;
	n = atoi(last);
	hdr = (struct cap_hdr){ CAP_V3, 0 };
	EXPECT(sys2(SYS_capget, &hdr, d) == 0, "capget");
	EXPECT(d[0].effective == 0xffffffff && d[0].permitted == 0xffffffff,
	       "low words %#x %#x", d[0].effective, d[0].permitted);
	EXPECT(d[1].effective == (1U << (n - 31)) - 1 && d[1].permitted == d[1].effective,
	       "high words %#x %#x, last cap %d", d[1].effective, d[1].permitted, n);
	hdr.pid = getppid();
	EXPECT(sys2(SYS_capget, &hdr, d) == 0, "capget of the parent");
	hdr.pid = 999999;
	EXPECT((r = sys2(SYS_capget, &hdr, d)) == -ESRCH, "pid 999999: %ld", r);
	hdr.pid = -5;
	EXPECT((r = sys2(SYS_capget, &hdr, d)) == -EINVAL, "pid -5: %ld", r);
	EXPECT((r = sys2(SYS_capget, 8, d)) == -EFAULT, "header at 8: %ld", r);
	hdr.pid = 0;
	EXPECT((r = sys2(SYS_capget, &hdr, 8)) == -EFAULT, "data at 8: %ld", r);
}

/* In a child: drop everything but one capability, fail to take one back, fork keeps it. */
static void capset_drops_and_cannot_regain(void)
{
	int pid = fork(), st;

	if (pid == 0) {
		struct cap_hdr hdr = { CAP_V3, 0 };
		struct cap_data d[2] = { { 1, 1, 0 }, { 0, 0, 0 } }, got[2];
		int ok = 1, gpid;

		ok &= sys2(SYS_capset, &hdr, d) == 0;
		ok &= sys2(SYS_capget, &hdr, got) == 0 && got[0].effective == 1 &&
		      got[0].permitted == 1 && got[1].permitted == 0 && got[0].inheritable == 0;
		/* More than permitted: -EPERM, and nothing changes. */
		d[0] = (struct cap_data){ 3, 3, 0 };
		ok &= sys2(SYS_capset, &hdr, d) == -EPERM;
		/* Effective beyond permitted. */
		d[0] = (struct cap_data){ 1, 0, 0 };
		ok &= sys2(SYS_capset, &hdr, d) == -EPERM;
		/* Another process's: -EPERM. */
		hdr.pid = getppid();
		d[0] = (struct cap_data){ 1, 1, 0 };
		ok &= sys2(SYS_capset, &hdr, d) == -EPERM;
		hdr.pid = 0;
		ok &= sys2(SYS_capset, &hdr, 8) == -EFAULT;
		gpid = fork();
		if (gpid == 0) {
			_exit(sys2(SYS_capget, &hdr, got) == 0 && got[0].permitted == 1 ? 0 : 1);
		}
		ok &= waitpid(gpid, &st, 0) == gpid && WIFEXITED(st) && !WEXITSTATUS(st);
		_exit(ok ? 0 : 1);
	}
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st), "child %#x", st);
	/* The parent kept all of its own. */
	struct cap_hdr hdr = { CAP_V1, 0 };
	struct cap_data d;

	EXPECT(sys2(SYS_capget, &hdr, &d) == 0 && d.permitted == 0xffffffff, "v1: %#x",
	       d.permitted);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(set_name_truncates_to_15_bytes),
	KTAP_CASE(pdeath_signal_reaches_the_orphan),
	KTAP_CASE(capget_reports_the_full_set),
	KTAP_CASE(capset_drops_and_cannot_regain),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
