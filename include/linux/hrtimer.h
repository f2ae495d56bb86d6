/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

/*
 * High-resolution timers: expiry in nanoseconds of CLOCK_MONOTONIC
 * (ktime_get(), time since boot), run from the local APIC timer's
 * interrupt, which is programmed one-shot for the earliest expiry. The
 * periodic tick itself is one of them (tick_sched_timer).
 */
#include <linux/types.h>
#include <linux/list.h>

typedef s64 ktime_t;

#define NSEC_PER_USEC	1000LL
#define NSEC_PER_MSEC	1000000LL
#define NSEC_PER_SEC	1000000000LL
#define CLOCK_MONOTONIC	1

enum hrtimer_mode {
	HRTIMER_MODE_ABS = 0x0,
	HRTIMER_MODE_REL = 0x1,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

struct hrtimer {
	struct list_head node;		/* on the expiry-sorted list while queued */
	ktime_t expires;
	enum hrtimer_restart (*function)(struct hrtimer *);
};

struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;
};

ktime_t ktime_get(void);
void hrtimer_init(struct hrtimer *timer, int clock_id, enum hrtimer_mode mode);
void hrtimer_start(struct hrtimer *timer, ktime_t tim, enum hrtimer_mode mode);
int hrtimer_cancel(struct hrtimer *timer);
int hrtimer_try_to_cancel(struct hrtimer *timer);
u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval);
bool hrtimer_active(const struct hrtimer *timer);
/* Sleep (TASK_UNINTERRUPTIBLE) until an absolute or relative time. */
int schedule_hrtimeout(ktime_t *expires, enum hrtimer_mode mode);
int schedule_hrtimeout_interruptible(ktime_t *expires);
void hrtimers_init(void);
void hrtimer_resume(void);
void hrtimer_interrupt(void);
bool hrtimer_hres_active(void);
/* Expiries served, and the latest lateness seen (ns), for tests and benches. */
extern unsigned long hrtimer_expiries;

#endif
