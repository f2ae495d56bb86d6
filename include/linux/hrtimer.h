/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

/*
 * High-resolution timers: expiry in nanoseconds of CLOCK_MONOTONIC
 * (ktime_get(), time since boot). Each CPU has its own base, a queue
 * sorted by expiry under the base's lock; a timer is queued on the CPU
 * that starts it. In high-resolution mode the CPU's clock-event device
 * is programmed one-shot for the first expiry of its base and
 * hrtimer_interrupt() runs the expired ones in hard-IRQ context (Linux's
 * HRTIMER_MODE_HARD); before the switch the periodic tick runs them.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <asm/percpu.h>

#define CLOCK_MONOTONIC	1

/*
 * Linux's modes. reflex has one base per CPU, always run in hard-IRQ
 * context and always on the CPU that queued the timer: PINNED, SOFT and
 * HARD change nothing and only REL is looked at. They exist so that
 * timer:hrtimer_init and hrtimer_start decode the mode as Linux does.
 */
enum hrtimer_mode {
	HRTIMER_MODE_ABS	= 0x00,
	HRTIMER_MODE_REL	= 0x01,
	HRTIMER_MODE_PINNED	= 0x02,
	HRTIMER_MODE_SOFT	= 0x04,
	HRTIMER_MODE_HARD	= 0x08,

	HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_ABS_SOFT	= HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_SOFT	= HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_HARD	= HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_HARD	= HRTIMER_MODE_REL | HRTIMER_MODE_HARD,
	HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

struct hrtimer_clock_base;
struct clock_event_device;

struct hrtimer {
	struct list_head node;		/* on the base's sorted queue while queued */
	ktime_t expires;
	enum hrtimer_restart (*function)(struct hrtimer *);
	struct hrtimer_clock_base *base;
};

struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;
};

/* One clock (CLOCK_MONOTONIC) of one CPU. */
struct hrtimer_clock_base {
	struct hrtimer_cpu_base *cpu_base;
	struct list_head active;	/* queued timers, earliest first */
};

/**
 * struct hrtimer_cpu_base - one CPU's hrtimers
 * @lock:	 protects the queue, @running and @expires_next
 * @cpu:	 the CPU
 * @hres_active: the clock-event device is one-shot and ours
 * @hres_announced: the switch to high resolution was logged (once per CPU)
 * @in_hrtirq:	 hrtimer_interrupt() is running: it reprograms when done
 * @nr_events:	 hrtimer interrupts taken
 * @expires_next: the expiry the device is programmed for (KTIME_MAX: none)
 * @running:	 the timer whose callback is running, if any
 */
struct hrtimer_cpu_base {
	raw_spinlock_t lock;
	unsigned int cpu;
	unsigned int hres_active;
	unsigned int hres_announced;
	unsigned int in_hrtirq;
	unsigned long nr_events;
	ktime_t expires_next;
	struct hrtimer *running;
	struct hrtimer_clock_base clock_base[1];
};

DECLARE_PER_CPU(struct hrtimer_cpu_base, hrtimer_bases);

void hrtimer_init(struct hrtimer *timer, int clock_id, enum hrtimer_mode mode);
void hrtimer_start(struct hrtimer *timer, ktime_t tim, enum hrtimer_mode mode);
int hrtimer_cancel(struct hrtimer *timer);
int hrtimer_try_to_cancel(struct hrtimer *timer);
u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval);
bool hrtimer_active(const struct hrtimer *timer);
bool hrtimer_is_queued(const struct hrtimer *timer);
/* Sleep (TASK_UNINTERRUPTIBLE) until an absolute or relative time. */
int schedule_hrtimeout(ktime_t *expires, enum hrtimer_mode mode);
int schedule_hrtimeout_interruptible(ktime_t *expires);
void hrtimers_init(void);
int hrtimers_prepare_cpu(unsigned int cpu);
void hrtimers_resume_local(void);
void hrtimer_run_queues(void);
void hrtimer_interrupt(struct clock_event_device *dev);
int hrtimer_hres_active(void);

#endif
