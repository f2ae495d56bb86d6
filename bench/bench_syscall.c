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

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 10000);

	samples = calloc(n, sizeof(*samples));
	if (!samples)
		return 1;
	BENCH_MEASURE("rdtsc_overhead", samples, n, 0);
	BENCH_MEASURE("syscall_getppid", samples, n, sys0(SYS_getppid));
	BENCH_MEASURE("int80_getpid", samples, n, int80(NR32_getpid, 0, 0, 0));
	BENCH_MEASURE("syscall_invalid", samples, n, sys0(1000));
	return 0;
}
