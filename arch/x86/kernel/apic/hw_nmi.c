// SPDX-License-Identifier: MIT
/*
 * The x86 half of NMI backtraces, as Linux's apic/hw_nmi.c: an NMI IPI to
 * each CPU of the mask, the caller's own included (it answers from its
 * own NMI, like the others). exc_nmi() hands each NMI to
 * nmi_cpu_backtrace() first; lib/nmi_backtrace.c owns the rest.
 */
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <asm/apic.h>
#include <asm/irq_vectors.h>

static void nmi_raise_cpu_backtrace(const struct cpumask *mask)
{
	send_IPI_mask(mask, NMI_VECTOR);
}

bool arch_trigger_cpumask_backtrace(const struct cpumask *mask, int exclude_cpu)
{
	return nmi_trigger_cpumask_backtrace(mask, exclude_cpu, nmi_raise_cpu_backtrace);
}
