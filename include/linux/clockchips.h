/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CLOCKCHIPS_H
#define _LINUX_CLOCKCHIPS_H

/*
 * Clock-event devices: a per-CPU timer that can interrupt once at a
 * given time (one-shot) or every period (periodic). A driver fills in
 * its callbacks and limits and registers the device on the CPU it serves
 * (kernel/time/clockevents.c); the tick code (tick-common.c) then owns
 * it and sets its event_handler. Generic time code reaches the hardware
 * only through these callbacks.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/cpumask.h>

enum clock_event_state {
	CLOCK_EVT_STATE_DETACHED,	/* not used by the tick code */
	CLOCK_EVT_STATE_SHUTDOWN,	/* stopped, no interrupts */
	CLOCK_EVT_STATE_PERIODIC,	/* interrupts every period */
	CLOCK_EVT_STATE_ONESHOT,	/* interrupts once per set_next_event() */
	CLOCK_EVT_STATE_ONESHOT_STOPPED,
};

#define CLOCK_EVT_FEAT_PERIODIC		0x000001
#define CLOCK_EVT_FEAT_ONESHOT		0x000002

/**
 * struct clock_event_device - a timer that interrupts one CPU
 * @event_handler:	called from the device's interrupt (set by the tick code)
 * @set_next_event:	arm a one-shot expiry @evt device ticks from now
 * @next_event:		the absolute expiry last asked for
 * @max_delta_ns:	the longest delta the device can be armed for
 * @min_delta_ns:	the shortest delta worth arming
 * @mult, @shift:	ns to ticks: ticks = ns * mult >> shift
 * @state_use_accessors: the state; read it through clockevent_state_*()
 * @features:		CLOCK_EVT_FEAT_*
 * @set_state_*:	switch the hardware into that state
 * @min_delta_ticks, @max_delta_ticks: the limits in device ticks
 * @name, @rating:	the better-rated device of a CPU is the one used
 * @cpumask:		the CPUs the device can interrupt
 */
struct clock_event_device {
	void (*event_handler)(struct clock_event_device *);
	int (*set_next_event)(unsigned long evt, struct clock_event_device *);
	ktime_t next_event;
	u64 max_delta_ns;
	u64 min_delta_ns;
	u32 mult;
	u32 shift;
	enum clock_event_state state_use_accessors;
	unsigned int features;
	int (*set_state_periodic)(struct clock_event_device *);
	int (*set_state_oneshot)(struct clock_event_device *);
	int (*set_state_shutdown)(struct clock_event_device *);
	unsigned long min_delta_ticks;
	unsigned long max_delta_ticks;
	const char *name;
	int rating;
	const struct cpumask *cpumask;
	struct list_head list;
};

static inline enum clock_event_state clockevent_get_state(struct clock_event_device *dev)
{
	return dev->state_use_accessors;
}

static inline bool clockevent_state_shutdown(struct clock_event_device *dev)
{
	return dev->state_use_accessors == CLOCK_EVT_STATE_SHUTDOWN;
}

static inline bool clockevent_state_periodic(struct clock_event_device *dev)
{
	return dev->state_use_accessors == CLOCK_EVT_STATE_PERIODIC;
}

static inline bool clockevent_state_oneshot(struct clock_event_device *dev)
{
	return dev->state_use_accessors == CLOCK_EVT_STATE_ONESHOT;
}

u64 clockevent_delta2ns(unsigned long latch, struct clock_event_device *evt);
void clockevents_register_device(struct clock_event_device *dev);
void clockevents_config(struct clock_event_device *dev, u32 freq);
void clockevents_config_and_register(struct clock_event_device *dev, u32 freq,
				     unsigned long min_delta, unsigned long max_delta);
void clockevents_switch_state(struct clock_event_device *dev, enum clock_event_state state);
void clockevents_shutdown(struct clock_event_device *dev);
int clockevents_program_event(struct clock_event_device *dev, ktime_t expires, bool force);

#endif
