/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;

typedef u64 phys_addr_t;
typedef unsigned int gfp_t;
typedef long ssize_t;
/* long, not Linux's long long: the same 64 bits, and identical to glibc's for host tests. */
typedef long loff_t;
typedef int pid_t;		/* a task or process id */
typedef int clockid_t;		/* CLOCK_MONOTONIC, ... */
typedef unsigned short umode_t;	/* file type and permission bits */
/* unsigned long, not Linux's u32: the same values, and identical to glibc's for host tests. */
typedef unsigned long dev_t;

/* A controller's own number for a line (GSI, MSI index, vector domain slot). */
typedef unsigned long irq_hw_number_t;

#endif
