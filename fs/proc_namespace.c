// SPDX-License-Identifier: MIT
/*
 * /proc/mounts and /proc/filesystems, in Linux's formats; the mount
 * table and the list of file system types are fs/namespace.c's and
 * fs/filesystems.c's. Linux's /proc/mounts is a link to self/mounts,
 * the namespace of the reader; reflex has one namespace, so the file
 * is the table itself.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

void proc_namespace_init(void)
{
	proc_create_single("mounts", mounts_proc_show);
	proc_create_single("filesystems", filesystems_proc_show);
}
