// SPDX-License-Identifier: MIT
/*
 * Futex core: keys, the hash of buckets waiters sleep in, queueing and
 * dequeueing, the user word's locked accesses, timeouts, and what a
 * task leaves behind at exit (the robust list, its PI locks,
 * clear_child_tid). The operations are in waitwake.c, requeue.c and
 * pi.c; futex(2) itself in syscalls.c.
 *
 * The one rule that makes WAIT and WAKE race-free: a waiter reads the
 * word under its bucket's lock and is queued before the lock is
 * dropped, so a waker that changed the word and then takes the lock
 * either finds the waiter queued or the waiter found the new value:
 *
 *   CPU0 (waiter)                       CPU1 (waker)
 *   lock hb; read *uaddr == val
 *   queue q; set TASK_INTERRUPTIBLE
 *   unlock hb                           *uaddr = val + 1
 *                                       futex(WAKE): lock hb, finds q,
 *   schedule() ... woken                takes it off, wakes CPU0's task
 *
 * A word in a MAP_SHARED mapping is keyed by its physical address:
 * reflex's shared anonymous pages are populated at mmap() and never
 * move, so every process mapping the page meets on the same key. The
 * key takes no reference on the page: a waiter on a page unmapped
 * while it sleeps can only be woken spuriously, never wake a stranger
 * it did not share memory with, as futex(2) allows.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mm_types.h>
#include <asm/futex.h>
#include <asm/page_64.h>
#include "futex.h"

#define FUTEX_HASH_BITS		10
#define FUTEX_HASH_SIZE		(1 << FUTEX_HASH_BITS)

static struct futex_hash_bucket futex_queues[FUTEX_HASH_SIZE];

void futex_init(void)
{
	int i;

	for (i = 0; i < FUTEX_HASH_SIZE; i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
}

struct futex_hash_bucket *futex_hash(const struct futex_key *key)
{
	u64 h = (key->addr >> 2) ^ ((unsigned long)key->mm >> 6);

	h *= 0x9e3779b97f4a7c15ULL;
	return &futex_queues[h >> (64 - FUTEX_HASH_BITS)];
}

/*
 * The physical address of a byte in a MAP_SHARED mapping (mmap_lock
 * held). A page not mapped yet is faulted in first, as Linux's
 * get_user_pages_fast() does: shared memory is mapped lazily, and the
 * page is the one every sharer will map.
 */
static int get_shared_key(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
			  struct futex_key *key)
{
	pteval_t *pte = user_pte(mm, addr, false);

	if ((!pte || !(*pte & (_PAGE_PRESENT | _PAGE_PROTNONE))) &&
	    handle_mm_fault(mm, vma, addr, false, false))
		return -EFAULT;
	pte = user_pte(mm, addr, false);
	if (!pte || !(*pte & (_PAGE_PRESENT | _PAGE_PROTNONE)))
		return -EFAULT;
	key->mm = NULL;
	key->addr = (*pte & PTE_PFN_MASK) | (addr & ~PAGE_MASK);
	return 0;
}

/* A shared key, out of line: get_futex_key()'s private case then saves no registers. */
static noinline int get_futex_key_shared(struct mm_struct *mm, unsigned long addr,
					 struct futex_key *key)
{
	struct vm_area_struct *vma;
	int ret = 0;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (!vma || addr < vma->vm_start)
		ret = -EFAULT;
	else if (vma->vm_flags & VM_SHARED)
		ret = get_shared_key(mm, vma, addr, key);
	mmap_read_unlock(mm);
	return ret;
}

/**
 * get_futex_key - the key two waiters on one futex word share
 * @uaddr:	the word
 * @flags:	FLAGS_SHARED unless FUTEX_PRIVATE_FLAG was given
 * @key:	filled in
 *
 * A private futex needs no look-up: its mm and address. A shared one
 * is keyed by its page where the mapping is MAP_SHARED, and as private
 * otherwise (a private page is this mm's alone, whatever the caller said).
 *
 * Return: 0, -EINVAL for a misaligned word, -EFAULT for one outside the
 * user half or (shared) not mapped.
 */
int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;

	if (addr % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	key->mm = mm;
	key->addr = addr;
	if (!(flags & FLAGS_SHARED))
		return 0;
	return get_futex_key_shared(mm, addr, key);
}

/* Count ourselves a waiter of @hb, then lock it (see futex_hb_waiters_pending()). */
void futex_q_lock(struct futex_q *q, struct futex_hash_bucket *hb)
{
	futex_hb_waiters_inc(hb);
	q->lock_ptr = &hb->lock;
	spin_lock(&hb->lock);
}

/* Leave @hb without having queued on it. */
void futex_q_unlock(struct futex_hash_bucket *hb)
{
	spin_unlock(&hb->lock);
	futex_hb_waiters_dec(hb);
}

/*
 * Real-time waiters are woken best first, as Linux's priority list
 * does; everyone else in arrival order behind them.
 */
static int futex_q_prio(struct task_struct *p)
{
	return min(p->normal_prio, MAX_RT_PRIO);
}

static void futex_chain_add(struct futex_q *q, struct futex_hash_bucket *hb)
{
	int prio = futex_q_prio(q->task);
	struct futex_q *pos;

	list_for_each_entry(pos, &hb->chain, list)
		if (prio < futex_q_prio(pos->task))
			break;
	list_add_tail(&q->list, &pos->list);
}

/* Queue current on @hb, whose lock is held; the waiter count stays raised. */
void __futex_queue(struct futex_q *q, struct futex_hash_bucket *hb)
{
	q->task = current;
	futex_chain_add(q, hb);
}

void __futex_unqueue(struct futex_q *q)
{
	struct futex_hash_bucket *hb = container_of(q->lock_ptr, struct futex_hash_bucket, lock);

	list_del_init(&q->list);
	futex_hb_waiters_dec(hb);
}

/*
 * Take @q off its bucket and wake its task (bucket lock held). After
 * the release store of lock_ptr the waiter may return and its q vanish,
 * so the task is held by a reference of ours until it is woken.
 */
void futex_wake_mark(struct futex_q *q)
{
	struct task_struct *p = q->task;

	get_task_struct(p);
	__futex_unqueue(q);
	smp_store_release(&q->lock_ptr, NULL);
	wake_up_state(p, TASK_NORMAL);
	put_task_struct(p);
}

/*
 * A waiter leaving: 1 if it was still queued (now it is not), 0 if a
 * waker took it off first. A requeue may move it between our look at
 * lock_ptr and taking that lock: then the lock is the wrong one, and we
 * look again.
 */
int futex_unqueue(struct futex_q *q)
{
	spinlock_t *lock_ptr;

	for (;;) {
		lock_ptr = smp_load_acquire(&q->lock_ptr);
		if (!lock_ptr)
			return 0;
		spin_lock(lock_ptr);
		if (lock_ptr == q->lock_ptr)
			break;
		spin_unlock(lock_ptr);
	}
	__futex_unqueue(q);
	spin_unlock(lock_ptr);
	return 1;
}

/* The first waiter on @key in @hb (lock held), or NULL. */
struct futex_q *futex_top_waiter(struct futex_hash_bucket *hb, const struct futex_key *key)
{
	struct futex_q *q;

	list_for_each_entry(q, &hb->chain, list)
		if (futex_match(&q->key, key))
			return q;
	return NULL;
}

/*
 * Read the word: one mov under the exception table, where get_user()'s
 * copy_from_user() would go through rep movsb a byte at a time. A
 * fault is handled as for any uaccess (demand paging, COW), else -EFAULT.
 */
int futex_get_value(u32 *dest, u32 __user *from)
{
	u32 val;

	if (!user_access_begin(from, sizeof(*from)))
		return -EFAULT;
	unsafe_get_user(val, from, efault);
	user_access_end();
	*dest = val;
	return 0;
efault:
	user_access_end();
	return -EFAULT;
}

/*
 * Read the word with the bucket lock held. A fault that needs the mm's
 * lock cannot be resolved here and costs -EFAULT: the caller drops the
 * bucket lock, faults the page in and tries again.
 */
int futex_get_value_locked(u32 *dest, u32 __user *from)
{
	return futex_get_value(dest, from);
}

int futex_cmpxchg_value_locked(u32 *curval, u32 __user *uaddr, u32 uval, u32 newval)
{
	return futex_atomic_cmpxchg_inatomic(curval, uaddr, uval, newval);
}

/*
 * Make the word present and writable (COW broken) without a lock held:
 * a cmpxchg of the value with itself is a write that changes nothing.
 */
int fault_in_user_writeable(u32 __user *uaddr)
{
	u32 val, cur;

	if (get_user(val, uaddr))
		return -EFAULT;
	return futex_atomic_cmpxchg_inatomic(&cur, uaddr, val, val);
}

/* Expiry ends the wait: to->task cleared says so (Linux's hrtimer_wakeup()). */
static enum hrtimer_restart futex_timer_wakeup(struct hrtimer *timer)
{
	struct hrtimer_sleeper *t = container_of(timer, struct hrtimer_sleeper, timer);
	struct task_struct *task = t->task;

	WRITE_ONCE(t->task, NULL);
	if (task)
		wake_up_process(task);
	return HRTIMER_NORESTART;
}

/* Arm @to for @time, absolute on CLOCK_MONOTONIC; nothing for no timeout. */
void futex_setup_timer(struct hrtimer_sleeper *to, ktime_t *time)
{
	if (!to)
		return;
	hrtimer_init(&to->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	to->timer.function = futex_timer_wakeup;
	to->task = current;
	hrtimer_start(&to->timer, *time, HRTIMER_MODE_ABS);
}

/* Before @to leaves the stack: its callback may be running on another CPU. */
void futex_cancel_timer(struct hrtimer_sleeper *to)
{
	if (to)
		hrtimer_cancel(&to->timer);
}

/* Two buckets in address order, so that two CPUs locking the same pair cannot deadlock. */
void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	if (hb1 > hb2) {
		struct futex_hash_bucket *t = hb1;

		hb1 = hb2;
		hb2 = t;
	}
	spin_lock(&hb1->lock);
	if (hb1 != hb2)
		spin_lock(&hb2->lock);
}

void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	spin_unlock(&hb1->lock);
	if (hb1 != hb2)
		spin_unlock(&hb2->lock);
}

/* --- exit ------------------------------------------------------------------ */

/*
 * @tsk exits holding the lock at @uaddr: mark it FUTEX_OWNER_DIED with
 * no owner, keeping FUTEX_WAITERS, and wake one waiter to take it. A PI
 * lock's waiters are handed the lock by exit_pi_state_list() instead.
 * @pending_op: the entry was list_op_pending, possibly half taken: a
 * free word there may still have a waiter that was meant to be woken.
 * Return: 0, or -1 to stop the walk (a bad pointer).
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *tsk, bool pi,
			      bool pending_op)
{
	u32 uval, nval, mval;

	if ((unsigned long)uaddr % sizeof(u32))
		return -1;
retry:
	if (get_user(uval, uaddr))
		return -1;
	if (pending_op && !pi && !uval) {
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
		return 0;
	}
	if ((uval & FUTEX_TID_MASK) != tsk->pid)
		return 0;
	mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (futex_atomic_cmpxchg_inatomic(&nval, uaddr, uval, mval)) {
		if (fault_in_user_writeable(uaddr))
			return -1;
		goto retry;
	}
	if (nval != uval)
		goto retry;
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* A list pointer from user memory: bit 0 says the lock is a PI one. */
static int fetch_robust_entry(struct robust_list __user **entry,
			      struct robust_list __user *__user *head, bool *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long __user *)head))
		return -EFAULT;
	*entry = (void __user *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

/*
 * Walk @tsk's robust list, at most ROBUST_LIST_LIMIT entries (it is
 * user memory and may be a cycle), then its list_op_pending entry,
 * which is done last and only once even if it is also on the list.
 */
static void exit_robust_list(struct task_struct *tsk)
{
	struct robust_list_head __user *head = tsk->robust_list;
	struct robust_list __user *entry, *next_entry, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, next_pi, pip;
	long futex_offset;
	int rc;

	if (fetch_robust_entry(&entry, &head->list.next, &pi) ||
	    get_user(futex_offset, &head->futex_offset) ||
	    fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	while (entry != &head->list) {
		rc = fetch_robust_entry(&next_entry, &entry->next, &next_pi);
		if (entry != pending &&
		    handle_futex_death((void __user *)entry + futex_offset, tsk, pi, false))
			return;
		if (rc)
			return;
		entry = next_entry;
		pi = next_pi;
		if (!--limit)
			break;
		cond_resched();
	}
	if (pending)
		handle_futex_death((void __user *)pending + futex_offset, tsk, pip, true);
}

/* What exit and exec have in common: everything that points into the old mm goes. */
static void futex_release(struct task_struct *tsk)
{
	int __user *ctid = tsk->clear_child_tid;

	if (tsk->robust_list) {
		exit_robust_list(tsk);
		tsk->robust_list = NULL;
	}
	exit_pi_state_list(tsk);
	if (ctid) {
		tsk->clear_child_tid = NULL;
		if (!put_user(0, ctid))
			futex_wake((u32 __user *)ctid, FLAGS_SHARED, 1, FUTEX_BITSET_MATCH_ANY);
	}
}

void futex_exit_release(struct task_struct *tsk)
{
	futex_release(tsk);
	kfree(tsk->pi_state_cache);
	tsk->pi_state_cache = NULL;
}

void futex_exec_release(struct task_struct *tsk)
{
	unsigned long flags;

	futex_release(tsk);
	/* The new image may take PI locks again. */
	raw_spin_lock_irqsave(&tsk->pi_lock, flags);
	tsk->futex_state = FUTEX_STATE_OK;
	raw_spin_unlock_irqrestore(&tsk->pi_lock, flags);
}
