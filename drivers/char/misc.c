// SPDX-License-Identifier: MIT
/*
 * The misc character devices (major 10): a list of registered minors,
 * the open that hands a file to the one its node names, and
 * /proc/misc listing them as Linux does ("%3i %s").
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static LIST_HEAD(misc_list);
static DEFINE_MUTEX(misc_mtx);

static int misc_open(struct inode *inode, struct file *file)
{
	const struct file_operations *fops = NULL;
	struct miscdevice *c;

	mutex_lock(&misc_mtx);
	list_for_each_entry(c, &misc_list, list)
		if (c->minor == (int)MINOR(inode->i_rdev))
			fops = c->fops;
	mutex_unlock(&misc_mtx);
	if (!fops)
		return -ENODEV;
	file->f_op = fops;
	return fops->open ? fops->open(inode, file) : 0;
}

static const struct file_operations misc_fops = {
	.open	= misc_open,
};

static int misc_seq_show(struct seq_file *m, void *v)
{
	struct miscdevice *c;

	mutex_lock(&misc_mtx);
	list_for_each_entry(c, &misc_list, list)
		seq_printf(m, "%3i %s\n", c->minor, c->name);
	mutex_unlock(&misc_mtx);
	return 0;
}

int misc_register(struct miscdevice *misc)
{
	struct miscdevice *c;

	mutex_lock(&misc_mtx);
	list_for_each_entry(c, &misc_list, list) {
		if (c->minor == misc->minor) {
			mutex_unlock(&misc_mtx);
			return -EBUSY;
		}
	}
	list_add(&misc->list, &misc_list);
	mutex_unlock(&misc_mtx);
	return 0;
}

int __init misc_init(void)
{
	proc_create_single("misc", misc_seq_show);
	return register_chrdev(MISC_MAJOR, "misc", &misc_fops);
}
