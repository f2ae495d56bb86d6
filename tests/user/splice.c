// SPDX-License-Identifier: MIT
/*
 * splice(2) as Linux gives it: bytes from a regular file into a pipe and
 * from a pipe into a regular file (at the file's position or at an offset
 * given, which then moves instead), pipe to pipe, 0 at end of file and for
 * a zero length, -EAGAIN on an empty pipe with SPLICE_F_NONBLOCK, and the
 * errors in Linux's order: unknown flags and neither end a pipe -EINVAL,
 * an offset on the pipe's side -ESPIPE, a closed descriptor -EBADF, a
 * file opened only for writing as the source -EBADF, an O_APPEND
 * destination -EINVAL, the same pipe on both sides -EINVAL, a directory
 * -EINVAL. And what
 * trace-cmd record does: trace_pipe_raw into a pipe hands over whole
 * 4096-byte pages (a length below a page is -EINVAL), and with nothing in
 * the buffer it is -EAGAIN when non-blocking. Passes on
 * Linux too (the trace_pipe_raw case as root with tracefs mounted).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "ktap.h"
#include "sys.h"

#define T "/sys/kernel/tracing/"

static long do_splice(int in, long long *off_in, int out, long long *off_out, size_t len,
		      unsigned int flags)
{
	return sys6(SYS_splice, in, (long)off_in, out, (long)off_out, (long)len, flags);
}

static int tmpfile_with(const char *text)
{
	char name[] = "/tmp/spliceXXXXXX";
	int fd = mkstemp(name);

	if (fd < 0)
		return fd;
	unlink(name);
	if (text && write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -1;
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static void splice_file_to_pipe_and_back(void)
{
	int src = tmpfile_with("hello, splice"), dst = tmpfile_with(NULL), p[2];
	long long off = 7;
	char buf[32] = "";

	EXPECT(src >= 0 && dst >= 0 && pipe(p) == 0, "setup");
	EXPECT(do_splice(src, NULL, p[1], NULL, 5, 0) == 5, "5 bytes from the file's position");
	EXPECT(lseek(src, 0, SEEK_CUR) == 5, "the position moved");
	EXPECT(do_splice(src, &off, p[1], NULL, 100, 0) == 6, "the rest from offset 7");
	EXPECT(off == 13 && lseek(src, 0, SEEK_CUR) == 5, "the offset moved, not the position");
	EXPECT(do_splice(src, &off, p[1], NULL, 100, 0) == 0, "end of file: 0");
	EXPECT(do_splice(p[0], NULL, dst, NULL, 100, 0) == 11, "the pipe into the file");
	EXPECT(pread(dst, buf, sizeof(buf), 0) == 11 && !memcmp(buf, "hellosplice", 11),
	       "the file holds '%s'", buf);
	EXPECT(do_splice(p[0], NULL, dst, NULL, 100, SPLICE_F_NONBLOCK) == -EAGAIN,
	       "empty pipe, SPLICE_F_NONBLOCK");
	close(p[1]);
	EXPECT(do_splice(p[0], NULL, dst, NULL, 100, 0) == 0, "no writer left: 0");
	close(p[0]);
	close(src);
	close(dst);
}

static void splice_pipe_to_pipe(void)
{
	int a[2], b[2];
	char buf[8] = "";

	EXPECT(pipe(a) == 0 && pipe(b) == 0, "pipes");
	EXPECT(write(a[1], "abcdef", 6) == 6, "write");
	EXPECT(do_splice(a[0], NULL, b[1], NULL, 4, 0) == 4, "4 bytes across");
	EXPECT(read(b[0], buf, sizeof(buf)) == 4 && !memcmp(buf, "abcd", 4), "read '%s'", buf);
	EXPECT(read(a[0], buf, sizeof(buf)) == 2 && !memcmp(buf, "ef", 2), "the rest stayed");
	EXPECT(do_splice(a[0], NULL, a[1], NULL, 4, 0) == -EINVAL, "the same pipe: -EINVAL");
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
}

static void splice_errors(void)
{
	int f = tmpfile_with("x"), g = tmpfile_with(NULL), p[2], wo, ap;
	long long off = 0;

	EXPECT(f >= 0 && g >= 0 && pipe(p) == 0, "setup");
	EXPECT(do_splice(f, NULL, p[1], NULL, 0, 0) == 0, "zero length: 0");
	EXPECT(do_splice(f, NULL, p[1], NULL, 1, 0x10) == -EINVAL, "unknown flag");
	EXPECT(do_splice(f, NULL, g, NULL, 1, 0) == -EINVAL, "no pipe on either side");
	EXPECT(do_splice(p[0], &off, g, NULL, 1, 0) == -ESPIPE, "offset on the pipe's side");
	EXPECT(do_splice(f, NULL, p[1], &off, 1, 0) == -ESPIPE, "offset on the pipe's side (out)");
	EXPECT(do_splice(999, NULL, p[1], NULL, 1, 0) == -EBADF, "closed descriptor");
	EXPECT(do_splice(p[1], NULL, g, NULL, 1, 0) == -EBADF, "the pipe's write end as source");
	wo = open("/tmp/splice-wo", O_CREAT | O_WRONLY, 0600);
	EXPECT(wo >= 0 && do_splice(wo, NULL, p[1], NULL, 1, 0) == -EBADF, "write-only source");
	ap = open("/tmp/splice-wo", O_RDWR | O_APPEND);
	unlink("/tmp/splice-wo");
	EXPECT(ap >= 0, "append file");
	EXPECT(write(p[1], "y", 1) == 1, "a byte in the pipe");
	EXPECT(do_splice(p[0], NULL, ap, NULL, 1, 0) == -EINVAL, "O_APPEND destination");
	close(wo);
	wo = open("/tmp", O_RDONLY | O_DIRECTORY);
	EXPECT(wo >= 0 && do_splice(wo, NULL, p[1], NULL, 1, 0) == -EINVAL, "a directory");
	close(wo);
	EXPECT(do_splice(f, NULL, p[1], NULL, 1, 0) == 1, "and a good call still works");
	close(ap);
	close(f);
	close(g);
	close(p[0]);
	close(p[1]);
}

static int put(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY | O_TRUNC);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void splice_trace_pipe_raw_gives_whole_pages(void)
{
	int raw, p[2], m, i;
	cpu_set_t one;
	long n;
	char page[4096];

	if (access(T "trace_marker", W_OK)) {
		ktap_skip("no tracefs at /sys/kernel/tracing (as root with it mounted, on Linux)");
		return;
	}
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	EXPECT(sched_setaffinity(0, sizeof(one), &one) == 0, "on CPU 0");
	EXPECT(put(T "tracing_on", "0") == 0 && put(T "trace", "") == 0, "empty buffer");
	raw = open(T "per_cpu/cpu0/trace_pipe_raw", O_RDONLY | O_NONBLOCK);
	EXPECT(raw >= 0 && pipe(p) == 0, "trace_pipe_raw and a pipe");
	EXPECT(do_splice(raw, NULL, p[1], NULL, 4096, 0) == -EAGAIN, "nothing yet: -EAGAIN");
	EXPECT(do_splice(raw, NULL, p[1], NULL, 100, 0) == -EINVAL, "below a page: -EINVAL");
	EXPECT(put(T "tracing_on", "1") == 0, "tracing on");
	m = open(T "trace_marker", O_WRONLY);
	/* Three pages' worth of markers: at least one page the writer has left. */
	for (i = 0; i < 200 && m >= 0; i++)
		if (write(m, "splice marker, sixty-four bytes of text to fill the pages up..", 62) < 0)
			break;
	EXPECT(m >= 0 && i == 200, "markers written");
	n = do_splice(raw, NULL, p[1], NULL, 65536, SPLICE_F_NONBLOCK);
	EXPECT(n >= 4096 && n % 4096 == 0, "whole pages: %ld bytes", n);
	EXPECT(n > 0 && read(p[0], page, sizeof(page)) == 4096, "a page out of the pipe");
	/*
	 * The page header: a time stamp, then the commit, the bytes of events
	 * (its top bits flag events lost before the page, as trace-cmd reads it).
	 */
	EXPECT((((long *)page)[1] & ((1L << 27) - 1)) > 0 &&
	       (((long *)page)[1] & ((1L << 27) - 1)) <= 4096 - 16, "commit %#lx",
	       ((long *)page)[1]);
	close(m);
	close(raw);
	close(p[0]);
	close(p[1]);
	put(T "trace", "");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(splice_file_to_pipe_and_back),
	KTAP_CASE(splice_pipe_to_pipe),
	KTAP_CASE(splice_errors),
	KTAP_CASE(splice_trace_pipe_raw_gives_whole_pages),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
