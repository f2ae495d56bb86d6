/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_TIME_TICK_INTERNAL_H
#define _KERNEL_TIME_TICK_INTERNAL_H

#include <linux/tick.h>

/* When the do_timer CPU's next periodic tick is due. */
extern ktime_t tick_next_period;

void do_timer(unsigned long ticks);
bool tick_is_oneshot_available(void);

#endif
