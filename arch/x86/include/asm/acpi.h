/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_ACPI_H
#define _ASM_X86_ACPI_H

/*
 * What the MADT tells x86, and the contract between the MADT parser
 * (arch/x86/kernel/acpi/boot.c) and the APIC code that consumes it.
 * acpi_boot_init() calls the functions below once per MADT entry; the
 * local APIC and IOAPIC code implement them. boot.c carries weak versions
 * that only log, so the kernel links before the APIC code exists.
 */
#include <linux/types.h>
#include <asm/setup.h>

/*
 * Polarity and trigger as passed to the callbacks: the MADT's MPS INTI
 * flags decoded into Linux's mp_irq "irqflag" encoding, so that
 * (polarity | trigger) is an MP-table irqflag. DEFAULT means "conforms to
 * the bus": for an ISA IRQ that is active high, edge triggered. RESERVED
 * values are passed through as the firmware wrote them; treat them as
 * DEFAULT and complain, as Linux's IOAPIC code does.
 */
enum mp_irq_polarity {
	MP_IRQPOL_DEFAULT	= 0x0,
	MP_IRQPOL_ACTIVE_HIGH	= 0x1,
	MP_IRQPOL_RESERVED	= 0x2,
	MP_IRQPOL_ACTIVE_LOW	= 0x3,
	MP_IRQPOL_MASK		= 0x3,
};

enum mp_irq_trigger {
	MP_IRQTRIG_DEFAULT	= 0x0,
	MP_IRQTRIG_EDGE		= 0x4,
	MP_IRQTRIG_RESERVED	= 0x8,
	MP_IRQTRIG_LEVEL	= 0xc,
	MP_IRQTRIG_MASK		= 0xc,
};

/* An acpi_id meaning "every processor" in the LAPIC NMI callbacks. */
#define ACPI_ID_ALL_CPUS_LAPIC	0xffU		/* from a LOCAL_APIC_NMI entry */
#define ACPI_ID_ALL_CPUS_X2APIC	0xffffffffU	/* from a LOCAL_X2APIC_NMI entry */

extern int acpi_disabled;	/* acpi=off, or no usable tables */
extern bool acpi_lapic;		/* the MADT listed the local APICs */
extern bool acpi_ioapic;	/* the MADT listed the IOAPICs */

/*
 * The callbacks. acpi_boot_init() calls them in this order: the local
 * APIC base once (the MADT's own, or the 64-bit override when there is
 * one); each usable processor, in MADT order (so the boot CPU, which
 * firmware lists first, comes first); each IOAPIC; each ISA IRQ override,
 * then an identity override for every ISA IRQ 0-15 no override mentioned;
 * NMI sources; local APIC NMI wiring. An error from acpi_register_lapic()
 * or mp_register_ioapic() is logged and the entry skipped.
 */
void register_lapic_address(u64 address);
int acpi_register_lapic(u32 apic_id, u32 acpi_id, bool enabled);
int mp_register_ioapic(int id, u32 address, u32 gsi_base);
void mp_override_legacy_irq(u8 bus_irq, u8 polarity, u8 trigger, u32 gsi);
void acpi_register_nmi_source(u32 gsi, u8 polarity, u8 trigger);
void acpi_register_lapic_nmi(u32 acpi_id, u8 lint, u8 polarity, u8 trigger);

/* Where the boot loader said the RSDP is; 0 when it did not say. */
static inline u64 acpi_arch_get_root_pointer(void)
{
	return boot_params.acpi_rsdp_addr;
}

#endif
