// SPDX-License-Identifier: MIT
/*
 * timerfd on CLOCK_MONOTONIC, CLOCK_REALTIME and CLOCK_BOOTTIME:
 * relative and TFD_TIMER_ABSTIME expiries, a read returning the
 * expirations since the last one as 8 bytes (blocking until the first,
 * -EAGAIN without one when non-blocking, -EINVAL for a short buffer),
 * periodic timers counting every period, timerfd_gettime and the old
 * value of timerfd_settime, and the errors Linux gives. Nothing asserts
 * how long a wait took: only counts and states.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#ifndef CLOCK_BOOTTIME
#define CLOCK_BOOTTIME	7
#endif

static long settime(int fd, int flags, long val_ns, long int_ns, struct itimerspec *old)
{
	struct itimerspec its = {
		.it_value = { val_ns / 1000000000L, val_ns % 1000000000L },
		.it_interval = { int_ns / 1000000000L, int_ns % 1000000000L },
	};

	return sys4(SYS_timerfd_settime, fd, flags, &its, old);
}

static uint64_t read_ticks(int fd)
{
	uint64_t t = 0;

	return sys3(SYS_read, fd, &t, 8) == 8 ? t : 0;
}

static void timerfd_create_rejects_bad_arguments(void)
{
	EXPECT(sys2(SYS_timerfd_create, 3, 0) == -EINVAL, "CLOCK_THREAD_CPUTIME_ID");
	EXPECT(sys2(SYS_timerfd_create, 99, 0) == -EINVAL, "no such clock");
	EXPECT(sys2(SYS_timerfd_create, CLOCK_MONOTONIC, 1) == -EINVAL, "unknown flag");
}

static void timerfd_settime_rejects_bad_arguments(void)
{
	int fd = sys2(SYS_timerfd_create, CLOCK_MONOTONIC, 0), p[2];
	struct itimerspec its = { .it_value = { 0, 1000000000L } };

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(sys4(SYS_timerfd_settime, fd, 0, &its, NULL) == -EINVAL, "tv_nsec 1e9");
	its.it_value.tv_nsec = -1;
	EXPECT(sys4(SYS_timerfd_settime, fd, 0, &its, NULL) == -EINVAL, "tv_nsec -1");
	EXPECT(settime(fd, 4, 1000000, 0, NULL) == -EINVAL, "unknown flag");
	EXPECT(settime(p[0], 0, 1000000, 0, NULL) == -EINVAL, "not a timerfd");
	EXPECT(settime(1000, 0, 1000000, 0, NULL) == -EBADF, "closed fd");
	EXPECT(sys4(SYS_timerfd_settime, fd, 0, (void *)0xffffffff80000000UL, NULL) == -EFAULT,
	       "bad pointer");
	EXPECT(sys2(SYS_timerfd_gettime, p[0], &its) == -EINVAL, "gettime of a pipe");
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void timerfd_oneshot_fires_once(void)
{
	int fd = sys2(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t t;

	EXPECT(poll(&pfd, 1, 0) == 0, "not ready unarmed");
	EXPECT(settime(fd, 0, 1000000, 0, NULL) == 0, "arm 1 ms");
	EXPECT(read_ticks(fd) == 1, "one expiry");
	EXPECT(sys3(SYS_fcntl, fd, F_SETFL, O_NONBLOCK) == 0, "O_NONBLOCK");
	EXPECT(sys3(SYS_read, fd, &t, 8) == -EAGAIN, "no second expiry");
	EXPECT(sys3(SYS_read, fd, &t, 4) == -EINVAL, "short buffer");
	close(fd);
}

static void timerfd_periodic_counts_every_period(void)
{
	int fd = sys2(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct itimerspec cur;
	uint64_t total = 0;
	int rounds = 0;

	EXPECT(settime(fd, 0, 1000000, 1000000, NULL) == 0, "every 1 ms");
	/* Three blocking waits for readiness; the counts add up to at least 3. */
	while (rounds < 3) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		if (poll(&pfd, 1, -1) != 1)
			break;
		total += read_ticks(fd);
		rounds++;
	}
	EXPECT(rounds == 3 && total >= 3, "%d rounds, %llu expirations", rounds,
	       (unsigned long long)total);
	EXPECT(sys2(SYS_timerfd_gettime, fd, &cur) == 0, "gettime");
	EXPECT(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 1000000, "interval");
	EXPECT(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 1000000, "next within a period");
	close(fd);
}

static void timerfd_absolute_times_on_each_clock(void)
{
	static const int clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME };
	unsigned int i;

	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		int fd = sys2(SYS_timerfd_create, clocks[i], 0);
		struct timespec now;
		long ns;

		EXPECT(fd >= 0, "clock %d: %d", clocks[i], fd);
		clock_gettime(clocks[i], &now);
		ns = now.tv_sec * 1000000000L + now.tv_nsec + 1000000;
		EXPECT(settime(fd, TFD_TIMER_ABSTIME, ns, 0, NULL) == 0, "arm clock %d", clocks[i]);
		EXPECT(read_ticks(fd) == 1, "clock %d fired", clocks[i]);
		close(fd);
	}
}

static void timerfd_gettime_and_old_value(void)
{
	int fd = sys2(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
	struct itimerspec cur, old;

	EXPECT(sys2(SYS_timerfd_gettime, fd, &cur) == 0, "gettime");
	EXPECT(!cur.it_value.tv_sec && !cur.it_value.tv_nsec && !cur.it_interval.tv_sec &&
	       !cur.it_interval.tv_nsec, "disarmed: all zero");
	EXPECT(settime(fd, 0, 100000000000L, 2000000000L, NULL) == 0, "100 s, every 2 s");
	EXPECT(settime(fd, 0, 0, 0, &old) == 0, "disarm");
	EXPECT(old.it_value.tv_sec <= 100 && old.it_value.tv_sec > 0, "old value %ld s",
	       (long)old.it_value.tv_sec);
	EXPECT(old.it_interval.tv_sec == 2 && old.it_interval.tv_nsec == 0, "old interval");
	EXPECT(sys2(SYS_timerfd_gettime, fd, &cur) == 0 && !cur.it_value.tv_sec &&
	       !cur.it_value.tv_nsec, "disarmed again");
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(timerfd_create_rejects_bad_arguments),
	KTAP_CASE(timerfd_settime_rejects_bad_arguments),
	KTAP_CASE(timerfd_oneshot_fires_once),
	KTAP_CASE(timerfd_periodic_counts_every_period),
	KTAP_CASE(timerfd_absolute_times_on_each_clock),
	KTAP_CASE(timerfd_gettime_and_old_value),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
