// SPDX-License-Identifier: MIT
/*
 * The function tracer from user space, as on Linux: the tracers listed,
 * the site list, set_ftrace_filter's globs (replace with ">", append
 * with ">>", take out with "!", an unknown name refused), the '#' line
 * each empty filter file reads as (trace-cmd reads them back), then this
 * program's own getppid() seen by the "function" tracer (with its
 * caller, and with func_stack_trace the "<stack trace>" that starts at
 * the traced function), enabled_functions while on and empty after,
 * and by "function_graph" from set_graph_function, nested with its
 * duration, and cut by max_graph_depth.
 *
 * On Linux the program needs root and tracefs mounted; it puts every
 * setting it changes back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"

#define T "/sys/kernel/tracing/"
#define BIG (8 << 20)
#define FUNC "__x64_sys_getppid"

static char *buf;

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

/* A kernel without the function tracer, or one that will not let us read its sites, skips. */
static int function_tracer_present(void)
{
	int fd = open(T "available_filter_functions", O_RDONLY);

	if (fd < 0) {
		ktap_skip("no readable function tracer at /sys/kernel/tracing (mount tracefs, as root, on Linux)");
		return 0;
	}
	close(fd);
	if (read_file(T "available_tracers") <= 0 || !strstr(buf, "function_graph")) {
		ktap_skip("no function_graph tracer");
		return 0;
	}
	return 1;
}

static void reset_tracing(void)
{
	write_file(T "current_tracer", "nop");
	write_file(T "set_ftrace_filter", "");
	write_file(T "set_ftrace_notrace", "");
	write_file(T "set_graph_function", "");
	write_file(T "max_graph_depth", "0");
	write_file(T "options/func_stack_trace", "0");
	write_file(T "tracing_on", "1");
	write_file(T "trace", "");
}

/* The number of lines of buf equal to @name. */
static int count_lines(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p = text;
	int n = 0;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[len] == '\n' || !p[len]))
			n++;
		p += len;
	}
	return n;
}

static void tracers_and_sites_are_listed(void)
{
	if (!function_tracer_present())
		return;
	EXPECT(read_file(T "available_tracers") > 0 && strstr(buf, "function_graph") &&
	       strstr(buf, "function ") && strstr(buf, "nop"), "%s", buf);
	EXPECT(read_file(T "current_tracer") > 0 && !strcmp(buf, "nop\n"), "%s", buf);
	EXPECT(write_file(T "current_tracer", "no_such_tracer") == -EINVAL, "bad tracer accepted");
	EXPECT(read_file(T "available_filter_functions") > 0 && count_lines(buf, FUNC) == 1,
	       "%s listed %d times", FUNC, count_lines(buf, FUNC));
	/* The tracer's own machinery is not traceable. */
	EXPECT(count_lines(buf, "ftrace_ops_list_func") == 0, "the tracer lists itself");
	EXPECT(read_file(T "enabled_functions") == 0, "%s", buf);
}

static void filter_takes_globs(void)
{
	if (!function_tracer_present())
		return;
	reset_tracing();
	EXPECT(read_file(T "set_ftrace_filter") > 0 &&
	       !strcmp(buf, "#### all functions enabled ####\n"), "%s", buf);
	EXPECT(write_file(T "set_ftrace_filter", "no_such_function_at_all") == -EINVAL,
	       "unknown function accepted");
	EXPECT(write_file(T "set_ftrace_filter", FUNC) == 0, "filter write");
	EXPECT(read_file(T "set_ftrace_filter") > 0 && !strcmp(buf, FUNC "\n"), "%s", buf);
	/* ">>" adds. */
	EXPECT(append_file(T "set_ftrace_filter", "__x64_sys_getpid") == 0, "append");
	EXPECT(read_file(T "set_ftrace_filter") > 0 && count_lines(buf, FUNC) == 1 &&
	       count_lines(buf, "__x64_sys_getpid") == 1, "%s", buf);
	/* "!" takes out. */
	EXPECT(append_file(T "set_ftrace_filter", "!__x64_sys_getpid") == 0, "remove");
	EXPECT(read_file(T "set_ftrace_filter") > 0 && !strcmp(buf, FUNC "\n"), "%s", buf);
	/* ">" replaces; a glob names every match ('*' a run, '?' one character). */
	EXPECT(write_file(T "set_ftrace_filter", "*_sys_getp?id") == 0, "replace");
	EXPECT(read_file(T "set_ftrace_filter") > 0 && count_lines(buf, FUNC) == 1 &&
	       count_lines(buf, "__x64_sys_getpgid") == 1 && count_lines(buf, "__x64_sys_getpid") == 0,
	       "%s", buf);
	EXPECT(write_file(T "set_ftrace_filter", "") == 0 && read_file(T "set_ftrace_filter") > 0 &&
	       !strcmp(buf, "#### all functions enabled ####\n"), "%s", buf);
	reset_tracing();
}

/*
 * An empty list reads as Linux's '#' line, not as nothing: trace-cmd record
 * reads each file back to clear it and complains of an empty read.
 */
static void empty_filters_read_as_linux(void)
{
	if (!function_tracer_present())
		return;
	reset_tracing();
	EXPECT(read_file(T "set_ftrace_notrace") > 0 &&
	       !strcmp(buf, "#### no functions disabled ####\n"), "%s", buf);
	EXPECT(write_file(T "set_ftrace_notrace", FUNC) == 0 &&
	       read_file(T "set_ftrace_notrace") > 0 && !strcmp(buf, FUNC "\n"), "%s", buf);
	EXPECT(write_file(T "set_ftrace_notrace", "no_such_function_at_all") == -EINVAL,
	       "unknown function accepted");
	EXPECT(write_file(T "set_ftrace_notrace", "") == 0 &&
	       read_file(T "set_ftrace_notrace") > 0 &&
	       !strcmp(buf, "#### no functions disabled ####\n"), "%s", buf);
	EXPECT(read_file(T "set_graph_function") > 0 &&
	       !strcmp(buf, "#### all functions enabled ####\n"), "%s", buf);
	reset_tracing();
}

/* The line of buf containing @what (from @from); a NUL-terminated copy. */
static const char *find_line(const char *from, const char *what, char *line, size_t size)
{
	const char *hit = strstr(from, what), *start, *end;

	if (!hit)
		return NULL;
	for (start = hit; start > buf && start[-1] != '\n'; start--)
		;
	end = strchr(hit, '\n');
	if (!end)
		end = hit + strlen(hit);
	if ((size_t)(end - start) >= size)
		return NULL;
	memcpy(line, start, end - start);
	line[end - start] = '\0';
	return end;
}

static void function_tracer_sees_getppid(void)
{
	char line[512], pidstr[32];
	const char *after;

	if (!function_tracer_present())
		return;
	reset_tracing();
	if (!EXPECT(write_file(T "set_ftrace_filter", FUNC) == 0, "filter") ||
	    !EXPECT(write_file(T "current_tracer", "function") == 0, "function tracer"))
		goto out;
	EXPECT(read_file(T "current_tracer") > 0 && !strcmp(buf, "function\n"), "%s", buf);
	EXPECT(read_file(T "enabled_functions") > 0 && !strncmp(buf, FUNC " ", strlen(FUNC) + 1) &&
	       !strchr(buf, '\n')[1], "%s", buf);
	syscall(SYS_getppid);
	syscall(SYS_getppid);
	write_file(T "tracing_on", "0");
	EXPECT(read_file(T "trace") > 0 && !strncmp(buf, "# tracer: function\n#\n", 21), "%.200s", buf);
	snprintf(pidstr, sizeof(pidstr), "-%d ", getpid());
	after = find_line(buf, ": " FUNC " <-", line, sizeof(line));
	if (EXPECT(after != NULL, "no " FUNC " line in\n%.2000s", buf))
		EXPECT(strstr(line, pidstr) && strstr(line, "[0") && strstr(line, " <-"), "%s", line);
	/* Only the filtered function: every record line names it. */
	{
		const char *p = strchr(buf, '\n');
		int others = 0, hits = 0;

		for (; p && p[1]; p = strchr(p + 1, '\n')) {
			if (p[1] == '#')
				continue;
			if (strstr(p + 1, ": " FUNC " <-") &&
			    strstr(p + 1, ": " FUNC " <-") < strchr(p + 1, '\n'))
				hits++;
			else
				others++;
		}
		EXPECT(hits >= 2 && !others, "%d hits, %d other lines", hits, others);
	}

	/* With func_stack_trace, a "<stack trace>" starting at the function. */
	write_file(T "tracing_on", "1");
	write_file(T "trace", "");
	EXPECT(write_file(T "options/func_stack_trace", "1") == 0, "func_stack_trace");
	syscall(SYS_getppid);
	write_file(T "tracing_on", "0");
	EXPECT(read_file(T "trace") > 0, "read");
	after = find_line(buf, ": <stack trace>", line, sizeof(line));
	if (EXPECT(after != NULL, "no stack trace in\n%.2000s", buf))
		EXPECT(!strncmp(after, "\n => " FUNC "\n => ", strlen(FUNC) + 9), "%.300s", after);
	write_file(T "options/func_stack_trace", "0");

	/* Off: the sites are nops again. */
	EXPECT(write_file(T "current_tracer", "nop") == 0, "nop");
	EXPECT(read_file(T "enabled_functions") == 0, "%s", buf);
out:
	reset_tracing();
}

/* Whether a record line of the graph in buf is indented past the first level. */
static int graph_nested(void)
{
	const char *p;

	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *bar = strstr(p, "|  "), *nl = strchr(p, '\n');

		if (*p != '#' && bar && (!nl || bar < nl) && bar[3] == ' ')
			return 1;
	}
	return 0;
}

static void function_graph_nests_with_durations(void)
{
	char line[512];
	const char *after;

	if (!function_tracer_present())
		return;
	reset_tracing();
	if (!EXPECT(write_file(T "set_graph_function", FUNC) == 0, "set_graph_function") ||
	    !EXPECT(write_file(T "current_tracer", "function_graph") == 0, "function_graph"))
		goto out;
	syscall(SYS_getppid);
	write_file(T "tracing_on", "0");
	EXPECT(read_file(T "trace") > 0 && !strncmp(buf, "# tracer: function_graph\n#\n# CPU  DURATION",
						    strlen("# tracer: function_graph\n#\n# CPU  DURATION")),
	       "%.300s", buf);
	/* Either a leaf "FUNC();" with its duration, or "FUNC() {" ... "}". */
	after = find_line(buf, "|  " FUNC "()", line, sizeof(line));
	if (EXPECT(after != NULL, "no graph of " FUNC " in\n%.2000s", buf)) {
		EXPECT(line[0] == ' ' && strstr(line, ") "), "%s", line);
		if (strstr(line, FUNC "() {"))
			EXPECT(strstr(after, " us    |  }") || strstr(after, " us   |  }") ||
			       strstr(after, " us  |  }") || strstr(after, " us |  }"),
			       "no closing brace with a duration in\n%.1000s", after);
		else
			EXPECT(strstr(line, " us ") && strstr(line, FUNC "();"), "%s", line);
	}

	/* max_graph_depth 1: only the graph's first level, nothing nested. */
	write_file(T "current_tracer", "nop");
	EXPECT(write_file(T "max_graph_depth", "1") == 0, "max_graph_depth");
	write_file(T "tracing_on", "1");
	EXPECT(write_file(T "current_tracer", "function_graph") == 0, "function_graph again");
	syscall(SYS_getppid);
	write_file(T "tracing_on", "0");
	EXPECT(read_file(T "trace") > 0, "read");
	EXPECT(find_line(buf, "|  " FUNC "();", line, sizeof(line)) != NULL, "%.2000s", buf);
	EXPECT(!graph_nested(), "nested lines under max_graph_depth 1:\n%.2000s", buf);
out:
	reset_tracing();
}

/*
 * Every function at once, each tracer in turn: the kernel goes on
 * (interrupts, the timer, this program's system calls and a child's
 * fork and exit all traced) and the records name many functions.
 */
static void every_function_traced_and_back(void)
{
	static const char *const tracers[] = { "function", "function_graph" };
	unsigned int i;

	if (!function_tracer_present())
		return;
	for (i = 0; i < 2; i++) {
		pid_t child;
		long n;

		reset_tracing();
		if (!EXPECT(write_file(T "current_tracer", tracers[i]) == 0, "%s", tracers[i]))
			continue;
		syscall(SYS_getppid);
		child = fork();
		if (child == 0)
			_exit(0);
		if (child > 0)
			waitpid(child, NULL, 0);
		write_file(T "tracing_on", "0");
		/* A new tracer empties the buffer: read it first. */
		n = read_file(T "trace");
		EXPECT(n > 0 && strstr(buf, "schedule") && strstr(buf, "getppid") &&
		       strstr(buf, i ? "() {" : " <-"), "%s: %ld bytes\n%.2000s", tracers[i], n, buf);
		EXPECT(write_file(T "current_tracer", "nop") == 0, "back to nop");
		EXPECT(read_file(T "enabled_functions") == 0, "%s still enabled: %.500s", tracers[i], buf);
	}
	reset_tracing();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(tracers_and_sites_are_listed),
	KTAP_CASE(filter_takes_globs),
	KTAP_CASE(empty_filters_read_as_linux),
	KTAP_CASE(function_tracer_sees_getppid),
	KTAP_CASE(function_graph_nests_with_durations),
	KTAP_CASE(every_function_traced_and_back),
};

int main(void)
{
	buf = malloc(BIG);
	if (!buf)
		return 1;
	return ktap_run("ftrace", cases, KTAP_COUNT(cases));
}
