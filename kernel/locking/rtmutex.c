// SPDX-License-Identifier: MIT
/*
 * rt_mutex: a sleeping lock with priority inheritance (linux/rtmutex.h).
 *
 * Every waiter is queued on its lock by priority; each lock's best
 * waiter is also queued on the owner's pi_waiters. A task's effective
 * priority is the better of its own (normal_prio) and its best
 * pi_waiter's, set through rt_mutex_setprio(). When that changes and the
 * task is itself blocked, the change travels down the chain of owners
 * (rt_mutex_adjust_prio_chain(), bounded by max_lock_depth):
 *
 *   A (prio 10) waits on L1, owned by B, which waits on L2, owned by C:
 *   B runs at 10, and so does C, until C releases L2.
 *
 * Unlocking hands the lock to the best waiter and drops the releaser
 * back to the best of its remaining waiters or its normal priority.
 *
 * PI futexes (kernel/futex/pi.c) use the same lock through the proxy
 * functions at the end: it is made already held by the task a futex word
 * names, waited for killably and with a timeout, and left again by a
 * waiter that gave up, undoing the boost it lent.
 *
 * Differences from Linux, all for simplicity: one global pi_chain_lock
 * (interrupts off) protects every lock's wait list, every pi_waiters
 * list and every pi_blocked_on, where Linux has a wait_lock per lock and
 * a pi_lock per task and drops them in turn while walking a chain. The
 * walk therefore never races with a changing chain; the cost is that
 * contended rt_mutex operations on different CPUs serialise.
 * sched_setscheduler() holds it too (rt_mutex_sched_lock()), as Linux's
 * holds the task's pi_lock, since it changes what the walk reads. Wait lists are sorted lists, not rbtrees (O(waiters)
 * insertion). The lock is handed to the top waiter rather than left for
 * it to take, so a higher-priority task arriving in between cannot steal
 * it; it boosts the new owner instead. Deadlocks are found before
 * blocking rather than during the walk.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/signal.h>
#include <linux/hrtimer.h>
#include "rtmutex_common.h"

int max_lock_depth = 1024;

static DEFINE_RAW_SPINLOCK(pi_chain_lock);

void __rt_mutex_init(struct rt_mutex *lock, const char *name)
{
	lock->rtmutex.owner = 0;
	INIT_LIST_HEAD(&lock->rtmutex.waiters);
	lock->name = name;
}

/* --- the sorted lists ------------------------------------------------------ */

/* Behind every waiter of equal priority: FIFO within a priority. */
static void rt_mutex_enqueue(struct rt_mutex_base *lock, struct rt_mutex_waiter *w)
{
	struct rt_mutex_waiter *pos;

	list_for_each_entry(pos, &lock->waiters, tree_entry)
		if (w->prio < pos->prio)
			break;
	list_add_tail(&w->tree_entry, &pos->tree_entry);
}

static void rt_mutex_enqueue_pi(struct task_struct *task, struct rt_mutex_waiter *w)
{
	struct rt_mutex_waiter *pos;

	list_for_each_entry(pos, &task->pi_waiters, pi_tree_entry)
		if (w->prio < pos->prio)
			break;
	list_add_tail(&w->pi_tree_entry, &pos->pi_tree_entry);
}

static struct rt_mutex_waiter *rt_mutex_top_waiter(struct rt_mutex_base *lock)
{
	if (list_empty(&lock->waiters))
		return NULL;
	return list_first_entry(&lock->waiters, struct rt_mutex_waiter, tree_entry);
}

static struct rt_mutex_waiter *task_top_pi_waiter(struct task_struct *p)
{
	if (list_empty(&p->pi_waiters))
		return NULL;
	return list_first_entry(&p->pi_waiters, struct rt_mutex_waiter, pi_tree_entry);
}

/* The better of @p's own priority and that of the best task it blocks. */
static int rt_mutex_effective_prio(struct task_struct *p, int prio)
{
	struct rt_mutex_waiter *top = task_top_pi_waiter(p);

	return top ? min(top->prio, prio) : prio;
}

/*
 * The scheduler asks this with its run-queue lock held when a policy
 * changes, so that sched_setscheduler() on a boosted task keeps the
 * boost; pi_chain_lock is held around both (rt_mutex_sched_lock()),
 * taken first as rt_mutex_setprio()'s callers take it, so no other CPU
 * changes p's pi_waiters, or frees a waiter on them, meanwhile.
 */
int rt_mutex_get_effective_prio(struct task_struct *p, int newprio)
{
	lockdep_assert_held(&pi_chain_lock);
	return rt_mutex_effective_prio(p, newprio);
}

/* sched_setscheduler()'s hold on the chains, around its run-queue lock. */
unsigned long rt_mutex_sched_lock(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&pi_chain_lock, flags);
	return flags;
}

void rt_mutex_sched_unlock(unsigned long flags)
{
	raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
}

/* --- the chain walk -------------------------------------------------------- */

/*
 * @w's task changed priority, or @w is new: put it in its place on its
 * lock, and keep the owner's pi_waiters holding the lock's top waiter.
 * Returns the owner, whose priority may now have to change.
 */
static struct task_struct *rt_mutex_requeue(struct rt_mutex_waiter *w)
{
	struct rt_mutex_base *lock = w->lock;
	struct task_struct *owner = rt_mutex_owner(lock);
	struct rt_mutex_waiter *oldtop = rt_mutex_top_waiter(lock);

	if (!list_empty(&w->tree_entry))
		list_del_init(&w->tree_entry);
	w->prio = w->task->prio;
	rt_mutex_enqueue(lock, w);
	if (oldtop)
		list_del_init(&oldtop->pi_tree_entry);
	rt_mutex_enqueue_pi(owner, rt_mutex_top_waiter(lock));
	return owner;
}

static void report_max_depth(struct task_struct *task)
{
	static bool reported;

	if (reported)
		return;
	reported = true;
	pr_warn("Maximum lock depth %d reached task: %s (%d)\n", max_lock_depth,
		current->comm, current->pid);
}

/*
 * @task's pi_waiters changed. Give it the priority they now call for;
 * if that moved and @task is itself blocked, its waiter moves within its
 * lock, which may change that lock's owner's priority, and so on. The
 * walk stops where a priority does not change, at a task that is not
 * blocked, or after max_lock_depth locks.
 */
static void rt_mutex_adjust_prio_chain(struct task_struct *task)
{
	int depth = 0;

	lockdep_assert_held(&pi_chain_lock);
	for (;;) {
		int prio = rt_mutex_effective_prio(task, task->normal_prio);

		if (prio == task->prio)
			return;
		rt_mutex_setprio(task, prio);
		if (!task->pi_blocked_on)
			return;
		if (++depth > max_lock_depth) {
			report_max_depth(task);
			return;
		}
		task = rt_mutex_requeue(task->pi_blocked_on);
	}
}

/* Would @task waiting for @lock close a cycle of owners? */
static bool rt_mutex_would_deadlock(struct rt_mutex_base *lock, struct task_struct *task)
{
	struct task_struct *owner = rt_mutex_owner(lock);
	int depth = 0;

	while (owner && owner != task) {
		if (!owner->pi_blocked_on || ++depth > max_lock_depth)
			return false;
		owner = rt_mutex_owner(owner->pi_blocked_on->lock);
	}
	return owner == task;
}

/* sched_setscheduler() moved @p: its place on the lock it waits for moves too. */
void rt_mutex_adjust_pi(struct task_struct *p)
{
	struct rt_mutex_waiter *w;
	unsigned long flags;

	raw_spin_lock_irqsave(&pi_chain_lock, flags);
	w = p->pi_blocked_on;
	if (w && w->prio != p->prio)
		rt_mutex_adjust_prio_chain(rt_mutex_requeue(w));
	raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
}

/* --- taking the lock ------------------------------------------------------- */

static bool rt_mutex_cmpxchg(struct rt_mutex_base *lock, unsigned long old, unsigned long new)
{
	return __atomic_compare_exchange_n(&lock->owner, &old, new, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/*
 * Take a free lock for @task, or flag the held one so that its owner's
 * fast unlock fails and comes to hand it over; in one atomic step, or
 * the owner could release it between our look and our flag, and we
 * would sleep on a free lock. Under pi_chain_lock.
 */
static bool rt_mutex_take_or_flag(struct rt_mutex_base *lock, struct task_struct *task)
{
	unsigned long old = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);

	for (;;) {
		unsigned long new = old ? old | RT_MUTEX_HAS_WAITERS : (unsigned long)task;

		if (__atomic_compare_exchange_n(&lock->owner, &old, new, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return !old;
	}
}

/* Queue @w for @lock and lend @task's priority down the chain. */
static void task_blocks_on_rt_mutex(struct rt_mutex_base *lock, struct rt_mutex_waiter *w,
				    struct task_struct *task)
{
	w->task = task;
	w->lock = lock;
	INIT_LIST_HEAD(&w->tree_entry);
	INIT_LIST_HEAD(&w->pi_tree_entry);
	task->pi_blocked_on = w;
	rt_mutex_adjust_prio_chain(rt_mutex_requeue(w));
}

/* Linux's answer to a deadlock nobody asked to detect: report and sleep for good. */
static __noreturn void rt_mutex_handle_deadlock(struct rt_mutex_base *lock)
{
	WARN(1, "rtmutex deadlock detected: %s/%d on lock %p\n", current->comm,
	     current->pid, lock);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
}

static noinline int rt_mutex_slowlock(struct rt_mutex_base *lock, bool detect_deadlock)
{
	struct rt_mutex_waiter waiter;
	unsigned long flags;

	raw_spin_lock_irqsave(&pi_chain_lock, flags);
	if (rt_mutex_owner(lock) != current && rt_mutex_take_or_flag(lock, current))
		goto out_unlock;
	if (rt_mutex_would_deadlock(lock, current)) {
		/* The flag may stay with no waiter: it only sends unlock to the slow path. */
		raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
		if (detect_deadlock)
			return -EDEADLK;
		rt_mutex_handle_deadlock(lock);
	}
	task_blocks_on_rt_mutex(lock, &waiter, current);
	for (;;) {
		/* The state before the test: a handoff in between wakes us. */
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (rt_mutex_owner(lock) == current)
			break;
		raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
		schedule();
		raw_spin_lock_irqsave(&pi_chain_lock, flags);
	}
	__set_current_state(TASK_RUNNING);
out_unlock:
	raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
	return 0;
}

static int __rt_mutex_lock(struct rt_mutex *lock, bool detect_deadlock)
{
	might_sleep();
	if (rt_mutex_cmpxchg(&lock->rtmutex, 0, (unsigned long)current))
		return 0;
	return rt_mutex_slowlock(&lock->rtmutex, detect_deadlock);
}

void rt_mutex_lock(struct rt_mutex *lock)
{
	__rt_mutex_lock(lock, false);
}

int rt_mutex_lock_interruptible(struct rt_mutex *lock)
{
	return __rt_mutex_lock(lock, true);
}

int rt_mutex_trylock(struct rt_mutex *lock)
{
	if (WARN_ON_ONCE(in_interrupt()))
		return 0;
	return rt_mutex_cmpxchg(&lock->rtmutex, 0, (unsigned long)current);
}

/* --- releasing it ---------------------------------------------------------- */

/*
 * Hand @lock to its top waiter, which then inherits from the waiters that
 * remain, and drop current back to what its other locks' waiters (or its
 * own priority) call for. The wake-up happens under pi_chain_lock with
 * interrupts off, so a new owner in rt_mutex_slowlock() cannot go on
 * before we are done; a PI futex waiter, which looks without the lock,
 * is held by the futex bucket lock our caller holds instead.
 * Returns the new owner, or NULL when the lock is now free.
 */
static noinline struct task_struct *rt_mutex_slowunlock(struct rt_mutex_base *lock)
{
	struct rt_mutex_waiter *w, *next_top;
	struct task_struct *next;
	unsigned long flags;

	raw_spin_lock_irqsave(&pi_chain_lock, flags);
	w = rt_mutex_top_waiter(lock);
	if (!w) {
		__atomic_store_n(&lock->owner, 0, __ATOMIC_RELEASE);
		raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
		return NULL;
	}
	next = w->task;
	list_del_init(&w->pi_tree_entry);
	list_del_init(&w->tree_entry);
	next->pi_blocked_on = NULL;
	next_top = rt_mutex_top_waiter(lock);
	__atomic_store_n(&lock->owner, (unsigned long)next |
			 (next_top ? RT_MUTEX_HAS_WAITERS : 0), __ATOMIC_RELEASE);
	if (next_top)
		rt_mutex_enqueue_pi(next, next_top);
	rt_mutex_adjust_prio_chain(next);
	rt_mutex_adjust_prio_chain(current);
	wake_up_process(next);
	raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
	return next;
}

void rt_mutex_unlock(struct rt_mutex *lock)
{
	struct rt_mutex_base *base = &lock->rtmutex;

	if (WARN_ONCE(rt_mutex_owner(base) != current, "rt_mutex_unlock by %s/%d, not the owner\n",
		      current->comm, current->pid))
		return;
	if (!rt_mutex_cmpxchg(base, (unsigned long)current, 0))
		rt_mutex_slowunlock(base);
}

/* --- PI futexes: a lock owned and waited for on a task's behalf ------------ */

/*
 * A PI futex's kernel lock is made when its first waiter arrives, and
 * is then already held, by whichever task the futex word names.
 */
void rt_mutex_init_proxy_locked(struct rt_mutex_base *lock, struct task_struct *owner)
{
	INIT_LIST_HEAD(&lock->waiters);
	__atomic_store_n(&lock->owner, (unsigned long)owner, __ATOMIC_RELAXED);
}

/*
 * Queue @task on @lock without sleeping (the caller holds the futex
 * bucket lock, which it must drop first): 1 when @task took the free
 * lock, 0 when @w is queued and the owner boosted, -EDEADLK when
 * waiting would close a cycle of owners (@task holding it included).
 */
int rt_mutex_start_proxy_lock(struct rt_mutex_base *lock, struct rt_mutex_waiter *w,
			      struct task_struct *task)
{
	unsigned long flags;
	int ret = 0;

	raw_spin_lock_irqsave(&pi_chain_lock, flags);
	if (rt_mutex_owner(lock) != task && rt_mutex_take_or_flag(lock, task))
		ret = 1;
	else if (rt_mutex_would_deadlock(lock, task))
		ret = -EDEADLK;
	else
		task_blocks_on_rt_mutex(lock, w, task);
	raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
	return ret;
}

/*
 * Sleep until the lock queued for is handed to current (0), @to has
 * expired (-ETIMEDOUT: its hrtimer_wakeup() cleared to->task) or a
 * signal is pending (-EINTR): the caller decides whether its system
 * call restarts after the handler. On an error the waiter is still queued:
 * rt_mutex_cleanup_proxy_lock() takes it off.
 */
int rt_mutex_wait_proxy_lock(struct rt_mutex_base *lock, struct hrtimer_sleeper *to)
{
	int ret;

	/*
	 * No pi_chain_lock: the lock reaches current only by the unlocker's
	 * release store of the owner, made after it took our waiter off
	 * every list and before its wake-up, and leaves current only by
	 * current's own unlock, so the look without the lock is exact. The
	 * unlocker holds the futex bucket lock until its wake-up is done,
	 * and our caller takes that lock next: we cannot leave before it.
	 */
	for (;;) {
		/* The state before the tests: a handoff or expiry in between wakes us. */
		set_current_state(TASK_INTERRUPTIBLE);
		ret = 0;
		if ((struct task_struct *)(__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) &
					   ~RT_MUTEX_HAS_WAITERS) == current)
			break;
		ret = -ETIMEDOUT;
		if (to && !READ_ONCE(to->task))
			break;
		ret = -EINTR;
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return ret;
}

/*
 * Take @w off its lock: the owner no longer inherits from it, and the
 * flag goes with the last waiter so that nothing waits on a free lock.
 */
static void rt_mutex_remove_waiter(struct rt_mutex_base *lock, struct rt_mutex_waiter *w)
{
	struct task_struct *owner = rt_mutex_owner(lock);
	bool was_top = rt_mutex_top_waiter(lock) == w;
	struct rt_mutex_waiter *top;

	list_del_init(&w->tree_entry);
	list_del_init(&w->pi_tree_entry);
	w->task->pi_blocked_on = NULL;
	if (!was_top)
		return;
	top = rt_mutex_top_waiter(lock);
	if (top)
		rt_mutex_enqueue_pi(owner, top);
	else
		__atomic_fetch_and(&lock->owner, ~RT_MUTEX_HAS_WAITERS, __ATOMIC_RELAXED);
	rt_mutex_adjust_prio_chain(owner);
}

/*
 * After rt_mutex_wait_proxy_lock() failed: true when the lock reached
 * current after all (it is kept, as Linux does: the wait succeeded);
 * false when the waiter is off the lock and the owner's boost undone.
 */
bool rt_mutex_cleanup_proxy_lock(struct rt_mutex_base *lock, struct rt_mutex_waiter *w)
{
	unsigned long flags;
	bool owned;

	raw_spin_lock_irqsave(&pi_chain_lock, flags);
	owned = rt_mutex_owner(lock) == current;
	if (!owned)
		rt_mutex_remove_waiter(lock, w);
	raw_spin_unlock_irqrestore(&pi_chain_lock, flags);
	return owned;
}

/* Current, the owner, lets a PI futex's lock go: to its top waiter, returned, or to nobody. */
struct task_struct *rt_mutex_futex_unlock(struct rt_mutex_base *lock)
{
	return rt_mutex_slowunlock(lock);
}
