// SPDX-License-Identifier: MIT
/*
 * The memory devices of major 1 that user space expects in /dev:
 * null (minor 3: reads end at once, writes vanish) and zero (minor 5:
 * reads give zeros, writes vanish; a private mapping of it is anonymous
 * memory, a shared one a shmem object as MAP_SHARED|MAP_ANONYMOUS gets).
 * Other minors (mem, kmem, random...) are not provided: -ENXIO.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/init.h>
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

static int memory_open(struct inode *inode, struct file *filp)
{
	switch (MINOR(inode->i_rdev)) {
	case 3:
		filp->f_op = &null_fops;
		return 0;
	case 5:
		filp->f_op = &zero_fops;
		return 0;
	}
	return -ENXIO;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

int __init chr_dev_init(void)
{
	return register_chrdev(MEM_MAJOR, "mem", &memory_fops);
}
