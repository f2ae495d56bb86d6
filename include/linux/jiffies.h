/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#define HZ	250	/* Debian's and most distributions' default */

extern volatile unsigned long jiffies;

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

#endif
