/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_TOPOLOGY_H
#define _ASM_X86_TOPOLOGY_H

/* arch/x86/kernel/cpu/topology.c: what the MADT said about each logical CPU. */
#include <linux/types.h>
#include <asm/percpu.h>

#define BAD_APICID		0xFFFFFFFFu

extern u32 x86_cpu_to_apicid[NR_CPUS];
extern u32 x86_cpu_to_acpiid[NR_CPUS];
/* Enabled processors numbered, and those refused or kept for hotplug. */
extern unsigned int num_processors, disabled_cpus;

void topology_register_boot_apic(u32 apic_id);
int generic_processor_info(u32 apicid);
void prefill_possible_map(void);
/* Forget every CPU but the boot CPU, and the caps: for tests that replay the MADT. */
void topology_reset(void);

#endif
