/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PCI_REGS_H
#define _LINUX_PCI_REGS_H

/*
 * PCI configuration-space registers, with Linux's names (its uapi
 * pci_regs.h). Offsets and bits are from the PCI Local Bus Specification
 * 3.0, chapter 6, and the PCI Express Base Specification for what lies
 * above 0xff. Only the registers reflex reads or writes are here.
 */

/* Type 0 and type 1 common header (PCI 3.0, 6.1, figure 6-1). */
#define PCI_VENDOR_ID		0x00	/* 16 bits; 0xffff: nothing answers */
#define PCI_DEVICE_ID		0x02	/* 16 bits */
#define PCI_COMMAND		0x04	/* 16 bits, see PCI_COMMAND_* */
#define  PCI_COMMAND_IO		0x0001	/* respond to I/O space accesses */
#define  PCI_COMMAND_MEMORY	0x0002	/* respond to memory space accesses */
#define  PCI_COMMAND_MASTER	0x0004	/* may initiate transactions (DMA, MSI writes) */
#define  PCI_COMMAND_PARITY	0x0040
#define  PCI_COMMAND_SERR	0x0100
#define  PCI_COMMAND_INTX_DISABLE 0x0400 /* stop asserting INTx# */
#define PCI_STATUS		0x06	/* 16 bits */
#define  PCI_STATUS_INTERRUPT	0x0008	/* INTx# is asserted (read only) */
#define  PCI_STATUS_CAP_LIST	0x0010	/* PCI_CAPABILITY_LIST is valid */
#define PCI_CLASS_REVISION	0x08	/* 32 bits: class code << 8 | revision */
#define PCI_REVISION_ID		0x08
#define PCI_CLASS_PROG		0x09	/* programming interface */
#define PCI_CLASS_DEVICE	0x0a	/* base class << 8 | sub class */
#define PCI_CACHE_LINE_SIZE	0x0c
#define PCI_LATENCY_TIMER	0x0d
#define PCI_HEADER_TYPE		0x0e	/* bits 6:0 layout, bit 7 multi-function */
#define  PCI_HEADER_TYPE_MASK	0x7f
#define  PCI_HEADER_TYPE_NORMAL	0	/* endpoint: six BARs */
#define  PCI_HEADER_TYPE_BRIDGE	1	/* PCI-to-PCI bridge: two BARs, bus numbers */
#define  PCI_HEADER_TYPE_CARDBUS 2
#define  PCI_HEADER_TYPE_MFD	0x80	/* function 0 says: look at functions 1-7 */
#define PCI_BIST		0x0f

/* Base address registers (PCI 3.0, 6.2.5.1). */
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_BASE_ADDRESS_5	0x24
#define  PCI_BASE_ADDRESS_SPACE		0x01	/* 0 memory, 1 I/O */
#define  PCI_BASE_ADDRESS_SPACE_IO	0x01
#define  PCI_BASE_ADDRESS_SPACE_MEMORY	0x00
#define  PCI_BASE_ADDRESS_MEM_TYPE_MASK	0x06
#define  PCI_BASE_ADDRESS_MEM_TYPE_32	0x00	/* anywhere below 4 GiB */
#define  PCI_BASE_ADDRESS_MEM_TYPE_1M	0x02	/* below 1 MiB (obsolete) */
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x04	/* this BAR and the next form 64 bits */
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x08	/* reads have no side effects */
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0x0fUL)
#define  PCI_BASE_ADDRESS_IO_MASK	(~0x03UL)

/* Type 0 header, after the BARs. */
#define PCI_CARDBUS_CIS		0x28
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_ROM_ADDRESS		0x30
#define PCI_CAPABILITY_LIST	0x34	/* offset of the first capability */
#define PCI_INTERRUPT_LINE	0x3c	/* firmware's note of the 8259 IRQ; no hardware effect */
#define PCI_INTERRUPT_PIN	0x3d	/* 0 none, 1-4 INTA#-INTD# */
#define PCI_MIN_GNT		0x3e
#define PCI_MAX_LAT		0x3f

/* Type 1 header (PCI-to-PCI Bridge Architecture Specification 1.2, 3.2). */
#define PCI_PRIMARY_BUS		0x18	/* the bus the bridge sits on */
#define PCI_SECONDARY_BUS	0x19	/* the bus right behind it */
#define PCI_SUBORDINATE_BUS	0x1a	/* the highest bus number behind it */
#define PCI_SEC_LATENCY_TIMER	0x1b
#define PCI_BRIDGE_CONTROL	0x3e

/* Capability list entries: ID at +0, next pointer at +1 (PCI 3.0, 6.7). */
#define PCI_CAP_LIST_ID		0
#define PCI_CAP_LIST_NEXT	1
#define PCI_CAP_ID_PM		0x01	/* power management */
#define PCI_CAP_ID_VPD		0x03
#define PCI_CAP_ID_MSI		0x05	/* message signalled interrupts */
#define PCI_CAP_ID_VNDR		0x09	/* vendor specific (virtio uses it) */
#define PCI_CAP_ID_SSVID	0x0d	/* bridge subsystem vendor/device */
#define PCI_CAP_ID_EXP		0x10	/* PCI Express */
#define PCI_CAP_ID_MSIX		0x11	/* MSI-X */
#define PCI_CAP_ID_MAX		PCI_CAP_ID_MSIX
#define PCI_CAP_SIZEOF		4

/* MSI capability (PCI 3.0, 6.8.1): layout depends on the 64BIT and MASKBIT flags. */
#define PCI_MSI_FLAGS		0x02	/* message control, 16 bits */
#define  PCI_MSI_FLAGS_ENABLE	0x0001	/* deliver MSIs instead of INTx */
#define  PCI_MSI_FLAGS_QMASK	0x000e	/* log2 of vectors the function can use */
#define  PCI_MSI_FLAGS_QSIZE	0x0070	/* log2 of vectors software granted */
#define  PCI_MSI_FLAGS_64BIT	0x0080	/* an upper address dword is present */
#define  PCI_MSI_FLAGS_MASKBIT	0x0100	/* per-vector mask and pending bits present */
#define PCI_MSI_ADDRESS_LO	0x04	/* message address bits 31:2 */
#define PCI_MSI_ADDRESS_HI	0x08	/* 64-bit capability only */
#define PCI_MSI_DATA_32		0x08	/* message data, 32-bit capability */
#define PCI_MSI_MASK_32		0x0c	/* mask bits, 32-bit capability with MASKBIT */
#define PCI_MSI_PENDING_32	0x10
#define PCI_MSI_DATA_64		0x0c	/* message data, 64-bit capability */
#define PCI_MSI_MASK_64		0x10
#define PCI_MSI_PENDING_64	0x14

/* MSI-X capability (PCI 3.0, 6.8.2). */
#define PCI_MSIX_FLAGS		0x02	/* message control, 16 bits */
#define  PCI_MSIX_FLAGS_QSIZE	0x07ff	/* table size - 1 */
#define  PCI_MSIX_FLAGS_MASKALL	0x4000	/* every vector masked, whatever its own bit */
#define  PCI_MSIX_FLAGS_ENABLE	0x8000
#define PCI_MSIX_TABLE		0x04	/* table offset in its BAR | BAR indicator */
#define  PCI_MSIX_TABLE_BIR	0x00000007
#define  PCI_MSIX_TABLE_OFFSET	0xfffffff8
#define PCI_MSIX_PBA		0x08	/* pending-bit array offset | BAR indicator */
#define  PCI_MSIX_PBA_BIR	0x00000007
#define  PCI_MSIX_PBA_OFFSET	0xfffffff8
#define PCI_MSIX_FLAGS_BIRMASK	PCI_MSIX_TABLE_BIR

/* One MSI-X table entry, 16 bytes, in the device's memory BAR. */
#define PCI_MSIX_ENTRY_SIZE		16
#define PCI_MSIX_ENTRY_LOWER_ADDR	0x0
#define PCI_MSIX_ENTRY_UPPER_ADDR	0x4
#define PCI_MSIX_ENTRY_DATA		0x8
#define PCI_MSIX_ENTRY_VECTOR_CTRL	0xc
#define  PCI_MSIX_ENTRY_CTRL_MASKBIT	0x00000001

/* Sizes of the configuration space: conventional, and PCI Express's extended. */
#define PCI_CFG_SPACE_SIZE	256
#define PCI_CFG_SPACE_EXP_SIZE	4096

#endif
