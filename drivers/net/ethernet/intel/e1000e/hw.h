/* SPDX-License-Identifier: MIT */
#ifndef _E1000E_HW_H_
#define _E1000E_HW_H_

/*
 * The 82574L as the e1000e driver uses it: register offsets in BAR 0,
 * their bits, and the descriptor layouts (Intel 82574 GbE Controller
 * Datasheet: 10.2 register summary, 7.1.5 extended receive descriptor,
 * 7.2 legacy transmit descriptor, 7.1.2.10 RSS, 10.2.4 interrupts).
 * Linux splits these over regs.h and defines.h; reflex keeps the few it
 * needs here, under Linux's names.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/byteorder.h>

#define E1000_DEV_ID_82574L	0x10D3

/* --- registers (byte offsets in BAR 0) ------------------------------------ */
#define E1000_CTRL	0x00000	/* device control */
#define E1000_STATUS	0x00008	/* device status */
#define E1000_EERD	0x00014	/* EEPROM read */
#define E1000_CTRL_EXT	0x00018	/* extended device control */
#define E1000_ICR	0x000C0	/* interrupt cause read */
#define E1000_ITR	0x000C4	/* interrupt throttling (INTx and MSI) */
#define E1000_ICS	0x000C8	/* interrupt cause set */
#define E1000_IMS	0x000D0	/* interrupt mask set */
#define E1000_IMC	0x000D8	/* interrupt mask clear */
#define E1000_EIAC_82574 0x000DC /* extended interrupt auto clear (MSI-X causes) */
#define E1000_IAM	0x000E0	/* interrupt acknowledge auto mask */
#define E1000_IVAR	0x000E4	/* interrupt vector allocation: cause -> MSI-X vector */
#define E1000_EITR_82574(n) (0x000E8 + 4 * (n)) /* per-vector throttling */
#define E1000_RCTL	0x00100	/* receive control */
#define E1000_TCTL	0x00400	/* transmit control */
#define E1000_TIPG	0x00410	/* transmit inter-packet gap */
/* Queue n's ring registers are 0x100 apart (RDBAL0/RDBAL1, TDBAL/TDBAL1). */
#define E1000_RDBAL(n)	(0x02800 + 0x100 * (n))
#define E1000_RDBAH(n)	(0x02804 + 0x100 * (n))
#define E1000_RDLEN(n)	(0x02808 + 0x100 * (n))
#define E1000_RDH(n)	(0x02810 + 0x100 * (n))
#define E1000_RDT(n)	(0x02818 + 0x100 * (n))
#define E1000_RDTR	0x02820	/* receive delay timer */
#define E1000_RADV	0x0282C	/* receive absolute delay */
#define E1000_TDBAL(n)	(0x03800 + 0x100 * (n))
#define E1000_TDBAH(n)	(0x03804 + 0x100 * (n))
#define E1000_TDLEN(n)	(0x03808 + 0x100 * (n))
#define E1000_TDH(n)	(0x03810 + 0x100 * (n))
#define E1000_TDT(n)	(0x03818 + 0x100 * (n))
#define E1000_TIDV	0x03820	/* transmit interrupt delay */
#define E1000_TARC(n)	(0x03840 + 0x100 * (n)) /* transmit arbitration; bit 10 enables the queue */
#define E1000_MPC	0x04010	/* missed packets */
#define E1000_GPRC	0x04074	/* good packets received */
#define E1000_GPTC	0x04080	/* good packets transmitted */
#define E1000_RNBC	0x040A0	/* receive no buffers */
#define E1000_ROC	0x040AC	/* receive oversize */
#define E1000_RXCSUM	0x05000	/* receive checksum control */
#define E1000_RFCTL	0x05008	/* receive filter control */
#define E1000_MTA	0x05200	/* multicast table, 128 entries */
#define E1000_RAL0	0x05400	/* receive address 0, low */
#define E1000_RAH0	0x05404	/* receive address 0, high + valid */
#define E1000_MRQC	0x05818	/* multiple receive queues command */
#define E1000_RETA(n)	(0x05C00 + 4 * (n)) /* redirection table, 32 registers */
#define E1000_RSSRK(n)	(0x05C80 + 4 * (n)) /* RSS random key, 10 registers */

#define E1000_MTA_ENTRIES	128
#define E1000_RETA_REGS		32
#define E1000_RSSRK_REGS	10

/* CTRL */
#define E1000_CTRL_FD		BIT(0)
#define E1000_CTRL_ASDE		BIT(5)
#define E1000_CTRL_SLU		BIT(6)
#define E1000_CTRL_RST		BIT(26)

/* STATUS */
#define E1000_STATUS_FD		BIT(0)
#define E1000_STATUS_LU		BIT(1)
#define E1000_STATUS_SPEED_SHIFT 6
#define E1000_STATUS_SPEED_MASK	(3 << E1000_STATUS_SPEED_SHIFT)

/* EERD */
#define E1000_EERD_START	BIT(0)
#define E1000_EERD_DONE		BIT(1)	/* the 82574's position (the 8254x's is bit 4) */
#define E1000_EERD_ADDR_SHIFT	2
#define E1000_EERD_DATA_SHIFT	16

/* CTRL_EXT */
#define E1000_CTRL_EXT_EIAME	BIT(24)	/* auto-mask with EIAC as well as auto-clear */
#define E1000_CTRL_EXT_IAME	BIT(27)	/* reading ICR masks the causes in IAM */
#define E1000_CTRL_EXT_PBA_CLR	BIT(31)	/* IMS writes clear the vectors' MSI-X pending bits */

/* ICR, ICS, IMS, IMC */
#define E1000_ICR_TXDW		BIT(0)	/* transmit descriptor written back (INTx, MSI) */
#define E1000_ICR_TXQE		BIT(1)
#define E1000_ICR_LSC		BIT(2)	/* link status change */
#define E1000_ICR_RXSEQ		BIT(3)
#define E1000_ICR_RXDMT0	BIT(4)	/* receive descriptors low (INTx, MSI) */
#define E1000_ICR_RXO		BIT(6)	/* receiver overrun */
#define E1000_ICR_RXT0		BIT(7)	/* receive timer (INTx, MSI) */
#define E1000_ICR_RXQ0		BIT(20)	/* MSI-X: receive queue 0 */
#define E1000_ICR_RXQ1		BIT(21)	/* MSI-X: receive queue 1 */
#define E1000_ICR_TXQ0		BIT(22)	/* MSI-X: transmit queue 0 */
#define E1000_ICR_TXQ1		BIT(23)	/* MSI-X: transmit queue 1 */
#define E1000_ICR_OTHER		BIT(24)	/* MSI-X: any other cause (link, overrun, ...) */
#define E1000_ICR_INT_ASSERTED	BIT(31)	/* INTx/MSI: this device asserted the interrupt */
#define E1000_EIAC_MASK_82574	(E1000_ICR_RXQ0 | E1000_ICR_RXQ1 | E1000_ICR_TXQ0 | \
				 E1000_ICR_TXQ1 | E1000_ICR_OTHER)

/* IVAR: four bits per cause, the low three the vector, bit 3 valid. */
#define E1000_IVAR_INT_ALLOC_VALID 0x8
#define E1000_IVAR_RXQ0_SHIFT	0
#define E1000_IVAR_RXQ1_SHIFT	4
#define E1000_IVAR_TXQ0_SHIFT	8
#define E1000_IVAR_TXQ1_SHIFT	12
#define E1000_IVAR_OTHER_SHIFT	16

/* RCTL */
#define E1000_RCTL_EN		BIT(1)
#define E1000_RCTL_LPE		BIT(5)
#define E1000_RCTL_RDMTS_HALF	(0 << 8)
#define E1000_RCTL_DTYP_PS	BIT(10)
#define E1000_RCTL_BAM		BIT(15)
#define E1000_RCTL_SZ_2048	(0 << 16)
#define E1000_RCTL_SECRC	BIT(26)

/* RFCTL */
#define E1000_RFCTL_NFSW_DIS	BIT(6)
#define E1000_RFCTL_NFSR_DIS	BIT(7)
#define E1000_RFCTL_EXTEN	BIT(15)	/* extended receive descriptors */

/* RXCSUM */
#define E1000_RXCSUM_PCSD	BIT(13)	/* RSS hash, not the checksum, in the descriptor */

/* MRQC: bits 1:0 = 01 is RSS over two queues; the hash types from bit 16. */
#define E1000_MRQC_ENABLE_RSS_2Q	0x1
#define E1000_MRQC_RSS_FIELD_IPV4_TCP	BIT(16)
#define E1000_MRQC_RSS_FIELD_IPV4	BIT(17)
/* A RETA entry is one byte; its bit 7 is the queue. */
#define E1000_RETA_QUEUE1	0x80

/* TCTL, TIPG, TARC */
#define E1000_TCTL_EN		BIT(1)
#define E1000_TCTL_PSP		BIT(3)
#define E1000_TCTL_CT_SHIFT	4
#define E1000_TCTL_COLD_SHIFT	12
#define E1000_COLLISION_THRESHOLD 15
#define E1000_COLLISION_DISTANCE 63
#define E1000_TIPG_IPGT_COPPER	8
#define E1000_TIPG_IPGR1_SHIFT	10
#define E1000_TIPG_IPGR2_SHIFT	20
#define E1000_TIPG_IPGR1	8
#define E1000_TIPG_IPGR2	6
#define E1000_TARC_ENABLE	BIT(10)

/* RAH */
#define E1000_RAH_AV		BIT(31)

/* --- descriptors -------------------------------------------------------------- */

/*
 * Extended receive descriptor (datasheet 7.1.5.2): the driver writes the
 * buffer address; the NIC overwrites all 16 bytes with the write-back
 * format, so the address is written again for every reuse.
 */
union e1000_rx_desc_extended {
	struct {
		__le64	buffer_addr;
		__le64	reserved;	/* zero: clears the write-back status */
	} read;
	struct {
		struct {
			__le32	mrq;	/* RSS type (bits 3:0), queue (bits 8+) */
			__le32	rss;	/* RSS hash */
		} lower;
		struct {
			__le32	status_error;	/* status bits 19:0, errors 31:20 */
			__le16	length;
			__le16	vlan;
		} upper;
	} wb;
};

#define E1000_RXD_STAT_DD	BIT(0)
#define E1000_RXD_STAT_EOP	BIT(1)
#define E1000_RXDEXT_STATERR_CE	BIT(24)	/* CRC error */
#define E1000_RXDEXT_STATERR_SE	BIT(25)	/* symbol error */
#define E1000_RXDEXT_STATERR_SEQ BIT(26) /* sequence error */
#define E1000_RXDEXT_STATERR_CXE BIT(28) /* carrier extension error */
#define E1000_RXDEXT_STATERR_RXE BIT(31) /* RX data error */
/* Errors that make the frame unusable; IPE/TCPE (checksums) are left to the stack. */
#define E1000_RXDEXT_ERR_FRAME_ERR_MASK \
	(E1000_RXDEXT_STATERR_CE | E1000_RXDEXT_STATERR_SE | E1000_RXDEXT_STATERR_SEQ | \
	 E1000_RXDEXT_STATERR_CXE | E1000_RXDEXT_STATERR_RXE)

/* Legacy transmit descriptor (datasheet 7.2.10.1). */
struct e1000_tx_desc {
	__le64	buffer_addr;
	__le16	length;
	u8	cso;
	u8	cmd;
	u8	status;
	u8	css;
	__le16	special;
} __packed;

#define E1000_TXD_CMD_EOP	BIT(0)
#define E1000_TXD_CMD_IFCS	BIT(1)
#define E1000_TXD_CMD_RS	BIT(3)
#define E1000_TXD_STAT_DD	BIT(0)

#endif
