// SPDX-License-Identifier: MIT
/*
 * /sys: attribute files, each with a show() that fills at most a page,
 * as Linux's attributes do, and, when writable, a store() that gets a
 * NUL-terminated kernel copy of the user's write. The tree (lookup,
 * listing, the directories along each path, removal) is the kernfs
 * tree /proc uses too (fs/kernfs/dir.c, fs/proc/root.c). reflex has no
 * kobjects: the owners of attributes register them by path
 * (drivers/base/cpu.c).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sysfs.h>
#include <linux/kernfs.h>
#include <linux/stat.h>

/* A show() without data is kept as the data of one that has it. */
static ssize_t sysfs_show_nodata(char *buf, void *data)
{
	ssize_t (*show)(char *buf) = data;

	return show(buf);
}

int sysfs_create_file_show(const char *path, ssize_t (*show)(char *buf))
{
	const struct kernfs_ops ops = { .show = sysfs_show_nodata };

	return kernfs_create(&sysfs_kernfs_root, path, S_IFREG | 0444, &ops, show);
}

int sysfs_create_file_rw(const char *path, umode_t mode,
			 ssize_t (*show)(char *buf, void *data),
			 ssize_t (*store)(const char *buf, size_t count, void *data),
			 void *data)
{
	const struct kernfs_ops ops = { .show = show, .write = store };

	return kernfs_create(&sysfs_kernfs_root, path, S_IFREG | (mode & S_IALLUGO), &ops, data);
}

/* Waits for show() and store() calls in progress: the data may go after. */
void sysfs_remove_file(const char *path)
{
	kernfs_remove_by_path(&sysfs_kernfs_root, path, false);
}

ssize_t sysfs_read(const char *path, char *buf, size_t size)
{
	return kernfs_read_path(&sysfs_kernfs_root, path, buf, size);
}

/* fn must not sleep: the tree is locked meanwhile. */
void sysfs_for_each(void (*fn)(const char *name, void *arg), void *arg)
{
	kernfs_for_each_file(&sysfs_kernfs_root, fn, arg);
}
