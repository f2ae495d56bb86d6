/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H

/* The 64-bit time layouts of the system-call ABI (uapi linux/time_types.h). */
#include <linux/types.h>
#include <linux/ktime.h>

#define USEC_PER_SEC	1000000L

struct __kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

struct __kernel_itimerspec {
	struct __kernel_timespec it_interval;
	struct __kernel_timespec it_value;
};

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

static inline bool timespec64_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

/* Nanoseconds of a valid timespec, saturating where s64 would overflow (KTIME_MAX). */
static inline s64 timespec64_to_ns(const struct __kernel_timespec *ts)
{
	if (ts->tv_sec >= INT64_MAX / NSEC_PER_SEC)
		return INT64_MAX;
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static inline struct __kernel_timespec ns_to_timespec64(s64 ns)
{
	struct __kernel_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return ts;
}

#endif
