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
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/sysfs.h>
#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <asm/page.h>

#define RPS_CPUS_PATH_MAX	64

static DEFINE_MUTEX(rps_map_mutex);

void synchronize_net(void);

static bool end_of_region(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Linux's bitmap_parse() into @mask, @nbits wide: the text up to the
 * first newline, read from its end in 32-bit groups of at most eight hex
 * digits. Empty text is the empty mask.
 */
static int rps_mask_parse(const char *buf, size_t len, struct cpumask *mask,
			  unsigned int nbits)
{
	const char *start = buf, *end = buf;

	unsigned int chunks = DIV_ROUND_UP(nbits, 32), chunk, bit;

	while (end < buf + len && *end && *end != '\n')
		end++;
	end--;
	cpumask_clear(mask);
	for (chunk = 0; ; chunk++) {
		u32 val = 0;
		int i;

		while (start <= end && end_of_region(*end))
			end--;
		if (start > end)
			break;
		if (chunk >= chunks)
			return -EOVERFLOW;
		for (i = 0; ; i += 4) {
			int d;

			if (i == 32)
				return hex_digit(*end) >= 0 ? -EOVERFLOW : -EINVAL;
			d = hex_digit(*end--);
			if (d < 0)
				return -EINVAL;
			val |= (u32)d << i;
			if (start > end || end_of_region(*end))
				break;
		}
		for (bit = 0; bit < 32; bit++) {
			if (!(val & (1U << bit)))
				continue;
			if (chunk * 32 + bit >= nbits)
				return -EOVERFLOW;
			cpumask_set_cpu(chunk * 32 + bit, mask);
		}
	}
	return 0;
}

/* "%*pb": groups of 32 bits, most significant first, the first as wide as @nbits needs. */
static ssize_t rps_mask_print(char *buf, size_t size, const struct cpumask *mask,
			      unsigned int nbits)
{
	unsigned int width = nbits % 32 ?: 32;
	int chunk = (int)DIV_ROUND_UP(nbits, 32) - 1;
	size_t n = 0;

	for (; chunk >= 0; chunk--) {
		u32 val = 0;
		unsigned int bit;

		for (bit = 0; bit < width; bit++)
			if (cpumask_test_cpu(chunk * 32 + bit, mask))
				val |= 1U << bit;
		n += snprintf(buf + n, size - n, "%s%0*x", n ? "," : "",
			      (int)DIV_ROUND_UP(width, 4), val);
		width = 32;
		if (n >= size)
			return size - 1;
	}
	n += snprintf(buf + n, size - n, "\n");
	return min(n, size - 1);
}

ssize_t rps_cpus_show(struct netdev_rx_queue *queue, char *buf, size_t size)
{
	struct cpumask mask;
	struct rps_map *map;
	unsigned int i;

	cpumask_clear(&mask);
	mutex_lock(&rps_map_mutex);
	map = queue->rps_map;
	if (map)
		for (i = 0; i < map->len; i++)
			cpumask_set_cpu(map->cpus[i], &mask);
	mutex_unlock(&rps_map_mutex);
	return rps_mask_print(buf, size, &mask, nr_cpumask_bits);
}

ssize_t rps_cpus_store(struct netdev_rx_queue *queue, const char *buf, size_t len)
{
	struct rps_map *map = NULL, *old_map;
	struct cpumask mask;
	unsigned int cpu, n = 0;
	int err;

	err = rps_mask_parse(buf, len, &mask, nr_cpumask_bits);
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
			if (err && err != -ENOSYS)
				pr_warn("net: %s: cannot create /sys/%s (%d)\n", dev->name, path, err);
		} else if (i >= to && queue->sysfs) {
			sysfs_remove_file(path);
			queue->sysfs = false;
		}
	}
}
