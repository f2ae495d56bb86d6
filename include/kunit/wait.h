/* SPDX-License-Identifier: MIT */
#ifndef _KUNIT_WAIT_H
#define _KUNIT_WAIT_H

/*
 * A test that needs another task, a timer or an interrupt to get somewhere
 * waits for that state, never for a fixed time: a loaded host stretches
 * any fixed time past the event it was meant to cover. The limit below
 * only stops a hang; it is far beyond any delay load causes.
 */
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/spinlock.h>
#include <asm/processor.h>
#include <asm/tsc.h>

#define KUNIT_HANG_MS	10000

/* Sleep in short steps until cond holds (true) or the hang limit passes (false). */
#define kunit_wait_until(cond) ({						\
	unsigned long __end = jiffies + msecs_to_jiffies(KUNIT_HANG_MS);	\
									\
	while (!(cond) && time_before(jiffies, __end))			\
		msleep(1);						\
	!!(cond);							\
})

/*
 * Spin with interrupts on until *counter reaches target, at most ms ms of
 * the TSC: for counts an interrupt bumps, where the waiter must not sleep
 * (or must show that nothing more arrives, with a short ms). Returns the
 * count reached.
 */
static inline unsigned int kunit_spin_for_count(volatile unsigned int *counter,
						unsigned int target, unsigned int ms)
{
	u64 end = rdtsc() + (u64)tsc_khz * ms;

	while (*counter < target && rdtsc() < end)
		cpu_relax();
	return *counter;
}

/*
 * Spin with interrupts as they are until cond holds, at most ms ms of the
 * TSC: for states a test must reach without sleeping (when it has stopped
 * what sleeping relies on, jiffies or the tick). Returns cond's last value.
 */
#define kunit_spin_until(cond, ms) ({					\
	u64 __end = rdtsc() + (u64)tsc_khz * (ms);			\
									\
	while (!(cond) && rdtsc() < __end)				\
		cpu_relax();						\
	!!(cond);							\
})

#endif
