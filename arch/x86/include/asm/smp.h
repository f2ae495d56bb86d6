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

#endif
