// SPDX-License-Identifier: MIT
/*
 * CPU time accounting, as Linux's tick-based accounting with
 * CONFIG_IRQ_TIME_ACCOUNTING:
 *
 * - IRQ time: each CPU adds up, exactly, the nanoseconds it spends in
 *   hard interrupts and in softirqs run outside ksoftirqd, into the
 *   hard-IRQ and softirq buckets of kernel_cpustat. The scheduler's task
 *   clock (rq->clock_task) leaves that time out, so a task's run time,
 *   which its slice is measured in, is its own: a receive flood's NET_RX
 *   run at an interrupt's exit in whatever task was interrupted no longer
 *   uses up that task's slice. What ksoftirqd runs stays its run time,
 *   so that the scheduler shares the CPU between it and the tasks.
 * - Ticks: each tick charges the rest of its period (less the IRQ time
 *   since the last one) to the bucket of what it interrupted: user, nice,
 *   system, idle, or softirq for ksoftirqd.
 *
 * "tsc=noirqtime" turns IRQ time off: each tick then charges its whole
 * period, to hard IRQ or softirq too if it interrupted one, and tasks
 * pay for the interrupts that run in their context. /proc/stat reads the
 * buckets. reflex has no guest mode, no steal clock and no I/O wait
 * accounting, so those buckets stay zero.
 */
#include <linux/kernel.h>
#include <linux/kernel_stat.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <linux/interrupt.h>
#include <linux/sched/clock.h>
#include <linux/vtime.h>
#include "sched.h"

DEFINE_PER_CPU(struct kernel_stat, kstat);
DEFINE_PER_CPU(struct kernel_cpustat, kernel_cpustat);

#define TICK_NSEC_ACCT	(1000000000ULL / HZ)

static void account_index_time(enum cpu_usage_stat index, u64 cputime)
{
	this_cpu_ptr(&kernel_cpustat)->cpustat[index] += cputime;
}

static void account_system_index_time(struct task_struct *p, u64 cputime,
				      enum cpu_usage_stat index)
{
	p->stime += cputime;
	account_index_time(index, cputime);
}

int sched_clock_irqtime;
DEFINE_PER_CPU(struct irqtime, cpu_irqtime);

static void irqtime_account_delta(struct irqtime *irqtime, u64 delta,
				  enum cpu_usage_stat index)
{
	account_index_time(index, delta);
	irqtime->total += delta;
	irqtime->tick_delta += delta;
}

/*
 * Charges the time since this CPU's last hook to the context it leaves
 * or was in: hard-IRQ time, or softirq time unless ksoftirqd is the one
 * serving softirqs. Task time is not added up here; it is what
 * rq->clock_task has left. Interrupts are off in every caller.
 */
void irqtime_account_irq(struct task_struct *curr, unsigned int offset)
{
	struct irqtime *irqtime;
	unsigned int pc;
	u64 now, delta;

	if (!sched_clock_irqtime)
		return;
	irqtime = this_cpu_ptr(&cpu_irqtime);
	now = sched_clock();
	delta = now - irqtime->irq_start_time;
	irqtime->irq_start_time = now;
	pc = irq_count() - offset;
	if (pc & HARDIRQ_MASK)
		irqtime_account_delta(irqtime, delta, CPUTIME_IRQ);
	else if ((pc & SOFTIRQ_OFFSET) && curr != __this_cpu_read(ksoftirqd))
		irqtime_account_delta(irqtime, delta, CPUTIME_SOFTIRQ);
}

/* The IRQ time charged since the last tick took it. */
static u64 irqtime_tick_accounted(void)
{
	struct irqtime *irqtime = this_cpu_ptr(&cpu_irqtime);
	u64 delta = irqtime->tick_delta;

	irqtime->tick_delta = 0;
	return delta;
}

/*
 * With IRQ time the hard-IRQ and softirq buckets already hold their
 * exact time, so a tick charges only the rest of its period, and to what
 * it interrupted outside interrupts; ksoftirqd's time is softirq time.
 */
static void irqtime_account_process_tick(struct task_struct *p, int user_tick)
{
	u64 cputime = TICK_NSEC_ACCT, other = irqtime_tick_accounted();

	if (other >= cputime)
		return;
	cputime -= other;
	if (p == __this_cpu_read(ksoftirqd))
		account_system_index_time(p, cputime, CPUTIME_SOFTIRQ);
	else if (user_tick)
		account_user_time(p, cputime);
	else if (is_idle_task(p))
		account_idle_time(cputime);
	else
		account_system_index_time(p, cputime, CPUTIME_SYSTEM);
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

	if (hardirq_count() - hardirq_offset)
		index = CPUTIME_IRQ;
	else if (in_serving_softirq())
		index = CPUTIME_SOFTIRQ;
	else
		index = CPUTIME_SYSTEM;
	account_system_index_time(p, cputime, index);
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
 * Called from the tick, in hard-IRQ context. Without IRQ time the idle
 * task interrupted outside any interrupt is idle time; inside one it is
 * IRQ or softirq time, as Linux counts it.
 */
void account_process_tick(struct task_struct *p, int user_tick)
{
	if (sched_clock_irqtime)
		irqtime_account_process_tick(p, user_tick);
	else if (user_tick)
		account_user_time(p, TICK_NSEC_ACCT);
	else if (!is_idle_task(p) || irq_count() != HARDIRQ_OFFSET)
		account_system_time(p, HARDIRQ_OFFSET, TICK_NSEC_ACCT);
	else
		account_idle_time(TICK_NSEC_ACCT);
}
