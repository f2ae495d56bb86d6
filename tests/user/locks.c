// SPDX-License-Identifier: MIT
/*
 * File locks and the rest of fcntl, as Linux behaves:
 *   flock(2): per open file (shared by dup and fork), exclusive against
 *     other opens, LOCK_NB -> EWOULDBLOCK, gone with the last close;
 *   POSIX record locks: per process, not inherited by fork, dropped by
 *     the close of any descriptor of the file, ranges split and merged,
 *     F_GETLK reporting the holder, F_SETLKW waiting, a cycle of waiters
 *     -EDEADLK for exactly one of them;
 *   OFD locks: per open file, conflicting within one process and with
 *     POSIX locks, l_pid 0 required, reported as -1;
 *   F_GETPIPE_SZ/F_SETPIPE_SZ, F_DUPFD_CLOEXEC, F_GETFL/F_SETFL.
 * Children are ordered with pipes; nothing sleeps.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

static char path[64];

static int open_file(int flags)
{
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/locks.%d", getpid());
	return open(path, flags | O_CREAT, 0600);
}

static long setlk(int fd, int cmd, short type, long start, long len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return sys3(SYS_fcntl, fd, cmd, &fl);
}

/* F_GETLK (or F_OFD_GETLK) of a write lock over [start, start + len). */
static struct flock getlk(int fd, int cmd, long start, long len)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	if (sys3(SYS_fcntl, fd, cmd, &fl))
		fl.l_type = -1;
	return fl;
}

static int wait_status(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + status;
}

static void flock_is_per_open_file(void)
{
	int a = open_file(O_RDWR), b = open_file(O_RDWR), d;

	EXPECT(sys2(SYS_flock, a, LOCK_EX) == 0, "exclusive");
	EXPECT(sys2(SYS_flock, b, LOCK_EX | LOCK_NB) == -EWOULDBLOCK, "another open conflicts");
	EXPECT(sys2(SYS_flock, b, LOCK_SH | LOCK_NB) == -EWOULDBLOCK, "shared too");
	d = dup(a);
	close(a);
	EXPECT(sys2(SYS_flock, b, LOCK_SH | LOCK_NB) == -EWOULDBLOCK, "a dup keeps it");
	EXPECT(sys2(SYS_flock, d, LOCK_SH) == 0, "convert to shared");
	EXPECT(sys2(SYS_flock, b, LOCK_SH | LOCK_NB) == 0, "shared with shared");
	EXPECT(sys2(SYS_flock, b, LOCK_UN) == 0, "unlock");
	close(d);
	EXPECT(sys2(SYS_flock, b, LOCK_EX | LOCK_NB) == 0, "the last close released it");
	EXPECT(sys2(SYS_flock, b, 0) == -EINVAL, "no operation");
	EXPECT(sys2(SYS_flock, 1000, LOCK_SH) == -EBADF, "closed fd");
	close(b);
}

static void posix_locks_are_per_process_and_not_inherited(void)
{
	int fd = open_file(O_RDWR), other;
	pid_t pid;

	EXPECT(setlk(fd, F_SETLK, F_WRLCK, 0, 10) == 0, "lock [0,10)");
	EXPECT(setlk(fd, F_SETLK, F_RDLCK, 5, 10) == 0, "own locks never conflict");
	pid = fork();
	if (!pid) {
		struct flock fl = getlk(fd, F_GETLK, 0, 1);

		if (setlk(fd, F_SETLK, F_RDLCK, 0, 1) != -EAGAIN)
			_exit(1);
		if (fl.l_type != F_WRLCK || fl.l_pid != getppid() || fl.l_start != 0 || fl.l_len != 5)
			_exit(2);
		fl = getlk(fd, F_GETLK, 20, 0);
		_exit(fl.l_type == F_UNLCK ? 0 : 3);
	}
	EXPECT(wait_status(pid) == 0, "the child sees the parent's lock and cannot take it");
	other = open_file(O_RDONLY);
	close(other);	/* any close of the file drops the process's locks */
	pid = fork();
	if (!pid)
		_exit(setlk(fd, F_SETLK, F_WRLCK, 0, 0) == 0 ? 0 : 1);
	EXPECT(wait_status(pid) == 0, "released by the close of another descriptor");
	close(fd);
}

static void posix_ranges_split_and_merge(void)
{
	int fd = open_file(O_RDWR);
	pid_t pid;

	EXPECT(setlk(fd, F_SETLK, F_WRLCK, 0, 100) == 0, "lock [0,100)");
	EXPECT(setlk(fd, F_SETLK, F_UNLCK, 40, 20) == 0, "unlock [40,60)");
	pid = fork();
	if (!pid) {
		struct flock a = getlk(fd, F_GETLK, 40, 20), b = getlk(fd, F_GETLK, 50, 50);

		if (a.l_type != F_UNLCK)
			_exit(1);
		_exit(b.l_type == F_WRLCK && b.l_start == 60 && b.l_len == 40 ? 0 : 2);
	}
	EXPECT(wait_status(pid) == 0, "a hole in the middle, the right part reported");
	EXPECT(setlk(fd, F_SETLK, F_WRLCK, 40, 20) == 0, "fill the hole");
	pid = fork();
	if (!pid) {
		struct flock a = getlk(fd, F_GETLK, 0, 0);

		_exit(a.l_type == F_WRLCK && a.l_start == 0 && a.l_len == 100 ? 0 : 1);
	}
	EXPECT(wait_status(pid) == 0, "merged back into one lock");
	close(fd);
}

static void posix_setlkw_waits_and_detects_deadlock(void)
{
	int fd = open_file(O_RDWR), sync[2], res[2], child_err = 0;
	long parent_ret;
	char c;
	pid_t pid;

	EXPECT(pipe(sync) == 0 && pipe(res) == 0, "pipes");
	EXPECT(setlk(fd, F_SETLK, F_WRLCK, 0, 1) == 0, "parent holds byte 0");
	pid = fork();
	if (!pid) {
		long r;

		if (setlk(fd, F_SETLK, F_WRLCK, 1, 1))
			_exit(1);
		write(sync[1], "x", 1);
		r = setlk(fd, F_SETLKW, F_WRLCK, 0, 1);
		c = r == -EDEADLK ? 'D' : r == 0 ? 'L' : '?';
		write(res[1], &c, 1);
		_exit(0);	/* and with it goes byte 1 */
	}
	EXPECT(read(sync[0], &c, 1) == 1, "the child holds byte 1");
	/* Whichever request closes the cycle second is the one refused. */
	parent_ret = setlk(fd, F_SETLKW, F_WRLCK, 1, 1);
	if (parent_ret == -EDEADLK)
		setlk(fd, F_SETLK, F_UNLCK, 0, 1);	/* let the child through */
	EXPECT(read(res[0], &c, 1) == 1, "the child's answer");
	child_err = c == 'D';
	EXPECT((parent_ret == -EDEADLK) != child_err,
	       "exactly one -EDEADLK (parent %ld, child %c)", parent_ret, c);
	EXPECT(parent_ret == -EDEADLK || parent_ret == 0, "the parent's SETLKW: %ld", parent_ret);
	EXPECT(c == 'D' || c == 'L', "the child's SETLKW");
	EXPECT(wait_status(pid) == 0, "child");
	close(sync[0]);
	close(sync[1]);
	close(res[0]);
	close(res[1]);
	close(fd);
}

static void posix_lock_errors(void)
{
	int fd = open_file(O_RDWR), ro = open_file(O_RDONLY);
	struct flock fl = { .l_type = F_RDLCK, .l_whence = 7 };

	EXPECT(sys3(SYS_fcntl, fd, F_SETLK, &fl) == -EINVAL, "bad whence");
	fl.l_whence = SEEK_SET;
	fl.l_type = 9;
	EXPECT(sys3(SYS_fcntl, fd, F_SETLK, &fl) == -EINVAL, "bad type");
	fl.l_type = F_UNLCK;
	EXPECT(sys3(SYS_fcntl, fd, F_GETLK, &fl) == -EINVAL, "F_GETLK of F_UNLCK");
	EXPECT(setlk(fd, F_SETLK, F_RDLCK, -1, 1) == -EINVAL, "negative start");
	EXPECT(setlk(fd, F_SETLK, F_RDLCK, 5, -10) == -EINVAL, "length before 0");
	EXPECT(setlk(ro, F_SETLK, F_WRLCK, 0, 1) == -EBADF, "write lock on a read-only open");
	EXPECT(sys3(SYS_fcntl, fd, F_SETLK, (void *)0xffffffff80000000UL) == -EFAULT, "pointer");
	close(ro);
	close(fd);
}

static void ofd_locks_are_per_open_file(void)
{
	int a = open_file(O_RDWR), b = open_file(O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_pid = 1 };

	EXPECT(sys3(SYS_fcntl, a, F_OFD_SETLK, &fl) == -EINVAL, "l_pid must be 0");
	EXPECT(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10) == 0, "OFD lock on a");
	EXPECT(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1) == -EAGAIN, "b conflicts, same process");
	EXPECT(setlk(b, F_SETLK, F_RDLCK, 5, 1) == -EAGAIN, "so does a POSIX lock");
	fl = getlk(b, F_OFD_GETLK, 0, 0);
	EXPECT(fl.l_type == F_WRLCK && fl.l_pid == -1 && fl.l_len == 10, "reported with l_pid -1");
	close(b);	/* not a's: a's lock stays */
	b = open_file(O_RDWR);
	EXPECT(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1) == -EAGAIN, "still held");
	close(a);
	EXPECT(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1) == 0, "gone with a's last close");
	close(b);
}

static void fcntl_pipe_size_and_flags(void)
{
	int p[2], fd = open_file(O_RDWR), d;
	char buf[8192] = { 0 };

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(sys2(SYS_fcntl, p[0], F_GETPIPE_SZ) == 65536, "default 64 KiB");
	EXPECT(sys3(SYS_fcntl, p[1], F_SETPIPE_SZ, 5000) == 8192, "rounded up to 2 pages");
	EXPECT(sys2(SYS_fcntl, p[0], F_GETPIPE_SZ) == 8192, "both ends see it");
	EXPECT(write(p[1], buf, sizeof(buf)) == sizeof(buf), "fill it");
	EXPECT(sys3(SYS_fcntl, p[1], F_SETPIPE_SZ, 4096) == -EBUSY, "too small for what is in it");
	EXPECT(sys3(SYS_fcntl, p[1], F_SETPIPE_SZ, 65536) == 65536, "grow with data in it");
	EXPECT(read(p[0], buf, sizeof(buf)) == sizeof(buf), "the data survived");
	EXPECT(sys2(SYS_fcntl, fd, F_GETPIPE_SZ) == -EBADF, "not a pipe");

	EXPECT(sys3(SYS_fcntl, fd, F_SETFL, O_NONBLOCK | O_APPEND) == 0, "F_SETFL");
	EXPECT((sys2(SYS_fcntl, fd, F_GETFL) & (O_NONBLOCK | O_APPEND | O_ACCMODE)) ==
	       (O_NONBLOCK | O_APPEND | O_RDWR), "F_GETFL");
	d = sys3(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 20);
	EXPECT(d >= 20 && sys2(SYS_fcntl, d, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC: %d", d);
	close(d);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink(path);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(flock_is_per_open_file),
	KTAP_CASE(posix_locks_are_per_process_and_not_inherited),
	KTAP_CASE(posix_ranges_split_and_merge),
	KTAP_CASE(posix_setlkw_waits_and_detects_deadlock),
	KTAP_CASE(posix_lock_errors),
	KTAP_CASE(ofd_locks_are_per_open_file),
	KTAP_CASE(fcntl_pipe_size_and_flags),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
