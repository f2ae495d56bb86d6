// SPDX-License-Identifier: MIT
/*
 * Sending IPIs through the interrupt command register: a fixed vector or
 * an NMI to one CPU by APIC ID, physical destination mode.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/irqflags.h>

void apic_send_IPI(u32 apicid, int vector, u32 delivery_mode)
{
	unsigned long flags;
	u32 low = delivery_mode | (delivery_mode == APIC_DM_NMI ? 0 : vector);

	local_irq_save(flags);
	apic->icr_write(low | APIC_INT_ASSERT, apicid);
	local_irq_restore(flags);
}
