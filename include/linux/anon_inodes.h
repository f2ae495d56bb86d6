/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ANON_INODES_H
#define _LINUX_ANON_INODES_H

/*
 * Files with no name in any file system (eventfd, epoll, timerfd,
 * signalfd): an inode of their own, mode 0600 and no file type, as
 * Linux's anon_inode_getfile() gives them.
 */
#include <linux/fs.h>

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags);
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags);

#endif
