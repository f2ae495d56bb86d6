// SPDX-License-Identifier: MIT
/*
 * The e1000e driver for the Intel 82574L (8086:10d3), QEMU's
 * "-device e1000e". Linux's function names and interrupt layout:
 *
 * MSI-X, one queue (e1000e.queues=1), as Linux sets it up: three vectors,
 *   0 "eth0-rx-0"  e1000_intr_msix_rx()  schedules the ring's NAPI
 *   1 "eth0-tx-0"  e1000_intr_msix_tx()  reclaims the transmit ring
 *   2 "eth0"       e1000_msix_other()    link changes, overruns
 * IVAR routes each cause (RXQ0, TXQ0, OTHER) to its vector. The queue
 * causes are in EIAC: the NIC clears them from ICR when it sends the
 * message and masks them in IMS, so a vector stays quiet until the
 * driver writes the cause back into IMS - after NAPI completes for a
 * receive ring, after the reclaim for a transmit ring.
 *
 * MSI-X, two queues (the default, beyond Linux's e1000e): RSS spreads
 * received frames over two rings (MRQC: the IPv4 and IPv4/TCP hashes,
 * which is all the 82574 and QEMU's model offer - no UDP ports; a fixed
 * key; RETA alternating queue 0 and 1), five vectors rx-0, rx-1, tx-0,
 * tx-1 and "other". The queue vectors are managed interrupts: the kernel
 * spreads them over the CPUs (an rx set and a tx set, queue N's two
 * vectors on the same CPUs) and moves them on hotplug; a queue's NAPI
 * instance runs where its receive vector fires: NAPI is scheduled on the
 * CPU whose interrupt scheduled it. A transmitting CPU uses the queue
 * whose tx vector's affinity mask holds it (ndo_select_queue); the device
 * has one struct netdev_queue per ring, stopped and woken on its own,
 * and the core's per-queue transmit lock serialises CPUs sending on one.
 *
 * With too few MSI-X vectors for two queues, one queue (three vectors).
 * Without MSI-X (e1000e.IntMode=1 or 0, pci=nomsi, or when allocating the
 * vectors fails) Linux's fallback: one MSI vector, then INTx, one queue,
 * one handler for everything (e1000_intr_msi(), e1000_intr()); reading
 * ICR masks every cause (CTRL_EXT.IAME with IAM all ones) until the poll
 * re-enables them.
 *
 * Receive uses extended descriptors (RFCTL.EXTEN): the ones RSS needs.
 * The NIC overwrites the whole descriptor on write-back, so the buffer
 * address is written again before each descriptor goes back. Buffers
 * never leave their ring: each frame is copied into a fresh skb, as in
 * the e1000 driver; frames with receive errors or spanning buffers are
 * dropped and counted (oversized frames the NIC drops itself, ROC).
 *
 * QEMU 7.2 holds interrupt throttling at 128 us at the least (ITR and
 * EITR are clamped to 500 x 256 ns): the driver leaves them alone.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/pci.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/jiffies.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <asm/io.h>
#include <asm/barrier.h>
#include <asm/tsc.h>
#include "e1000.h"

static const char e1000e_driver_name[] = "e1000e";

/* INTx and MSI: what e1000_irq_enable() unmasks (Linux's IMS_ENABLE_MASK). */
#define IMS_ENABLE_MASK	(E1000_ICR_RXT0 | E1000_ICR_TXDW | E1000_ICR_RXDMT0 | \
			 E1000_ICR_RXSEQ | E1000_ICR_LSC | E1000_ICR_RXO)
/* MSI-X: the "other" vector's causes. */
#define IMS_OTHER_MASK	(E1000_ICR_OTHER | E1000_ICR_LSC)
#define E1000_WATCHDOG_PERIOD	(2 * HZ)
#define E1000E_MAX_ADAPTERS	4

/* The RSS key: the Toeplitz key of Microsoft's RSS specification, fixed. */
static const u8 e1000e_rss_key[4 * E1000_RSSRK_REGS] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
	0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
	0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
	0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

static struct e1000_adapter *e1000e_adapters[E1000E_MAX_ADAPTERS];

static const struct pci_device_id e1000_pci_tbl[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_INTEL, E1000_DEV_ID_82574L) },
	{ }
};

static const char *const e1000e_int_mode_names[] = {
	[E1000E_INT_MODE_LEGACY] = "INTx", [E1000E_INT_MODE_MSI] = "MSI",
	[E1000E_INT_MODE_MSIX] = "MSI-X",
};

/* --- bring-up ------------------------------------------------------------------ */

static int e1000e_reset_hw(struct e1000_adapter *adapter)
{
	int i;

	ew32(IMC, 0xffffffff);
	ew32(RCTL, 0);
	ew32(TCTL, E1000_TCTL_PSP);
	E1000_WRITE_FLUSH();
	mdelay(10);	/* outstanding DMA drains */
	ew32(CTRL, er32(CTRL) | E1000_CTRL_RST);
	for (i = 0; i < 1000 && (er32(CTRL) & E1000_CTRL_RST); i++)
		udelay(10);
	if (er32(CTRL) & E1000_CTRL_RST)
		return -EIO;
	ew32(IMC, 0xffffffff);
	ew32(ICR, 0xffffffff);
	er32(ICR);
	return 0;
}

/* Linux's e1000_read_mac_addr_generic(): what the NIC loaded into RAR 0 from the NVM. */
static int e1000_read_mac_addr(struct e1000_adapter *adapter, u8 *addr)
{
	u32 ral = er32(RAL0), rah = er32(RAH0);
	int i;

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

/* --- rings ---------------------------------------------------------------------- */

static int e1000e_setup_tx_resources(struct e1000_ring *txr)
{
	txr->count = E1000_DEFAULT_TXD;
	BUILD_BUG_ON(E1000_DEFAULT_TXD * sizeof(struct e1000_tx_desc) > PAGE_SIZE);
	txr->desc = (void *)get_zeroed_page(GFP_KERNEL);
	txr->buffer_info = kzalloc(txr->count * sizeof(*txr->buffer_info), GFP_KERNEL);
	if (!txr->desc || !txr->buffer_info) {
		free_page((unsigned long)txr->desc);
		kfree(txr->buffer_info);
		txr->desc = NULL;
		txr->buffer_info = NULL;
		return -ENOMEM;
	}
	txr->dma = __pa(txr->desc);
	txr->next_to_use = txr->next_to_clean = 0;
	return 0;
}

static void e1000e_free_tx_resources(struct e1000_ring *txr)
{
	unsigned int i;

	if (!txr->desc)
		return;
	for (i = 0; i < txr->count; i++)
		if (txr->buffer_info[i].skb)
			kfree_skb(txr->buffer_info[i].skb);
	free_page((unsigned long)txr->desc);
	kfree(txr->buffer_info);
	txr->desc = NULL;
	txr->buffer_info = NULL;
}

static void e1000e_free_rx_resources(struct e1000_ring *rxr)
{
	unsigned int i;

	if (rxr->buffers) {
		/* Two buffers to a page: the even one owns it. */
		for (i = 0; i < rxr->count; i += 2)
			free_page((unsigned long)rxr->buffers[i]);
		kfree(rxr->buffers);
		rxr->buffers = NULL;
	}
	free_page((unsigned long)rxr->desc);
	rxr->desc = NULL;
}

/* Gives descriptor @i its buffer again, in the read format (status zero). */
static void e1000_alloc_rx_buffer(struct e1000_ring *rxr, unsigned int i)
{
	union e1000_rx_desc_extended *rx_desc = (union e1000_rx_desc_extended *)rxr->desc + i;

	rx_desc->read.buffer_addr = cpu_to_le64(__pa(rxr->buffers[i]));
	rx_desc->read.reserved = 0;
}

static int e1000e_setup_rx_resources(struct e1000_ring *rxr)
{
	unsigned int i;

	rxr->count = E1000_DEFAULT_RXD;
	BUILD_BUG_ON(E1000_DEFAULT_RXD * sizeof(union e1000_rx_desc_extended) > PAGE_SIZE);
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
		e1000_alloc_rx_buffer(rxr, i);
	rxr->dma = __pa(rxr->desc);
	rxr->next_to_clean = 0;
	rxr->discarding = false;
	return 0;
err:
	e1000e_free_rx_resources(rxr);
	return -ENOMEM;
}

static void e1000_configure_tx(struct e1000_adapter *adapter)
{
	unsigned int q;

	for (q = 0; q < adapter->num_queues; q++) {
		struct e1000_ring *txr = &adapter->tx_ring[q];

		ew32(TDBAL(q), (u32)txr->dma);
		ew32(TDBAH(q), (u32)(txr->dma >> 32));
		ew32(TDLEN(q), txr->count * sizeof(struct e1000_tx_desc));
		ew32(TDH(q), 0);
		ew32(TDT(q), 0);
		ew32(TARC(q), er32(TARC(q)) | E1000_TARC_ENABLE);
	}
	ew32(TIDV, 0);
	ew32(TIPG, E1000_TIPG_IPGT_COPPER | E1000_TIPG_IPGR1 << E1000_TIPG_IPGR1_SHIFT |
		   E1000_TIPG_IPGR2 << E1000_TIPG_IPGR2_SHIFT);
	ew32(TCTL, E1000_TCTL_EN | E1000_TCTL_PSP |
		   E1000_COLLISION_THRESHOLD << E1000_TCTL_CT_SHIFT |
		   E1000_COLLISION_DISTANCE << E1000_TCTL_COLD_SHIFT);
}

/*
 * The NIC owns the descriptors from RDH up to, not including, RDT; the
 * one at RDT stays with the driver so a full ring never looks empty.
 */
static void e1000_return_rx_buffers(struct e1000_ring *rxr, unsigned int last_cleaned)
{
	struct e1000_adapter *adapter = rxr->adapter;

	dma_wmb();	/* the rewritten descriptors before the NIC may use them */
	ew32(RDT(rxr->index), last_cleaned);
}

/* RSS over two queues (datasheet 7.1.2.10): key, redirection table, hash types. */
static void e1000e_setup_rss_hash(struct e1000_adapter *adapter)
{
	int i;

	for (i = 0; i < E1000_RSSRK_REGS; i++) {
		const u8 *k = &e1000e_rss_key[4 * i];

		ew32(RSSRK(i), k[0] | k[1] << 8 | k[2] << 16 | (u32)k[3] << 24);
	}
	/* 128 one-byte entries, four per register: queue 0, 1, 0, 1, ... */
	for (i = 0; i < E1000_RETA_REGS; i++)
		ew32(RETA(i), (u32)E1000_RETA_QUEUE1 << 8 | (u32)E1000_RETA_QUEUE1 << 24);
	ew32(MRQC, E1000_MRQC_ENABLE_RSS_2Q | E1000_MRQC_RSS_FIELD_IPV4 |
		   E1000_MRQC_RSS_FIELD_IPV4_TCP);
}

static void e1000_configure_rx(struct e1000_adapter *adapter)
{
	unsigned int q;

	ew32(RCTL, 0);
	for (q = 0; q < adapter->num_queues; q++) {
		struct e1000_ring *rxr = &adapter->rx_ring[q];

		ew32(RDBAL(q), (u32)rxr->dma);
		ew32(RDBAH(q), (u32)(rxr->dma >> 32));
		ew32(RDLEN(q), rxr->count * sizeof(union e1000_rx_desc_extended));
		ew32(RDH(q), 0);
		e1000_return_rx_buffers(rxr, rxr->count - 1);
	}
	ew32(RDTR, 0);
	ew32(RADV, 0);
	ew32(RFCTL, E1000_RFCTL_EXTEN | E1000_RFCTL_NFSW_DIS | E1000_RFCTL_NFSR_DIS);
	/* No checksum offload: the descriptor carries the RSS hash instead. */
	ew32(RXCSUM, E1000_RXCSUM_PCSD);
	if (adapter->num_queues > 1)
		e1000e_setup_rss_hash(adapter);
	else
		ew32(MRQC, 0);
	ew32(RCTL, E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SZ_2048 |
		   E1000_RCTL_RDMTS_HALF | E1000_RCTL_SECRC);
}

/*
 * MSI-X routing: each queue cause to its ring's vector, OTHER to the
 * last one; the queue causes auto-cleared (EIAC) and auto-masked.
 */
static void e1000_configure_msix(struct e1000_adapter *adapter)
{
	static const u8 rx_shift[] = { E1000_IVAR_RXQ0_SHIFT, E1000_IVAR_RXQ1_SHIFT };
	static const u8 tx_shift[] = { E1000_IVAR_TXQ0_SHIFT, E1000_IVAR_TXQ1_SHIFT };
	u32 ivar = 0, ctrl_ext;
	unsigned int q;

	adapter->eiac_mask = 0;
	for (q = 0; q < adapter->num_queues; q++) {
		struct e1000_ring *rxr = &adapter->rx_ring[q], *txr = &adapter->tx_ring[q];

		ivar |= (E1000_IVAR_INT_ALLOC_VALID | rxr->msix_vector) << rx_shift[q];
		ivar |= (E1000_IVAR_INT_ALLOC_VALID | txr->msix_vector) << tx_shift[q];
		adapter->eiac_mask |= rxr->ims_val | txr->ims_val;
	}
	ivar |= (E1000_IVAR_INT_ALLOC_VALID | (adapter->num_vectors - 1)) << E1000_IVAR_OTHER_SHIFT;
	ew32(IVAR, ivar);
	ctrl_ext = er32(CTRL_EXT) & ~E1000_CTRL_EXT_IAME;
	ctrl_ext |= E1000_CTRL_EXT_PBA_CLR | E1000_CTRL_EXT_EIAME;
	ew32(IAM, adapter->eiac_mask);
	ew32(CTRL_EXT, ctrl_ext);
	E1000_WRITE_FLUSH();
}

/* INTx, MSI: a read of ICR acknowledges and masks every cause. */
static void e1000_configure_single_vector(struct e1000_adapter *adapter)
{
	ew32(IVAR, 0);
	ew32(IAM, 0xffffffff);
	ew32(CTRL_EXT, er32(CTRL_EXT) | E1000_CTRL_EXT_IAME);
	E1000_WRITE_FLUSH();
}

/* --- statistics and link ---------------------------------------------------------- */

/* The datasheet's statistics registers clear on read; QEMU never counts MPC. */
static void e1000e_update_stats(struct e1000_adapter *adapter)
{
	struct e1000_hw_stats *st = &adapter->stats;
	unsigned long flags;

	spin_lock_irqsave(&adapter->stats_lock, flags);
	st->gprc += er32(GPRC);
	st->gptc += er32(GPTC);
	st->mpc += er32(MPC);
	st->roc += er32(ROC);
	st->rnbc += er32(RNBC);
	spin_unlock_irqrestore(&adapter->stats_lock, flags);
}

/*
 * /proc/net/dev, into the reader's storage: the rings' counters summed,
 * with the NIC's own. Each ring's counters have one writer at a time -
 * a receive ring's its NAPI poll (one CPU owns the instance), a transmit
 * ring's whoever holds the ring's lock - so they need no lock to be
 * counted; here each is read once (a 64-bit load is never torn) and two
 * readers on two CPUs write only their own storage.
 */
static void e1000e_get_stats64(struct net_device *netdev, struct rtnl_link_stats64 *ns)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	struct e1000_hw_stats *st = &adapter->stats;
	unsigned long flags;
	unsigned int q;
	u64 roc, mpc;

	e1000e_update_stats(adapter);
	spin_lock_irqsave(&adapter->stats_lock, flags);
	roc = st->roc;
	mpc = st->mpc;
	spin_unlock_irqrestore(&adapter->stats_lock, flags);
	for (q = 0; q < adapter->num_queues; q++) {
		const struct e1000_ring_stats *r = &adapter->rx_ring[q].stats;
		const struct e1000_ring_stats *t = &adapter->tx_ring[q].stats;

		ns->rx_packets += READ_ONCE(r->packets);
		ns->rx_bytes += READ_ONCE(r->bytes);
		ns->rx_errors += READ_ONCE(r->errors);
		ns->rx_length_errors += READ_ONCE(r->length_errors);
		ns->rx_crc_errors += READ_ONCE(r->crc_errors);
		ns->rx_frame_errors += READ_ONCE(r->frame_errors);
		ns->rx_dropped += READ_ONCE(r->dropped);
		ns->multicast += READ_ONCE(r->multicast);
		ns->tx_packets += READ_ONCE(t->packets);
		ns->tx_bytes += READ_ONCE(t->bytes);
		ns->tx_dropped += READ_ONCE(t->dropped);
	}
	ns->rx_length_errors += roc;
	ns->rx_errors += roc;
	ns->rx_missed_errors = mpc;
	ns->rx_over_errors = READ_ONCE(adapter->rx_over);
}

static void e1000e_check_link(struct e1000_adapter *adapter)
{
	static const unsigned int speeds[] = { 10, 100, 1000, 1000 };
	struct net_device *netdev = adapter->netdev;
	u32 status = er32(STATUS);
	bool up = status & E1000_STATUS_LU;

	if (up == adapter->link_up)
		return;
	adapter->link_up = up;
	if (up) {
		pr_info("e1000e %s %s: NIC Link is Up %u Mbps %s Duplex, Flow Control: None\n",
			pci_name(adapter->pdev), netdev->name,
			speeds[(status & E1000_STATUS_SPEED_MASK) >> E1000_STATUS_SPEED_SHIFT],
			status & E1000_STATUS_FD ? "Full" : "Half");
		netif_carrier_on(netdev);
	} else {
		pr_info("e1000e %s %s: NIC Link is Down\n", pci_name(adapter->pdev), netdev->name);
		netif_carrier_off(netdev);
	}
}

static void e1000_watchdog(struct timer_list *t)
{
	struct e1000_adapter *adapter = from_timer(adapter, t, watchdog_timer);

	e1000e_check_link(adapter);
	e1000e_update_stats(adapter);
	mod_timer(&adapter->watchdog_timer, jiffies + E1000_WATCHDOG_PERIOD);
}

/* --- interrupts -------------------------------------------------------------------- */

static void e1000_irq_disable(struct e1000_adapter *adapter)
{
	ew32(IMC, 0xffffffff);
	if (adapter->int_mode == E1000E_INT_MODE_MSIX)
		ew32(EIAC_82574, 0);
	E1000_WRITE_FLUSH();
}

static void e1000_irq_enable(struct e1000_adapter *adapter)
{
	if (adapter->int_mode == E1000E_INT_MODE_MSIX) {
		ew32(EIAC_82574, adapter->eiac_mask);
		ew32(IMS, adapter->eiac_mask | IMS_OTHER_MASK);
	} else {
		ew32(IMS, IMS_ENABLE_MASK);
	}
	E1000_WRITE_FLUSH();
}

static unsigned int e1000_desc_unused(const struct e1000_ring *txr)
{
	if (txr->next_to_clean > txr->next_to_use)
		return txr->next_to_clean - txr->next_to_use - 1;
	return txr->count + txr->next_to_clean - txr->next_to_use - 1;
}

/* Lock held. Frees what the NIC has sent; the number reclaimed. */
static unsigned int e1000_reclaim_tx(struct e1000_ring *txr)
{
	struct e1000_tx_desc *desc = txr->desc;
	unsigned int i = txr->next_to_clean, n = 0;

	while (i != txr->next_to_use && (READ_ONCE(desc[i].status) & E1000_TXD_STAT_DD)) {
		struct e1000_tx_buffer *bi = &txr->buffer_info[i];

		txr->stats.packets++;
		txr->stats.bytes += bi->length;
		consume_skb(bi->skb);
		bi->skb = NULL;
		desc[i].status = 0;
		i = i + 1 == txr->count ? 0 : i + 1;
		n++;
	}
	txr->next_to_clean = i;
	return n;
}

/* Transmit completions; true when the ring was cleaned completely. */
static noinline bool e1000_clean_tx_irq(struct e1000_ring *txr)
{
	struct net_device *netdev = txr->adapter->netdev;
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&txr->lock, flags);
	n = e1000_reclaim_tx(txr);
	txr->stats.last_cpu = smp_processor_id();
	if (n && netif_tx_queue_stopped(netdev_get_tx_queue(netdev, txr->index)))
		netif_tx_wake_queue(netdev_get_tx_queue(netdev, txr->index));
	spin_unlock_irqrestore(&txr->lock, flags);
	return n < txr->count;
}

/* One filled descriptor: a frame for the stack, or a drop counted on the ring. */
static void e1000_rx_one(struct e1000_ring *rxr, u32 staterr, unsigned int length, const u8 *buf)
{
	struct net_device *netdev = rxr->adapter->netdev;
	struct e1000_ring_stats *rs = &rxr->stats;
	struct sk_buff *skb;

	if (unlikely(rxr->discarding || !(staterr & E1000_RXD_STAT_EOP))) {
		if (!rxr->discarding) {
			rs->errors++;
			rs->length_errors++;
		}
		rxr->discarding = !(staterr & E1000_RXD_STAT_EOP);
		return;
	}
	if (unlikely(staterr & E1000_RXDEXT_ERR_FRAME_ERR_MASK)) {
		rs->errors++;
		if (staterr & E1000_RXDEXT_STATERR_CE)
			rs->crc_errors++;
		else
			rs->frame_errors++;
		return;
	}
	if (unlikely(length < ETH_HLEN || length > E1000_RXBUFFER_2048)) {
		rs->errors++;
		rs->length_errors++;
		return;
	}
	skb = netdev_alloc_skb_ip_align(netdev, length);
	if (unlikely(!skb)) {
		rs->dropped++;
		return;
	}
	skb_put_data(skb, buf, length);
	rs->packets++;
	rs->bytes += length;
	skb->protocol = eth_type_trans(skb, netdev);
	if (skb->pkt_type == PACKET_MULTICAST || skb->pkt_type == PACKET_BROADCAST)
		rs->multicast++;
	skb_record_rx_queue(skb, rxr->index);	/* RPS follows this queue's rps_cpus */
	napi_gro_receive(&rxr->napi, skb);
}

/*
 * Takes filled descriptors in ring order, at most @work_to_do, and hands
 * them back in batches. True when any were cleaned.
 */
static noinline __noclone bool e1000_clean_rx_irq(struct e1000_ring *rxr, int *work_done,
						  int work_to_do)
{
	union e1000_rx_desc_extended *ring = rxr->desc;
	unsigned int i = rxr->next_to_clean, cleaned_count = 0;
	bool cleaned = false;

	while (*work_done < work_to_do) {
		union e1000_rx_desc_extended *rx_desc = &ring[i];
		u32 staterr = le32_to_cpu(READ_ONCE(rx_desc->wb.upper.status_error));

		if (!(staterr & E1000_RXD_STAT_DD))
			break;
		(*work_done)++;
		dma_rmb();	/* the rest of the descriptor only after DD */
		e1000_rx_one(rxr, staterr, le16_to_cpu(rx_desc->wb.upper.length), rxr->buffers[i]);
		e1000_alloc_rx_buffer(rxr, i);
		cleaned = true;
		if (++cleaned_count >= E1000_RX_BUFFER_WRITE) {
			e1000_return_rx_buffers(rxr, i);
			cleaned_count = 0;
		}
		i = i + 1 == rxr->count ? 0 : i + 1;
	}
	rxr->next_to_clean = i;
	if (cleaned_count)
		e1000_return_rx_buffers(rxr, i ? i - 1 : rxr->count - 1);
	rxr->stats.last_cpu = smp_processor_id();
	return cleaned;
}

/*
 * NAPI poll of one receive ring, in NET_RX_SOFTIRQ on the CPU whose
 * interrupt scheduled it. Without MSI-X it also reclaims the transmit
 * ring, which shares the one interrupt.
 */
static noinline __noclone int e1000e_poll(struct napi_struct *napi, int budget)
{
	struct e1000_ring *rxr = container_of(napi, struct e1000_ring, napi);
	struct e1000_adapter *adapter = rxr->adapter;
	bool tx_clean_complete = true;
	int work_done = 0;

	rxr->stats.polls++;
	if (adapter->int_mode != E1000E_INT_MODE_MSIX)
		tx_clean_complete = e1000_clean_tx_irq(&adapter->tx_ring[0]);
	e1000_clean_rx_irq(rxr, &work_done, budget);
	if (!tx_clean_complete || work_done == budget)
		return budget;	/* more to do: polled again, the cause stays masked */
	if (likely(napi_complete_done(napi, work_done)) && adapter->up) {
		if (adapter->int_mode == E1000E_INT_MODE_MSIX)
			ew32(IMS, rxr->ims_val);
		else
			e1000_irq_enable(adapter);
	}
	return work_done;
}

static noinline __noclone irqreturn_t e1000_intr_msix_rx(int irq, void *data)
{
	struct e1000_ring *rxr = data;

	rxr->stats.interrupts++;
	/* EIAC cleared and masked the cause; e1000e_poll() unmasks it when done. */
	napi_schedule(&rxr->napi);
	return IRQ_HANDLED;
}

static noinline __noclone irqreturn_t e1000_intr_msix_tx(int irq, void *data)
{
	struct e1000_ring *txr = data;
	struct e1000_adapter *adapter = txr->adapter;

	txr->stats.interrupts++;
	e1000_clean_tx_irq(txr);
	if (adapter->up)
		ew32(IMS, txr->ims_val);
	return IRQ_HANDLED;
}

/* Causes that are not the rings': link changes and receive overruns. */
static void e1000e_handle_other(struct e1000_adapter *adapter, u32 icr)
{
	if (icr & (E1000_ICR_LSC | E1000_ICR_RXSEQ))
		mod_timer(&adapter->watchdog_timer, jiffies + 1);
	if (icr & E1000_ICR_RXO)
		adapter->rx_over++;
}

static noinline __noclone irqreturn_t e1000_msix_other(int irq, void *data)
{
	struct e1000_adapter *adapter = data;
	u32 icr = er32(ICR);

	adapter->other_interrupts++;
	e1000e_handle_other(adapter, icr);
	/* Acknowledge what was read, never the queue causes EIAC looks after. */
	ew32(ICR, icr & ~adapter->eiac_mask);
	if (adapter->up)
		ew32(IMS, IMS_OTHER_MASK);
	return IRQ_HANDLED;
}

static void e1000e_schedule_all(struct e1000_adapter *adapter, u32 icr)
{
	struct e1000_ring *rxr = &adapter->rx_ring[0];

	e1000e_handle_other(adapter, icr);
	rxr->stats.interrupts++;
	/* IAME: the ICR read masked every cause; e1000e_poll() enables them again. */
	if (!napi_schedule(&rxr->napi) && adapter->up)
		e1000_irq_enable(adapter);	/* being polled: MISSED makes it poll again */
}

static noinline __noclone irqreturn_t e1000_intr_msi(int irq, void *data)
{
	struct e1000_adapter *adapter = data;
	u32 icr = er32(ICR);

	e1000e_schedule_all(adapter, icr);
	return IRQ_HANDLED;
}

static noinline __noclone irqreturn_t e1000_intr(int irq, void *data)
{
	struct e1000_adapter *adapter = data;
	u32 icr = er32(ICR);

	if (!(icr & E1000_ICR_INT_ASSERTED))
		return IRQ_NONE;	/* a shared line: someone else's */
	e1000e_schedule_all(adapter, icr);
	return IRQ_HANDLED;
}

/*
 * Two sets of managed vectors, the receive ones and the transmit ones,
 * each spread over the CPUs the same way, so that queue N's pair shares
 * a mask.
 */
static void e1000e_calc_sets(struct irq_affinity *affd, unsigned int nvecs)
{
	affd->nr_sets = 2;
	affd->set_size[0] = nvecs / 2;
	affd->set_size[1] = nvecs - nvecs / 2;
}

/*
 * The vectors: Linux's e1000e_set_interrupt_capability(), MSI-X with
 * 2 * queues + 1 vectors, else MSI, else INTx, each with one queue.
 * Linux's layout (one queue, three vectors) is not managed, as in Linux,
 * and e1000e_set_queue_affinity() places it. With two queues the queue
 * vectors are managed interrupts (PCI_IRQ_AFFINITY): the kernel spreads
 * them over the CPUs, keeps them there and moves them on hotplug; the
 * last vector ("other", the link) is a post vector and stays unmanaged.
 */
static int e1000e_alloc_irq_vectors(struct e1000_adapter *adapter, unsigned int nvec,
				    unsigned int flags)
{
	struct irq_affinity affd = { .post_vectors = 1, .calc_sets = e1000e_calc_sets };

	if ((flags & PCI_IRQ_MSIX) && nvec > 3)
		return pci_alloc_irq_vectors_affinity(adapter->pdev, nvec, nvec,
						      flags | PCI_IRQ_AFFINITY, &affd);
	return pci_alloc_irq_vectors(adapter->pdev, nvec, nvec, flags);
}

static void e1000e_set_interrupt_capability(struct e1000_adapter *adapter)
{
	struct pci_dev *pdev = adapter->pdev;
	unsigned int nvec;
	int mode = e1000e_int_mode;

	if (mode == E1000E_INT_MODE_MSIX) {
		unsigned int queues;

		/* Fewer vectors than two queues need: Linux's one-queue layout. */
		for (queues = e1000e_queues; queues >= 1; queues--) {
			nvec = 2 * queues + 1;
			if (e1000e_alloc_irq_vectors(adapter, nvec, PCI_IRQ_MSIX) == (int)nvec) {
				adapter->int_mode = E1000E_INT_MODE_MSIX;
				adapter->num_queues = queues;
				adapter->num_vectors = nvec;
				return;
			}
		}
		pr_err("e1000e %s: Failed to initialize MSI-X interrupts.  Falling back to MSI interrupts.\n",
		       pci_name(pdev));
		mode = E1000E_INT_MODE_MSI;
	}
	adapter->num_queues = 1;
	adapter->num_vectors = 1;
	if (mode == E1000E_INT_MODE_MSI) {
		if (e1000e_alloc_irq_vectors(adapter, 1, PCI_IRQ_MSI) == 1) {
			adapter->int_mode = E1000E_INT_MODE_MSI;
			return;
		}
		pr_err("e1000e %s: Failed to initialize MSI interrupts.  Falling back to legacy interrupts.\n",
		       pci_name(pdev));
	}
	adapter->int_mode = E1000E_INT_MODE_LEGACY;
	e1000e_alloc_irq_vectors(adapter, 1, PCI_IRQ_INTX);
}

/*
 * Linux's one-queue layout: both queue vectors on the first online CPU,
 * where Linux's e1000e leaves them. (Managed vectors are placed by the
 * kernel.)
 */
static void e1000e_set_queue_affinity(struct e1000_adapter *adapter)
{
	unsigned int cpu = cpumask_first(cpu_online_mask);
	int err;

	if (adapter->num_queues != 1)
		return;
	err = irq_set_affinity(adapter->rx_ring[0].irq, cpumask_of(cpu));
	if (!err)
		err = irq_set_affinity(adapter->tx_ring[0].irq, cpumask_of(cpu));
	if (err)
		pr_warn("e1000e %s: queue 0's vectors not moved to CPU %u (%d)\n",
			pci_name(adapter->pdev), cpu, err);
}

/*
 * Each CPU's transmit queue: the one whose tx vector's affinity mask holds
 * it (with managed vectors, queue N's receive vector has the same mask),
 * else queue 0. Worked out once, when the vectors are requested, so that
 * a transmit only reads a byte.
 */
static void e1000e_map_tx_queues(struct e1000_adapter *adapter)
{
	unsigned int cpu, q;

	memset(adapter->cpu_tx_queue, 0, sizeof(adapter->cpu_tx_queue));
	for (q = adapter->num_queues - 1; q >= 1; q--) {
		const struct cpumask *mask = irq_get_affinity_mask(adapter->tx_ring[q].irq);

		for_each_possible_cpu(cpu)
			if (mask && cpumask_test_cpu(cpu, mask))
				adapter->cpu_tx_queue[cpu] = q;
	}
}

/*
 * ndo_select_queue: the running CPU's transmit queue. dev_queue_xmit()
 * then holds that queue's transmit lock around e1000_xmit_frame(); a task
 * moved to another CPU after the choice only sends on the other queue.
 */
static u16 e1000e_select_queue(struct net_device *netdev, struct sk_buff *skb)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	return adapter->cpu_tx_queue[raw_smp_processor_id()];
}

static int e1000_request_msix(struct e1000_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	struct pci_dev *pdev = adapter->pdev;
	unsigned int q, vector = 0;
	int err, irq;

	for (q = 0; q < adapter->num_queues; q++) {
		struct e1000_ring *rxr = &adapter->rx_ring[q];

		snprintf(rxr->name, sizeof(rxr->name), "%.14s-rx-%u", netdev->name, q);
		rxr->msix_vector = vector++;
		rxr->irq = pci_irq_vector(pdev, rxr->msix_vector);
		err = request_irq(rxr->irq, e1000_intr_msix_rx, 0, rxr->name, rxr);
		if (err)
			return err;
	}
	for (q = 0; q < adapter->num_queues; q++) {
		struct e1000_ring *txr = &adapter->tx_ring[q];

		snprintf(txr->name, sizeof(txr->name), "%.14s-tx-%u", netdev->name, q);
		txr->msix_vector = vector++;
		txr->irq = pci_irq_vector(pdev, txr->msix_vector);
		err = request_irq(txr->irq, e1000_intr_msix_tx, 0, txr->name, txr);
		if (err)
			return err;
	}
	irq = pci_irq_vector(pdev, vector);
	err = request_irq(irq, e1000_msix_other, 0, netdev->name, adapter);
	if (err)
		return err;
	adapter->other_irq = irq;
	e1000e_set_queue_affinity(adapter);
	e1000e_map_tx_queues(adapter);
	e1000_configure_msix(adapter);
	return 0;
}

static void e1000_free_irq(struct e1000_adapter *adapter)
{
	unsigned int q;

	if (adapter->other_irq > 0) {
		free_irq(adapter->other_irq, adapter);
		adapter->other_irq = 0;
	}
	for (q = 0; q < E1000E_MAX_QUEUES; q++) {
		if (adapter->rx_ring[q].irq > 0)
			free_irq(adapter->rx_ring[q].irq, &adapter->rx_ring[q]);
		if (adapter->tx_ring[q].irq > 0)
			free_irq(adapter->tx_ring[q].irq, &adapter->tx_ring[q]);
		adapter->rx_ring[q].irq = adapter->tx_ring[q].irq = 0;
	}
}

static int e1000_request_irq(struct e1000_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	int irq, err;

	if (adapter->int_mode == E1000E_INT_MODE_MSIX) {
		err = e1000_request_msix(adapter);
		if (err)
			e1000_free_irq(adapter);
		else
			netdev->irq = adapter->other_irq;
		return err;
	}
	irq = pci_irq_vector(adapter->pdev, 0);
	if (irq < 0)
		return irq;
	if (adapter->int_mode == E1000E_INT_MODE_MSI)
		err = request_irq(irq, e1000_intr_msi, 0, netdev->name, adapter);
	else
		err = request_irq(irq, e1000_intr, IRQF_SHARED, netdev->name, adapter);
	if (err)
		return err;
	adapter->other_irq = irq;
	netdev->irq = irq;
	adapter->rx_ring[0].msix_vector = adapter->tx_ring[0].msix_vector = -1;
	adapter->rx_ring[0].ims_val = adapter->tx_ring[0].ims_val = 0;
	e1000_configure_single_vector(adapter);
	return 0;
}

/* --- transmit ------------------------------------------------------------------------ */

static netdev_tx_t e1000_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	struct e1000_ring *txr;
	struct e1000_tx_desc *desc;
	unsigned long flags;
	unsigned int i;

	/* The queue dev_queue_xmit() picked, and whose transmit lock it holds. */
	txr = &adapter->tx_ring[skb_get_queue_mapping(skb) < adapter->num_queues ?
				skb_get_queue_mapping(skb) : 0];
	spin_lock_irqsave(&txr->lock, flags);	/* against the reclaim in the ring's IRQ */
	if (unlikely(skb->len > ETH_FRAME_LEN)) {
		txr->stats.dropped++;	/* the ring's own: two rings, two locks */
		spin_unlock_irqrestore(&txr->lock, flags);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return NETDEV_TX_OK;
	}
	if (unlikely(!e1000_desc_unused(txr)) && !e1000_reclaim_tx(txr)) {
		netif_tx_stop_queue(netdev_get_tx_queue(netdev, txr->index));
		spin_unlock_irqrestore(&txr->lock, flags);
		return NETDEV_TX_BUSY;
	}
	i = txr->next_to_use;
	desc = (struct e1000_tx_desc *)txr->desc + i;
	txr->buffer_info[i].skb = skb;
	txr->buffer_info[i].length = skb->len;
	desc->buffer_addr = cpu_to_le64(__pa(skb->data));
	desc->length = cpu_to_le16(skb->len);
	desc->cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS;
	desc->status = 0;
	txr->next_to_use = i + 1 == txr->count ? 0 : i + 1;
	dma_wmb();	/* the descriptor before the doorbell */
	ew32(TDT(txr->index), txr->next_to_use);
	spin_unlock_irqrestore(&txr->lock, flags);
	return NETDEV_TX_OK;
}

/* --- open, close, probe ------------------------------------------------------------------ */

static void e1000e_free_rings(struct e1000_adapter *adapter)
{
	unsigned int q;

	for (q = 0; q < E1000E_MAX_QUEUES; q++) {
		e1000e_free_rx_resources(&adapter->rx_ring[q]);
		e1000e_free_tx_resources(&adapter->tx_ring[q]);
	}
}

static int e1000e_open(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	unsigned int q;
	int err;

	for (q = 0; q < adapter->num_queues; q++) {
		err = e1000e_setup_tx_resources(&adapter->tx_ring[q]);
		if (!err)
			err = e1000e_setup_rx_resources(&adapter->rx_ring[q]);
		if (err)
			goto err_rings;
	}
	e1000_set_rar(adapter, netdev->dev_addr);
	e1000_clear_mta(adapter);
	ew32(CTRL, er32(CTRL) | E1000_CTRL_SLU | E1000_CTRL_ASDE);
	err = e1000_request_irq(adapter);
	if (err)
		goto err_rings;
	e1000_configure_tx(adapter);
	e1000_configure_rx(adapter);
	for (q = 0; q < adapter->num_queues; q++)
		napi_enable(&adapter->rx_ring[q].napi);
	adapter->up = true;
	e1000e_check_link(adapter);
	mod_timer(&adapter->watchdog_timer, jiffies + E1000_WATCHDOG_PERIOD);
	netif_tx_start_all_queues(netdev);
	e1000_irq_enable(adapter);
	return 0;

err_rings:
	e1000e_free_rings(adapter);
	return err;
}

static int e1000e_close(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	unsigned int q;

	adapter->up = false;
	e1000_irq_disable(adapter);
	ew32(RCTL, 0);
	ew32(TCTL, E1000_TCTL_PSP);
	E1000_WRITE_FLUSH();
	e1000_free_irq(adapter);
	for (q = 0; q < adapter->num_queues; q++)
		napi_disable(&adapter->rx_ring[q].napi);
	del_timer_sync(&adapter->watchdog_timer);
	netif_carrier_off(netdev);
	adapter->link_up = false;
	e1000e_free_rings(adapter);
	return 0;
}

static const struct net_device_ops e1000e_netdev_ops = {
	.ndo_open	= e1000e_open,
	.ndo_stop	= e1000e_close,
	.ndo_start_xmit	= e1000_xmit_frame,
	.ndo_select_queue = e1000e_select_queue,
	.ndo_get_stats64 = e1000e_get_stats64,
};

static void e1000e_init_rings(struct e1000_adapter *adapter)
{
	static const u32 rx_cause[] = { E1000_ICR_RXQ0, E1000_ICR_RXQ1 };
	static const u32 tx_cause[] = { E1000_ICR_TXQ0, E1000_ICR_TXQ1 };
	unsigned int q;

	for (q = 0; q < E1000E_MAX_QUEUES; q++) {
		struct e1000_ring *rxr = &adapter->rx_ring[q], *txr = &adapter->tx_ring[q];

		rxr->adapter = txr->adapter = adapter;
		rxr->index = txr->index = q;
		rxr->ims_val = rx_cause[q];
		txr->ims_val = tx_cause[q];
		rxr->msix_vector = txr->msix_vector = -1;
		rxr->stats.last_cpu = txr->stats.last_cpu = -1;
		spin_lock_init(&txr->lock);
		if (q < adapter->num_queues)
			netif_napi_add(adapter->netdev, &rxr->napi, e1000e_poll);
	}
}

static void e1000e_remember(struct e1000_adapter *adapter, bool add)
{
	int i;

	for (i = 0; i < E1000E_MAX_ADAPTERS; i++) {
		if (add && !e1000e_adapters[i]) {
			e1000e_adapters[i] = adapter;
			return;
		}
		if (!add && e1000e_adapters[i] == adapter)
			e1000e_adapters[i] = NULL;
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
	pci_set_master(pdev);
	netdev = alloc_etherdev_mqs(sizeof(*adapter), E1000E_MAX_QUEUES, E1000E_MAX_QUEUES);
	if (!netdev)
		return -ENOMEM;
	adapter = netdev_priv(netdev);
	adapter->netdev = netdev;
	adapter->pdev = pdev;
	adapter->hw_addr = pci_ioremap_bar(pdev, 0);
	err = -EIO;
	if (!adapter->hw_addr)
		goto err_free;
	netdev->netdev_ops = &e1000e_netdev_ops;
	spin_lock_init(&adapter->stats_lock);
	timer_setup(&adapter->watchdog_timer, e1000_watchdog, 0);
	err = e1000e_reset_hw(adapter);
	if (!err)
		err = e1000_read_mac_addr(adapter, netdev->dev_addr);
	if (err) {
		pr_err("e1000e %s: reset or MAC address failed (%d)\n", pci_name(pdev), err);
		goto err_free;
	}
	e1000e_set_interrupt_capability(adapter);
	netif_set_real_num_tx_queues(netdev, adapter->num_queues);
	netif_set_real_num_rx_queues(netdev, adapter->num_queues);	/* rx-0 (and rx-1) in /sys */
	e1000e_init_rings(adapter);
	pci_set_drvdata(pdev, adapter);
	err = register_netdev(netdev);
	if (err)
		goto err_vectors;
	e1000e_remember(adapter, true);
	pr_info("e1000e %s %s: (PCI Express:2.5GT/s:Width x1) %s\n", pci_name(pdev), netdev->name,
		eth_addr_str(mac, netdev->dev_addr));
	pr_info("e1000e %s %s: Intel(R) PRO/1000 Network Connection\n", pci_name(pdev), netdev->name);
	pr_info("e1000e %s %s: %s, %u queue%s%s, %u vector%s\n", pci_name(pdev), netdev->name,
		e1000e_int_mode_names[adapter->int_mode], adapter->num_queues,
		adapter->num_queues > 1 ? "s" : "", adapter->num_queues > 1 ? " (RSS)" : "",
		adapter->num_vectors, adapter->num_vectors > 1 ? "s" : "");
	return 0;

err_vectors:
	pci_free_irq_vectors(pdev);
err_free:
	free_netdev(netdev);
	return err;
}

static void e1000_remove(struct pci_dev *pdev)
{
	struct e1000_adapter *adapter = pci_get_drvdata(pdev);

	if (!adapter)
		return;
	e1000e_remember(adapter, false);
	unregister_netdev(adapter->netdev);
	pci_free_irq_vectors(pdev);
	pci_set_drvdata(pdev, NULL);
	free_netdev(adapter->netdev);
}

/* ethtool -S's layout, with igb's per-queue names. */
static int e1000e_stats_show(struct seq_file *seq, void *v)
{
	int i;

	for (i = 0; i < E1000E_MAX_ADAPTERS; i++) {
		struct e1000_adapter *adapter = e1000e_adapters[i];
		struct e1000_hw_stats *st;
		unsigned int q;

		if (!adapter)
			continue;
		st = &adapter->stats;
		e1000e_update_stats(adapter);
		seq_printf(seq, "NIC statistics (%s):\n", adapter->netdev->name);
		seq_printf(seq, "     interrupt_mode: %s\n", e1000e_int_mode_names[adapter->int_mode]);
		seq_printf(seq, "     queues: %u\n", adapter->num_queues);
		seq_printf(seq, "     rx_packets: %llu\n", st->gprc);
		seq_printf(seq, "     tx_packets: %llu\n", st->gptc);
		seq_printf(seq, "     rx_missed_errors: %llu\n", st->mpc);
		seq_printf(seq, "     rx_no_buffer_count: %llu\n", st->rnbc);
		seq_printf(seq, "     rx_long_length_errors: %llu\n", st->roc);
		seq_printf(seq, "     rx_overruns: %lu\n", adapter->rx_over);
		seq_printf(seq, "     other_interrupts: %lu\n", adapter->other_interrupts);
		for (q = 0; q < adapter->num_queues; q++) {
			const struct e1000_ring *r = &adapter->rx_ring[q];

			seq_printf(seq, "     rx_queue_%u_packets: %llu\n", q, r->stats.packets);
			seq_printf(seq, "     rx_queue_%u_bytes: %llu\n", q, r->stats.bytes);
			seq_printf(seq, "     rx_queue_%u_errors: %llu\n", q, r->stats.errors);
			seq_printf(seq, "     rx_queue_%u_drops: %llu\n", q, r->stats.dropped);
			seq_printf(seq, "     rx_queue_%u_interrupts: %llu\n", q, r->stats.interrupts);
			seq_printf(seq, "     rx_queue_%u_napi_polls: %llu\n", q, r->stats.polls);
			seq_printf(seq, "     rx_queue_%u_cpu: %d\n", q, r->stats.last_cpu);
		}
		for (q = 0; q < adapter->num_queues; q++) {
			const struct e1000_ring *t = &adapter->tx_ring[q];

			seq_printf(seq, "     tx_queue_%u_packets: %llu\n", q, t->stats.packets);
			seq_printf(seq, "     tx_queue_%u_bytes: %llu\n", q, t->stats.bytes);
			seq_printf(seq, "     tx_queue_%u_interrupts: %llu\n", q, t->stats.interrupts);
			seq_printf(seq, "     tx_queue_%u_cpu: %d\n", q, t->stats.last_cpu);
		}
	}
	return 0;
}

static struct pci_driver e1000_driver = {
	.name		= e1000e_driver_name,
	.id_table	= e1000_pci_tbl,
	.probe		= e1000_probe,
	.remove		= e1000_remove,
};

int e1000e_init_module(void)
{
	pr_info("e1000e: Intel(R) PRO/1000 Network Driver\n");
	proc_create_single("net/e1000e", e1000e_stats_show);
	return pci_register_driver(&e1000_driver);
}
