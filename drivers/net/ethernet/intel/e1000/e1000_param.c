// SPDX-License-Identifier: MIT
/*
 * The driver's option, with Linux's name and meaning as far as reflex
 * goes: e1000.InterruptThrottleRate=N on the command line. 0 turns
 * throttling off; 100..100000 is a fixed ceiling in interrupts per
 * second; 1 and 3 (Linux's dynamic modes, 3 the default) and 4 start at
 * Linux's initial 20000 per second and stay there: reflex does not adapt
 * the rate to the traffic (Linux's e1000_update_itr()). Linux takes one
 * value per adapter; reflex's value applies to all.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include "e1000.h"

#define E1000_DEFAULT_ITR	3
#define E1000_INITIAL_ITR	20000	/* interrupts/s that Linux's dynamic modes start at */
#define E1000_MIN_ITR_USECS	10	/* 100000 interrupts/s */
#define E1000_MAX_ITR_USECS	10000	/* 100 interrupts/s */

unsigned int e1000_itr_setting = E1000_DEFAULT_ITR;

/* The ITR register counts the minimum gap between interrupts in 256 ns units. */
u32 e1000_itr_register(unsigned int setting)
{
	unsigned int rate = setting;

	if (!setting)
		return 0;
	if (setting <= 4)
		rate = E1000_INITIAL_ITR;
	return 1000000000 / (rate * 256);
}

static int __init e1000_itr_setup(char *arg)
{
	unsigned long v;
	int err = kstrtoul(arg, 10, &v);

	if (err)
		return err;
	if (v > 4 && (v < 1000000 / E1000_MAX_ITR_USECS || v > 1000000 / E1000_MIN_ITR_USECS)) {
		pr_warn("e1000: InterruptThrottleRate %lu out of range (100-100000), using %u\n",
			v, E1000_DEFAULT_ITR);
		return 0;
	}
	if (v == 2)	/* reserved in Linux */
		return -EINVAL;
	e1000_itr_setting = v;
	return 0;
}
__setup("e1000.InterruptThrottleRate=", e1000_itr_setup);
