/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_LOCKING_RTMUTEX_COMMON_H
#define _KERNEL_LOCKING_RTMUTEX_COMMON_H

/*
 * A task blocked on an rt_mutex, as the lock and the owner see it. The
 * waiter lives on the blocked task's stack for as long as it waits.
 *
 * @tree_entry:	 on lock->waiters, sorted by @prio (Linux: an rbtree)
 * @pi_tree_entry: on the owner's pi_waiters while this is the lock's top
 *		 waiter; so the owner's list holds exactly one waiter, the
 *		 best, per lock it owns that has waiters
 * @prio:	 @task's priority when last queued; the sort key of both lists
 */
#include <linux/list.h>
#include <linux/rtmutex.h>

struct rt_mutex_waiter {
	struct list_head	tree_entry;
	struct list_head	pi_tree_entry;
	struct task_struct	*task;
	struct rt_mutex_base	*lock;
	int			prio;
};

#endif
