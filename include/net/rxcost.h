/* SPDX-License-Identifier: MIT */
#ifndef _NET_RXCOST_H
#define _NET_RXCOST_H

/*
 * reflex: where the receive path spends its time, in TSC ticks (exact
 * instruction counts under -icount shift=0), for /proc/net/rxcost,
 * tools/netcost.py and make bench. Linux has no such counters; they
 * live here, as inline hooks, so that the functions they measure keep
 * Linux's shape: each takes a stamp on entry (rxcost_begin()) and hands
 * it to the hook of its kind on the way out.
 *
 * @hardirq: in the NIC's handler (e1000_intr); @softirq: in
 * net_rx_action(); @stack: in __netif_receive_skb() (inside one of the
 * other two). Per CPU, each added by its own CPU with interrupts or
 * bottom halves keeping the CPU: no lock, no atomic.
 */
#include <linux/types.h>
#include <asm/percpu.h>
#include <asm/processor.h>	/* rdtsc() */

struct net_rx_cost {
	u64		hardirq, softirq, stack;
	unsigned long	irqs, rx_actions, frames;
};
DECLARE_PER_CPU(struct net_rx_cost, net_rx_cost);

static __always_inline u64 rxcost_begin(void)
{
	return rdtsc();
}

/* A NIC's hard-IRQ handler is done (for drivers). */
static __always_inline void rxcost_hardirq(u64 start)
{
	this_cpu_add(net_rx_cost.hardirq, rdtsc() - start);
	this_cpu_inc(net_rx_cost.irqs);
}

/* One net_rx_action() pass is done. */
static __always_inline void rxcost_softirq(u64 start)
{
	this_cpu_add(net_rx_cost.softirq, rdtsc() - start);
	this_cpu_inc(net_rx_cost.rx_actions);
}

/* One frame went through the stack. */
static __always_inline void rxcost_stack(u64 start)
{
	this_cpu_add(net_rx_cost.stack, rdtsc() - start);
	this_cpu_inc(net_rx_cost.frames);
}

#endif
