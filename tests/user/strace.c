// SPDX-License-Identifier: MIT
/*
 * Debian's strace (dynamic, glibc; data/strace beside this program in
 * the test initramfs, /usr/bin/strace on the host) traces this program
 * run as "target": a known set of raw calls (a write, getpid, an open
 * of a missing file, a signal to itself and its handler's sigreturn, a
 * fork whose child calls getpid, a wait4). strace -f -ff writes one
 * file per process; each must read line for line as strace's output on
 * Linux does, the pids replaced by PID and CPID and runs of blanks by
 * one. SIGCHLD is blocked so that its report cannot land at a varying
 * place. What this needs of the kernel: PTRACE_SEIZE and its options,
 * PTRACE_GET_SYSCALL_INFO, PTRACE_LISTEN and PTRACE_INTERRUPT, fork
 * events, process_vm_readv for the strings and the signal frame.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

#define TRACED_CALLS "write,getpid,openat,kill,fork,wait4,exit_group,rt_sigreturn"

static const char *const expect_parent[] = {
	"write(1, \"hello\\n\", 6) = 6",
	"getpid() = PID",
	"openat(AT_FDCWD, \"/nonexistent/strace-target\", O_RDONLY) = -1 ENOENT (No such file or directory)",
	"kill(PID, SIGUSR1) = 0",
	"--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=PID, si_uid=0} ---",
	"rt_sigreturn({mask=[CHLD]}) = 0",
	"fork() = CPID",
	"wait4(CPID, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = CPID",
	"exit_group(0) = ?",
	"+++ exited with 0 +++",
};

static const char *const expect_child[] = {
	"getpid() = CPID",
	"exit_group(0) = ?",
	"+++ exited with 0 +++",
};

static void on_usr1(int sig)
{
	(void)sig;
}

/* What strace watches: raw calls, so that no libc adds any of its own. */
static int target(void)
{
	sigset_t chld;
	long pid, child;
	int st;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	signal(SIGUSR1, on_usr1);
	sys3(SYS_write, 1, "hello\n", 6);
	pid = sys0(SYS_getpid);
	sys3(SYS_openat, AT_FDCWD, "/nonexistent/strace-target", O_RDONLY);
	sys2(SYS_kill, pid, SIGUSR1);
	child = sys0(SYS_fork);
	if (child == 0) {
		sys0(SYS_getpid);
		sys1(SYS_exit_group, 0);
	}
	sys4(SYS_wait4, child, &st, 0, 0);
	sys1(SYS_exit_group, 0);
	return 1;
}

static char strace_path[256];
static char self[256];

/* data/strace beside this program (reflex's initramfs), else the host's. */
static bool find_strace(void)
{
	const char *slash = strrchr(self, '/');

	snprintf(strace_path, sizeof(strace_path), "%.*sdata/strace",
		 slash ? (int)(slash - self + 1) : 0, self);
	if (!access(strace_path, X_OK))
		return true;
	snprintf(strace_path, sizeof(strace_path), "/usr/bin/strace");
	return !access(strace_path, X_OK);
}

/* @s with every @num (delimited by non-digits) replaced by @name. */
static void replace_number(char *s, size_t cap, long num, const char *name)
{
	char digits[24], out[1024];
	size_t n = snprintf(digits, sizeof(digits), "%ld", num), o = 0;
	char *p = s;

	while (*p && o < sizeof(out) - 16) {
		bool start = p == s || p[-1] < '0' || p[-1] > '9';

		if (start && !strncmp(p, digits, n) && (p[n] < '0' || p[n] > '9')) {
			o += snprintf(out + o, sizeof(out) - o, "%s", name);
			p += n;
		} else {
			out[o++] = *p++;
		}
	}
	if (o >= cap)
		o = cap - 1;
	memcpy(s, out, o);
	s[o] = 0;
}

/* Runs of blanks as one, as the alignment strace pads results to is not the point. */
static void squeeze_blanks(char *s)
{
	char *start = s, *d = s;

	for (; *s; s++)
		if (*s != ' ' || d == start || d[-1] != ' ')
			*d++ = *s;
	*d = 0;
}

struct trace {
	char lines[24][512];
	int n;
	long pid;	/* from the file's name */
};

static bool read_trace(const char *path, struct trace *t)
{
	char buf[8192], *line, *save;
	int fd = open(path, O_RDONLY);
	ssize_t len;

	if (fd < 0)
		return false;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 0)
		return false;
	buf[len] = 0;
	t->n = 0;
	for (line = strtok_r(buf, "\n", &save); line && t->n < 24; line = strtok_r(NULL, "\n", &save))
		snprintf(t->lines[t->n++], sizeof(t->lines[0]), "%s", line);
	return true;
}

static void normalize(struct trace *t, long pid, long cpid)
{
	for (int i = 0; i < t->n; i++) {
		replace_number(t->lines[i], sizeof(t->lines[i]), pid, "PID");
		replace_number(t->lines[i], sizeof(t->lines[i]), cpid, "CPID");
		squeeze_blanks(t->lines[i]);
	}
}

static void compare(const char *who, const struct trace *t, const char *const *want, int n)
{
	EXPECT(t->n == n, "%s: %d lines, wanted %d", who, t->n, n);
	for (int i = 0; i < n && i < t->n; i++)
		EXPECT(!strcmp(t->lines[i], want[i]), "%s line %d: \"%s\", wanted \"%s\"", who,
		       i + 1, t->lines[i], want[i]);
	for (int i = n; i < t->n; i++)
		ktap_diag("%s extra line: %s", who, t->lines[i]);
}

/* Run strace -f -ff on the target; its per-process files land in @dir. */
static int run_strace(const char *dir)
{
	char out[300];
	int pid, st;

	snprintf(out, sizeof(out), "%s/t", dir);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, 1);
		execl(strace_path, "strace", "-f", "-ff", "-o", out, "-e", "trace=" TRACED_CALLS,
		      self, "target", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static void strace_output_matches_linux(void)
{
	struct trace traces[2], *parent = NULL, *child = NULL;
	char dir[64], path[400];
	struct dirent *de;
	long pid = 0, cpid = 0;
	int n = 0, st;
	DIR *d;

	if (!find_strace()) {
		ktap_skip("no strace: not in the initramfs (no glibc host) nor at /usr/bin/strace");
		return;
	}
	snprintf(dir, sizeof(dir), "/tmp/strace.%d", getpid());
	if (!EXPECT(mkdir(dir, 0700) == 0, "mkdir %s: %d", dir, errno))
		return;
	st = run_strace(dir);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "strace status %#x", st);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "t.", 2))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (n < 2 && read_trace(path, &traces[n])) {
			traces[n].pid = atol(de->d_name + 2);
			n++;
		}
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	if (!EXPECT(n == 2, "%d trace files, wanted 2", n))
		return;
	parent = traces[0].pid < traces[1].pid ? &traces[0] : &traces[1];
	child = parent == &traces[0] ? &traces[1] : &traces[0];
	pid = parent->pid;
	cpid = child->pid;
	normalize(parent, pid, cpid);
	normalize(child, pid, cpid);
	compare("parent", parent, expect_parent, sizeof(expect_parent) / sizeof(*expect_parent));
	compare("child", child, expect_child, sizeof(expect_child) / sizeof(*expect_child));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(strace_output_matches_linux),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "target"))
		return target();
	if (argv[0][0] == '/') {
		snprintf(self, sizeof(self), "%s", argv[0]);
	} else {
		char cwd[128];

		snprintf(self, sizeof(self), "%s/%s", getcwd(cwd, sizeof(cwd)) ? cwd : ".", argv[0]);
	}
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
