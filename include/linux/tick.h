/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TICK_H
#define _LINUX_TICK_H

/*
 * The tick: each CPU's clock-event device (tick_cpu_device) drives the
 * periodic tick at HZ until the CPU switches to one-shot mode, where
 * hrtimer_interrupt() owns the device and the tick is an hrtimer
 * (tick_cpu_sched.sched_timer). One CPU, tick_do_timer_cpu, advances
 * jiffies; every CPU runs its own timers and scheduler tick.
 */
#include <linux/clockchips.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>

enum tick_device_mode {
	TICKDEV_MODE_PERIODIC,
	TICKDEV_MODE_ONESHOT,
};

struct tick_device {
	struct clock_event_device *evtdev;
	enum tick_device_mode mode;
};

struct tick_sched {
	struct hrtimer sched_timer;	/* the tick, in one-shot mode */
	unsigned long check_clocks;	/* bit 0: a new device may allow one-shot */
};

#define TICK_NSEC		(NSEC_PER_SEC / HZ)
/* tick_do_timer_cpu before any CPU has a tick device. */
#define TICK_DO_TIMER_BOOT	-2

DECLARE_PER_CPU(struct tick_device, tick_cpu_device);
DECLARE_PER_CPU(struct tick_sched, tick_cpu_sched);
extern int tick_do_timer_cpu;

void tick_check_new_device(struct clock_event_device *newdev);
void tick_setup_periodic(struct clock_event_device *dev, int broadcast);
void tick_handle_periodic(struct clock_event_device *dev);
void tick_resume_local(void);

int tick_program_event(ktime_t expires, int force);
int tick_switch_to_oneshot(void (*handler)(struct clock_event_device *));
int tick_init_highres(void);
void tick_oneshot_notify(void);
int tick_check_oneshot_change(int allow_nohz);

void tick_setup_sched_timer(void);
void tick_cancel_sched_timer(int cpu);

#endif
