/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H

#include <linux/types.h>

/*
 * /sys as a tree of attribute files (fs/kernfs/dir.c), each produced by
 * a show() into a page-sized buffer as Linux's attribute show() methods
 * are. Paths are below /sys ("devices/system/cpu/online"); the
 * directories leading to them exist because some file is under them.
 * sysfs_create_file_show() makes a read-only (0444) file.
 */
int sysfs_create_file_show(const char *path, ssize_t (*show)(char *buf));
/*
 * An attribute with data and, when mode allows writing, a store()
 * that gets a NUL-terminated kernel copy of the user's write (count
 * bytes, less than a page) and returns count or -errno, as Linux's
 * attribute store() methods. The path is copied.
 */
int sysfs_create_file_rw(const char *path, umode_t mode,
			 ssize_t (*show)(char *buf, void *data),
			 ssize_t (*store)(const char *buf, size_t count, void *data),
			 void *data);
void sysfs_remove_file(const char *path);
/* Render /sys/<path> into buf; the length, or -ENOENT. */
ssize_t sysfs_read(const char *path, char *buf, size_t size);
void sysfs_for_each(void (*fn)(const char *name, void *arg), void *arg);
struct inode *sysfs_get_root_inode(void);
/* drivers/base/cpu.c: the CPU mask files. */
void cpu_dev_init(void);
/* drivers/base/node.c: node 0's files. */
void node_dev_init(void);

#endif
