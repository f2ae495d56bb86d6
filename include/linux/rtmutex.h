/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_RTMUTEX_H
#define _LINUX_RTMUTEX_H

/*
 * Real-time mutexes: sleeping locks with priority inheritance. While a
 * task waits for an rt_mutex, the owner runs at least at the waiter's
 * priority, and so on down a chain of owners that are themselves
 * blocked, so a high-priority task waits only for the critical sections
 * in its way, never for unrelated medium-priority work (the priority
 * inversion that a plain mutex allows). kernel/locking/rtmutex.c.
 *
 * @owner is the owning task, with RT_MUTEX_HAS_WAITERS in bit 0 while
 * the wait list is not empty (which sends the owner's unlock to the slow
 * path); @waiters is kept sorted by priority, best first.
 */
#include <linux/types.h>
#include <linux/list.h>

struct task_struct;

struct rt_mutex_base {
	unsigned long		owner;
	struct list_head	waiters;	/* struct rt_mutex_waiter, by priority */
};

struct rt_mutex {
	struct rt_mutex_base	rtmutex;
	const char		*name;
};

#define RT_MUTEX_HAS_WAITERS	0x01UL

#define __RT_MUTEX_INITIALIZER(mutexname) {				\
	.rtmutex = {							\
		.owner = 0,						\
		.waiters = LIST_HEAD_INIT(mutexname.rtmutex.waiters),	\
	},								\
	.name = #mutexname,						\
}
#define DEFINE_RT_MUTEX(mutexname) \
	struct rt_mutex mutexname = __RT_MUTEX_INITIALIZER(mutexname)

void __rt_mutex_init(struct rt_mutex *lock, const char *name);
#define rt_mutex_init(mutex)	__rt_mutex_init((mutex), #mutex)

void rt_mutex_lock(struct rt_mutex *lock);
/*
 * As rt_mutex_lock(), but checks the chain of owners for a deadlock
 * first: -EDEADLK when taking @lock would close a cycle (including
 * taking it twice). A signal does not interrupt it, so never -EINTR.
 */
int rt_mutex_lock_interruptible(struct rt_mutex *lock);
/* 1 if taken, 0 if someone holds it. */
int rt_mutex_trylock(struct rt_mutex *lock);
void rt_mutex_unlock(struct rt_mutex *lock);

static inline struct task_struct *rt_mutex_owner(struct rt_mutex_base *lock)
{
	return (struct task_struct *)(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) &
				      ~RT_MUTEX_HAS_WAITERS);
}

static inline bool rt_mutex_base_is_locked(struct rt_mutex_base *lock)
{
	return rt_mutex_owner(lock) != NULL;
}

/* sched_setscheduler() changed @p's priority: requeue it if it waits on a lock. */
void rt_mutex_adjust_pi(struct task_struct *p);

/* Linux's bound on the priority-inheritance chain walk. */
extern int max_lock_depth;

#endif
