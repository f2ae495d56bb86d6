// SPDX-License-Identifier: MIT
/*
 * bench_vdso [N]: clock_gettime(CLOCK_MONOTONIC) through the C library
 * (musl calls the vDSO's __vdso_clock_gettime, found through
 * AT_SYSINFO_EHDR, as glibc does) and through the system call, N samples
 * each (default 10000), after a few hundred warm-up calls. The gap
 * between the two is what the vDSO saves.
 */
#include <time.h>
#include <sys/auxv.h>
#include "bench.h"
#include "sys.h"

static uint64_t *samples;

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 10000);
	struct timespec ts;

	samples = calloc(n, sizeof(*samples));
	if (!samples)
		return 1;
	if (!getauxval(AT_SYSINFO_EHDR)) {
		bench_print("bench: vdso_clock_gettime unavailable (no AT_SYSINFO_EHDR)\n");
		return 0;
	}
	BENCH_MEASURE("vdso_clock_gettime", samples, n, clock_gettime(CLOCK_MONOTONIC, &ts));
	BENCH_MEASURE("syscall_clock_gettime", samples, n, sys2(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts));
	return 0;
}
