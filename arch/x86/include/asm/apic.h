/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

#include <linux/types.h>
#include <asm/apicdef.h>
#include <asm/irq_vectors.h>

/*
 * The local APIC driver in use: xAPIC over MMIO or x2APIC over MSRs. Only
 * arch/x86/kernel/apic/ touches the registers; everything else goes
 * through these calls.
 */
struct apic {
	const char *name;
	u32 (*read)(u32 reg);
	void (*write)(u32 reg, u32 v);
	void (*eoi)(void);
	void (*icr_write)(u32 low, u32 dest);
	u32 (*get_apic_id)(void);
	void (*send_IPI_self)(int vector);
};

extern struct apic *apic;
extern bool x2apic_mode;
extern int disable_apic;		/* noapic-style: no local APIC at all */
extern unsigned int lapic_timer_period;	/* APIC timer ticks per jiffy */
extern u32 boot_cpu_physical_apicid;

static inline u32 apic_read(u32 reg) { return apic->read(reg); }
static inline void apic_write(u32 reg, u32 v) { apic->write(reg, v); }
static inline void apic_eoi(void) { apic->eoi(); }
static inline u32 read_apic_id(void) { return apic->get_apic_id(); }

void __init_lapic(void);
void init_bsp_APIC(void);
void setup_local_APIC(void);
void apic_ap_setup(void);

void setup_boot_APIC_clock(void);
void setup_secondary_APIC_clock(void);
/* Send vector (or, with APIC_DM_NMI, an NMI) to the CPU with apicid. */
void apic_send_IPI(u32 apicid, int vector, u32 delivery_mode);

/*
 * arch/x86/kernel/apic/ipi.c: @vector (NMI_VECTOR for an NMI) to CPUs
 * by number, as Linux's apic->send_IPI*() family.
 */
struct cpumask;
void send_IPI(int cpu, int vector);
void send_IPI_mask(const struct cpumask *mask, int vector);
void send_IPI_mask_allbutself(const struct cpumask *mask, int vector);
void send_IPI_allbutself(int vector);
void send_IPI_self(int vector);
/* Is this vector in service right now (its ISR bit set)? */
bool apic_vector_in_service(unsigned int vector);
u32 apic_read_irr(unsigned int vector);

/*
 * The vector domain's side of a CPU coming or going, called on that CPU
 * with interrupts off (vector.c): lapic_online() before it is marked
 * online, lapic_offline() after its interrupts were moved away.
 */
void lapic_online(void);
void lapic_offline(void);

#endif
