/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TRACEFS_H
#define _LINUX_TRACEFS_H

/*
 * tracefs files (fs/tracefs/inode.c), by path below the tracing
 * directory ("events/irq/enable"); each appears at /sys/kernel/tracing
 * and /sys/kernel/debug/tracing.
 */
#include <linux/types.h>

struct inode;
struct seq_file;
struct file_operations;

int tracefs_create_file(const char *path, umode_t mode, void *data,
			const struct file_operations *fops);
int tracefs_create_dir(const char *path);
/* show() renders the whole file at open; write() gets a NUL-terminated copy. */
int tracefs_create_simple(const char *path, umode_t mode, void *data,
			  int (*show)(struct seq_file *m, void *data),
			  ssize_t (*write)(char *buf, size_t count, void *data));
/* The same, and truncate() runs when the file is opened for writing with O_TRUNC. */
int tracefs_create_simple_trunc(const char *path, umode_t mode, void *data,
				int (*show)(struct seq_file *m, void *data),
				ssize_t (*write)(char *buf, size_t count, void *data),
				void (*truncate)(void *data));
void *tracefs_inode_data(struct inode *inode);
char *tracefs_copy_from_user(const char __user *ubuf, size_t *count);

#endif
