/* SPDX-License-Identifier: MIT */
/*
 * KTAP output for the user-space test programs (static musl; the same
 * binaries run on reflex and on Linux). A program is a table of cases, one
 * function each, named for the behaviour it pins:
 *
 *	static const struct ktap_case cases[] = { KTAP_CASE(fork_cow_stack), ... };
 *	int main(int argc, char **argv) { return ktap_run(argv[0], cases, KTAP_COUNT(cases)); }
 *
 * A case fails through EXPECT() (which says where and why on a "#" line and
 * carries on) and skips through ktap_skip(). Output goes straight to fd 1
 * with write(2), never through stdio, so nothing is buffered twice across
 * fork(). With KTAP_INDENT=N in the environment (test-init sets it) every
 * line is indented by N spaces, making the program a KTAP subtest of
 * test-init's report. The exit status is 0 when every case passed or
 * skipped.
 */
#ifndef REFLEX_KTAP_H
#define REFLEX_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ktap_case {
	const char *name;
	void (*run)(void);
};

#define KTAP_CASE(fn)	{ #fn, fn }
#define KTAP_COUNT(a)	((int)(sizeof(a) / sizeof((a)[0])))

static int ktap_indent;
static int ktap_case_failed;
static const char *ktap_skip_reason;

/* One line, indented, written with a single write(2). */
static void __attribute__((format(printf, 1, 2))) ktap_line(const char *fmt, ...)
{
	char buf[512];
	int n = ktap_indent, len = sizeof(buf) - 1;
	va_list ap;

	memset(buf, ' ', n);
	va_start(ap, fmt);
	n += vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
	if (n > len - 1)
		n = len - 1;
	buf[n++] = '\n';
	if (write(1, buf, n) < 0)
		_exit(2);
}

#define ktap_diag(fmt, ...)	ktap_line("# " fmt, ##__VA_ARGS__)

/* Record a failed expectation and keep going: one case reports every miss. */
#define EXPECT(cond, fmt, ...) ({					\
	int __ok = !!(cond);						\
	if (!__ok) {							\
		ktap_case_failed = 1;					\
		ktap_diag("%s:%d: expected %s: " fmt, __FILE__,	\
			  __LINE__, #cond, ##__VA_ARGS__);		\
	}								\
	__ok;								\
})

static inline void ktap_skip(const char *reason)
{
	ktap_skip_reason = reason;
}

static inline const char *ktap_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int ktap_run(const char *argv0, const struct ktap_case *cases, int n)
{
	const char *indent = getenv("KTAP_INDENT");
	int i, pass = 0, fail = 0, skip = 0;

	ktap_indent = indent ? atoi(indent) : 0;
	if (ktap_indent < 0 || ktap_indent > 16)
		ktap_indent = 0;
	ktap_line("KTAP version 1");
	if (ktap_indent)
		ktap_line("# Subtest: %s", ktap_basename(argv0));
	ktap_line("1..%d", n);
	for (i = 0; i < n; i++) {
		ktap_case_failed = 0;
		ktap_skip_reason = NULL;
		cases[i].run();
		if (ktap_case_failed) {
			ktap_line("not ok %d %s", i + 1, cases[i].name);
			fail++;
		} else if (ktap_skip_reason) {
			ktap_line("ok %d %s # SKIP %s", i + 1, cases[i].name,
				  ktap_skip_reason);
			skip++;
		} else {
			ktap_line("ok %d %s", i + 1, cases[i].name);
			pass++;
		}
	}
	ktap_diag("%s: pass:%d fail:%d skip:%d total:%d",
		  ktap_basename(argv0), pass, fail, skip, n);
	return fail ? 1 : 0;
}

#endif
