// SPDX-License-Identifier: MIT
/*
 * The one mount tree: a ramfs root, /proc and /sys on it, and /dev with
 * the nodes of the character devices reflex has (as if devtmpfs were
 * mounted there, which Linux initramfs setups usually arrange
 * themselves). There is no mount table and no mount(2): /proc and /sys
 * are directories of the root whose inodes are proc's and sysfs's,
 * marked so that they cannot be removed. Linux runs the driver registrations as initcalls; reflex
 * has no initcall levels, so mnt_init() calls them in order.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/init.h>

#define TTY_MAJOR	4
#define TTYAUX_MAJOR	5
#define MEM_MAJOR	1

struct dentry *root_dentry;

struct dentry *ramfs_fill_root(void);
struct inode *proc_get_root_inode(void);
struct inode *sysfs_get_root_inode(void);
int chr_dev_init(void);
int tty_init(void);

static int mount_pseudo(const char *name, struct inode *inode)
{
	struct dentry *dentry = d_alloc(root_dentry, name, strlen(name));

	if (!dentry || !inode) {
		if (dentry)
			dput(dentry);
		if (inode)
			iput(inode);
		return -ENOMEM;
	}
	dentry->d_flags |= DCACHE_MOUNTED;
	d_add(dentry, inode);
	dput(dentry);
	root_dentry->d_inode->i_nlink++;
	return 0;
}

static const struct {
	const char *path;
	umode_t mode;
	unsigned int major, minor;
} dev_nodes[] = {
	{ "/dev/console", S_IFCHR | 0600, TTYAUX_MAJOR, 1 },
	{ "/dev/tty",     S_IFCHR | 0666, TTYAUX_MAJOR, 0 },
	{ "/dev/ttyS0",   S_IFCHR | 0660, TTY_MAJOR, 64 },
	{ "/dev/null",    S_IFCHR | 0666, MEM_MAJOR, 3 },
	{ "/dev/zero",    S_IFCHR | 0666, MEM_MAJOR, 5 },
};

static int populate_dev(void)
{
	unsigned int i;
	int err = init_mkdir("/dev", 0755);

	if (err && err != -EEXIST)
		return err;
	for (i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		err = init_mknod(dev_nodes[i].path, dev_nodes[i].mode,
				 MKDEV(dev_nodes[i].major, dev_nodes[i].minor));
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}

/* The drivers behind /dev, registered once whatever happens to the tree. */
static int chrdev_drivers_init(void)
{
	static bool done;
	int err;

	if (done)
		return 0;
	err = chr_dev_init();
	if (!err)
		err = tty_init();
	done = !err;
	return err;
}

/* Idempotent: the first caller (populate_rootfs or a test) builds the tree. */
int mnt_init(void)
{
	int err;

	if (root_dentry)
		return 0;
	root_dentry = ramfs_fill_root();
	if (!root_dentry)
		return -ENOMEM;
	err = mount_pseudo("proc", proc_get_root_inode());
	if (!err)
		err = mount_pseudo("sys", sysfs_get_root_inode());
	if (!err)
		err = chrdev_drivers_init();
	if (!err)
		err = populate_dev();
	if (err)
		pr_err("VFS: cannot set up the root file system (%d)\n", err);
	return err;
}
