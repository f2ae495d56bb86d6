// SPDX-License-Identifier: MIT
/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake some waiters of one word
 * and move the rest, still asleep, to another (a condition variable's
 * broadcast moves them to the mutex instead of waking a herd that
 * would fight for it). A moved waiter changes bucket under both
 * buckets' locks and learns of it through its lock_ptr (core.c).
 * The PI variants (FUTEX_WAIT_REQUEUE_PI, FUTEX_CMP_REQUEUE_PI) are
 * not implemented: syscalls.c answers them -ENOSYS.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
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
		if (this->pi_state)
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
