// SPDX-License-Identifier: MIT
/*
 * tracefs as Linux's: the files at /sys/kernel/tracing, the format files
 * of the events (held against Linux 6.x's text in tracefs_formats.h),
 * and a trace of this program's own doings - a trace_marker write, a
 * getpid() seen by raw_syscalls:sys_enter/sys_exit through a filter on
 * the syscall number, a SIGUSR1 sent to itself seen by
 * signal:signal_generate/signal_deliver, and a stacktrace trigger -
 * read back from trace (with its header), trace_pipe (consuming, and
 * blocking) and per_cpu/cpuN/trace_pipe_raw (Linux's binary pages),
 * every line checked against Linux's layout:
 *
 *	TASK-PID     [CPU] FLAGS TIMESTAMP: event: fields
 *
 * On Linux the program needs root and tracefs mounted; it puts every
 * setting it changes back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "tracefs_formats.h"


#define T "/sys/kernel/tracing/"
#define BIG (1 << 20)

static char *buf;

/* The whole file into buf; its length or -errno. */
static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -errno;
	while ((r = read(fd, buf + n, BIG - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return r < 0 ? -errno : n;
}

/* write(2) of s, O_TRUNC like the shell's ">"; 0 or -errno. */
static int write_file_flags(const char *path, const char *s, int flags)
{
	int fd = open(path, O_WRONLY | flags);
	long r;

	if (fd < 0)
		return -errno;
	r = write(fd, s, strlen(s));
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int write_file(const char *path, const char *s)
{
	return write_file_flags(path, s, O_TRUNC);
}

static int append_file(const char *path, const char *s)
{
	return write_file_flags(path, s, O_APPEND);
}

static int tracefs_present(void)
{
	struct stat st;

	if (stat(T "trace", &st)) {
		ktap_skip("no tracefs at /sys/kernel/tracing (mount it, as root, on Linux)");
		return 0;
	}
	return 1;
}

/* Back to quiet: no events, filters or triggers of ours, tracing on, empty buffer. */
static void reset_tracing(void)
{
	write_file(T "set_event", "");
	write_file(T "events/raw_syscalls/sys_enter/filter", "0");
	write_file(T "events/raw_syscalls/sys_exit/filter", "0");
	append_file(T "events/signal/signal_generate/trigger", "!stacktrace");
	write_file(T "tracing_on", "1");
	write_file(T "trace", "");
}

/*
 * Linux's context columns: "%16s-%-7d [%03d] " then five flag
 * characters, a space, "%5lu.%06lu: ". Returns what follows, or NULL.
 */
static const char *check_context(const char *line, int *pid_out)
{
	const char *p = line + 16, *q;
	int i;

	if (strlen(line) < 16 + 1 + 7 + 1 + 6 + 6 + 1 + 13 || *p != '-')
		return NULL;
	for (q = line + 15; q > line && *q != ' '; q--)
		;
	*pid_out = atoi(p + 1);
	p += 1 + 7;
	if (p[0] != ' ' || p[1] != '[' || p[5] != ']' || p[6] != ' ')
		return NULL;
	for (i = 2; i < 5; i++)
		if (p[i] < '0' || p[i] > '9')
			return NULL;
	p += 7;
	if (!strchr("dbX.", p[0]) || !strchr("NnpP.", p[1]) || !strchr("ZzHhs.", p[2]) ||
	    !strchr(".0123456789abcdef", p[3]) || !strchr(".0123456789abcdef", p[4]) ||
	    p[5] != ' ')
		return NULL;
	p += 6;
	q = strchr(p, '.');
	if (!q || q - p < 5 || strncmp(q + 7, ": ", 2))
		return NULL;
	for (i = 1; i <= 6; i++)
		if (q[i] < '0' || q[i] > '9')
			return NULL;
	return q + 9;
}

/* The line of buf (from *pos) containing @what; NUL-terminated copy in @line. */
static int find_line(const char *text, const char *what, char *line, size_t size)
{
	const char *hit = strstr(text, what), *start, *end;

	if (!hit)
		return 0;
	for (start = hit; start > text && start[-1] != '\n'; start--)
		;
	end = strchr(hit, '\n');
	if (!end)
		end = hit + strlen(hit);
	if ((size_t)(end - start) >= size)
		return 0;
	memcpy(line, start, end - start);
	line[end - start] = '\0';
	return 1;
}

static void header_page_and_event_describe_linux_layout(void)
{
	static const char page[] =
		"\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
		"\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
		"\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
		"\tfield: char data;\toffset:16;\tsize:4080;\tsigned:0;\n";
	static const char event[] =
		"# compressed entry header\n"
		"\ttype_len    :    5 bits\n"
		"\ttime_delta  :   27 bits\n"
		"\tarray       :   32 bits\n\n"
		"\tpadding     : type == 29\n"
		"\ttime_extend : type == 30\n"
		"\ttime_stamp : type == 31\n"
		"\tdata max type_len  == 28\n";

	if (!tracefs_present())
		return;
	EXPECT(read_file(T "events/header_page") > 0 && !strcmp(buf, page), "%s", buf);
	EXPECT(read_file(T "events/header_event") > 0 && !strcmp(buf, event), "%s", buf);
}

static void format_files_match_linux(void)
{
	char path[128];
	unsigned int i;

	if (!tracefs_present())
		return;
	for (i = 0; i < sizeof(expected_formats) / sizeof(expected_formats[0]); i++) {
		const char *want = expected_formats[i].text;
		char *id, *nl;
		long n;

		snprintf(path, sizeof(path), T "events/%s/format", expected_formats[i].event);
		n = read_file(path);
		if (!EXPECT(n > 0, "%s: %ld", path, n))
			continue;
		/* Event ids are assigned at boot: the ID line is checked apart. */
		id = strstr(buf, "\nID: ");
		if (!EXPECT(id != NULL, "%s has no ID line", path))
			continue;
		nl = strchr(id + 1, '\n');
		EXPECT(atoi(id + 5) > 0, "%s: ID %d", path, atoi(id + 5));
		memmove(id + 1, nl + 1, strlen(nl + 1) + 1);
		if (!EXPECT(!strcmp(buf, want), "%s differs from Linux's", path)) {
			const char *a = buf, *b = want;

			while (*a && *a == *b)
				a++, b++;
			ktap_diag("at: [%.60s] want [%.60s]", a, b);
		}
	}
}

static void control_files_read_as_linux(void)
{
	long n;

	if (!tracefs_present())
		return;
	EXPECT(read_file(T "current_tracer") > 0 && !strcmp(buf, "nop\n"), "%s", buf);
	EXPECT(read_file(T "available_tracers") > 0 && strstr(buf, "nop"), "%s", buf);
	EXPECT(read_file(T "trace_clock") > 0 && strstr(buf, "[local]") && strstr(buf, " mono") &&
	       strstr(buf, " x86-tsc") && strstr(buf, " global"), "%s", buf);
	EXPECT(read_file(T "tracing_on") > 0 && !strcmp(buf, "1\n"), "%s", buf);
	n = read_file(T "buffer_size_kb");
	EXPECT(n > 0 && atoi(buf) > 0, "%s", buf);
	EXPECT(read_file(T "buffer_total_size_kb") > 0 && atoi(buf) > 0, "%s", buf);
	EXPECT(read_file(T "available_events") > 0 && strstr(buf, "\nsched:sched_switch\n") &&
	       strstr(buf, "irq:irq_handler_entry\n") && strstr(buf, "raw_syscalls:sys_enter\n") &&
	       strstr(buf, "signal:signal_generate\n") && strstr(buf, "napi:napi_poll\n"),
	       "available_events lacks an event");
	EXPECT(read_file(T "per_cpu/cpu0/stats") > 0 && !strncmp(buf, "entries: ", 9) &&
	       strstr(buf, "\noverrun: ") && strstr(buf, "\ndropped events: "), "%s", buf);
	EXPECT(read_file(T "events/sched/sched_switch/trigger") > 0 &&
	       strstr(buf, "# Available triggers:\n") && strstr(buf, "stacktrace"), "%s", buf);
	EXPECT(read_file(T "events/sched/sched_switch/filter") > 0 && !strcmp(buf, "none\n"),
	       "%s", buf);
	EXPECT(read_file(T "options/overwrite") > 0 && !strcmp(buf, "1\n"), "%s", buf);
	/* Linux shows it there once debugfs is mounted; reflex always does. */
	if (!access("/sys/kernel/debug/tracing", F_OK))
		EXPECT(read_file("/sys/kernel/debug/tracing/current_tracer") > 0 &&
		       !strcmp(buf, "nop\n"), "debug/tracing: %s", buf);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

/* The raw_syscalls events, filtered to getpid(), and the signal events around one kill. */
static int record_our_doings(void)
{
	int err = 0;

	reset_tracing();
	err |= write_file(T "events/raw_syscalls/sys_enter/filter", "id == 39");
	err |= write_file(T "events/raw_syscalls/sys_exit/filter", "id == 39 && ret > 0");
	err |= append_file(T "set_event", "raw_syscalls:sys_enter");
	err |= append_file(T "set_event", "raw_syscalls:sys_exit");
	err |= write_file(T "events/signal/enable", "1");
	err |= write_file(T "events/signal/signal_generate/trigger", "stacktrace if sig == 10");
	err |= write_file(T "trace_marker", "tracefs-test-marker");
	signal(SIGUSR1, on_usr1);
	syscall(SYS_getpid);
	kill(getpid(), SIGUSR1);
	write_file(T "set_event", "");
	return err;
}

static void trace_shows_our_events_in_linux_format(void)
{
	char line[512], want[128];
	const char *rest;
	int pid = getpid(), lpid;

	if (!tracefs_present())
		return;
	EXPECT(record_our_doings() == 0, "a control write failed");
	EXPECT(got_usr1 == SIGUSR1, "the handler ran");
	EXPECT(read_file(T "set_event") >= 0 && !strstr(buf, "raw_syscalls"), "set_event: %s", buf);
	if (!EXPECT(read_file(T "trace") > 0, "trace"))
		return;
	EXPECT(!strncmp(buf, "# tracer: nop\n#\n# entries-in-buffer/entries-written: ",
			strlen("# tracer: nop\n#\n# entries-in-buffer/entries-written: ")),
	       "header: %.80s", buf);
	EXPECT(strstr(buf, "#P:") && strstr(buf,
		"#                                _-----=> irqs-off/BH-disabled\n"
		"#                               / _----=> need-resched\n"
		"#                              | / _---=> hardirq/softirq\n"
		"#                              || / _--=> preempt-depth\n"
		"#                              ||| / _-=> migrate-disable\n"
		"#                              |||| /     delay\n"
		"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		"#              | |         |   |||||     |         |\n"), "legend");

	EXPECT(find_line(buf, "tracing_mark_write: tracefs-test-marker", line, sizeof(line)) &&
	       (rest = check_context(line, &lpid)) && lpid == pid &&
	       !strcmp(rest, "tracing_mark_write: tracefs-test-marker"), "[%s]", line);
	EXPECT(find_line(buf, "sys_enter: NR 39 (", line, sizeof(line)) &&
	       (rest = check_context(line, &lpid)) && lpid == pid, "[%s]", line);
	snprintf(want, sizeof(want), "sys_exit: NR 39 = %d", pid);
	EXPECT(find_line(buf, want, line, sizeof(line)) && (rest = check_context(line, &lpid)) &&
	       lpid == pid && !strcmp(rest, want), "[%s]", line);
	/* The filter let no other system call through. */
	EXPECT(!strstr(buf, "sys_enter: NR 62 (") && !strstr(buf, "sys_exit: NR 1 ="),
	       "a filtered-out syscall was recorded");
	snprintf(want, sizeof(want), "signal_generate: sig=10 errno=0 code=0 comm=tracefs pid=%d grp=1 res=0",
		 pid);
	EXPECT(find_line(buf, want, line, sizeof(line)) && (rest = check_context(line, &lpid)) &&
	       !strcmp(rest, want), "[%s] want [%s]", line, want);
	snprintf(want, sizeof(want), "signal_deliver: sig=10 errno=0 code=0 sa_handler=%lx",
		 (unsigned long)on_usr1);
	EXPECT(find_line(buf, want, line, sizeof(line)) && check_context(line, &lpid), "[%s]", line);
	/* The trigger: the event's line, then <stack trace> and the recorder's frame first. */
	EXPECT(find_line(buf, ": <stack trace>", line, sizeof(line)) && check_context(line, &lpid) &&
	       strstr(buf, "<stack trace>\n => trace_event_raw_event_signal_generate\n"),
	       "stack trace");
	reset_tracing();
}

static void trace_pipe_consumes_and_blocks(void)
{
	int fd, status;
	long n;
	pid_t child;

	if (!tracefs_present())
		return;
	reset_tracing();
	EXPECT(write_file(T "trace_marker", "pipe-one") == 0, "marker");
	fd = open(T "trace_pipe", O_RDONLY | O_NONBLOCK);
	if (!EXPECT(fd >= 0, "open trace_pipe: %d", errno))
		return;
	n = read(fd, buf, BIG - 1);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT(n > 0 && strstr(buf, "tracing_mark_write: pipe-one\n"), "first read: %ld [%s]", n, buf);
	/* Consumed: the buffer is empty now, and a non-blocking read says so. */
	n = read(fd, buf, BIG - 1);
	EXPECT(n < 0 && errno == EAGAIN, "second read: %ld errno %d", n, errno);
	EXPECT(read_file(T "trace") > 0 && !strstr(buf, "pipe-one"), "trace still has it");
	close(fd);

	/* A blocking read returns once a child writes a marker. */
	fd = open(T "trace_pipe", O_RDONLY);
	child = fork();
	if (child == 0) {
		write_file(T "trace_marker", "pipe-two");
		_exit(0);
	}
	n = read(fd, buf, BIG - 1);
	buf[n > 0 ? n : 0] = '\0';
	EXPECT(n > 0 && strstr(buf, "tracing_mark_write: pipe-two\n"), "blocking read: [%s]", buf);
	waitpid(child, &status, 0);
	close(fd);
	reset_tracing();
}

static void tracing_off_refuses_markers(void)
{
	int r;

	if (!tracefs_present())
		return;
	reset_tracing();
	EXPECT(write_file(T "tracing_on", "0") == 0, "tracing_on");
	EXPECT(read_file(T "tracing_on") > 0 && !strcmp(buf, "0\n"), "%s", buf);
	r = write_file(T "trace_marker", "while-off");
	EXPECT(r == -EBADF, "marker with tracing off: %d", r);
	write_file(T "tracing_on", "1");
	EXPECT(read_file(T "trace") > 0 && !strstr(buf, "while-off"), "recorded while off");
	EXPECT(write_file(T "events/sched/sched_switch/enable", "2") == -EINVAL, "enable 2");
	EXPECT(write_file(T "events/raw_syscalls/sys_enter/filter", "nosuchfield == 1") == -EINVAL,
	       "bad filter");
	EXPECT(write_file(T "set_event", "nosuch:event") == -EINVAL, "bad set_event");
	reset_tracing();
}

/* enable_event switches a soft-disabled event on; traceoff stops the buffer. */
static void triggers_switch_events_and_tracing(void)
{
	if (!tracefs_present())
		return;
	reset_tracing();
	EXPECT(write_file(T "events/signal/signal_generate/trigger",
			  "enable_event:signal:signal_deliver:1") == 0, "enable_event");
	EXPECT(read_file(T "events/signal/signal_deliver/enable") > 0 && !strcmp(buf, "0*\n"),
	       "soft-disabled: %s", buf);
	EXPECT(read_file(T "events/signal/signal_generate/trigger") > 0 &&
	       !strcmp(buf, "enable_event:signal:signal_deliver:count=1\n"), "%s", buf);
	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	EXPECT(read_file(T "events/signal/signal_deliver/enable") > 0 && !strcmp(buf, "1*\n"),
	       "soft-enabled: %s", buf);
	EXPECT(read_file(T "trace") > 0 && strstr(buf, "signal_deliver: sig=10 ") &&
	       !strstr(buf, "signal_generate: "), "only the switched-on event is recorded");
	EXPECT(append_file(T "events/signal/signal_generate/trigger",
			   "!enable_event:signal:signal_deliver") == 0, "remove enable_event");
	/* As Linux: an event its trigger switched on stays on without the trigger. */
	EXPECT(read_file(T "events/signal/signal_deliver/enable") > 0 && !strcmp(buf, "1\n"),
	       "after removal: %s", buf);
	write_file(T "events/signal/signal_deliver/enable", "0");

	EXPECT(write_file(T "events/signal/signal_generate/trigger", "traceoff") == 0, "traceoff");
	kill(getpid(), SIGUSR1);
	EXPECT(read_file(T "tracing_on") > 0 && !strcmp(buf, "0\n"), "tracing_on: %s", buf);
	append_file(T "events/signal/signal_generate/trigger", "!traceoff");
	EXPECT(read_file(T "events/signal/signal_generate/trigger") > 0 &&
	       strstr(buf, "# Available triggers:"), "%s", buf);
	reset_tracing();
}

static void trace_pipe_raw_pages_are_linux_layout(void)
{
	static const char marker[] = "raw-page-marker";
	unsigned char *page = (unsigned char *)buf;
	uint64_t commit, off, found = 0;
	cpu_set_t set, old;
	char path[96];
	int fd, cpu;
	long n;

	if (!tracefs_present())
		return;
	sched_getaffinity(0, sizeof(old), &old);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
	cpu = sched_getcpu();
	reset_tracing();
	write_file(T "trace_marker", marker);
	snprintf(path, sizeof(path), T "per_cpu/cpu%d/trace_pipe_raw", cpu);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	n = fd < 0 ? -1 : read(fd, page, 4096);
	if (fd >= 0)
		close(fd);
	sched_setaffinity(0, sizeof(old), &old);
	if (!EXPECT(n == 4096, "read %s: %ld errno %d", path, n, errno))
		return;
	memcpy(&commit, page + 8, 8);
	commit &= 0xfffff;
	EXPECT(commit > 0 && commit <= 4080, "commit %llu", (unsigned long long)commit);
	for (off = 0; off < commit && !found;) {
		uint32_t hdr, len, type_len;
		unsigned char *data;

		memcpy(&hdr, page + 16 + off, 4);
		type_len = hdr & 31;
		if (type_len == 0) {
			memcpy(&len, page + 16 + off + 4, 4);
			data = page + 16 + off + 8;
			len -= 4;
			off += 8 + len;
		} else if (type_len <= 28) {
			len = type_len * 4;
			data = page + 16 + off + 4;
			off += 4 + len;
		} else if (type_len == 29) {
			memcpy(&len, page + 16 + off + 4, 4);
			off += 4 + len;
			continue;
		} else {
			off += 8;
			continue;
		}
		/* TRACE_PRINT (5): the common fields, ip, then the text. */
		if (data[0] == 5 && data[1] == 0 && len > 16 + sizeof(marker) - 1 &&
		    !memcmp(data + 16, marker, sizeof(marker) - 1))
			found = 1;
	}
	EXPECT(found, "the marker's print record is not on the page");
	reset_tracing();
}

/*
 * The line containing @what that the trace holds, read again until it
 * is there: an interrupt's line comes when the interrupt does. The 10 s
 * bound only stops a hang.
 */
static int trace_has_line(const char *what, char *line, size_t size)
{
	struct timespec now, end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += 10;
	do {
		if (read_file(T "trace") > 0 && find_line(buf, what, line, size))
			return 1;
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec < end.tv_nsec));
	return 0;
}

#define FUTEX_LOCK_PI_PRIVATE	(6 | 128)
#define FUTEX_UNLOCK_PI_PRIVATE	(7 | 128)
#define FUTEX_WAITERS		0x80000000u

static unsigned int pi_word;
static volatile int pi_owner_tid;

/* Takes the PI futex without the kernel, then holds it until a waiter queues. */
static void *pi_owner(void *arg)
{
	unsigned int tid = syscall(SYS_gettid);

	__atomic_store_n(&pi_word, tid, __ATOMIC_SEQ_CST);
	pi_owner_tid = tid;
	while (!(__atomic_load_n(&pi_word, __ATOMIC_SEQ_CST) & FUTEX_WAITERS))
		sched_yield();
	syscall(SYS_futex, &pi_word, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	return NULL;
}

/*
 * This thread at SCHED_FIFO 20 waits on a PI futex a SCHED_OTHER thread
 * holds: the owner is lent priority 79 (99 - 20) until it unlocks.
 * Returns the owner's TID, or -1 when a step failed.
 */
static int pi_boost_owner(void)
{
	struct sched_param sp = { .sched_priority = 20 }, zero = { 0 };
	pthread_t t;
	long r;

	pi_word = 0;
	pi_owner_tid = 0;
	if (pthread_create(&t, NULL, pi_owner, NULL))
		return -1;
	while (!pi_owner_tid)
		sched_yield();
	/* The system call: musl's wrapper refuses (ENOSYS), the call being per thread. */
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp)) {
		ktap_diag("sched_setscheduler: errno %d", errno);
		__atomic_or_fetch(&pi_word, FUTEX_WAITERS, __ATOMIC_SEQ_CST);	/* let it go */
		pthread_join(t, NULL);
		return -1;
	}
	r = syscall(SYS_futex, &pi_word, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	if (r)
		ktap_diag("FUTEX_LOCK_PI: %ld errno %d", r, errno);
	else
		syscall(SYS_futex, &pi_word, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &zero);
	pthread_join(t, NULL);
	return r ? -1 : pi_owner_tid;
}

/*
 * tlb:tlb_flush at a munmap, and events defined earlier whose sites
 * this checks: a fork, an exec and an exit, a migration, a priority
 * boost and the local timer's vector, each enabled and seen in trace.
 */
static void tlb_flush_and_task_events_fire(void)
{
	static const char *const events[] = {
		"tlb:tlb_flush", "sched:sched_process_fork", "sched:sched_process_exec",
		"sched:sched_process_exit", "sched:sched_migrate_task", "sched:sched_pi_setprio",
	};
	char line[512], want[160];
	int pid = getpid(), lpid, status, err = 0, first = -1, second = -1;
	cpu_set_t set, old;
	const char *rest;
	pid_t child;
	int owner;
	unsigned int i;
	char *page;

	if (!tracefs_present())
		return;
	reset_tracing();
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		err |= append_file(T "set_event", events[i]);
	EXPECT(err == 0, "enabling the events");

	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	page[0] = 1;
	munmap(page, 4096);

	child = fork();
	if (child == 0) {
		execl("/proc/self/exe", "tracefs", "--exit", (char *)NULL);
		_exit(127);
	}
	waitpid(child, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec'd child: %#x", status);

	/* Pinned to one CPU and then to another: one of the two is a move. */
	sched_getaffinity(0, sizeof(old), &old);
	for (i = 0; i < CPU_SETSIZE && (first < 0 || second < 0); i++)
		if (CPU_ISSET(i, &old)) {
			if (first < 0)
				first = i;
			else
				second = i;
		}
	if (second >= 0) {
		CPU_ZERO(&set);
		CPU_SET(first, &set);
		sched_setaffinity(0, sizeof(set), &set);
		CPU_ZERO(&set);
		CPU_SET(second, &set);
		sched_setaffinity(0, sizeof(set), &set);
		EXPECT(sched_getcpu() == second, "on CPU %d, not %d", sched_getcpu(), second);
		sched_setaffinity(0, sizeof(old), &old);
		snprintf(want, sizeof(want), "sched_migrate_task: comm=tracefs pid=%d prio=120 orig_cpu=",
			 pid);
		EXPECT(trace_has_line(want, line, sizeof(line)), "no [%s]", want);
	}
	owner = pi_boost_owner();

	EXPECT(trace_has_line("tlb_flush: pages:1 reason:local MM shootdown (3)", line, sizeof(line)) &&
	       (rest = check_context(line, &lpid)) && lpid == pid, "munmap's flush: [%s]", line);
	snprintf(want, sizeof(want), "sched_process_fork: comm=tracefs pid=%d child_comm=tracefs child_pid=%d",
		 pid, child);
	EXPECT(trace_has_line(want, line, sizeof(line)) && (rest = check_context(line, &lpid)) &&
	       !strcmp(rest, want), "[%s] want [%s]", line, want);
	snprintf(want, sizeof(want), "sched_process_exec: filename=/proc/self/exe pid=%d old_pid=%d",
		 child, child);
	EXPECT(trace_has_line(want, line, sizeof(line)) && (rest = check_context(line, &lpid)) &&
	       lpid == child && !strcmp(rest, want), "[%s] want [%s]", line, want);
	snprintf(want, sizeof(want), "sched_process_exit: comm=exe pid=%d prio=120 group_dead=true",
		 child);
	EXPECT(trace_has_line(want, line, sizeof(line)), "no [%s]", want);
	snprintf(want, sizeof(want), "sched_pi_setprio: comm=tracefs pid=%d oldprio=120 newprio=79",
		 owner);
	EXPECT(owner > 0 && trace_has_line(want, line, sizeof(line)), "no [%s]", want);
	snprintf(want, sizeof(want), "sched_pi_setprio: comm=tracefs pid=%d oldprio=79 newprio=120",
		 owner);
	EXPECT(owner > 0 && trace_has_line(want, line, sizeof(line)), "no [%s]", want);
	/* Alone: a thousand ticks a second on each CPU would push the lines above out of reach. */
	reset_tracing();
	EXPECT(append_file(T "set_event", "irq_vectors:local_timer_entry") == 0, "local_timer_entry");
	EXPECT(trace_has_line("local_timer_entry: vector=236", line, sizeof(line)) &&
	       check_context(line, &lpid), "no local timer line: [%s]", line);
	reset_tracing();
}

static volatile int spinner_on = -1, spinner_stop;

/* Runs on its CPU with the mm loaded, so a flush of the mm must reach it by IPI. */
static void *spin_on_cpu(void *arg)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET((long)arg, &set);
	sched_setaffinity(0, sizeof(set), &set);
	spinner_on = sched_getcpu();
	while (!spinner_stop)
		__asm__ volatile("pause");
	return NULL;
}

/*
 * The IPI events at their sites, on two CPUs or more: a munmap while a
 * thread of ours runs on another CPU (tlb_flush's IPI send and remote
 * shootdown, the call-function vector), and a pipe waking a task that
 * sleeps on another CPU (the reschedule vector).
 */
static void ipi_events_fire(void)
{
	static const char *const events[] = {
		"tlb:tlb_flush", "irq_vectors:call_function_entry",
		"irq_vectors:call_function_single_entry", "irq_vectors:reschedule_entry",
	};
	int first = -1, second = -1, p[2], q[2], err = 0, status;
	char line[512], path[64], c;
	cpu_set_t set, old;
	pthread_t t;
	unsigned int i;
	pid_t child;
	char *page;

	if (!tracefs_present())
		return;
	sched_getaffinity(0, sizeof(old), &old);
	for (i = 0; i < CPU_SETSIZE && second < 0; i++)
		if (CPU_ISSET(i, &old)) {
			if (first < 0)
				first = i;
			else
				second = i;
		}
	if (second < 0) {
		ktap_skip("one CPU: no IPIs");
		return;
	}
	reset_tracing();
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		err |= append_file(T "set_event", events[i]);
	EXPECT(err == 0, "enabling the events");
	CPU_ZERO(&set);
	CPU_SET(first, &set);
	sched_setaffinity(0, sizeof(set), &set);

	/* A page touched here, unmapped while the spinner holds the mm on the other CPU. */
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	page[0] = 1;
	spinner_stop = 0;
	spinner_on = -1;
	pthread_create(&t, NULL, spin_on_cpu, (void *)(long)second);
	while (spinner_on != second)
		sched_yield();
	munmap(page, 4096);
	spinner_stop = 1;
	pthread_join(t, NULL);
	EXPECT(trace_has_line("tlb_flush: pages:1 reason:remote IPI send (4)", line, sizeof(line)),
	       "no IPI send");
	EXPECT(trace_has_line("tlb_flush: pages:1 reason:remote shootdown (1)", line, sizeof(line)),
	       "no remote shootdown");
	EXPECT(trace_has_line("call_function_single_entry: vector=251", line, sizeof(line)) ||
	       trace_has_line("call_function_entry: vector=252", line, sizeof(line)),
	       "no call-function vector");

	/* A child asleep on the other CPU, woken from this one. */
	if (pipe(p) || pipe(q))
		return;
	child = fork();
	if (child == 0) {
		CPU_ZERO(&set);
		CPU_SET(second, &set);
		sched_setaffinity(0, sizeof(set), &set);
		write(q[1], "r", 1);
		read(p[0], &c, 1);
		_exit(0);
	}
	read(q[0], &c, 1);
	/* Asleep in read(): its state in /proc says so (the wait is for a state, not a time). */
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	for (i = 0; i < 100000; i++) {
		const char *st;

		if (read_file(path) > 0 && (st = strrchr(buf, ')')) && st[2] == 'S')
			break;
		sched_yield();
	}
	write(p[1], "w", 1);
	waitpid(child, &status, 0);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	EXPECT(trace_has_line("reschedule_entry: vector=253", line, sizeof(line)), "no reschedule IPI");

	sched_setaffinity(0, sizeof(old), &old);
	reset_tracing();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(header_page_and_event_describe_linux_layout),
	KTAP_CASE(format_files_match_linux),
	KTAP_CASE(control_files_read_as_linux),
	KTAP_CASE(trace_shows_our_events_in_linux_format),
	KTAP_CASE(trace_pipe_consumes_and_blocks),
	KTAP_CASE(tracing_off_refuses_markers),
	KTAP_CASE(triggers_switch_events_and_tracing),
	KTAP_CASE(trace_pipe_raw_pages_are_linux_layout),
	KTAP_CASE(tlb_flush_and_task_events_fire),
	KTAP_CASE(ipi_events_fire),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;	/* the exec'd child of tlb_flush_and_task_events_fire */
	buf = malloc(BIG);
	if (!buf)
		return 1;
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
