// SPDX-License-Identifier: MIT
/*
 * The vDSO's clocks: clock_gettime(), gettimeofday(), time() and
 * clock_getres() in user mode, from the TSC and the data page, with no
 * system call. Each reads the page under its sequence count; a clock the
 * page does not describe (the CPU-time clocks, bad ids) or a page that
 * says the TSC cannot be used goes to the real system call, which then
 * also gives the errors.
 */
#include "vdso.h"

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_USEC	1000ULL

/* The clock ids the data page carries a base for (Linux's numbers). */
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define VDSO_CLOCKS_MASK	((1U << CLOCK_REALTIME) | (1U << CLOCK_MONOTONIC) | \
				 (1U << CLOCK_MONOTONIC_RAW) | (1U << CLOCK_REALTIME_COARSE) | \
				 (1U << CLOCK_MONOTONIC_COARSE) | (1U << CLOCK_BOOTTIME))

struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

static inline unsigned int vdso_read_begin(const struct vdso_data *vd)
{
	unsigned int seq;

	while ((seq = __atomic_load_n(&vd->seq, __ATOMIC_ACQUIRE)) & 1)
		asm volatile("pause");
	return seq;
}

static inline int vdso_read_retry(const struct vdso_data *vd, unsigned int start)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return __atomic_load_n(&vd->seq, __ATOMIC_RELAXED) != start;
}

/* LFENCE keeps the TSC read from passing the sequence count's load. */
static inline unsigned long long rdtsc_ordered(void)
{
	unsigned int lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((unsigned long long)hi << 32) | lo;
}

/* Nanoseconds on clock, or -1 when the system call must answer. */
static long long do_hres(const struct vdso_data *vd, unsigned int clock)
{
	unsigned long long ns, cycles;
	unsigned int seq;

	do {
		seq = vdso_read_begin(vd);
		if (vd->clock_mode != VDSO_CLOCKMODE_TSC)
			return -1;
		cycles = rdtsc_ordered() - vd->cycle_last;
		ns = (unsigned long long)(((unsigned __int128)cycles * vd->mult) >> vd->shift);
		ns += vd->basetime[clock].sec * NSEC_PER_SEC + vd->basetime[clock].nsec;
	} while (vdso_read_retry(vd, seq));
	return ns;
}

static int vdso_clock_valid(int clock)
{
	return (unsigned int)clock < 32 && (VDSO_CLOCKS_MASK & (1U << clock));
}

int __vdso_clock_gettime(int clock, struct __kernel_timespec *ts)
{
	long long ns = vdso_clock_valid(clock) ? do_hres(&vvar_page, clock) : -1;

	if (ns < 0)
		return vdso_syscall2(__NR_clock_gettime, clock, (long)ts);
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

int __vdso_gettimeofday(struct __kernel_old_timeval *tv, struct timezone *tz)
{
	long long ns = tv ? do_hres(&vvar_page, CLOCK_REALTIME) : 0;

	if (ns < 0)
		return vdso_syscall2(__NR_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		tv->tv_sec = ns / NSEC_PER_SEC;
		tv->tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC;
	}
	if (tz) {
		tz->tz_minuteswest = vvar_page.tz_minuteswest;
		tz->tz_dsttime = vvar_page.tz_dsttime;
	}
	return 0;
}

long __vdso_time(long *t)
{
	long long ns = do_hres(&vvar_page, CLOCK_REALTIME);
	long secs;

	if (ns < 0)
		return vdso_syscall2(__NR_time, (long)t, 0);
	secs = ns / NSEC_PER_SEC;
	if (t)
		*t = secs;
	return secs;
}

int __vdso_clock_getres(int clock, struct __kernel_timespec *res)
{
	if (!vdso_clock_valid(clock) || vvar_page.clock_mode != VDSO_CLOCKMODE_TSC)
		return vdso_syscall2(__NR_clock_getres, clock, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = vvar_page.hrtimer_res;
	}
	return 0;
}

/* The names programs link against, as on Linux (weak, in LINUX_2.6). */
int clock_gettime(int, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct __kernel_old_timeval *, struct timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
int clock_getres(int, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres")));
