// SPDX-License-Identifier: MIT
/*
 * Clock-event devices: their ns <-> ticks conversion (mult/shift chosen
 * from the device's frequency and longest delta), their state changes
 * and one-shot programming. Registering a device hands it to the tick
 * code of its CPU (tick-common.c); drivers touch no tick state, and the
 * tick and hrtimer code touch no hardware but through the callbacks.
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/tick.h>
#include <linux/spinlock.h>
#include <linux/cpu.h>
#include <asm/smp.h>
#include "tick-internal.h"

static LIST_HEAD(clockevent_devices);
static DEFINE_RAW_SPINLOCK(clockevents_lock);

/*
 * ns for latch ticks, rounded up: a minimum below it could arm the
 * device for less than the hardware can do. Deltas under 1 us are noise
 * against the interrupt's own cost, so never less than that.
 */
u64 clockevent_delta2ns(unsigned long latch, struct clock_event_device *evt)
{
	u64 clc = (u64)latch << evt->shift;

	if (WARN_ON(!evt->mult))
		evt->mult = 1;
	if ((clc >> evt->shift) != (u64)latch)
		clc = ~0ULL;		/* latch << shift overflowed: saturate */
	if (~0ULL - clc > evt->mult - 1)
		clc += evt->mult - 1;
	clc /= evt->mult;
	return max(clc, (u64)1000);
}

/*
 * mult/shift for converting ns to ticks of a freq Hz device with the
 * largest shift (the best precision) for which maxsec seconds of ns
 * times mult still fit in 64 bits.
 */
static void clockevents_calc_mult_shift(struct clock_event_device *ce, u32 freq, u32 maxsec)
{
	u64 tmp = ((u64)maxsec * NSEC_PER_SEC) >> 32;
	u32 sftacc = 32, sft;

	while (tmp) {		/* bits the ns count needs beyond 32 */
		tmp >>= 1;
		sftacc--;
	}
	for (sft = 32; sft > 0; sft--) {
		tmp = (((u64)freq << sft) + NSEC_PER_SEC / 2) / NSEC_PER_SEC;
		if (!(tmp >> sftacc))
			break;
	}
	ce->mult = tmp;
	ce->shift = sft;
}

void clockevents_config(struct clock_event_device *dev, u32 freq)
{
	u64 sec = dev->max_delta_ticks / freq;

	/* The conversion must cover the longest delta, within reason. */
	if (!sec)
		sec = 1;
	else if (sec > 600)
		sec = 600;
	clockevents_calc_mult_shift(dev, freq, sec);
	dev->min_delta_ns = clockevent_delta2ns(dev->min_delta_ticks, dev);
	dev->max_delta_ns = clockevent_delta2ns(dev->max_delta_ticks, dev);
}

static int __clockevents_switch_state(struct clock_event_device *dev,
				      enum clock_event_state state)
{
	switch (state) {
	case CLOCK_EVT_STATE_DETACHED:
	case CLOCK_EVT_STATE_SHUTDOWN:
	case CLOCK_EVT_STATE_ONESHOT_STOPPED:
		return dev->set_state_shutdown ? dev->set_state_shutdown(dev) : 0;
	case CLOCK_EVT_STATE_PERIODIC:
		if (!(dev->features & CLOCK_EVT_FEAT_PERIODIC))
			return -ENOSYS;
		return dev->set_state_periodic ? dev->set_state_periodic(dev) : 0;
	case CLOCK_EVT_STATE_ONESHOT:
		if (!(dev->features & CLOCK_EVT_FEAT_ONESHOT))
			return -ENOSYS;
		return dev->set_state_oneshot ? dev->set_state_oneshot(dev) : 0;
	}
	return -ENOSYS;
}

/* Interrupts off: the device is this CPU's and its interrupt must not see half a switch. */
void clockevents_switch_state(struct clock_event_device *dev, enum clock_event_state state)
{
	if (clockevent_get_state(dev) == state)
		return;
	if (__clockevents_switch_state(dev, state))
		return;
	dev->state_use_accessors = state;
	/* A one-shot device without a conversion would be armed for nonsense. */
	if (state == CLOCK_EVT_STATE_ONESHOT && WARN_ON(!dev->mult))
		dev->mult = 1;
}

void clockevents_shutdown(struct clock_event_device *dev)
{
	clockevents_switch_state(dev, CLOCK_EVT_STATE_SHUTDOWN);
	dev->next_event = KTIME_MAX;
}

static int clockevents_program_min_delta(struct clock_event_device *dev)
{
	dev->next_event = ktime_get() + dev->min_delta_ns;
	return dev->set_next_event(dev->min_delta_ticks, dev);
}

/**
 * clockevents_program_event - arm a one-shot device for an absolute time
 * @dev:	the device, in one-shot state
 * @expires:	CLOCK_MONOTONIC time of the interrupt
 * @force:	if @expires has passed, interrupt after the minimum delta
 *		instead of failing
 *
 * The delta is clamped to the device's limits and converted with
 * mult/shift, rounded up: the interrupt may come late by a tick of the
 * device, never early. -ETIME when @expires has passed and !@force.
 */
int clockevents_program_event(struct clock_event_device *dev, ktime_t expires, bool force)
{
	u64 clc;
	s64 delta;
	int rc;

	if (WARN_ON_ONCE(expires < 0))
		return -ETIME;
	dev->next_event = expires;
	if (clockevent_state_shutdown(dev))
		return 0;
	delta = expires - ktime_get();
	if (delta <= 0)
		return force ? clockevents_program_min_delta(dev) : -ETIME;
	delta = min(delta, (s64)dev->max_delta_ns);
	delta = max(delta, (s64)dev->min_delta_ns);
	clc = ((u64)delta * dev->mult + ((1ULL << dev->shift) - 1)) >> dev->shift;
	clc = min(clc, (u64)dev->max_delta_ticks);
	clc = max(clc, (u64)dev->min_delta_ticks);
	rc = dev->set_next_event(clc, dev);
	return (rc && force) ? clockevents_program_min_delta(dev) : rc;
}

/* Register a device of the CPU we run on; the tick takes it if it is the best there. */
void clockevents_register_device(struct clock_event_device *dev)
{
	unsigned long flags;

	dev->state_use_accessors = CLOCK_EVT_STATE_DETACHED;
	if (!dev->cpumask) {
		/* Which CPU it serves is only obvious when there is one. */
		WARN_ON(cpumask_next(cpumask_first(cpu_possible_mask), cpu_possible_mask) < nr_cpu_ids);
		dev->cpumask = cpumask_of(smp_processor_id());
	}
	raw_spin_lock_irqsave(&clockevents_lock, flags);
	list_add(&dev->list, &clockevent_devices);
	tick_check_new_device(dev);
	raw_spin_unlock_irqrestore(&clockevents_lock, flags);
}

void clockevents_config_and_register(struct clock_event_device *dev, u32 freq,
				     unsigned long min_delta, unsigned long max_delta)
{
	dev->min_delta_ticks = min_delta;
	dev->max_delta_ticks = max_delta;
	clockevents_config(dev, freq);
	clockevents_register_device(dev);
}

/*
 * @cpu is dead: its devices leave the list and its tick device is empty,
 * so that the CPU registers them afresh when it comes back (the local
 * APIC timer is set up again by start_secondary()).
 */
void tick_cleanup_dead_cpu(unsigned int cpu)
{
	struct clock_event_device *dev, *tmp;
	unsigned long flags;

	raw_spin_lock_irqsave(&clockevents_lock, flags);
	list_for_each_entry_safe(dev, tmp, &clockevent_devices, list) {
		if (cpumask_equal(dev->cpumask, cpumask_of(cpu))) {
			list_del(&dev->list);
			dev->state_use_accessors = CLOCK_EVT_STATE_DETACHED;
		}
	}
	per_cpu(tick_cpu_device, cpu).evtdev = NULL;
	raw_spin_unlock_irqrestore(&clockevents_lock, flags);
}
