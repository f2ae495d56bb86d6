/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

/*
 * The lock debugging reflex has: not Linux's lockdep (no lock classes,
 * no dependency graph, no ordering checks), but its two cheapest and
 * most useful reports — sleeping in atomic context (might_sleep(), in
 * linux/kernel.h) and a spinlock used both with hard interrupts enabled
 * and from hard-IRQ context (the usage record in linux/spinlock.h).
 *
 * Both are on unless the command line says reflex.lockdebug=0; the
 * counters below count every detection, reported or not, so tests can
 * see a check fire without parsing the log.
 */
#include <linux/types.h>

extern int debug_locks;			/* reflex.lockdebug: 1 = report */
extern unsigned int might_sleep_bugs;	/* sleeping-in-atomic detections */
extern unsigned int lock_usage_bugs;	/* inconsistent-lock-state detections */

#endif
