// SPDX-License-Identifier: MIT
/*
 * Sending IPIs through the interrupt command register, physical
 * destination mode: a fixed vector (or, for NMI_VECTOR, an NMI) to one
 * CPU, to a mask of CPUs one ICR write each, to every other CPU, or to
 * the sender itself. The chip's icr_write() hides the register format:
 * xAPIC waits for the previous send to leave the ICR, then writes the
 * destination half and the command half; x2APIC writes the one 64-bit
 * ICR MSR.
 *
 * Who is sent to is the caller's business (kernel/smp.c targets online
 * CPUs only); this file refuses only CPUs with no APIC ID.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <asm/apic.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <asm/topology.h>

/* Linux's __prepare_ICR(): NMI_VECTOR means NMI delivery, any other a fixed vector. */
static u32 prepare_ICR(u32 shortcut, int vector)
{
	if (vector == NMI_VECTOR)
		return shortcut | APIC_DM_NMI | APIC_INT_ASSERT;
	return shortcut | APIC_DM_FIXED | APIC_INT_ASSERT | vector;
}

/*
 * Interrupts off across the write: a handler that sends an IPI between
 * xAPIC's two register writes would leave this one its destination.
 */
static void send_IPI_icr(u32 low, u32 dest)
{
	unsigned long flags;

	local_irq_save(flags);
	apic->icr_write(low, dest);
	local_irq_restore(flags);
}

void apic_send_IPI(u32 apicid, int vector, u32 delivery_mode)
{
	u32 low = delivery_mode | (delivery_mode == APIC_DM_NMI ? 0 : vector);

	send_IPI_icr(low | APIC_INT_ASSERT, apicid);
}

void send_IPI(int cpu, int vector)
{
	u32 apicid;

	if ((unsigned int)cpu >= nr_cpu_ids)
		return;
	apicid = x86_cpu_to_apicid[cpu];
	if (WARN_ON_ONCE(apicid == BAD_APICID))
		return;
	send_IPI_icr(prepare_ICR(0, vector), apicid);
}

void send_IPI_mask(const struct cpumask *mask, int vector)
{
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		send_IPI(cpu, vector);
}

/* @mask minus the sending CPU. */
void send_IPI_mask_allbutself(const struct cpumask *mask, int vector)
{
	unsigned int cpu, self = smp_processor_id();

	for_each_cpu(cpu, mask)
		if (cpu != self)
			send_IPI(cpu, vector);
}

/*
 * The all-but-self shorthand reaches every APIC on the bus, also those
 * of CPUs that are present but not (or not yet) online, which must not
 * see a fixed vector or an NMI; so it is used only when every present
 * CPU is online (Linux's apic_use_ipi_shorthand).
 */
void send_IPI_allbutself(int vector)
{
	if (num_online_cpus() == 1)
		return;
	if (num_online_cpus() == num_present_cpus())
		send_IPI_icr(prepare_ICR(APIC_DEST_ALLBUT, vector), 0);
	else
		send_IPI_mask_allbutself(cpu_online_mask, vector);
}

/* The self shorthand (and x2APIC's SELF IPI register) carries only fixed vectors (SDM 11.6.1). */
void send_IPI_self(int vector)
{
	if (vector == NMI_VECTOR)
		send_IPI_icr(prepare_ICR(0, vector), read_apic_id());
	else
		apic->send_IPI_self(vector);
}
