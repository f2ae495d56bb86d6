// SPDX-License-Identifier: MIT
/*
 * Debian's rt-tests (cyclictest, pi_stress, signaltest, hackbench) and
 * stress-ng, run unchanged (dynamic, glibc; data/ beside this program in
 * the test initramfs, /usr/bin on the host), each with a workload bounded
 * by a count of loops rather than by time, and judged by its own verdict:
 * the exit status and the lines it prints, as on Linux. Each tool runs
 * in a process group of its own with a deadline on its output: one that
 * hangs is killed (the whole group) and fails its case, and the boot goes
 * on.
 *
 * Booted alone (rdinit=/test-init /rt/rttests), at -smp 1 and -smp 4.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <poll.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ktap.h"

/* A tool's whole output (stdout and stderr together). */
static char out[64 * 1024];
static size_t out_len;
static char dir[256];
static int ncpus;

static bool find_tool(const char *name, char *path, size_t cap)
{
	snprintf(path, cap, "%sdata/%s", dir, name);
	if (!access(path, X_OK))
		return true;
	snprintf(path, cap, "/usr/bin/%s", name);
	return !access(path, X_OK);
}

/* The state of every process in group @pgid, from /proc/PID/stat, for the log. */
static void show_group(int pgid)
{
	struct dirent *de;
	DIR *d = opendir("/proc");

	while (d && (de = readdir(d))) {
		char path[300], buf[512];
		int fd, n, grp = 0;
		char *rp;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		rp = strrchr(buf, ')');
		if (rp && sscanf(rp + 2, "%*c %*d %d", &grp) == 1 && grp == pgid)
			ktap_diag("| %.120s", buf);
	}
	if (d)
		closedir(d);
}

static long now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * Run @argv[0] (a tool name) with a watchdog of @secs seconds; its output
 * lands in out[]. Returns the wait status, or -1 when it cannot run.
 */
static int run_tool(char *const argv[], unsigned int secs)
{
	char path[300];
	int fds[2], pid, st;
	long deadline;
	ssize_t n;

	out_len = 0;
	out[0] = 0;
	if (!find_tool(argv[0], path, sizeof(path))) {
		ktap_skip("tool not in the initramfs (no glibc host) nor in /usr/bin");
		return -1;
	}
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		setpgid(0, 0);
		if (chdir("/tmp"))
			_exit(126);
		execv(path, argv);
		dprintf(2, "exec %s: errno %d\n", path, errno);
		_exit(127);
	}
	close(fds[1]);
	setpgid(pid, pid);
	deadline = now_sec() + secs;
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		long left = deadline - now_sec();

		if (left <= 0 || poll(&pfd, 1, left * 1000) == 0) {
			ktap_diag("%s: no end after %u s: killed", argv[0], secs);
			show_group(pid);
			kill(-pid, SIGKILL);
			break;
		}
		n = read(fds[0], out + out_len, sizeof(out) - 1 - out_len);
		if (n <= 0)
			break;	/* the end of its output (or a full buffer) */
		out_len += n;
	}
	out[out_len] = 0;
	close(fds[0]);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* The tool's output on failure, a few lines, for the log. */
static void show_output(void)
{
	char copy[sizeof(out)], *line, *save;
	int shown = 0;

	memcpy(copy, out, out_len + 1);
	for (line = strtok_r(copy, "\n", &save); line && shown < 40;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "metrc:") && !strstr(line, " 0 "))
			continue;	/* a stressor's counts, unless it did nothing */
		ktap_diag("| %.200s", line);
		shown++;
	}
}

static bool exited_zero(const char *what, int st)
{
	if (EXPECT(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "%s: status %#x", what, st))
		return true;
	show_output();
	return false;
}

/* The line of out[] that starts with @prefix after @from, or NULL. */
static const char *find_line(const char *from, const char *prefix)
{
	const char *p = from;
	size_t n = strlen(prefix);

	while (p && *p) {
		if (!strncmp(p, prefix, n))
			return p;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* "# Total: 000000197 000000198": the first @n numbers after the label. */
static int parse_columns(const char *label, long *v, int n)
{
	const char *p = find_line(out, label);
	char *end;
	int i;

	if (!p)
		return 0;
	p += strlen(label);
	for (i = 0; i < n; i++) {
		v[i] = strtol(p, &end, 10);
		if (end == p)
			break;
		p = end;
	}
	return i;
}

#define CYCLIC_LOOPS 300

/*
 * One SCHED_FIFO 80 thread per CPU (-t), each pinned to its CPU (-a), the
 * memory locked (-m), woken every 1 ms by clock_nanosleep up to 300 times
 * (-l: the first thread to get there ends the run for all), with
 * /dev/cpu_dma_latency held open. Without -h each thread's summary is a
 * "T: N ( tid) P:80 I:1000 C: 300 Min: .. Act: .. Avg: .. Max: .." line.
 */
static void cyclictest_summary_per_thread(void)
{
	char *argv[] = { "cyclictest", "-t", "-a", "-m", "-p", "80", "-i", "1000", "-q",
			 "-l", "300", NULL };
	int st = run_tool(argv, 60);
	bool done = false;

	if (st == -1)
		return;
	exited_zero("cyclictest", st);
	for (int t = 0; t < ncpus; t++) {
		char prefix[16];
		const char *l;
		long c = -1, max = -1, prio = -1;
		int tid;

		snprintf(prefix, sizeof(prefix), "T: %d ", t);
		l = find_line(out, prefix);
		if (!EXPECT(l, "no summary line for thread %d", t)) {
			show_output();
			continue;
		}
		EXPECT(sscanf(l, "T: %*d (%d) P:%ld I:%*d C:%ld Min:%*d Act:%*d Avg:%*d Max:%ld",
			      &tid, &prio, &c, &max) == 4, "thread %d: \"%.100s\"", t, l);
		EXPECT(prio == 80, "thread %d at priority %ld, wanted 80", t, prio);
		EXPECT(c > 0 && c <= CYCLIC_LOOPS, "thread %d: %ld cycles, wanted 1..%d", t,
		       c, CYCLIC_LOOPS);
		done |= c == CYCLIC_LOOPS;
		EXPECT(max >= 0, "thread %d: max latency %ld", t, max);
	}
	{
		char prefix[16];

		snprintf(prefix, sizeof(prefix), "T: %d ", ncpus);
		EXPECT(!find_line(out, prefix), "more threads than the %d CPUs", ncpus);
	}
	EXPECT(done, "no thread ran its %d cycles", CYCLIC_LOOPS);
	/* cyclictest writes 0 to it and keeps it open: the PM QoS request. */
	EXPECT(strstr(out, "# /dev/cpu_dma_latency set to 0us"), "no cpu_dma_latency line");
}

/*
 * With a 100 us histogram (-h 100) the report is the histogram and its
 * summary: every wakeup counted once, in a bucket or as an overflow.
 */
static void cyclictest_histogram_counts_every_cycle(void)
{
	char *argv[] = { "cyclictest", "-t", "-a", "-m", "-p", "80", "-i", "1000", "-h", "100",
			 "-q", "-l", "300", NULL };
	long total[64], over[64], max[64];
	int st = run_tool(argv, 60), n = ncpus < 64 ? ncpus : 64;
	bool done = false;

	if (st == -1)
		return;
	exited_zero("cyclictest -h", st);
	if (!EXPECT(parse_columns("# Total:", total, n) == n, "no Total for %d threads", n) ||
	    !EXPECT(parse_columns("# Histogram Overflows:", over, n) == n, "no Overflows") ||
	    !EXPECT(parse_columns("# Max Latencies:", max, n) == n, "no Max Latencies")) {
		show_output();
		return;
	}
	for (int t = 0; t < n; t++) {
		EXPECT(total[t] + over[t] > 0 && total[t] + over[t] <= CYCLIC_LOOPS,
		       "thread %d: %ld in buckets + %ld overflows, wanted 1..%d", t, total[t],
		       over[t], CYCLIC_LOOPS);
		done |= total[t] + over[t] == CYCLIC_LOOPS;
	}
	EXPECT(done, "no thread counted its %d cycles", CYCLIC_LOOPS);
}

/*
 * pi_stress: groups of three SCHED_FIFO threads (low takes a PI mutex,
 * high blocks on it, medium spins between them) repeat the inversion; a
 * high thread left waiting past its deadline is a failure and a nonzero
 * status.
 */
static void pi_stress_inversions_complete(void)
{
	/* No more groups than CPUs, pi_stress insists: two, or one on one CPU. */
	char *argv[] = { "pi_stress", ncpus > 1 ? "--groups=2" : "--groups=1", "--inversions=200",
			 NULL };
	int st = run_tool(argv, 120);
	const char *l;
	long n = -1;

	if (st == -1)
		return;
	exited_zero("pi_stress", st);
	l = strstr(out, "Total inversion performed: ");
	if (EXPECT(l, "no inversion total"))
		n = atol(l + strlen("Total inversion performed: "));
	EXPECT(n >= 200, "%ld inversions, wanted at least 200", n);
	EXPECT(!strstr(out, "FAILURE") && !strstr(out, "failure"), "pi_stress reports a failure");
}

/* signaltest: a signal passed along a chain of threads, 200 rounds. */
static void signaltest_rounds_complete(void)
{
	char *argv[] = { "signaltest", "-t", "2", "-p", "70", "-m", "-q", "-l", "200", NULL };
	int st = run_tool(argv, 60);
	const char *l;
	long c = -1, max = -1;

	if (st == -1)
		return;
	exited_zero("signaltest", st);
	l = find_line(out, "T: 0 ");
	if (!EXPECT(l, "no summary line")) {
		show_output();
		return;
	}
	EXPECT(sscanf(l, "T: %*d (%*d) P:%*d C:%ld Min:%*d Act:%*d Avg:%*d Max:%ld", &c, &max) == 2,
	       "\"%.100s\"", l);
	EXPECT(c == 200, "%ld rounds, wanted 200", c);
}

/* hackbench: 2 groups of 5 senders and 5 receivers, 20 messages each. */
static void hackbench_one(const char *what, bool threads, bool pipes)
{
	char *argv[10] = { "hackbench", "-g", "2", "-f", "5", "-l", "20" };
	int i = 7, st;
	const char *l;
	double t = -1;

	if (threads)
		argv[i++] = "-T";
	if (pipes)
		argv[i++] = "-p";
	argv[i] = NULL;
	st = run_tool(argv, 120);
	if (st == -1)
		return;
	exited_zero(what, st);
	l = find_line(out, "Time: ");
	if (!EXPECT(l, "%s: no Time: line", what)) {
		show_output();
		return;
	}
	EXPECT(sscanf(l, "Time: %lf", &t) == 1 && t >= 0, "%s: \"%.60s\"", what, l);
	EXPECT(strstr(out, threads ? "Running in threaded mode with 2 groups using 10 file "
				     "descriptors each (== 20 tasks)"
				   : "Running in process mode with 2 groups using 10 file "
				     "descriptors each (== 20 tasks)"),
	       "%s: the mode line", what);
}

static void hackbench_sockets_processes(void)
{
	hackbench_one("hackbench", false, false);
}

static void hackbench_sockets_threads(void)
{
	hackbench_one("hackbench -T", true, false);
}

static void hackbench_pipes_processes(void)
{
	hackbench_one("hackbench -p", false, true);
}

static void hackbench_pipes_threads(void)
{
	hackbench_one("hackbench -T -p", true, true);
}

/*
 * stress-ng: each stressor one instance, bounded by its op count (-t a
 * backstop), with --verify. Its verdict is "successful run completed"
 * and status 0; the metrics table must list every stressor with its ops.
 */
struct stressor {
	const char *name;
	long ops;
	const char *extra[2];	/* option and value */
};

#define S(n, o, ...)	{ .name = n, .ops = o, .extra = { __VA_ARGS__ } }
static const struct stressor stressors[] = {
	S("cpu", 50),		S("fork", 100),		S("clone", 100),
	S("pthread", 50),	S("futex", 1000),	S("mmap", 4, "--mmap-bytes", "1M"),
	S("mprotect", 200),	S("mremap", 4, "--mremap-bytes", "1M"),
	S("pipe", 2000),	S("signal", 2000),	S("sigsegv", 2000),
	S("timer", 1000),	S("hrtimers", 1000),	S("clock", 100),
	S("nanosleep", 50),	S("switch", 2000),	S("vm", 10, "--vm-bytes", "2M"),
	S("malloc", 2000),	S("sockpair", 200),
};
#define NR_STRESSORS ((int)(sizeof(stressors) / sizeof(stressors[0])))

/* Bogo ops of @name in the metrics table, or -1. */
static long metric_ops(const char *name)
{
	const char *p = out;

	while ((p = strstr(p, "metrc: ["))) {
		char word[32];
		long ops;

		p = strchr(p, ']');
		if (!p)
			break;
		if (sscanf(p + 1, "%31s %ld", word, &ops) == 2 && !strcmp(word, name))
			return ops;
	}
	return -1;
}

static void stress_ng_stressors_pass(void)
{
	static char opts[NR_STRESSORS][2][32];
	char *argv[8 + NR_STRESSORS * 6] = { "stress-ng", "--verify", "--metrics-brief",
					     "--temp-path", "/tmp", "-t", "60" };
	int a = 7, st;

	for (int i = 0; i < NR_STRESSORS; i++) {
		snprintf(opts[i][0], sizeof(opts[i][0]), "--%s", stressors[i].name);
		snprintf(opts[i][1], sizeof(opts[i][1]), "--%s-ops", stressors[i].name);
		argv[a++] = opts[i][0];
		argv[a++] = "1";
		argv[a++] = opts[i][1];
		argv[a] = malloc(24);
		snprintf(argv[a++], 24, "%ld", stressors[i].ops);
		if (stressors[i].extra[0]) {
			argv[a++] = (char *)stressors[i].extra[0];
			argv[a++] = (char *)stressors[i].extra[1];
		}
	}
	argv[a] = NULL;
	st = run_tool(argv, 180);
	if (st == -1)
		return;
	if (!exited_zero("stress-ng", st))
		return;
	EXPECT(strstr(out, "successful run completed") && !strstr(out, "unsuccessful"),
	       "no \"successful run completed\"");
	for (int i = 0; i < NR_STRESSORS; i++) {
		long ops = metric_ops(stressors[i].name);

		/*
		 * Listed with its ops. Some count asynchronously (hrtimers' signal
		 * handler) and end a little short of the bound: not a failure.
		 */
		EXPECT(ops > 0 && ops <= stressors[i].ops * 2, "%s: %ld bogo ops, bound %ld",
		       stressors[i].name, ops, stressors[i].ops);
	}
	if (!EXPECT(!strstr(out, "fail:"), "a stressor reports a failure"))
		show_output();
}

/*
 * yield: stress-ng's yield workers (one per CPU) do not stop at their op
 * count, only at the time limit: 2 s here, the ops whatever they are.
 */
static void stress_ng_yield_passes(void)
{
	char *argv[] = { "stress-ng", "--verify", "--metrics-brief", "--temp-path", "/tmp",
			 "-t", "2", "--yield", "1", "--yield-ops", "200", NULL };
	int st = run_tool(argv, 60);

	if (st == -1)
		return;
	if (!exited_zero("stress-ng --yield", st))
		return;
	EXPECT(strstr(out, "successful run completed") && !strstr(out, "unsuccessful"),
	       "no \"successful run completed\"");
	EXPECT(metric_ops("yield") > 0, "yield: %ld bogo ops", metric_ops("yield"));
}

/*
 * sock: stress-ng's default socket stressor, TCP over 127.0.0.1 (domain
 * ipv4, type stream): a server and a client connecting, sending and
 * closing, each connection's data checked with --verify.
 */
static void stress_ng_sock_passes(void)
{
	char *argv[] = { "stress-ng", "--verify", "--metrics-brief", "--temp-path", "/tmp",
			 "-t", "60", "--sock", "1", "--sock-ops", "300", NULL };
	int st = run_tool(argv, 120);
	long ops;

	if (st == -1)
		return;
	if (!exited_zero("stress-ng --sock", st))
		return;
	EXPECT(strstr(out, "successful run completed") && !strstr(out, "unsuccessful"),
	       "no \"successful run completed\"");
	ops = metric_ops("sock");
	EXPECT(ops > 0 && ops <= 600, "sock: %ld bogo ops, bound 300", ops);
	if (!EXPECT(!strstr(out, "fail:"), "the stressor reports a failure"))
		show_output();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(cyclictest_summary_per_thread),
	KTAP_CASE(cyclictest_histogram_counts_every_cycle),
	KTAP_CASE(pi_stress_inversions_complete),
	KTAP_CASE(signaltest_rounds_complete),
	KTAP_CASE(stress_ng_sock_passes),
	KTAP_CASE(hackbench_sockets_processes),
	KTAP_CASE(hackbench_sockets_threads),
	KTAP_CASE(hackbench_pipes_processes),
	KTAP_CASE(hackbench_pipes_threads),
	KTAP_CASE(stress_ng_stressors_pass),
	KTAP_CASE(stress_ng_yield_passes),
};

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/'), *only;
	struct ktap_case chosen[KTAP_COUNT(cases)];
	int n = 0;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	mkdir("/tmp", 01777);
	/* RTTESTS_ONLY=word (on the kernel command line): the cases naming it. */
	only = getenv("RTTESTS_ONLY");
	for (int i = 0; i < KTAP_COUNT(cases); i++)
		if (!only || strstr(cases[i].name, only))
			chosen[n++] = cases[i];
	return ktap_run(argv[0], chosen, n);
}
