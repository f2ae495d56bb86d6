/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_LINUX_MAGIC_H
#define _UAPI_LINUX_MAGIC_H

/* statfs()'s f_type for each file system reflex has: Linux's values. */
#define RAMFS_MAGIC		0x858458f6
#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0
#define SYSFS_MAGIC		0x62656572
#define DEVPTS_SUPER_MAGIC	0x1cd1

#endif
