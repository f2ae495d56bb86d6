// SPDX-License-Identifier: MIT
/*
 * /sys/devices/system/cpu/{online,possible,present}: the three CPU
 * masks in Linux's list format ("0-3\n", "0,2-3\n"), as Linux's
 * drivers/base/cpu.c prints them, and cpuN/online for every CPU that
 * can be taken down: "1\n" or "0\n"; writing 0 or 1 takes the CPU down
 * or brings it back (cpu_device_down()/cpu_device_up()). CPU 0 has no
 * online file (see kernel/cpu.c). Without writable sysfs files
 * (sysfs_create_file_rw() failing with -ENOSYS) the online files are
 * simply absent; hotplug is then driven by the kernel console.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/sysfs.h>
#include <linux/kernfs.h>
#include <linux/cpu.h>
#include <linux/errno.h>
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

/* The CPU number a cpuN/online file stands for rides in its data pointer. */
static unsigned int online_file_cpu(void *data)
{
	return (unsigned long)data;
}

static ssize_t online_show(char *buf, void *data)
{
	return snprintf(buf, PAGE_SIZE, "%u\n", cpu_online(online_file_cpu(data)) ? 1 : 0);
}

/* Linux's kstrtobool(), which the device core's online_store() uses. */
static int online_parse(const char *buf, size_t count, bool *val)
{
	if (!count)
		return -EINVAL;
	switch (buf[0]) {
	case 'y': case 'Y': case '1':
		*val = true;
		return 0;
	case 'n': case 'N': case '0':
		*val = false;
		return 0;
	case 'o': case 'O':
		if (count < 2)
			return -EINVAL;
		if (buf[1] == 'n' || buf[1] == 'N') {
			*val = true;
			return 0;
		}
		if (buf[1] == 'f' || buf[1] == 'F') {
			*val = false;
			return 0;
		}
		return -EINVAL;
	default:
		return -EINVAL;
	}
}

/* Writing the state the CPU already has changes nothing and succeeds. */
static ssize_t online_store(const char *buf, size_t count, void *data)
{
	unsigned int cpu = online_file_cpu(data);
	bool val;
	int err;

	err = online_parse(buf, count, &val);
	if (err)
		return err;
	err = val ? cpu_device_up(cpu) : cpu_device_down(cpu);
	return err ? err : (ssize_t)count;
}

static void cpu_online_files_init(void)
{
	char path[48];
	unsigned int cpu;
	int err;

	for_each_present_cpu(cpu) {
		if (cpu == 0)
			continue;
		snprintf(path, sizeof(path), "devices/system/cpu/cpu%u/online", cpu);
		err = sysfs_create_file_rw(path, 0644, online_show, online_store,
					   (void *)(unsigned long)cpu);
		if (err == -ENOSYS)
			return;
		if (err)
			pr_err("cpu: cannot register /sys/%s (%d)\n", path, err);
	}
}

/* The possible CPUs not online; an empty line when there are none. */
static ssize_t print_cpus_offline(char *buf)
{
	struct cpumask offline;

	cpumask_andnot(&offline, cpu_possible_mask, cpu_online_mask);
	return cpumap_print_list(buf, PAGE_SIZE, &offline);
}

static ssize_t print_cpus_kernel_max(char *buf)
{
	return snprintf(buf, PAGE_SIZE, "%d\n", NR_CPUS - 1);
}

/* glibc's get_nprocs_conf() counts the cpuN directories: one per possible CPU. */
static void cpu_dirs_init(void)
{
	unsigned int cpu;
	char path[48];

	for_each_possible_cpu(cpu) {
		snprintf(path, sizeof(path), "devices/system/cpu/cpu%u", cpu);
		kernfs_create(&sysfs_kernfs_root, path, S_IFDIR | 0555, NULL, NULL);
	}
}

void cpu_dev_init(void)
{
	int err = sysfs_create_file_show("devices/system/cpu/online", print_cpus_online);

	err = err ?: sysfs_create_file_show("devices/system/cpu/offline", print_cpus_offline);
	err = err ?: sysfs_create_file_show("devices/system/cpu/kernel_max",
					    print_cpus_kernel_max);

	err = err ?: sysfs_create_file_show("devices/system/cpu/possible", print_cpus_possible);
	err = err ?: sysfs_create_file_show("devices/system/cpu/present", print_cpus_present);
	if (err)
		pr_err("cpu: cannot register /sys/devices/system/cpu files (%d)\n", err);
	cpu_online_files_init();
	cpu_dirs_init();
	node_dev_init();
}
