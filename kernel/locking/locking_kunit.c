// SPDX-License-Identifier: MIT
/*
 * KUnit suite "locking": a mutex excludes and its waiters sleep; an
 * rt_mutex lends a waiter's priority to the owner, along a chain of
 * blocked owners, gives it back on release, keeps it across
 * sched_setscheduler(), and so bounds priority inversion where a plain
 * mutex does not (the classic low/medium/high scenario, timed); the
 * deadlock check of rt_mutex_lock_interruptible(); and the two debug
 * checks: sleeping under a spinlock, and a lock taken both with
 * interrupts on and in a hard IRQ.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/rtmutex.h>
#include <linux/lockdep.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/timer.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <asm/smp.h>
#include <kunit/wait.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include "rtmutex_common.h"

static void set_policy(struct task_struct *p, int policy, int rt_priority)
{
	struct sched_param sp = { .sched_priority = rt_priority };

	sched_setscheduler_nocheck(p, policy, &sp);
}

static int fifo_prio(int rt_priority)
{
	return MAX_RT_PRIO - 1 - rt_priority;
}

/* A finished test thread parks here until kthread_stop(). */
static int wait_for_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static struct task_struct *start(struct kunit *test, int (*fn)(void *), void *arg,
				 const char *name, int rt_priority)
{
	struct task_struct *t = kthread_create(fn, arg, "%s", name);

	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/*
	 * The scenarios here are about who gets one CPU when: every thread
	 * shares the runner's (KUnit keeps the runner on the boot CPU).
	 */
	kthread_bind(t, raw_smp_processor_id());
	if (rt_priority)
		set_policy(t, SCHED_FIFO, rt_priority);
	wake_up_process(t);
	return t;
}

static void spin_ms(unsigned int ms)
{
	u64 end = rdtsc() + (u64)tsc_khz * ms;

	while (rdtsc() < end)
		cpu_relax();
}

/* --- mutex ------------------------------------------------------------------ */

static DEFINE_MUTEX(test_mutex);
static volatile int in_cs, overlaps, mutex_rounds;

static int mutex_worker(void *unused)
{
	for (int i = 0; i < 5; i++) {
		mutex_lock(&test_mutex);
		if (++in_cs != 1)
			overlaps++;
		msleep(2);		/* sleeping while holding a mutex is allowed */
		in_cs--;
		mutex_rounds++;
		mutex_unlock(&test_mutex);
	}
	return wait_for_stop();
}

static void mutex_excludes_and_sleeps(struct kunit *test)
{
	struct task_struct *a, *b;

	in_cs = overlaps = mutex_rounds = 0;
	mutex_lock(&test_mutex);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&test_mutex));
	KUNIT_EXPECT_PTR_EQ(test, __mutex_owner(&test_mutex), current);
	a = start(test, mutex_worker, NULL, "mutex-a", 0);
	b = start(test, mutex_worker, NULL, "mutex-b", 0);
	/* Both wait for us, asleep. */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(task_state(a) == TASK_UNINTERRUPTIBLE &&
						 task_state(b) == TASK_UNINTERRUPTIBLE));
	KUNIT_EXPECT_EQ(test, mutex_rounds, 0);
	mutex_unlock(&test_mutex);
	kunit_wait_until(mutex_rounds == 10);
	KUNIT_EXPECT_EQ(test, mutex_rounds, 10);
	KUNIT_EXPECT_EQ(test, overlaps, 0);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&test_mutex));
	kthread_stop(a);
	kthread_stop(b);
}

static void mutex_trylock_fails_while_held(struct kunit *test)
{
	struct mutex m;

	mutex_init(&m);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_EQ(test, mutex_trylock(&m), 1);
	KUNIT_EXPECT_EQ(test, mutex_trylock(&m), 0);
	mutex_unlock(&m);
	KUNIT_EXPECT_EQ(test, mutex_trylock(&m), 1);
	mutex_unlock(&m);
}

/* --- rt_mutex: boosting ------------------------------------------------------ */

struct holder {
	struct rt_mutex *lock;
	struct completion held, release;
	int prio_before_unlock, prio_after_unlock;
};

/* Takes the lock, then sleeps holding it until told to let go. */
static int holder_fn(void *arg)
{
	struct holder *h = arg;

	rt_mutex_lock(h->lock);
	complete(&h->held);
	wait_for_completion(&h->release);
	h->prio_before_unlock = current->prio;
	rt_mutex_unlock(h->lock);
	h->prio_after_unlock = current->prio;
	return wait_for_stop();
}

static volatile int waiter_got;

static int waiter_fn(void *arg)
{
	rt_mutex_lock(arg);
	waiter_got = 1;
	rt_mutex_unlock(arg);
	return wait_for_stop();
}

static void holder_init(struct holder *h, struct rt_mutex *lock)
{
	h->lock = lock;
	init_completion(&h->held);
	init_completion(&h->release);
}

static void rtmutex_owner_inherits_waiter_priority_and_gives_it_back(struct kunit *test)
{
	DEFINE_RT_MUTEX(lock);
	struct task_struct *l, *h;
	struct holder hold;

	holder_init(&hold, &lock);
	waiter_got = 0;
	l = start(test, holder_fn, &hold, "pi-low", 10);
	wait_for_completion(&hold.held);
	KUNIT_EXPECT_PTR_EQ(test, rt_mutex_owner(&lock.rtmutex), l);
	/* H preempts us at once and blocks on the lock. */
	h = start(test, waiter_fn, &lock, "pi-high", 80);
	KUNIT_EXPECT_NOT_NULL(test, h->pi_blocked_on);
	KUNIT_EXPECT_EQ(test, l->prio, fifo_prio(80));
	KUNIT_EXPECT_EQ(test, l->normal_prio, fifo_prio(10));

	/* A policy change on the boosted task keeps the boost. */
	set_policy(l, SCHED_FIFO, 5);
	KUNIT_EXPECT_EQ(test, l->prio, fifo_prio(80));
	KUNIT_EXPECT_EQ(test, l->normal_prio, fifo_prio(5));

	complete(&hold.release);	/* L runs (boosted), unlocks, H runs */
	kunit_wait_until(waiter_got == 1);
	KUNIT_EXPECT_EQ(test, waiter_got, 1);
	KUNIT_EXPECT_EQ(test, hold.prio_before_unlock, fifo_prio(80));
	KUNIT_EXPECT_EQ(test, hold.prio_after_unlock, fifo_prio(5));
	KUNIT_EXPECT_EQ(test, l->prio, l->normal_prio);
	KUNIT_EXPECT_NULL(test, h->pi_blocked_on);
	KUNIT_EXPECT_FALSE(test, rt_mutex_base_is_locked(&lock.rtmutex));
	kthread_stop(h);
	kthread_stop(l);
}

/* Releasing one of two boosted locks leaves the boost of the other. */
static void rtmutex_release_keeps_boost_of_remaining_waiters(struct kunit *test)
{
	DEFINE_RT_MUTEX(lock1);
	DEFINE_RT_MUTEX(lock2);
	struct task_struct *w1, *w2;

	rt_mutex_lock(&lock1);
	rt_mutex_lock(&lock2);
	waiter_got = 0;
	/* Each preempts us (the better first would not let the other run) and blocks. */
	w2 = start(test, waiter_fn, &lock2, "pi-w30", 30);
	KUNIT_EXPECT_EQ(test, current->prio, fifo_prio(30));
	w1 = start(test, waiter_fn, &lock1, "pi-w60", 60);
	KUNIT_EXPECT_EQ(test, current->prio, fifo_prio(60));
	rt_mutex_unlock(&lock1);	/* w1 takes it and runs; we drop to w2's 30 */
	KUNIT_EXPECT_EQ(test, current->prio, fifo_prio(30));
	rt_mutex_unlock(&lock2);
	KUNIT_EXPECT_EQ(test, current->prio, current->normal_prio);
	kthread_stop(w1);
	kthread_stop(w2);
}

struct middle {
	struct rt_mutex *outer, *inner;
	struct completion has_outer;
	volatile int got_inner;
};

/* B: owns the outer lock, then blocks on the inner one. */
static int middle_fn(void *arg)
{
	struct middle *m = arg;

	rt_mutex_lock(m->outer);
	complete(&m->has_outer);
	rt_mutex_lock(m->inner);
	m->got_inner = 1;
	rt_mutex_unlock(m->inner);
	rt_mutex_unlock(m->outer);
	return wait_for_stop();
}

/*
 * C (FIFO 10) holds lock2; B (FIFO 20) holds lock1 and waits for lock2;
 * then A (FIFO 30) waits for lock1. With @depth_limit 0 the walk stops
 * at B, one lock short of C.
 */
static void run_chain(struct kunit *test, int depth_limit)
{
	DEFINE_RT_MUTEX(lock1);
	DEFINE_RT_MUTEX(lock2);
	struct middle mid = { .outer = &lock1, .inner = &lock2 };
	struct task_struct *a, *b, *c;
	int saved_depth = max_lock_depth;
	struct holder hold;

	init_completion(&mid.has_outer);
	holder_init(&hold, &lock2);
	waiter_got = 0;
	c = start(test, holder_fn, &hold, "pi-c", 10);
	wait_for_completion(&hold.held);
	b = start(test, middle_fn, &mid, "pi-b", 20);	/* takes lock1, blocks on lock2 */
	wait_for_completion(&mid.has_outer);
	KUNIT_EXPECT_EQ(test, c->prio, fifo_prio(20));
	max_lock_depth = depth_limit;
	a = start(test, waiter_fn, &lock1, "pi-a", 30);	/* blocks on lock1 */
	max_lock_depth = saved_depth;
	KUNIT_EXPECT_EQ(test, b->prio, fifo_prio(30));
	if (depth_limit)
		KUNIT_EXPECT_EQ(test, c->prio, fifo_prio(30));	/* through B */
	else
		KUNIT_EXPECT_EQ(test, c->prio, fifo_prio(20));	/* the walk stopped at B */

	complete(&hold.release);
	kunit_wait_until(mid.got_inner == 1 && waiter_got == 1);
	KUNIT_EXPECT_EQ(test, mid.got_inner, 1);
	KUNIT_EXPECT_EQ(test, waiter_got, 1);
	KUNIT_EXPECT_EQ(test, hold.prio_after_unlock, fifo_prio(10));
	KUNIT_EXPECT_EQ(test, b->prio, fifo_prio(20));
	KUNIT_EXPECT_EQ(test, c->prio, fifo_prio(10));
	kthread_stop(a);
	kthread_stop(b);
	kthread_stop(c);
}

static void rtmutex_boost_is_transitive_along_a_chain(struct kunit *test)
{
	run_chain(test, max_lock_depth);
}

static void rtmutex_chain_walk_stops_at_max_lock_depth(struct kunit *test)
{
	run_chain(test, 0);
}

/* --- the inversion scenario -------------------------------------------------- */

#define CRIT_MS		20	/* L's critical section */
#define M_MS		200	/* how long M hogs the CPU at most */

struct inversion {
	bool rt;
	struct rt_mutex rtm;
	struct mutex m;
	volatile bool stop_m, m_finished, m_finished_at_acquire;
	u64 t_request, t_acquire;
	struct completion l_has_it, h_done;
};

static void inv_lock(struct inversion *s)
{
	if (s->rt)
		rt_mutex_lock(&s->rtm);
	else
		mutex_lock(&s->m);
}

static void inv_unlock(struct inversion *s)
{
	if (s->rt)
		rt_mutex_unlock(&s->rtm);
	else
		mutex_unlock(&s->m);
}

static int inv_low(void *arg)
{
	struct inversion *s = arg;

	inv_lock(s);
	complete(&s->l_has_it);
	spin_ms(CRIT_MS);
	inv_unlock(s);
	return wait_for_stop();
}

static int inv_medium(void *arg)
{
	struct inversion *s = arg;
	u64 end = rdtsc() + (u64)tsc_khz * M_MS;

	while (!s->stop_m && rdtsc() < end)
		cpu_relax();
	s->m_finished = true;
	return wait_for_stop();
}

static int inv_high(void *arg)
{
	struct inversion *s = arg;

	s->t_request = rdtsc();
	inv_lock(s);
	s->t_acquire = rdtsc();
	s->m_finished_at_acquire = s->m_finished;
	s->stop_m = true;
	inv_unlock(s);
	complete(&s->h_done);
	return wait_for_stop();
}

/*
 * L (FIFO 10) holds the lock in a CRIT_MS busy section; M (FIFO 50)
 * spins; H (FIFO 90) wants the lock. We run at FIFO 99 to stage it.
 * Returns how long H waited, in ms.
 */
static u64 run_inversion(struct kunit *test, struct inversion *s)
{
	struct task_struct *l, *m, *h;
	u64 waited;

	rt_mutex_init(&s->rtm);
	mutex_init(&s->m);
	init_completion(&s->l_has_it);
	init_completion(&s->h_done);
	set_policy(current, SCHED_FIFO, 99);
	l = start(test, inv_low, s, "inv-low", 10);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&s->l_has_it,
							  msecs_to_jiffies(KUNIT_HANG_MS)), 0);
	msleep(2);			/* L is inside its critical section */
	m = start(test, inv_medium, s, "inv-medium", 50);
	h = start(test, inv_high, s, "inv-high", 90);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&s->h_done,
							  msecs_to_jiffies(KUNIT_HANG_MS)), 0);
	s->stop_m = true;
	set_policy(current, SCHED_NORMAL, 0);
	kthread_stop(h);
	kthread_stop(m);
	kthread_stop(l);
	waited = (s->t_acquire - s->t_request) / tsc_khz;
	pr_info("locking: %s: H waited %llu ms for L (critical section %d ms, M spins %d ms)\n",
		s->rt ? "rt_mutex" : "mutex", waited, CRIT_MS, M_MS);
	return waited;
}

static void rtmutex_bounds_priority_inversion(struct kunit *test)
{
	struct inversion *s = kzalloc(sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->rt = true;
	run_inversion(test, s);
	/*
	 * Only the rest of L's critical section stood in H's way, not M: M
	 * had not even started when H got the lock. (How long H waited in
	 * TSC time is printed, not asserted: a loaded host stretches it.)
	 */
	KUNIT_EXPECT_FALSE(test, s->m_finished_at_acquire);
	kfree(s);
}

static void mutex_does_not_bound_priority_inversion(struct kunit *test)
{
	struct inversion *s = kzalloc(sizeof(*s), GFP_KERNEL);
	u64 waited;

	KUNIT_ASSERT_NOT_NULL(test, s);
	waited = run_inversion(test, s);
	/* L could not run while M spun: H waited for M too. */
	KUNIT_EXPECT_TRUE(test, s->m_finished_at_acquire);
	KUNIT_EXPECT_GE(test, waited, M_MS / 2);
	kfree(s);
}

/* --- deadlock detection -------------------------------------------------------- */

struct abba {
	struct rt_mutex *a, *b;
	struct completion has_b;
};

static int abba_fn(void *arg)
{
	struct abba *x = arg;

	rt_mutex_lock(x->b);
	complete(&x->has_b);
	rt_mutex_lock(x->a);		/* blocks: the test holds a */
	rt_mutex_unlock(x->a);
	rt_mutex_unlock(x->b);
	return wait_for_stop();
}

static void rtmutex_lock_interruptible_reports_deadlock(struct kunit *test)
{
	DEFINE_RT_MUTEX(a);
	DEFINE_RT_MUTEX(b);
	struct abba x = { .a = &a, .b = &b };
	struct task_struct *t;

	KUNIT_ASSERT_EQ(test, rt_mutex_lock_interruptible(&a), 0);
	KUNIT_EXPECT_EQ(test, rt_mutex_lock_interruptible(&a), -EDEADLK);	/* twice */

	init_completion(&x.has_b);
	t = start(test, abba_fn, &x, "abba", 0);
	wait_for_completion(&x.has_b);
	kunit_wait_until(READ_ONCE(t->pi_blocked_on));
	KUNIT_ASSERT_NOT_NULL(test, t->pi_blocked_on);
	/* b's owner waits for a, which we hold: taking b closes the cycle. */
	KUNIT_EXPECT_EQ(test, rt_mutex_lock_interruptible(&b), -EDEADLK);
	rt_mutex_unlock(&a);
	kunit_wait_until(!rt_mutex_base_is_locked(&a.rtmutex) &&
			 !rt_mutex_base_is_locked(&b.rtmutex));
	KUNIT_EXPECT_FALSE(test, rt_mutex_base_is_locked(&a.rtmutex));
	KUNIT_EXPECT_FALSE(test, rt_mutex_base_is_locked(&b.rtmutex));
	kthread_stop(t);
}

/* --- the debug checks -------------------------------------------------------- */

static DEFINE_SPINLOCK(atomic_sleep_lock);

static void msleep_under_spin_lock_is_reported(struct kunit *test)
{
	unsigned int before = might_sleep_bugs;

	spin_lock(&atomic_sleep_lock);
	msleep(1);			/* the bug under test */
	spin_unlock(&atomic_sleep_lock);
	KUNIT_EXPECT_GT(test, might_sleep_bugs, before);

	/* And mutex_lock() with interrupts off. */
	before = might_sleep_bugs;
	local_irq_disable();
	mutex_lock(&test_mutex);	/* uncontended: does not actually sleep */
	local_irq_enable();
	mutex_unlock(&test_mutex);
	KUNIT_EXPECT_EQ(test, might_sleep_bugs, before + 1);

	/* The same from a task with nothing held is fine. */
	before = might_sleep_bugs;
	msleep(1);
	KUNIT_EXPECT_EQ(test, might_sleep_bugs, before);
}

static DEFINE_SPINLOCK(irq_unsafe_lock);
static DEFINE_SPINLOCK(irq_unsafe_lock2);
static DEFINE_SPINLOCK(irq_safe_lock);
static spinlock_t *hardirq_takes;
static int lock_cookie;

static irqreturn_t lock_taking_handler(int irq, void *dev_id)
{
	spin_lock(hardirq_takes);
	spin_unlock(hardirq_takes);
	return IRQ_HANDLED;
}

/* A device interrupt on a software line whose handler takes @lock. */
static void take_in_hardirq(unsigned int irq, spinlock_t *lock)
{
	unsigned long flags;

	hardirq_takes = lock;
	local_irq_save(flags);
	irq_enter();
	generic_handle_irq(irq);
	irq_exit();
	local_irq_restore(flags);
}

static void irq_unsafe_lock_in_hardirq_is_reported(struct kunit *test)
{
	int irq = irq_alloc_desc(NUMA_NO_NODE);
	unsigned int before = lock_usage_bugs;
	unsigned long flags;

	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_chip_and_handler_name(irq, &dummy_irq_chip, handle_simple_irq, "simple");
	KUNIT_ASSERT_EQ(test, request_irq(irq, lock_taking_handler, IRQF_NO_THREAD,
					  "kunit-locks", &lock_cookie), 0);

	/* HARDIRQ-ON-W first, then IN-HARDIRQ-W. */
	spin_lock(&irq_unsafe_lock);
	spin_unlock(&irq_unsafe_lock);
	KUNIT_EXPECT_EQ(test, lock_usage_bugs, before);
	take_in_hardirq(irq, &irq_unsafe_lock);
	KUNIT_EXPECT_EQ(test, lock_usage_bugs, before + 1);
	KUNIT_EXPECT_EQ(test, irq_unsafe_lock.usage & (LOCK_USED_HARDIRQ_ON | LOCK_USED_IN_HARDIRQ),
			LOCK_USED_HARDIRQ_ON | LOCK_USED_IN_HARDIRQ);

	/* The other way round. */
	take_in_hardirq(irq, &irq_unsafe_lock2);
	KUNIT_EXPECT_EQ(test, lock_usage_bugs, before + 1);
	spin_lock(&irq_unsafe_lock2);
	spin_unlock(&irq_unsafe_lock2);
	KUNIT_EXPECT_EQ(test, lock_usage_bugs, before + 2);

	/* Interrupts off around every use outside the handler: correct, and quiet. */
	spin_lock_irqsave(&irq_safe_lock, flags);
	spin_unlock_irqrestore(&irq_safe_lock, flags);
	take_in_hardirq(irq, &irq_safe_lock);
	KUNIT_EXPECT_EQ(test, lock_usage_bugs, before + 2);

	free_irq(irq, &lock_cookie);
	irq_free_desc(irq);
}

static struct kunit_case locking_test_cases[] = {
	KUNIT_CASE(mutex_excludes_and_sleeps),
	KUNIT_CASE(mutex_trylock_fails_while_held),
	KUNIT_CASE(rtmutex_owner_inherits_waiter_priority_and_gives_it_back),
	KUNIT_CASE(rtmutex_release_keeps_boost_of_remaining_waiters),
	KUNIT_CASE(rtmutex_boost_is_transitive_along_a_chain),
	KUNIT_CASE(rtmutex_chain_walk_stops_at_max_lock_depth),
	KUNIT_CASE(rtmutex_bounds_priority_inversion),
	KUNIT_CASE(mutex_does_not_bound_priority_inversion),
	KUNIT_CASE(rtmutex_lock_interruptible_reports_deadlock),
	KUNIT_CASE(msleep_under_spin_lock_is_reported),
	KUNIT_CASE(irq_unsafe_lock_in_hardirq_is_reported),
	{}
};

static struct kunit_suite locking_test_suite = {
	.name = "locking",
	.test_cases = locking_test_cases,
};
kunit_test_suite(locking_test_suite);
