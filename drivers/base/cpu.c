// SPDX-License-Identifier: MIT
/*
 * /sys/devices/system/cpu/{online,possible,present}: the three CPU
 * masks in Linux's list format ("0-3\n", "0,2-3\n"), as Linux's
 * drivers/base/cpu.c prints them. Per-CPU directories (cpuN/) are not
 * provided.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/sysfs.h>
#include <asm/page.h>

static ssize_t print_cpus_online(char *buf)
{
	return cpumap_print_list(buf, PAGE_SIZE, cpu_online_mask);
}

static ssize_t print_cpus_possible(char *buf)
{
	return cpumap_print_list(buf, PAGE_SIZE, cpu_possible_mask);
}

static ssize_t print_cpus_present(char *buf)
{
	return cpumap_print_list(buf, PAGE_SIZE, cpu_present_mask);
}

void cpu_dev_init(void)
{
	int err = sysfs_create_file_show("devices/system/cpu/online", print_cpus_online);

	err = err ?: sysfs_create_file_show("devices/system/cpu/possible", print_cpus_possible);
	err = err ?: sysfs_create_file_show("devices/system/cpu/present", print_cpus_present);
	if (err)
		pr_err("cpu: cannot register /sys/devices/system/cpu files (%d)\n", err);
}
