/* SPDX-License-Identifier: MIT */
/*
 * Shared by the benchmark programs (static musl, run on reflex and on
 * Linux by "make bench"): rdtsc, and one machine-readable line per figure:
 *
 *	bench: NAME median=N p99=N max=N min=N n=N unit=UNIT
 *
 * UNIT is "tsc" for rdtsc deltas (instructions under QEMU's -icount
 * shift=0, cycles elsewhere) or "ns". Each sample is one operation bracketed
 * by two rdtsc reads, so it includes the reads themselves: the
 * "rdtsc_overhead" figure says how much that is. Lines go out with one
 * write(2) each (no stdio buffers to duplicate across fork).
 */
#ifndef REFLEX_BENCH_H
#define REFLEX_BENCH_H

#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* lfence orders rdtsc against the work it brackets (Intel and AMD). */
static inline uint64_t bench_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

static int bench_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static inline void __attribute__((format(printf, 1, 2))) bench_print(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (write(1, buf, n) < 0)
		_exit(2);
}

/* Sorts @v in place and prints the figure's line. */
static inline void bench_report(const char *name, uint64_t *v, long n, const char *unit)
{
	if (n <= 0) {
		bench_print("bench: %s n=0 unit=%s\n", name, unit);
		return;
	}
	qsort(v, n, sizeof(v[0]), bench_cmp_u64);
	bench_print("bench: %s median=%llu p99=%llu max=%llu min=%llu n=%ld unit=%s\n",
		    name, (unsigned long long)v[n / 2],
		    (unsigned long long)v[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
		    (unsigned long long)v[n - 1], (unsigned long long)v[0], n, unit);
}

/*
 * @n samples of @expr in TSC ticks (instructions under -icount) into
 * @samples, after 200 warm-up runs, then the figure's line.
 */
#define BENCH_MEASURE(name, samples, n, expr) do {			\
	for (long __i = 0; __i < 200; __i++)				\
		(void)(expr);						\
	for (long __i = 0; __i < (n); __i++) {				\
		uint64_t __t0 = bench_rdtsc();				\
		(void)(expr);						\
		(samples)[__i] = bench_rdtsc() - __t0;			\
	}								\
	bench_report(name, samples, n, "tsc");				\
} while (0)

/* The first argument as a count, or @def. */
static inline long bench_count(int argc, char **argv, long def)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 0) : def;

	return n > 0 ? n : def;
}

/*
 * The online CPUs: the "processor" lines of /proc/cpuinfo, which lists one
 * block per online CPU on both kernels; 1 when it cannot be read.
 */
static inline int bench_online_cpus(void)
{
	static char buf[65536];
	int fd = open("/proc/cpuinfo", O_RDONLY), n = 0;
	ssize_t len = 0, r;

	if (fd < 0)
		return 1;
	while (len < (ssize_t)sizeof(buf) - 1 &&
	       (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	for (char *p = buf; (p = strstr(p, "processor")); p++)
		if (p == buf || p[-1] == '\n')
			n++;
	return n ? n : 1;
}

/*
 * Pins the calling task to @cpu with raw sched_setaffinity (x86-64 number
 * 203), then checks with raw getcpu (309) that it runs there: 0, or the
 * kernel's -errno (-EIO when getcpu names another CPU).
 */
static inline long bench_pin(int cpu)
{
	unsigned long mask[16] = { 0 };		/* 1024 CPUs, more than either kernel has */
	unsigned int where = ~0U;
	long ret;

	if (cpu < 0 || cpu >= (int)(8 * sizeof(mask)))
		return -22;			/* EINVAL */
	mask[cpu / (8 * sizeof(long))] = 1UL << (cpu % (8 * sizeof(long)));
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(203L), "D"(0L), "S"(sizeof(mask)), "d"(mask)
			 : "rcx", "r11", "memory");
	if (ret < 0)
		return ret;
	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(309L), "D"(&where), "S"(0L), "d"(0L)
			 : "rcx", "r11", "memory");
	if (ret < 0)
		return ret;
	return where == (unsigned int)cpu ? 0 : -5;
}

#endif
