// SPDX-License-Identifier: MIT
/*
 * bench_fork [N]: fork + exit + wait4 of a small process, N samples
 * (default 1000). The child calls exit_group at once; the sample runs from
 * before fork to after wait4 returns in the parent. Raw system calls, so
 * that libc's fork bookkeeping is not measured.
 */
#include <sys/wait.h>

#include "bench.h"
#include "sys.h"

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 1000);
	uint64_t *samples = calloc(n, sizeof(*samples));
	int status;

	if (!samples)
		return 1;
	for (long i = -20; i < n; i++) {
		uint64_t t0 = bench_rdtsc();
		long pid = sys0(SYS_fork);

		if (pid == 0)
			sys1(SYS_exit_group, 0);
		if (pid < 0 || sys4(SYS_wait4, pid, &status, 0, NULL) != pid)
			return 1;
		if (i >= 0)
			samples[i] = bench_rdtsc() - t0;
	}
	bench_report("fork_exit_wait", samples, n, "tsc");
	return 0;
}
