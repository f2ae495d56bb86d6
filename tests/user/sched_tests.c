// SPDX-License-Identifier: MIT
/*
 * Scheduling policy and sleeping: sched_setscheduler/getscheduler/
 * setparam/getparam with Linux's ranges and errors, sched_yield,
 * clock_gettime's clocks, nanosleep, and clock_nanosleep with
 * TIMER_ABSTIME (never early; a deadline in the past returns at once).
 * Raw system calls throughout: musl's sched_setscheduler() is a stub
 * returning ENOSYS, as POSIX's per-process meaning is not Linux's.
 * Lateness bounds are loose: QEMU under TCG is slow, and "make test" never
 * times anything; the benchmark (bench/cyclictest) measures latency.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define NSEC_PER_SEC	1000000000ll

static long long now_ns(int clock)
{
	struct timespec ts;

	if (sys2(SYS_clock_gettime, clock, &ts))
		return -1;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static struct timespec ns_to_ts(long long ns)
{
	struct timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return ts;
}

static int is_root(void)
{
	return sys0(SYS_geteuid) == 0;
}

static void priority_ranges_match_linux(void)
{
	EXPECT(sys1(SYS_sched_get_priority_min, SCHED_FIFO) == 1, "FIFO min");
	EXPECT(sys1(SYS_sched_get_priority_max, SCHED_FIFO) == 99, "FIFO max");
	EXPECT(sys1(SYS_sched_get_priority_min, SCHED_RR) == 1, "RR min");
	EXPECT(sys1(SYS_sched_get_priority_max, SCHED_RR) == 99, "RR max");
	EXPECT(sys1(SYS_sched_get_priority_min, SCHED_OTHER) == 0, "OTHER min");
	EXPECT(sys1(SYS_sched_get_priority_max, SCHED_OTHER) == 0, "OTHER max");
	EXPECT(sys1(SYS_sched_get_priority_max, 42) == -EINVAL, "unknown policy");
}

static void setscheduler_fifo_rr_and_back(void)
{
	struct sched_param p = { .sched_priority = 50 };
	long ret;

	if (!is_root()) {
		ktap_skip("needs root for real-time policies");
		return;
	}
	ret = sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &p);
	EXPECT(ret == 0, "set FIFO 50: %ld", ret);
	EXPECT(sys1(SYS_sched_getscheduler, 0) == SCHED_FIFO, "policy FIFO");
	p.sched_priority = -1;
	EXPECT(sys2(SYS_sched_getparam, 0, &p) == 0 && p.sched_priority == 50,
	       "priority %d", p.sched_priority);
	p.sched_priority = 10;
	EXPECT(sys2(SYS_sched_setparam, 0, &p) == 0, "setparam 10");
	p.sched_priority = -1;
	EXPECT(sys2(SYS_sched_getparam, getpid(), &p) == 0 && p.sched_priority == 10,
	       "priority %d", p.sched_priority);
	p.sched_priority = 20;
	EXPECT(sys3(SYS_sched_setscheduler, getpid(), SCHED_RR, &p) == 0, "set RR");
	EXPECT(sys1(SYS_sched_getscheduler, 0) == SCHED_RR, "policy RR");
	EXPECT(sys0(SYS_sched_yield) == 0, "yield as RR");
	p.sched_priority = 0;
	EXPECT(sys3(SYS_sched_setscheduler, 0, SCHED_OTHER, &p) == 0, "back to OTHER");
	EXPECT(sys1(SYS_sched_getscheduler, 0) == SCHED_OTHER, "policy OTHER");
	EXPECT(sys2(SYS_sched_getparam, 0, &p) == 0 && p.sched_priority == 0,
	       "priority %d", p.sched_priority);
}

static void setscheduler_rejects_bad_arguments(void)
{
	struct sched_param p = { .sched_priority = 0 };

	EXPECT(sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &p) == -EINVAL, "FIFO 0");
	p.sched_priority = 100;
	EXPECT(sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &p) == -EINVAL, "FIFO 100");
	p.sched_priority = 5;
	EXPECT(sys3(SYS_sched_setscheduler, 0, SCHED_OTHER, &p) == -EINVAL, "OTHER 5");
	EXPECT(sys3(SYS_sched_setscheduler, 0, 42, &p) == -EINVAL, "policy 42");
	EXPECT(sys3(SYS_sched_setscheduler, -1, SCHED_OTHER, &p) == -EINVAL, "pid -1");
	p.sched_priority = 0;
	EXPECT(sys3(SYS_sched_setscheduler, 0x3ffffff0, SCHED_OTHER, &p) == -ESRCH,
	       "no such pid");
	EXPECT(sys1(SYS_sched_getscheduler, 0x3ffffff0) == -ESRCH, "getscheduler: no such pid");
	EXPECT(sys1(SYS_sched_getscheduler, -1) == -EINVAL, "getscheduler pid -1");
}

static void clocks_read_and_monotonic_never_goes_back(void)
{
	long long prev = now_ns(CLOCK_MONOTONIC), t, rt;
	struct timespec zero;
	int back = 0;

	EXPECT(prev > 0, "CLOCK_MONOTONIC %lld", prev);
	for (int i = 0; i < 10000; i++) {
		t = now_ns(CLOCK_MONOTONIC);
		back += t < prev;
		prev = t;
	}
	EXPECT(!back, "went back %d times", back);
	rt = now_ns(CLOCK_REALTIME);
	/* 2020-01-01: the RTC (or NTP) has set the wall clock. */
	EXPECT(rt > 1577836800ll * NSEC_PER_SEC, "CLOCK_REALTIME %lld", rt);
	EXPECT(sys2(SYS_clock_gettime, 42, &zero) == -EINVAL,
	       "an unknown clock");
}

static void sched_yield_returns_zero(void)
{
	for (int i = 0; i < 100; i++)
		if (!EXPECT(sys0(SYS_sched_yield) == 0, "yield %d", i))
			break;
}

static void nanosleep_sleeps_at_least_the_request(void)
{
	struct timespec req = { 0, 5 * 1000 * 1000 };
	long long t0 = now_ns(CLOCK_MONOTONIC), slept;

	EXPECT(sys2(SYS_nanosleep, &req, NULL) == 0, "nanosleep");
	slept = now_ns(CLOCK_MONOTONIC) - t0;
	/* At least; how much longer a loaded host makes it is not reflex's. */
	EXPECT(slept >= 5 * 1000 * 1000, "slept %lld ns of 5 ms", slept);
}

static void nanosleep_rejects_bad_timespecs(void)
{
	struct timespec bad_ns = { 0, NSEC_PER_SEC }, neg_ns = { 0, -1 }, neg_s = { -1, 0 };
	struct timespec one = { 0, 1 };

	EXPECT(sys2(SYS_nanosleep, &bad_ns, NULL) == -EINVAL, "tv_nsec = 1e9");
	EXPECT(sys2(SYS_nanosleep, &neg_ns, NULL) == -EINVAL, "tv_nsec = -1");
	EXPECT(sys2(SYS_nanosleep, &neg_s, NULL) == -EINVAL, "tv_sec = -1");
	EXPECT(sys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad_ns, NULL) == -EINVAL,
	       "clock_nanosleep tv_nsec = 1e9");
	EXPECT(sys4(SYS_clock_nanosleep, 42, 0, &one, NULL) == -EINVAL,
	       "clock_nanosleep on an unknown clock");
}

static void clock_nanosleep_abstime_never_wakes_early(void)
{
	static const int clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME };

	for (int c = 0; c < 2; c++) {
		long long target = now_ns(clocks[c]) + 10 * 1000 * 1000, woke;
		struct timespec ts = ns_to_ts(target);
		long ret = sys4(SYS_clock_nanosleep, clocks[c], TIMER_ABSTIME, &ts, NULL);

		woke = now_ns(clocks[c]);
		EXPECT(ret == 0, "clock %d: %ld", clocks[c], ret);
		EXPECT(woke >= target, "clock %d: woke %lld ns early", clocks[c], target - woke);
	}
}

static void clock_nanosleep_abstime_in_the_past_returns_at_once(void)
{
	long long t0 = now_ns(CLOCK_MONOTONIC);
	/* Half the time since boot: a kernel that boots fast has no second to spare. */
	struct timespec past = ns_to_ts(t0 / 2), zero = { 0, 0 };

	EXPECT(sys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL) == 0,
	       "halfway since boot");
	EXPECT(sys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &zero, NULL) == 0,
	       "time zero");
	/* How long it took is not asserted: a loaded host stretches any time. */
	ktap_diag("took %lld ns", now_ns(CLOCK_MONOTONIC) - t0);
}

/* The cyclictest loop in miniature: 100 periods of 1 ms, never early. */
static void fifo_periodic_wakeups_are_never_early(void)
{
	struct sched_param p = { .sched_priority = 80 }, other = { 0 };
	long long next, late, worst = 0;
	int early = 0, rt = is_root();

	if (rt)
		EXPECT(sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &p) == 0, "FIFO 80");
	next = now_ns(CLOCK_MONOTONIC);
	for (int i = 0; i < 100; i++) {
		struct timespec ts;

		next += 1000 * 1000;
		ts = ns_to_ts(next);
		sys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		late = now_ns(CLOCK_MONOTONIC) - next;
		early += late < 0;
		if (late > worst)
			worst = late;
	}
	if (rt)
		sys3(SYS_sched_setscheduler, 0, SCHED_OTHER, &other);
	EXPECT(!early, "%d of 100 wake-ups were early", early);
	ktap_diag("worst wake-up latency %lld ns%s", worst, rt ? " (SCHED_FIFO 80)" : "");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(priority_ranges_match_linux),
	KTAP_CASE(setscheduler_fifo_rr_and_back),
	KTAP_CASE(setscheduler_rejects_bad_arguments),
	KTAP_CASE(clocks_read_and_monotonic_never_goes_back),
	KTAP_CASE(sched_yield_returns_zero),
	KTAP_CASE(nanosleep_sleeps_at_least_the_request),
	KTAP_CASE(nanosleep_rejects_bad_timespecs),
	KTAP_CASE(clock_nanosleep_abstime_never_wakes_early),
	KTAP_CASE(clock_nanosleep_abstime_in_the_past_returns_at_once),
	KTAP_CASE(fifo_periodic_wakeups_are_never_early),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
