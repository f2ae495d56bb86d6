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
#include <linux/llist.h>
#include <asm/smp.h>

typedef void (*smp_call_func_t)(void *info);

/* kernel/smp.c: start the other CPUs at boot. */
void smp_init(void);

/*
 * One queued call: what a target CPU finds on its call_single_queue.
 * CSD_FLAG_LOCK is set from the moment the call is queued until the
 * function has run (a waited-for call) or is about to run (any other),
 * so a csd is never queued twice at once. A csd the caller owns (for
 * smp_call_function_single_async()) is set up once with INIT_CSD() and
 * may be reused as soon as it is no longer locked.
 */
#define CSD_FLAG_LOCK		0x01
#define CSD_TYPE_SYNC		0x10	/* the caller waits: unlock after the function */

typedef struct __call_single_data {
	struct llist_node llist;
	unsigned int flags;
	smp_call_func_t func;
	void *info;
} call_single_data_t;

#define CSD_INIT(_func, _info)	((call_single_data_t){ .func = (_func), .info = (_info) })
#define INIT_CSD(_csd, _func, _info)	(*(_csd) = CSD_INIT((_func), (_info)))

static inline bool csd_is_locked(const call_single_data_t *csd)
{
	return READ_ONCE(csd->flags) & CSD_FLAG_LOCK;
}

/*
 * Queue @csd's function on @cpu and return at once; callable with
 * interrupts off and from hard-IRQ context. 0, -EBUSY when @csd is still
 * queued from an earlier call, -ENXIO when @cpu is not online.
 */
int smp_call_function_single_async(int cpu, call_single_data_t *csd);

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

/* The CALL_FUNCTION(_SINGLE)_VECTOR handlers: run this CPU's queued calls. */
void generic_smp_call_function_single_interrupt(void);
#define generic_smp_call_function_interrupt generic_smp_call_function_single_interrupt

/* arch/x86/kernel/smp.c: the IPIs that wake a target's queue. */
void arch_send_call_function_single_ipi(int cpu);
void arch_send_call_function_ipi_mask(const struct cpumask *mask);

/* The reschedule IPI (arch/x86/kernel/smp.c): cpu's current task should yield. */
void smp_send_reschedule(int cpu);

#endif
