/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H
/*
 * The capabilities reflex checks (kernel/capability.c keeps each task's
 * sets): every process is root, so a capability is missing only when
 * the task dropped it from its effective set with capset().
 */
#include <linux/types.h>

#define CAP_NET_RAW	13

bool capable(int cap);

#endif
