// SPDX-License-Identifier: MIT
/*
 * Memory pressure from user space meets the OOM killer: a child that maps
 * and touches more than the machine's RAM dies of SIGKILL (the kernel's
 * log says "Out of memory: Killed process", which tests/user.sh checks),
 * the process that picked the fight goes on, MemFree comes back, and the
 * victim is the biggest task, not a smaller one that happens to be around.
 * A fault the kernel takes on the hog's behalf (copy_to_user in read(2))
 * meets the killer too, rather than failing the read with -EFAULT. The
 * kernel's own allocations fail instead: a fork with memory nearly gone
 * is -ENOMEM and gives back all it took (reflex only: Linux's fork would
 * call the killer).
 * The hog's own faults drive the killer, so no case depends on timing;
 * should the kernel not kill, the hog dies of SIGSEGV or the boot times
 * out, and either fails here.
 *
 * In the shared test boot test-init is init, which the killer never picks,
 * and nothing runs beside this program: the hogs are the biggest tasks.
 *
 * On a Linux host this would pick among everything running there: the
 * program refuses to run where it is not the only large task's parent
 * (more than 1 GiB of RAM), and says so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

#define PAGE		4096
#define MIB		(1024 * 1024L)
#define SLACK_KB	1024	/* kernel memory that may stay allocated */

static void touch(char *p, long len)
{
	for (long off = 0; off < len; off += PAGE)
		p[off] = 1;
}

/*
 * The hogs map in chunks: Linux's overcommit heuristic refuses a single
 * mapping larger than RAM, not many that add up to more.
 */
#define CHUNK		(16 * MIB)

static char *map_chunk(void)
{
	char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);
	return p;
}

/* Map @len bytes and touch every page: only the OOM killer stops this. */
static void hog(long len)
{
	for (long done = 0; done < len; done += CHUNK)
		touch(map_chunk(), CHUNK);
	_exit(3);
}

static pid_t spawn_hog(long len)
{
	pid_t pid = fork();

	if (pid == 0)
		hog(len);
	return pid;
}

/*
 * The same, but every page is first touched by the kernel: read(2) from
 * a pipe into it faults in copy_to_user. A read that failed (-EFAULT for
 * want of memory) ends the hog with status 4 instead of SIGKILL.
 */
static void hog_through_read(long len)
{
	int fds[2];

	if (pipe(fds))
		_exit(2);
	for (long done = 0; done < len; done += CHUNK) {
		char *p = map_chunk();

		for (long off = 0; off < CHUNK; off += PAGE)
			if (write(fds[1], "x", 1) != 1 || read(fds[0], p + off, 1) != 1)
				_exit(4);
	}
	_exit(3);
}

static int too_big_to_run(void)
{
	if (meminfo_kib("MemTotal") > 1024 * 1024) {
		ktap_skip("more than 1 GiB of RAM: not exhausting this machine");
		return 1;
	}
	return 0;
}

static void wait_killed_by_sigkill(pid_t pid, const char *who)
{
	int status = 0;

	EXPECT(waitpid(pid, &status, 0) == pid, "wait4 %s: errno %d", who, errno);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "%s: wait status %#x, not a death by SIGKILL", who, status);
}

static void hog_larger_than_ram_is_oom_killed(void)
{
	long total = meminfo_kib("MemTotal"), before, after;
	pid_t pid;

	if (too_big_to_run())
		return;
	before = meminfo_kib("MemFree");
	pid = spawn_hog(total * 1024 + 64 * MIB);
	if (!EXPECT(pid > 0, "fork: errno %d", errno))
		return;
	wait_killed_by_sigkill(pid, "the hog");
	after = meminfo_kib("MemFree");
	ktap_diag("MemFree KiB: %ld before, %ld after the OOM kill", before, after);
	EXPECT(after >= before - SLACK_KB, "MemFree did not come back: %ld < %ld", after,
	       before - SLACK_KB);
}

static void hog_faulting_in_the_kernel_is_oom_killed(void)
{
	long total = meminfo_kib("MemTotal");
	pid_t pid;

	if (too_big_to_run())
		return;
	pid = fork();
	if (pid == 0)
		hog_through_read(total * 1024 + 64 * MIB);
	if (EXPECT(pid > 0, "fork: errno %d", errno))
		wait_killed_by_sigkill(pid, "the hog reading into its pages");
}

/* The survivor of an OOM kill can still allocate and use memory. */
static void parent_allocates_after_oom_kill(void)
{
	long len = 16 * MIB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(p != MAP_FAILED, "mmap: errno %d", errno))
		return;
	touch(p, len);
	EXPECT(p[len - PAGE] == 1, "the last page reads %d", p[len - PAGE]);
	munmap(p, len);
}

/* A bystander holding 8 MiB waits on a pipe that is never written. */
static pid_t spawn_bystander(int *hold)
{
	int ready[2], wait_fds[2];
	char c;
	pid_t pid;

	if (pipe(ready) || pipe(wait_fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		long len = 8 * MIB;
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		close(ready[0]);
		close(wait_fds[1]);
		touch(p, len);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		while (read(wait_fds[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(wait_fds[0]);
	*hold = wait_fds[1];
	if (pid > 0 && read(ready[0], &c, 1) != 1)
		pid = -1;
	close(ready[0]);
	return pid;
}

static void oom_killer_picks_the_biggest_task(void)
{
	long total = meminfo_kib("MemTotal");
	int hold = -1, status = 0;
	pid_t small, big;

	if (too_big_to_run())
		return;
	small = spawn_bystander(&hold);
	if (!EXPECT(small > 0, "bystander: errno %d", errno))
		return;
	big = spawn_hog(total * 1024 + 64 * MIB);
	if (EXPECT(big > 0, "fork: errno %d", errno))
		wait_killed_by_sigkill(big, "the hog");
	/* The bystander is still there to be ended by its parent. */
	EXPECT(kill(small, SIGTERM) == 0, "the bystander is gone: errno %d", errno);
	EXPECT(waitpid(small, &status, 0) == small && WIFSIGNALED(status) &&
	       WTERMSIG(status) == SIGTERM, "bystander's wait status %#x", status);
	close(hold);
}

/*
 * Fill memory by touching pages until less than 256 KiB is free (short
 * of a fault the OOM killer would answer), then fork: the kernel's own
 * allocations (the child's page tables, stack, signal state) fail and
 * fork returns -ENOMEM with everything it took given back. Exit status:
 * 0 as expected, else which step went wrong.
 */
static void fill_then_fork(long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long off = 0, free_kb, before, after;
	pid_t pid;

	if (p == MAP_FAILED)
		_exit(2);
	while ((free_kb = meminfo_kib("MemFree")) >= 256) {
		long step = free_kb > 4096 ? MIB : 16 * PAGE;

		if (off + step > len)
			_exit(3);
		touch(p + off, step);
		off += step;
	}
	before = meminfo_kib("MemFree");
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		_exit(4);		/* fork found memory after all */
	if (errno != ENOMEM)
		_exit(5);
	after = meminfo_kib("MemFree");
	_exit(after < before - 16 ? 6 : 0);
}

static int on_reflex(void)
{
	int fd = open("/proc/tasks", O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

static void fork_without_memory_returns_enomem_and_leaks_nothing(void)
{
	long total = meminfo_kib("MemTotal"), before, after;
	int status = 0;
	pid_t pid;

	if (too_big_to_run())
		return;
	if (!on_reflex()) {
		ktap_skip("Linux's fork allocations call the OOM killer instead of failing");
		return;
	}
	before = meminfo_kib("MemFree");
	pid = fork();
	if (pid == 0)
		fill_then_fork(total * 1024 + 64 * MIB);
	if (!EXPECT(pid > 0, "fork: errno %d", errno))
		return;
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0,
	       "wait status %#x (exit 4: fork succeeded, 5: not ENOMEM, 6: MemFree fell)",
	       status);
	after = meminfo_kib("MemFree");
	ktap_diag("MemFree KiB: %ld before, %ld after", before, after);
	EXPECT(after >= before - SLACK_KB, "MemFree did not come back: %ld < %ld", after,
	       before - SLACK_KB);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(hog_larger_than_ram_is_oom_killed),
	KTAP_CASE(parent_allocates_after_oom_kill),
	KTAP_CASE(hog_faulting_in_the_kernel_is_oom_killed),
	KTAP_CASE(oom_killer_picks_the_biggest_task),
	KTAP_CASE(fork_without_memory_returns_enomem_and_leaks_nothing),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
