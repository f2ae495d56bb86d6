/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_LIMITS_H
#define _LINUX_LIMITS_H

#define LONG_MAX	((long)(~0UL >> 1))
#define LONG_MIN	(-LONG_MAX - 1)

#endif
