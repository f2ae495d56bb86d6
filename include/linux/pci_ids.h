/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PCI_IDS_H
#define _LINUX_PCI_IDS_H

/*
 * The vendor, device and class codes reflex's code refers to, with
 * Linux's names. Classes are the PCI Code and ID Assignment Specification's
 * base class << 8 | sub class (PCI_CLASS_*) or, with the programming
 * interface, the 24-bit code a struct pci_dev carries.
 */

#define PCI_CLASS_NOT_DEFINED		0x0000
#define PCI_CLASS_STORAGE_IDE		0x0101
#define PCI_CLASS_NETWORK_ETHERNET	0x0200
#define PCI_CLASS_DISPLAY_VGA		0x0300
#define PCI_CLASS_BRIDGE_HOST		0x0600
#define PCI_CLASS_BRIDGE_ISA		0x0601
#define PCI_CLASS_BRIDGE_OTHER		0x0680
#define PCI_CLASS_BRIDGE_PCI		0x0604
#define PCI_CLASS_SERIAL_SMBUS		0x0c05
#define PCI_CLASS_OTHERS		0xff

#define PCI_VENDOR_ID_REDHAT_QUMRANET	0x1af4	/* virtio */
#define PCI_DEVICE_ID_VIRTIO_NET_TRANS	0x1000	/* transitional virtio-net */
#define PCI_DEVICE_ID_VIRTIO_NET	0x1041	/* modern virtio-net (0x1040 + type 1) */

#define PCI_VENDOR_ID_QEMU		0x1234
#define PCI_DEVICE_ID_QEMU_EDU		0x11e8	/* QEMU's educational device, docs/specs/edu.rst */
#define PCI_DEVICE_ID_QEMU_VGA		0x1111

#define PCI_VENDOR_ID_REDHAT		0x1b36
#define PCI_DEVICE_ID_REDHAT_ROOT_PORT	0x000c	/* QEMU's pcie-root-port */
#define PCI_DEVICE_ID_REDHAT_BRIDGE	0x0001	/* QEMU's pci-bridge */

#define PCI_VENDOR_ID_INTEL		0x8086
#define PCI_DEVICE_ID_INTEL_82441	0x1237	/* i440FX host bridge (QEMU -M pc) */
#define PCI_DEVICE_ID_INTEL_82371SB_0	0x7000	/* PIIX3 PCI-to-ISA bridge, the INTx router */
#define PCI_DEVICE_ID_INTEL_82371SB_1	0x7010	/* PIIX3 IDE */
#define PCI_DEVICE_ID_INTEL_82371AB_3	0x7113	/* PIIX4 ACPI */
#define PCI_DEVICE_ID_INTEL_Q35_MCH	0x29c0	/* Q35 host bridge (QEMU -M q35) */
#define PCI_DEVICE_ID_INTEL_ICH9_8	0x2918	/* ICH9 LPC bridge, the INTx router */
#define PCI_DEVICE_ID_INTEL_ICH9_SATA	0x2922
#define PCI_DEVICE_ID_INTEL_ICH9_SMBUS	0x2930
#define PCI_DEVICE_ID_INTEL_82540EM	0x100e	/* e1000, QEMU's default NIC */
#define PCI_DEVICE_ID_INTEL_82574L	0x10d3	/* e1000e, MSI-X with five vectors */

#define PCI_ANY_ID			(~0U)

#endif
