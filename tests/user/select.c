// SPDX-License-Identifier: MIT
/*
 * select, pselect6 and ppoll as Linux answers them: the fd_set results
 * and their count, -EBADF for a bit naming a closed descriptor, -EINVAL
 * for a negative count or a bad time, the time left written back, and
 * the caller's signal mask swapped for the wait's atomically: a signal
 * the wait unblocks interrupts it (-EINTR) and its handler runs, while
 * the caller's mask is back on return. Also: a read into memory the
 * caller cannot access fails -EFAULT before it would block on an empty
 * pipe.
 *
 * The system calls are made raw (sys.h) to see the kernel's own
 * answers, including the time written back, which libc wrappers hide.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define SYS6(nr, a, b, c, d, e, f) \
	sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define KERNEL_ADDR	((void *)0xffffffff80000000UL)	/* never the caller's */

struct sigset_argpack {
	const unsigned long *p;
	size_t size;
};

static volatile sig_atomic_t usr1_seen;

static void on_usr1(int sig)
{
	usr1_seen++;
}

static void setup_usr1_blocked(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t set;

	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	usr1_seen = 0;
}

static int usr1_blocked(void)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR1);
}

static void unblock_usr1(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void select_reports_ready_pipe_ends(void)
{
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;
	int p[2];

	EXPECT(pipe(p) == 0, "pipe");
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	EXPECT(sys5(SYS_select, p[1] + 1, &rd, &wr, NULL, &tv) == 1, "only the write end is ready");
	EXPECT(!FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "results");
	EXPECT(write(p[1], "x", 1) == 1, "write");
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	EXPECT(sys5(SYS_select, p[1] + 1, &rd, &wr, NULL, &tv) == 2, "both ready: count 2");
	EXPECT(FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "results");
	close(p[0]);
	close(p[1]);
}

static void select_closed_descriptor_is_ebadf(void)
{
	struct timeval tv = { 0, 0 };
	fd_set rd;
	int fd = dup(0);

	close(fd);
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	EXPECT(sys5(SYS_select, fd + 1, &rd, NULL, NULL, &tv) == -EBADF, "closed fd");
	EXPECT(sys5(SYS_select, -1, NULL, NULL, NULL, &tv) == -EINVAL, "negative n");
}

static void select_bad_timeval_is_einval(void)
{
	struct timeval tv = { -1, 0 };

	EXPECT(sys5(SYS_select, 0, NULL, NULL, NULL, &tv) == -EINVAL, "negative seconds");
	tv.tv_sec = 0;
	tv.tv_usec = -1;
	EXPECT(sys5(SYS_select, 0, NULL, NULL, NULL, &tv) == -EINVAL, "negative usec");
	EXPECT(sys5(SYS_select, 0, NULL, NULL, NULL, KERNEL_ADDR) == -EFAULT, "timeval pointer");
}

static void select_writes_back_time_left(void)
{
	struct timeval tv = { 0, 2000 };	/* 2 ms with nothing to wait for */
	fd_set rd;
	int p[2];

	EXPECT(sys5(SYS_select, 0, NULL, NULL, NULL, &tv) == 0, "timed out");
	EXPECT(tv.tv_sec == 0 && tv.tv_usec == 0, "nothing left: %ld.%06ld", tv.tv_sec, tv.tv_usec);
	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(write(p[1], "x", 1) == 1, "write");
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv.tv_sec = 100;
	tv.tv_usec = 0;
	EXPECT(sys5(SYS_select, p[0] + 1, &rd, NULL, NULL, &tv) == 1, "ready at once");
	EXPECT(tv.tv_sec <= 100 && (tv.tv_sec < 100 || tv.tv_usec == 0) && tv.tv_sec > 0,
	       "left %ld.%06ld of 100 s", tv.tv_sec, tv.tv_usec);
	close(p[0]);
	close(p[1]);
}

static void pselect6_mask_unblocks_for_the_wait_only(void)
{
	unsigned long none = 0;
	struct sigset_argpack pack = { &none, 8 };

	setup_usr1_blocked();
	kill(getpid(), SIGUSR1);
	EXPECT(usr1_seen == 0, "blocked before the wait");
	EXPECT(SYS6(SYS_pselect6, 0, 0, 0, 0, 0, (long)&pack) == -EINTR, "interrupted");
	EXPECT(usr1_seen == 1, "the handler ran: %d", usr1_seen);
	EXPECT(usr1_blocked(), "the caller's mask is back");
	unblock_usr1();
}

static void pselect6_restores_mask_when_ready(void)
{
	unsigned long none = 0;
	struct sigset_argpack pack = { &none, 8 };
	struct timespec ts = { 0, 0 };
	fd_set wr;
	int p[2];

	setup_usr1_blocked();
	EXPECT(pipe(p) == 0, "pipe");
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	EXPECT(SYS6(SYS_pselect6, p[1] + 1, 0, &wr, 0, &ts, (long)&pack) == 1, "ready");
	EXPECT(usr1_blocked(), "mask restored");
	EXPECT(usr1_seen == 0, "nothing delivered");
	close(p[0]);
	close(p[1]);
	unblock_usr1();
}

static void pselect6_checks_the_mask_and_time(void)
{
	unsigned long none = 0;
	struct sigset_argpack pack = { &none, 4 };
	struct timespec ts = { 0, 1000000000 };

	EXPECT(SYS6(SYS_pselect6, 0, 0, 0, 0, 0, (long)&pack) == -EINVAL, "sigsetsize 4");
	pack.p = KERNEL_ADDR;
	pack.size = 8;
	EXPECT(SYS6(SYS_pselect6, 0, 0, 0, 0, 0, (long)&pack) == -EFAULT, "mask pointer");
	EXPECT(SYS6(SYS_pselect6, 0, 0, 0, 0, 0, (long)KERNEL_ADDR) == -EFAULT, "argpack pointer");
	EXPECT(SYS6(SYS_pselect6, 0, 0, 0, 0, (long)&ts, 0) == -EINVAL, "tv_nsec 1e9");
	ts.tv_nsec = 1000000;
	EXPECT(SYS6(SYS_pselect6, 0, 0, 0, 0, (long)&ts, 0) == 0, "1 ms, nothing");
	EXPECT(ts.tv_sec == 0 && ts.tv_nsec == 0, "nothing left");
}

static void ppoll_mask_unblocks_for_the_wait_only(void)
{
	unsigned long none = 0;

	setup_usr1_blocked();
	kill(getpid(), SIGUSR1);
	EXPECT(sys5(SYS_ppoll, NULL, 0, NULL, &none, 8) == -EINTR, "interrupted");
	EXPECT(usr1_seen == 1, "the handler ran");
	EXPECT(usr1_blocked(), "the caller's mask is back");
	EXPECT(sys5(SYS_ppoll, NULL, 0, NULL, &none, 4) == -EINVAL, "sigsetsize 4");
	unblock_usr1();
}

static void on_alarm(int sig)
{
}

static void read_into_kernel_memory_fails_before_blocking(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	int p[2];

	/* A kernel that blocked first would be woken by the alarm: -EINTR, not -EFAULT. */
	sigaction(SIGALRM, &sa, NULL);
	EXPECT(pipe(p) == 0, "pipe");
	alarm(5);
	EXPECT(sys3(SYS_read, p[0], KERNEL_ADDR, 8) == -EFAULT, "read of an empty pipe");
	alarm(0);
	EXPECT(sys3(SYS_write, p[1], KERNEL_ADDR, 8) == -EFAULT, "write from kernel memory");
	close(p[0]);
	close(p[1]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(select_reports_ready_pipe_ends),
	KTAP_CASE(select_closed_descriptor_is_ebadf),
	KTAP_CASE(select_bad_timeval_is_einval),
	KTAP_CASE(select_writes_back_time_left),
	KTAP_CASE(pselect6_mask_unblocks_for_the_wait_only),
	KTAP_CASE(pselect6_restores_mask_when_ready),
	KTAP_CASE(pselect6_checks_the_mask_and_time),
	KTAP_CASE(ppoll_mask_unblocks_for_the_wait_only),
	KTAP_CASE(read_into_kernel_memory_fails_before_blocking),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
