// SPDX-License-Identifier: MIT
/*
 * FUTEX_WAIT, FUTEX_WAKE, their _BITSET forms and FUTEX_WAKE_OP: sleep
 * while the word holds a value, wake the sleepers of a word, and wake
 * on one word after an atomic change of another depending on its old
 * value (the condition-variable signal of old glibcs). The protocol
 * that keeps them race-free is in core.c.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <asm/futex.h>
#include "futex.h"

/**
 * futex_wake - wake up to @nr_wake waiters on @uaddr whose bitset meets @bitset
 *
 * Return: how many were woken; -EINVAL for an empty @bitset or a PI
 * waiter on the word (a PI futex is released with FUTEX_UNLOCK_PI, a
 * FUTEX_WAIT_REQUEUE_PI sleeper moved with FUTEX_CMP_REQUEUE_PI).
 */
long futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_q *this, *next;
	struct futex_hash_bucket *hb;
	struct futex_key key;
	long ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, flags, &key);
	if (ret)
		return ret;
	hb = futex_hash(&key);
	if (!futex_hb_waiters_pending(hb))
		return 0;
	spin_lock(&hb->lock);
	list_for_each_entry_safe(this, next, &hb->chain, list) {
		if (!futex_match(&this->key, &key))
			continue;
		if (this->pi_state || this->rt_waiter) {
			ret = -EINVAL;
			break;
		}
		if (!(this->bitset & bitset))
			continue;
		futex_wake_mark(this);
		/* As Linux, a count of 0 still wakes one. */
		if (++ret >= nr_wake)
			break;
	}
	spin_unlock(&hb->lock);
	return ret;
}

/* FUTEX_WAKE_OP's operation on the old value; the encoding is in linux/futex.h. */
static int futex_op_apply(unsigned int op, u32 oldval, u32 oparg, u32 *newval)
{
	switch (op) {
	case FUTEX_OP_SET:
		*newval = oparg;
		return 0;
	case FUTEX_OP_ADD:
		*newval = oldval + oparg;
		return 0;
	case FUTEX_OP_OR:
		*newval = oldval | oparg;
		return 0;
	case FUTEX_OP_ANDN:
		*newval = oldval & ~oparg;
		return 0;
	case FUTEX_OP_XOR:
		*newval = oldval ^ oparg;
		return 0;
	default:
		return -ENOSYS;
	}
}

/* The 12-bit signed fields of FUTEX_WAKE_OP's val3. */
static int sign_extend12(u32 v)
{
	return (int)(v << 20) >> 20;
}

/*
 * Apply @encoded_op to *@uaddr atomically (a cmpxchg loop) and compare
 * the old value as it asks. Return: 1 or 0 for the comparison, -EFAULT,
 * or -ENOSYS for an unknown operation or comparison (as Linux, an
 * unknown comparison is found only after the operation was done).
 */
static int futex_atomic_op_inuser(u32 encoded_op, u32 __user *uaddr)
{
	unsigned int op = (encoded_op >> 28) & 7, cmp = (encoded_op >> 24) & 15;
	int oparg = sign_extend12(encoded_op >> 12), cmparg = sign_extend12(encoded_op);
	u32 oldval, newval, cur;
	int ret;

	if (encoded_op & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1U << (oparg & 31);	/* Linux also masks a shift out of 0..31 */
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	if (futex_op_apply(op, 0, 0, &newval))
		return -ENOSYS;
	if (get_user(oldval, uaddr))
		return -EFAULT;
	for (;;) {
		futex_op_apply(op, oldval, oparg, &newval);
		ret = futex_atomic_cmpxchg_inatomic(&cur, uaddr, oldval, newval);
		if (ret)
			return ret;
		if (cur == oldval)
			break;
		oldval = cur;
	}
	switch (cmp) {
	case FUTEX_OP_CMP_EQ:
		return (int)oldval == cmparg;
	case FUTEX_OP_CMP_NE:
		return (int)oldval != cmparg;
	case FUTEX_OP_CMP_LT:
		return (int)oldval < cmparg;
	case FUTEX_OP_CMP_LE:
		return (int)oldval <= cmparg;
	case FUTEX_OP_CMP_GT:
		return (int)oldval > cmparg;
	case FUTEX_OP_CMP_GE:
		return (int)oldval >= cmparg;
	default:
		return -ENOSYS;
	}
}

/* Wake up to @nr of @hb's waiters on @key (lock held); -EINVAL at a PI waiter. */
static int futex_wake_locked(struct futex_hash_bucket *hb, struct futex_key *key, int nr)
{
	struct futex_q *this, *next;
	int woken = 0;

	list_for_each_entry_safe(this, next, &hb->chain, list) {
		if (!futex_match(&this->key, key))
			continue;
		if (this->pi_state || this->rt_waiter)
			return -EINVAL;
		futex_wake_mark(this);
		if (++woken >= nr)
			break;
	}
	return woken;
}

/**
 * futex_wake_op - change *@uaddr2, wake on @uaddr1, and on @uaddr2 if the old value says so
 *
 * Both buckets are locked across the change, so no waiter on either
 * word can slip between the change and the wake-up.
 *
 * Return: how many were woken on both words, or an error.
 */
long futex_wake_op(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2,
		   int nr_wake, int nr_wake2, u32 op)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	int op_ret, ret, ret2;

retry:
	ret = get_futex_key(uaddr1, flags, &key1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, flags, &key2);
	if (ret)
		return ret;
	hb1 = futex_hash(&key1);
	hb2 = futex_hash(&key2);
	double_lock_hb(hb1, hb2);
	op_ret = futex_atomic_op_inuser(op, uaddr2);
	if (op_ret < 0) {
		double_unlock_hb(hb1, hb2);
		if (op_ret != -EFAULT)
			return op_ret;
		ret = fault_in_user_writeable(uaddr2);
		if (ret)
			return ret;
		goto retry;
	}
	ret = futex_wake_locked(hb1, &key1, nr_wake);
	if (ret >= 0 && op_ret > 0) {
		ret2 = futex_wake_locked(hb2, &key2, nr_wake2);
		ret = ret2 < 0 ? ret2 : ret + ret2;
	}
	double_unlock_hb(hb1, hb2);
	return ret;
}

/*
 * Lock the bucket and check the word still holds @val: then return 0
 * with the lock held, for the caller to queue before dropping it.
 * -EAGAIN when the value differs (the wake-up it waits for happened).
 */
int futex_wait_setup(u32 __user *uaddr, u32 val, unsigned int flags, struct futex_q *q,
		     struct futex_hash_bucket **hb)
{
	u32 uval;
	int ret;

retry:
	ret = get_futex_key(uaddr, flags, &q->key);
	if (ret)
		return ret;
	*hb = futex_hash(&q->key);
	futex_q_lock(q, *hb);
	if (futex_get_value_locked(&uval, uaddr)) {
		futex_q_unlock(*hb);
		if (get_user(uval, uaddr))
			return -EFAULT;
		goto retry;
	}
	if (uval != val) {
		futex_q_unlock(*hb);
		return -EAGAIN;
	}
	return 0;
}

/*
 * Queue and sleep. The state is set before the queueing a waker can
 * see, and the tests after it, so a wake-up, expiry or signal landing
 * in between leaves us running instead of lost.
 */
static void futex_wait_queue(struct futex_hash_bucket *hb, struct futex_q *q,
			     struct hrtimer_sleeper *to)
{
	set_current_state(TASK_INTERRUPTIBLE);
	__futex_queue(q, hb);
	spin_unlock(&hb->lock);
	if (READ_ONCE(q->lock_ptr) && (!to || READ_ONCE(to->task)) && !signal_pending(current))
		schedule();
	__set_current_state(TASK_RUNNING);
}

static long futex_wait_restart(struct restart_block *restart);

/**
 * futex_wait - sleep while *@uaddr == @val, until woken on a bit of @bitset
 * @abs_time:	absolute CLOCK_MONOTONIC expiry, or NULL
 *
 * Return: 0 when woken, -EAGAIN when the value differed, -ETIMEDOUT,
 * -ERESTARTSYS for a signal (no timeout: the wait starts over after a
 * SA_RESTART handler) or -ERESTART_RESTARTBLOCK (a timeout: only when
 * no handler ran, through futex_wait_restart() and the same end time),
 * -EFAULT, -EINVAL. A spurious wake-up sleeps again.
 */
long futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, ktime_t *abs_time, u32 bitset)
{
	struct hrtimer_sleeper timeout, *to = abs_time ? &timeout : NULL;
	struct futex_q q = { .bitset = bitset };
	struct futex_hash_bucket *hb;
	struct restart_block *restart;
	long ret;

	if (!bitset)
		return -EINVAL;
	INIT_LIST_HEAD(&q.list);
	futex_setup_timer(to, abs_time);
	for (;;) {
		ret = futex_wait_setup(uaddr, val, flags, &q, &hb);
		if (ret)
			break;
		futex_wait_queue(hb, &q, to);
		ret = 0;
		if (!futex_unqueue(&q))
			break;
		ret = -ETIMEDOUT;
		if (to && !READ_ONCE(to->task))
			break;
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			break;
	}
	futex_cancel_timer(to);
	if (!to || ret != -ERESTARTSYS)
		return ret;
	restart = &current->restart_block;
	restart->futex.uaddr = uaddr;
	restart->futex.val = val;
	restart->futex.flags = flags;
	restart->futex.bitset = bitset;
	restart->futex.time = *abs_time;
	set_restart_fn(restart, futex_wait_restart);
	return -ERESTART_RESTARTBLOCK;
}

/* The wait goes on, to the end time it was given at first. */
static long futex_wait_restart(struct restart_block *restart)
{
	ktime_t t = restart->futex.time;

	restart->fn = do_no_restart_syscall;
	return futex_wait(restart->futex.uaddr, restart->futex.flags, restart->futex.val,
			  &t, restart->futex.bitset);
}
