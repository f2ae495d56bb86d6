// SPDX-License-Identifier: MIT
/*
 * /proc, /sys and /dev files as programs read them, parsed the way ps,
 * top, free, libnuma and glibc's sysconf parse them: /proc/self/stat's
 * 52 fields against getpid/getppid and the thread count, status,
 * statm, cmdline and environ against what exec was given, comm written
 * and read back, maps listing a fresh mapping with its permissions,
 * fd/ naming a pipe "pipe:[ino]", task/ listing every thread, a dead
 * pid's directory gone; /proc/meminfo, stat, loadavg, uptime,
 * sys/kernel; /sys/devices/system/{cpu,node}; /dev/null, zero, full,
 * urandom and cpu_dma_latency (a PM QoS request per open fd); syslog(2).
 *
 * Threads wait on a pipe until the checks are done; nothing sleeps.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "ktap.h"

extern char **environ;

static char *saved_argv0;
static char **saved_env;	/* the environment exec gave */

/* The whole file, NUL-terminated; its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Field n (1-based) of a stat line, after the "(comm)" that may hold spaces. */
static long long stat_field(const char *stat, int n)
{
	const char *p = strrchr(stat, ')');
	int i;

	if (!p || n < 3)
		return -1;
	p += 2;
	for (i = 3; i < n && p; i++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return p ? strtoll(p, NULL, 10) : -1;
}

static int count_fields(const char *stat)
{
	const char *p = strrchr(stat, ')');
	int n = 2;

	for (p = p ? p + 1 : stat; *p; p++)
		if (*p == ' ' && p[1] && p[1] != '\n')
			n++;
	return n;
}

/* The value after "Name:\t" in a status-like file, or NULL. */
static const char *field(const char *text, const char *name, char *out, size_t size)
{
	size_t len = strlen(name);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, name, len) && p[len] == ':') {
			const char *v = p + len + 1, *e;

			while (*v == ' ' || *v == '\t')
				v++;
			e = strchr(v, '\n');
			if (!e)
				e = v + strlen(v);
			snprintf(out, size, "%.*s", (int)(e - v), v);
			return out;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static long status_long(const char *path, const char *name)
{
	char *text = slurp(path, NULL);
	char val[256];
	long v = -1;

	if (text && field(text, name, val, sizeof(val)))
		v = strtol(val, NULL, 10);
	free(text);
	return v;
}

static void self_stat_names_this_process(void)
{
	char *stat = slurp("/proc/self/stat", NULL);
	char comm[32];
	int nice;

	if (!EXPECT(stat != NULL, "errno %d", errno))
		return;
	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	if (nice == -1 && errno == ENOSYS)
		nice = 0;	/* a kernel without getpriority: test-init runs us at 0 */
	snprintf(comm, sizeof(comm), "(%.15s)", ktap_basename(saved_argv0));
	EXPECT(atoi(stat) == getpid(), "%s", stat);
	EXPECT(strstr(stat, comm) != NULL, "%s lacks %s", stat, comm);
	EXPECT(count_fields(stat) == 52, "%d fields: %s", count_fields(stat), stat);
	EXPECT(strchr(stat, ')')[2] == 'R', "state %c", strchr(stat, ')')[2]);
	EXPECT(stat_field(stat, 4) == getppid(), "ppid %lld", stat_field(stat, 4));
	EXPECT(stat_field(stat, 5) == getpgrp(), "pgrp %lld", stat_field(stat, 5));
	EXPECT(stat_field(stat, 6) == getsid(0), "session %lld", stat_field(stat, 6));
	EXPECT(stat_field(stat, 19) == nice, "nice %lld", stat_field(stat, 19));
	EXPECT(stat_field(stat, 18) == 20 + nice, "prio %lld", stat_field(stat, 18));
	EXPECT(stat_field(stat, 20) == 1, "threads %lld", stat_field(stat, 20));
	EXPECT(stat_field(stat, 23) > 0, "vsize %lld", stat_field(stat, 23));
	EXPECT(stat_field(stat, 24) >= 0, "rss %lld", stat_field(stat, 24));
	EXPECT(stat_field(stat, 39) == sched_getcpu(), "cpu %lld", stat_field(stat, 39));
	EXPECT(stat_field(stat, 41) == SCHED_OTHER, "policy %lld", stat_field(stat, 41));
	free(stat);
}

static void self_status_matches_ids_and_masks(void)
{
	char *text, val[256], want[64];
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	text = slurp("/proc/self/status", NULL);
	if (!EXPECT(text != NULL, "errno %d", errno))
		return;
	EXPECT(field(text, "Name", val, sizeof(val)) &&
	       !strncmp(val, ktap_basename(saved_argv0), 15), "Name %s", val);
	EXPECT(field(text, "State", val, sizeof(val)) && !strcmp(val, "R (running)"),
	       "State %s", val);
	EXPECT(field(text, "Tgid", val, sizeof(val)) && atoi(val) == getpid(), "Tgid %s", val);
	EXPECT(field(text, "Pid", val, sizeof(val)) && atoi(val) == getpid(), "Pid %s", val);
	EXPECT(field(text, "PPid", val, sizeof(val)) && atoi(val) == getppid(), "PPid %s", val);
	EXPECT(field(text, "Uid", val, sizeof(val)) && !strcmp(val, "0\t0\t0\t0"), "Uid %s", val);
	EXPECT(field(text, "Threads", val, sizeof(val)) && atoi(val) == 1, "Threads %s", val);
	snprintf(want, sizeof(want), "%016llx", 1ULL << (SIGUSR1 - 1));
	EXPECT(field(text, "SigBlk", val, sizeof(val)) && !strcmp(val, want), "SigBlk %s", val);
	snprintf(want, sizeof(want), "%016llx", 1ULL << (SIGUSR2 - 1));
	EXPECT(field(text, "SigIgn", val, sizeof(val)) && (strtoull(val, NULL, 16) &
	       (1ULL << (SIGUSR2 - 1))), "SigIgn %s", val);
	EXPECT(field(text, "VmRSS", val, sizeof(val)) && atol(val) > 0, "VmRSS %s", val);
	EXPECT(field(text, "Cpus_allowed_list", val, sizeof(val)) != NULL, "no Cpus_allowed_list");
	EXPECT(field(text, "voluntary_ctxt_switches", val, sizeof(val)) != NULL, "no ctxt");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	signal(SIGUSR2, SIG_DFL);
	free(text);
}

static void statm_has_seven_page_counts(void)
{
	char *text = slurp("/proc/self/statm", NULL);
	unsigned long v[7];

	if (!EXPECT(text != NULL, "errno %d", errno))
		return;
	EXPECT(sscanf(text, "%lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3], &v[4],
		      &v[5], &v[6]) == 7, "%s", text);
	EXPECT(v[0] >= v[1] && v[1] > 0, "size %lu resident %lu", v[0], v[1]);
	free(text);
}

static void cmdline_and_environ_are_execs_strings(void)
{
	size_t len, off = 0;
	char *text = slurp("/proc/self/cmdline", &len);
	int i;

	if (!EXPECT(text != NULL, "errno %d", errno))
		return;
	EXPECT(len == strlen(saved_argv0) + 1 && !strcmp(text, saved_argv0),
	       "cmdline %s (%zu bytes)", text, len);
	free(text);
	text = slurp("/proc/self/environ", &len);
	if (!EXPECT(text != NULL, "errno %d", errno))
		return;
	for (i = 0; saved_env[i]; i++) {
		if (!EXPECT(off < len && !strcmp(text + off, saved_env[i]), "env %d: %s", i,
			    saved_env[i]))
			break;
		off += strlen(saved_env[i]) + 1;
	}
	EXPECT(off == len, "%zu of %zu bytes", off, len);
	free(text);
}

static void comm_write_renames_the_thread(void)
{
	char *text;
	int fd = open("/proc/self/comm", O_WRONLY);
	ssize_t n;

	if (!EXPECT(fd >= 0, "errno %d", errno))
		return;
	n = write(fd, "renamed-by-proc-and-cut\n", 24);
	EXPECT(n == 24, "write %zd errno %d", n, errno);
	close(fd);
	text = slurp("/proc/self/comm", NULL);
	EXPECT(text && !strcmp(text, "renamed-by-proc\n"), "comm %s", text);
	free(text);
	text = slurp("/proc/self/stat", NULL);
	EXPECT(text && strstr(text, " (renamed-by-proc) "), "stat %s", text);
	free(text);
	fd = open("/proc/self/comm", O_WRONLY);
	n = write(fd, ktap_basename(saved_argv0), strlen(ktap_basename(saved_argv0)));
	close(fd);
}

/* The maps line starting at addr, or NULL. */
static char *maps_line(void *addr, char *out, size_t size)
{
	char *text = slurp("/proc/self/maps", NULL), *line;
	char start[32];

	*out = '\0';
	snprintf(start, sizeof(start), "%08lx-", (unsigned long)addr);
	for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (!strncmp(line, start, strlen(start))) {
			snprintf(out, size, "%.*s", (int)strcspn(line, "\n"), line);
			break;
		}
	}
	free(text);
	return *out ? out : NULL;
}

static void maps_lists_a_new_mapping_with_its_perms(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char line[256], want[64], *text;
	unsigned long s, e;
	char perms[5];

	if (!EXPECT(p != MAP_FAILED, "errno %d", errno))
		return;
	if (EXPECT(maps_line(p, line, sizeof(line)), "no line for %p", p)) {
		EXPECT(sscanf(line, "%lx-%lx %4s", &s, &e, perms) == 3, "%s", line);
		EXPECT(e - s >= 3 * 4096 && !strcmp(perms, "r--p"), "%s", line);
		snprintf(want, sizeof(want), " 00000000 00:00 0");
		EXPECT(strstr(line, want) != NULL, "%s", line);
	}
	mprotect(p + 4096, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
	EXPECT(maps_line(p + 4096, line, sizeof(line)) && strstr(line, " rwxp "), "%s", line);
	munmap(p, 3 * 4096);
	text = slurp("/proc/self/maps", NULL);
	EXPECT(text && strstr(text, "[stack]\n"), "no [stack]");
	EXPECT(text && strstr(text, "[vdso]\n"), "no [vdso]");
	EXPECT(text && strstr(text, "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
			      "                  [vsyscall]\n"), "no [vsyscall] line");
	free(text);
}

static void fd_links_name_a_pipe_and_go_on_close(void)
{
	char path[64], target[64], want[64];
	struct stat st;
	int p[2];
	ssize_t n;

	if (!EXPECT(pipe(p) == 0, "errno %d", errno))
		return;
	fstat(p[0], &st);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	n = readlink(path, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	EXPECT(!strcmp(target, want), "%s -> %s, want %s", path, target, want);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", p[1]);
	EXPECT(status_long(path, "pos") == 0, "fdinfo pos");
	close(p[0]);
	close(p[1]);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	EXPECT(readlink(path, target, sizeof(target)) < 0 && errno == ENOENT, "errno %d", errno);
}

static void fd_dir_lists_open_descriptors(void)
{
	int fd = open("/proc/self/stat", O_RDONLY), seen = 0;
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;

	if (!EXPECT(d && fd >= 0, "errno %d", errno))
		return;
	while ((de = readdir(d)))
		if (de->d_type == DT_LNK && (atoi(de->d_name) == fd || atoi(de->d_name) == 1))
			seen++;
	closedir(d);
	EXPECT(seen == 2, "saw %d of fd 1 and %d", seen, fd);
	close(fd);
}

static void self_exe_and_cwd_links(void)
{
	struct stat a, b;
	char buf[256];
	ssize_t n;

	EXPECT(stat("/proc/self/exe", &a) == 0 && stat(saved_argv0, &b) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev, "exe is not %s", saved_argv0);
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	EXPECT(n > 0 && buf[0] == '/', "exe link %zd", n);
	EXPECT(chdir("/proc") == 0, "errno %d", errno);
	n = readlink("/proc/self/cwd", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT(!strcmp(buf, "/proc"), "cwd %s", buf);
	EXPECT(chdir("/") == 0, "errno %d", errno);
	n = readlink("/proc/self/root", buf, sizeof(buf) - 1);
	EXPECT(n == 1 && buf[0] == '/', "root %zd", n);
}

static int release_pipe[2];
static pid_t thread_tids[3];

static void *thread_wait(void *arg)
{
	char c;

	*(pid_t *)arg = syscall(SYS_gettid);
	if (read(release_pipe[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static void task_dir_lists_every_thread(void)
{
	char path[64], self[64], *stat;
	pthread_t t[3];
	int i, found = 0, entries = 0;
	struct dirent *de;
	DIR *d;
	ssize_t n;

	if (!EXPECT(pipe(release_pipe) == 0, "errno %d", errno))
		return;
	for (i = 0; i < 3; i++) {
		thread_tids[i] = 0;
		pthread_create(&t[i], NULL, thread_wait, &thread_tids[i]);
	}
	for (i = 0; i < 3; i++)
		while (!__atomic_load_n(&thread_tids[i], __ATOMIC_ACQUIRE))
			sched_yield();
	stat = slurp("/proc/self/stat", NULL);
	EXPECT(stat && stat_field(stat, 20) == 4, "num_threads %lld", stat_field(stat, 20));
	free(stat);
	EXPECT(status_long("/proc/self/status", "Threads") == 4, "Threads");
	d = opendir("/proc/self/task");
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		entries++;
		for (i = 0; i < 3; i++)
			found += atoi(de->d_name) == thread_tids[i];
		found += atoi(de->d_name) == getpid();
	}
	if (d)
		closedir(d);
	EXPECT(entries == 4 && found == 4, "%d entries, %d known", entries, found);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", thread_tids[1]);
	stat = slurp(path, NULL);
	EXPECT(stat && atoi(stat) == thread_tids[1], "%s: %s", path, stat);
	free(stat);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", getpid(), thread_tids[2]);
	EXPECT(status_long(path, "Pid") == thread_tids[2], "%s", path);
	EXPECT(status_long(path, "Tgid") == getpid(), "%s", path);
	n = readlink("/proc/thread-self", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	snprintf(path, sizeof(path), "%d/task/%d", getpid(), (int)syscall(SYS_gettid));
	EXPECT(!strcmp(self, path), "thread-self %s, want %s", self, path);
	for (i = 0; i < 3; i++)
		EXPECT(write(release_pipe[1], "x", 1) == 1, "errno %d", errno);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	close(release_pipe[0]);
	close(release_pipe[1]);
}

static bool proc_lists(pid_t pid)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	bool found = false;

	while (d && (de = readdir(d)))
		found |= atoi(de->d_name) == pid && de->d_type == DT_DIR;
	if (d)
		closedir(d);
	return found;
}

static void dead_pid_directory_goes(void)
{
	char path[64], self[32], buf[64];
	int go[2], fd;
	pid_t pid;
	ssize_t n;

	n = readlink("/proc/self", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	EXPECT(atoi(self) == getpid(), "/proc/self -> %s", self);
	if (!EXPECT(pipe(go) == 0, "errno %d", errno))
		return;
	pid = fork();
	if (pid == 0) {
		char c;

		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
	}
	close(go[0]);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	EXPECT(fd >= 0, "open %s: errno %d", path, errno);
	EXPECT(proc_lists(pid), "/proc does not list %d", pid);
	EXPECT(proc_lists(getpid()), "/proc does not list itself");
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT(n > 0 && atoi(buf) == pid, "child's stat %s", buf);
	close(go[1]);
	waitpid(pid, NULL, 0);
	EXPECT(!proc_lists(pid), "/proc still lists %d", pid);
	EXPECT(open(path, O_RDONLY) < 0 && errno == ENOENT, "open of the dead: errno %d", errno);
	EXPECT(lseek(fd, 0, SEEK_SET) == 0, "errno %d", errno);
	EXPECT(read(fd, buf, sizeof(buf)) < 0 && errno == ESRCH, "read of the dead: errno %d",
	       errno);
	close(fd);
}

static void meminfo_has_linux_fields(void)
{
	static const char *const names[] = {
		"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
		"Active", "Inactive", "SwapTotal", "SwapFree", "Dirty", "AnonPages", "Mapped",
		"Shmem", "Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables",
		"CommitLimit", "Committed_AS", "VmallocTotal", "HugePages_Total", "Hugepagesize",
	};
	char *text = slurp("/proc/meminfo", NULL), val[64];
	unsigned int i;

	if (!EXPECT(text != NULL, "errno %d", errno))
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		EXPECT(field(text, names[i], val, sizeof(val)), "no %s", names[i]);
	EXPECT(field(text, "MemTotal", val, sizeof(val)) && strstr(val, " kB"), "%s", val);
	EXPECT(status_long("/proc/meminfo", "MemAvailable") <= status_long("/proc/meminfo",
	       "MemTotal") && status_long("/proc/meminfo", "MemFree") > 0, "free > total");
	free(text);
}

static void stat_loadavg_uptime_formats(void)
{
	char *text = slurp("/proc/stat", NULL), *line;
	unsigned long long v[10];
	unsigned long a, b, c, d, e, f, up, upf, idle, idlef;
	int run, total, last;

	if (!EXPECT(text != NULL, "errno %d", errno))
		return;
	EXPECT(sscanf(text, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
		      &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]) == 10, "%.80s", text);
	for (line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, "procs_running ", 14))
			EXPECT(atoi(line + 14) >= 1, "%.30s", line);
	EXPECT(strstr(text, "\nbtime ") && strstr(text, "\nprocesses ") &&
	       strstr(text, "\nctxt ") && strstr(text, "\nintr ") &&
	       strstr(text, "\nprocs_blocked ") && strstr(text, "\nsoftirq "), "fields");
	free(text);
	text = slurp("/proc/loadavg", NULL);
	EXPECT(text && sscanf(text, "%lu.%lu %lu.%lu %lu.%lu %d/%d %d", &a, &b, &c, &d, &e, &f,
			      &run, &total, &last) == 9 && run >= 1 && total >= run && last > 0,
	       "loadavg %s", text);
	free(text);
	text = slurp("/proc/uptime", NULL);
	EXPECT(text && sscanf(text, "%lu.%lu %lu.%lu", &up, &upf, &idle, &idlef) == 4 &&
	       upf < 100 && idlef < 100, "uptime %s", text);
	free(text);
}

static void sys_kernel_files(void)
{
	char *a = slurp("/proc/sys/kernel/random/boot_id", NULL);
	char *b = slurp("/proc/sys/kernel/random/boot_id", NULL);
	char *u = slurp("/proc/sys/kernel/random/uuid", NULL);
	char *os = slurp("/proc/sys/kernel/ostype", NULL);
	char *rel = slurp("/proc/sys/kernel/osrelease", NULL);
	char *pidmax = slurp("/proc/sys/kernel/pid_max", NULL);
	char *tainted = slurp("/proc/sys/kernel/tainted", NULL);
	struct utsname un;

	uname(&un);
	EXPECT(a && b && !strcmp(a, b) && strlen(a) == 37 && a[8] == '-' && a[14] == '4',
	       "boot_id %s", a);
	EXPECT(u && a && strlen(u) == 37 && strcmp(u, a), "uuid %s", u);
	EXPECT(os && !strcmp(os, "Linux\n"), "ostype %s", os);
	EXPECT(rel && !strncmp(rel, un.release, strlen(un.release)) &&
	       rel[strlen(un.release)] == '\n', "osrelease %s vs %s", rel, un.release);
	EXPECT(pidmax && atol(pidmax) >= getpid(), "pid_max %s", pidmax);
	EXPECT(tainted && isdigit((unsigned char)tainted[0]), "tainted %s", tainted);
	free(a);
	free(b);
	free(u);
	free(os);
	free(rel);
	free(pidmax);
	free(tainted);
}

/* "0-3,5" as glibc's sysconf(_SC_NPROCESSORS_ONLN) counts it. */
static int count_list(const char *s)
{
	int n = 0, lo, hi;

	while (s && *s && *s != '\n') {
		lo = hi = strtol(s, (char **)&s, 10);
		if (*s == '-')
			hi = strtol(s + 1, (char **)&s, 10);
		n += hi - lo + 1;
		if (*s == ',')
			s++;
	}
	return n;
}

static void sys_cpu_and_node_as_libnuma_reads(void)
{
	char *online = slurp("/sys/devices/system/cpu/online", NULL);
	char *possible = slurp("/sys/devices/system/cpu/possible", NULL);
	char *kmax = slurp("/sys/devices/system/cpu/kernel_max", NULL);
	char *nonline = slurp("/sys/devices/system/node/online", NULL);
	char *cpulist = slurp("/sys/devices/system/node/node0/cpulist", NULL);
	char *dist = slurp("/sys/devices/system/node/node0/distance", NULL);
	char *meminfo = slurp("/sys/devices/system/node/node0/meminfo", NULL);
	int dirs = 0;
	struct dirent *de;
	DIR *d;

	EXPECT(online && count_list(online) == sysconf(_SC_NPROCESSORS_ONLN), "online %s",
	       online);
	EXPECT(possible && count_list(possible) >= count_list(online), "possible %s", possible);
	EXPECT(kmax && atoi(kmax) + 1 >= count_list(possible), "kernel_max %s", kmax);
	d = opendir("/sys/devices/system/cpu");
	while (d && (de = readdir(d)))
		dirs += !strncmp(de->d_name, "cpu", 3) && isdigit((unsigned char)de->d_name[3]);
	if (d)
		closedir(d);
	EXPECT(dirs == count_list(possible), "%d cpuN directories, possible %s", dirs, possible);
	EXPECT(nonline && count_list(nonline) >= 1 && nonline[0] == '0', "node online %s",
	       nonline);
	EXPECT(cpulist && count_list(cpulist) >= 1, "node0 cpulist %s", cpulist);
	EXPECT(dist && atoi(dist) == 10, "distance %s", dist);
	EXPECT(meminfo && strstr(meminfo, "Node 0 MemTotal:") && strstr(meminfo,
	       "Node 0 MemFree:"), "node0 meminfo %.60s", meminfo);
	free(online);
	free(possible);
	free(kmax);
	free(nonline);
	free(cpulist);
	free(dist);
	free(meminfo);
}

static void dev_null_zero_full_urandom(void)
{
	char buf[64], zeros[64] = { 0 };
	int fd;

	fd = open("/dev/null", O_RDWR);
	EXPECT(fd >= 0 && read(fd, buf, sizeof(buf)) == 0 && write(fd, buf, 5) == 5, "null");
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, sizeof(buf));
	EXPECT(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) && !memcmp(buf, zeros, 64),
	       "zero");
	close(fd);
	fd = open("/dev/full", O_RDWR);
	memset(buf, 1, sizeof(buf));
	EXPECT(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) && !memcmp(buf, zeros, 64),
	       "full reads zeros");
	EXPECT(write(fd, buf, 1) < 0 && errno == ENOSPC, "full: errno %d", errno);
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	EXPECT(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) && memcmp(buf, zeros, 64),
	       "urandom");
	close(fd);
}

static int32_t qos_read(int fd)
{
	int32_t v = -1;

	if (pread(fd, &v, sizeof(v), 0) != sizeof(v))
		return -1;
	return v;
}

/* A request holds while its fd is open; the smallest one is the limit all readers see. */
static void cpu_dma_latency_request_held_while_open(void)
{
	int a = open("/dev/cpu_dma_latency", O_RDWR), b, c;
	int32_t v = 10, dflt;
	char *misc;

	if (!EXPECT(a >= 0, "errno %d", errno))
		return;
	b = open("/dev/cpu_dma_latency", O_RDWR);
	dflt = qos_read(b);
	EXPECT(dflt == 2000000000, "default %d", dflt);
	EXPECT(write(a, &v, sizeof(v)) == sizeof(v), "errno %d", errno);
	EXPECT(qos_read(b) == 10, "limit %d", qos_read(b));
	EXPECT(write(b, "1f", 2) == 2, "hex write: errno %d", errno);
	EXPECT(qos_read(a) == 10, "limit %d", qos_read(a));
	EXPECT(write(b, "5\n", 2) == 2, "errno %d", errno);
	EXPECT(qos_read(a) == 5, "limit %d", qos_read(a));
	EXPECT(write(a, "zz", 2) < 0 && errno == EINVAL, "bad hex: errno %d", errno);
	close(b);
	EXPECT(qos_read(a) == 10, "after close %d", qos_read(a));
	v = -1;		/* PM_QOS_DEFAULT_VALUE: back to no limit */
	EXPECT(write(a, &v, sizeof(v)) == sizeof(v), "errno %d", errno);
	EXPECT(qos_read(a) == dflt, "after -1: %d", qos_read(a));
	close(a);
	c = open("/dev/cpu_dma_latency", O_RDONLY);
	EXPECT(qos_read(c) == dflt, "all closed %d", qos_read(c));
	close(c);
	misc = slurp("/proc/misc", NULL);
	EXPECT(misc && strstr(misc, " cpu_dma_latency\n"), "/proc/misc %s", misc);
	free(misc);
}

/* What dmesg does: the buffer's size, then every line as "<level>[time] text". */
static void syslog_reads_the_kernel_log(void)
{
	int size = klogctl(10, NULL, 0), n;
	char *buf;

	if (!EXPECT(size > 0, "SIZE_BUFFER %d errno %d", size, errno))
		return;
	buf = malloc(size + 1);
	n = klogctl(3, buf, size);
	EXPECT(n > 0 && buf[0] == '<' && buf[2] == '>' && buf[3] == '[' && buf[n - 1] == '\n',
	       "READ_ALL %d: %.40s", n, n > 0 ? buf : "");
	n = klogctl(3, buf, 40);
	EXPECT(n >= 0 && n <= 40, "READ_ALL into 40 bytes: %d", n);
	EXPECT(klogctl(3, NULL, 10) < 0 && errno == EINVAL, "NULL buffer: errno %d", errno);
	EXPECT(klogctl(3, buf, -1) < 0 && errno == EINVAL, "negative length: errno %d", errno);
	EXPECT(klogctl(3, buf, 0) == 0, "zero length");
	free(buf);
}

/* Read every file ps and top read, for every process and thread: all answer, none hangs. */
static void every_process_file_reads(void)
{
	static const char *const files[] = {
		"stat", "status", "statm", "cmdline", "environ", "comm", "maps", "smaps_rollup",
	};
	static const char *const links[] = { "exe", "cwd", "root" };
	char path[300], buf[256];
	int procs = 0, bad = 0;
	struct dirent *de;
	unsigned int i;
	DIR *d = opendir("/proc");

	while (d && (de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		procs++;
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			size_t len;
			char *text;

			snprintf(path, sizeof(path), "/proc/%s/%s", de->d_name, files[i]);
			text = slurp(path, &len);
			/*
			 * A process that exited meanwhile is ENOENT or ESRCH; Linux's
			 * ptrace-access check may say EACCES (a sandbox's pid 1).
			 */
			if (!text && errno != ENOENT && errno != ESRCH && errno != EACCES &&
			    EXPECT(0, "%s: errno %d", path, errno))
				bad++;
			free(text);
		}
		for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
			snprintf(path, sizeof(path), "/proc/%s/%s", de->d_name, links[i]);
			if (readlink(path, buf, sizeof(buf)) < 0 && errno != ENOENT &&
			    errno != EACCES && EXPECT(0, "%s: errno %d", path, errno))
				bad++;
		}
	}
	if (d)
		closedir(d);
	EXPECT(procs >= 2 && !bad, "%d processes, %d bad", procs, bad);
}

/*
 * /proc/kallsyms as Linux prints it to root: "%016lx %c %s" lines, the
 * kernel's own in address order (module symbols, "\t[mod]" on Linux,
 * are not checked), _stext a global text symbol, and the text symbols
 * of the system call path and of a local (static) function present.
 */
static void kallsyms_lists_symbols_in_linux_format(void)
{
	size_t len;
	char *text = slurp("/proc/kallsyms", &len), *line, *save = NULL;
	unsigned long long prev = 0, stext = 0;
	int lines = 0, bad = 0, unsorted = 0, local_text = 0, data = 0;

	if (!EXPECT(text != NULL, "open /proc/kallsyms: %d", errno))
		return;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long addr;
		char type, name[256];
		int n = 0;

		lines++;
		if (strchr(line, '['))
			continue;	/* a module's */
		if (strlen(line) < 20 || line[16] != ' ' || line[18] != ' ' ||
		    sscanf(line, "%16llx %c %255s%n", &addr, &type, name, &n) != 3 ||
		    line[n] != '\0' || !strchr("TtWwDdRrBbVvAa", type)) {
			if (bad++ < 3)
				ktap_diag("bad line [%s]", line);
			continue;
		}
		if (addr < prev && unsorted++ < 3)
			ktap_diag("out of order: [%s]", line);
		prev = addr;
		if (!strcmp(name, "_stext") && type == 'T')
			stext = addr;
		local_text += type == 't';
		data += strchr("DdBb", type) != NULL;
	}
	EXPECT(lines > 1000 && !bad && !unsorted, "%d lines, %d bad, %d out of order", lines, bad,
	       unsorted);
	EXPECT(stext >= 0xffffffff80000000ULL, "_stext at %llx", stext);
	EXPECT(local_text > 0 && data > 0, "%d local text, %d data symbols", local_text, data);
	free(text);
	text = slurp("/proc/kallsyms", &len);
	EXPECT(text && strstr(text, " T entry_SYSCALL_64\n") && strstr(text, " T schedule\n"),
	       "entry_SYSCALL_64 or schedule missing");
	free(text);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(self_stat_names_this_process),
	KTAP_CASE(self_status_matches_ids_and_masks),
	KTAP_CASE(statm_has_seven_page_counts),
	KTAP_CASE(cmdline_and_environ_are_execs_strings),
	KTAP_CASE(comm_write_renames_the_thread),
	KTAP_CASE(maps_lists_a_new_mapping_with_its_perms),
	KTAP_CASE(fd_links_name_a_pipe_and_go_on_close),
	KTAP_CASE(fd_dir_lists_open_descriptors),
	KTAP_CASE(self_exe_and_cwd_links),
	KTAP_CASE(task_dir_lists_every_thread),
	KTAP_CASE(dead_pid_directory_goes),
	KTAP_CASE(every_process_file_reads),
	KTAP_CASE(meminfo_has_linux_fields),
	KTAP_CASE(stat_loadavg_uptime_formats),
	KTAP_CASE(sys_kernel_files),
	KTAP_CASE(kallsyms_lists_symbols_in_linux_format),
	KTAP_CASE(sys_cpu_and_node_as_libnuma_reads),
	KTAP_CASE(dev_null_zero_full_urandom),
	KTAP_CASE(cpu_dma_latency_request_held_while_open),
	KTAP_CASE(syslog_reads_the_kernel_log),
};

int main(int argc, char **argv)
{
	int i, n = 0;

	saved_argv0 = argv[0];
	for (n = 0; environ[n]; n++)
		;
	saved_env = calloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		saved_env[i] = strdup(environ[i]);
	if (argc != 1) {
		ktap_line("# run without arguments: cmdline is checked against argv[0]");
		return 1;
	}
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
