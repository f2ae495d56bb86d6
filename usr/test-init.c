// SPDX-License-Identifier: MIT
/*
 * test-init: the first process of a test boot (rdinit=/test-init). Runs
 * every test program, one after another, and reports KTAP on the console:
 * each program's own KTAP becomes a subtest (indented four spaces through
 * KTAP_INDENT, which tests/user/ktap.h honours) followed by one line of
 * test-init's own from the program's wait status, then a summary, then the
 * machine is powered off (reboot(RB_POWER_OFF)); the host parses the log.
 *
 * Programs: the arguments that are paths (contain a '/'; Linux hands init
 * the kernel command line's other words too), else every file in /tests in
 * name order. Not PID 1 (a run on a Linux host, say), it exits with 0 when
 * everything passed instead of powering off:
 *
 *	build/user/test-init build/user/syscall_abi build/user/signals
 *
 * Orphans reparented to init are reaped after each program. There is no
 * per-program timeout: the host's QEMU timeout catches a hang.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PROGRAMS	64
#define TESTS_DIR	"/tests"

extern char **environ;

static char *programs[MAX_PROGRAMS];
static int nr_programs;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_program(const char *path)
{
	if (nr_programs == MAX_PROGRAMS) {
		dprintf(1, "# test-init: more than %d programs; %s left out\n",
			MAX_PROGRAMS, path);
		return;
	}
	programs[nr_programs++] = strdup(path);
}

static void find_programs(void)
{
	struct dirent *d;
	DIR *dir = opendir(TESTS_DIR);
	char path[512];

	if (!dir) {
		dprintf(1, "# test-init: %s: %s\n", TESTS_DIR, strerror(errno));
		return;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.' || (d->d_type != DT_REG && d->d_type != DT_UNKNOWN))
			continue;
		snprintf(path, sizeof(path), "%s/%s", TESTS_DIR, d->d_name);
		add_program(path);
	}
	closedir(dir);
	qsort(programs, nr_programs, sizeof(programs[0]), cmp_str);
}

/*
 * Linux opens /dev/console as fds 0-2 for init; should the kernel not
 * have, open it here (lowest free descriptors first).
 */
static void ensure_console(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (write(fd, "", 0) < 0 && errno == EBADF &&
		    open("/dev/console", O_RDWR | O_NOCTTY) < 0)
			return;
}

/* open(2) rather than access(2): reflex's system-call set has the first. */
static int exists(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/*
 * reflex's /proc and /sys are always there; Linux's must be mounted (so
 * that the tests find /proc/meminfo and /sys/devices/system/cpu there
 * too). Failure is fine: -ENOSYS on reflex.
 */
static void mount_proc_and_sys(void)
{
	if (!exists("/proc/meminfo"))
		mount("proc", "/proc", "proc", 0, NULL);
	if (!exists("/sys/devices"))
		mount("sysfs", "/sys", "sysfs", 0, NULL);
}

static void reap_orphans(void)
{
	int status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

/* Returns the wait status, or -1 when fork failed. */
static int run_one(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	int status;
	pid_t pid, got;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("KTAP_INDENT", "4", 1);
		execve(path, argv, environ);
		dprintf(1, "    # test-init: execve %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	reap_orphans();
	return got == pid ? status : -1;
}

static void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	dprintf(1, "# test-init: reboot(RB_POWER_OFF): %s\n", strerror(errno));
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	int failed = 0, i;

	ensure_console();
	if (getpid() == 1)
		mount_proc_and_sys();
	if (!getenv("PATH"))
		setenv("PATH", "/bin", 1);
	for (i = 1; i < argc; i++) {
		if (strchr(argv[i], '/'))
			add_program(argv[i]);
		else
			dprintf(1, "# test-init: ignoring argument %s\n", argv[i]);
	}
	if (!nr_programs)
		find_programs();

	dprintf(1, "KTAP version 1\n1..%d\n", nr_programs);
	for (i = 0; i < nr_programs; i++) {
		const char *name = strrchr(programs[i], '/') ? strrchr(programs[i], '/') + 1
							     : programs[i];
		int status = run_one(programs[i]);

		if (status < 0) {
			dprintf(1, "not ok %d %s # fork failed: %s\n", i + 1, name,
				strerror(errno));
			failed++;
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			dprintf(1, "ok %d %s\n", i + 1, name);
		} else if (WIFEXITED(status)) {
			dprintf(1, "not ok %d %s # exit status %d\n", i + 1, name,
				WEXITSTATUS(status));
			failed++;
		} else {
			dprintf(1, "not ok %d %s # killed by signal %d\n", i + 1, name,
				WTERMSIG(status));
			failed++;
		}
	}
	dprintf(1, "# test-init: %d programs, %d passed, %d failed\n", nr_programs,
		nr_programs - failed, failed);
	if (getpid() == 1)
		power_off();
	return failed ? 1 : 0;
}
