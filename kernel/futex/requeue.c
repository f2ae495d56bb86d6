// SPDX-License-Identifier: MIT
/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake some waiters of one word
 * and move the rest, still asleep, to another (a condition variable's
 * broadcast moves them to the mutex instead of waking a herd that
 * would fight for it). A moved waiter changes bucket under both
 * buckets' locks and learns of it through its lock_ptr (core.c).
 *
 * The PI variants move sleepers of a plain word (a condition variable)
 * onto a PI futex (its mutex): FUTEX_CMP_REQUEUE_PI takes the PI futex
 * for the first sleeper if it is free and wakes it owning it, and queues
 * the others on the futex's rt_mutex on their behalf, so they boost its
 * owner while still asleep; FUTEX_WAIT_REQUEUE_PI is the sleeper's side.
 * Everything that moves a sleeper happens under both bucket locks, and
 * the sleeper reads what happened to it under the lock of the bucket it
 * is on, so a timeout or a kill racing with the requeue finds it either
 * still on the first word or already on the rt_mutex.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/signal.h>
#include "../locking/rtmutex_common.h"
#include "futex.h"

/* Move @q from @hb1 to @hb2 and @key2; both locks held. */
static void requeue_futex(struct futex_q *q, struct futex_hash_bucket *hb1,
			  struct futex_hash_bucket *hb2, struct futex_key *key2)
{
	if (hb1 != hb2) {
		list_del_init(&q->list);
		futex_hb_waiters_dec(hb1);
		futex_hb_waiters_inc(hb2);
		list_add_tail(&q->list, &hb2->chain);
		q->lock_ptr = &hb2->lock;
	}
	q->key = *key2;
}

/*
 * Wake and move waiters of @key1 with both buckets locked: up to
 * @nr_wake woken, then up to @nr_requeue moved. Return: the number of
 * both, or -EINVAL at a PI waiter.
 */
static long futex_requeue_locked(struct futex_hash_bucket *hb1, struct futex_key *key1,
				 struct futex_hash_bucket *hb2, struct futex_key *key2,
				 int nr_wake, int nr_requeue)
{
	struct futex_q *this, *next;
	long task_count = 0;

	list_for_each_entry_safe(this, next, &hb1->chain, list) {
		if (task_count - nr_wake >= nr_requeue)
			break;
		if (!futex_match(&this->key, key1))
			continue;
		if (this->pi_state || this->rt_waiter)
			return -EINVAL;
		if (++task_count <= nr_wake)
			futex_wake_mark(this);
		else
			requeue_futex(this, hb1, hb2, key2);
	}
	return task_count;
}

/**
 * futex_requeue - FUTEX_REQUEUE, or FUTEX_CMP_REQUEUE when @cmpval is given
 *
 * With @cmpval the word at @uaddr1 must still hold it, read under the
 * locks, or nothing is done (-EAGAIN).
 *
 * Return: woken plus requeued, or an error.
 */
long futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_requeue, u32 *cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	u32 curval;
	long ret;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	ret = get_futex_key(uaddr1, flags, &key1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, flags, &key2);
	if (ret)
		return ret;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	/* Waiters moved to hb2 must be seen by a waker that checks its count unlocked. */
	futex_hb_waiters_inc(hb2);
	double_lock_hb(hb1, hb2);
	if (cmpval) {
		if (futex_get_value_locked(&curval, uaddr1)) {
			double_unlock_hb(hb1, hb2);
			futex_hb_waiters_dec(hb2);
			if (get_user(curval, uaddr1))
				return -EFAULT;
			goto retry;
		}
		if (curval != *cmpval) {
			ret = -EAGAIN;
			goto out_unlock;
		}
	}
	ret = futex_requeue_locked(hb1, &key1, hb2, &key2, nr_wake, nr_requeue);
out_unlock:
	double_unlock_hb(hb1, hb2);
	futex_hb_waiters_dec(hb2);
	return ret;
}

/* --- requeue to a PI futex ------------------------------------------------ */

static bool requeue_pi_waiter(struct futex_q *q, struct futex_key *key2)
{
	return q->rt_waiter && !q->pi_state && q->requeue_pi_key &&
	       futex_match(q->requeue_pi_key, key2);
}

/* The PI futex was taken for @q's task: it leaves the first word owning it. */
static void requeue_pi_wake_futex(struct futex_q *q, struct futex_key *key2)
{
	q->key = *key2;
	__futex_unqueue(q);
	q->requeue_pi_locked = true;
	/* Its task cannot leave before it has taken the bucket lock we hold. */
	wake_up_state(q->task, TASK_NORMAL);
}

/*
 * Both buckets locked, the first word's value checked: the top sleeper
 * gets the PI futex if it is free, the next ones up to @nr_requeue are
 * queued on its rt_mutex and moved to @hb2. Return: how many were
 * woken or moved, or an error.
 */
static long futex_requeue_pi_locked(u32 __user *uaddr2, struct futex_hash_bucket *hb1,
				    struct futex_key *key1, struct futex_hash_bucket *hb2,
				    struct futex_key *key2, int nr_requeue)
{
	struct futex_pi_state *ps = NULL;
	struct futex_q *top, *this, *next;
	long count = 0, ret;
	u32 uval;

	top = futex_top_waiter(hb1, key1);
	if (!top)
		return 0;
	if (!requeue_pi_waiter(top, key2))
		return -EINVAL;
	ret = futex_lock_pi_atomic(uaddr2, hb2, key2, &ps, top->task, nr_requeue > 0);
	if (ret < 0)
		return ret;
	if (ret == 1) {
		requeue_pi_wake_futex(top, key2);
		count = 1;
		if (!nr_requeue)
			return count;
		/* The others wait for the new owner. */
		ret = futex_get_value_locked(&uval, uaddr2);
		if (!ret)
			ret = attach_to_pi_owner(uaddr2, uval, key2, &ps);
		if (ret)
			return count;
	}
	ret = 0;
	list_for_each_entry_safe(this, next, &hb1->chain, list) {
		int got;

		/* As Linux: one (woken or moved) plus @nr_requeue at most. */
		if (count >= (long)nr_requeue + 1)
			break;
		if (!futex_match(&this->key, key1))
			continue;
		if (!requeue_pi_waiter(this, key2)) {
			ret = -EINVAL;
			break;
		}
		atomic_inc(&ps->refcount);
		this->pi_state = ps;
		got = rt_mutex_start_proxy_lock(&ps->pi_mutex, this->rt_waiter, this->task);
		if (got < 0) {
			this->pi_state = NULL;
			put_pi_state(ps);
			ret = got;
			break;
		}
		requeue_futex(this, hb1, hb2, key2);
		if (got)
			wake_up_state(this->task, TASK_NORMAL);
		count++;
	}
	if (ps)
		put_pi_state(ps);
	return ret ? ret : count;
}

/**
 * futex_cmp_requeue_pi - FUTEX_CMP_REQUEUE_PI: wake one sleeper of @uaddr1 owning @uaddr2, move the rest onto it
 *
 * As Linux: @nr_wake must be 1 and the two words different; *@uaddr1
 * must still hold @cmpval.
 *
 * Return: how many were woken or moved, or an error.
 */
long futex_cmp_requeue_pi(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, u32 cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	u32 curval;
	long ret;

	if (nr_wake != 1 || nr_requeue < 0)
		return -EINVAL;
retry:
	if (refill_pi_state_cache())
		return -ENOMEM;
	ret = get_futex_key(uaddr1, flags, &key1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, flags, &key2);
	if (ret)
		return ret;
	if (futex_match(&key1, &key2))
		return -EINVAL;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	futex_hb_waiters_inc(hb2);
	double_lock_hb(hb1, hb2);
	ret = futex_get_value_locked(&curval, uaddr1);
	if (!ret)
		ret = curval != cmpval ? -EAGAIN :
		      futex_requeue_pi_locked(uaddr2, hb1, &key1, hb2, &key2, nr_requeue);
	else
		ret = -EFAULT;
	double_unlock_hb(hb1, hb2);
	futex_hb_waiters_dec(hb2);
	if (ret == -EFAULT && !fault_in_user_writeable(uaddr1) && !fault_in_user_writeable(uaddr2))
		goto retry;
	return ret;
}

/*
 * Lock the bucket @q is on now; a requeue may move it between our look
 * at lock_ptr and taking that lock.
 */
static spinlock_t *futex_q_relock(struct futex_q *q)
{
	spinlock_t *lock_ptr;

	for (;;) {
		lock_ptr = READ_ONCE(q->lock_ptr);
		spin_lock(lock_ptr);
		if (lock_ptr == q->lock_ptr)
			return lock_ptr;
		spin_unlock(lock_ptr);
	}
}

/*
 * Moved onto the PI futex's rt_mutex while asleep: wait there as a
 * FUTEX_LOCK_PI waiter would, and leave the PI futex's bucket.
 */
static long futex_requeued_pi_wait(u32 __user *uaddr2, struct futex_q *q,
				   struct hrtimer_sleeper *to)
{
	long ret;

	spin_unlock(q->lock_ptr);
	ret = rt_mutex_wait_proxy_lock(&q->pi_state->pi_mutex, to);
	spin_lock(q->lock_ptr);
	ret = futex_pi_finish_locked(uaddr2, q, ret);
	/*
	 * A signal on the rt_mutex: this call cannot be restarted (the first
	 * word is no longer waited on), and a restart would find the word
	 * changed anyway; the caller sees that at once, as on Linux.
	 */
	if (ret == -EINTR)
		ret = -EAGAIN;
	__futex_unqueue(q);
	put_pi_state(q->pi_state);
	spin_unlock(q->lock_ptr);
	return ret;
}

/*
 * Asleep on the first word, killably (a signal's handler runs once the
 * wait is over, as for FUTEX_LOCK_PI), until the requeue gives us the
 * PI futex, moves us onto its rt_mutex, or the timeout or a kill ends
 * it. Entered with the bucket lock held; returns with none.
 */
static long futex_requeue_pi_sleep(u32 __user *uaddr2, struct futex_q *q,
				   struct hrtimer_sleeper *to)
{
	spinlock_t *lock = q->lock_ptr;
	long ret;

	for (;;) {
		/* The state before the tests: a requeue, expiry or kill in between wakes us. */
		set_current_state(TASK_KILLABLE);
		if (q->requeue_pi_locked) {
			ret = 0;
			break;
		}
		if (q->pi_state) {
			__set_current_state(TASK_RUNNING);
			return futex_requeued_pi_wait(uaddr2, q, to);
		}
		ret = -ETIMEDOUT;
		if (to && !READ_ONCE(to->task))
			break;
		ret = -EINTR;
		if (fatal_signal_pending(current))
			break;
		spin_unlock(lock);
		schedule();
		lock = futex_q_relock(q);
	}
	__set_current_state(TASK_RUNNING);
	if (ret)
		__futex_unqueue(q);
	spin_unlock(lock);
	return ret;
}

/**
 * futex_wait_requeue_pi - FUTEX_WAIT_REQUEUE_PI: sleep on @uaddr until moved to the PI futex @uaddr2
 * @abs_time:	absolute CLOCK_MONOTONIC expiry, or NULL
 *
 * Return: 0 owning @uaddr2; -EAGAIN when *@uaddr is not @val; -EINVAL
 * when the two words are one; -ETIMEDOUT; -EINTR (a kill); -EFAULT.
 */
long futex_wait_requeue_pi(u32 __user *uaddr, unsigned int flags, u32 val, ktime_t *abs_time,
			   u32 __user *uaddr2)
{
	struct hrtimer_sleeper timeout, *to = abs_time ? &timeout : NULL;
	struct rt_mutex_waiter rt_waiter;
	struct futex_hash_bucket *hb;
	struct futex_key key2;
	struct futex_q q = {
		.bitset = FUTEX_BITSET_MATCH_ANY,
		.rt_waiter = &rt_waiter,
		.requeue_pi_key = &key2,
	};
	long ret;

	if (uaddr == uaddr2)
		return -EINVAL;
	if (refill_pi_state_cache())
		return -ENOMEM;
	ret = get_futex_key(uaddr2, flags, &key2);
	if (ret)
		return ret;
	INIT_LIST_HEAD(&q.list);
	futex_setup_timer(to, abs_time);
	ret = futex_wait_setup(uaddr, val, flags, &q, &hb);
	if (ret)
		goto out;
	if (futex_match(&q.key, &key2)) {
		futex_q_unlock(hb);
		ret = -EINVAL;
		goto out;
	}
	__futex_queue(&q, hb);
	ret = futex_requeue_pi_sleep(uaddr2, &q, to);
out:
	futex_cancel_timer(to);
	return ret;
}
