// SPDX-License-Identifier: MIT
/*
 * smp_init(), which starts the other CPUs at boot (arch/x86/kernel/
 * smpboot.c does the starting), and the cross-CPU function calls. A call
 * can so far only target the calling CPU: it runs directly with
 * interrupts off.
 */
#define pr_fmt(fmt) "smp: " fmt

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

/**
 * smp_init - bring up the CPUs the firmware listed, under maxcpus=/nosmp
 *
 * Called once from kernel_init(); a CPU that does not come up is reported
 * and left offline.
 */
void smp_init(void)
{
	unsigned int num_cpus;

	smp_prepare_cpus(setup_max_cpus);
	pr_info("Bringing up secondary CPUs ...\n");
	bringup_nonboot_cpus(setup_max_cpus);
	num_cpus = num_online_cpus();
	pr_info("Brought up %d node%s, %d CPU%s\n", 1, "", num_cpus, num_cpus > 1 ? "s" : "");
	smp_cpus_done(setup_max_cpus);
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
