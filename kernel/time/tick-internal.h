/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_TIME_TICK_INTERNAL_H
#define _KERNEL_TIME_TICK_INTERNAL_H

#include <linux/tick.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>

/* When the do_timer CPU's next periodic tick is due. */
extern ktime_t tick_next_period;

void do_timer(unsigned long ticks);
bool tick_is_oneshot_available(void);

/* Did the tick interrupt user mode? update_process_times() charges it there if so. */
static inline int tick_user_mode(void)
{
	struct pt_regs *regs = get_irq_regs();

	return regs && user_mode(regs);
}

#endif
