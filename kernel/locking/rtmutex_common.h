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

/*
 * PI futexes (kernel/futex/pi.c): the kernel lock behind a contended
 * PI futex is owned, and waited for, on behalf of the tasks the futex
 * word names, with the futex bucket lock serialising every queueing and
 * dequeueing of its waiters.
 */
struct hrtimer_sleeper;

void rt_mutex_init_proxy_locked(struct rt_mutex_base *lock, struct task_struct *owner);
int rt_mutex_start_proxy_lock(struct rt_mutex_base *lock, struct rt_mutex_waiter *w,
			      struct task_struct *task);
int rt_mutex_wait_proxy_lock(struct rt_mutex_base *lock, struct hrtimer_sleeper *to);
bool rt_mutex_cleanup_proxy_lock(struct rt_mutex_base *lock, struct rt_mutex_waiter *w);
struct task_struct *rt_mutex_futex_unlock(struct rt_mutex_base *lock);

#endif
