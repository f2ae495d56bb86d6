// SPDX-License-Identifier: MIT
/*
 * Processes on several CPUs, as a user program sees them: a process
 * pinned with sched_setaffinity runs where it was pinned; SIGKILL ends a
 * process spinning in user mode on another CPU; two processes pinned to
 * different CPUs pass a byte back and forth through pipes without losing
 * one; and as many CPU-bound processes as there are CPUs end up on
 * different CPUs. Everything is counted, nothing is timed: a loop that
 * waits for a state has a generous bound in CLOCK_MONOTONIC seconds, and
 * only ending unfinished fails it. On one CPU the cases skip. The same
 * binary runs on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>

#include "ktap.h"

#define MAX_CPUS	64
#define PING_PONGS	10000
#define SETTLE_SECONDS	60	/* a bound on waiting, never a measurement */

static int online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_CPUS ? MAX_CPUS : (int)n;
}

/* The cases need two CPUs at least; on one they skip. */
static int several_cpus(int n)
{
	if (n < 2)
		ktap_skip("one CPU online");
	return n >= 2;
}

static int pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r <= 0)
			return -1;
		got += r;
	}
	return 0;
}

/* A child pinned to cpu says which CPU it runs on, then spins in user mode. */
static void pinned_spinner(int cpu, int wfd)
{
	unsigned char where;

	if (pin_to(cpu))
		_exit(10);
	where = (unsigned char)sched_getcpu();
	if (write(wfd, &where, 1) != 1)
		_exit(11);
	for (;;)
		__asm__ volatile("" ::: "memory");
}

static void kill_reaches_a_spinner_on_every_cpu(void)
{
	int n = online_cpus(), fds[2], cpu, status;
	pid_t pids[MAX_CPUS];

	if (!several_cpus(n))
		return;
	if (!EXPECT(pipe(fds) == 0, "errno %d", errno))
		return;
	for (cpu = 0; cpu < n; cpu++) {
		pids[cpu] = fork();
		if (pids[cpu] == 0) {
			close(fds[0]);
			pinned_spinner(cpu, fds[1]);
		}
	}
	close(fds[1]);
	for (cpu = 0; cpu < n; cpu++) {
		unsigned char where;

		if (!EXPECT(read_full(fds[0], &where, 1) == 0, "spinner %d never reported", cpu))
			break;
	}
	for (cpu = 0; cpu < n; cpu++)
		EXPECT(kill(pids[cpu], SIGKILL) == 0, "kill %d: errno %d", pids[cpu], errno);
	for (cpu = 0; cpu < n; cpu++) {
		EXPECT(waitpid(pids[cpu], &status, 0) == pids[cpu], "errno %d", errno);
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		       "spinner on CPU %d: status %#x", cpu, status);
	}
	close(fds[0]);
}

static void pinned_process_runs_on_its_cpu(void)
{
	int n = online_cpus(), fds[2], cpu, status;

	if (!several_cpus(n))
		return;
	if (!EXPECT(pipe(fds) == 0, "errno %d", errno))
		return;
	for (cpu = 0; cpu < n; cpu++) {
		pid_t pid = fork();
		unsigned char where;

		if (pid == 0) {
			close(fds[0]);
			if (pin_to(cpu))
				_exit(10);
			where = (unsigned char)sched_getcpu();
			_exit(write(fds[1], &where, 1) == 1 ? 0 : 11);
		}
		EXPECT(read_full(fds[0], &where, 1) == 0, "child for CPU %d said nothing", cpu);
		EXPECT(where == cpu, "pinned to CPU %d, ran on %d", cpu, where);
		EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		       WEXITSTATUS(status) == 0, "status %#x", status);
	}
	close(fds[0]);
	close(fds[1]);
}

static void pipe_ping_pong_across_cpus(void)
{
	int n = online_cpus(), to_child[2], to_parent[2], i, status;
	unsigned char b = 0;
	pid_t pid;

	if (!several_cpus(n))
		return;
	if (!EXPECT(pipe(to_child) == 0 && pipe(to_parent) == 0, "errno %d", errno))
		return;
	pid = fork();
	if (pid == 0) {
		if (pin_to(n - 1))
			_exit(10);
		for (i = 0; i < PING_PONGS; i++) {
			if (read_full(to_child[0], &b, 1))
				_exit(11);
			b++;
			if (write(to_parent[1], &b, 1) != 1)
				_exit(12);
		}
		_exit(sched_getcpu() == n - 1 ? 0 : 13);
	}
	EXPECT(pin_to(0) == 0, "errno %d", errno);
	for (i = 0; i < PING_PONGS; i++) {
		unsigned char sent = (unsigned char)i, back;

		if (!EXPECT(write(to_child[1], &sent, 1) == 1, "errno %d", errno))
			break;
		if (!EXPECT(read_full(to_parent[0], &back, 1) == 0, "round %d: no answer", i))
			break;
		if (!EXPECT(back == (unsigned char)(sent + 1), "round %d: %u back for %u", i, back, sent))
			break;
	}
	EXPECT(i == PING_PONGS, "%d of %d round trips", i, PING_PONGS);
	EXPECT(sched_getcpu() == 0, "parent on CPU %d", sched_getcpu());
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0, "child status %#x", status);
	close(to_child[0]); close(to_child[1]);
	close(to_parent[0]); close(to_parent[1]);
	pin_to(0);
	{
		cpu_set_t all;
		int c;

		CPU_ZERO(&all);
		for (c = 0; c < n; c++)
			CPU_SET(c, &all);
		sched_setaffinity(0, sizeof(all), &all);
	}
}

/*
 * Unpinned CPU-bound children report each move to another CPU (and
 * every million spins or so, so that the parent sees time pass); the
 * parent, blocked in read(), follows them until they sit on n different
 * CPUs at once.
 */
static void cpu_bound_processes_get_a_cpu_each(void)
{
	int n = online_cpus(), fds[2], i, status, distinct = 0;
	int where[MAX_CPUS];
	pid_t pids[MAX_CPUS];
	double deadline = monotonic_seconds() + SETTLE_SECONDS;

	if (!several_cpus(n))
		return;
	if (!EXPECT(pipe(fds) == 0, "errno %d", errno))
		return;
	for (i = 0; i < n; i++) {
		where[i] = -1;
		pids[i] = fork();
		if (pids[i] == 0) {
			int last = -1;
			unsigned long spins = 0;

			close(fds[0]);
			for (;;) {
				if ((++spins & 0xfff) == 0) {
					int cpu = sched_getcpu();

					/* On a move, and now and then so the parent wakes. */
					if (cpu != last || (spins & 0xfffff) == 0) {
						unsigned char msg[2] = { (unsigned char)i, (unsigned char)cpu };

						last = cpu;
						if (write(fds[1], msg, 2) != 2)
							_exit(11);
					}
				}
			}
		}
	}
	close(fds[1]);
	while (monotonic_seconds() < deadline) {
		unsigned char msg[2];
		unsigned long long seen = 0;

		if (read_full(fds[0], msg, 2))
			break;
		if (msg[0] < n)
			where[msg[0]] = msg[1];
		distinct = 0;
		for (i = 0; i < n; i++)
			if (where[i] >= 0 && where[i] < 64 && !(seen & (1ULL << where[i]))) {
				seen |= 1ULL << where[i];
				distinct++;
			}
		if (distinct == n)
			break;
	}
	EXPECT(distinct == n, "%d CPU-bound processes on %d distinct CPUs", n, distinct);
	for (i = 0; i < n; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], &status, 0);
	}
	close(fds[0]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pinned_process_runs_on_its_cpu),
	KTAP_CASE(kill_reaches_a_spinner_on_every_cpu),
	KTAP_CASE(pipe_ping_pong_across_cpus),
	KTAP_CASE(cpu_bound_processes_get_a_cpu_each),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
