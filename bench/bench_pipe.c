// SPDX-License-Identifier: MIT
/*
 * bench_pipe [N [CPU_A CPU_B]]: a pipe ping-pong between two processes
 * pinned to different CPUs (default 0 and 1), N round trips (default
 * 2000) after 100 warm-up ones. One round trip: the parent writes one byte
 * into the first pipe and blocks reading the second; the child, blocked
 * reading the first, wakes on its CPU and writes the byte back. Each sample
 * runs from before the parent's write to after its read returns: two
 * cross-CPU wake-ups, four system calls, two pipe copies.
 *
 *	bench: pipe_pingpong median=N ... unit=tsc
 *
 * Raw system calls (tests/user/sys.h). With fewer than two online CPUs, or
 * a kernel that cannot pin a task, it prints "bench: pipe_pingpong
 * unavailable (REASON)" instead of a figure.
 */
#include <errno.h>
#include <sys/wait.h>

#include "bench.h"
#include "sys.h"

#define WARMUP	100

static void unavailable(const char *why, long err)
{
	if (err)
		bench_print("bench: pipe_pingpong unavailable (%s: %s)\n", why, strerror(-err));
	else
		bench_print("bench: pipe_pingpong unavailable (%s)\n", why);
}

/* The child: echo every byte until the first pipe reaches end of file. */
static void echo_loop(int in, int out)
{
	char c;

	while (sys3(SYS_read, in, &c, 1) == 1)
		if (sys3(SYS_write, out, &c, 1) != 1)
			sys1(SYS_exit_group, 3);
	sys1(SYS_exit_group, 0);
}

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 2000);
	int cpu_a = argc > 3 ? atoi(argv[2]) : 0, cpu_b = argc > 3 ? atoi(argv[3]) : 1;
	int online = bench_online_cpus(), to_child[2], to_parent[2], status;
	uint64_t *samples = calloc(n, sizeof(*samples));
	long pid, err;
	char c = 'p';

	if (!samples)
		return 1;
	if (online < 2 || cpu_a >= online || cpu_b >= online || cpu_a == cpu_b) {
		char why[96];

		snprintf(why, sizeof(why), "%d CPU(s) online, CPUs %d and %d asked", online,
			 cpu_a, cpu_b);
		unavailable(why, 0);
		return 0;
	}
	err = bench_pin(cpu_a);
	if (err) {
		unavailable("pinning the parent", err);
		return 0;
	}
	if (sys1(SYS_pipe, to_child) < 0 || sys1(SYS_pipe, to_parent) < 0)
		return 1;
	pid = sys0(SYS_fork);
	if (pid < 0)
		return 1;
	if (pid == 0) {
		sys1(SYS_close, to_child[1]);
		sys1(SYS_close, to_parent[0]);
		/* A child that cannot move tells the parent with its first byte. */
		c = bench_pin(cpu_b) ? 'x' : 'k';
		if (sys3(SYS_write, to_parent[1], &c, 1) != 1 || c == 'x')
			sys1(SYS_exit_group, 2);
		echo_loop(to_child[0], to_parent[1]);
	}
	sys1(SYS_close, to_child[0]);
	sys1(SYS_close, to_parent[1]);
	if (sys3(SYS_read, to_parent[0], &c, 1) != 1 || c != 'k') {
		unavailable("pinning the child", 0);
		sys1(SYS_close, to_child[1]);
		sys4(SYS_wait4, pid, &status, 0, NULL);
		return 0;
	}
	for (long i = -WARMUP; i < n; i++) {
		uint64_t t0 = bench_rdtsc();

		if (sys3(SYS_write, to_child[1], &c, 1) != 1 ||
		    sys3(SYS_read, to_parent[0], &c, 1) != 1)
			return 1;
		if (i >= 0)
			samples[i] = bench_rdtsc() - t0;
	}
	sys1(SYS_close, to_child[1]);	/* end of file: the child exits */
	if (sys4(SYS_wait4, pid, &status, 0, NULL) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 1;
	bench_report("pipe_pingpong", samples, n, "tsc");
	return 0;
}
