// SPDX-License-Identifier: MIT
/*
 * A read-only /sys: a table of attribute files, each with a show()
 * that fills at most a page, as Linux's attributes do; reading renders
 * the file, writing is refused (the files are mode 0444). The tree
 * (lookup, listing, the directories along each path) is the one /proc
 * uses, fs/proc/root.c, over this table. reflex has no kobjects: the
 * owners of attributes register them by path (drivers/base/cpu.c).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <asm/page.h>

#define MAX_SYSFS_FILES		16

struct sysfs_file {
	const char *path;
	ssize_t (*show)(char *buf);
};

static struct sysfs_file sysfs_files[MAX_SYSFS_FILES];
static int nr_sysfs_files;

int sysfs_create_file_show(const char *path, ssize_t (*show)(char *buf))
{
	if (nr_sysfs_files == MAX_SYSFS_FILES)
		return -ENOSPC;
	sysfs_files[nr_sysfs_files++] = (struct sysfs_file){ path, show };
	return 0;
}

ssize_t sysfs_read(const char *path, char *buf, size_t size)
{
	ssize_t n;
	char *page;
	int i;

	for (i = 0; i < nr_sysfs_files; i++) {
		if (strcmp(sysfs_files[i].path, path))
			continue;
		page = kzalloc(PAGE_SIZE, GFP_KERNEL);
		if (!page)
			return -ENOMEM;
		n = sysfs_files[i].show(page);
		if (n > 0)
			memcpy(buf, page, min((size_t)n, size));
		kfree(page);
		return n < 0 ? n : (ssize_t)min((size_t)n, size);
	}
	return -ENOENT;
}

void sysfs_for_each(void (*fn)(const char *name, void *arg), void *arg)
{
	int i;

	for (i = 0; i < nr_sysfs_files; i++)
		fn(sysfs_files[i].path, arg);
}

/* Writable and per-object attributes: not served yet; registration fails. */
int sysfs_create_file_rw(const char *path, umode_t mode,
			 ssize_t (*show)(char *buf, void *data),
			 ssize_t (*store)(const char *buf, size_t count, void *data),
			 void *data)
{
	return -ENOSYS;
}

void sysfs_remove_file(const char *path)
{
}
