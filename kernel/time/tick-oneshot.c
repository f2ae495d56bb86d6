// SPDX-License-Identifier: MIT
/*
 * The tick device in one-shot mode: programming the next event and the
 * switch from periodic mode, which hands the device to hrtimers.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include "tick-internal.h"

int tick_program_event(ktime_t expires, int force)
{
	struct clock_event_device *dev = this_cpu_read(tick_cpu_device.evtdev);

	return clockevents_program_event(dev, expires, force);
}

bool tick_is_oneshot_available(void)
{
	struct clock_event_device *dev = this_cpu_read(tick_cpu_device.evtdev);

	return dev && (dev->features & CLOCK_EVT_FEAT_ONESHOT);
}

/* Give this CPU's device to handler, one-shot. */
int tick_switch_to_oneshot(void (*handler)(struct clock_event_device *))
{
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);
	struct clock_event_device *dev = td->evtdev;

	if (!dev || !(dev->features & CLOCK_EVT_FEAT_ONESHOT)) {
		pr_info("Clockevents: could not switch to one-shot mode:");
		if (!dev)
			pr_cont(" no tick device\n");
		else
			pr_cont(" %s does not support one-shot mode.\n", dev->name);
		return -EINVAL;
	}
	td->mode = TICKDEV_MODE_ONESHOT;
	dev->event_handler = handler;
	clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
	return 0;
}

int tick_init_highres(void)
{
	return tick_switch_to_oneshot(hrtimer_interrupt);
}
