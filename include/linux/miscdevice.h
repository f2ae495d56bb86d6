/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H

/*
 * Character devices of major 10, one minor each (drivers/char/misc.c):
 * opening the node gives the file the device's fops and calls its open.
 */
#include <linux/list.h>

#define MISC_MAJOR		10
#define CPU_DMA_LATENCY_MINOR	62	/* the minor Debian's /dev/cpu_dma_latency has */

struct file_operations;

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
};

int misc_register(struct miscdevice *misc);

#endif
