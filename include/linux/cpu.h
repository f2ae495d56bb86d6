/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

/*
 * CPU hotplug (kernel/cpu.c). cpus_read_lock() keeps the online mask
 * from changing under its holder, who may sleep; code that only needs a
 * short look (smp_call_function_many(), a wake-up's choice of CPU) runs
 * with preemption or interrupts off instead, which is enough because a
 * CPU goes down inside stop_machine(), which waits for every online CPU
 * to leave such a section.
 */
#include <linux/types.h>

void cpus_read_lock(void);
void cpus_read_unlock(void);
void cpus_write_lock(void);
void cpus_write_unlock(void);
void cpu_maps_update_begin(void);
void cpu_maps_update_done(void);

/*
 * Take a CPU down or bring it back, Linux's entry points:
 * remove_cpu()/add_cpu() for kernel callers, cpu_device_down()/
 * cpu_device_up() behind /sys/devices/system/cpu/cpuN/online. A CPU
 * already in the state asked for is left alone (0). 0, -EINVAL (no such
 * CPU), -EBUSY (the boot CPU, or the last online CPU), or the error of
 * a step.
 */
int remove_cpu(unsigned int cpu);
int add_cpu(unsigned int cpu);
int cpu_device_down(unsigned int cpu);
int cpu_device_up(unsigned int cpu);

/* Times @cpu has gone down and come up again since boot. */
unsigned int cpuhp_cycles(unsigned int cpu);

/* The idle task of a CPU that went offline: report death and halt for good. */
__noreturn void arch_cpu_idle_dead(void);

/* The dying CPU says it is dead; the controlling CPU waits for that. */
void cpu_report_death(void);
bool cpu_wait_death(unsigned int cpu, int seconds);

/* The teardown and bring-up callbacks, Linux's names, by subsystem. */
int sched_cpu_deactivate(unsigned int cpu);
int sched_cpu_activate(unsigned int cpu);
int sched_cpu_dying(unsigned int cpu);
int workqueue_offline_cpu(unsigned int cpu);
int workqueue_online_cpu(unsigned int cpu);
int workqueue_dead_cpu(unsigned int cpu);
int smpboot_park_threads(unsigned int cpu);
int smpboot_unpark_threads(unsigned int cpu);
int smpcfd_dying_cpu(unsigned int cpu);
int tick_cpu_dying(unsigned int cpu);
void tick_cleanup_dead_cpu(unsigned int cpu);
int timers_prepare_cpu(unsigned int cpu);
int timers_dead_cpu(unsigned int cpu);
int hrtimers_prepare_cpu(unsigned int cpu);
int hrtimers_dead_cpu(unsigned int cpu);
int takeover_tasklets(unsigned int cpu);
int dev_cpu_dead(unsigned int cpu);
void irq_migrate_all_off_this_cpu(void);
int irq_affinity_online_cpu(unsigned int cpu);

#endif
