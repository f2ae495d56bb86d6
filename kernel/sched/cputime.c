// SPDX-License-Identifier: MIT
/*
 * Tick-based CPU time accounting, as Linux without
 * CONFIG_VIRT_CPU_ACCOUNTING or IRQ time: each tick charges one tick's
 * nanoseconds to the bucket of whatever the tick interrupted (user,
 * nice, system, hard IRQ, softirq, idle) on the CPU it ran on, into
 * kernel_cpustat. /proc/stat reads the buckets. reflex has no guest
 * mode, no steal clock and no I/O wait accounting, so those buckets stay
 * zero.
 */
#include <linux/kernel.h>
#include <linux/kernel_stat.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include "sched.h"

DEFINE_PER_CPU(struct kernel_stat, kstat);
DEFINE_PER_CPU(struct kernel_cpustat, kernel_cpustat);

#define TICK_NSEC_ACCT	(1000000000ULL / HZ)

static void account_index_time(enum cpu_usage_stat index, u64 cputime)
{
	this_cpu_ptr(&kernel_cpustat)->cpustat[index] += cputime;
}

static int task_nice(const struct task_struct *p)
{
	return p->static_prio - DEFAULT_PRIO;
}

void account_user_time(struct task_struct *p, u64 cputime)
{
	p->utime += cputime;
	account_index_time(task_nice(p) > 0 ? CPUTIME_NICE : CPUTIME_USER, cputime);
}

/* @hardirq_offset: the hard-IRQ level the caller itself runs at (the tick's own). */
void account_system_time(struct task_struct *p, int hardirq_offset, u64 cputime)
{
	enum cpu_usage_stat index;

	p->stime += cputime;
	if (hardirq_count() - hardirq_offset)
		index = CPUTIME_IRQ;
	else if (in_serving_softirq())
		index = CPUTIME_SOFTIRQ;
	else
		index = CPUTIME_SYSTEM;
	account_index_time(index, cputime);
}

void account_idle_time(u64 cputime)
{
	account_index_time(CPUTIME_IDLE, cputime);
}

/**
 * account_process_tick - charge one tick to what it interrupted
 * @p: the task running on this CPU
 * @user_tick: the tick came from user mode
 *
 * Called from the tick, in hard-IRQ context. The idle task interrupted
 * outside any interrupt is idle time; inside one it is IRQ or softirq
 * time, as Linux counts it.
 */
void account_process_tick(struct task_struct *p, int user_tick)
{
	if (user_tick)
		account_user_time(p, TICK_NSEC_ACCT);
	else if (!is_idle_task(p) || irq_count() != HARDIRQ_OFFSET)
		account_system_time(p, HARDIRQ_OFFSET, TICK_NSEC_ACCT);
	else
		account_idle_time(TICK_NSEC_ACCT);
}
