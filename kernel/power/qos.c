// SPDX-License-Identifier: MIT
/*
 * The CPU latency QoS (Linux's PM QoS for cpu_dma_latency): each open
 * of /dev/cpu_dma_latency holds a request, at first the default (no
 * limit, 2000 s); a write sets its value, as a 4-byte s32 or as a hex
 * string; closing drops it. The limit in force, the smallest request,
 * is what a read returns and what cpu_latency_qos_limit() tells the
 * idle code. reflex's idle loop only halts, so nothing else follows it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/miscdevice.h>

#define PM_QOS_CPU_LATENCY_DEFAULT_VALUE	(2000 * 1000000)	/* µs: no limit */
#define PM_QOS_DEFAULT_VALUE			(-1)	/* a request's "back to the default" */

struct pm_qos_request {
	struct list_head node;
	s32 value;
};

static LIST_HEAD(cpu_latency_requests);
static DEFINE_MUTEX(cpu_latency_mtx);

s32 cpu_latency_qos_limit(void)
{
	struct pm_qos_request *req;
	s32 limit = PM_QOS_CPU_LATENCY_DEFAULT_VALUE;

	mutex_lock(&cpu_latency_mtx);
	list_for_each_entry(req, &cpu_latency_requests, node)
		limit = min(limit, req->value);
	mutex_unlock(&cpu_latency_mtx);
	return limit;
}

static int cpu_latency_qos_open(struct inode *inode, struct file *filp)
{
	struct pm_qos_request *req = kzalloc(sizeof(*req), GFP_KERNEL);

	if (!req)
		return -ENOMEM;
	req->value = PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
	mutex_lock(&cpu_latency_mtx);
	list_add(&req->node, &cpu_latency_requests);
	mutex_unlock(&cpu_latency_mtx);
	filp->private_data = req;
	return 0;
}

static int cpu_latency_qos_release(struct inode *inode, struct file *filp)
{
	struct pm_qos_request *req = filp->private_data;

	mutex_lock(&cpu_latency_mtx);
	list_del(&req->node);
	mutex_unlock(&cpu_latency_mtx);
	kfree(req);
	return 0;
}

static ssize_t cpu_latency_qos_read(struct file *filp, char __user *buf, size_t count,
				    loff_t *f_pos)
{
	s32 value = cpu_latency_qos_limit();

	return simple_read_from_buffer(buf, count, f_pos, &value, sizeof(s32));
}

static int hex_to_bin(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex text as Linux's kstrtos32_from_user(buf, count, 16): digits, one trailing newline. */
static int parse_hex_s32(const char *s, size_t len, s32 *res)
{
	u64 v = 0;
	size_t i;

	if (len && s[len - 1] == '\n')
		len--;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		len -= 2;
	}
	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		int d = hex_to_bin(s[i]);

		if (d < 0)
			return -EINVAL;
		v = v * 16 + d;
		if (v > 0x7fffffff)
			return -ERANGE;
	}
	*res = v;
	return 0;
}

static ssize_t cpu_latency_qos_write(struct file *filp, const char __user *buf, size_t count,
				     loff_t *f_pos)
{
	struct pm_qos_request *req = filp->private_data;
	char text[16];
	s32 value;
	int err;

	if (count == sizeof(s32)) {
		if (copy_from_user(&value, buf, sizeof(s32)))
			return -EFAULT;
	} else {
		if (count >= sizeof(text))
			return -EINVAL;
		if (copy_from_user(text, buf, count))
			return -EFAULT;
		err = parse_hex_s32(text, count, &value);
		if (err)
			return err;
	}
	mutex_lock(&cpu_latency_mtx);
	req->value = value == PM_QOS_DEFAULT_VALUE ? PM_QOS_CPU_LATENCY_DEFAULT_VALUE : value;
	mutex_unlock(&cpu_latency_mtx);
	return count;
}

static const struct file_operations cpu_latency_qos_fops = {
	.read		= cpu_latency_qos_read,
	.write		= cpu_latency_qos_write,
	.open		= cpu_latency_qos_open,
	.release	= cpu_latency_qos_release,
	.llseek		= default_llseek,
};

static struct miscdevice cpu_latency_qos_miscdev = {
	.minor	= CPU_DMA_LATENCY_MINOR,
	.name	= "cpu_dma_latency",
	.fops	= &cpu_latency_qos_fops,
};

int __init cpu_latency_qos_init(void)
{
	return misc_register(&cpu_latency_qos_miscdev);
}
