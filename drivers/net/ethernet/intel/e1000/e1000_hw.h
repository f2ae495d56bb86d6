/* SPDX-License-Identifier: MIT */
#ifndef _E1000_HW_H_
#define _E1000_HW_H_

/*
 * The 82540EM as the driver sees it: the registers it uses in BAR 0
 * (Intel PCI/PCI-X Family of Gigabit Ethernet Controllers Software
 * Developer's Manual, "8254x SDM", Table 13-2 register summary and the
 * per-register sections of chapter 13), their bits, and the legacy
 * receive and transmit descriptors (SDM 3.2.3 and 3.3.3) as typed
 * layouts. Statistics registers clear on read (SDM 13.7), except as
 * noted where QEMU's model differs.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/byteorder.h>

#define E1000_DEV_ID_82540EM	0x100E

/* --- registers (byte offsets in BAR 0) -------------------------------------- */
#define E1000_CTRL	0x00000	/* device control */
#define E1000_STATUS	0x00008	/* device status (read only) */
#define E1000_EERD	0x00014	/* EEPROM read: start, address in, data out */
#define E1000_ICR	0x000C0	/* interrupt cause read; reading clears it */
#define E1000_ITR	0x000C4	/* interrupt throttling: minimum gap, 256 ns units */
#define E1000_ICS	0x000C8	/* interrupt cause set (software-raised causes) */
#define E1000_IMS	0x000D0	/* interrupt mask set: 1 bits enable causes */
#define E1000_IMC	0x000D8	/* interrupt mask clear: 1 bits disable causes */
#define E1000_RCTL	0x00100	/* receive control */
#define E1000_TCTL	0x00400	/* transmit control */
#define E1000_TIPG	0x00410	/* transmit inter-packet gap */
#define E1000_RDBAL	0x02800	/* receive ring base, low 32 bits (16-byte aligned) */
#define E1000_RDBAH	0x02804	/* receive ring base, high 32 bits */
#define E1000_RDLEN	0x02808	/* receive ring length in bytes, multiple of 128 */
#define E1000_RDH	0x02810	/* receive head: next descriptor the NIC fills */
#define E1000_RDT	0x02818	/* receive tail: first descriptor the NIC may not use */
#define E1000_RDTR	0x02820	/* receive interrupt delay timer (1.024 us units) */
#define E1000_RADV	0x0282C	/* receive interrupt absolute delay */
#define E1000_TDBAL	0x03800	/* transmit ring base, low */
#define E1000_TDBAH	0x03804	/* transmit ring base, high */
#define E1000_TDLEN	0x03808	/* transmit ring length in bytes, multiple of 128 */
#define E1000_TDH	0x03810	/* transmit head: next descriptor the NIC sends */
#define E1000_TDT	0x03818	/* transmit tail: one past the last queued descriptor */
#define E1000_TIDV	0x03820	/* transmit interrupt delay */
#define E1000_MPC	0x04010	/* missed packets: no room in the receive FIFO/ring */
#define E1000_RNBC	0x040A0	/* receive no buffers: frames that found the ring full */
#define E1000_ROC	0x040AC	/* receive oversize: frames longer than allowed */
#define E1000_GPRC	0x04074	/* good packets received */
#define E1000_GPTC	0x04080	/* good packets transmitted */
#define E1000_MTA	0x05200	/* multicast table, 128 32-bit entries */
#define E1000_RAL0	0x05400	/* receive address 0, low 4 bytes of the MAC */
#define E1000_RAH0	0x05404	/* receive address 0, high 2 bytes + address valid */

#define E1000_MTA_ENTRIES	128

/* CTRL (SDM 13.4.1) */
#define E1000_CTRL_FD		BIT(0)	/* full duplex */
#define E1000_CTRL_ASDE		BIT(5)	/* auto-speed detection */
#define E1000_CTRL_SLU		BIT(6)	/* set link up */
#define E1000_CTRL_RST		BIT(26)	/* device reset; self-clearing */

/* STATUS (SDM 13.4.2) */
#define E1000_STATUS_FD		BIT(0)	/* full duplex */
#define E1000_STATUS_LU		BIT(1)	/* link up */
#define E1000_STATUS_SPEED_SHIFT 6	/* 00 10, 01 100, 1x 1000 Mb/s */
#define E1000_STATUS_SPEED_MASK	(3 << E1000_STATUS_SPEED_SHIFT)

/* EERD (SDM 13.4.4) */
#define E1000_EERD_START	BIT(0)	/* start a read */
#define E1000_EERD_DONE		BIT(4)	/* read complete, data valid */
#define E1000_EERD_ADDR_SHIFT	8	/* word address */
#define E1000_EERD_DATA_SHIFT	16	/* the word read */
#define E1000_EEPROM_CHECKSUM_REG 0x3F	/* words 0..0x3F sum to 0xBABA */
#define E1000_EEPROM_SUM	0xBABA

/* ICR, ICS, IMS, IMC (SDM 13.4.17-21): the interrupt causes */
#define E1000_ICR_TXDW		BIT(0)	/* transmit descriptor written back */
#define E1000_ICR_TXQE		BIT(1)	/* transmit queue empty */
#define E1000_ICR_LSC		BIT(2)	/* link status change */
#define E1000_ICR_RXSEQ		BIT(3)	/* receive sequence error */
#define E1000_ICR_RXDMT0	BIT(4)	/* receive descriptors below the minimum threshold */
#define E1000_ICR_RXO		BIT(6)	/* receiver overrun: a frame found no room */
#define E1000_ICR_RXT0		BIT(7)	/* receive timer: frames are in the ring */

/* RCTL (SDM 13.4.22) */
#define E1000_RCTL_EN		BIT(1)	/* receiver enable */
#define E1000_RCTL_SBP		BIT(2)	/* store bad packets */
#define E1000_RCTL_UPE		BIT(3)	/* unicast promiscuous */
#define E1000_RCTL_MPE		BIT(4)	/* multicast promiscuous */
#define E1000_RCTL_LPE		BIT(5)	/* long packets (over 1522 bytes) */
#define E1000_RCTL_RDMTS_HALF	(0 << 8) /* RXDMT0 when half the ring is left */
#define E1000_RCTL_BAM		BIT(15)	/* accept broadcast */
#define E1000_RCTL_SZ_2048	(0 << 16) /* buffer size 2048 (with BSEX clear) */
#define E1000_RCTL_SECRC	BIT(26)	/* strip the Ethernet CRC */

/* TCTL (SDM 13.4.33) and TIPG (13.4.34) */
#define E1000_TCTL_EN		BIT(1)	/* transmitter enable */
#define E1000_TCTL_PSP		BIT(3)	/* pad short packets to 64 bytes */
#define E1000_TCTL_CT_SHIFT	4	/* collision threshold */
#define E1000_TCTL_COLD_SHIFT	12	/* collision distance */
#define E1000_COLLISION_THRESHOLD 15
#define E1000_COLLISION_DISTANCE 63	/* full duplex */
#define E1000_TIPG_IPGT_COPPER	10	/* 82540EM, copper: IPGT 10, IPGR1 8, IPGR2 6 */
#define E1000_TIPG_IPGR1_SHIFT	10
#define E1000_TIPG_IPGR2_SHIFT	20
#define E1000_TIPG_IPGR1	8
#define E1000_TIPG_IPGR2	6

/* RAH (SDM 13.5.2) */
#define E1000_RAH_AV		BIT(31)	/* this receive address is valid */

/* --- descriptors ---------------------------------------------------------------- */

/* Legacy receive descriptor (SDM 3.2.3). The NIC writes length, status, errors. */
struct e1000_rx_desc {
	__le64	buffer_addr;	/* physical address of the receive buffer */
	__le16	length;		/* bytes written to the buffer */
	__le16	csum;		/* packet checksum (offload, unused) */
	u8	status;		/* E1000_RXD_STAT_* */
	u8	errors;		/* E1000_RXD_ERR_* */
	__le16	special;	/* VLAN tag */
} __packed;

#define E1000_RXD_STAT_DD	BIT(0)	/* descriptor done: the NIC filled it */
#define E1000_RXD_STAT_EOP	BIT(1)	/* end of packet: the frame's last buffer */
#define E1000_RXD_ERR_CE	BIT(0)	/* CRC or alignment error */
#define E1000_RXD_ERR_SE	BIT(1)	/* symbol error */
#define E1000_RXD_ERR_SEQ	BIT(2)	/* sequence error */
#define E1000_RXD_ERR_CXE	BIT(4)	/* carrier extension error */
#define E1000_RXD_ERR_RXE	BIT(7)	/* RX data error */
#define E1000_RXD_ERR_FRAME_ERR_MASK \
	(E1000_RXD_ERR_CE | E1000_RXD_ERR_SE | E1000_RXD_ERR_SEQ | \
	 E1000_RXD_ERR_CXE | E1000_RXD_ERR_RXE)

/* Legacy transmit descriptor (SDM 3.3.3). The NIC writes status back when RS is set. */
struct e1000_tx_desc {
	__le64	buffer_addr;	/* physical address of the data */
	__le16	length;		/* bytes to send from this buffer */
	u8	cso;		/* checksum offset (offload, unused) */
	u8	cmd;		/* E1000_TXD_CMD_* */
	u8	status;		/* E1000_TXD_STAT_* */
	u8	css;		/* checksum start (unused) */
	__le16	special;	/* VLAN tag */
} __packed;

#define E1000_TXD_CMD_EOP	BIT(0)	/* end of packet */
#define E1000_TXD_CMD_IFCS	BIT(1)	/* insert the FCS */
#define E1000_TXD_CMD_RS	BIT(3)	/* report status: write DD back */
#define E1000_TXD_STAT_DD	BIT(0)	/* descriptor done */

#endif
