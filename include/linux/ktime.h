/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

/*
 * ktime_t: nanoseconds of CLOCK_MONOTONIC, the time since boot as the
 * TSC measures it (kernel/time/timekeeping.c).
 */
#include <linux/types.h>

typedef s64 ktime_t;

#define KTIME_MAX	((s64)~((u64)1 << 63))
#define NSEC_PER_USEC	1000LL
#define NSEC_PER_MSEC	1000000LL
#define NSEC_PER_SEC	1000000000LL

ktime_t ktime_get(void);

/* a + b for a, b >= 0, saturating at KTIME_MAX rather than going negative. */
static inline ktime_t ktime_add_safe(ktime_t a, ktime_t b)
{
	ktime_t res = (ktime_t)((u64)a + (u64)b);

	if (res < 0 || res < a || res < b)
		res = KTIME_MAX;
	return res;
}

#endif
