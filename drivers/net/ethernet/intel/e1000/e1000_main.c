// SPDX-License-Identifier: MIT
/*
 * The e1000 driver for the Intel 82540EM (8086:100e), the NIC QEMU's
 * "-device e1000" emulates: probe, reset, the MAC address from the
 * EEPROM, the receive and transmit rings, link state, statistics, and
 * the interrupt path the Linux articles trace:
 *
 *   e1000_intr()          hard IRQ: read ICR (0: not ours, the line may be
 *                         shared), mask everything (IMC), napi_schedule()
 *   e1000_clean()         NAPI poll in NET_RX_SOFTIRQ: reclaim the transmit
 *                         ring, e1000_clean_rx_irq() up to the budget, and
 *                         only with budget left napi_complete_done() and
 *                         unmask (IMS)
 *
 * With reflex.napi=off the interrupt stays unmasked and e1000_intr() does
 * the driver's receive work itself, handing each frame to netif_rx(),
 * which queues it to a CPU's backlog for NET_RX: the pre-NAPI design.
 *
 * Receive buffers never leave the ring: each frame is copied into a
 * fresh skb (Linux copies only frames under its copybreak). A failed
 * allocation therefore drops one frame (rx_dropped) and never leaves a
 * descriptor without a buffer, so a full ring or memory pressure cannot
 * lose the driver's state. Frames the NIC could not store are counted
 * by the NIC (MPC) and read into rx_missed_errors.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/pci.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/jiffies.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <asm/io.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include "e1000.h"

static const char e1000_driver_name[] = "e1000";

#define IMS_ENABLE_MASK	(E1000_ICR_RXT0 | E1000_ICR_RXO | E1000_ICR_RXDMT0 | \
			 E1000_ICR_RXSEQ | E1000_ICR_LSC | E1000_ICR_TXDW)
#define E1000_WATCHDOG_PERIOD	(2 * HZ)
#define E1000_MAX_ADAPTERS	4

static struct e1000_adapter *e1000_adapters[E1000_MAX_ADAPTERS];

static const struct pci_device_id e1000_pci_tbl[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_INTEL, E1000_DEV_ID_82540EM) },
	{ }
};

/* --- bring-up ----------------------------------------------------------------- */

/*
 * A global reset (SDM 14.9) after quiescing the rings: masking first so
 * the reset cannot leave a cause asserted on a line others share.
 */
static int e1000_reset_hw(struct e1000_adapter *adapter)
{
	int i;

	ew32(IMC, 0xffffffff);
	ew32(RCTL, 0);
	ew32(TCTL, E1000_TCTL_PSP);
	E1000_WRITE_FLUSH();
	mdelay(10);	/* outstanding DMA drains (Linux waits the same) */
	ew32(CTRL, er32(CTRL) | E1000_CTRL_RST);
	for (i = 0; i < 1000 && (er32(CTRL) & E1000_CTRL_RST); i++)
		udelay(10);
	if (er32(CTRL) & E1000_CTRL_RST)
		return -EIO;
	ew32(IMC, 0xffffffff);
	er32(ICR);
	return 0;
}

static int e1000_read_eeprom(struct e1000_adapter *adapter, u16 offset, u16 *data)
{
	int i;

	ew32(EERD, E1000_EERD_START | ((u32)offset << E1000_EERD_ADDR_SHIFT));
	for (i = 0; i < 10000; i++) {
		u32 eerd = er32(EERD);

		if (eerd & E1000_EERD_DONE) {
			*data = eerd >> E1000_EERD_DATA_SHIFT;
			return 0;
		}
		udelay(5);
	}
	return -ETIMEDOUT;
}

static int e1000_validate_eeprom_checksum(struct e1000_adapter *adapter)
{
	u16 sum = 0, word;
	int i;

	for (i = 0; i <= E1000_EEPROM_CHECKSUM_REG; i++) {
		if (e1000_read_eeprom(adapter, i, &word))
			return -ETIMEDOUT;
		sum += word;
	}
	return sum == E1000_EEPROM_SUM ? 0 : -EIO;
}

/* Words 0-2 of the EEPROM, low byte first; else what the firmware left in RAL0/RAH0. */
static int e1000_read_mac_addr(struct e1000_adapter *adapter, u8 *addr)
{
	u32 ral, rah;
	u16 word;
	int i;

	if (!e1000_validate_eeprom_checksum(adapter)) {
		for (i = 0; i < 3; i++) {
			if (e1000_read_eeprom(adapter, i, &word))
				goto from_rar;
			addr[2 * i] = word & 0xff;
			addr[2 * i + 1] = word >> 8;
		}
		return 0;
	}
	pr_warn("e1000 %s: EEPROM checksum invalid, using RAL0/RAH0\n", pci_name(adapter->pdev));
from_rar:
	ral = er32(RAL0);
	rah = er32(RAH0);
	for (i = 0; i < 4; i++)
		addr[i] = ral >> (8 * i);
	addr[4] = rah;
	addr[5] = rah >> 8;
	return is_valid_ether_addr(addr) ? 0 : -EIO;
}

static void e1000_set_rar(struct e1000_adapter *adapter, const u8 *addr)
{
	ew32(RAL0, addr[0] | addr[1] << 8 | addr[2] << 16 | (u32)addr[3] << 24);
	ew32(RAH0, addr[4] | addr[5] << 8 | E1000_RAH_AV);
}

static void e1000_clear_mta(struct e1000_adapter *adapter)
{
	int i;

	for (i = 0; i < E1000_MTA_ENTRIES; i++)
		writel(0, adapter->hw_addr + E1000_MTA + 4 * i);
}

/* --- rings --------------------------------------------------------------------- */

static int e1000_setup_tx_resources(struct e1000_adapter *adapter)
{
	struct e1000_tx_ring *txr = &adapter->tx_ring;

	txr->count = E1000_DEFAULT_TXD;
	BUILD_BUG_ON(E1000_DEFAULT_TXD * sizeof(struct e1000_tx_desc) > PAGE_SIZE);
	txr->desc = (void *)get_zeroed_page(GFP_KERNEL);
	txr->buffer_info = kzalloc(txr->count * sizeof(*txr->buffer_info), GFP_KERNEL);
	if (!txr->desc || !txr->buffer_info) {
		free_page((unsigned long)txr->desc);
		kfree(txr->buffer_info);
		return -ENOMEM;
	}
	txr->dma = __pa(txr->desc);
	txr->next_to_use = txr->next_to_clean = 0;
	spin_lock_init(&txr->lock);
	return 0;
}

static void e1000_free_rx_buffers(struct e1000_rx_ring *rxr)
{
	unsigned int i;

	/* Two buffers to a page: the even one owns it. */
	for (i = 0; i < rxr->count; i += 2)
		free_page((unsigned long)rxr->buffers[i]);
	kfree(rxr->buffers);
}

static int e1000_setup_rx_resources(struct e1000_adapter *adapter)
{
	struct e1000_rx_ring *rxr = &adapter->rx_ring;
	unsigned int i;

	rxr->count = E1000_DEFAULT_RXD;
	BUILD_BUG_ON(E1000_DEFAULT_RXD * sizeof(struct e1000_rx_desc) > PAGE_SIZE);
	BUILD_BUG_ON(PAGE_SIZE != 2 * E1000_RXBUFFER_2048);
	rxr->desc = (void *)get_zeroed_page(GFP_KERNEL);
	rxr->buffers = kzalloc(rxr->count * sizeof(u8 *), GFP_KERNEL);
	if (!rxr->desc || !rxr->buffers)
		goto err;
	for (i = 0; i < rxr->count; i += 2) {
		u8 *page = (u8 *)__get_free_page(GFP_KERNEL);

		if (!page)
			goto err;
		rxr->buffers[i] = page;
		rxr->buffers[i + 1] = page + E1000_RXBUFFER_2048;
	}
	for (i = 0; i < rxr->count; i++)
		rxr->desc[i].buffer_addr = cpu_to_le64(__pa(rxr->buffers[i]));
	rxr->dma = __pa(rxr->desc);
	rxr->next_to_clean = 0;
	rxr->discarding = false;
	return 0;
err:
	if (rxr->buffers)
		e1000_free_rx_buffers(rxr);
	free_page((unsigned long)rxr->desc);
	return -ENOMEM;
}

static void e1000_configure_tx(struct e1000_adapter *adapter)
{
	struct e1000_tx_ring *txr = &adapter->tx_ring;

	ew32(TDBAL, (u32)txr->dma);
	ew32(TDBAH, (u32)(txr->dma >> 32));
	ew32(TDLEN, txr->count * sizeof(struct e1000_tx_desc));
	ew32(TDH, 0);
	ew32(TDT, 0);
	ew32(TIDV, 0);
	ew32(TIPG, E1000_TIPG_IPGT_COPPER | E1000_TIPG_IPGR1 << E1000_TIPG_IPGR1_SHIFT |
		   E1000_TIPG_IPGR2 << E1000_TIPG_IPGR2_SHIFT);
	ew32(TCTL, E1000_TCTL_EN | E1000_TCTL_PSP |
		   E1000_COLLISION_THRESHOLD << E1000_TCTL_CT_SHIFT |
		   E1000_COLLISION_DISTANCE << E1000_TCTL_COLD_SHIFT);
}

/*
 * The NIC owns descriptors from RDH up to, not including, RDT; the one at
 * RDT stays with the driver, so a full ring never looks empty. Handing
 * back everything up to @last_cleaned means RDT = @last_cleaned.
 */
static void e1000_return_rx_buffers(struct e1000_adapter *adapter, unsigned int last_cleaned)
{
	dma_wmb();	/* cleared status visible before the NIC may refill */
	ew32(RDT, last_cleaned);
}

static void e1000_configure_rx(struct e1000_adapter *adapter)
{
	struct e1000_rx_ring *rxr = &adapter->rx_ring;

	ew32(RDBAL, (u32)rxr->dma);
	ew32(RDBAH, (u32)(rxr->dma >> 32));
	ew32(RDLEN, rxr->count * sizeof(struct e1000_rx_desc));
	ew32(RDTR, 0);
	ew32(RADV, 0);
	ew32(ITR, adapter->itr);
	ew32(RDH, 0);
	e1000_return_rx_buffers(adapter, rxr->count - 1);
	ew32(RCTL, E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SZ_2048 |
		   E1000_RCTL_RDMTS_HALF | E1000_RCTL_SECRC);
}

/* --- statistics and link --------------------------------------------------------- */

/*
 * The SDM has every statistics register clear on read; QEMU's model keeps
 * MPC cumulative. Which one this is shows on the first non-zero read: a
 * second read right after returns less from a clearing counter.
 */
static u64 e1000_read_mpc(struct e1000_adapter *adapter)
{
	struct e1000_hw_stats *st = &adapter->stats;
	u32 v = er32(MPC), again, delta;

	if (!v)
		return 0;
	if (!st->mpc_last && !st->mpc_cumulative) {
		again = er32(MPC);
		st->mpc_cumulative = again >= v;
		if (!st->mpc_cumulative)
			return v + again;
	}
	if (!st->mpc_cumulative)
		return v;
	delta = v - st->mpc_last;
	st->mpc_last = v;
	return delta;
}

/* Accumulates the NIC's registers (clear on read) into adapter->stats, under stats_lock. */
static void e1000_update_stats(struct e1000_adapter *adapter)
{
	struct e1000_hw_stats *st = &adapter->stats;
	unsigned long flags;

	spin_lock_irqsave(&adapter->stats_lock, flags);
	st->gprc += er32(GPRC);
	st->gptc += er32(GPTC);
	st->mpc += e1000_read_mpc(adapter);
	st->roc += er32(ROC);
	spin_unlock_irqrestore(&adapter->stats_lock, flags);
}

/*
 * /proc/net/dev, into the reader's storage. dev->stats is safe to keep
 * here although several CPUs run the stack: each of its counters has one
 * writer at a time. The receive counters are written only while cleaning
 * the receive ring, which happens in the NAPI poll (NAPI_STATE_SCHED
 * makes one CPU its owner) or, with reflex.napi=off, in e1000_intr()
 * (one interrupt line, whose handler never runs on two CPUs at once);
 * the transmit counters only under the transmit ring's lock. The NIC's
 * registers are added from adapter->stats, which has its own lock, and
 * rx_over has one writer, e1000_intr(). Readers take snapshots: a 64-bit
 * load is never torn.
 */
static void e1000_get_stats64(struct net_device *netdev, struct rtnl_link_stats64 *s)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	const struct net_device_stats *ns = &netdev->stats;
	struct e1000_hw_stats *st = &adapter->stats;
	unsigned long flags;
	u64 roc, mpc;

	e1000_update_stats(adapter);
	spin_lock_irqsave(&adapter->stats_lock, flags);
	roc = st->roc;
	mpc = st->mpc;
	spin_unlock_irqrestore(&adapter->stats_lock, flags);
	s->rx_packets = READ_ONCE(ns->rx_packets);
	s->rx_bytes = READ_ONCE(ns->rx_bytes);
	s->rx_errors = READ_ONCE(ns->rx_errors) + roc;
	s->rx_length_errors = READ_ONCE(ns->rx_length_errors) + roc;
	s->rx_crc_errors = READ_ONCE(ns->rx_crc_errors);
	s->rx_frame_errors = READ_ONCE(ns->rx_frame_errors);
	s->rx_dropped = READ_ONCE(ns->rx_dropped);
	s->rx_missed_errors = mpc;
	s->rx_over_errors = READ_ONCE(adapter->rx_over);
	s->multicast = READ_ONCE(ns->multicast);
	s->tx_packets = READ_ONCE(ns->tx_packets);
	s->tx_bytes = READ_ONCE(ns->tx_bytes);
	s->tx_dropped = READ_ONCE(ns->tx_dropped);
}

static void e1000_check_link(struct e1000_adapter *adapter)
{
	static const unsigned int speeds[] = { 10, 100, 1000, 1000 };
	struct net_device *netdev = adapter->netdev;
	u32 status = er32(STATUS);
	bool up = status & E1000_STATUS_LU;

	if (up == adapter->link_up)
		return;
	adapter->link_up = up;
	if (up) {
		pr_info("e1000: %s NIC Link is Up %u Mbps %s Duplex, Flow Control: None\n",
			netdev->name, speeds[(status & E1000_STATUS_SPEED_MASK) >> E1000_STATUS_SPEED_SHIFT],
			status & E1000_STATUS_FD ? "Full" : "Half");
		netif_carrier_on(netdev);
	} else {
		pr_info("e1000: %s NIC Link is Down\n", netdev->name);
		netif_carrier_off(netdev);
	}
}

/* Linux's watchdog task, as a timer: link changes (also kicked by LSC) and statistics. */
static void e1000_watchdog(struct timer_list *t)
{
	struct e1000_adapter *adapter = from_timer(adapter, t, watchdog_timer);

	e1000_check_link(adapter);
	e1000_update_stats(adapter);
	mod_timer(&adapter->watchdog_timer, jiffies + E1000_WATCHDOG_PERIOD);
}

/* --- the interrupt path ------------------------------------------------------------ */

static void e1000_irq_disable(struct e1000_adapter *adapter)
{
	ew32(IMC, ~0);
	E1000_WRITE_FLUSH();
}

static void e1000_irq_enable(struct e1000_adapter *adapter)
{
	ew32(IMS, IMS_ENABLE_MASK);
	E1000_WRITE_FLUSH();
}

static unsigned int e1000_desc_unused(const struct e1000_tx_ring *txr)
{
	if (txr->next_to_clean > txr->next_to_use)
		return txr->next_to_clean - txr->next_to_use - 1;
	return txr->count + txr->next_to_clean - txr->next_to_use - 1;
}

/* Lock held. Frees what the NIC has sent; the number reclaimed. */
static unsigned int e1000_reclaim_tx(struct e1000_adapter *adapter, struct e1000_tx_ring *txr)
{
	struct net_device_stats *ns = &adapter->netdev->stats;
	unsigned int i = txr->next_to_clean, n = 0;

	while (i != txr->next_to_use && (txr->desc[i].status & E1000_TXD_STAT_DD)) {
		struct e1000_tx_buffer *bi = &txr->buffer_info[i];

		ns->tx_packets++;
		ns->tx_bytes += bi->length;
		consume_skb(bi->skb);
		bi->skb = NULL;
		txr->desc[i].status = 0;
		i = i + 1 == txr->count ? 0 : i + 1;
		n++;
	}
	txr->next_to_clean = i;
	return n;
}

/* Transmit completions; true when the ring was cleaned completely. */
static noinline bool e1000_clean_tx_irq(struct e1000_adapter *adapter,
					struct e1000_tx_ring *txr)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&txr->lock, flags);
	n = e1000_reclaim_tx(adapter, txr);
	if (n && netif_queue_stopped(adapter->netdev))
		netif_wake_queue(adapter->netdev);
	spin_unlock_irqrestore(&txr->lock, flags);
	return n < txr->count;
}

/* In the hard IRQ (reflex.napi=off) a frame may only be queued: netif_rx(). */
static void e1000_receive_skb(struct e1000_adapter *adapter, struct sk_buff *skb)
{
	if (adapter->napi_mode)
		napi_gro_receive(&adapter->napi, skb);
	else
		netif_rx(skb);
}

/*
 * One filled descriptor. A frame longer than a buffer (which the NIC
 * only sends with long packets enabled) is dropped piece by piece.
 */
static void e1000_rx_one(struct e1000_adapter *adapter, struct e1000_rx_ring *rxr,
			 const struct e1000_rx_desc *rx_desc, const u8 *buf)
{
	struct net_device *netdev = adapter->netdev;
	struct net_device_stats *ns = &netdev->stats;
	unsigned int length = le16_to_cpu(rx_desc->length);
	u8 status = rx_desc->status;
	struct sk_buff *skb;

	if (unlikely(rxr->discarding || !(status & E1000_RXD_STAT_EOP))) {
		if (!rxr->discarding) {
			ns->rx_errors++;
			ns->rx_length_errors++;
		}
		rxr->discarding = !(status & E1000_RXD_STAT_EOP);
		return;
	}
	if (unlikely(rx_desc->errors & E1000_RXD_ERR_FRAME_ERR_MASK)) {
		ns->rx_errors++;
		if (rx_desc->errors & E1000_RXD_ERR_CE)
			ns->rx_crc_errors++;
		else
			ns->rx_frame_errors++;
		return;
	}
	if (unlikely(length < ETH_HLEN)) {
		ns->rx_errors++;
		ns->rx_length_errors++;
		return;
	}
	skb = netdev_alloc_skb_ip_align(netdev, length);
	if (unlikely(!skb)) {
		ns->rx_dropped++;
		return;
	}
	skb_put_data(skb, buf, length);
	ns->rx_packets++;
	ns->rx_bytes += length;
	skb->protocol = eth_type_trans(skb, netdev);
	if (skb->pkt_type == PACKET_MULTICAST || skb->pkt_type == PACKET_BROADCAST)
		ns->multicast++;
	e1000_receive_skb(adapter, skb);
}

/*
 * Takes filled descriptors in ring order, at most @work_to_do of them,
 * and hands the cleaned ones back in batches so the NIC never waits
 * long for room. True when any were cleaned.
 */
static noinline __noclone bool e1000_clean_rx_irq(struct e1000_adapter *adapter,
						  struct e1000_rx_ring *rxr,
						  int *work_done, int work_to_do)
{
	unsigned int i = rxr->next_to_clean, cleaned_count = 0;
	struct e1000_rx_desc *rx_desc = &rxr->desc[i];
	bool cleaned = false;

	while (rx_desc->status & E1000_RXD_STAT_DD) {
		if (*work_done >= work_to_do)
			break;
		(*work_done)++;
		dma_rmb();	/* the rest of the descriptor only after DD */
		e1000_rx_one(adapter, rxr, rx_desc, rxr->buffers[i]);
		rx_desc->status = 0;
		cleaned = true;
		if (++cleaned_count >= E1000_RX_BUFFER_WRITE) {
			e1000_return_rx_buffers(adapter, i);
			cleaned_count = 0;
		}
		i = i + 1 == rxr->count ? 0 : i + 1;
		rx_desc = &rxr->desc[i];
	}
	rxr->next_to_clean = i;
	if (cleaned_count)
		e1000_return_rx_buffers(adapter, i ? i - 1 : rxr->count - 1);
	return cleaned;
}

/* NAPI poll: NET_RX_SOFTIRQ, with the NIC's interrupts masked since e1000_intr(). */
static noinline __noclone int e1000_clean(struct napi_struct *napi, int budget)
{
	struct e1000_adapter *adapter = container_of(napi, struct e1000_adapter, napi);
	bool tx_clean_complete;
	int work_done = 0;

	tx_clean_complete = e1000_clean_tx_irq(adapter, &adapter->tx_ring);
	e1000_clean_rx_irq(adapter, &adapter->rx_ring, &work_done, budget);
	/* Work left: keep the instance and the mask; net_rx_action() polls again. */
	if (!tx_clean_complete || work_done == budget)
		return budget;
	if (likely(napi_complete_done(napi, work_done)))
		e1000_irq_enable(adapter);
	return work_done;
}

/* reflex.napi=off: the rings are cleaned in the hard IRQ, the interrupt left unmasked. */
static void e1000_intr_nonapi(struct e1000_adapter *adapter)
{
	int work_done = 0;

	e1000_clean_tx_irq(adapter, &adapter->tx_ring);
	e1000_clean_rx_irq(adapter, &adapter->rx_ring, &work_done, adapter->rx_ring.count);
}

static noinline __noclone irqreturn_t e1000_intr(int irq, void *data)
{
	struct net_device *netdev = data;
	struct e1000_adapter *adapter = netdev_priv(netdev);
	u32 icr;

	icr = er32(ICR);	/* reading acknowledges every cause it returns */
	if (unlikely(!icr))
		return IRQ_NONE;	/* the line is shared: someone else's */
	if (unlikely(icr & (E1000_ICR_RXSEQ | E1000_ICR_LSC)))
		mod_timer(&adapter->watchdog_timer, jiffies + 1);
	if (unlikely(icr & E1000_ICR_RXO))
		adapter->rx_over++;
	if (!adapter->napi_mode) {
		e1000_intr_nonapi(adapter);
		return IRQ_HANDLED;
	}
	e1000_irq_disable(adapter);
	if (likely(napi_schedule_prep(&adapter->napi)))
		__napi_schedule(&adapter->napi);
	else
		/* Already being polled: it will see this event (MISSED); keep interrupts flowing. */
		e1000_irq_enable(adapter);
	return IRQ_HANDLED;
}

/* --- transmit -------------------------------------------------------------------------- */

static netdev_tx_t e1000_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	struct e1000_tx_ring *txr = &adapter->tx_ring;
	struct e1000_tx_desc *desc;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&txr->lock, flags);
	if (unlikely(skb->len > ETH_FRAME_LEN)) {
		/* Under the ring's lock: CPUs transmitting at once share this counter. */
		netdev->stats.tx_dropped++;
		spin_unlock_irqrestore(&txr->lock, flags);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return NETDEV_TX_OK;
	}
	if (unlikely(!e1000_desc_unused(txr)) && !e1000_reclaim_tx(adapter, txr)) {
		netif_stop_queue(netdev);
		spin_unlock_irqrestore(&txr->lock, flags);
		return NETDEV_TX_BUSY;
	}
	i = txr->next_to_use;
	desc = &txr->desc[i];
	txr->buffer_info[i].skb = skb;
	txr->buffer_info[i].length = skb->len;
	desc->buffer_addr = cpu_to_le64(__pa(skb->data));
	desc->length = cpu_to_le16(skb->len);
	desc->cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS;
	desc->status = 0;
	txr->next_to_use = i + 1 == txr->count ? 0 : i + 1;
	dma_wmb();	/* the descriptor before the doorbell */
	ew32(TDT, txr->next_to_use);
	spin_unlock_irqrestore(&txr->lock, flags);
	return NETDEV_TX_OK;
}

/* --- open, probe ------------------------------------------------------------------------ */

static int e1000_open(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	int err;

	err = e1000_setup_tx_resources(adapter);
	if (err)
		return err;
	err = e1000_setup_rx_resources(adapter);
	if (err)
		goto err_rx;
	e1000_set_rar(adapter, netdev->dev_addr);
	e1000_clear_mta(adapter);
	ew32(CTRL, er32(CTRL) | E1000_CTRL_SLU | E1000_CTRL_ASDE);
	e1000_configure_tx(adapter);
	e1000_configure_rx(adapter);
	err = request_irq(adapter->pdev->irq, e1000_intr, IRQF_SHARED, netdev->name, netdev);
	if (err)
		goto err_irq;
	netdev->irq = adapter->pdev->irq;
	if (adapter->napi_mode)
		napi_enable(&adapter->napi);
	e1000_check_link(adapter);
	mod_timer(&adapter->watchdog_timer, jiffies + E1000_WATCHDOG_PERIOD);
	netif_start_queue(netdev);
	e1000_irq_enable(adapter);
	return 0;

err_irq:
	ew32(RCTL, 0);
	e1000_free_rx_buffers(&adapter->rx_ring);
	free_page((unsigned long)adapter->rx_ring.desc);
err_rx:
	ew32(TCTL, 0);
	free_page((unsigned long)adapter->tx_ring.desc);
	kfree(adapter->tx_ring.buffer_info);
	return err;
}

static int e1000_close(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	e1000_irq_disable(adapter);
	ew32(RCTL, 0);
	ew32(TCTL, E1000_TCTL_PSP);
	free_irq(adapter->pdev->irq, netdev);
	if (adapter->napi_mode)
		napi_disable(&adapter->napi);
	del_timer_sync(&adapter->watchdog_timer);
	netif_carrier_off(netdev);
	return 0;
}

static const struct net_device_ops e1000_netdev_ops = {
	.ndo_open	= e1000_open,
	.ndo_stop	= e1000_close,
	.ndo_start_xmit	= e1000_xmit_frame,
	.ndo_get_stats64 = e1000_get_stats64,
};

static void e1000_remember(struct e1000_adapter *adapter)
{
	int i;

	for (i = 0; i < E1000_MAX_ADAPTERS; i++)
		if (!e1000_adapters[i]) {
			e1000_adapters[i] = adapter;
			return;
		}
}

static int e1000_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct e1000_adapter *adapter;
	struct net_device *netdev;
	char mac[18];
	int err;

	err = pci_enable_device(pdev);
	if (err)
		return err;
	pci_set_master(pdev);	/* the rings are DMA */
	netdev = alloc_etherdev(sizeof(*adapter));
	if (!netdev)
		return -ENOMEM;
	adapter = netdev_priv(netdev);
	adapter->netdev = netdev;
	adapter->pdev = pdev;
	adapter->hw_addr = pci_ioremap_bar(pdev, 0);
	err = -EIO;
	if (!adapter->hw_addr)
		goto err_free;
	netdev->netdev_ops = &e1000_netdev_ops;
	adapter->napi_mode = !netdev_napi_off;
	adapter->itr = e1000_itr_register(e1000_itr_setting);
	if (adapter->napi_mode)
		netif_napi_add(netdev, &adapter->napi, e1000_clean);
	spin_lock_init(&adapter->stats_lock);
	timer_setup(&adapter->watchdog_timer, e1000_watchdog, 0);
	err = e1000_reset_hw(adapter);
	if (!err)
		err = e1000_read_mac_addr(adapter, netdev->dev_addr);
	if (err) {
		pr_err("e1000 %s: reset or MAC address failed (%d)\n", pci_name(pdev), err);
		goto err_free;
	}
	pci_set_drvdata(pdev, adapter);
	err = register_netdev(netdev);
	if (err)
		goto err_free;
	e1000_remember(adapter);
	pr_info("e1000 %s %s: (PCI:33MHz:32-bit) %s\n", pci_name(pdev), netdev->name,
		eth_addr_str(mac, netdev->dev_addr));
	pr_info("e1000 %s %s: Intel(R) PRO/1000 Network Connection (IRQ %d, %s, ITR %u)\n",
		pci_name(pdev), netdev->name, netdev->irq,
		adapter->napi_mode ? "NAPI" : "no NAPI: reflex.napi=off", adapter->itr);
	return 0;

err_free:
	free_netdev(netdev);
	return err;
}

/* ethtool -S's names for the NIC's own counters (Linux's e1000_ethtool.c). */
static int e1000_stats_show(struct seq_file *seq, void *v)
{
	int i;

	for (i = 0; i < E1000_MAX_ADAPTERS && e1000_adapters[i]; i++) {
		struct e1000_adapter *adapter = e1000_adapters[i];
		struct e1000_hw_stats *st = &adapter->stats;

		e1000_update_stats(adapter);
		seq_printf(seq, "NIC statistics (%s):\n", adapter->netdev->name);
		seq_printf(seq, "     rx_packets: %llu\n", st->gprc);
		seq_printf(seq, "     tx_packets: %llu\n", st->gptc);
		seq_printf(seq, "     rx_missed_errors: %llu\n", st->mpc);
		seq_printf(seq, "     rx_long_length_errors: %llu\n", st->roc);
		seq_printf(seq, "     rx_overruns: %lu\n", adapter->rx_over);
		seq_printf(seq, "     napi_polls: %lu\n", adapter->napi.polls);
	}
	return 0;
}

static struct pci_driver e1000_driver = {
	.name		= e1000_driver_name,
	.id_table	= e1000_pci_tbl,
	.probe		= e1000_probe,
};

int e1000_init_module(void)
{
	pr_info("e1000: Intel(R) PRO/1000 Network Driver\n");
	proc_create_single("net/e1000", e1000_stats_show);
	return pci_register_driver(&e1000_driver);
}
