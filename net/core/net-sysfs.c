// SPDX-License-Identifier: MIT
/*
 * The device core's /sys files: /sys/class/net/DEV/queues/rx-N/rps_cpus
 * for each receive queue in use, read and written as Linux's: a hex CPU
 * mask in bitmap_parse()/"%*pb" form (32-bit groups, most significant
 * first, separated by commas, nr_cpu_ids bits wide), "0" by default.
 *
 * Writing a mask builds the queue's rps_map from the mask's online CPUs,
 * as Linux's store_rps_map(): offline CPUs are accepted but left out, so
 * a mask of offline CPUs alone turns RPS off for the queue; the file
 * then reads back the CPUs in the map. Bad text is -EINVAL, a mask wider
 * than nr_cpu_ids bits -EOVERFLOW, and neither changes anything.
 *
 * A replaced map is freed only once no CPU can still be reading it
 * (synchronize_net(), see get_rps_cpu() in dev.c).
 *
 * /sys/class/net/DEV/threaded reads 0 or 1 and takes 0 or 1
 * (dev_set_threaded()); on a device without NAPI both are -EOPNOTSUPP,
 * and so is any other number, as Linux's modify_napi_threaded().
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/sysfs.h>
#include <linux/cpumask.h>
#include <linux/bitmap.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <asm/page.h>

#define RPS_CPUS_PATH_MAX	64

static DEFINE_MUTEX(rps_map_mutex);

ssize_t rps_cpus_show(struct netdev_rx_queue *queue, char *buf, size_t size)
{
	struct cpumask mask;
	struct rps_map *map;
	unsigned int i;
	size_t n;

	cpumask_clear(&mask);
	mutex_lock(&rps_map_mutex);
	map = queue->rps_map;
	if (map)
		for (i = 0; i < map->len; i++)
			cpumask_set_cpu(map->cpus[i], &mask);
	mutex_unlock(&rps_map_mutex);
	n = bitmap_print_hex(buf, size, cpumask_bits(&mask), nr_cpumask_bits);
	n = min(n, size - 2);
	buf[n++] = '\n';
	buf[n] = '\0';
	return n;
}

ssize_t rps_cpus_store(struct netdev_rx_queue *queue, const char *buf, size_t len)
{
	struct rps_map *map = NULL, *old_map;
	struct cpumask mask;
	unsigned int cpu, n = 0;
	int err;

	err = bitmap_parse(buf, len, cpumask_bits(&mask), nr_cpumask_bits);
	if (err)
		return err;
	for_each_cpu(cpu, &mask)
		n++;
	if (n) {
		map = kzalloc(RPS_MAP_SIZE(n), GFP_KERNEL);
		if (!map)
			return -ENOMEM;
		n = 0;
		for_each_cpu(cpu, &mask)
			if (cpu_online(cpu))
				map->cpus[n++] = cpu;
		map->len = n;
		if (!n) {
			kfree(map);
			map = NULL;
		}
	}
	mutex_lock(&rps_map_mutex);
	old_map = queue->rps_map;
	WRITE_ONCE(queue->rps_map, map);
	if (map)
		__atomic_fetch_add(&rps_needed, 1, __ATOMIC_RELAXED);
	if (old_map)
		__atomic_fetch_sub(&rps_needed, 1, __ATOMIC_RELAXED);
	mutex_unlock(&rps_map_mutex);
	if (old_map) {
		synchronize_net();
		kfree(old_map);
	}
	return len;
}

static ssize_t rps_cpus_sysfs_show(char *buf, void *data)
{
	return rps_cpus_show(data, buf, PAGE_SIZE);
}

static ssize_t rps_cpus_sysfs_store(const char *buf, size_t count, void *data)
{
	return rps_cpus_store(data, buf, count);
}

static void rps_cpus_path(struct netdev_rx_queue *queue, char *path)
{
	snprintf(path, RPS_CPUS_PATH_MAX, "class/net/%s/queues/rx-%u/rps_cpus",
		 queue->dev->name, queue->index);
}

/*
 * Creates the rps_cpus files of queues [from, to) when to > from, removes
 * those of [to, from) otherwise (Linux's net_rx_queue_update_kobjects()).
 * A file /sys cannot hold is reported and the queue works without it.
 */
void net_rx_queue_update_sysfs(struct net_device *dev, unsigned int from, unsigned int to)
{
	char path[RPS_CPUS_PATH_MAX];
	unsigned int i;
	int err;

	for (i = 0; i < max(from, to) && i < dev->num_rx_queues; i++) {
		struct netdev_rx_queue *queue = &dev->_rx[i];

		rps_cpus_path(queue, path);
		if (i < to && !queue->sysfs) {
			err = sysfs_create_file_rw(path, 0644, rps_cpus_sysfs_show,
						   rps_cpus_sysfs_store, queue);
			queue->sysfs = !err;
			if (err)
				pr_warn("net: %s: cannot create /sys/%s (%d)\n", dev->name, path, err);
		} else if (i >= to && queue->sysfs) {
			sysfs_remove_file(path);
			queue->sysfs = false;
		}
	}
}

/* --- /sys/class/net/DEV/threaded ------------------------------------------------- */

static DEFINE_MUTEX(threaded_mutex);

static ssize_t threaded_sysfs_show(char *buf, void *data)
{
	struct net_device *dev = data;

	if (list_empty(&dev->napi_list))
		return -EOPNOTSUPP;
	return snprintf(buf, PAGE_SIZE, "%d\n", READ_ONCE(dev->threaded));
}

static ssize_t threaded_sysfs_store(const char *buf, size_t count, void *data)
{
	struct net_device *dev = data;
	unsigned long val;
	int err;

	err = kstrtoul(buf, 0, &val);
	if (err)
		return err;
	if (list_empty(&dev->napi_list) || (val != 0 && val != 1))
		return -EOPNOTSUPP;
	mutex_lock(&threaded_mutex);
	err = dev_set_threaded(dev, val);
	mutex_unlock(&threaded_mutex);
	return err ? err : (ssize_t)count;
}

/* The device's own files, made at register_netdev() and gone at unregister. */
void netdev_update_sysfs(struct net_device *dev, bool add)
{
	char path[RPS_CPUS_PATH_MAX];
	int err;

	snprintf(path, sizeof(path), "class/net/%s/threaded", dev->name);
	if (!add) {
		sysfs_remove_file(path);
		return;
	}
	err = sysfs_create_file_rw(path, 0644, threaded_sysfs_show, threaded_sysfs_store, dev);
	if (err)
		pr_warn("net: %s: cannot create /sys/%s (%d)\n", dev->name, path, err);
}
