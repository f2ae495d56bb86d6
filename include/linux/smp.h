/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

/*
 * Running a function on other CPUs (kernel/smp.c), as Linux's: the
 * function runs in hard-IRQ context on the target, from the
 * CALL_FUNCTION_SINGLE_VECTOR or CALL_FUNCTION_VECTOR handler, or
 * directly with interrupts off when the target is the calling CPU.
 * With wait set the caller spins until every target has run it. The
 * caller must have interrupts enabled when it waits (a CPU that waits
 * with them off can deadlock against one calling it back).
 */
#include <linux/types.h>
#include <linux/cpumask.h>
#include <asm/smp.h>

typedef void (*smp_call_func_t)(void *info);

/* kernel/smp.c: start the other CPUs at boot. */
void smp_init(void);

/* 0, or -ENXIO when cpu is not online. */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
/* Every online CPU in mask except the caller. */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func,
			    void *info, bool wait);
/* Every other online CPU. */
void smp_call_function(smp_call_func_t func, void *info, int wait);
/* Every online CPU in mask, the caller included. */
void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
		      void *info, bool wait);
/* Every online CPU, the caller included. */
void on_each_cpu(smp_call_func_t func, void *info, int wait);

/* The reschedule IPI (arch/x86/kernel/smp.c): cpu's current task should yield. */
void smp_send_reschedule(int cpu);

#endif
