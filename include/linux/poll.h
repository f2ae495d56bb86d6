/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

/*
 * Polling a file: its ->poll() reports the ready events and, through
 * poll_wait(), queues the poller on every wait queue whose wake-up could
 * change the answer. Drivers (tty, pipes, sockets) only wake their wait
 * queues as they always do; fs/select.c turns any such wake-up into a
 * fresh round of ->poll() calls.
 */
#include <linux/fs.h>
#include <linux/wait.h>
#include <uapi/asm-generic/poll.h>

#define EPOLLIN		((__poll_t)POLLIN)
#define EPOLLPRI	((__poll_t)POLLPRI)
#define EPOLLOUT	((__poll_t)POLLOUT)
#define EPOLLERR	((__poll_t)POLLERR)
#define EPOLLHUP	((__poll_t)POLLHUP)
#define EPOLLNVAL	((__poll_t)POLLNVAL)
#define EPOLLRDNORM	((__poll_t)POLLRDNORM)
#define EPOLLWRNORM	((__poll_t)POLLWRNORM)
#define EPOLLWRBAND	((__poll_t)POLLWRBAND)
#define EPOLLRDHUP	((__poll_t)POLLRDHUP)

/* What a file without ->poll() is: always ready, as Linux's DEFAULT_POLLMASK. */
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *file, struct wait_queue_head *wq,
				struct poll_table_struct *pt);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;	/* NULL once the poller need not queue again */
} poll_table;

static inline void poll_wait(struct file *filp, struct wait_queue_head *wq, poll_table *p)
{
	if (p && p->_qproc && wq)
		p->_qproc(filp, wq, p);
}

static inline __poll_t vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

#endif
