/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

/*
 * What the futex files share: keys, hash buckets, the queued waiter and
 * the PI state.
 *
 * A waiter is a futex_q on its bucket's chain, found by key. The waker
 * takes it off under the bucket lock and then clears q->lock_ptr (a
 * release store), so a waiter that sees lock_ptr NULL knows it was woken
 * and may return without touching the bucket; requeueing moves a q to
 * another bucket and repoints lock_ptr, under both buckets' locks.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/futex.h>
#include <linux/hrtimer.h>
#include <linux/rtmutex.h>

/* flags: how the word is keyed and which clock a timeout is on. */
#define FLAGS_SHARED		0x01
#define FLAGS_CLOCKRT		0x02

/*
 * Two waiters meet when their keys are equal. A private futex (or any
 * in a private mapping) is its address in its mm; a futex in a
 * MAP_SHARED mapping is the physical address of its byte, the same in
 * every process that maps the page.
 */
struct futex_key {
	void *mm;		/* NULL for a shared key */
	unsigned long addr;	/* user address, or physical address */
};

static inline bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->addr == b->addr;
}

/*
 * @waiters counts the tasks on their way to sleep or asleep here, so a
 * wake that finds it zero need not take the lock (see futex_hb_waiters_inc()).
 */
struct futex_hash_bucket {
	atomic_t waiters;
	spinlock_t lock;
	struct list_head chain;
} __attribute__((aligned(64)));

/*
 * PI state of a contended PI futex: the kernel lock its waiters queue
 * on, owned on behalf of the task the word names. Referenced by each
 * waiting futex_q; listed on the owner's pi_state_list so its exit can
 * hand the lock on. Changed and freed under the bucket lock.
 */
struct futex_pi_state {
	struct list_head list;		/* on owner->pi_state_list */
	struct rt_mutex_base pi_mutex;
	struct task_struct *owner;
	atomic_t refcount;		/* the futex_qs using it, and passers-by */
	struct futex_key key;
};

struct rt_mutex_waiter;

/**
 * struct futex_q - a task waiting on a futex
 * @list:	on the bucket's chain
 * @task:	the waiter
 * @lock_ptr:	the lock of the bucket it is on; NULL once a waker took it off
 * @key:	the futex it waits on (changed by a requeue)
 * @pi_state:	for PI waiters, the futex's pi_state (a reference)
 * @rt_waiter:	for PI waiters, their place on pi_state->pi_mutex; for
 *		FUTEX_WAIT_REQUEUE_PI waiters from the start, so a plain
 *		wake or requeue refuses them
 * @requeue_pi_key: FUTEX_WAIT_REQUEUE_PI: the PI futex it may be moved to
 * @requeue_pi_locked: FUTEX_CMP_REQUEUE_PI took that PI futex for it
 * @bitset:	FUTEX_WAIT_BITSET's mask; all ones otherwise
 */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	spinlock_t *lock_ptr;
	struct futex_key key;
	struct futex_pi_state *pi_state;
	struct rt_mutex_waiter *rt_waiter;
	struct futex_key *requeue_pi_key;
	bool requeue_pi_locked;
	u32 bitset;
};

/* core.c */
int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key);
struct futex_hash_bucket *futex_hash(const struct futex_key *key);
void futex_q_lock(struct futex_q *q, struct futex_hash_bucket *hb);
void futex_q_unlock(struct futex_hash_bucket *hb);
void __futex_queue(struct futex_q *q, struct futex_hash_bucket *hb);
void __futex_unqueue(struct futex_q *q);
int futex_unqueue(struct futex_q *q);
void futex_wake_mark(struct futex_q *q);
struct futex_q *futex_top_waiter(struct futex_hash_bucket *hb, const struct futex_key *key);
int futex_get_value(u32 *dest, u32 __user *from);
int futex_get_value_locked(u32 *dest, u32 __user *from);
int futex_cmpxchg_value_locked(u32 *curval, u32 __user *uaddr, u32 uval, u32 newval);
int fault_in_user_writeable(u32 __user *uaddr);
void futex_setup_timer(struct hrtimer_sleeper *to, ktime_t *time);
void futex_cancel_timer(struct hrtimer_sleeper *to);
void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2);
void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2);

static inline void futex_hb_waiters_inc(struct futex_hash_bucket *hb)
{
	atomic_inc(&hb->waiters);
	/* Pairs with the barrier in futex_hb_waiters_pending(). */
	smp_mb();
}

static inline void futex_hb_waiters_dec(struct futex_hash_bucket *hb)
{
	atomic_dec(&hb->waiters);
}

/*
 * The waker stored the new value before calling futex(2), the waiter
 * counts itself before reading the value: with a full barrier on both
 * sides, either the waker sees the count or the waiter sees the value.
 */
static inline bool futex_hb_waiters_pending(struct futex_hash_bucket *hb)
{
	smp_mb();
	return atomic_read(&hb->waiters);
}

/* waitwake.c */
int futex_wait_setup(u32 __user *uaddr, u32 val, unsigned int flags, struct futex_q *q,
		     struct futex_hash_bucket **hb);
long futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, ktime_t *abs_time, u32 bitset);
long futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset);
long futex_wake_op(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_wake2, u32 op);

/* requeue.c */
long futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_requeue, u32 *cmpval);
long futex_cmp_requeue_pi(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, u32 cmpval);
long futex_wait_requeue_pi(u32 __user *uaddr, unsigned int flags, u32 val, ktime_t *abs_time,
			   u32 __user *uaddr2);

/* pi.c */
long futex_lock_pi(u32 __user *uaddr, unsigned int flags, ktime_t *time, int trylock);
long futex_unlock_pi(u32 __user *uaddr, unsigned int flags);
void exit_pi_state_list(struct task_struct *tsk);
int refill_pi_state_cache(void);
void put_pi_state(struct futex_pi_state *ps);
int futex_lock_pi_atomic(u32 __user *uaddr, struct futex_hash_bucket *hb, struct futex_key *key,
			 struct futex_pi_state **ps, struct task_struct *task, bool set_waiters);
int attach_to_pi_owner(u32 __user *uaddr, u32 uval, struct futex_key *key,
		       struct futex_pi_state **ps);
int futex_pi_finish_locked(u32 __user *uaddr, struct futex_q *q, int ret);

#endif
