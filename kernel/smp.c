// SPDX-License-Identifier: MIT
/*
 * Cross-CPU function calls. Until other CPUs run, a call can only target
 * the calling CPU: it runs directly with interrupts off.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/errno.h>
#include <asm/irqflags.h>

static void run_local(smp_call_func_t func, void *info)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	if (cpu != smp_processor_id())
		return -ENXIO;
	run_local(func, info);
	return 0;
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func,
			    void *info, bool wait)
{
}

void smp_call_function(smp_call_func_t func, void *info, int wait)
{
}

void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
		      void *info, bool wait)
{
	if (cpumask_test_cpu(smp_processor_id(), mask))
		run_local(func, info);
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	run_local(func, info);
}
