// SPDX-License-Identifier: MIT
/*
 * cyclictest [-l LOOPS] [-i INTERVAL_US] [-p PRIO] [-q]: timer wake-up
 * latency after cyclictest (rt-tests): a SCHED_FIFO task sleeps with
 * clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) to the next multiple of
 * the interval and records how late it woke (now - deadline), in ns of
 * CLOCK_MONOTONIC (virtual ns under QEMU's -icount). Defaults: 10000 loops
 * of 1000 us at priority 80. Prints the figure's line and, unless -q, the
 * histogram in 1 us buckets (non-empty ones; the last holds everything
 * from 1000 us up):
 *
 *	bench: cyclictest_latency median=... p99=... max=... min=... n=... unit=ns
 *	hist: cyclictest_latency us=N count=M
 */
#include <sched.h>
#include <time.h>

#include "bench.h"
#include "sys.h"

#define NSEC_PER_SEC	1000000000ll
#define HIST_US		1000

static long long now_ns(void)
{
	struct timespec ts;

	sys2(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long loops = 10000, interval_us = 1000, prio = 80, quiet = 0, ret;
	static unsigned long hist[HIST_US + 1];
	struct sched_param sp;
	uint64_t *lat;
	long long next;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-q"))
			quiet = 1;
		else if (i + 1 < argc && !strcmp(argv[i], "-l"))
			loops = strtol(argv[++i], NULL, 0);
		else if (i + 1 < argc && !strcmp(argv[i], "-i"))
			interval_us = strtol(argv[++i], NULL, 0);
		else if (i + 1 < argc && !strcmp(argv[i], "-p"))
			prio = strtol(argv[++i], NULL, 0);
		else {
			bench_print("usage: cyclictest [-l LOOPS] [-i INTERVAL_US] [-p PRIO] [-q]\n");
			return 2;
		}
	}
	if (loops <= 0 || interval_us <= 0 || !(lat = calloc(loops, sizeof(*lat))))
		return 2;
	sp.sched_priority = prio;
	ret = sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp);
	if (ret)
		bench_print("# cyclictest: SCHED_FIFO %ld refused (%ld); running as SCHED_OTHER\n",
			    prio, ret);

	next = now_ns();
	for (long i = 0; i < loops; i++) {
		struct timespec ts;
		long long late;

		next += interval_us * 1000;
		ts.tv_sec = next / NSEC_PER_SEC;
		ts.tv_nsec = next % NSEC_PER_SEC;
		sys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		late = now_ns() - next;
		lat[i] = late > 0 ? late : 0;
		hist[lat[i] / 1000 < HIST_US ? lat[i] / 1000 : HIST_US]++;
	}
	bench_report("cyclictest_latency", lat, loops, "ns");
	for (int us = 0; !quiet && us <= HIST_US; us++)
		if (hist[us])
			bench_print("hist: cyclictest_latency us=%d%s count=%lu\n", us,
				    us == HIST_US ? "+" : "", hist[us]);
	return 0;
}
