/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>

struct seq_file;

/*
 * /proc as a tree of generated files (fs/kernfs/dir.c): each has a
 * show() that prints into a seq_file, as Linux's single_open files do.
 * Names are paths below /proc ("irq/11/smp_affinity"); the directories
 * leading to a file exist while some file or explicit directory is
 * under them.
 */
int proc_create_single(const char *name, int (*show)(struct seq_file *m, void *v));
/* Render /proc/<name> into buf; the length, or -ENOENT. */
ssize_t proc_read(const char *name, char *buf, size_t size);
/* Call fn for every /proc file name. */
void proc_for_each(void (*fn)(const char *name, void *arg), void *arg);
void proc_root_init(void);
void proc_namespace_init(void);

/*
 * Files with data and a write method, and directories, under any name
 * ("irq/11/smp_affinity"); the name is copied. show() finds data in
 * m->private. write() gets a NUL-terminated kernel copy of what the
 * user wrote (count bytes, less than a page) and returns count or
 * -errno, as Linux's proc_write methods. mode is the file's (0644 for
 * a writable file, 0444 read-only). remove_proc_entry() removes one
 * name; remove_proc_subtree() a directory and everything under it.
 */
int proc_create_single_data(const char *name, umode_t mode,
			    int (*show)(struct seq_file *m, void *v),
			    ssize_t (*write)(const char *buf, size_t count, void *data),
			    void *data);
int proc_mkdir(const char *name);
void remove_proc_entry(const char *name);
void remove_proc_subtree(const char *name);
/* Does /proc/<name>, rendered now, contain needle? (Tests read counters this way.) */
bool proc_contains(const char *name, const char *needle);

#endif
