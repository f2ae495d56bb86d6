/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_TSC_H
#define _ASM_X86_TSC_H

#include <linux/types.h>

extern unsigned int tsc_khz;
/* sched_clock() = (TSC - tsc_boot) * cyc2ns_mul >> 32; the vDSO computes the same. */
extern u64 tsc_boot;
extern u64 cyc2ns_mul;

void tsc_early_init(void);
void tsc_init(void);
/* Busy-wait; precise once the TSC is calibrated. */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif
