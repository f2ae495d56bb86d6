/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_INITRD_H
#define _LINUX_INITRD_H

/* The initramfs (init/initramfs.c) and the first program's name. */
#include <linux/types.h>

/* The built-in archive, from usr/initramfs_data.S (weak, empty defaults). */
extern char __initramfs_start[];
extern unsigned long __initramfs_size;

/* rdinit= (default "/init") and init= (NULL unless given). */
extern const char *ramdisk_execute_command;
extern const char *execute_command;

int populate_rootfs(void);
const char *unpack_to_rootfs(const void *buf, size_t len);

#endif
