// SPDX-License-Identifier: MIT
/*
 * The device core and NAPI. Devices register here and get their names;
 * received frames enter the stack through netif_receive_skb(), which
 * hands each to the protocol registered for its EtherType; frames leave
 * through dev_queue_xmit() to the driver's ndo_start_xmit().
 *
 * NAPI is Linux's: a driver's interrupt handler masks the device and
 * calls napi_schedule(), which puts the napi_struct on this CPU's
 * softnet_data.poll_list and raises NET_RX_SOFTIRQ; net_rx_action()
 * then polls each instance for up to its weight (64) of frames, for at
 * most netdev_budget (300) frames and netdev_budget_usecs (2 ms) in
 * all, counting a time squeeze when it stops with work left. A poll that
 * used less than its weight calls napi_complete_done() and the driver
 * unmasks; one that used it all stays on the list.
 *
 * Protocol handlers and drivers are not this file's: see net/ipv4/ and
 * drivers/net/. /proc/net/dev and softnet_stat are in net-procfs.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/cpu.h>
#include <linux/etherdevice.h>
#include <linux/sched/clock.h>
#include <linux/cpumask.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <linux/spinlock.h>

DEFINE_PER_CPU(struct softnet_data, softnet_data);
DEFINE_PER_CPU(struct net_rx_cost, net_rx_cost);

int netdev_budget = 300;
unsigned int netdev_budget_usecs = 2000;
bool netdev_napi_off;

static int __init napi_setup(char *arg)
{
	if (!strcmp(arg, "off"))
		netdev_napi_off = true;
	else if (!strcmp(arg, "on"))
		netdev_napi_off = false;
	else
		return -EINVAL;
	return 0;
}
__setup("reflex.napi=", napi_setup);

/* In Linux this is net/core/utils.c's; here, since that file is also built on the host. */
bool net_ratelimit(void)
{
	static u64 window_start;
	static unsigned int printed;

	return __printk_ratelimit(&window_start, &printed);
}

static LIST_HEAD(net_devices);
static LIST_HEAD(ptype_base);
static int dev_ifindex;

/* --- devices ---------------------------------------------------------------- */

struct net_device *alloc_netdev(int sizeof_priv, const char *name_fmt)
{
	struct net_device *dev = kzalloc(sizeof(*dev) + sizeof_priv, GFP_KERNEL);

	if (!dev)
		return NULL;
	strscpy(dev->name, name_fmt, sizeof(dev->name));
	dev->priv = dev + 1;
	INIT_LIST_HEAD(&dev->dev_list);
	set_bit(__LINK_STATE_NOCARRIER, &dev->state);
	return dev;
}

void free_netdev(struct net_device *dev)
{
	kfree(dev);
}

/* "eth%d" becomes the first free ethN, as Linux's dev_alloc_name(). */
static int dev_alloc_name(struct net_device *dev)
{
	char *pct = strstr(dev->name, "%d");
	char name[IFNAMSIZ];
	int i;

	if (!pct)
		return dev_get_by_name(dev->name) ? -EEXIST : 0;
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "%.*s%d", (int)(pct - dev->name), dev->name, i);
		if (!dev_get_by_name(name)) {
			strscpy(dev->name, name, sizeof(dev->name));
			return 0;
		}
	}
	return -ENFILE;
}

int register_netdev(struct net_device *dev)
{
	int err = dev_alloc_name(dev);

	if (err)
		return err;
	dev->ifindex = ++dev_ifindex;
	list_add_tail(&dev->dev_list, &net_devices);
	if (dev->netdev_ops->ndo_open) {
		err = dev->netdev_ops->ndo_open(dev);
		if (err) {
			list_del(&dev->dev_list);
			return err;
		}
	}
	set_bit(__LINK_STATE_START, &dev->state);
	dev->flags |= IFF_UP | IFF_BROADCAST | IFF_MULTICAST;
	return 0;
}

void unregister_netdev(struct net_device *dev)
{
	clear_bit(__LINK_STATE_START, &dev->state);
	if (dev->netdev_ops->ndo_stop)
		dev->netdev_ops->ndo_stop(dev);
	dev->flags &= ~(IFF_UP | IFF_RUNNING);
	list_del(&dev->dev_list);
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

struct net_device *first_net_device(void)
{
	return list_empty(&net_devices) ? NULL :
	       list_first_entry(&net_devices, struct net_device, dev_list);
}

struct net_device_stats dev_get_stats(struct net_device *dev)
{
	struct net_device_stats s;

	if (dev->netdev_ops->ndo_get_stats)
		s = *dev->netdev_ops->ndo_get_stats(dev);
	else
		s = dev->stats;
	s.rx_dropped += READ_ONCE(dev->rx_dropped_core);
	return s;
}

void netif_carrier_on(struct net_device *dev)
{
	if (test_and_clear_bit(__LINK_STATE_NOCARRIER, &dev->state))
		dev->flags |= IFF_RUNNING;
}

void netif_carrier_off(struct net_device *dev)
{
	if (!test_and_set_bit(__LINK_STATE_NOCARRIER, &dev->state))
		dev->flags &= ~IFF_RUNNING;
}

/* --- receiving -------------------------------------------------------------- */

void dev_add_pack(struct packet_type *pt)
{
	list_add_tail(&pt->list, &ptype_base);
}

void dev_remove_pack(struct packet_type *pt)
{
	list_del(&pt->list);
}

/*
 * One frame to the handler of its EtherType. Linux counts a frame nobody
 * takes in the device's core rx_dropped, which /proc/net/dev adds in.
 */
static noinline int __netif_receive_skb(struct sk_buff *skb)
{
	struct packet_type *pt;

	this_cpu_inc(softnet_data.processed);
	list_for_each_entry(pt, &ptype_base, list)
		if (pt->type == skb->protocol)
			return pt->func(skb, skb->dev);
	skb->dev->rx_dropped_core++;
	kfree_skb_reason(skb, SKB_DROP_REASON_UNHANDLED_PROTO);
	return NET_RX_DROP;
}

int netif_receive_skb(struct sk_buff *skb)
{
	u64 start = rdtsc();
	int ret = __netif_receive_skb(skb);

	this_cpu_add(net_rx_cost.stack, rdtsc() - start);
	this_cpu_inc(net_rx_cost.frames);
	return ret;
}

/* --- transmitting ------------------------------------------------------------ */

int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	enum skb_drop_reason reason = SKB_DROP_REASON_DEV_READY;

	if (!netif_running(dev) || !netif_carrier_ok(dev))
		goto drop;
	reason = SKB_DROP_REASON_FULL_RING;
	if (netif_queue_stopped(dev))
		goto drop;
	if (dev->netdev_ops->ndo_start_xmit(skb, dev) == NETDEV_TX_OK)
		return 0;
drop:
	/* No qdisc to hold it for later: the frame is lost, and counted. */
	dev->stats.tx_dropped++;
	kfree_skb_reason(skb, reason);
	return -ENOBUFS;
}

/* --- NAPI -------------------------------------------------------------------- */

#define NAPIF_STATE_SCHED	BIT(NAPI_STATE_SCHED)
#define NAPIF_STATE_MISSED	BIT(NAPI_STATE_MISSED)
#define NAPIF_STATE_DISABLE	BIT(NAPI_STATE_DISABLE)

static inline bool napi_state_cmpxchg(struct napi_struct *n, unsigned long *old,
				      unsigned long new)
{
	return __atomic_compare_exchange_n(&n->state, old, new, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight)
{
	INIT_LIST_HEAD(&napi->poll_list);
	napi->poll = poll;
	napi->weight = weight;
	napi->dev = dev;
	/* Born disabled, as Linux's: napi_enable() lets it be scheduled. */
	napi->state = NAPIF_STATE_SCHED;
}

/* An event "missed" while disabled belongs to no poll: enabling starts clean. */
void napi_enable(struct napi_struct *n)
{
	WARN_ON_ONCE(!test_bit(NAPI_STATE_SCHED, &n->state));
	clear_bit(NAPI_STATE_DISABLE, &n->state);
	clear_bit(NAPI_STATE_MISSED, &n->state);
	clear_bit(NAPI_STATE_SCHED, &n->state);
}

/* Waits for a poll in progress to end, then keeps the instance for itself. */
void napi_disable(struct napi_struct *n)
{
	set_bit(NAPI_STATE_DISABLE, &n->state);
	while (test_and_set_bit(NAPI_STATE_SCHED, &n->state))
		cpu_relax();
}

/*
 * The test-and-set that makes one CPU the owner. Scheduling an instance
 * that is already owned marks it MISSED instead, so the owner's
 * napi_complete_done() polls once more rather than losing the event.
 */
bool napi_schedule_prep(struct napi_struct *n)
{
	unsigned long val = READ_ONCE(n->state), new;

	do {
		if (unlikely(val & NAPIF_STATE_DISABLE))
			return false;
		new = val | NAPIF_STATE_SCHED;
		if (val & NAPIF_STATE_SCHED)
			new |= NAPIF_STATE_MISSED;
	} while (!napi_state_cmpxchg(n, &val, new));
	return !(val & NAPIF_STATE_SCHED);
}

/* Interrupts off: the poll list is also changed from interrupt handlers. */
static inline void ____napi_schedule(struct softnet_data *sd, struct napi_struct *n)
{
	list_add_tail(&n->poll_list, &sd->poll_list);
	/*
	 * Inside net_rx_action() the list is re-read before it returns;
	 * raising again would only cost a pass.
	 */
	if (!sd->in_net_rx_action)
		__raise_softirq_irqoff(NET_RX_SOFTIRQ);
}

void __napi_schedule(struct napi_struct *n)
{
	unsigned long flags;

	local_irq_save(flags);
	____napi_schedule(this_cpu_ptr(&softnet_data), n);
	local_irq_restore(flags);
}

bool napi_complete_done(struct napi_struct *n, int work_done)
{
	unsigned long flags, val, new;

	/* A poll that was moved by net_rx_action() must be off every list. */
	if (unlikely(!list_empty(&n->poll_list))) {
		local_irq_save(flags);
		list_del_init(&n->poll_list);
		local_irq_restore(flags);
	}
	val = READ_ONCE(n->state);
	do {
		WARN_ON_ONCE(!(val & NAPIF_STATE_SCHED));
		new = val & ~(NAPIF_STATE_MISSED | NAPIF_STATE_SCHED);
		/* Missed an event while polling: stay owned and go round again. */
		if (val & NAPIF_STATE_MISSED)
			new |= NAPIF_STATE_SCHED;
	} while (!napi_state_cmpxchg(n, &val, new));

	if (unlikely(val & NAPIF_STATE_MISSED)) {
		__napi_schedule(n);
		return false;
	}
	return true;
}

/*
 * One poll of @n. A poll that used its whole weight still owns the
 * instance and must not have completed it; it is put back (*repoll)
 * for a later round, unless it is being disabled.
 */
static noinline __noclone int __napi_poll(struct napi_struct *n, bool *repoll)
{
	int weight = n->weight;
	int work = 0;

	if (test_bit(NAPI_STATE_SCHED, &n->state)) {
		n->polls++;
		work = n->poll(n, weight);
	}
	if (unlikely(work > weight))
		pr_err_once("NAPI poll function %pS returned %d, exceeding its budget of %d.\n",
			    n->poll, work, weight);
	if (likely(work < weight))
		return work;
	if (unlikely(test_bit(NAPI_STATE_DISABLE, &n->state))) {
		napi_complete_done(n, work);
		return work;
	}
	if (unlikely(!list_empty(&n->poll_list))) {
		pr_warn_once("%s: Budget exhausted after napi rescheduled\n",
			     n->dev ? n->dev->name : "backlog");
		return work;
	}
	*repoll = true;
	return work;
}

/* Linux's napi_poll() is inlined into net_rx_action(): traces show __napi_poll there. */
static __always_inline int napi_poll(struct napi_struct *n, struct list_head *repoll)
{
	bool do_repoll = false;
	int work;

	list_del_init(&n->poll_list);
	work = __napi_poll(n, &do_repoll);
	if (do_repoll)
		list_add_tail(&n->poll_list, repoll);
	return work;
}

/* Moves every entry of @from to the end of @to, leaving @from empty. */
static void poll_list_splice_tail(struct list_head *from, struct list_head *to)
{
	while (!list_empty(from)) {
		struct list_head *e = from->next;

		list_del(e);
		list_add_tail(e, to);
	}
}

/*
 * Polls what is on this CPU's poll list until it is empty, the budget
 * is spent, or the time is up. The list is taken whole with interrupts
 * off and walked with them on, so drivers can keep scheduling; what is
 * left (not finished, scheduled meanwhile, or repolled) goes back with
 * the repolled instances last, and NET_RX is raised again for it.
 *
 * Linux bounds the time in jiffies (2 ms is one jiffy at HZ=250); reflex
 * uses local_clock(), exact under -icount, as kernel/softirq.c does.
 */
static noinline __noclone void net_rx_action(void)
{
	struct softnet_data *sd = this_cpu_ptr(&softnet_data);
	u64 start = rdtsc();
	u64 time_limit = local_clock() + (u64)READ_ONCE(netdev_budget_usecs) * 1000;
	int budget = READ_ONCE(netdev_budget);
	LIST_HEAD(list);
	LIST_HEAD(repoll);

restart:
	sd->in_net_rx_action = true;
	local_irq_disable();
	poll_list_splice_tail(&sd->poll_list, &list);
	local_irq_enable();

	for (;;) {
		struct napi_struct *n;

		if (list_empty(&list)) {
			if (list_empty(&repoll)) {
				sd->in_net_rx_action = false;
				barrier();
				/* Scheduled while in_net_rx_action hid it from raising. */
				if (!list_empty(&sd->poll_list))
					goto restart;
				goto out;
			}
			break;
		}
		n = list_first_entry(&list, struct napi_struct, poll_list);
		budget -= napi_poll(n, &repoll);
		if (unlikely(budget <= 0 || local_clock() >= time_limit)) {
			sd->time_squeeze++;
			break;
		}
	}

	local_irq_disable();
	poll_list_splice_tail(&sd->poll_list, &list);
	poll_list_splice_tail(&repoll, &list);
	poll_list_splice_tail(&list, &sd->poll_list);
	if (!list_empty(&sd->poll_list))
		__raise_softirq_irqoff(NET_RX_SOFTIRQ);
	else
		sd->in_net_rx_action = false;
	local_irq_enable();
out:
	this_cpu_add(net_rx_cost.softirq, rdtsc() - start);
	this_cpu_inc(net_rx_cost.rx_actions);
}

void net_rx_cost_hardirq(u64 start)
{
	this_cpu_add(net_rx_cost.hardirq, rdtsc() - start);
	this_cpu_inc(net_rx_cost.irqs);
}

int dev_proc_init(void);

/**
 * dev_cpu_dead - take over the receive work of a dead CPU
 * @oldcpu: the dead CPU
 *
 * On the controlling CPU. The NAPI instances scheduled on @oldcpu (its
 * interrupt arrived there before the IRQ moved) join this CPU's poll
 * list and NET_RX is raised here, so their packets are polled now, not
 * when @oldcpu returns. reflex has no per-CPU backlog queue to drain.
 */
int dev_cpu_dead(unsigned int oldcpu)
{
	struct softnet_data *sd, *oldsd = &per_cpu(softnet_data, oldcpu);

	local_irq_disable();
	sd = this_cpu_ptr(&softnet_data);
	if (!list_empty(&oldsd->poll_list)) {
		poll_list_splice_tail(&oldsd->poll_list, &sd->poll_list);
		__raise_softirq_irqoff(NET_RX_SOFTIRQ);
	}
	oldsd->in_net_rx_action = false;
	local_irq_enable();
	return 0;
}

/* Linux's subsys_initcall(net_dev_init). */
int net_dev_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		INIT_LIST_HEAD(&per_cpu(softnet_data, cpu).poll_list);
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	return dev_proc_init();
}

/* Calls @fn for every registered device, in ifindex order; returns how many. */
int dev_for_each(void (*fn)(struct net_device *dev, void *arg), void *arg)
{
	struct net_device *dev;
	int n = 0;

	list_for_each_entry(dev, &net_devices, dev_list) {
		fn(dev, arg);
		n++;
	}
	return n;
}
