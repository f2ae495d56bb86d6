// SPDX-License-Identifier: MIT
/*
 * eventfd as Linux defines it: a read takes the whole counter (one with
 * EFD_SEMAPHORE) and blocks at 0, a write adds and refuses 2^64 - 1 and
 * any sum past 2^64 - 2 (-EAGAIN when non-blocking), every transfer is
 * 8 bytes (shorter buffers -EINVAL), and poll says EPOLLIN while the
 * counter is above 0 and EPOLLOUT while it can take 1 more. A blocked
 * reader wakes when another process writes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

static long rd(int fd, uint64_t *v)
{
	return sys3(SYS_read, fd, v, sizeof(*v));
}

static long wr(int fd, uint64_t v)
{
	return sys3(SYS_write, fd, &v, sizeof(v));
}

static short revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static void eventfd_read_takes_the_counter(void)
{
	int fd = sys2(SYS_eventfd2, 3, EFD_NONBLOCK);
	uint64_t v = 0;

	EXPECT(fd >= 0, "eventfd2: %d", fd);
	EXPECT(wr(fd, 4) == 8, "write");
	EXPECT(rd(fd, &v) == 8 && v == 7, "read %llu", (unsigned long long)v);
	EXPECT(rd(fd, &v) == -EAGAIN, "empty and non-blocking");
	close(fd);
}

static void eventfd_semaphore_takes_one(void)
{
	int fd = sys2(SYS_eventfd2, 2, EFD_SEMAPHORE | EFD_NONBLOCK);
	uint64_t v = 0;

	EXPECT(rd(fd, &v) == 8 && v == 1, "first");
	EXPECT(rd(fd, &v) == 8 && v == 1, "second");
	EXPECT(rd(fd, &v) == -EAGAIN, "then empty");
	close(fd);
}

static void eventfd_short_buffers_and_max_are_einval(void)
{
	int fd = sys2(SYS_eventfd2, 1, EFD_NONBLOCK);
	uint64_t v = 1;

	EXPECT(sys3(SYS_read, fd, &v, 4) == -EINVAL, "4-byte read");
	EXPECT(sys3(SYS_write, fd, &v, 7) == -EINVAL, "7-byte write");
	EXPECT(wr(fd, UINT64_MAX) == -EINVAL, "2^64 - 1");
	EXPECT(sys3(SYS_write, fd, (void *)0xffffffff80000000UL, 8) == -EFAULT, "bad pointer");
	EXPECT(sys3(SYS_read, fd, &v, 16) == 8, "a longer buffer reads 8");
	EXPECT(sys2(SYS_eventfd2, 0, 0x100) == -EINVAL, "unknown flag");
	close(fd);
}

static void eventfd_overflow_would_block(void)
{
	int fd = sys2(SYS_eventfd2, 0, EFD_NONBLOCK);
	uint64_t v;

	EXPECT(wr(fd, UINT64_MAX - 1) == 8, "up to the maximum");
	EXPECT(wr(fd, 1) == -EAGAIN, "one more would overflow");
	EXPECT(rd(fd, &v) == 8 && v == UINT64_MAX - 1, "read it all");
	EXPECT(wr(fd, 1) == 8, "room again");
	close(fd);
}

static void eventfd_poll_follows_the_counter(void)
{
	int fd = sys2(SYS_eventfd2, 0, EFD_NONBLOCK);
	uint64_t v;

	EXPECT(revents(fd) == POLLOUT, "0: writable only (%#x)", revents(fd));
	wr(fd, 5);
	EXPECT(revents(fd) == (POLLIN | POLLOUT), "5: both (%#x)", revents(fd));
	wr(fd, UINT64_MAX - 1 - 5);
	EXPECT(revents(fd) == POLLIN, "maximum: readable only (%#x)", revents(fd));
	rd(fd, &v);
	close(fd);
}

static void eventfd_blocked_reader_wakes_on_write(void)
{
	int fd = sys2(SYS_eventfd2, 0, EFD_CLOEXEC), status = -1;
	uint64_t v = 0;
	pid_t pid;

	EXPECT(sys2(SYS_fcntl, fd, F_GETFD) == FD_CLOEXEC, "EFD_CLOEXEC");
	pid = fork();
	if (!pid)
		_exit(rd(fd, &v) == 8 && v == 42 ? 0 : 1);
	EXPECT(wr(fd, 42) == 8, "write");
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child read 42 (status %#x)", status);
	close(fd);
}

static void eventfd_legacy_call_has_no_flags(void)
{
	int fd = sys1(SYS_eventfd, 9);
	uint64_t v = 0;

	EXPECT(fd >= 0, "eventfd: %d", fd);
	EXPECT(sys2(SYS_fcntl, fd, F_GETFL) == O_RDWR, "O_RDWR, blocking");
	EXPECT(rd(fd, &v) == 8 && v == 9, "initial value");
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(eventfd_read_takes_the_counter),
	KTAP_CASE(eventfd_semaphore_takes_one),
	KTAP_CASE(eventfd_short_buffers_and_max_are_einval),
	KTAP_CASE(eventfd_overflow_would_block),
	KTAP_CASE(eventfd_poll_follows_the_counter),
	KTAP_CASE(eventfd_blocked_reader_wakes_on_write),
	KTAP_CASE(eventfd_legacy_call_has_no_flags),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
