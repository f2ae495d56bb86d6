/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IO_APIC_H
#define _ASM_X86_IO_APIC_H

#include <linux/types.h>

/* IOAPIC registers behind the index/data window (82093AA datasheet, 3.2). */
#define IO_APIC_REGSEL		0x00	/* register select (index) */
#define IO_APIC_WIN		0x10	/* data window */
#define IO_APIC_EOI		0x40	/* version 0x20+: EOI by vector */
#define IO_APIC_ID		0x00
#define IO_APIC_VERSION		0x01	/* bits 7:0 version, 23:16 max redirection entry */
#define IO_APIC_REDTBL(pin)	(0x10 + 2 * (pin))

/*
 * A redirection-table entry (82093AA datasheet, 3.2.4; SDM Vol. 3A 11.11
 * for the message it produces). Written high half first.
 */
struct IO_APIC_route_entry {
	union {
		struct {
			u64	vector			: 8,
				delivery_mode		: 3,
				dest_mode_logical	: 1,
				delivery_status		: 1,
				active_low		: 1,
				irr			: 1,
				is_level		: 1,
				masked			: 1,
				reserved_0		: 15,
				reserved_1		: 24,
				destid_0_7		: 8;
		};
		struct {
			u32 w1, w2;
		};
	};
} __attribute__((packed));

#define MAX_IO_APICS	8

void setup_IO_APIC(void);
bool io_apic_present(void);
/* The Linux IRQ for a GSI (allocating its mapping on first use), or -errno. */
int mp_map_gsi_to_irq(u32 gsi, bool is_level, bool active_low);
int io_apic_read_entry(int irq, struct IO_APIC_route_entry *e);
extern int skip_ioapic_setup;

#endif
