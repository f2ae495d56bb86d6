/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <asm/percpu.h>

DECLARE_PER_CPU(int, cpu_number);
#define smp_processor_id()	this_cpu_read(cpu_number)
#define raw_smp_processor_id()	this_cpu_read(cpu_number)

#endif
