/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

/*
 * Jiffies timers: a function to run in TIMER_SOFTIRQ once jiffies reach
 * expires. For sub-jiffy precision use hrtimers.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>

struct timer_list {
	struct list_head entry;		/* empty when not pending */
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;			/* TIMER_*, and the CPU of its base */
};

#define TIMER_CPUMASK		0x0003FFFF	/* the CPU whose base holds the timer */
#define TIMER_MIGRATING		0x00040000	/* between two bases: wait */
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000	/* Linux's bit; reflex defers nothing */
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000	/* Linux's bit; unused here */
#define TIMER_ARRAYSHIFT	22		/* Linux's wheel index; reflex has no wheel: 0 */
/* The bits timer:timer_start decodes. */
#define TIMER_TRACE_FLAGMASK	(TIMER_MIGRATING | TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags);
void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
bool timer_pending(const struct timer_list *timer);
void init_timers(void);
void run_local_timers(void);
void update_process_times(int user_tick);

#define from_timer(var, timer_ptr, field) container_of(timer_ptr, __typeof__(*var), field)

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return (m + (1000 / HZ) - 1) / (1000 / HZ);
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return j * (1000 / HZ);
}

long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_interruptible(long timeout);
void msleep(unsigned int msecs);

#endif
