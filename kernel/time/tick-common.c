// SPDX-License-Identifier: MIT
/*
 * The tick's device management: each CPU's best clock-event device
 * becomes its tick_cpu_device and starts in periodic mode, interrupting
 * HZ times a second into tick_handle_periodic(). The first CPU to get a
 * device becomes tick_do_timer_cpu, the one that advances jiffies; every
 * CPU runs its own timers and scheduler tick. The switch to one-shot
 * mode is tick-oneshot.c's, the tick as an hrtimer tick-sched.c's.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/cpu.h>
#include <asm/smp.h>
#include "tick-internal.h"

DEFINE_PER_CPU(struct tick_device, tick_cpu_device);
int tick_do_timer_cpu = TICK_DO_TIMER_BOOT;
ktime_t tick_next_period;

static void tick_periodic(int cpu)
{
	if (tick_do_timer_cpu == cpu) {
		tick_next_period += TICK_NSEC;
		do_timer(1);
	}
	update_process_times(tick_user_mode());
}

/* The device's handler in periodic mode: one interrupt, one tick. */
void tick_handle_periodic(struct clock_event_device *dev)
{
	int cpu = smp_processor_id();
	ktime_t next = dev->next_event;

	tick_periodic(cpu);
	/* The tick may just have handed the device to hrtimer_interrupt(). */
	if (dev->event_handler != tick_handle_periodic)
		return;
	if (!clockevent_state_oneshot(dev))
		return;
	/* A one-shot-only device: arm the next period, ticking for each one missed. */
	for (;;) {
		next += TICK_NSEC;
		if (!clockevents_program_event(dev, next, false))
			return;
		tick_periodic(cpu);
	}
}

void tick_setup_periodic(struct clock_event_device *dev, int broadcast)
{
	ktime_t next;

	dev->event_handler = tick_handle_periodic;
	if (dev->features & CLOCK_EVT_FEAT_PERIODIC) {
		clockevents_switch_state(dev, CLOCK_EVT_STATE_PERIODIC);
		return;
	}
	next = tick_next_period;
	clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
	while (clockevents_program_event(dev, next, false))
		next += TICK_NSEC;
}

static void tick_setup_oneshot(struct clock_event_device *newdev,
			       void (*handler)(struct clock_event_device *), ktime_t next_event)
{
	newdev->event_handler = handler;
	clockevents_switch_state(newdev, CLOCK_EVT_STATE_ONESHOT);
	clockevents_program_event(newdev, next_event, true);
}

static void clockevents_handle_noop(struct clock_event_device *dev)
{
}

static void tick_setup_device(struct tick_device *td, struct clock_event_device *newdev,
			      int cpu)
{
	void (*handler)(struct clock_event_device *) = NULL;
	ktime_t next_event = 0;

	if (!td->evtdev) {
		if (tick_do_timer_cpu == TICK_DO_TIMER_BOOT) {
			tick_do_timer_cpu = cpu;
			tick_next_period = ktime_get();
		}
		td->mode = TICKDEV_MODE_PERIODIC;
	} else {
		handler = td->evtdev->event_handler;
		next_event = td->evtdev->next_event;
		td->evtdev->event_handler = clockevents_handle_noop;
	}
	td->evtdev = newdev;
	if (td->mode == TICKDEV_MODE_PERIODIC)
		tick_setup_periodic(newdev, 0);
	else
		tick_setup_oneshot(newdev, handler, next_event);
}

/* A device was registered on this CPU: take it if it serves this CPU better. */
void tick_check_new_device(struct clock_event_device *newdev)
{
	int cpu = smp_processor_id();
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);
	struct clock_event_device *curdev = td->evtdev;

	if (!cpumask_test_cpu(cpu, newdev->cpumask))
		return;
	if (curdev && curdev->rating >= newdev->rating)
		return;
	if (curdev)
		clockevents_shutdown(curdev);
	clockevents_switch_state(newdev, CLOCK_EVT_STATE_SHUTDOWN);
	tick_setup_device(td, newdev, cpu);
	if (newdev->features & CLOCK_EVT_FEAT_ONESHOT)
		tick_oneshot_notify();
}

/*
 * On the dying CPU, interrupts off, after it left cpu_online_mask: if it
 * kept jiffies, an online CPU takes that over (its next tick does it),
 * and its own device stops interrupting.
 */
int tick_cpu_dying(unsigned int dying_cpu)
{
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);

	if (READ_ONCE(tick_do_timer_cpu) == (int)dying_cpu)
		WRITE_ONCE(tick_do_timer_cpu, cpumask_first(cpu_online_mask));
	if (td->evtdev)
		clockevents_shutdown(td->evtdev);
	return 0;
}

/* Someone borrowed this CPU's device (a test): give it back to the tick as it was. */
void tick_resume_local(void)
{
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);

	if (!td->evtdev)
		return;
	if (td->mode == TICKDEV_MODE_PERIODIC)
		tick_setup_periodic(td->evtdev, 0);
	else
		clockevents_switch_state(td->evtdev, CLOCK_EVT_STATE_ONESHOT);
	hrtimers_resume_local();
}
