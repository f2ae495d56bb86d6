/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/string.h>

/*
 * How far the system has come up (Linux's names). The debug checks stay
 * quiet while SYSTEM_BOOTING: start_kernel() runs with preemption off
 * by design, before there is anything to switch to.
 */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
};
extern enum system_states system_state;

/*
 * might_sleep(): "this may sleep", checked. Called from atomic context
 * (preemption or interrupts off, in an interrupt) it reports
 * "BUG: sleeping function called from invalid context" once per call
 * site, with a stack trace (kernel/locking/lockdep.c).
 */
void __might_sleep(const char *file, int line, bool *reported);
#define might_sleep() do {						\
	static bool __might_sleep_reported;				\
	__might_sleep(__FILE__, __LINE__, &__might_sleep_reported);	\
} while (0)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)

/*
 * Scales a 32-bit value spread over [0, 2^32) to [0, ep_ro) with a
 * multiply and a shift instead of a division (Linux's reciprocal_scale()).
 */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

#endif
