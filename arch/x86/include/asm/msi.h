/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_MSI_H
#define _ASM_X86_MSI_H

/*
 * The x86 meaning of an MSI message: the address selects the local APIC
 * that receives it, the data is the vector and how it is delivered
 * (SDM Vol. 3A, 11.11.1 "Message Address Register Format", figure 11-24,
 * and 11.11.2 "Message Data Register Format", figure 11-25). Declared
 * once here; struct msi_msg overlays these on its three words.
 */
#include <linux/types.h>

#define X86_MSI_BASE_ADDRESS_LOW	(0xfee00000 >> 20)	/* bits 31:20 of the address */

/* SDM Vol. 3A figure 11-24, bits 31:0. */
struct x86_msi_addr_lo {
	union {
		struct {
			u32	reserved_0		:  2,
				dest_mode_logical	:  1,	/* RM: 0 physical APIC ID */
				redirect_hint		:  1,	/* RH: 0 to exactly the destination */
				reserved_1		:  1,
				virt_destid_8_14	:  7,
				destid_0_7		:  8,	/* the destination APIC ID */
				base_address		: 12;	/* 0xfee */
		};
		u32 raw;
	};
} __attribute__((packed));

/* Bits 63:32: zero unless APIC IDs above 255 are addressed (extended destination ID). */
struct x86_msi_addr_hi {
	u32	reserved	:  8,
		destid_8_31	: 24;
} __attribute__((packed));

/* SDM Vol. 3A figure 11-25. */
struct x86_msi_data {
	union {
		struct {
			u32	vector			:  8,
				delivery_mode		:  3,	/* 0 fixed */
				dest_mode_logical	:  1,
				reserved		:  2,
				active_low		:  1,	/* level assert, for level messages only */
				is_level		:  1;	/* 0 edge */
		};
		u32 raw;
	};
} __attribute__((packed));

_Static_assert(sizeof(struct x86_msi_addr_lo) == 4, "MSI address layout");
_Static_assert(sizeof(struct x86_msi_addr_hi) == 4, "MSI address high layout");
_Static_assert(sizeof(struct x86_msi_data) == 4, "MSI data layout");

struct irq_cfg;
struct msi_msg;
/* Builds the message that delivers @cfg's vector to @cfg's APIC: fixed, physical, edge. */
void __irq_msi_compose_msg(struct irq_cfg *cfg, struct msi_msg *msg, bool dmar);

#endif
