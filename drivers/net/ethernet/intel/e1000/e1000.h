/* SPDX-License-Identifier: MIT */
#ifndef _E1000_H_
#define _E1000_H_

/*
 * The e1000 driver's state: one adapter per 82540EM, its two descriptor
 * rings and the buffers behind them, and the options (e1000_param.c).
 */
#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include "e1000_hw.h"

#define E1000_DEFAULT_RXD	256	/* Linux's defaults: 256 each way */
#define E1000_DEFAULT_TXD	256
#define E1000_RXBUFFER_2048	2048
/* Return cleaned descriptors to the NIC in batches of this many (Linux's E1000_RX_BUFFER_WRITE). */
#define E1000_RX_BUFFER_WRITE	16

/*
 * A transmit slot: the skb whose data the descriptor points at, freed
 * once the NIC wrote DD back.
 */
struct e1000_tx_buffer {
	struct sk_buff	*skb;
	unsigned int	length;
};

/**
 * struct e1000_tx_ring - the transmit descriptor ring
 * @desc:		the descriptors (one page, physically contiguous)
 * @dma:		their physical address
 * @count:		descriptors in the ring
 * @next_to_use:	where the next frame goes (the value written to TDT)
 * @next_to_clean:	the oldest descriptor not yet reclaimed
 * @buffer_info:	per descriptor, the skb it sends
 * @lock:		xmit and reclaim come from softirq, hard IRQ and tasks
 */
struct e1000_tx_ring {
	struct e1000_tx_desc	*desc;
	phys_addr_t		dma;
	unsigned int		count;
	unsigned int		next_to_use;
	unsigned int		next_to_clean;
	struct e1000_tx_buffer	*buffer_info;
	spinlock_t		lock;
};

/**
 * struct e1000_rx_ring - the receive descriptor ring
 * @desc, @dma, @count:	as for the transmit ring
 * @next_to_clean:	the next descriptor the NIC will fill (in order)
 * @buffers:		@count buffers of E1000_RXBUFFER_2048 bytes, two per page;
 *			each stays with its descriptor for the ring's life
 * @discarding:		inside a frame that spans buffers, which is dropped
 */
struct e1000_rx_ring {
	struct e1000_rx_desc	*desc;
	phys_addr_t		dma;
	unsigned int		count;
	unsigned int		next_to_clean;
	u8			**buffers;
	bool			discarding;
};

/* Counters read from the NIC's statistics registers, accumulated. */
struct e1000_hw_stats {
	u64	gprc, gptc, mpc, rnbc, roc;
	u32	mpc_last;	/* QEMU's MPC does not clear on read; see e1000_read_mpc() */
	bool	mpc_cumulative;
};

/**
 * struct e1000_adapter - one NIC
 * @netdev, @pdev:	the interface and the PCI function
 * @hw_addr:		BAR 0, mapped uncached
 * @napi:		polled from NET_RX_SOFTIRQ; unused with reflex.napi=off
 * @napi_mode:		false with reflex.napi=off: the rings cleaned in the hard IRQ,
 *			frames to netif_rx()
 * @itr:		ITR register value (0: no throttling)
 * @watchdog_timer:	link state and statistics, every 2 s and on LSC
 * @stats_lock:		statistics registers are read from the timer and /proc
 * @rx_over:		RXO causes seen
 */
struct e1000_adapter {
	struct net_device	*netdev;
	struct pci_dev		*pdev;
	u8			*hw_addr;
	struct napi_struct	napi;
	bool			napi_mode;
	u32			itr;
	struct e1000_tx_ring	tx_ring;
	struct e1000_rx_ring	rx_ring;
	struct timer_list	watchdog_timer;
	spinlock_t		stats_lock;
	struct e1000_hw_stats	stats;
	unsigned long		rx_over;
	bool			link_up;
};

/* e1000_param.c */
extern unsigned int e1000_itr_setting;
u32 e1000_itr_register(unsigned int setting);

#define er32(reg)	readl(adapter->hw_addr + E1000_##reg)
#define ew32(reg, v)	writel((v), adapter->hw_addr + E1000_##reg)
/* A read that pushes posted writes out before the code relies on them. */
#define E1000_WRITE_FLUSH()	er32(STATUS)

int e1000_init_module(void);

#endif
