/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

/*
 * Sleeping locks for process context: a task that finds the mutex taken
 * sleeps until it is handed the lock. Only the owner may unlock, and a
 * mutex must not be taken in interrupt context (it may sleep). No
 * priority inheritance: that is rt_mutex (linux/rtmutex.h).
 *
 * @owner is the owning task_struct, with MUTEX_FLAG_WAITERS in bit 0 when
 * someone sleeps on the lock, so that the uncontended lock and unlock are
 * one compare-and-exchange each and only contention takes @wait_lock.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct task_struct;

struct mutex {
	unsigned long		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;	/* struct mutex_waiter, in arrival order */
};

#define MUTEX_FLAG_WAITERS	0x01UL

#define __MUTEX_INITIALIZER(lockname) {					\
	.owner = 0,							\
	.wait_lock = __SPIN_LOCK_UNLOCKED(lockname.wait_lock),		\
	.wait_list = LIST_HEAD_INIT(lockname.wait_list),		\
}
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name);
#define mutex_init(mutex)	__mutex_init((mutex), #mutex)

void mutex_lock(struct mutex *lock);
/* A signal does not interrupt it: always takes the lock and returns 0. */
int __must_check mutex_lock_interruptible(struct mutex *lock);
/* 1 if taken, 0 if someone holds it. */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

static inline struct task_struct *__mutex_owner(struct mutex *lock)
{
	return (struct task_struct *)(READ_ONCE(lock->owner) & ~MUTEX_FLAG_WAITERS);
}

static inline bool mutex_is_locked(struct mutex *lock)
{
	return __mutex_owner(lock) != NULL;
}

#endif
