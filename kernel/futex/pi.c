// SPDX-License-Identifier: MIT
/*
 * Priority-inheritance futexes: FUTEX_LOCK_PI (and _PI2), FUTEX_TRYLOCK_PI,
 * FUTEX_UNLOCK_PI. The word holds the owner's TID, FUTEX_WAITERS once
 * someone sleeps on it (so the owner's unlock comes here) and
 * FUTEX_OWNER_DIED after an owner exited holding it. An uncontended lock
 * and unlock never enter the kernel.
 *
 * The first waiter makes a futex_pi_state whose rt_mutex is already
 * held on behalf of the owner the word names; every waiter queues on
 * that rt_mutex, so the owner runs at its best waiter's priority on
 * whatever CPU it is, down any chain of such locks, exactly as
 * kernel/locking/rtmutex.c does for kernel locks. Unlocking hands the
 * rt_mutex to the top waiter and writes its TID into the word, with
 * the bucket lock held, which the new owner takes before it returns to
 * user space: it never sees a word that does not name it.
 *
 *   owner (CPU1, prio 120)       waiter (CPU1, FIFO 90)
 *   holds the word: TID
 *                                LOCK_PI: word |= WAITERS, pi_state
 *                                made, queued on its rt_mutex:
 *   runs at FIFO 90 ...          owner boosted; sleeps
 *   UNLOCK_PI: hands over,
 *   word = waiter TID|WAITERS,
 *   back at prio 120             wakes owning the lock
 *
 * Every queueing and dequeueing of a pi_state's waiters, and every
 * change of its owner, happens under the futex bucket lock. An exiting
 * owner hands its PI locks on (exit_pi_state_list()) after it stopped
 * new waiters from attaching to it (futex_state), so none is left
 * waiting on a dead task.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "../locking/rtmutex_common.h"
#include "futex.h"

/* The allocation happens before the bucket lock, the use under it. */
int refill_pi_state_cache(void)
{
	if (current->pi_state_cache)
		return 0;
	current->pi_state_cache = kzalloc(sizeof(struct futex_pi_state), GFP_KERNEL);
	return current->pi_state_cache ? 0 : -ENOMEM;
}

static struct futex_pi_state *alloc_pi_state(void)
{
	struct futex_pi_state *ps = current->pi_state_cache;

	current->pi_state_cache = NULL;
	return ps;
}

/* With @p->pi_lock held. The list head of a task starts zeroed: it is made on first use. */
static void pi_state_list_add(struct futex_pi_state *ps, struct task_struct *p)
{
	if (!p->pi_state_list.next)
		INIT_LIST_HEAD(&p->pi_state_list);
	list_add(&ps->list, &p->pi_state_list);
}

/* @ps moves to @new_owner's list, or to none. Bucket lock held. */
static void pi_state_update_owner(struct futex_pi_state *ps, struct task_struct *new_owner)
{
	struct task_struct *old = ps->owner;
	unsigned long flags;

	if (old == new_owner)
		return;
	if (old) {
		raw_spin_lock_irqsave(&old->pi_lock, flags);
		list_del_init(&ps->list);
		raw_spin_unlock_irqrestore(&old->pi_lock, flags);
	}
	ps->owner = new_owner;
	if (new_owner) {
		raw_spin_lock_irqsave(&new_owner->pi_lock, flags);
		pi_state_list_add(ps, new_owner);
		raw_spin_unlock_irqrestore(&new_owner->pi_lock, flags);
	}
}

/*
 * Bucket lock held. The last reference has no waiters left: nobody can
 * find it. It becomes current's cache when that is empty, as the next
 * contended lock would otherwise allocate one again (attach_to_pi_owner()
 * sets every field).
 */
void put_pi_state(struct futex_pi_state *ps)
{
	if (!atomic_dec_and_test(&ps->refcount))
		return;
	pi_state_update_owner(ps, NULL);
	if (!current->pi_state_cache)
		current->pi_state_cache = ps;
	else
		kfree(ps);
}

/*
 * The word names a task that is gone or going: -EAGAIN if the word
 * changed meanwhile (look again: a robust exit may have freed it),
 * else -ESRCH, as Linux.
 */
static int handle_exit_race(u32 __user *uaddr, u32 uval)
{
	u32 cur;

	if (futex_get_value_locked(&cur, uaddr))
		return -EFAULT;
	return cur != uval ? -EAGAIN : -ESRCH;
}

/*
 * The first waiter: make the pi_state, its rt_mutex held for the task
 * the word names. Under that task's pi_lock, so that its exit either
 * sees the pi_state on its list or we see it exiting.
 */
int attach_to_pi_owner(u32 __user *uaddr, u32 uval, struct futex_key *key,
		       struct futex_pi_state **ps)
{
	int pid = uval & FUTEX_TID_MASK;
	struct futex_pi_state *pi_state;
	struct task_struct *p;
	unsigned long flags;

	if (!pid)
		return -EAGAIN;		/* freed under us: look again */
	p = find_get_task(pid);
	if (!p)
		return handle_exit_race(uaddr, uval);
	if (p->flags & PF_KTHREAD) {
		put_task_struct(p);
		return -EPERM;
	}
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	if (p->futex_state != FUTEX_STATE_OK) {
		raw_spin_unlock_irqrestore(&p->pi_lock, flags);
		put_task_struct(p);
		return handle_exit_race(uaddr, uval);
	}
	pi_state = alloc_pi_state();
	if (WARN_ON_ONCE(!pi_state)) {	/* every caller refills the cache first */
		raw_spin_unlock_irqrestore(&p->pi_lock, flags);
		put_task_struct(p);
		return -ENOMEM;
	}
	rt_mutex_init_proxy_locked(&pi_state->pi_mutex, p);
	pi_state->key = *key;
	atomic_set(&pi_state->refcount, 1);
	pi_state->owner = p;
	pi_state_list_add(pi_state, p);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	/* The pi_state needs no reference: p's exit unlinks it first. */
	put_task_struct(p);
	*ps = pi_state;
	return 0;
}

static int lock_pi_update_atomic(u32 __user *uaddr, u32 uval, u32 newval)
{
	u32 curval;

	if (futex_cmpxchg_value_locked(&curval, uaddr, uval, newval))
		return -EFAULT;
	return curval != uval ? -EAGAIN : 0;
}

/*
 * Under the bucket lock, for @task (current, or a FUTEX_CMP_REQUEUE_PI
 * sleeper): take a free word (1; with FUTEX_WAITERS when @set_waiters,
 * as more waiters are coming), or flag it and attach to the futex's
 * pi_state, made if this is the first waiter (0, with a reference in
 * *@ps). A free word keeps FUTEX_OWNER_DIED for the new owner to see.
 * -EDEADLK when the word already names @task; -EAGAIN when it changed
 * under us (look again).
 */
int futex_lock_pi_atomic(u32 __user *uaddr, struct futex_hash_bucket *hb, struct futex_key *key,
			 struct futex_pi_state **ps, struct task_struct *task, bool set_waiters)
{
	u32 uval, newval, vpid = task->pid;
	struct futex_q *top;
	int ret;

	if (futex_get_value_locked(&uval, uaddr))
		return -EFAULT;
	if ((uval & FUTEX_TID_MASK) == vpid)
		return -EDEADLK;
	top = futex_top_waiter(hb, key);
	if (top) {
		if (!top->pi_state)
			return -EINVAL;		/* FUTEX_WAIT sleepers on a PI word */
		atomic_inc(&top->pi_state->refcount);
		*ps = top->pi_state;
		return 0;
	}
	if (!(uval & FUTEX_TID_MASK)) {
		newval = (uval & FUTEX_OWNER_DIED) | vpid | (set_waiters ? FUTEX_WAITERS : 0);
		return lock_pi_update_atomic(uaddr, uval, newval) ?: 1;
	}
	newval = uval | FUTEX_WAITERS;
	ret = lock_pi_update_atomic(uaddr, uval, newval);
	if (ret)
		return ret;
	return attach_to_pi_owner(uaddr, newval, key, ps);
}

/*
 * Current owns the rt_mutex: make the pi_state and the word say so
 * (bucket lock held). The word normally names us already (the unlocker
 * wrote it). After an owner's exit handed the lock over (the pi_state
 * then has no owner) it does not, and it gets FUTEX_OWNER_DIED, robust
 * list or not, as Linux.
 */
static int fixup_pi_owner(u32 __user *uaddr, struct futex_q *q)
{
	u32 uval, curval, newval, vpid = current->pid;
	u32 died = q->pi_state->owner ? 0 : FUTEX_OWNER_DIED;

	if (q->pi_state->owner != current)
		pi_state_update_owner(q->pi_state, current);
	if (futex_get_value_locked(&uval, uaddr))
		return -EFAULT;
	while ((uval & FUTEX_TID_MASK) != vpid || (uval & died) != died) {
		newval = (uval & FUTEX_OWNER_DIED) | died | vpid | FUTEX_WAITERS;
		if (futex_cmpxchg_value_locked(&curval, uaddr, uval, newval))
			return -EFAULT;
		if (curval == uval)
			break;
		uval = curval;
	}
	return 0;
}

/*
 * Queue on the bucket and on the rt_mutex, and sleep until the lock is
 * ours, the timeout or a signal. Returns with the bucket lock held.
 */
static int futex_lock_pi_block(u32 __user *uaddr, struct futex_hash_bucket *hb,
			       struct futex_q *q, struct hrtimer_sleeper *to)
{
	struct rt_mutex_base *lock = &q->pi_state->pi_mutex;
	struct rt_mutex_waiter rt_waiter;
	int ret;

	__futex_queue(q, hb);
	q->rt_waiter = &rt_waiter;
	ret = rt_mutex_start_proxy_lock(lock, &rt_waiter, current);
	spin_unlock(&hb->lock);
	if (!ret)
		ret = rt_mutex_wait_proxy_lock(lock, to);
	spin_lock(&hb->lock);
	return futex_pi_finish_locked(uaddr, q, ret);
}

/*
 * After the rt_mutex wait, with the bucket lock taken again and @ret
 * its result: an error with the lock handed to us meanwhile is a
 * success, as Linux; with the lock, the pi_state and the word are made
 * to name current. Also for a FUTEX_WAIT_REQUEUE_PI sleeper moved onto
 * the lock.
 */
int futex_pi_finish_locked(u32 __user *uaddr, struct futex_q *q, int ret)
{
	struct rt_mutex_base *lock = &q->pi_state->pi_mutex;

	if (ret == 1 || (ret && ret != -EDEADLK && rt_mutex_cleanup_proxy_lock(lock, q->rt_waiter)))
		ret = 0;
	q->rt_waiter = NULL;
	while (!ret && (ret = fixup_pi_owner(uaddr, q)) == -EFAULT) {
		spin_unlock(q->lock_ptr);
		ret = fault_in_user_writeable(uaddr);
		spin_lock(q->lock_ptr);
		if (ret)
			break;
	}
	return ret;
}

/**
 * futex_lock_pi - FUTEX_LOCK_PI, FUTEX_LOCK_PI2 and (@trylock) FUTEX_TRYLOCK_PI
 * @time:	absolute CLOCK_MONOTONIC expiry, or NULL
 *
 * Return: 0 with the lock held; -EDEADLK, -ESRCH (the owner is gone),
 * -EPERM (the word names a kernel thread), -ETIMEDOUT, -ERESTARTNOINTR
 * (a signal: the lock is asked for again once its handler has run, so
 * the caller never sees EINTR; the deadline is absolute), -EFAULT,
 * -EWOULDBLOCK (-EAGAIN: a held lock, for @trylock). The word then carries
 * current's TID, and FUTEX_OWNER_DIED if the last owner died holding it.
 */
long futex_lock_pi(u32 __user *uaddr, unsigned int flags, ktime_t *time, int trylock)
{
	struct hrtimer_sleeper timeout, *to = time && !trylock ? &timeout : NULL;
	struct futex_q q = { .bitset = FUTEX_BITSET_MATCH_ANY };
	struct futex_hash_bucket *hb;
	long ret;

	INIT_LIST_HEAD(&q.list);
	futex_setup_timer(to, time);
retry:
	ret = refill_pi_state_cache();
	if (ret)
		goto out;
	ret = get_futex_key(uaddr, flags, &q.key);
	if (ret)
		goto out;
	hb = futex_hash(&q.key);
	futex_q_lock(&q, hb);
	ret = futex_lock_pi_atomic(uaddr, hb, &q.key, &q.pi_state, current, false);
	if (ret) {
		futex_q_unlock(hb);
		if (ret == 1)
			ret = 0;
		else if (ret == -EAGAIN)
			goto retry;
		else if (ret == -EFAULT && !fault_in_user_writeable(uaddr))
			goto retry;
		goto out;
	}
	if (trylock) {
		/* A held lock: what Linux's trylock of the rt_mutex finds. */
		put_pi_state(q.pi_state);
		futex_q_unlock(hb);
		ret = -EAGAIN;
		goto out;
	}
	ret = futex_lock_pi_block(uaddr, hb, &q, to);
	__futex_unqueue(&q);
	put_pi_state(q.pi_state);
	spin_unlock(&hb->lock);
out:
	futex_cancel_timer(to);
	return ret != -EINTR ? ret : -ERESTARTNOINTR;
}

/*
 * Hand the lock to the rt_mutex's top waiter and name it in the word
 * (bucket lock held). A word we cannot write is left for the new
 * owner's fixup_pi_owner(), which runs under this lock after us.
 */
static int wake_futex_pi(u32 __user *uaddr, u32 uval, struct futex_pi_state *ps)
{
	struct task_struct *next;
	u32 curval, newval;

	if (!ps || ps->owner != current)
		return -EINVAL;
	next = rt_mutex_futex_unlock(&ps->pi_mutex);
	pi_state_update_owner(ps, next);
	newval = next ? next->pid | FUTEX_WAITERS : 0;
	while (!futex_cmpxchg_value_locked(&curval, uaddr, uval, newval) && curval != uval)
		uval = curval;
	return 0;
}

/**
 * futex_unlock_pi - FUTEX_UNLOCK_PI: release a PI futex the caller holds
 *
 * Return: 0; -EPERM when the word does not name the caller; -EINVAL
 * when the futex's kernel state says another task owns it; -EFAULT.
 */
long futex_unlock_pi(u32 __user *uaddr, unsigned int flags)
{
	u32 uval, curval, vpid = current->pid;
	struct futex_hash_bucket *hb;
	struct futex_key key;
	struct futex_q *top;
	long ret;

retry:
	if (futex_get_value(&uval, uaddr))
		return -EFAULT;
	if ((uval & FUTEX_TID_MASK) != vpid)
		return -EPERM;
	ret = get_futex_key(uaddr, flags, &key);
	if (ret)
		return ret;
	hb = futex_hash(&key);
	spin_lock(&hb->lock);
	top = futex_top_waiter(hb, &key);
	if (top) {
		ret = wake_futex_pi(uaddr, uval, top->pi_state);
		spin_unlock(&hb->lock);
		return ret;
	}
	/* No waiters: a free word, FUTEX_OWNER_DIED and all. */
	ret = futex_cmpxchg_value_locked(&curval, uaddr, uval, 0);
	spin_unlock(&hb->lock);
	if (ret) {
		ret = fault_in_user_writeable(uaddr);
		if (ret)
			return ret;
		goto retry;
	}
	if (curval != uval)
		goto retry;
	return 0;
}

/*
 * @tsk (current) exits: no waiter may attach to it any more, and each
 * PI lock it owns goes to its top waiter, who finds the pi_state
 * without an owner and puts its own TID and FUTEX_OWNER_DIED in the
 * word (fixup_pi_owner()). A pi_state whose last reference is being dropped on
 * another CPU is skipped until that CPU has unlinked it.
 */
void exit_pi_state_list(struct task_struct *tsk)
{
	struct futex_hash_bucket *hb;
	struct futex_pi_state *ps;
	unsigned long flags;
	bool got;

	raw_spin_lock_irqsave(&tsk->pi_lock, flags);
	tsk->futex_state = FUTEX_STATE_DEAD;
	raw_spin_unlock_irqrestore(&tsk->pi_lock, flags);
	if (!tsk->pi_state_list.next)
		return;
	for (;;) {
		raw_spin_lock_irqsave(&tsk->pi_lock, flags);
		if (list_empty(&tsk->pi_state_list)) {
			raw_spin_unlock_irqrestore(&tsk->pi_lock, flags);
			return;
		}
		ps = list_first_entry(&tsk->pi_state_list, struct futex_pi_state, list);
		got = atomic_add_unless(&ps->refcount, 1, 0);
		raw_spin_unlock_irqrestore(&tsk->pi_lock, flags);
		if (!got) {
			cpu_relax();
			continue;
		}
		hb = futex_hash(&ps->key);
		spin_lock(&hb->lock);
		if (ps->owner == tsk) {
			rt_mutex_futex_unlock(&ps->pi_mutex);
			pi_state_update_owner(ps, NULL);
		}
		put_pi_state(ps);
		spin_unlock(&hb->lock);
	}
}
