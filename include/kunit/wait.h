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

#define KUNIT_HANG_MS	10000

/* Sleep in short steps until cond holds (true) or the hang limit passes (false). */
#define kunit_wait_until(cond) ({						\
	unsigned long __end = jiffies + msecs_to_jiffies(KUNIT_HANG_MS);	\
									\
	while (!(cond) && time_before(jiffies, __end))			\
		msleep(1);						\
	!!(cond);							\
})

#endif
