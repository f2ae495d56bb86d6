/* SPDX-License-Identifier: MIT */
/*
 * What the vDSO's C files share: the data page, which the linker script
 * places one page below the image, and the system calls each function
 * falls back to. The vDSO is user code linked on its own (no libc, no
 * kernel symbols), so the syscall instruction is all it has.
 */
#ifndef _VDSO_VDSO_H
#define _VDSO_VDSO_H

#include <vdso/datapage.h>

#define __NR_gettimeofday	96
#define __NR_time		201
#define __NR_clock_gettime	228
#define __NR_clock_getres	229
#define __NR_getcpu		309

struct __kernel_timespec;
struct __kernel_old_timeval;
struct timezone;
struct getcpu_cache;

extern const struct vdso_data vvar_page __attribute__((visibility("hidden")));

static inline long vdso_syscall2(long nr, long a, long b)
{
	long ret;

	asm volatile("syscall" : "=a"(ret) : "0"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

static inline long vdso_syscall3(long nr, long a, long b, long c)
{
	long ret;

	asm volatile("syscall" : "=a"(ret) : "0"(nr), "D"(a), "S"(b), "d"(c)
		     : "rcx", "r11", "memory");
	return ret;
}

#endif
