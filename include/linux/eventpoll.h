/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_EVENTPOLL_H
#define _LINUX_EVENTPOLL_H

/* epoll (fs/eventpoll.c): what the rest of the VFS calls. */
#include <linux/fs.h>
#include <linux/list.h>

void eventpoll_release_file(struct file *file);

/* The last reference to file is going: it leaves every epoll set watching it. */
static inline void eventpoll_release(struct file *file)
{
	if (likely(list_empty(&file->f_ep)))
		return;
	eventpoll_release_file(file);
}

#endif
