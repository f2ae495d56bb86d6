// SPDX-License-Identifier: MIT
/*
 * The CPU files as a user tool reads them: /sys/devices/system/cpu's
 * online/possible/present lists, /proc/stat's lines and field counts,
 * /proc/cpuinfo's blocks and keys, and the per-CPU columns and lines of
 * /proc/interrupts, /proc/softirqs and /proc/net/softnet_stat. The files
 * must agree with each other; CPUS_ONLINE, CPUS_PRESENT and CPUS_POSSIBLE
 * in the environment (from the kernel command line) say what a boot
 * expects, e.g. CPUS_PRESENT=0-3 on -smp 4. The same binary runs on Linux.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include "ktap.h"

#define FILE_MAX	65536

static char text[FILE_MAX];

/* The whole file into text[], NUL-terminated; its length or -1. */
static long slurp(const char *path)
{
	long n = 0, r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (n < FILE_MAX - 1 && (r = read(fd, text + n, FILE_MAX - 1 - n)) > 0)
		n += r;
	close(fd);
	text[n] = '\0';
	return n;
}

/* "0-3,5\n" into a bit mask; false unless the whole text is one such list. */
static bool parse_cpu_list(const char *s, uint64_t *mask)
{
	*mask = 0;
	for (;;) {
		char *end;
		unsigned long a = strtoul(s, &end, 10), b = a;

		if (end == s || a >= 64)
			return false;
		s = end;
		if (*s == '-') {
			b = strtoul(s + 1, &end, 10);
			if (end == s + 1 || b < a || b >= 64)
				return false;
			s = end;
		}
		for (; a <= b; a++)
			*mask |= 1ULL << a;
		if (*s == ',') {
			s++;
			continue;
		}
		return !strcmp(s, "\n");
	}
}

static bool read_cpu_list(const char *name, uint64_t *mask)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/%s", name);
	if (!EXPECT(slurp(path) > 0, "%s unreadable", path))
		return false;
	return EXPECT(parse_cpu_list(text, mask), "%s is not a CPU list: \"%s\"", path, text);
}

static uint64_t online, possible, present;

static void expect_env_list(const char *var, uint64_t got)
{
	const char *want = getenv(var);
	char buf[80];
	uint64_t mask;

	if (!want)
		return;
	snprintf(buf, sizeof(buf), "%s\n", want);
	if (EXPECT(parse_cpu_list(buf, &mask), "%s=%s is not a list", var, want))
		EXPECT(mask == got, "%s: want %s, the file says %#llx", var, want,
		       (unsigned long long)got);
}

static void sysfs_cpu_lists_nest_and_match_the_boot(void)
{
	if (!read_cpu_list("online", &online) || !read_cpu_list("possible", &possible) ||
	    !read_cpu_list("present", &present))
		return;
	EXPECT(online & 1, "CPU 0 is always online");
	EXPECT((online & ~present) == 0, "online %#llx within present %#llx",
	       (unsigned long long)online, (unsigned long long)present);
	EXPECT((present & ~possible) == 0, "present %#llx within possible %#llx",
	       (unsigned long long)present, (unsigned long long)possible);
	EXPECT((possible & (possible + 1)) == 0, "possible %#llx is 0..n-1",
	       (unsigned long long)possible);
	expect_env_list("CPUS_ONLINE", online);
	expect_env_list("CPUS_PRESENT", present);
	expect_env_list("CPUS_POSSIBLE", possible);
}

static void sysfs_cpu_directory_lists_the_mask_files(void)
{
	DIR *d = opendir("/sys/devices/system/cpu");
	struct dirent *e;
	int seen = 0;

	if (!EXPECT(d != NULL, "opendir /sys/devices/system/cpu"))
		return;
	while ((e = readdir(d)))
		seen |= (!strcmp(e->d_name, "online") ? 1 : 0) |
			(!strcmp(e->d_name, "possible") ? 2 : 0) |
			(!strcmp(e->d_name, "present") ? 4 : 0);
	closedir(d);
	EXPECT(seen == 7, "online, possible and present listed (seen %#x)", seen);
	EXPECT(opendir("/sys/devices/system") != NULL, "/sys/devices/system is a directory");
}

static int count_fields(const char *line, const char *end)
{
	int n = 0;

	while (line < end) {
		while (line < end && *line == ' ')
			line++;
		if (line == end)
			break;
		n++;
		while (line < end && *line != ' ')
			line++;
	}
	return n;
}

static unsigned long long field(const char *line, int i)
{
	while (i--) {
		line = strchr(line, ' ');
		while (*line == ' ')
			line++;
	}
	return strtoull(line, NULL, 10);
}

/* The sum of fields 1..n-1 of a line ("intr" and "softirq" start with their total). */
static unsigned long long sum_rest(const char *line, int n)
{
	unsigned long long sum = 0;
	int i;

	for (i = 2; i < n; i++)
		sum += field(line, i);
	return sum;
}

static void check_stat_line(const char *line, const char *end, uint64_t *cpus_seen, int *order)
{
	static const char *const keys[] = { "intr", "ctxt", "btime", "processes",
					    "procs_running", "procs_blocked", "softirq" };
	static const int nfields[] = { 0, 2, 2, 2, 2, 2, 12 };
	int n = count_fields(line, end), k;
	unsigned int cpu;

	if (!strncmp(line, "cpu ", 4)) {
		EXPECT(*order == 0 && n == 11, "\"cpu\" line first, 11 fields (has %d)", n);
		return;
	}
	if (sscanf(line, "cpu%u ", &cpu) == 1) {
		EXPECT(n == 11, "cpu%u line has 11 fields (has %d)", cpu, n);
		EXPECT(*order == 0 && cpu < 64, "cpu%u line before intr", cpu);
		*cpus_seen |= 1ULL << (cpu & 63);
		return;
	}
	for (k = 0; k < 7; k++) {
		size_t len = strlen(keys[k]);

		if (strncmp(line, keys[k], len) || line[len] != ' ')
			continue;
		EXPECT(k + 1 > *order, "%s in Linux's order", keys[k]);
		*order = k + 1;
		if (nfields[k])
			EXPECT(n == nfields[k], "%s has %d fields (has %d)", keys[k], nfields[k], n);
		else
			EXPECT(n >= 2, "intr has a total");
		if (k == 0)
			EXPECT(field(line, 1) >= sum_rest(line, n), "intr total covers the IRQs");
		if (k == 6)
			EXPECT(field(line, 1) == sum_rest(line, n), "softirq total is the sum");
		if (k == 4)
			EXPECT(field(line, 1) >= 1, "procs_running counts the reader");
		return;
	}
	EXPECT(0, "unknown /proc/stat line: %.*s", (int)(end - line), line);
}

static void proc_stat_lines_have_linux_fields(void)
{
	uint64_t cpus_seen = 0;
	int order = 0;
	char *line, *end;

	if (!EXPECT(slurp("/proc/stat") > 0, "/proc/stat readable"))
		return;
	for (line = text; *line; line = end + 1) {
		end = strchr(line, '\n');
		if (!EXPECT(end != NULL, "every line ends in a newline"))
			return;
		check_stat_line(line, end, &cpus_seen, &order);
	}
	EXPECT(order == 7, "every line from intr to softirq present (last %d)", order);
	if (online)
		EXPECT(cpus_seen == online, "one cpuN line per online CPU (%#llx vs %#llx)",
		       (unsigned long long)cpus_seen, (unsigned long long)online);
}

static unsigned long long stat_cpu_total(void)
{
	unsigned long long sum = 0;
	int i;

	if (slurp("/proc/stat") <= 0 || strncmp(text, "cpu ", 4))
		return 0;
	for (i = 1; i <= 10; i++)
		sum += field(text, i);
	return sum;
}

/* The tick charges every CPU's time somewhere: the "cpu" total grows. */
static void proc_stat_cpu_time_advances(void)
{
	unsigned long long first = stat_cpu_total(), now = first;
	long spins;

	for (spins = 0; spins < 200000000L && now == first; spins++)
		if (!(spins & 0xfffff))
			now = stat_cpu_total();
	EXPECT(now > first, "cpu time grew from %llu", first);
}

static const char *const cpuinfo_keys[] = {
	"processor", "vendor_id", "cpu family", "model", "model name", "stepping",
	"microcode", "cpu MHz", "cache size", "physical id", "siblings", "core id",
	"cpu cores", "apicid", "initial apicid", "fpu", "fpu_exception", "cpuid level",
	"wp", "flags", "bugs", "bogomips", "TLB size", "clflush size", "cache_alignment",
	"address sizes", "power management",
};
#define NR_KEYS	((int)(sizeof(cpuinfo_keys) / sizeof(cpuinfo_keys[0])))

/* The index of line's key in Linux's order, or -1; "key\t+: value". */
static int cpuinfo_key(const char *line)
{
	const char *colon = strchr(line, ':');
	int k;

	if (!colon)
		return -1;
	for (k = 0; k < NR_KEYS; k++) {
		size_t len = strlen(cpuinfo_keys[k]);
		const char *p = line + len;

		if (strncmp(line, cpuinfo_keys[k], len))
			continue;
		while (*p == '\t')
			p++;
		if (p == colon)
			return k;
	}
	return -1;
}

/* Each online CPU reports the APIC ID it has; no two CPUs share one. */
static void check_cpuinfo_apicid(const char *line, int k, uint64_t *apicids)
{
	unsigned long id = strtoul(strchr(line, ':') + 2, NULL, 10);

	if (k == 13 && id < 64) {
		EXPECT(!(*apicids & (1ULL << id)), "apicid %lu on one CPU only", id);
		*apicids |= 1ULL << id;
	}
}

static void check_cpuinfo_block(char *block, uint64_t *procs, uint64_t *apicids)
{
	static const int required[] = { 0, 1, 2, 3, 4, 9, 13, 14, 19, 21, 25, 26 };
	char *line, *next;
	int last = -1, k, seen[NR_KEYS] = { 0 };

	for (line = block; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		k = cpuinfo_key(line);
		if (!EXPECT(k > last, "key in Linux's order: \"%s\"", line))
			continue;
		last = k;
		seen[k] = 1;
		if (k == 0)
			*procs |= 1ULL << (strtoul(strchr(line, ':') + 2, NULL, 10) & 63);
		check_cpuinfo_apicid(line, k, apicids);
		if (k == 19)
			EXPECT(strstr(line, " fpu ") && strstr(line, " lm "),
			       "x86-64 flags include fpu and lm: %s", line);
	}
	for (k = 0; k < (int)(sizeof(required) / sizeof(required[0])); k++)
		EXPECT(seen[required[k]], "block has \"%s\"", cpuinfo_keys[required[k]]);
}

static void proc_cpuinfo_has_a_block_per_online_cpu(void)
{
	uint64_t procs = 0, apicids = 0;
	char *block, *sep;

	if (!EXPECT(slurp("/proc/cpuinfo") > 0, "/proc/cpuinfo readable"))
		return;
	EXPECT(strlen(text) > 2 && !strcmp(text + strlen(text) - 2, "\n\n"),
	       "the last block ends in a blank line");
	for (block = text; *block; block = sep + 2) {
		sep = strstr(block, "\n\n");
		if (!sep)
			break;
		sep[1] = '\0';
		check_cpuinfo_block(block, &procs, &apicids);
	}
	if (online)
		EXPECT(procs == online, "processor numbers %#llx are the online CPUs %#llx",
		       (unsigned long long)procs, (unsigned long long)online);
}

/* The first line's CPU0 CPU1 ... headings as a mask. */
static uint64_t header_cpus(const char *path)
{
	uint64_t mask = 0;
	const char *p = text;
	unsigned int cpu;

	if (slurp(path) <= 0)
		return 0;
	while ((p = strstr(p, "CPU")) && p < strchr(text, '\n')) {
		if (sscanf(p, "CPU%u", &cpu) == 1 && cpu < 64)
			mask |= 1ULL << cpu;
		p += 3;
	}
	return mask;
}

static void proc_per_cpu_files_follow_the_masks(void)
{
	uint64_t m;
	int lines = 0;
	char *p;

	m = header_cpus("/proc/interrupts");
	EXPECT(m == online, "/proc/interrupts columns %#llx are the online CPUs",
	       (unsigned long long)m);
	m = header_cpus("/proc/softirqs");
	EXPECT(m == possible, "/proc/softirqs columns %#llx are the possible CPUs (as Linux)",
	       (unsigned long long)m);
	if (slurp("/proc/net/softnet_stat") < 0) {
		ktap_skip("no /proc/net/softnet_stat");
		return;
	}
	for (p = text; (p = strchr(p, '\n')); p++)
		lines++;
	EXPECT(lines == __builtin_popcountll(online), "softnet_stat: %d lines, one per online CPU",
	       lines);
}

/* Is there a task called name? reflex's ps view, or Linux's /proc/PID/comm. */
static bool task_named(const char *name)
{
	char path[300], want[40];
	struct dirent *d;
	DIR *dir;
	bool found = false;

	if (slurp("/proc/tasks") >= 0) {
		char *p = text;
		size_t n = strlen(name);

		while ((p = strstr(p, name))) {
			if ((p == text || p[-1] == ' ') && (p[n] == '\n' || p[n] == ' ' || !p[n]))
				return true;
			p += n;
		}
		return false;
	}
	snprintf(want, sizeof(want), "%s\n", name);
	dir = opendir("/proc");
	while (dir && !found && (d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", d->d_name);
		found = slurp(path) >= 0 && !strcmp(text, want);
	}
	if (dir)
		closedir(dir);
	return found;
}

/* Linux's per-CPU kernel threads, one set for every online CPU. */
static void per_cpu_kthreads_run_for_every_online_cpu(void)
{
	static const char *const kinds[] = { "ksoftirqd/%u", "kworker/%u:0", "kworker/%u:0H" };
	char name[32];
	unsigned int cpu, k;

	for (cpu = 0; cpu < 64; cpu++) {
		if (!(online >> cpu & 1))
			continue;
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			snprintf(name, sizeof(name), kinds[k], cpu);
			EXPECT(task_named(name), "no task %s", name);
		}
	}
}

/* The LOC row of /proc/interrupts, one count per column (online CPU). */
static int local_timer_counts(unsigned long long *counts, int max)
{
	char *p;
	int n = 0;

	if (slurp("/proc/interrupts") < 0 || !(p = strstr(text, "LOC:")))
		return -1;
	p += 4;
	while (n < max) {
		char *end;
		unsigned long long v = strtoull(p, &end, 10);

		if (end == p)
			break;
		counts[n++] = v;
		p = end;
	}
	return n;
}

/*
 * Every online CPU takes local timer interrupts. A CPU-bound process is
 * pinned on each CPU while the row is read, so that no CPU can be idle
 * with its tick stopped (NO_HZ on Linux). The row is read again every
 * 100 ms until every CPU's count has grown: a loaded host may leave a
 * vCPU unscheduled for a while, so only a count that never grows within
 * the (generous) bound is a failure.
 */
static void local_timer_ticks_on_every_online_cpu(void)
{
	unsigned long long before[64], after[64];
	int ncpu = __builtin_popcountll(online), i, n1, n2 = 0, status, grown = 0, tries;
	pid_t pids[64];
	struct timespec pause = { 0, 100 * 1000 * 1000 };

	for (i = 0; i < ncpu; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(i, &set);
			sched_setaffinity(0, sizeof(set), &set);
			for (;;)
				__asm__ volatile("" ::: "memory");
		}
	}
	n1 = local_timer_counts(before, 64);
	for (tries = 0; tries < 300 && grown < ncpu; tries++) {
		nanosleep(&pause, NULL);
		n2 = local_timer_counts(after, 64);
		if (n2 != n1)
			break;
		for (grown = 0, i = 0; i < ncpu; i++)
			grown += after[i] > before[i];
	}
	for (i = 0; i < ncpu; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], &status, 0);
	}
	if (!EXPECT(n1 == ncpu && n2 == ncpu, "LOC row: %d and %d columns for %d CPUs",
		    n1, n2, ncpu))
		return;
	for (i = 0; i < ncpu; i++)
		EXPECT(after[i] > before[i], "CPU%d: LOC %llu then %llu", i, before[i], after[i]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sysfs_cpu_lists_nest_and_match_the_boot),
	KTAP_CASE(sysfs_cpu_directory_lists_the_mask_files),
	KTAP_CASE(proc_stat_lines_have_linux_fields),
	KTAP_CASE(proc_stat_cpu_time_advances),
	KTAP_CASE(proc_cpuinfo_has_a_block_per_online_cpu),
	KTAP_CASE(proc_per_cpu_files_follow_the_masks),
	KTAP_CASE(per_cpu_kthreads_run_for_every_online_cpu),
	KTAP_CASE(local_timer_ticks_on_every_online_cpu),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
