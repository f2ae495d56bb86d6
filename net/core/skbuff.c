// SPDX-License-Identifier: MIT
/*
 * Allocating and ending sk_buffs. The head and the data are two kmalloc
 * objects; kmalloc memory is in the direct map, so the data is also
 * physically contiguous and __pa(skb->data) is a DMA address a NIC can
 * use (reflex has no IOMMU). Every ending goes through consume_skb() or
 * kfree_skb_reason(), so every packet the stack lets go is accounted for.
 */
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/cpumask.h>
#include <trace/events/skb.h>

#define __DROP_REASON_NAME(x, n)	[SKB_DROP_REASON_##x] = #x,
#define __DROP_REASON_NONE(x, n)
const char * const drop_reasons[SKB_DROP_REASON_MAX] = {
	DEFINE_DROP_REASON(__DROP_REASON_NAME, __DROP_REASON_NONE)
};

/* The written-out values leave no gap: /proc/net/drop_reasons walks 1..MAX-1. */
#define __DROP_REASON_ONE(x, n)		+ 1
_Static_assert(SKB_DROP_REASON_MAX == 0 DEFINE_DROP_REASON(__DROP_REASON_ONE, __DROP_REASON_ONE),
	      "drop reasons must be numbered 1, 2, 3, ...");

/*
 * Per CPU, as Linux's MIBs: the stack runs on several CPUs at once (a
 * NAPI instance per queue, RPS), and a task dropping a packet may be
 * moved to another CPU at any time. Each count is one %gs-relative add
 * to this CPU's copy, through a register since the reason is known only
 * at run time: no lock, no shared cache line, and no interrupt or
 * migration can come between the read and the write.
 */
static DEFINE_PER_CPU(unsigned long [SKB_DROP_REASON_MAX], skb_drop_counts);

static __always_inline void skb_drop_count_inc(enum skb_drop_reason reason)
{
	unsigned long *pcp = &skb_drop_counts[reason];	/* an offset in the per-CPU area */

	asm volatile("incq %%gs:(%0)" : : "r"(pcp) : "memory", "cc");
}

unsigned long skb_drop_count(enum skb_drop_reason reason)
{
	unsigned long sum = 0;
	unsigned int cpu;

	if (reason >= SKB_DROP_REASON_MAX)
		return 0;
	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu(skb_drop_counts, cpu)[reason]);
	return sum;
}

struct sk_buff *alloc_skb(unsigned int size, gfp_t gfp)
{
	struct sk_buff *skb = kmalloc(sizeof(*skb), gfp);

	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	skb->head = kmalloc(size, gfp);
	if (!skb->head) {
		kfree(skb);
		return NULL;
	}
	skb->data = skb->head;
	skb->end = size;
	skb->truesize = SKB_TRUESIZE(size);
	return skb;
}

struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len + NET_SKB_PAD, GFP_ATOMIC);

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_SKB_PAD);
	skb->dev = dev;
	return skb;
}

static void __kfree_skb(struct sk_buff *skb)
{
	if (skb->destructor)
		skb->destructor(skb);
	kfree(skb->head);
	kfree(skb);
}

/* Both endings record their caller as "location", as Linux's. */
void consume_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	trace_consume_skb(skb, __builtin_return_address(0));
	__kfree_skb(skb);
}

void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (!skb)
		return;
	if (reason == SKB_NOT_DROPPED_YET || reason >= SKB_DROP_REASON_MAX)
		reason = SKB_DROP_REASON_NOT_SPECIFIED;
	trace_kfree_skb(skb, __builtin_return_address(0), reason, NULL);
	skb_drop_count_inc(reason);
	__kfree_skb(skb);
}
