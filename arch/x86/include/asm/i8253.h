/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_I8253_H
#define _ASM_X86_I8253_H

#include <linux/types.h>

#define PIT_TICK_RATE	1193182

/* Start a one-shot count of ms milliseconds (<= 50) on channel 2. */
void pit_ch2_start(unsigned int ms);
bool pit_ch2_expired(void);
void pit_ch0_set_periodic(unsigned int hz);
void pit_ch0_stop(void);

#endif
