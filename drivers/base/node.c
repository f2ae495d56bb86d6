// SPDX-License-Identifier: MIT
/*
 * /sys/devices/system/node as libnuma reads it: reflex is one NUMA
 * node, node 0, holding every CPU and all memory. The state masks
 * (online, possible, has_cpu, has_memory, has_normal_memory) are "0";
 * node0 has cpulist, cpumap, distance and meminfo in Linux's formats.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/sysfs.h>
#include <asm/page.h>

static ssize_t node_mask_show(char *buf)
{
	return snprintf(buf, PAGE_SIZE, "0\n");
}

static ssize_t node0_cpulist_show(char *buf)
{
	return cpumap_print_list(buf, PAGE_SIZE, cpu_online_mask);
}

static ssize_t node0_cpumap_show(char *buf)
{
	return snprintf(buf, PAGE_SIZE, "%*pb\n", cpumask_pr_args(cpu_online_mask));
}

/* The distance to each node: the local one is 10, as the ACPI SLIT says of itself. */
static ssize_t node0_distance_show(char *buf)
{
	return snprintf(buf, PAGE_SIZE, "10\n");
}

static ssize_t node0_meminfo_show(char *buf)
{
	unsigned long total = totalram_pages() << (PAGE_SHIFT - 10);
	unsigned long free = nr_free_pages() << (PAGE_SHIFT - 10);

	return snprintf(buf, PAGE_SIZE,
			"Node 0 MemTotal:       %8lu kB\nNode 0 MemFree:        %8lu kB\n"
			"Node 0 MemUsed:        %8lu kB\nNode 0 SwapCached:            0 kB\n"
			"Node 0 Active:                0 kB\nNode 0 Inactive:              0 kB\n"
			"Node 0 HugePages_Total:     0\nNode 0 HugePages_Free:      0\n"
			"Node 0 HugePages_Surp:      0\n", total, free, total - free);
}

static const struct {
	const char *path;
	ssize_t (*show)(char *buf);
} node_files[] = {
	{ "devices/system/node/online", node_mask_show },
	{ "devices/system/node/possible", node_mask_show },
	{ "devices/system/node/has_cpu", node_mask_show },
	{ "devices/system/node/has_memory", node_mask_show },
	{ "devices/system/node/has_normal_memory", node_mask_show },
	{ "devices/system/node/node0/cpulist", node0_cpulist_show },
	{ "devices/system/node/node0/cpumap", node0_cpumap_show },
	{ "devices/system/node/node0/distance", node0_distance_show },
	{ "devices/system/node/node0/meminfo", node0_meminfo_show },
};

void node_dev_init(void)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(node_files) && !err; i++)
		err = sysfs_create_file_show(node_files[i].path, node_files[i].show);
	if (err)
		pr_err("node: cannot register /sys/devices/system/node (%d)\n", err);
}
