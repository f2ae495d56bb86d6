/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <linux/types.h>
#include <asm/percpu.h>

#define BAD_APICID		0xFFFFFFFFu

DECLARE_PER_CPU(int, cpu_number);
#define smp_processor_id()	this_cpu_read(cpu_number)
#define raw_smp_processor_id()	this_cpu_read(cpu_number)

/* arch/x86/kernel/cpu/topology.c: what the MADT said about each logical CPU. */
extern u32 x86_cpu_to_apicid[NR_CPUS];
extern u32 x86_cpu_to_acpiid[NR_CPUS];
extern unsigned int num_processors, disabled_cpus;

void topology_register_boot_apic(u32 apic_id);
int generic_processor_info(u32 apicid);
void prefill_possible_map(void);
/* Forget every CPU but the boot CPU, and the caps: for tests that replay the MADT. */
void topology_reset(void);

/* arch/x86/kernel/setup_percpu.c */
void setup_per_cpu_areas(void);

#endif
