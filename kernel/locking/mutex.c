// SPDX-License-Identifier: MIT
/*
 * Mutexes (see linux/mutex.h). Uncontended, lock and unlock are a single
 * compare-and-exchange on ->owner. Contended, the taker queues on
 * ->wait_list and sleeps, and the unlocker hands the lock straight to
 * the first waiter: ownership passes in arrival order, so nobody can be
 * overtaken indefinitely. (Linux lets a running task steal the lock and
 * spins on a running owner first, handing off only to a waiter that has
 * waited too long; strict handoff is simpler and fair, at the price of a
 * switch per contended handover.)
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>

struct mutex_waiter {
	struct list_head	list;
	struct task_struct	*task;
};

void __mutex_init(struct mutex *lock, const char *name)
{
	lock->owner = 0;
	__raw_spin_lock_init(&lock->wait_lock, name);
	INIT_LIST_HEAD(&lock->wait_list);
}

static bool __mutex_trylock_fast(struct mutex *lock)
{
	unsigned long zero = 0;

	return __atomic_compare_exchange_n(&lock->owner, &zero, (unsigned long)current,
					   false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static bool __mutex_unlock_fast(struct mutex *lock)
{
	unsigned long curr = (unsigned long)current;

	return __atomic_compare_exchange_n(&lock->owner, &curr, 0, false,
					   __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

/*
 * Under wait_lock: take a free lock, or mark the held one as having
 * waiters, so that its owner's fast unlock fails and comes to hand it on.
 * Both in one compare-and-exchange loop, or this can happen:
 *
 *   task A (owner)                   task B
 *                                    sees owner == A
 *   fast unlock: owner = 0
 *                                    owner |= WAITERS, queues, sleeps
 *   (nobody left to wake B)
 */
static bool mutex_take_or_flag(struct mutex *lock)
{
	unsigned long old = READ_ONCE(lock->owner);

	for (;;) {
		unsigned long new = old ? old | MUTEX_FLAG_WAITERS : (unsigned long)current;

		if (__atomic_compare_exchange_n(&lock->owner, &old, new, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return !old;
	}
}

static noinline void __mutex_lock_slowpath(struct mutex *lock)
{
	struct mutex_waiter waiter = { .task = current };

	raw_spin_lock(&lock->wait_lock);
	if (mutex_take_or_flag(lock)) {
		raw_spin_unlock(&lock->wait_lock);
		return;
	}
	list_add_tail(&waiter.list, &lock->wait_list);
	for (;;) {
		/* The state before the test: a handoff in between wakes us. */
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (__mutex_owner(lock) == current)
			break;
		raw_spin_unlock(&lock->wait_lock);
		schedule();
		raw_spin_lock(&lock->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	raw_spin_unlock(&lock->wait_lock);
}

void mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (!__mutex_trylock_fast(lock))
		__mutex_lock_slowpath(lock);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

int mutex_trylock(struct mutex *lock)
{
	return __mutex_trylock_fast(lock);
}

/* Hands the lock to the longest waiter, who finds itself the owner when it runs. */
static noinline void __mutex_unlock_slowpath(struct mutex *lock)
{
	struct mutex_waiter *next;
	unsigned long owner;

	raw_spin_lock(&lock->wait_lock);
	if (list_empty(&lock->wait_list)) {
		WRITE_ONCE(lock->owner, 0);
		raw_spin_unlock(&lock->wait_lock);
		return;
	}
	next = list_first_entry(&lock->wait_list, struct mutex_waiter, list);
	list_del(&next->list);
	owner = (unsigned long)next->task;
	if (!list_empty(&lock->wait_list))
		owner |= MUTEX_FLAG_WAITERS;
	__atomic_store_n(&lock->owner, owner, __ATOMIC_RELEASE);
	wake_up_process(next->task);
	raw_spin_unlock(&lock->wait_lock);
}

void mutex_unlock(struct mutex *lock)
{
	if (WARN_ONCE(__mutex_owner(lock) != current,
		      "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current): %s/%d\n",
		      current->comm, current->pid))
		return;
	if (!__mutex_unlock_fast(lock))
		__mutex_unlock_slowpath(lock);
}
