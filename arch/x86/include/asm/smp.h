/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <linux/types.h>
#include <asm/percpu.h>
#include <asm/topology.h>

DECLARE_PER_CPU(int, cpu_number);
#define smp_processor_id()	this_cpu_read(cpu_number)
#define raw_smp_processor_id()	this_cpu_read(cpu_number)

/* arch/x86/kernel/setup_percpu.c */
void setup_per_cpu_areas(void);

/* arch/x86/kernel/smpboot.c: starting the other CPUs (Linux's smp_ops). */
void native_smp_prepare_cpus(unsigned int max_cpus);
int native_cpu_up(unsigned int cpu);
void native_smp_cpus_done(unsigned int max_cpus);
int wakeup_secondary_cpu_via_init(u32 phys_apicid, unsigned long start_eip);
int smpboot_wakeup_ap(u32 apicid, u64 timeout_us);
int native_cpu_disable(void);
int native_cpu_die(unsigned int cpu);
__noreturn void play_dead(void);

static inline void smp_prepare_cpus(unsigned int max_cpus)
{
	native_smp_prepare_cpus(max_cpus);
}

static inline int __cpu_up(unsigned int cpu)
{
	return native_cpu_up(cpu);
}

/* CPU hotplug: on the dying CPU, and on the controlling CPU once it is dead. */
static inline int __cpu_disable(void)
{
	return native_cpu_disable();
}

static inline int __cpu_die(unsigned int cpu)
{
	return native_cpu_die(cpu);
}

static inline void smp_cpus_done(unsigned int max_cpus)
{
	native_smp_cpus_done(max_cpus);
}

#endif
