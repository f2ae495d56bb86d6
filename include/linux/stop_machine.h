/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_STOP_MACHINE_H
#define _LINUX_STOP_MACHINE_H

/*
 * The per-CPU stopper threads "migration/N" (kernel/stop_machine.c): the
 * highest-priority task on each CPU, which runs queued functions there
 * with nothing else running on that CPU meanwhile. stop_machine() runs
 * one function with every online CPU held in its stopper, interrupts off
 * on all of them: nothing else runs anywhere until it returns.
 */
#include <linux/list.h>
#include <linux/cpumask.h>

typedef int (*cpu_stop_fn_t)(void *arg);

struct cpu_stop_done;

struct cpu_stop_work {
	struct list_head	list;
	cpu_stop_fn_t		fn;
	void			*arg;
	struct cpu_stop_done	*done;
};

/* Run @fn(@arg) on @cpu in its stopper and wait; -ENOENT when @cpu has none running. */
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg);

/*
 * Run @fn(@data) on the CPUs of @cpus (the first online CPU when NULL)
 * while every online CPU spins in its stopper with interrupts off.
 * The _cpuslocked form is for callers holding cpus_read_lock() or
 * cpus_write_lock().
 */
int stop_machine(cpu_stop_fn_t fn, void *data, const struct cpumask *cpus);
int stop_machine_cpuslocked(cpu_stop_fn_t fn, void *data, const struct cpumask *cpus);

/* CPU hotplug: make @cpu's stopper, park it (from its own stop work), unpark it. */
int cpu_stop_create(unsigned int cpu);
void stop_machine_park(unsigned int cpu);
void stop_machine_unpark(unsigned int cpu);
struct task_struct *cpu_stopper_task(unsigned int cpu);

#endif
