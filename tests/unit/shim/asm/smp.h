/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

/*
 * Host stand-in for asm/smp.h: the kernel reads its CPU number through
 * %gs, which a user process does not own. A test says which CPU "this"
 * is by setting host_cpu_number.
 */
extern int host_cpu_number;

#define smp_processor_id()	(host_cpu_number)
#define raw_smp_processor_id()	(host_cpu_number)

/* Starting a CPU: host.c's stand-in, which no CPU answers. */
int native_cpu_up(unsigned int cpu);
#define __cpu_up(cpu)		native_cpu_up(cpu)

/* Taking a CPU down: host.c's stand-ins, which refuse. */
int __cpu_disable(void);
int __cpu_die(unsigned int cpu);

#endif
