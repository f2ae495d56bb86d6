// SPDX-License-Identifier: MIT
/*
 * sendfile, splice, tee and copy_file_range as on Linux: the bytes
 * arrive whole and in order (more than one 64 KiB chunk, to a file, a
 * pipe and a socket), the offset given is read and written back while
 * the file's own position stays, or without one the position moves;
 * splice and tee refuse what is not a pipe, a pipe with an offset, one
 * pipe to itself; tee leaves its input in place; SPLICE_F_NONBLOCK on
 * an empty pipe is EAGAIN; copy_file_range stops at the input's end,
 * refuses overlapping ranges of one file, directories and pipes; and
 * every error path (EBADF, EINVAL, ESPIPE, EFAULT, EISDIR) in Linux's
 * order. And what trace-cmd record does: trace_pipe_raw into a pipe
 * hands over whole 4096-byte pages (a length below a page is -EINVAL),
 * -EAGAIN non-blocking with nothing in the buffer. The same binary
 * passes on Linux (the trace_pipe_raw case as root with tracefs
 * mounted).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <stdbool.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"

#define BIG	150000	/* more than two of the kernel's 64 KiB chunks */

static char pattern[BIG], got[BIG];

static void fill_pattern(void)
{
	for (int i = 0; i < BIG; i++)
		pattern[i] = (char)(i * 7 + i / 251);
}

/* A file in /tmp holding the pattern; its fd, open for reading and writing. */
static int pattern_file(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, pattern, BIG) != BIG || lseek(fd, 0, SEEK_SET) != 0)
		return -1;
	return fd;
}

static int read_full(int fd, char *buf, int len)
{
	int n, done = 0;

	while (done < len && (n = read(fd, buf + done, len - done)) > 0)
		done += n;
	return done;
}

static void sendfile_file_to_file_pipe_and_socket(void)
{
	int src = pattern_file("/tmp/sf-src"), dst = open("/tmp/sf-dst", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int p[2], sv[2];
	off_t off = 1000;
	ssize_t n, total = 0;

	if (!EXPECT(src >= 0 && dst >= 0 && pipe(p) == 0, "setup: %d", errno))
		return;
	/* With an offset: it moves, the file's own position does not. */
	EXPECT(sendfile(p[1], src, &off, 5000) == 5000, "to a pipe: %d", errno);
	EXPECT(off == 6000 && lseek(src, 0, SEEK_CUR) == 0, "offset %ld, position %ld", (long)off,
	       (long)lseek(src, 0, SEEK_CUR));
	EXPECT(read_full(p[0], got, 5000) == 5000 && !memcmp(got, pattern + 1000, 5000),
	       "the pipe got bytes 1000-5999");
	/* Without: the whole file, both positions move. */
	while ((n = sendfile(dst, src, NULL, BIG)) > 0)
		total += n;
	EXPECT(n == 0 && total == BIG, "to a file: %ld then %ld (%d)", (long)total, (long)n, errno);
	EXPECT(lseek(src, 0, SEEK_CUR) == BIG && lseek(dst, 0, SEEK_CUR) == BIG, "positions");
	EXPECT(pread(dst, got, BIG, 0) == BIG && !memcmp(got, pattern, BIG), "the copy");
	EXPECT(sendfile(dst, src, NULL, 100) == 0, "at the end: 0");
	if (EXPECT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair")) {
		off = 0;
		EXPECT(sendfile(sv[0], src, &off, 3000) == 3000, "to a socket: %d", errno);
		EXPECT(read_full(sv[1], got, 3000) == 3000 && !memcmp(got, pattern, 3000), "received");
		close(sv[0]);
		close(sv[1]);
	}
	close(p[0]);
	close(p[1]);
	close(src);
	close(dst);
	unlink("/tmp/sf-src");
	unlink("/tmp/sf-dst");
}

static void sendfile_errors(void)
{
	int src = pattern_file("/tmp/sf-err"), ro = open("/tmp/sf-err", O_RDONLY);
	int wo = open("/tmp/sf-err", O_WRONLY), ap = open("/tmp/sf-err", O_WRONLY | O_APPEND);
	int p[2];
	off_t off = -1;

	if (!EXPECT(src >= 0 && ro >= 0 && wo >= 0 && ap >= 0 && pipe(p) == 0, "setup: %d", errno))
		return;
	EXPECT(sendfile(p[1], 999, NULL, 10) == -1 && errno == EBADF, "no input: %d", errno);
	EXPECT(sendfile(p[1], wo, NULL, 10) == -1 && errno == EBADF, "input write-only: %d", errno);
	EXPECT(sendfile(999, src, NULL, 10) == -1 && errno == EBADF, "no output: %d", errno);
	EXPECT(sendfile(ro, src, NULL, 10) == -1 && errno == EBADF, "output read-only: %d", errno);
	EXPECT(sendfile(p[1], src, (off_t *)8, 10) == -1 && errno == EFAULT, "bad offset: %d", errno);
	EXPECT(sendfile(p[1], src, &off, 10) == -1 && errno == EINVAL, "negative offset: %d", errno);
	off = 0;
	EXPECT(sendfile(p[1], p[0], &off, 10) == -1 && errno == ESPIPE, "offset in a pipe: %d", errno);
	EXPECT(sendfile(wo, p[0], NULL, 10) == -1 && errno == EINVAL, "from a pipe: %d", errno);
	EXPECT(sendfile(ap, src, NULL, 10) == -1 && errno == EINVAL, "to O_APPEND: %d", errno);
	EXPECT(sendfile(p[1], src, NULL, 0) == 0, "count 0");
	close(p[0]);
	close(p[1]);
	close(src);
	close(ro);
	close(wo);
	close(ap);
	unlink("/tmp/sf-err");
}

static void splice_between_pipe_and_file(void)
{
	int f = pattern_file("/tmp/sp-file"), p[2];
	loff_t off = 2000;

	if (!EXPECT(f >= 0 && pipe(p) == 0, "setup: %d", errno))
		return;
	EXPECT(splice(f, &off, p[1], NULL, 4000, 0) == 4000, "file to pipe: %d", errno);
	EXPECT(off == 6000 && lseek(f, 0, SEEK_CUR) == 0, "offset %ld", (long)off);
	off = 100000;
	EXPECT(splice(p[0], NULL, f, &off, 4000, 0) == 4000, "pipe to file: %d", errno);
	EXPECT(off == 104000 && pread(f, got, 4000, 100000) == 4000 &&
	       !memcmp(got, pattern + 2000, 4000), "bytes 2000-5999 landed at 100000");
	/* Without offsets the file's position moves. */
	EXPECT(splice(f, NULL, p[1], NULL, 1000, 0) == 1000 && lseek(f, 0, SEEK_CUR) == 1000,
	       "position %ld", (long)lseek(f, 0, SEEK_CUR));
	EXPECT(read_full(p[0], got, 1000) == 1000 && !memcmp(got, pattern, 1000), "bytes 0-999");
	/* The output takes less than there is: the rest stays in the pipe. */
	EXPECT(write(p[1], "abcdef", 6) == 6, "write");
	off = 0;
	EXPECT(splice(p[0], NULL, f, &off, 4, 0) == 4, "4 of 6: %d", errno);
	EXPECT(read(p[0], got, 10) == 2 && !memcmp(got, "ef", 2), "\"ef\" is left");
	close(p[0]);
	close(p[1]);
	close(f);
	unlink("/tmp/sp-file");
}

static void splice_pipe_to_pipe_and_errors(void)
{
	int f = pattern_file("/tmp/sp-err"), ap = open("/tmp/sp-err", O_WRONLY | O_APPEND);
	int p[2], q[2];
	loff_t off = 0;

	if (!EXPECT(f >= 0 && ap >= 0 && pipe(p) == 0 && pipe(q) == 0, "setup: %d", errno))
		return;
	EXPECT(write(p[1], "0123456789", 10) == 10, "write");
	EXPECT(splice(p[0], NULL, q[1], NULL, 100, 0) == 10, "pipe to pipe: %d", errno);
	EXPECT(read(q[0], got, 100) == 10 && !memcmp(got, "0123456789", 10), "moved whole");
	EXPECT(splice(p[0], NULL, q[1], NULL, 100, SPLICE_F_NONBLOCK) == -1 && errno == EAGAIN,
	       "empty, SPLICE_F_NONBLOCK: %d", errno);
	EXPECT(splice(f, NULL, f, NULL, 10, 0) == -1 && errno == EINVAL, "no pipe: %d", errno);
	EXPECT(splice(p[0], &off, f, NULL, 10, 0) == -1 && errno == ESPIPE, "pipe offset: %d", errno);
	EXPECT(splice(f, (loff_t *)8, p[1], NULL, 10, 0) == -1 && errno == EFAULT,
	       "bad offset: %d", errno);
	EXPECT(splice(f, NULL, p[1], NULL, 10, 0x100) == -1 && errno == EINVAL, "flags: %d", errno);
	EXPECT(splice(p[0], NULL, p[1], NULL, 10, 0) == -1 && errno == EINVAL, "to itself: %d", errno);
	EXPECT(splice(999, NULL, p[1], NULL, 10, 0) == -1 && errno == EBADF, "bad fd: %d", errno);
	EXPECT(splice(p[1], NULL, f, NULL, 10, 0) == -1 && errno == EBADF, "write end in: %d", errno);
	EXPECT(write(p[1], "x", 1) == 1 && splice(p[0], NULL, ap, NULL, 1, 0) == -1 &&
	       errno == EINVAL, "to O_APPEND: %d", errno);
	EXPECT(splice(f, NULL, p[1], NULL, 0, 0) == 0, "length 0");
	close(p[1]);
	EXPECT(read(p[0], got, 1) == 1 && splice(p[0], NULL, q[1], NULL, 10, 0) == 0,
	       "no writers, empty: 0");
	close(p[0]);
	close(q[0]);
	close(q[1]);
	close(f);
	close(ap);
	unlink("/tmp/sp-err");
}

static void tee_copies_and_leaves_the_input(void)
{
	int p[2], q[2], f = open("/tmp", O_RDONLY);

	if (!EXPECT(pipe(p) == 0 && pipe(q) == 0, "pipes"))
		return;
	EXPECT(tee(p[0], q[1], 100, SPLICE_F_NONBLOCK) == -1 && errno == EAGAIN,
	       "empty, SPLICE_F_NONBLOCK: %d", errno);
	EXPECT(write(p[1], "hello tee", 9) == 9, "write");
	EXPECT(tee(p[0], q[1], 5, 0) == 5, "tee 5: %d", errno);
	EXPECT(read(q[0], got, 100) == 5 && !memcmp(got, "hello", 5), "the copy");
	EXPECT(read(p[0], got, 100) == 9 && !memcmp(got, "hello tee", 9), "the input kept all");
	EXPECT(tee(p[0], p[1], 5, 0) == -1 && errno == EINVAL, "to itself: %d", errno);
	EXPECT(tee(f, q[1], 5, 0) == -1 && errno == EINVAL, "not a pipe: %d", errno);
	EXPECT(tee(p[0], q[1], 5, 0x100) == -1 && errno == EINVAL, "flags: %d", errno);
	EXPECT(tee(999, q[1], 5, 0) == -1 && errno == EBADF, "bad fd: %d", errno);
	close(p[1]);
	EXPECT(tee(p[0], q[1], 5, 0) == 0, "no writers, empty: 0");
	close(p[0]);
	close(q[0]);
	close(q[1]);
	close(f);
}

static void copy_file_range_copies_and_checks(void)
{
	int src = pattern_file("/tmp/cfr-src"), dst = open("/tmp/cfr-dst", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int ro = open("/tmp/cfr-dst", O_RDONLY), ap = open("/tmp/cfr-dst", O_WRONLY | O_APPEND);
	int dir = open("/tmp", O_RDONLY), p[2];
	loff_t in = 10, out = 0;
	ssize_t n, total = 0;

	if (!EXPECT(src >= 0 && dst >= 0 && ro >= 0 && ap >= 0 && dir >= 0 && pipe(p) == 0,
		    "setup: %d", errno))
		return;
	while ((n = copy_file_range(src, &in, dst, &out, BIG, 0)) > 0)
		total += n;
	EXPECT(n == 0 && total == BIG - 10 && in == BIG && out == BIG - 10,
	       "copied %ld, offsets %ld %ld", (long)total, (long)in, (long)out);
	EXPECT(pread(dst, got, BIG - 10, 0) == BIG - 10 && !memcmp(got, pattern + 10, BIG - 10),
	       "the bytes");
	EXPECT(lseek(src, 0, SEEK_CUR) == 0 && lseek(dst, 0, SEEK_CUR) == 0, "positions kept");
	EXPECT(copy_file_range(src, NULL, dst, NULL, 100, 0) == 100 &&
	       lseek(src, 0, SEEK_CUR) == 100 && lseek(dst, 0, SEEK_CUR) == 100,
	       "without offsets the positions move");
	in = 0;
	out = 50;
	EXPECT(copy_file_range(src, &in, src, &out, 100, 0) == -1 && errno == EINVAL,
	       "overlap in one file: %d", errno);
	EXPECT(copy_file_range(src, NULL, dst, NULL, 10, 1) == -1 && errno == EINVAL, "flags");
	EXPECT(copy_file_range(src, NULL, ro, NULL, 10, 0) == -1 && errno == EBADF,
	       "read-only out: %d", errno);
	EXPECT(copy_file_range(src, NULL, ap, NULL, 10, 0) == -1 && errno == EBADF,
	       "O_APPEND out: %d", errno);
	EXPECT(copy_file_range(dir, NULL, dst, NULL, 10, 0) == -1 && errno == EISDIR,
	       "a directory: %d", errno);
	EXPECT(copy_file_range(p[0], NULL, dst, NULL, 10, 0) == -1 && errno == EINVAL,
	       "a pipe: %d", errno);
	EXPECT(copy_file_range(src, (loff_t *)8, dst, NULL, 10, 0) == -1 && errno == EFAULT,
	       "bad offset: %d", errno);
	/* Linux 6.1's rw_verify_area() says EINVAL; later kernels check earlier, EOVERFLOW. */
	in = -1;
	EXPECT(copy_file_range(src, &in, dst, NULL, 10, 0) == -1 &&
	       (errno == EINVAL || errno == EOVERFLOW), "negative offset: %d", errno);
	in = BIG + 5;
	EXPECT(copy_file_range(src, &in, dst, NULL, 10, 0) == 0, "past the end: 0");
	EXPECT(copy_file_range(999, NULL, dst, NULL, 10, 0) == -1 && errno == EBADF, "bad fd");
	close(p[0]);
	close(p[1]);
	close(src);
	close(dst);
	close(ro);
	close(ap);
	close(dir);
	unlink("/tmp/cfr-src");
	unlink("/tmp/cfr-dst");
}

#define T "/sys/kernel/tracing/"

static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void splice_trace_pipe_raw_gives_whole_pages(void)
{
	int raw, p[2], m, i;
	cpu_set_t one;
	long n, commit;
	static char page[4096];

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
	EXPECT(splice(raw, NULL, p[1], NULL, 4096, 0) == -1 && errno == EAGAIN,
	       "nothing yet: EAGAIN (%d)", errno);
	EXPECT(splice(raw, NULL, p[1], NULL, 100, 0) == -1 && errno == EINVAL,
	       "below a page: EINVAL (%d)", errno);
	EXPECT(put(T "tracing_on", "1") == 0, "tracing on");
	m = open(T "trace_marker", O_WRONLY);
	/* Three pages' worth of markers: at least one page the writer has left. */
	for (i = 0; i < 200 && m >= 0; i++)
		if (write(m, "splice marker, sixty-four bytes of text to fill the pages up..", 62) < 0)
			break;
	EXPECT(m >= 0 && i == 200, "markers written");
	n = splice(raw, NULL, p[1], NULL, 65536, SPLICE_F_NONBLOCK);
	EXPECT(n >= 4096 && n % 4096 == 0, "whole pages: %ld bytes", n);
	EXPECT(n > 0 && read(p[0], page, sizeof(page)) == 4096, "a page out of the pipe");
	/*
	 * The page header: a time stamp, then the commit, the bytes of events
	 * (its top bits flag events lost before the page, as trace-cmd reads it).
	 */
	commit = ((long *)page)[1] & ((1L << 27) - 1);
	EXPECT(commit > 0 && commit <= 4096 - 16, "commit %#lx", ((long *)page)[1]);
	close(m);
	close(raw);
	close(p[0]);
	close(p[1]);
	put(T "trace", "");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sendfile_file_to_file_pipe_and_socket),
	KTAP_CASE(sendfile_errors),
	KTAP_CASE(splice_between_pipe_and_file),
	KTAP_CASE(splice_pipe_to_pipe_and_errors),
	KTAP_CASE(tee_copies_and_leaves_the_input),
	KTAP_CASE(copy_file_range_copies_and_checks),
	KTAP_CASE(splice_trace_pipe_raw_gives_whole_pages),
};

int main(int argc, char **argv)
{
	fill_pattern();
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
