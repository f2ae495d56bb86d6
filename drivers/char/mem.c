// SPDX-License-Identifier: MIT
/*
 * The memory devices of major 1 that user space expects in /dev:
 * null (minor 3: reads end at once, writes vanish), zero (minor 5:
 * reads give zeros, writes vanish; a private mapping of it is anonymous
 * memory, a shared one a shmem object as MAP_SHARED|MAP_ANONYMOUS gets),
 * full (minor 7: reads give zeros, writes fail with -ENOSPC), random and
 * urandom (8 and 9: the kernel's random numbers, never blocking, as
 * Linux's once its pool is ready; writes are accepted and mixed in
 * nowhere). mem, kmem and port are not provided: -ENXIO.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/shmem_fs.h>

#define MEM_MAJOR	1

static ssize_t read_null(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return 0;
}

static ssize_t write_null(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	return count;
}

static ssize_t read_zero(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	size_t left = clear_user(buf, count);

	if (left == count)
		return -EFAULT;
	return count - left;
}

static ssize_t write_full(struct file *file, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	return -ENOSPC;
}

u64 get_random_u64(void);

static ssize_t read_random(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	size_t done = 0;

	while (done < count) {
		u64 r = get_random_u64();
		size_t n = min(count - done, sizeof(r));

		if (copy_to_user(buf + done, &r, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
		if (!(done & 4095))
			cond_resched();
	}
	return done;
}

static loff_t null_lseek(struct file *file, loff_t offset, int orig)
{
	return file->f_pos = 0;
}

static const struct file_operations null_fops = {
	.llseek	= null_lseek,
	.read	= read_null,
	.write	= write_null,
};

static int mmap_zero(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	return 0;
}

static const struct file_operations zero_fops = {
	.llseek	= null_lseek,
	.read	= read_zero,
	.write	= write_null,
	.mmap	= mmap_zero,
};

static const struct file_operations full_fops = {
	.llseek	= null_lseek,
	.read	= read_zero,
	.write	= write_full,
};

static const struct file_operations random_fops = {
	.llseek	= null_lseek,
	.read	= read_random,
	.write	= write_null,
};

static int memory_open(struct inode *inode, struct file *filp)
{
	switch (MINOR(inode->i_rdev)) {
	case 3:
		filp->f_op = &null_fops;
		return 0;
	case 5:
		filp->f_op = &zero_fops;
		return 0;
	case 7:
		filp->f_op = &full_fops;
		return 0;
	case 8:
	case 9:
		filp->f_op = &random_fops;
		return 0;
	}
	return -ENXIO;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

int misc_init(void);
int cpu_latency_qos_init(void);

/* The character devices every system has: mem's minors, misc and its PM QoS node. */
int __init chr_dev_init(void)
{
	int err = register_chrdev(MEM_MAJOR, "mem", &memory_fops);

	err = err ?: misc_init();
	return err ?: cpu_latency_qos_init();
}
