// SPDX-License-Identifier: MIT
/*
 * epoll as Linux defines it: level-triggered items reported while
 * ready, edge-triggered ones once per new event, EPOLLONESHOT ones once
 * until EPOLL_CTL_MOD re-arms them; EPOLLHUP and EPOLLERR always; an
 * item leaves the set when the last reference to its file goes (not at
 * the close of one of several descriptors); epoll sets nest, and a
 * cycle is -ELOOP. The error paths: -EEXIST, -ENOENT, -EPERM (a file
 * without poll), -EINVAL (the set itself, a bad op, EPOLLEXCLUSIVE
 * misuse, maxevents), -EBADF, -EFAULT. Waiters in epoll_wait wake for
 * pipes, eventfds and timerfds; epoll_pwait applies its signal mask
 * for the wait only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define KERNEL_ADDR	((void *)0xffffffff80000000UL)
#define SYS6(nr, a, b, c, d, e, f) \
	sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static long ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return sys4(SYS_epoll_ctl, ep, op, fd, &ev);
}

/* Events ready now (no wait); ev gets the first. */
static long poll_now(int ep, struct epoll_event *ev, int max)
{
	return sys4(SYS_epoll_wait, ep, ev, max, 0);
}

static int wait_status(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	return status;
}

static void epoll_create_rejects_bad_arguments(void)
{
	EXPECT(sys1(SYS_epoll_create, 0) == -EINVAL, "size 0");
	EXPECT(sys1(SYS_epoll_create1, 1) == -EINVAL, "unknown flag");
	int ep = sys1(SYS_epoll_create1, EPOLL_CLOEXEC);

	EXPECT(ep >= 0, "epoll_create1: %d", ep);
	EXPECT(sys2(SYS_fcntl, ep, F_GETFD) == FD_CLOEXEC, "EPOLL_CLOEXEC");
	close(ep);
}

static void epoll_ctl_errors_are_linux_s(void)
{
	int ep = sys1(SYS_epoll_create1, 0), ep2 = sys1(SYS_epoll_create1, 0), p[2], bad = 1000;
	int reg = open("/proc/self/status", O_RDONLY);

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0) == 0, "add");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0) == -EEXIST, "twice");
	EXPECT(ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 0) == -ENOENT, "mod of a stranger");
	EXPECT(ctl(ep, EPOLL_CTL_DEL, p[1], 0, 0) == -ENOENT, "del of a stranger");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0) == -EINVAL, "itself");
	EXPECT(ctl(ep, 7, p[1], EPOLLIN, 0) == -EINVAL, "bad op");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, bad, EPOLLIN, 0) == -EBADF, "closed target");
	EXPECT(ctl(bad, EPOLL_CTL_ADD, p[1], EPOLLIN, 0) == -EBADF, "closed epfd");
	EXPECT(ctl(p[0], EPOLL_CTL_ADD, p[1], EPOLLOUT, 0) == -EINVAL, "epfd not an epoll");
	EXPECT(sys4(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], KERNEL_ADDR) == -EFAULT, "event pointer");
	if (reg >= 0)
		EXPECT(ctl(ep, EPOLL_CTL_ADD, reg, EPOLLIN, 0) == -EPERM, "file without poll");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT | EPOLLEXCLUSIVE | EPOLLONESHOT, 0) == -EINVAL,
	       "EPOLLEXCLUSIVE with EPOLLONESHOT");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN | EPOLLEXCLUSIVE, 0) == -EINVAL,
	       "EPOLLEXCLUSIVE on an epoll file");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT | EPOLLEXCLUSIVE, 0) == 0, "EPOLLEXCLUSIVE");
	EXPECT(ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 0) == -EINVAL, "mod of an exclusive item");
	EXPECT(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0) == -EINVAL,
	       "mod to exclusive");
	close(reg);
	close(p[0]);
	close(p[1]);
	close(ep2);
	close(ep);
}

static void epoll_wait_errors_are_linux_s(void)
{
	int ep = sys1(SYS_epoll_create1, 0), p[2];
	struct epoll_event ev;
	struct timespec ts = { 0, 1000000000 };

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(sys4(SYS_epoll_wait, ep, &ev, 0, 0) == -EINVAL, "maxevents 0");
	EXPECT(sys4(SYS_epoll_wait, ep, KERNEL_ADDR, 1, 0) == -EFAULT, "events pointer");
	EXPECT(sys4(SYS_epoll_wait, p[0], &ev, 1, 0) == -EINVAL, "not an epoll");
	EXPECT(SYS6(SYS_epoll_pwait2, ep, &ev, 1, &ts, 0, 0) == -EINVAL, "pwait2 tv_nsec 1e9");
	ts.tv_nsec = 0;
	EXPECT(SYS6(SYS_epoll_pwait2, ep, &ev, 1, &ts, 0, 0) == 0, "pwait2, zero timeout");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void epoll_level_triggered_reports_while_ready(void)
{
	int ep = sys1(SYS_epoll_create1, 0), p[2];
	struct epoll_event ev;
	char c;

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 77) == 0, "add");
	EXPECT(poll_now(ep, &ev, 1) == 0, "empty pipe: nothing");
	EXPECT(write(p[1], "ab", 2) == 2, "write");
	EXPECT(poll_now(ep, &ev, 1) == 1 && ev.events == EPOLLIN && ev.data.u64 == 77,
	       "ready (%#x, %llu)", ev.events, (unsigned long long)ev.data.u64);
	EXPECT(poll_now(ep, &ev, 1) == 1, "still ready");
	EXPECT(read(p[0], &c, 1) == 1, "read one");
	EXPECT(poll_now(ep, &ev, 1) == 1, "one byte left");
	EXPECT(read(p[0], &c, 1) == 1, "read the other");
	EXPECT(poll_now(ep, &ev, 1) == 0, "drained");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void epoll_edge_triggered_reports_each_event_once(void)
{
	int ep = sys1(SYS_epoll_create1, 0), p[2];
	struct epoll_event ev;

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLET, 1) == 0, "add");
	EXPECT(write(p[1], "a", 1) == 1, "write");
	EXPECT(poll_now(ep, &ev, 1) == 1, "the edge");
	EXPECT(poll_now(ep, &ev, 1) == 0, "not again while nothing new");
	EXPECT(write(p[1], "b", 1) == 1, "write more");
	EXPECT(poll_now(ep, &ev, 1) == 1, "a new edge");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void epoll_oneshot_disarms_until_mod(void)
{
	int ep = sys1(SYS_epoll_create1, 0), p[2];
	struct epoll_event ev;

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLONESHOT, 1) == 0, "add");
	EXPECT(write(p[1], "a", 1) == 1, "write");
	EXPECT(poll_now(ep, &ev, 1) == 1, "once");
	EXPECT(write(p[1], "b", 1) == 1, "write more");
	EXPECT(poll_now(ep, &ev, 1) == 0, "disarmed");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1) == -EEXIST, "still in the set");
	EXPECT(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 2) == 0, "re-arm");
	EXPECT(poll_now(ep, &ev, 1) == 1 && ev.data.u64 == 2, "again, with the new data");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void epoll_reports_hangup_unasked(void)
{
	int ep = sys1(SYS_epoll_create1, 0), p[2];
	struct epoll_event ev;

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1) == 0, "add");
	close(p[1]);
	EXPECT(poll_now(ep, &ev, 1) == 1 && ev.events == EPOLLHUP, "EPOLLHUP (%#x)", ev.events);
	close(p[0]);
	close(ep);
}

static void epoll_item_leaves_with_the_last_reference(void)
{
	int ep = sys1(SYS_epoll_create1, 0), p[2], d;
	struct epoll_event ev;

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(write(p[1], "a", 1) == 1, "write");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 5) == 0, "add");
	d = dup(p[0]);
	close(p[0]);
	EXPECT(poll_now(ep, &ev, 1) == 1 && ev.data.u64 == 5, "a dup keeps the file: still there");
	close(d);
	EXPECT(poll_now(ep, &ev, 1) == 0, "the last close removed it");
	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 6) == 0, "the number is free again");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void epoll_sets_nest_and_cycles_are_eloop(void)
{
	int outer = sys1(SYS_epoll_create1, 0), inner = sys1(SYS_epoll_create1, 0), p[2];
	struct epoll_event ev;

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(ctl(inner, EPOLL_CTL_ADD, p[0], EPOLLIN, 1) == 0, "pipe in inner");
	EXPECT(ctl(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 2) == 0, "inner in outer");
	EXPECT(poll_now(outer, &ev, 1) == 0, "nothing yet");
	EXPECT(write(p[1], "a", 1) == 1, "write");
	EXPECT(poll_now(outer, &ev, 1) == 1 && ev.data.u64 == 2 && ev.events == EPOLLIN,
	       "outer sees inner ready (%#x)", ev.events);
	EXPECT(ctl(inner, EPOLL_CTL_ADD, outer, EPOLLIN, 3) == -ELOOP, "a cycle");
	close(p[0]);
	close(p[1]);
	close(inner);
	close(outer);
}

static void epoll_wait_wakes_for_eventfd_and_timerfd(void)
{
	int ep = sys1(SYS_epoll_create1, 0), efd = sys2(SYS_eventfd2, 0, 0);
	int tfd = sys2(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
	struct itimerspec its = { .it_value = { 0, 1000000 } };
	struct epoll_event ev;
	pid_t pid;
	int status;

	EXPECT(ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN, 1) == 0, "add eventfd");
	pid = fork();
	if (!pid) {
		/* Blocks until the parent writes (or has written) the eventfd. */
		long n = sys4(SYS_epoll_wait, ep, &ev, 1, -1);

		_exit(n == 1 && ev.data.u64 == 1 ? 0 : 1);
	}
	uint64_t one = 1;
	EXPECT(write(efd, &one, 8) == 8, "write eventfd");
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child woke (%#x)", status);

	EXPECT(ctl(ep, EPOLL_CTL_DEL, efd, 0, 0) == 0, "del eventfd");
	EXPECT(ctl(ep, EPOLL_CTL_ADD, tfd, EPOLLIN, 9) == 0, "add timerfd");
	EXPECT(sys4(SYS_timerfd_settime, tfd, 0, &its, NULL) == 0, "arm 1 ms");
	EXPECT(sys4(SYS_epoll_wait, ep, &ev, 1, -1) == 1 && ev.data.u64 == 9, "the timer fired");
	close(tfd);
	close(efd);
	close(ep);
}

static volatile sig_atomic_t usr1_seen;

static void on_usr1(int sig)
{
	usr1_seen++;
}

static void epoll_pwait_mask_is_for_the_wait_only(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	int ep = sys1(SYS_epoll_create1, 0);
	unsigned long none = 0;
	struct epoll_event ev;
	sigset_t set, cur;

	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	EXPECT(SYS6(SYS_epoll_pwait, ep, &ev, 1, -1, &none, 8) == -EINTR, "interrupted");
	EXPECT(usr1_seen == 1, "the handler ran");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	EXPECT(sigismember(&cur, SIGUSR1), "the caller's mask is back");
	EXPECT(SYS6(SYS_epoll_pwait, ep, &ev, 1, 0, &none, 4) == -EINVAL, "sigsetsize 4");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	close(ep);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(epoll_create_rejects_bad_arguments),
	KTAP_CASE(epoll_ctl_errors_are_linux_s),
	KTAP_CASE(epoll_wait_errors_are_linux_s),
	KTAP_CASE(epoll_level_triggered_reports_while_ready),
	KTAP_CASE(epoll_edge_triggered_reports_each_event_once),
	KTAP_CASE(epoll_oneshot_disarms_until_mod),
	KTAP_CASE(epoll_reports_hangup_unasked),
	KTAP_CASE(epoll_item_leaves_with_the_last_reference),
	KTAP_CASE(epoll_sets_nest_and_cycles_are_eloop),
	KTAP_CASE(epoll_wait_wakes_for_eventfd_and_timerfd),
	KTAP_CASE(epoll_pwait_mask_is_for_the_wait_only),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
