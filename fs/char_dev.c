// SPDX-License-Identifier: MIT
/*
 * Character devices by number: a driver registers the file_operations
 * for a whole major (as Linux's register_chrdev() does for all 256
 * minors), and opening a character-device inode swaps those in and lets
 * the driver's open() pick by minor. An unregistered major gives -ENXIO.
 */
#include <linux/kernel.h>
#include <linux/fs.h>

#define CHRDEV_MAJOR_MAX	256

static const struct file_operations *chrdevs[CHRDEV_MAJOR_MAX];
static const char *chrdev_names[CHRDEV_MAJOR_MAX];

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	if (!major || major >= CHRDEV_MAJOR_MAX)
		return -EINVAL;
	if (chrdevs[major])
		return -EBUSY;
	chrdevs[major] = fops;
	chrdev_names[major] = name;
	return 0;
}

static int chrdev_open(struct inode *inode, struct file *filp)
{
	unsigned int major = MAJOR(inode->i_rdev);
	const struct file_operations *fops;

	if (major >= CHRDEV_MAJOR_MAX || !(fops = chrdevs[major]))
		return -ENXIO;
	filp->f_op = fops;
	return fops->open ? fops->open(inode, filp) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
