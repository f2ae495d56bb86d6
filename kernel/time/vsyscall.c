// SPDX-License-Identifier: MIT
/*
 * Publishing the clock to the vDSO's data page (Linux's
 * kernel/time/vsyscall.c). reflex's clock is a pure function of the TSC
 * (sched_clock()) plus the wall-clock offset read from the RTC at boot,
 * so the page holds the TSC at boot as cycle_last, the TSC-to-ns factor,
 * and per clock its base: 0 for the monotonic clocks, the boot time for
 * CLOCK_REALTIME. The coarse clocks read the same as the fine ones, as
 * they do through the system call. Written at boot and on every tick,
 * under the page's sequence count.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/vdso.h>
#include <vdso/datapage.h>

extern s64 boot_realtime_sec;

static DEFINE_SPINLOCK(vdso_data_lock);	/* one writer: the tick may move between CPUs */

static int vdso_getcpu_mode(void)
{
	return boot_cpu_has(X86_FEATURE_RDPID) ? VDSO_GETCPU_RDPID : VDSO_GETCPU_LSL;
}

static void vdso_set_bases(struct vdso_data *vd)
{
	static const int monotonic[] = { 1, 4, 6, 7 };	/* MONOTONIC, _RAW, _COARSE, BOOTTIME */
	static const int realtime[] = { 0, 5 };		/* REALTIME, _COARSE */
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(monotonic); i++)
		vd->basetime[monotonic[i]] = (struct vdso_timestamp){ 0, 0 };
	for (i = 0; i < ARRAY_SIZE(realtime); i++)
		vd->basetime[realtime[i]] = (struct vdso_timestamp){ boot_realtime_sec, 0 };
}

/**
 * update_vsyscall - write the clock's current parameters to the vDSO page
 *
 * Readers on other CPUs see the sequence count odd while the fields
 * change and retry; the count is even again before the lock drops.
 */
void update_vsyscall(void)
{
	struct vdso_data *vd = vdso_data;
	unsigned long flags;

	if (!vd)
		return;
	spin_lock_irqsave(&vdso_data_lock, flags);
	WRITE_ONCE(vd->seq, vd->seq + 1);
	smp_wmb();
	vd->clock_mode = cyc2ns_mul ? VDSO_CLOCKMODE_TSC : VDSO_CLOCKMODE_NONE;
	vd->cycle_last = tsc_boot;
	vd->mult = cyc2ns_mul;
	vd->shift = 32;
	vd->hrtimer_res = 1;		/* what clock_getres() says */
	vdso_set_bases(vd);
	vd->getcpu_mode = vdso_getcpu_mode();
	smp_wmb();
	WRITE_ONCE(vd->seq, vd->seq + 1);
	spin_unlock_irqrestore(&vdso_data_lock, flags);
}
