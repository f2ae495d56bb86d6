/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/types.h>

struct seq_file;

/*
 * /proc as a flat table of generated files: each has a show() that
 * prints into a seq_file, as Linux's single_open files do.
 */
int proc_create_single(const char *name, int (*show)(struct seq_file *m, void *v));
/* Render /proc/<name> into buf; the length, or -ENOENT. */
ssize_t proc_read(const char *name, char *buf, size_t size);
/* Call fn for every /proc file name. */
void proc_for_each(void (*fn)(const char *name, void *arg), void *arg);
void proc_root_init(void);
/* Does /proc/<name>, rendered now, contain needle? (Tests read counters this way.) */
bool proc_contains(const char *name, const char *needle);

#endif
