/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_BOTTOM_HALF_H
#define _LINUX_BOTTOM_HALF_H

/*
 * Holding softirqs off on this CPU. local_bh_disable() adds
 * SOFTIRQ_DISABLE_OFFSET to the preempt count, which makes in_softirq()
 * and in_interrupt() true, so neither irq_exit() nor another
 * local_bh_enable() runs softirqs underneath. The outermost
 * local_bh_enable() runs what was raised meanwhile (kernel/softirq.c).
 * Disabling nests; each level is 2 in the SOFTIRQ field, leaving the odd
 * bit to mean "serving softirqs now" (linux/preempt.h).
 */
#include <linux/preempt.h>

#ifndef _THIS_IP_
#define _THIS_IP_	({ __label__ __here; __here: (unsigned long)&&__here; })
#endif

static __always_inline void __local_bh_disable_ip(unsigned long ip, unsigned int cnt)
{
	preempt_count_add(cnt);
	barrier();
}

void __local_bh_enable_ip(unsigned long ip, unsigned int cnt);
/* Drops one level without running pending softirqs (the caller will, or ksoftirqd). */
void _local_bh_enable(void);

static inline void local_bh_disable(void)
{
	__local_bh_disable_ip(_THIS_IP_, SOFTIRQ_DISABLE_OFFSET);
}

static inline void local_bh_enable_ip(unsigned long ip)
{
	__local_bh_enable_ip(ip, SOFTIRQ_DISABLE_OFFSET);
}

static inline void local_bh_enable(void)
{
	__local_bh_enable_ip(_THIS_IP_, SOFTIRQ_DISABLE_OFFSET);
}

#endif
