// SPDX-License-Identifier: MIT
/*
 * What a program may ask of the file system and what it is refused: a
 * buffer in the kernel half fails with -EFAULT before a read waits for
 * input (console, pipe, socket), sizes and offsets are bounded before
 * anything is allocated (pwrite64 past the file-size limit, at a negative
 * offset, more iovecs than UIO_MAXIOV), and a file costs the pages
 * written, not the offset they are at: 200 files with one byte each at
 * 1 GiB take a few pages apiece, read back zeros in the hole, and give
 * everything back when unlinked.
 *
 * Past RLIMIT_FSIZE a write is -EFBIG and raises SIGXFSZ; RLIMIT_NOFILE
 * ends the descriptor table and bounds poll's nfds; an executable too big
 * for the loader's buffer is -E2BIG.
 *
 * A call that wrongly blocks runs in a child the parent kills after a
 * bounded wait, so a regression fails the case instead of hanging the run;
 * the limits are set in children too, so the parent keeps its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <poll.h>
#include <netinet/in.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define KERNEL_ADDR	((void *)0xffffffff80000000UL)	/* kernel text: never the caller's */
#define GiB		(1L << 30)
#define NR_SPARSE	200
#define WAIT_ROUNDS	500	/* x 10 ms: how long a call that should fail at once may take */

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys2(SYS_nanosleep, &ts, NULL);
}

/*
 * Run fn in a child (which exits with fn's return) and give its wait
 * status: 0 when fn returned 0. -1 if the child was still running after
 * the bounded wait (it is killed) or could not start.
 */
static int run_bounded(int (*fn)(void))
{
	int status, i;
	long pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0)
		return -1;
	for (i = 0; i < WAIT_ROUNDS; i++) {
		if (sys4(SYS_wait4, pid, &status, WNOHANG, NULL) == pid)
			return status;
		sleep_ms(10);
	}
	sys2(SYS_kill, pid, SIGKILL);
	sys4(SYS_wait4, pid, &status, 0, NULL);
	return -1;
}

/* Exit statuses of the children: 0 for -EFAULT, 1 for any other answer. */
static int read_console_into_kernel(void)
{
	return sys3(SYS_read, 0, KERNEL_ADDR, 16) == -EFAULT ? 0 : 1;
}

static int read_empty_pipe_into_kernel(void)
{
	int fds[2];

	if (pipe(fds))
		return 1;
	/* The write end stays open: a read that waited would wait for ever. */
	return sys3(SYS_read, fds[0], KERNEL_ADDR, 16) == -EFAULT ? 0 : 1;
}

static int readv_empty_pipe_into_kernel(void)
{
	struct iovec iov[2];
	char byte;
	int fds[2];

	if (pipe(fds))
		return 1;
	iov[0] = (struct iovec){ &byte, 1 };
	iov[1] = (struct iovec){ KERNEL_ADDR, 16 };
	return sys3(SYS_readv, fds[0], iov, 2) == -EFAULT ? 0 : 1;
}

static int recvfrom_idle_socket_into_kernel(void)
{
	long fd = sys3(SYS_socket, AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return 1;
	return sys6(SYS_recvfrom, fd, (long)KERNEL_ADDR, 16, 0, 0, 0) == -EFAULT ? 0 : 1;
}

static void kernel_buffer_fails_before_waiting(void)
{
	EXPECT(run_bounded(read_console_into_kernel) == 0,
	       "read(0, kernel address) did not fail with -EFAULT at once");
	EXPECT(run_bounded(read_empty_pipe_into_kernel) == 0,
	       "read(empty pipe, kernel address) did not fail with -EFAULT at once");
	EXPECT(run_bounded(readv_empty_pipe_into_kernel) == 0,
	       "readv(empty pipe, kernel iovec) did not fail with -EFAULT at once");
	EXPECT(run_bounded(recvfrom_idle_socket_into_kernel) == 0,
	       "recvfrom(idle socket, kernel address) did not fail with -EFAULT at once");
}

static void kernel_pointers_fail_with_efault(void)
{
	static struct iovec many[1025];
	struct iovec iov[2] = { { "ab", 2 }, { KERNEL_ADDR, 1 } };
	long fd = sys3(SYS_open, "/tmp/fs_limits.efault", O_RDWR | O_CREAT | O_TRUNC, 0644);
	long r;
	int fds[2];

	if (!EXPECT(fd >= 0, "open: %ld", fd))
		return;
	EXPECT((r = sys3(SYS_write, 1, KERNEL_ADDR, 1)) == -EFAULT, "write(1, kernel): %ld", r);
	EXPECT((r = sys3(SYS_write, fd, KERNEL_ADDR, 1)) == -EFAULT, "write(file, kernel): %ld", r);
	EXPECT((r = sys3(SYS_writev, fd, iov, 2)) == -EFAULT, "writev with a kernel iovec: %ld", r);
	EXPECT((r = sys3(SYS_lseek, fd, 0, SEEK_END)) == 0, "writev wrote %ld bytes before failing", r);
	EXPECT((r = sys3(SYS_readv, fd, iov, 2)) == -EFAULT, "readv with a kernel iovec: %ld", r);
	EXPECT((r = sys4(SYS_pread64, fd, KERNEL_ADDR, 1, 0)) == -EFAULT, "pread64: %ld", r);
	EXPECT((r = sys3(SYS_readv, fd, many, 1025)) == -EINVAL, "readv, 1025 iovecs: %ld", r);
	EXPECT((r = sys3(SYS_getrandom, KERNEL_ADDR, 8, 0)) == -EFAULT, "getrandom: %ld", r);
	EXPECT((r = sys3(SYS_getdents64, fd, KERNEL_ADDR, 4096)) == -EFAULT, "getdents64: %ld", r);
	if (EXPECT(pipe(fds) == 0, "pipe")) {
		EXPECT((r = sys3(SYS_write, fds[1], KERNEL_ADDR, 1)) == -EFAULT, "pipe write: %ld", r);
		close(fds[0]);
		close(fds[1]);
	}
	close(fd);
	unlink("/tmp/fs_limits.efault");
}

/*
 * Offsets: negative ones, and a write whose end would pass LLONG_MAX (the
 * largest file on tmpfs and ramfs), are -EINVAL, as Linux's
 * rw_verify_area() says; one ending at LLONG_MAX is written. A byte at
 * 2^62 is a sparse page: a few KiB, not 2^62 bytes.
 */
static void huge_and_negative_offsets_are_bounded(void)
{
	long fd = sys3(SYS_open, "/tmp/fs_limits.big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	const long max = 0x7fffffffffffffffL;
	long r, free_before, free_after;
	char c = 0;

	if (!EXPECT(fd >= 0, "open: %ld", fd))
		return;
	free_before = meminfo_kib("MemFree");
	EXPECT((r = sys4(SYS_pwrite64, fd, "x", 1, 1L << 62)) == 1, "pwrite64 at 2^62: %ld", r);
	EXPECT((r = sys4(SYS_pread64, fd, &c, 1, 1L << 62)) == 1 && c == 'x',
	       "pread64 at 2^62: %ld", r);
	EXPECT((r = sys4(SYS_pread64, fd, &c, 1, (1L << 62) - 4096)) == 1 && c == 0,
	       "the hole below it reads as zero: %ld", r);
	EXPECT((r = sys4(SYS_pwrite64, fd, "x", 1, max)) == -EINVAL, "pwrite64 at LLONG_MAX: %ld", r);
	EXPECT((r = sys4(SYS_pwrite64, fd, "x", 1, -1)) == -EINVAL, "pwrite64 at -1: %ld", r);
	EXPECT((r = sys4(SYS_pread64, fd, &c, 1, -1)) == -EINVAL, "pread64 at -1: %ld", r);
	EXPECT((r = sys3(SYS_lseek, fd, -1, SEEK_SET)) == -EINVAL, "lseek to -1: %ld", r);
	EXPECT((r = sys3(SYS_lseek, fd, 1L << 62, SEEK_SET)) == 1L << 62, "lseek to 2^62: %ld", r);
	EXPECT((r = sys3(SYS_lseek, fd, 1L << 62, SEEK_CUR)) == -EINVAL,
	       "lseek past LLONG_MAX: %ld", r);
	EXPECT((r = sys4(SYS_pwrite64, fd, "abcd", 4, max - 2)) == -EINVAL,
	       "a write past LLONG_MAX: %ld", r);
	EXPECT((r = sys4(SYS_pwrite64, fd, "abcd", 4, max - 4)) == 4,
	       "a write ending at LLONG_MAX: %ld", r);
	EXPECT((r = sys2(SYS_ftruncate, fd, 1L << 62)) == 0, "ftruncate to 2^62: %ld", r);
	free_after = meminfo_kib("MemFree");
	if (free_before >= 0)
		EXPECT(free_before - free_after < 64, "MemFree fell %ld KiB", free_before - free_after);
	EXPECT((r = sys2(SYS_ftruncate, fd, 0)) == 0, "ftruncate to 0: %ld", r);
	close(fd);
	unlink("/tmp/fs_limits.big");
}

static void sparse_name(char *buf, int i)
{
	strcpy(buf, "/tmp/sparse.000");
	buf[12] = '0' + i / 100;
	buf[13] = '0' + i / 10 % 10;
	buf[14] = '0' + i % 10;
}

/* One byte at 1 GiB in each of 200 files: a few pages each, all back after unlink. */
static void sparse_files_cost_pages_not_offsets(void)
{
	long before = meminfo_kib("MemFree"), after, freed, r;
	char name[32], buf[8];
	int i, made = 0;

	if (before < 0) {
		ktap_skip("no MemFree in /proc/meminfo");
		return;
	}
	for (i = 0; i < NR_SPARSE; i++, made++) {
		long fd;

		sparse_name(name, i);
		fd = sys3(SYS_open, name, O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (!EXPECT(fd >= 0, "open %s: %ld", name, fd))
			break;
		r = sys4(SYS_pwrite64, fd, "x", 1, GiB);
		close(fd);
		if (!EXPECT(r == 1, "pwrite64 at 1 GiB in %s: %ld", name, r))
			break;
	}
	after = meminfo_kib("MemFree");
	EXPECT(before - after <= NR_SPARSE * 4 * 4, "%d files cost %ld KiB (%ld KiB each)",
	       made, before - after, (before - after) / (made ? made : 1));
	ktap_diag("%d sparse files: %ld KiB", made, before - after);

	sparse_name(name, 7);
	i = open(name, O_RDONLY);
	memset(buf, 'z', sizeof(buf));
	EXPECT((r = sys4(SYS_pread64, i, buf, 8, GiB - 4)) == 5, "pread64 across the end: %ld", r);
	EXPECT(!memcmp(buf, "\0\0\0\0x", 5), "the hole did not read as zeros");
	EXPECT((r = sys4(SYS_pread64, i, buf, 8, GiB / 2)) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8),
	       "the middle of the hole: %ld", r);
	close(i);

	for (i = 0; i < made; i++) {
		sparse_name(name, i);
		EXPECT(unlink(name) == 0, "unlink %s", name);
	}
	freed = meminfo_kib("MemFree");
	EXPECT(before - freed <= 64, "after unlink MemFree is %ld KiB below where it started",
	       before - freed);
}

static long set_limit(int resource, unsigned long cur, unsigned long max)
{
	struct rlimit rl = { cur, max };

	return sys2(SYS_setrlimit, resource, &rl);
}

/* Exit codes: the number of the first check that failed. */
static int write_past_fsize_with_sigxfsz_ignored(void)
{
	long fd;

	if (set_limit(RLIMIT_FSIZE, 4096, RLIM_INFINITY))
		return 1;
	signal(SIGXFSZ, SIG_IGN);
	fd = sys3(SYS_open, "/tmp/fs_limits.fsize", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 2;
	if (sys4(SYS_pwrite64, fd, "abcd", 4, 4094) != 2)
		return 3;	/* a write across the limit is cut at it */
	if (sys4(SYS_pwrite64, fd, "abcd", 4, 4096) != -EFBIG)
		return 4;
	if (sys2(SYS_ftruncate, fd, 8192) != -EFBIG)
		return 5;
	if (sys2(SYS_ftruncate, fd, 10) != 0)
		return 6;	/* shrinking is always allowed */
	return 0;
}

static int write_past_fsize_with_default_action(void)
{
	long fd;

	if (set_limit(RLIMIT_FSIZE, 4096, RLIM_INFINITY))
		return 1;
	fd = sys3(SYS_open, "/tmp/fs_limits.fsize", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 2;
	sys4(SYS_pwrite64, fd, "abcd", 4, 4096);
	return 3;	/* still alive: SIGXFSZ was not sent */
}

static void fsize_limit_gives_efbig_and_sigxfsz(void)
{
	int status;

	status = run_bounded(write_past_fsize_with_sigxfsz_ignored);
	EXPECT(status == 0, "SIGXFSZ ignored: status %#x (exit code: the failed check)", status);
	status = run_bounded(write_past_fsize_with_default_action);
	EXPECT(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ,
	       "SIGXFSZ's default action: status %#x", status);
	unlink("/tmp/fs_limits.fsize");
}

static int descriptors_under_a_low_nofile(void)
{
	struct pollfd p[17];
	long fd, last = -1;
	int i;

	for (i = 0; i < 17; i++)
		p[i] = (struct pollfd){ .fd = -1 };
	if (set_limit(RLIMIT_NOFILE, 16, 4096))
		return 1;
	while ((fd = sys3(SYS_open, "/proc/meminfo", O_RDONLY, 0)) >= 0)
		last = fd;
	if (fd != -EMFILE || last != 15)
		return 2;
	if (sys2(SYS_dup2, 0, 16) != -EBADF)
		return 3;
	if (sys3(SYS_fcntl, 0, F_DUPFD, 16) != -EINVAL)
		return 4;
	if (sys3(SYS_poll, p, 17, 0) != -EINVAL)
		return 5;	/* nfds above RLIMIT_NOFILE */
	if (sys3(SYS_poll, p, 16, 0) != 0)
		return 6;
	if (set_limit(RLIMIT_NOFILE, 4096, 4096))
		return 7;
	if (sys2(SYS_dup2, 0, 3000) != 3000)
		return 8;	/* the table grows to the raised limit */
	return 0;
}

static void nofile_limit_ends_the_table_and_bounds_poll(void)
{
	int status = run_bounded(descriptors_under_a_low_nofile);

	EXPECT(status == 0, "status %#x (exit code: the failed check)", status);
}

/*
 * A 5 MiB file of zeros: larger than any one kernel block, so execve must
 * not need it in memory whole (it reads the headers and then the
 * segments from the file). Zeros are no ELF header: -ENOEXEC, as Linux.
 */
static void exec_of_a_large_non_elf_is_enoexec(void)
{
	char *argv[] = { "/tmp/fs_limits.huge", NULL }, *envp[] = { NULL };
	long fd = sys3(SYS_open, argv[0], O_RDWR | O_CREAT | O_TRUNC, 0755), r;

	if (!EXPECT(fd >= 0, "open: %ld", fd))
		return;
	EXPECT(sys2(SYS_ftruncate, fd, 5L << 20) == 0, "ftruncate to 5 MiB");
	close(fd);
	EXPECT((r = sys3(SYS_execve, argv[0], argv, envp)) == -ENOEXEC, "execve: %ld", r);
	unlink(argv[0]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(kernel_buffer_fails_before_waiting),
	KTAP_CASE(kernel_pointers_fail_with_efault),
	KTAP_CASE(huge_and_negative_offsets_are_bounded),
	KTAP_CASE(sparse_files_cost_pages_not_offsets),
	KTAP_CASE(fsize_limit_gives_efbig_and_sigxfsz),
	KTAP_CASE(nofile_limit_ends_the_table_and_bounds_poll),
	KTAP_CASE(exec_of_a_large_non_elf_is_enoexec),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
