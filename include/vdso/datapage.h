/* SPDX-License-Identifier: MIT */
/*
 * The vDSO's data page ("[vvar]"): what the kernel publishes for the
 * user-mode clock and getcpu code, mapped read-only into every process
 * one page below the vDSO's text. Only the kernel writes it
 * (update_vsyscall()); readers retry while seq is odd or changed, as
 * with Linux's vdso_data. The layout is private to the kernel and its
 * own vDSO: programs reach it only through the vDSO's functions.
 */
#ifndef _VDSO_DATAPAGE_H
#define _VDSO_DATAPAGE_H

#define VDSO_BASES		12	/* basetime[] is indexed by clock id, up to CLOCK_TAI */

/* How the vDSO may read the clock: VDSO_CLOCKMODE_NONE sends it to the syscall. */
#define VDSO_CLOCKMODE_NONE	0
#define VDSO_CLOCKMODE_TSC	1

/*
 * How __vdso_getcpu finds (node << 12) | cpu: RDPID reads TSC_AUX, LSL
 * the limit of the GDT's CPUNODE segment; the kernel sets both per CPU.
 * 0, before the page is first written, sends it to the system call.
 */
#define VDSO_GETCPU_SYSCALL	0
#define VDSO_GETCPU_LSL		1
#define VDSO_GETCPU_RDPID	2

struct vdso_timestamp {
	unsigned long long sec;
	unsigned long long nsec;
};

/*
 * A clock reads basetime[clock] + ((TSC - cycle_last) * mult >> shift)
 * nanoseconds, computed with 128 bits: the kernel's own clock_gettime()
 * uses the same formula on the same values, so the two always agree.
 */
struct vdso_data {
	unsigned int seq;
	int clock_mode;
	unsigned long long cycle_last;
	unsigned long long mult;
	unsigned int shift;
	unsigned int hrtimer_res;		/* clock_getres() of the fine clocks, ns */
	struct vdso_timestamp basetime[VDSO_BASES];
	int tz_minuteswest;
	int tz_dsttime;
	int getcpu_mode;
};

#endif
