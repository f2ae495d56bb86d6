// SPDX-License-Identifier: MIT
/*
 * signalfd: reads dequeue the caller's pending signals of the mask as
 * 128-byte signalfd_siginfo records (signal, code, sender, value), as
 * many as fit, blocking for the first unless O_NONBLOCK; poll and epoll
 * report EPOLLIN while one is pending; signalfd4 on an existing
 * signalfd changes its mask; and the errors Linux gives.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

static sigset_t block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return set;
}

static void unblock(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static unsigned long mask_of(int sig)
{
	return 1UL << (sig - 1);
}

static void signalfd_reads_a_pending_signal(void)
{
	unsigned long m = mask_of(SIGUSR1);
	struct signalfd_siginfo si;
	sigset_t pending;
	int fd;

	block(SIGUSR1);
	fd = sys4(SYS_signalfd4, -1, &m, 8, SFD_NONBLOCK);
	EXPECT(fd >= 0, "signalfd4: %d", fd);
	EXPECT(sys3(SYS_read, fd, &si, sizeof(si)) == -EAGAIN, "nothing pending");
	kill(getpid(), SIGUSR1);
	EXPECT(sys3(SYS_read, fd, &si, sizeof(si)) == sizeof(si), "one record");
	EXPECT(si.ssi_signo == SIGUSR1 && si.ssi_code == SI_USER && si.ssi_pid == (uint32_t)getpid(),
	       "signo %u code %d pid %u", si.ssi_signo, si.ssi_code, si.ssi_pid);
	sigpending(&pending);
	EXPECT(!sigismember(&pending, SIGUSR1), "dequeued");
	close(fd);
	unblock(SIGUSR1);
}

static void signalfd_carries_the_queued_value(void)
{
	unsigned long m = mask_of(SIGRTMIN) | mask_of(SIGUSR2);
	struct signalfd_siginfo si[3];
	union sigval v = { .sival_int = 42 };
	int fd;

	block(SIGRTMIN);
	block(SIGUSR2);
	fd = sys4(SYS_signalfd4, -1, &m, 8, SFD_NONBLOCK | SFD_CLOEXEC);
	EXPECT(sys2(SYS_fcntl, fd, F_GETFD) == FD_CLOEXEC, "SFD_CLOEXEC");
	EXPECT(sigqueue(getpid(), SIGRTMIN, v) == 0, "sigqueue");
	kill(getpid(), SIGUSR2);
	EXPECT(sys3(SYS_read, fd, si, sizeof(si)) == 2 * sizeof(si[0]), "two records in one read");
	EXPECT(si[0].ssi_signo == SIGUSR2, "the standard signal first (%u)", si[0].ssi_signo);
	EXPECT(si[1].ssi_signo == (uint32_t)SIGRTMIN && si[1].ssi_code == SI_QUEUE &&
	       si[1].ssi_int == 42 && si[1].ssi_ptr == 42, "code %d int %d", si[1].ssi_code,
	       si[1].ssi_int);
	close(fd);
	unblock(SIGRTMIN);
	unblock(SIGUSR2);
}

static void signalfd_is_ready_while_a_signal_is_pending(void)
{
	unsigned long m = mask_of(SIGUSR1);
	struct signalfd_siginfo si;
	struct epoll_event ev = { .events = EPOLLIN };
	int fd, ep = sys1(SYS_epoll_create1, 0);
	struct pollfd pfd;

	block(SIGUSR1);
	fd = sys3(SYS_signalfd, -1, &m, 8);
	pfd.fd = fd;
	pfd.events = POLLIN;
	EXPECT(sys4(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, fd, &ev) == 0, "epoll add");
	EXPECT(poll(&pfd, 1, 0) == 0, "not ready");
	kill(getpid(), SIGUSR1);
	EXPECT(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN, "ready");
	EXPECT(sys4(SYS_epoll_wait, ep, &ev, 1, -1) == 1, "epoll sees it");
	EXPECT(read(fd, &si, sizeof(si)) == sizeof(si), "read");
	EXPECT(poll(&pfd, 1, 0) == 0, "not ready once read");
	close(ep);
	close(fd);
	unblock(SIGUSR1);
}

static void signalfd_blocked_read_wakes_for_a_signal(void)
{
	unsigned long m = mask_of(SIGUSR2);
	int fd, status = -1;
	pid_t pid;

	block(SIGUSR2);
	fd = sys4(SYS_signalfd4, -1, &m, 8, 0);
	pid = fork();
	if (!pid) {
		struct signalfd_siginfo si;

		_exit(read(fd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo == SIGUSR2 &&
		      si.ssi_pid == (uint32_t)getppid() ? 0 : 1);
	}
	kill(pid, SIGUSR2);
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child read it (%#x)", status);
	close(fd);
	unblock(SIGUSR2);
}

static void signalfd_errors_and_mask_change(void)
{
	unsigned long m = mask_of(SIGUSR1);
	char small[64];
	int fd = sys4(SYS_signalfd4, -1, &m, 8, 0), p[2];

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(sys4(SYS_signalfd4, -1, &m, 8, 1) == -EINVAL, "unknown flag");
	EXPECT(sys4(SYS_signalfd4, -1, &m, 4, 0) == -EINVAL, "sizemask 4");
	EXPECT(sys4(SYS_signalfd4, -1, (void *)0xffffffff80000000UL, 8, 0) == -EFAULT, "mask pointer");
	EXPECT(sys4(SYS_signalfd4, p[0], &m, 8, 0) == -EINVAL, "not a signalfd");
	EXPECT(sys4(SYS_signalfd4, 1000, &m, 8, 0) == -EBADF, "closed fd");
	EXPECT(sys3(SYS_read, fd, small, sizeof(small)) == -EINVAL, "buffer under 128 bytes");
	m = mask_of(SIGUSR2);
	EXPECT(sys4(SYS_signalfd4, fd, &m, 8, 0) == fd, "new mask, same fd");
	close(p[0]);
	close(p[1]);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(signalfd_reads_a_pending_signal),
	KTAP_CASE(signalfd_carries_the_queued_value),
	KTAP_CASE(signalfd_is_ready_while_a_signal_is_pending),
	KTAP_CASE(signalfd_blocked_read_wakes_for_a_signal),
	KTAP_CASE(signalfd_errors_and_mask_change),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
