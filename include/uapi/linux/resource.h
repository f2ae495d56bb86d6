/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_LINUX_RESOURCE_H
#define _UAPI_LINUX_RESOURCE_H

#include <linux/types.h>

/* Resource limits, Linux's numbers (uapi/asm-generic/resource.h). */
#define RLIMIT_CPU		0	/* CPU time, seconds */
#define RLIMIT_FSIZE		1	/* largest file size, bytes */
#define RLIMIT_DATA		2	/* data segment size */
#define RLIMIT_STACK		3	/* main stack size */
#define RLIMIT_CORE		4	/* core file size */
#define RLIMIT_RSS		5	/* resident set size */
#define RLIMIT_NPROC		6	/* processes of the real user */
#define RLIMIT_NOFILE		7	/* open files: one more than the highest fd */
#define RLIMIT_MEMLOCK		8	/* locked memory */
#define RLIMIT_AS		9	/* address space */
#define RLIMIT_LOCKS		10	/* file locks */
#define RLIMIT_SIGPENDING	11	/* queued signals */
#define RLIMIT_MSGQUEUE		12	/* POSIX message queue bytes */
#define RLIMIT_NICE		13	/* ceiling for nice: 20 - rlim_cur */
#define RLIMIT_RTPRIO		14	/* ceiling for the real-time priority */
#define RLIMIT_RTTIME		15	/* real-time CPU time without blocking, us */
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)
#define RLIM64_INFINITY		(~0ULL)

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

/* getrusage()'s who */
#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_BOTH		(-2)	/* self and children: wait4()'s view of a reaped child */
#define RUSAGE_THREAD		1

struct rusage {
	struct { long tv_sec, tv_usec; } ru_utime, ru_stime;	/* struct __kernel_old_timeval */
	long ru_maxrss;		/* KiB */
	long ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;
};

#endif
