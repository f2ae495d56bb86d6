/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_NMI_H
#define _LINUX_NMI_H

/*
 * NMI backtraces (lib/nmi_backtrace.c, arch/x86/kernel/apic/hw_nmi.c), as
 * Linux's: an NMI to each chosen CPU, each prints "NMI backtrace for
 * cpu N" and its stack, even with interrupts off or a lock spun on
 * forever; the caller waits, bounded, for all of them.
 */
#include <linux/types.h>
#include <linux/cpumask.h>
#include <asm/smp.h>

struct pt_regs;

/* How long the caller waits for every CPU to answer (Linux's 10 s). */
#define NMI_BACKTRACE_TIMEOUT_MS	10000

/*
 * Every CPU in @mask except @exclude_cpu (-1: none), online ones only.
 * True when each answered within the timeout; false when some did not,
 * or when another backtrace was already running (nothing is sent then).
 */
bool arch_trigger_cpumask_backtrace(const struct cpumask *mask, int exclude_cpu);
bool nmi_trigger_cpumask_backtrace(const struct cpumask *mask, int exclude_cpu,
				   void (*raise)(const struct cpumask *mask));

static inline bool trigger_all_cpu_backtrace(void)
{
	return arch_trigger_cpumask_backtrace(cpu_online_mask, -1);
}

static inline bool trigger_allbutself_cpu_backtrace(void)
{
	return arch_trigger_cpumask_backtrace(cpu_online_mask, raw_smp_processor_id());
}

static inline bool trigger_single_cpu_backtrace(int cpu)
{
	return arch_trigger_cpumask_backtrace(cpumask_of(cpu), -1);
}

/* CPUs that printed without waiting their turn (the print lock was not freed in time). */
extern unsigned int nmi_backtrace_unserialized;

/* From the NMI handler: true when this NMI was a backtrace request for this CPU (now printed). */
bool nmi_cpu_backtrace(struct pt_regs *regs);

#endif
