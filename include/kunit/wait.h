/* SPDX-License-Identifier: MIT */
#ifndef _KUNIT_WAIT_H
#define _KUNIT_WAIT_H

/*
 * kunit_wait_until(cond, ms): spin (interrupts as the caller has them)
 * until cond holds or ms milliseconds of the TSC pass, and give cond's
 * last value. A bound, never a sleep: it returns as soon as cond holds.
 */
#include <linux/spinlock.h>
#include <asm/processor.h>
#include <asm/tsc.h>

#define kunit_wait_until(cond, ms) ({					\
	u64 __end = rdtsc() + (u64)tsc_khz * (ms);			\
	while (!(cond) && rdtsc() < __end)				\
		cpu_relax();						\
	(cond);								\
})

#endif
