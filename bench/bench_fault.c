// SPDX-License-Identifier: MIT
/*
 * bench_fault [PAGES]: page-fault costs, one sample per page (default
 * 4096 pages = 16 MiB):
 *   anon_first_touch  a write to a never-touched page of a private
 *                     anonymous mapping (demand-zero fault);
 *   cow_fault         a write, in a forked child, to a page the parent
 *                     had touched before fork (copy-on-write fault).
 * Transparent huge pages are asked off (MADV_NOHUGEPAGE) where the kernel
 * has them, so that every page takes its own fault.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include "bench.h"
#include "sys.h"

#define PAGE 4096

static char *map(long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		bench_print("bench_fault: mmap of %ld pages failed\n", pages);
		exit(1);
	}
	madvise(p, pages * PAGE, MADV_NOHUGEPAGE);	/* -ENOSYS/-EINVAL: fine */
	return p;
}

static void touch_each(volatile char *p, long pages, uint64_t *samples)
{
	for (long i = 0; i < pages; i++) {
		uint64_t t0 = bench_rdtsc();

		p[i * PAGE] = 1;
		samples[i] = bench_rdtsc() - t0;
	}
}

int main(int argc, char **argv)
{
	long pages = bench_count(argc, argv, 4096);
	uint64_t *samples = calloc(pages, sizeof(*samples));
	char *p;
	int status;
	pid_t pid;

	if (!samples)
		return 1;
	p = map(pages);
	touch_each(p, pages, samples);
	bench_report("anon_first_touch", samples, pages, "tsc");

	/* p is now populated: after fork, every first write copies. */
	pid = sys0(SYS_fork);
	if (pid == 0) {
		touch_each(p, pages, samples);
		bench_report("cow_fault", samples, pages, "tsc");
		sys1(SYS_exit_group, 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		return 1;
	return 0;
}
