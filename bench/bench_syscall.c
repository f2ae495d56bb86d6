// SPDX-License-Identifier: MIT
/*
 * bench_syscall [N]: system-call round trips, N samples each (default
 * 10000): getppid through SYSCALL, getpid through int $0x80 (i386 number
 * 20), an invalid number through SYSCALL (-ENOSYS), and the empty bracket
 * (rdtsc_overhead). A few hundred warm-up calls come first.
 */
#include "bench.h"
#include "sys.h"

static uint64_t *samples;

#define MEASURE(name, n, expr) do {					\
	for (long i = 0; i < 200; i++)					\
		(void)(expr);						\
	for (long i = 0; i < (n); i++) {				\
		uint64_t t0 = bench_rdtsc();				\
		(void)(expr);						\
		samples[i] = bench_rdtsc() - t0;			\
	}								\
	bench_report(name, samples, n, "tsc");				\
} while (0)

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 10000);

	samples = calloc(n, sizeof(*samples));
	if (!samples)
		return 1;
	MEASURE("rdtsc_overhead", n, 0);
	MEASURE("syscall_getppid", n, sys0(SYS_getppid));
	MEASURE("int80_getpid", n, int80(NR32_getpid, 0, 0, 0));
	MEASURE("syscall_invalid", n, sys0(1000));
	return 0;
}
