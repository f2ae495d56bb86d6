/* SPDX-License-Identifier: MIT */
#ifndef _E1000E_H_
#define _E1000E_H_

/*
 * The e1000e driver's state: one adapter per 82574L, up to two receive
 * and two transmit rings, each ring with its own MSI-X vector, and for
 * receive its own NAPI instance.
 */
#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include "hw.h"

#define E1000_DEFAULT_RXD	256
#define E1000_DEFAULT_TXD	256
#define E1000_RXBUFFER_2048	2048
#define E1000_RX_BUFFER_WRITE	16	/* return cleaned descriptors in batches */
#define E1000E_MAX_QUEUES	2
#define E1000E_MAX_VECTORS	(2 * E1000E_MAX_QUEUES + 1)

/* e1000e.IntMode= (Linux's values) */
#define E1000E_INT_MODE_LEGACY	0
#define E1000E_INT_MODE_MSI	1
#define E1000E_INT_MODE_MSIX	2

struct e1000_adapter;

struct e1000_tx_buffer {
	struct sk_buff	*skb;
	unsigned int	length;
};

/*
 * Per-ring counters, summed into /proc/net/dev by e1000e_get_stats64();
 * each ring has one writer at a time (receive: its NAPI poll; transmit:
 * the holder of its lock), so plain adds lose nothing. @dropped is, for
 * a transmit ring, frames refused as too long.
 */
struct e1000_ring_stats {
	u64	packets, bytes;
	u64	errors, length_errors, crc_errors, frame_errors, dropped, multicast;
	u64	interrupts;	/* this ring's vector fired (MSI-X) */
	u64	polls;		/* NAPI polls of this ring */
	int	last_cpu;	/* the CPU that last cleaned the ring */
};

/**
 * struct e1000_ring - one receive or transmit queue (Linux's struct e1000_ring)
 * @adapter:		back pointer
 * @index:		queue number (0 or 1): register set and IVAR field
 * @desc, @dma, @count:	the descriptors (one page) and their physical address
 * @next_to_use:	transmit: where the next frame goes
 * @next_to_clean:	the next descriptor to look at
 * @buffer_info:	transmit: the skb per descriptor
 * @buffers:		receive: one 2 KiB buffer per descriptor, two to a page
 * @discarding:		receive: inside a frame spanning buffers, dropped
 * @ims_val:		the ICR/IMS bit of this ring's MSI-X cause
 * @msix_vector:	the vector number in the MSI-X table (-1 without MSI-X)
 * @irq:		the Linux IRQ of that vector
 * @name:		what /proc/interrupts shows ("eth0-rx-0")
 * @napi:		receive rings: polled from NET_RX_SOFTIRQ on the CPU that
 *			took the ring's interrupt
 * @lock:		transmit rings: xmit and reclaim
 * @stats:		the counters
 */
struct e1000_ring {
	struct e1000_adapter	*adapter;
	unsigned int		index;
	void			*desc;
	phys_addr_t		dma;
	unsigned int		count;
	unsigned int		next_to_use;
	unsigned int		next_to_clean;
	struct e1000_tx_buffer	*buffer_info;
	u8			**buffers;
	bool			discarding;
	u32			ims_val;
	int			msix_vector;
	int			irq;
	char			name[IFNAMSIZ + 9];
	struct napi_struct	napi;
	spinlock_t		lock;
	struct e1000_ring_stats	stats;
};

struct e1000_hw_stats {
	u64	gprc, gptc, mpc, roc, rnbc;
};

/**
 * struct e1000_adapter - one NIC
 * @int_mode:		E1000E_INT_MODE_* actually in use
 * @num_queues:		receive (and transmit) queues in use, 1 or 2
 * @num_vectors:	MSI-X vectors allocated (3 or 5), else 1
 * @eiac_mask:		the queue causes, auto-cleared on their vector
 * @other_irq:		the "other" vector's IRQ (MSI-X), else the one IRQ
 * @other_interrupts:	times it fired
 * @cpu_tx_queue:	the transmit queue of each CPU, from the tx vectors'
 *			masks when they are requested (managed masks never change)
 */
struct e1000_adapter {
	struct net_device	*netdev;
	struct pci_dev		*pdev;
	u8			*hw_addr;
	int			int_mode;
	unsigned int		num_queues;
	unsigned int		num_vectors;
	u32			eiac_mask;
	int			other_irq;
	unsigned long		other_interrupts;
	u8			cpu_tx_queue[NR_CPUS];
	struct e1000_ring	rx_ring[E1000E_MAX_QUEUES];
	struct e1000_ring	tx_ring[E1000E_MAX_QUEUES];
	struct timer_list	watchdog_timer;
	spinlock_t		stats_lock;
	struct e1000_hw_stats	stats;
	unsigned long		rx_over;
	bool			link_up;
	bool			up;
};

/* param.c */
extern unsigned int e1000e_int_mode;
extern unsigned int e1000e_queues;

#define er32(reg)	readl(adapter->hw_addr + E1000_##reg)
#define ew32(reg, v)	writel((v), adapter->hw_addr + E1000_##reg)
#define E1000_WRITE_FLUSH()	er32(STATUS)

int e1000e_init_module(void);

#endif
