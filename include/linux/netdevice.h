/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H

/*
 * Network devices and NAPI (net/core/dev.c): struct net_device with its
 * operations and statistics, the per-CPU softnet_data whose poll_list
 * NET_RX_SOFTIRQ walks, struct napi_struct and the NAPI calls a driver
 * makes (napi_schedule() from its interrupt, napi_complete_done() from
 * its poll), the receive entries netif_receive_skb() (from a NAPI poll)
 * and netif_rx() (from a hard IRQ) with the protocol handlers registered
 * by dev_add_pack(), each CPU's backlog and Receive Packet Steering over
 * a device's receive queues (struct netdev_rx_queue, its rps_map), and
 * dev_queue_xmit() with its transmit queues (struct netdev_queue), each
 * with its own lock.
 *
 * Semantics are Linux 6.x's; what is left out: qdiscs (a frame the
 * driver cannot take is dropped and counted), GRO (napi_gro_receive()
 * hands the frame straight up), RFS (the flow tables), the backlog's
 * flow limit, busy polling, XPS (a driver without ndo_select_queue sends
 * on queue 0).
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/skbuff.h>
#include <linux/if_ether.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <asm/percpu.h>

#define IFNAMSIZ	16

/* dev->flags (Linux's IFF_*, uapi/linux/if.h). */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_RUNNING	0x40
#define IFF_MULTICAST	0x1000

/* dev->state bits. */
enum netdev_state_t {
	__LINK_STATE_START,		/* opened */
	__LINK_STATE_NOCARRIER,		/* the link is down */
};

/* netdev_queue->state bits. */
enum netdev_queue_state_t {
	__QUEUE_STATE_DRV_XOFF,		/* the driver stopped this transmit queue */
};

/* dev->features (Linux's NETIF_F_*). */
#define NETIF_F_LLTX	(1ULL << 12)	/* the driver locks its own transmit path */

typedef enum netdev_tx {
	NETDEV_TX_OK	= 0x00,		/* the driver took the frame */
	NETDEV_TX_BUSY	= 0x10,		/* no room; the frame is still the caller's */
} netdev_tx_t;

/* What /proc/net/dev prints, Linux's struct net_device_stats fields. */
struct net_device_stats {
	unsigned long	rx_packets, tx_packets;
	unsigned long	rx_bytes, tx_bytes;
	unsigned long	rx_errors, tx_errors;
	unsigned long	rx_dropped, tx_dropped;
	unsigned long	multicast, collisions;
	unsigned long	rx_length_errors, rx_over_errors, rx_crc_errors;
	unsigned long	rx_frame_errors, rx_fifo_errors, rx_missed_errors;
	unsigned long	tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	unsigned long	tx_heartbeat_errors, tx_window_errors;
	unsigned long	rx_compressed, tx_compressed;
};

/*
 * The same counters, 64 bits wide, in storage the caller owns (Linux's
 * struct rtnl_link_stats64): what dev_get_stats() fills, so two readers
 * on two CPUs never write one shared copy.
 */
struct rtnl_link_stats64 {
	u64	rx_packets, tx_packets;
	u64	rx_bytes, tx_bytes;
	u64	rx_errors, tx_errors;
	u64	rx_dropped, tx_dropped;
	u64	multicast, collisions;
	u64	rx_length_errors, rx_over_errors, rx_crc_errors;
	u64	rx_frame_errors, rx_fifo_errors, rx_missed_errors;
	u64	tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	u64	tx_heartbeat_errors, tx_window_errors;
	u64	rx_compressed, tx_compressed;
};

/**
 * struct netdev_queue - one transmit queue of a device (Linux's)
 * @dev:		the device
 * @_xmit_lock:		held around the driver's ndo_start_xmit() for this
 *			queue (HARD_TX_LOCK), so CPUs sending at once take turns
 * @xmit_lock_owner:	the CPU holding it, -1 when free
 * @state:		__QUEUE_STATE_* bits
 */
struct netdev_queue {
	struct net_device	*dev;
	spinlock_t		_xmit_lock;
	int			xmit_lock_owner;
	unsigned long		state;
};

/*
 * The core's own drops, per CPU (Linux's struct net_device_core_stats):
 * any CPU receiving or transmitting counts into its own slot.
 */
struct net_device_core_stats {
	unsigned long	rx_dropped;
	unsigned long	tx_dropped;
} __aligned(64);

struct net_device;

/*
 * The CPUs Receive Packet Steering spreads a receive queue's frames over
 * (Linux's struct rps_map): @cpus[reciprocal_scale(hash, @len)] takes a
 * frame. Written from /sys/class/net/DEV/queues/rx-N/rps_cpus.
 */
struct rps_map {
	unsigned int	len;
	u16		cpus[];
};
#define RPS_MAP_SIZE(_num) (sizeof(struct rps_map) + ((_num) * sizeof(u16)))

/**
 * struct netdev_rx_queue - one receive queue of a device
 * @rps_map:	NULL when RPS is off for the queue (the default)
 * @dev:	the device
 * @index:	N of rx-N
 * @sysfs:	its rps_cpus file exists
 */
struct netdev_rx_queue {
	struct rps_map		*rps_map;
	struct net_device	*dev;
	unsigned int		index;
	bool			sysfs;
};

/**
 * struct net_device_ops - what a driver implements
 * @ndo_open:		bring the device up (rings, interrupt); 0 or -errno
 * @ndo_stop:		take it down
 * @ndo_start_xmit:	queue one frame for transmission; NETDEV_TX_BUSY leaves
 *			the skb with the caller
 * @ndo_select_queue:	which transmit queue @skb goes to (0..real_num_tx_queues-1);
 *			without it, queue 0
 * @ndo_get_stats64:	fill @storage (zeroed) with the device's counters, summed
 *			from wherever the driver keeps them (per queue, per CPU)
 * @ndo_get_stats:	refresh and return dev->stats (a driver whose counters
 *			have one writer at a time); without either, dev->stats
 */
struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	u16 (*ndo_select_queue)(struct net_device *dev, struct sk_buff *skb);
	void (*ndo_get_stats64)(struct net_device *dev, struct rtnl_link_stats64 *storage);
	struct net_device_stats *(*ndo_get_stats)(struct net_device *dev);
};

/**
 * struct net_device - one interface
 * @name:		"eth0" once registered
 * @ifindex:		1, 2, ... in registration order
 * @flags:		IFF_*
 * @state:		__LINK_STATE_* bits
 * @mtu:		largest IP datagram it carries
 * @dev_addr:		its Ethernet address
 * @irq:		the Linux IRQ it interrupts on (informational)
 * @stats:		the counters of a driver that keeps them here (only
 *			when each has one writer at a time)
 * @features:		NETIF_F_* bits
 * @_tx:		the transmit queues, @num_tx_queues of them
 * @num_tx_queues:	allocated (alloc_netdev_mqs())
 * @real_num_tx_queues:	in use (netif_set_real_num_tx_queues())
 * @core_stats:		frames the core dropped (no protocol handler, the
 *			device not ready, a full backlog), one slot per
 *			possible CPU; added to rx_dropped and tx_dropped in
 *			/proc/net/dev as Linux's are
 * @_rx:		the receive queues, @num_rx_queues of them
 * @num_rx_queues:	allocated (alloc_netdev_mqs())
 * @real_num_rx_queues:	in use (netif_set_real_num_rx_queues()); each has
 *			its rps_cpus file while the device is registered
 * @napi_list:		its NAPI instances (napi_struct.dev_list)
 * @threaded:		NAPI polls run in kthreads (/sys/class/net/DEV/threaded)
 */
struct net_device {
	char				name[IFNAMSIZ];
	int				ifindex;
	unsigned int			flags;
	unsigned long			state;
	unsigned int			mtu;
	u8				dev_addr[ETH_ALEN];
	u8				broadcast[ETH_ALEN];
	int				irq;
	const struct net_device_ops	*netdev_ops;
	struct net_device_stats		stats;
	u64				features;
	struct netdev_queue		*_tx;
	unsigned int			num_tx_queues;
	unsigned int			real_num_tx_queues;
	struct net_device_core_stats	*core_stats;
	struct netdev_rx_queue		*_rx;
	unsigned int			num_rx_queues;
	unsigned int			real_num_rx_queues;
	struct list_head		dev_list;
	struct list_head		napi_list;
	bool				threaded;
	void				*priv;
};

static inline void *netdev_priv(const struct net_device *dev)
{
	return dev->priv;
}

/*
 * A device and @sizeof_priv bytes of driver state after it, zeroed; name
 * "eth%d"; @txqs transmit queues, all in use until
 * netif_set_real_num_tx_queues() says fewer, and @rxqs receive queues,
 * all in use until netif_set_real_num_rx_queues() says fewer.
 */
struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name_fmt,
				    unsigned int txqs, unsigned int rxqs);
static inline struct net_device *alloc_netdev(int sizeof_priv, const char *name_fmt)
{
	return alloc_netdev_mqs(sizeof_priv, name_fmt, 1, 1);
}
/* How many transmit queues are in use, 1..num_tx_queues; 0 or -EINVAL. */
int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq);
/* How many receive queues are in use, 1..num_rx_queues; 0 or -EINVAL. */
int netif_set_real_num_rx_queues(struct net_device *dev, unsigned int rxq);
void free_netdev(struct net_device *dev);
/* Names it (eth0, eth1, ...), lists it, and opens it (Linux leaves that to "ip link set up"). */
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
struct net_device *dev_get_by_name(const char *name);
struct net_device *dev_get_by_index(int ifindex);
/* net/core/dev_ioctl.c: SIOCGIF* on a socket's behalf; @inet: an AF_INET socket's. */
int dev_ioctl(unsigned int cmd, void __user *arg, bool inet);
/* The first registered device that is not loopback; NULL when none. */
struct net_device *first_net_device(void);
/* Calls @fn for every registered device, in ifindex order; returns how many. */
int dev_for_each(void (*fn)(struct net_device *dev, void *arg), void *arg);
/*
 * The device's counters with the core's added, into @storage: what
 * /proc/net/dev prints. Returns @storage.
 */
struct rtnl_link_stats64 *dev_get_stats(struct net_device *dev,
					struct rtnl_link_stats64 *storage);

/*
 * Counts a drop of the core's in this CPU's slot. Preemption is off so
 * the slot stays this CPU's, and the add is one instruction, which an
 * interrupt on this CPU cannot split.
 */
#define DEV_CORE_STATS_INC(FIELD)						\
static inline void dev_core_stats_##FIELD##_inc(struct net_device *dev)	\
{										\
	struct net_device_core_stats *p;					\
										\
	preempt_disable();							\
	p = &dev->core_stats[smp_processor_id()];				\
	asm volatile("incq %0" : "+m"(p->FIELD) : : "cc");			\
	preempt_enable();							\
}
DEV_CORE_STATS_INC(rx_dropped)
DEV_CORE_STATS_INC(tx_dropped)
#undef DEV_CORE_STATS_INC

static inline bool netif_running(const struct net_device *dev)
{
	return test_bit(__LINK_STATE_START, &dev->state);
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !test_bit(__LINK_STATE_NOCARRIER, &dev->state);
}

void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);

static inline struct netdev_queue *netdev_get_tx_queue(const struct net_device *dev,
						       unsigned int index)
{
	return &dev->_tx[index];
}

static inline void netif_tx_start_queue(struct netdev_queue *txq)
{
	clear_bit(__QUEUE_STATE_DRV_XOFF, &txq->state);
}

static inline void netif_tx_wake_queue(struct netdev_queue *txq)
{
	clear_bit(__QUEUE_STATE_DRV_XOFF, &txq->state);
}

static inline void netif_tx_stop_queue(struct netdev_queue *txq)
{
	set_bit(__QUEUE_STATE_DRV_XOFF, &txq->state);
}

static inline bool netif_tx_queue_stopped(const struct netdev_queue *txq)
{
	return test_bit(__QUEUE_STATE_DRV_XOFF, &txq->state);
}

/* Linux's netif_xmit_stopped(): the queue takes no frame now. */
static inline bool netif_xmit_stopped(const struct netdev_queue *txq)
{
	return netif_tx_queue_stopped(txq);
}

/* The single-queue calls act on queue 0, as Linux's. */
static inline void netif_start_queue(struct net_device *dev)
{
	netif_tx_start_queue(netdev_get_tx_queue(dev, 0));
}

static inline void netif_wake_queue(struct net_device *dev)
{
	netif_tx_wake_queue(netdev_get_tx_queue(dev, 0));
}

static inline void netif_stop_queue(struct net_device *dev)
{
	netif_tx_stop_queue(netdev_get_tx_queue(dev, 0));
}

static inline bool netif_queue_stopped(const struct net_device *dev)
{
	return netif_tx_queue_stopped(netdev_get_tx_queue(dev, 0));
}

static inline void netif_tx_start_all_queues(struct net_device *dev)
{
	unsigned int i;

	for (i = 0; i < dev->num_tx_queues; i++)
		netif_tx_start_queue(netdev_get_tx_queue(dev, i));
}

/*
 * The transmit lock of one queue (Linux's __netif_tx_lock()), recording
 * its owner so a CPU that would take it twice is caught. dev_queue_xmit()
 * holds it with interrupts off, so an interrupt handler sending on this
 * CPU cannot find it held.
 */
static inline void __netif_tx_lock(struct netdev_queue *txq, int cpu)
{
	spin_lock(&txq->_xmit_lock);
	WRITE_ONCE(txq->xmit_lock_owner, cpu);
}

static inline void __netif_tx_unlock(struct netdev_queue *txq)
{
	WRITE_ONCE(txq->xmit_lock_owner, -1);
	spin_unlock(&txq->_xmit_lock);
}

/* Linux's HARD_TX_LOCK: a driver with NETIF_F_LLTX locks for itself. */
#define HARD_TX_LOCK(dev, txq, cpu) do {				\
	if (!((dev)->features & NETIF_F_LLTX))				\
		__netif_tx_lock(txq, cpu);				\
} while (0)

#define HARD_TX_UNLOCK(dev, txq) do {					\
	if (!((dev)->features & NETIF_F_LLTX))				\
		__netif_tx_unlock(txq);					\
} while (0)

/* --- receiving -------------------------------------------------------------- */

/*
 * A protocol's receive function for one EtherType (Linux's struct
 * packet_type). The handler owns the skb: it consumes or drops it.
 */
struct packet_type {
	__be16			type;
	int			(*func)(struct sk_buff *skb, struct net_device *dev);
	struct list_head	list;
};

void dev_add_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);

#define NET_RX_SUCCESS	0
#define NET_RX_DROP	1

/*
 * A received frame (protocol set by eth_type_trans()) into the stack,
 * from a NAPI poll: delivered here and now, or, when its receive queue
 * has an rps_map, queued to the backlog of the CPU the map picks.
 */
int netif_receive_skb(struct sk_buff *skb);
/*
 * The same from a hard IRQ (or any context): always queued to a backlog,
 * the RPS CPU's or this CPU's, and processed in NET_RX. NET_RX_DROP when
 * the backlog is full (counted in softnet_stat's dropped column).
 */
int netif_rx(struct sk_buff *skb);

/* --- transmitting ------------------------------------------------------------ */

/* Hands a complete frame to the device. Always consumes @skb; 0 or -errno (counted drop). */
int dev_queue_xmit(struct sk_buff *skb);

/* --- NAPI -------------------------------------------------------------------- */

#define NAPI_POLL_WEIGHT	64
/* The first napi_id, as Linux's MIN_NAPI_ID (ids below it name CPUs). */
#define MIN_NAPI_ID		(NR_CPUS + 1)

/* napi->state bits (Linux's NAPI_STATE_*). */
enum {
	NAPI_STATE_SCHED,	/* on a poll list or being polled: owned by one CPU */
	NAPI_STATE_MISSED,	/* scheduled again while owned: poll once more */
	NAPI_STATE_DISABLE,	/* napi_disable() waits for the owner to let go */
	NAPI_STATE_THREADED,	/* polled by its own kthread, not NET_RX_SOFTIRQ */
	NAPI_STATE_SCHED_THREADED, /* that kthread owns it and is polling */
};

/**
 * struct napi_struct - one device queue polled from NET_RX_SOFTIRQ
 * @poll_list:	on softnet_data.poll_list while scheduled
 * @state:	NAPI_STATE_* bits
 * @weight:	the most one poll may process (64)
 * @poll:	the driver's poll; returns frames processed, at most @budget
 * @dev:	the device
 * @polls:	times @poll was called (reflex: shown by the net KUnit suite)
 * @dev_list:	on @dev's napi_list
 * @napi_id:	MIN_NAPI_ID and up, in order of netif_napi_add()
 * @thread:	"napi/DEV-ID", polling it once the device is threaded
 */
struct napi_struct {
	struct list_head	poll_list;
	unsigned long		state;
	int			weight;
	int			(*poll)(struct napi_struct *napi, int budget);
	struct net_device	*dev;
	unsigned long		polls;
	struct list_head	dev_list;
	unsigned int		napi_id;
	struct task_struct	*thread;
};

void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
			   int (*poll)(struct napi_struct *, int), int weight);

static inline void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
				  int (*poll)(struct napi_struct *, int))
{
	netif_napi_add_weight(dev, napi, poll, NAPI_POLL_WEIGHT);
}

/*
 * Threaded NAPI: each instance of @dev polled by its own kthread
 * "napi/DEV-ID" (SCHED_OTHER, unbound) instead of NET_RX_SOFTIRQ, so the
 * polling competes with tasks in the scheduler. 0 or -errno.
 */
int dev_set_threaded(struct net_device *dev, bool threaded);

void napi_enable(struct napi_struct *n);
void napi_disable(struct napi_struct *n);
/* Claims @n for scheduling; false when already scheduled (then marked MISSED) or disabled. */
bool napi_schedule_prep(struct napi_struct *n);
/* Puts a claimed @n on this CPU's poll list and raises NET_RX_SOFTIRQ. */
void __napi_schedule(struct napi_struct *n);
/* The poll is done with @work_done < weight; false if it must run again (MISSED). */
bool napi_complete_done(struct napi_struct *n, int work_done);

static inline bool napi_schedule(struct napi_struct *n)
{
	if (napi_schedule_prep(n)) {
		__napi_schedule(n);
		return true;
	}
	return false;
}

/* No GRO in reflex: the frame goes straight up. */
static inline void napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb)
{
	netif_receive_skb(skb);
}

/**
 * struct softnet_data - one CPU's receive state (Linux's fields of the same names)
 * @poll_list:		NAPI instances waiting for NET_RX_SOFTIRQ
 * @rps_ipi_list:	other CPUs' softnet_data whose backlog this CPU
 *			filled and scheduled: net_rx_action() sends each an IPI
 * @rps_ipi_next:	the link in another CPU's @rps_ipi_list
 * @csd:		that IPI's call, rps_trigger_softirq() on @cpu
 * @cpu:		the CPU this is
 * @processed:		frames handed to a protocol handler on this CPU
 * @dropped:		frames dropped because this CPU's backlog was full
 * @time_squeeze:	net_rx_action() runs that ended with work left
 *			because the budget or the time ran out
 * @received_rps:	RPS IPIs this CPU took (each schedules its backlog)
 * @in_net_rx_action:	net_rx_action() is running on this CPU
 * @input_pkt_queue:	the backlog: frames queued here by any CPU, under
 *			its lock, at most netdev_max_backlog (+1)
 * @process_queue:	frames this CPU took off @input_pkt_queue to
 *			process, touched only here
 * @backlog:		the NAPI instance that processes them (process_backlog())
 */
struct softnet_data {
	struct list_head	poll_list;
	struct softnet_data	*rps_ipi_list;
	struct softnet_data	*rps_ipi_next;
	call_single_data_t	csd;
	unsigned int		cpu;
	unsigned int		processed;
	unsigned int		dropped;
	unsigned int		time_squeeze;
	unsigned int		received_rps;
	bool			in_net_rx_action;
	struct sk_buff_head	input_pkt_queue;
	struct sk_buff_head	process_queue;
	struct napi_struct	backlog;
};

/* Frames queued to this CPU's backlog, both halves (a lockless snapshot). */
static inline u32 softnet_backlog_len(const struct softnet_data *sd)
{
	return skb_queue_len_lockless(&sd->input_pkt_queue) +
	       skb_queue_len_lockless(&sd->process_queue);
}

DECLARE_PER_CPU(struct softnet_data, softnet_data);

/* net.core.netdev_budget and netdev_budget_usecs (Linux's defaults: 300, 2000). */
extern int netdev_budget;
extern unsigned int netdev_budget_usecs;
/*
 * net.core.netdev_max_backlog (1000): a backlog holding more is full;
 * net.core.dev_weight (64, Linux's weight_p) and dev_rx_weight, the
 * backlog instance's weight.
 */
extern int netdev_max_backlog;
extern int weight_p;
extern int dev_rx_weight;
/* How many receive queues have an rps_map (Linux's rps_needed static key). */
extern int rps_needed;
/*
 * Returns once no CPU can still be inside a reader of the receive path's
 * shared pointers (an rps_map) read before the call: Linux's RCU grace
 * period, here an IPI to every online CPU, since the readers run with
 * interrupts off. Process context, interrupts on.
 */
void synchronize_net(void);

/* net/core/net-sysfs.c: a queue's rps_cpus, as its /sys file reads and writes it. */
ssize_t rps_cpus_show(struct netdev_rx_queue *queue, char *buf, size_t size);
ssize_t rps_cpus_store(struct netdev_rx_queue *queue, const char *buf, size_t len);
/* The queue @index of @dev, NULL when there is none in use. */
struct netdev_rx_queue *netdev_rx_queue(struct net_device *dev, unsigned int index);
/* net/core/net-sysfs.c: the rps_cpus files of queues [@from, @to). */
void net_rx_queue_update_sysfs(struct net_device *dev, unsigned int from, unsigned int to);
/* /sys/class/net/DEV/threaded: made when @add, removed otherwise. */
void netdev_update_sysfs(struct net_device *dev, bool add);


/*
 * reflex.napi=off: drivers clean their rings in their hard-IRQ handler
 * with the device's interrupt left unmasked and hand frames to netif_rx()
 * (the design before NAPI), for comparing the two under load.
 */
extern bool netdev_napi_off;

int net_dev_init(void);
/*
 * CPU hotplug: @oldcpu has gone offline; move its NAPI instances, owed
 * RPS IPIs and backlog to the calling CPU (Linux's CPUHP_NET_DEV_DEAD
 * callback). 0.
 */
int dev_cpu_dead(unsigned int oldcpu);
/* drivers/net/loopback.c: lo, registered first as in Linux (ifindex 1); NULL before. */
extern struct net_device *loopback_dev;
int loopback_init(void);

/* Linux's shared limit on the network's warnings: true when one may be printed now. */
bool net_ratelimit(void);
#define net_crit_ratelimited(fmt, ...) do {				\
	if (net_ratelimit())						\
		pr_crit(fmt, ##__VA_ARGS__);				\
} while (0)

#endif
