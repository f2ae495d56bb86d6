/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ENTRY_COMMON_H
#define _LINUX_ENTRY_COMMON_H

#include <linux/types.h>

struct pt_regs;

/* What irqentry_exit() needs to know about how the entry found things. */
typedef struct irqentry_state {
	bool exit_rcu;
} irqentry_state_t;

irqentry_state_t irqentry_enter(struct pt_regs *regs);
void irqentry_exit(struct pt_regs *regs, irqentry_state_t state);

#endif
