// SPDX-License-Identifier: MIT
/*
 * The time-stamp counter as the kernel's clock: its rate is measured
 * against the 8254 PIT's channel 2 (a known 1.193182 MHz), and
 * sched_clock() turns TSC deltas since boot into nanoseconds for printk
 * timestamps and delays. Under QEMU's -icount the TSC counts instructions,
 * so every figure derived from it repeats exactly.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched/clock.h>
#include <asm/tsc.h>
#include <asm/processor.h>
#include <asm/i8253.h>

#define CAL_MS		10

unsigned int tsc_khz;
u64 tsc_boot;		/* TSC at the kernel's first instruction in C */
u64 cyc2ns_mul;		/* ns = cycles * cyc2ns_mul >> 32 */
static bool no_sched_irq_time;

/* "tsc=noirqtime": charge interrupts to the task they interrupt, as Linux without IRQ time. */
static int __init tsc_setup(char *str)
{
	if (strcmp(str, "noirqtime"))
		return -EINVAL;
	no_sched_irq_time = true;
	return 0;
}
early_param("tsc", tsc_setup);

void tsc_early_init(void)
{
	tsc_boot = rdtsc();
}

u64 sched_clock(void)
{
	if (!cyc2ns_mul)
		return 0;
	return (u64)(((unsigned __int128)(rdtsc() - tsc_boot) * cyc2ns_mul) >> 32);
}

static unsigned long pit_calibrate_tsc(void)
{
	unsigned long loops = 0;
	u64 t1, t2;

	pit_ch2_start(CAL_MS);
	t1 = rdtsc_ordered();
	while (!pit_ch2_expired() && ++loops < 100000000UL)
		;
	t2 = rdtsc_ordered();
	if (loops >= 100000000UL)
		return 0;		/* no PIT: the output never went high */
	return (t2 - t1) / CAL_MS;
}

void tsc_init(void)
{
	unsigned long khz = pit_calibrate_tsc();

	if (!khz) {
		pr_warn("tsc: PIT calibration failed, assuming 1 GHz\n");
		khz = 1000000;
	}
	tsc_khz = khz;
	cyc2ns_mul = ((u64)1000000 << 32) / khz;
	pr_info("tsc: Detected %lu.%03lu MHz processor\n", khz / 1000, khz % 1000);
	if (!no_sched_irq_time)
		enable_sched_clock_irqtime();
}

void udelay(unsigned long usecs)
{
	u64 start = rdtsc(), cycles = (u64)usecs * (tsc_khz ? tsc_khz : 1000000) / 1000;

	while (rdtsc() - start < cycles)
		asm volatile("pause");
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}
