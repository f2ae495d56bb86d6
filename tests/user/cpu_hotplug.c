// SPDX-License-Identifier: MIT
/*
 * CPU hotplug as a user tool drives it: /sys/devices/system/cpu/cpuN/online.
 * CPU 0 has no online file (Linux 6.5+ on x86); the others read "1\n" or
 * "0\n", and writing "0"/"1" takes the CPU down or brings it back, while
 * text that is neither fails with EINVAL and writing the state a CPU
 * already has succeeds without doing anything. Then CPUs 1.. are taken
 * down and brought back in turn, CPU_HOTPLUG_CYCLES times (1000 unless
 * the environment says otherwise), while CPU-bound processes run, some
 * pinned to the CPUs that come and go: after every step each of them
 * must answer (it still runs), /sys/devices/system/cpu/online must list
 * the CPUs that are up and /proc/interrupts must have a column for each
 * of them and no other. Skipped where the files cannot be written (no
 * cpu1/online) or there is no second CPU. The same binary runs on Linux
 * (as root, where CPUs 1.. can be taken down).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>
#include <poll.h>
#include "ktap.h"

#define MAX_CPUS	64
#define MAX_SPINNERS	8
#define TEXT_MAX	65536

static char text[TEXT_MAX];

static long slurp(const char *path)
{
	long n = 0, r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (n < TEXT_MAX - 1 && (r = read(fd, text + n, TEXT_MAX - 1 - n)) > 0)
		n += r;
	close(fd);
	text[n] = '\0';
	return n;
}

static void online_path(char *buf, size_t size, unsigned int cpu)
{
	snprintf(buf, size, "/sys/devices/system/cpu/cpu%u/online", cpu);
}

/* write(2) of @s to cpuN/online: the byte count, or -errno. */
static long write_online(unsigned int cpu, const char *s)
{
	char path[64];
	long n;
	int fd;

	online_path(path, sizeof(path), cpu);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/* 1 or 0 from cpuN/online, -1 when it cannot be read as either. */
static int read_online(unsigned int cpu)
{
	char path[64];

	online_path(path, sizeof(path), cpu);
	if (slurp(path) < 0)
		return -1;
	return !strcmp(text, "1\n") ? 1 : !strcmp(text, "0\n") ? 0 : -1;
}

/* "0-3,5\n" into a mask; false unless the whole text is such a list. */
static bool parse_cpu_list(const char *s, uint64_t *mask)
{
	*mask = 0;
	for (;;) {
		char *end;
		unsigned long a = strtoul(s, &end, 10), b = a;

		if (end == s || a >= MAX_CPUS)
			return false;
		s = end;
		if (*s == '-') {
			b = strtoul(s + 1, &end, 10);
			if (end == s + 1 || b < a || b >= MAX_CPUS)
				return false;
			s = end;
		}
		for (; a <= b; a++)
			*mask |= 1ULL << a;
		if (*s != ',')
			return !strcmp(s, "\n");
		s++;
	}
}

static uint64_t sys_online_mask(void)
{
	uint64_t mask;

	if (slurp("/sys/devices/system/cpu/online") <= 0 || !parse_cpu_list(text, &mask))
		return 0;
	return mask;
}

/* The CPUn headings of /proc/interrupts' first line as a mask. */
static uint64_t interrupts_columns(void)
{
	const char *p = text, *eol;
	uint64_t mask = 0;
	unsigned int cpu;

	if (slurp("/proc/interrupts") <= 0 || !(eol = strchr(text, '\n')))
		return 0;
	while ((p = strstr(p, "CPU")) && p < eol) {
		if (sscanf(p, "CPU%u", &cpu) == 1 && cpu < MAX_CPUS)
			mask |= 1ULL << cpu;
		p += 3;
	}
	return mask;
}

/* The CPUs with an online file that reads 1 now: the ones the cycles use. */
static unsigned int hotpluggable(unsigned int *cpus)
{
	unsigned int cpu, n = 0;

	for (cpu = 1; cpu < MAX_CPUS; cpu++)
		if (read_online(cpu) == 1)
			cpus[n++] = cpu;
	return n;
}

static bool need_online_files(void)
{
	char path[64];

	if (sys_online_mask() == 1) {
		ktap_skip("needs a second CPU");
		return false;
	}
	online_path(path, sizeof(path), 1);
	if (access(path, W_OK)) {
		ktap_skip("no writable cpu1/online");
		return false;
	}
	return true;
}

/* --- the files ---------------------------------------------------------------- */

static void cpu0_has_no_online_file(void)
{
	char path[64];

	online_path(path, sizeof(path), 0);
	EXPECT(access(path, F_OK) < 0 && errno == ENOENT, "%s: errno %d", path, errno);
}

static void bad_writes_are_einval_and_same_state_is_a_no_op(void)
{
	static const char *const bad[] = { "2", "x", "-1", "\n", "ox" };
	uint64_t before;
	unsigned int i;
	long n;

	if (!need_online_files())
		return;
	before = sys_online_mask();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = write_online(1, bad[i]);
		EXPECT(n == -EINVAL, "writing \"%s\": %ld", bad[i], n);
	}
	EXPECT(write_online(1, "1") == 1, "writing 1 to an online CPU succeeds");
	EXPECT(write_online(1, "1\n") == 2, "with a newline too");
	EXPECT(read_online(1) == 1, "cpu1 still online");
	EXPECT(sys_online_mask() == before, "no CPU changed state");
	EXPECT(write_online(1, "0") == 1, "taking cpu1 down");
	EXPECT(read_online(1) == 0, "cpu1/online reads 0");
	EXPECT(write_online(1, "0\n") == 2, "writing 0 to an offline CPU succeeds");
	EXPECT(write_online(1, "1") == 1, "bringing cpu1 back");
	EXPECT(sys_online_mask() == before, "back where it was");
}

/* --- cycles under load ------------------------------------------------------ */

struct spinner {
	pid_t pid;
	int ping, pong;		/* parent -> child, child -> parent */
};

/*
 * CPU-bound, except that it answers each byte the parent sends: an
 * answer shows the process got CPU time since the question.
 */
static __attribute__((noreturn)) void spin(int ping, int pong, int cpu)
{
	unsigned long n = 0;
	char c;

	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	fcntl(ping, F_SETFL, O_NONBLOCK);
	for (;;) {
		if (++n % 1024)
			continue;
		if (read(ping, &c, 1) != 1)
			continue;
		if (write(pong, &c, 1) != 1)
			_exit(1);
		if (c == 'q')
			_exit(0);
	}
}

static bool spinner_start(struct spinner *s, int cpu)
{
	int to[2], from[2];

	if (pipe(to) || pipe(from))
		return false;
	s->pid = fork();
	if (s->pid < 0)
		return false;
	if (s->pid == 0) {
		close(to[1]);
		close(from[0]);
		spin(to[0], from[1], cpu);
	}
	close(to[0]);
	close(from[1]);
	s->ping = to[1];
	s->pong = from[0];
	return true;
}

/* Where every task is, for the log of a failed run (reflex's /proc/tasks, where there is one). */
static void show_tasks(void)
{
	char *line, *save;

	if (slurp("/proc/tasks") <= 0)
		return;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		ktap_diag("%s", line);
}

/*
 * Every spinner answers, within a limit far beyond any scheduling delay
 * (a stuck one shows as a failure with the task list, not as a hang).
 */
static bool spinners_answer(struct spinner *s, int n, char what)
{
	struct pollfd pfd;
	int i;
	char c;

	for (i = 0; i < n; i++)
		if (write(s[i].ping, &what, 1) != 1)
			return false;
	for (i = 0; i < n; i++) {
		pfd = (struct pollfd){ .fd = s[i].pong, .events = POLLIN };
		if (poll(&pfd, 1, 60000) != 1) {
			ktap_diag("spinner %d (pid %d) did not answer", i, s[i].pid);
			show_tasks();
			return false;
		}
		if (read(s[i].pong, &c, 1) != 1 || c != what)
			return false;
	}
	return true;
}

static void spinners_stop(struct spinner *s, int n)
{
	int i, status;

	spinners_answer(s, n, 'q');
	for (i = 0; i < n; i++) {
		waitpid(s[i].pid, &status, 0);
		close(s[i].ping);
		close(s[i].pong);
	}
}

static bool step_matches(uint64_t want, unsigned int cpu, int state)
{
	uint64_t got = sys_online_mask(), cols = interrupts_columns();

	return EXPECT(got == want, "online %#llx, want %#llx", (unsigned long long)got,
		      (unsigned long long)want) &&
	       EXPECT(cols == want, "/proc/interrupts columns %#llx, want %#llx",
		      (unsigned long long)cols, (unsigned long long)want) &&
	       EXPECT(read_online(cpu) == state, "cpu%u/online should read %d", cpu, state);
}

static void cycles_keep_every_task_running(void)
{
	const char *env = getenv("CPU_HOTPLUG_CYCLES");
	unsigned long cycles = env ? strtoul(env, NULL, 0) : 1000, c;
	unsigned int cpus[MAX_CPUS], ncpus, i;
	struct spinner sp[MAX_SPINNERS];
	uint64_t all;
	int nsp = 0;
	bool ok = true;

	if (!need_online_files())
		return;
	ncpus = hotpluggable(cpus);
	all = sys_online_mask();
	/* One unpinned, one on CPU 0, one on each CPU that will come and go. */
	EXPECT(spinner_start(&sp[nsp++], -1), "fork");
	EXPECT(spinner_start(&sp[nsp++], 0), "fork");
	for (i = 0; i < ncpus && nsp < MAX_SPINNERS; i++)
		EXPECT(spinner_start(&sp[nsp++], cpus[i]), "fork");
	ok = EXPECT(spinners_answer(sp, nsp, 'a'), "every spinner answers at the start");
	for (c = 0; c < cycles && ok; c++) {
		unsigned int cpu = cpus[c % ncpus];
		uint64_t without = all & ~(1ULL << cpu);

		ok = EXPECT(write_online(cpu, "0") == 1, "cycle %lu: cpu%u down", c, cpu) &&
		     step_matches(without, cpu, 0) &&
		     EXPECT(spinners_answer(sp, nsp, 'b'), "cycle %lu: all run with cpu%u down", c, cpu) &&
		     EXPECT(write_online(cpu, "1") == 1, "cycle %lu: cpu%u up", c, cpu) &&
		     step_matches(all, cpu, 1) &&
		     EXPECT(spinners_answer(sp, nsp, 'c'), "cycle %lu: all run with cpu%u back", c, cpu);
	}
	for (i = 0; i < ncpus; i++)
		if (read_online(cpus[i]) == 0)
			write_online(cpus[i], "1");
	spinners_stop(sp, nsp);
	if (ok)
		ktap_diag("%lu cycles over %u CPUs", cycles, ncpus);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(cpu0_has_no_online_file),
	KTAP_CASE(bad_writes_are_einval_and_same_state_is_a_no_op),
	KTAP_CASE(cycles_keep_every_task_running),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
