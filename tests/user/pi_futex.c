// SPDX-License-Identifier: MIT
/*
 * Priority-inheritance futexes as futex(2) describes them: LOCK_PI,
 * LOCK_PI2, TRYLOCK_PI and UNLOCK_PI on free, owned, contended and
 * orphaned words (-EDEADLK, -EPERM, -ESRCH, -ETIMEDOUT on both clocks),
 * the lock handed over by an unlock and by the owner's exit (with
 * FUTEX_OWNER_DIED, robust list or not), 16 tasks counting under a PI
 * mutex, condition-variable sleepers requeued onto a free and a held PI
 * futex (WAIT_REQUEUE_PI, CMP_REQUEUE_PI), and priority inversion
 * undone: a SCHED_OTHER owner, a FIFO 90 waiter and a FIFO 50 spinner
 * on one CPU. Without inheritance the spinner starves the owner and
 * the waiter never gets the lock; with it the owner runs at FIFO 90
 * until it unlocks, and the waiter then takes the CPU from it at once;
 * the same with the waiter on another CPU than the owner's.
 * Where /proc/PID/stat exists (Linux) the owner's boosted priority is
 * also read there while it holds the lock, and after.
 * The scheduling parts need root (SCHED_FIFO).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include "ktap.h"
#include "futex_util.h"

#define PRIV	FUTEX_PRIVATE_FLAG

static char stacks[4][CHILD_STACK_SIZE] __attribute__((aligned(16)));

static futex_t lockword;
static volatile int ready, release, handler_ran;
static volatile long child_result;

static void lock_unlock_free_word(void)
{
	uint32_t tid = gettid_raw();
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && f == tid,
	       "LOCK_PI: word %#x", f);
	EXPECT(futex(&f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && f == 0,
	       "UNLOCK_PI: word %#x", f);
	EXPECT(futex(&f, FUTEX_LOCK_PI2 | PRIV, 0, NULL, NULL, 0) == 0 && f == tid,
	       "LOCK_PI2: word %#x", f);
	EXPECT(futex(&f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && f == 0, "unlock");
	EXPECT(futex(&f, FUTEX_TRYLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && f == tid,
	       "TRYLOCK_PI: word %#x", f);
	EXPECT(futex(&f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && f == 0, "unlock");
}

static void lock_held_by_caller_edeadlk(void)
{
	futex_t f = gettid_raw();

	EXPECT(futex(&f, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == -EDEADLK, "LOCK_PI");
	EXPECT(futex(&f, FUTEX_TRYLOCK_PI | PRIV, 0, NULL, NULL, 0) == -EDEADLK, "TRYLOCK_PI");
	f |= FUTEX_WAITERS;
	EXPECT(futex(&f, FUTEX_LOCK_PI2 | PRIV, 0, NULL, NULL, 0) == -EDEADLK, "with WAITERS");
}

static void unlock_by_non_owner_eperm(void)
{
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == -EPERM, "free word");
	f = gettid_raw() + 1;
	EXPECT(futex(&f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == -EPERM, "another TID");
}

/* A child's view of a word naming its live parent. */
static volatile uint32_t parent_tid;

static int trylock_parent_word(void)
{
	child_result = futex(&lockword, FUTEX_TRYLOCK_PI | PRIV, 0, NULL, NULL, 0);
	return 0;
}

static void trylock_held_eagain(void)
{
	long pid;

	parent_tid = gettid_raw();
	lockword = parent_tid;
	pid = clone_vm(trylock_parent_word, stacks[0], 0);
	EXPECT(reap(pid) == 0, "child");
	EXPECT(child_result == -EAGAIN, "TRYLOCK_PI of a held lock: %ld", child_result);
	EXPECT((lockword & FUTEX_TID_MASK) == parent_tid, "word %#x", lockword);
	EXPECT(futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && lockword == 0,
	       "the owner unlocks: %#x", lockword);
}

static int exit_at_once(void)
{
	return 0;
}

/* The word names a task that has exited: -ESRCH, as Linux. */
static void dead_owner_esrch(void)
{
	long pid = clone_vm(exit_at_once, stacks[0], 0);
	futex_t f;

	EXPECT(reap(pid) == 0, "child");
	f = pid;
	EXPECT(futex(&f, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == -ESRCH, "LOCK_PI");
	f = pid;
	EXPECT(futex(&f, FUTEX_TRYLOCK_PI | PRIV, 0, NULL, NULL, 0) == -ESRCH, "TRYLOCK_PI");
}

/* A word left FUTEX_OWNER_DIED with no owner is taken, the flag kept for the new owner. */
static void owner_died_word_is_taken(void)
{
	uint32_t tid = gettid_raw();
	futex_t f = FUTEX_OWNER_DIED;

	EXPECT(futex(&f, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 &&
	       f == (tid | FUTEX_OWNER_DIED), "word %#x", f);
	EXPECT(futex(&f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && f == 0,
	       "unlock clears it: %#x", f);
}

/* Child: take lockword, say so, hold it until the parent waits (or release), unlock. */
static int holding_child(void)
{
	if (futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0))
		return 2;
	ready = 1;
	while (!(lockword & FUTEX_WAITERS) && !release)
		sys0(SYS_sched_yield);
	while (!release)
		sys0(SYS_sched_yield);
	return futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) ? 3 : 0;
}

static long start_holder(void)
{
	long pid;

	lockword = 0;
	ready = release = 0;
	pid = clone_vm(holding_child, stacks[0], 0);
	if (pid < 0 || wait_for_flag(&ready))
		return -1;
	return pid;
}

static void contended_lock_handed_over(void)
{
	uint32_t tid = gettid_raw();
	long pid = start_holder();

	if (!EXPECT(pid > 0, "holder"))
		return;
	release = 1;	/* it unlocks once we wait, or at once if we are late */
	EXPECT(futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == 0, "LOCK_PI");
	EXPECT((lockword & FUTEX_TID_MASK) == tid, "word %#x names us", lockword);
	EXPECT(reap(pid) == 0, "the holder's unlock failed");
	EXPECT(futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && lockword == 0,
	       "unlock: %#x", lockword);
}

static void lock_pi_timeout_each_clock(void)
{
	struct timespec past = { 0, 0 }, soon = ts_add_ns(clock_now(CLOCK_MONOTONIC), 2000000);
	long pid = start_holder();

	if (!EXPECT(pid > 0, "holder"))
		return;
	/* FUTEX_LOCK_PI's absolute timeout is on CLOCK_REALTIME, LOCK_PI2's on either. */
	EXPECT(futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, &past, NULL, 0) == -ETIMEDOUT, "LOCK_PI");
	EXPECT(futex(&lockword, FUTEX_LOCK_PI2 | PRIV, 0, &soon, NULL, 0) == -ETIMEDOUT,
	       "LOCK_PI2 monotonic");
	EXPECT(!ts_before(clock_now(CLOCK_MONOTONIC), soon), "LOCK_PI2 returned early");
	EXPECT(futex(&lockword, FUTEX_LOCK_PI2 | PRIV | FUTEX_CLOCK_REALTIME, 0, &past, NULL, 0) ==
	       -ETIMEDOUT, "LOCK_PI2 realtime");
	EXPECT(futex(&lockword, FUTEX_LOCK_PI | PRIV | FUTEX_CLOCK_REALTIME, 0, &past, NULL, 0) ==
	       -ENOSYS, "LOCK_PI takes no CLOCK_REALTIME flag");
	EXPECT((lockword & FUTEX_TID_MASK) == (uint32_t)pid, "still the holder's: %#x", lockword);
	release = 1;
	EXPECT(reap(pid) == 0, "holder");
	EXPECT(lockword == 0, "free after the holder's unlock: %#x", lockword);
}

static void on_usr1(int sig)
{
	(void)sig;
	handler_ran = 1;
}

static int locking_child(void)
{
	child_result = futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0);
	if (!child_result)
		futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0);
	return 0;
}

/*
 * A handled signal does not make LOCK_PI fail: Linux runs the handler
 * and restarts the wait; either way the call returns with the lock.
 */
static void lock_pi_survives_handled_signal(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, old;
	long pid;

	sigaction(SIGUSR1, &sa, &old);
	lockword = gettid_raw();
	handler_ran = 0;
	child_result = 1;
	pid = clone_vm(locking_child, stacks[0], 0);
	EXPECT(pid > 0, "child");
	while (!(lockword & FUTEX_WAITERS))
		sys0(SYS_sched_yield);
	EXPECT(sys2(SYS_kill, pid, SIGUSR1) == 0, "kill");
	EXPECT(futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0, "unlock");
	EXPECT(reap(pid) == 0, "child");
	EXPECT(child_result == 0, "the child's LOCK_PI returned %ld", child_result);
	EXPECT(handler_ran, "the handler never ran");
	sigaction(SIGUSR1, &old, NULL);
}

/*
 * Linux's futex_lock_pi() answers a signal with -ERESTARTNOINTR: the
 * handler runs while the lock is still held by another, and the call
 * then waits again, so the program never sees EINTR even without
 * SA_RESTART. Here the lock is released only after the handler ran and
 * the child queued itself again (FUTEX_WAITERS back on the word).
 */
static void lock_pi_handler_runs_then_waits_again(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, old;
	long pid;

	sigaction(SIGUSR1, &sa, &old);
	lockword = gettid_raw();
	handler_ran = 0;
	child_result = 1;
	pid = clone_vm(locking_child, stacks[0], 0);
	EXPECT(pid > 0, "child");
	while (!(lockword & FUTEX_WAITERS))
		sys0(SYS_sched_yield);
	EXPECT(sys2(SYS_kill, pid, SIGUSR1) == 0, "kill");
	EXPECT(!wait_for_flag(&handler_ran), "the handler did not run while the lock was held");
	/* The waiter left the rt_mutex for its handler: it queues again. */
	while (!(lockword & FUTEX_WAITERS) && child_result == 1)
		sys0(SYS_sched_yield);
	EXPECT(child_result == 1, "LOCK_PI returned %ld before the unlock", child_result);
	EXPECT(futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0, "unlock");
	EXPECT(reap(pid) == 0, "child");
	EXPECT(child_result == 0, "the child's LOCK_PI returned %ld", child_result);
	sigaction(SIGUSR1, &old, NULL);
}

/* Linux's robust list, as in futex.c: one PI lock held at exit. */
struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};

static struct robust_list_head rhead;
static struct robust_list rentry;
static int use_robust;

/* Take lockword, list it as a robust PI lock (bit 0), and exit holding it once waited for. */
static int dying_owner(void)
{
	if (futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0))
		return 2;
	if (use_robust) {
		rhead.list.next = (struct robust_list *)((unsigned long)&rentry | 1);
		rentry.next = &rhead.list;
		rhead.futex_offset = (char *)&lockword - (char *)&rentry;
		rhead.list_op_pending = NULL;
		if (sys2(SYS_set_robust_list, &rhead, sizeof(rhead)))
			return 3;
	}
	ready = 1;
	/* Not before the waiter is queued: an owner gone before it attaches is -ESRCH. */
	while (!pi_waiter_queued(&lockword, PRIV))
		sys0(SYS_sched_yield);
	return 0;
}

static void owner_exit_hands_over(int robust)
{
	uint32_t tid = gettid_raw(), w;
	long pid;

	lockword = 0;
	ready = 0;
	use_robust = robust;
	pid = clone_vm(dying_owner, stacks[0], 0);
	if (!EXPECT(pid > 0 && !wait_for_flag(&ready), "owner"))
		return;
	EXPECT(futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == 0, "LOCK_PI");
	w = lockword;
	EXPECT((w & FUTEX_TID_MASK) == tid, "word %#x names us", w);
	/* Robust list or not: Linux flags a PI lock its owner died holding. */
	EXPECT(w & FUTEX_OWNER_DIED, "word %#x: no OWNER_DIED", w);
	EXPECT(reap(pid) == 0, "owner");
	EXPECT(futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0 && lockword == 0,
	       "unlock: %#x", lockword);
}

static void robust_owner_death_sets_owner_died(void)
{
	owner_exit_hands_over(1);
}

static void owner_exit_hands_lock_to_waiter_owner_died(void)
{
	owner_exit_hands_over(0);
}

/*
 * glibc's PI mutex: user space takes a free word and frees an
 * uncontended one with a cmpxchg; the kernel only for contention. Some
 * tasks wait with a timeout already past and retry, so waiters leave
 * the rt_mutex while locks are being handed over.
 */
#define PI_TASKS	16
#define PI_ROUNDS	300
static char pi_stacks[PI_TASKS][CHILD_STACK_SIZE] __attribute__((aligned(16)));
static volatile long pi_counter;
static volatile int pi_next;

static int pi_lock(futex_t *f, uint32_t tid, const struct timespec *ts)
{
	uint32_t zero = 0;

	if (__atomic_compare_exchange_n(f, &zero, tid, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	return futex(f, FUTEX_LOCK_PI2 | PRIV, 0, ts, NULL, 0);
}

static int pi_unlock(futex_t *f, uint32_t tid)
{
	uint32_t mine = tid;

	if (__atomic_compare_exchange_n(f, &mine, 0, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		return 0;
	return futex(f, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0);
}

static int pi_counting_child(void)
{
	static const struct timespec past = { 0, 0 };
	int me = __atomic_fetch_add(&pi_next, 1, __ATOMIC_RELAXED), i;
	uint32_t tid = gettid_raw();

	for (i = 0; i < PI_ROUNDS; i++) {
		long ret;

		while ((ret = pi_lock(&lockword, tid, me % 4 == 0 ? &past : NULL)) == -ETIMEDOUT)
			;
		if (ret)
			return 10;
		if ((lockword & FUTEX_TID_MASK) != tid)
			return 11;
		pi_counter = pi_counter + 1;
		if (pi_unlock(&lockword, tid))
			return 12;
	}
	return 0;
}

static void pi_mutex_16_tasks_count_exact(void)
{
	long pids[PI_TASKS];
	int i, bad = 0;

	lockword = 0;
	pi_counter = 0;
	pi_next = 0;
	for (i = 0; i < PI_TASKS; i++)
		pids[i] = clone_vm(pi_counting_child, pi_stacks[i], 0);
	for (i = 0; i < PI_TASKS; i++) {
		int st = reap(pids[i]);

		if (st) {
			ktap_diag("task %d: status %d", i, st);
			bad++;
		}
	}
	EXPECT(!bad, "%d tasks failed", bad);
	EXPECT(pi_counter == PI_TASKS * PI_ROUNDS, "counter %ld, not %d", pi_counter,
	       PI_TASKS * PI_ROUNDS);
	EXPECT(lockword == 0, "the word is left %#x", lockword);
}

/* --- requeue to a PI futex (a condition variable with a PI mutex) ----------- */

static void requeue_pi_errors(void)
{
	struct timespec past = { 0, 0 };
	futex_t c = 0, m = 0;

	EXPECT(futex(&c, FUTEX_WAIT_REQUEUE_PI | PRIV, 0, NULL, &c, 0) == -EINVAL, "wait: one word");
	EXPECT(futex(&c, FUTEX_WAIT_REQUEUE_PI | PRIV, 1, NULL, &m, 0) == -EAGAIN, "value differs");
	EXPECT(futex(&c, FUTEX_WAIT_REQUEUE_PI | PRIV, 0, &past, &m, 0) == -ETIMEDOUT, "timeout");
	EXPECT(futex(&c, FUTEX_CMP_REQUEUE_PI | PRIV, 2, (void *)1L, &m, 0) == -EINVAL, "nr_wake 2");
	EXPECT(futex(&c, FUTEX_CMP_REQUEUE_PI | PRIV, 1, (void *)1L, &c, 0) == -EINVAL, "one word");
	EXPECT(futex(&c, FUTEX_CMP_REQUEUE_PI | PRIV, 1, (void *)1L, &m, 5) == -EAGAIN, "cmpval");
	EXPECT(futex(&c, FUTEX_CMP_REQUEUE_PI | PRIV, 1, (void *)1L, &m, 0) == 0, "nobody");
	EXPECT(m == 0, "the PI word untouched: %#x", m);
}

#define RQ_TASKS	3
static futex_t cond;
static volatile int rq_armed, rq_direct, rq_fallback, rq_bad;
static volatile long rq_counter;

/*
 * Sleep on cond to be moved to lockword; a sleeper too late for the
 * requeue finds cond changed and takes the lock itself, as a condition
 * variable's waiter would.
 */
static int cond_waiter(void)
{
	uint32_t tid = gettid_raw();
	long ret;

	__atomic_fetch_add(&rq_armed, 1, __ATOMIC_SEQ_CST);
	ret = futex(&cond, FUTEX_WAIT_REQUEUE_PI | PRIV, 0, NULL, &lockword, 0);
	if (ret == 0) {
		__atomic_fetch_add(&rq_direct, 1, __ATOMIC_SEQ_CST);
		if ((lockword & FUTEX_TID_MASK) != tid)
			rq_bad = 1;
	} else if (ret == -EAGAIN) {
		__atomic_fetch_add(&rq_fallback, 1, __ATOMIC_SEQ_CST);
		if (futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0))
			return 3;
	} else {
		return 2;
	}
	rq_counter = rq_counter + 1;
	return futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) ? 4 : 0;
}

/* Until a FUTEX_WAIT_REQUEUE_PI sleeper is on cond: a plain wake refuses it. */
static int wait_for_requeue_pi_sleeper(void)
{
	long i;

	for (i = 0; i < SPIN_LIMIT; i++) {
		if (rq_armed == RQ_TASKS && futex(&cond, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0) == -EINVAL)
			return 0;
		sys0(SYS_sched_yield);
	}
	return -1;
}

static void requeue_pi_scenario(int parent_holds)
{
	long pids[RQ_TASKS], ret;
	int i, bad = 0;

	cond = 0;
	lockword = 0;
	rq_armed = rq_direct = rq_fallback = rq_bad = 0;
	rq_counter = 0;
	if (parent_holds)
		EXPECT(futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == 0, "LOCK_PI");
	for (i = 0; i < RQ_TASKS; i++)
		pids[i] = clone_vm(cond_waiter, stacks[i], 0);
	EXPECT(!wait_for_requeue_pi_sleeper(), "no sleeper on cond");
	for (i = 0; i < 1000; i++)	/* a chance for the others to sleep too; not relied on */
		sys0(SYS_sched_yield);
	cond = 1;
	ret = futex(&cond, FUTEX_CMP_REQUEUE_PI | PRIV, 1, (void *)(long)INT_MAX, &lockword, 1);
	if (parent_holds)
		EXPECT(futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == 0, "UNLOCK_PI");
	for (i = 0; i < RQ_TASKS; i++)
		bad += reap(pids[i]) != 0;
	ktap_diag("%s: %ld requeued, %d too late", parent_holds ? "held" : "free", ret,
		  rq_fallback);
	EXPECT(!bad, "%d sleepers failed", bad);
	EXPECT(ret >= 1 && ret == rq_direct, "CMP_REQUEUE_PI %ld, %d returned owning it", ret,
	       rq_direct);
	EXPECT(rq_direct + rq_fallback == RQ_TASKS && rq_counter == RQ_TASKS, "counter %ld",
	       rq_counter);
	EXPECT(!rq_bad, "a requeued sleeper returned without its TID in the word");
	EXPECT(lockword == 0, "the word is left %#x", lockword);
}

/* The PI futex is free: the first sleeper wakes owning it, the others wait on it. */
static void cmp_requeue_pi_free_lock_goes_to_first(void)
{
	requeue_pi_scenario(0);
}

/* The PI futex is held: every sleeper is moved onto it and gets it in turn. */
static void cmp_requeue_pi_held_lock_queues_all(void)
{
	requeue_pi_scenario(1);
}

/* --- priority inversion ------------------------------------------------------ */

static int inv_cpu, inv_waiter_cpu;
static futex_t owner_locked, spinner_started;
static volatile int done, spinner_gave_up, done_at_unlock;
static volatile long waiter_ret, prio_held, prio_after, owner_err;

static int set_fifo(int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	return sys3(SYS_sched_setscheduler, 0, prio ? SCHED_FIFO : SCHED_OTHER, &sp);
}

static long pin_to(int cpu)
{
	unsigned long mask = 1UL << cpu;

	return sys3(SYS_sched_setaffinity, 0, sizeof(mask), &mask);
}

/* /proc/self/stat's priority field (18th): -1 - rt_priority for a real-time task. */
static long read_prio(void)
{
	char buf[512], *p;
	long fd, n;
	int field;

	fd = sys3(SYS_open, "/proc/self/stat", O_RDONLY, 0);
	if (fd < 0)
		return -1000;
	n = sys3(SYS_read, fd, buf, sizeof(buf) - 1);
	sys1(SYS_close, fd);
	if (n <= 0)
		return -1000;
	buf[n] = 0;
	p = strrchr(buf, ')');
	for (field = 2; p && field < 18; field++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : -1000;
}

static void flag_set(futex_t *f)
{
	*f = 1;
	futex(f, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0);
}

static int flag_wait(futex_t *f)
{
	struct timespec rel = { 1, 0 };
	int i;

	for (i = 0; i < 120 && !*f; i++)
		futex(f, FUTEX_WAIT | PRIV, 0, &rel, NULL, 0);
	return *f ? 0 : -1;
}

static int inv_owner(void)
{
	if (set_fifo(0) || pin_to(inv_cpu))
		owner_err = 1;
	if (futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0))
		owner_err = 2;
	flag_set(&owner_locked);
	/* Starved by the spinner from here until the waiter's boost lets us run. */
	while (!(lockword & FUTEX_WAITERS) || !spinner_started)
		;
	prio_held = read_prio();
	if (futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0))
		owner_err = 3;
	/*
	 * Back to SCHED_OTHER, we lost the CPU to the woken FIFO 90 waiter
	 * before the call returned; still at FIFO 90 we would not have.
	 */
	done_at_unlock = done;
	prio_after = read_prio();
	return 0;
}

static int inv_spinner(void)
{
	struct timespec give_up;

	set_fifo(50);
	pin_to(inv_cpu);
	give_up = ts_add_ns(clock_now(CLOCK_MONOTONIC), 30000000000L);
	flag_set(&spinner_started);
	/* Bounded, so that a kernel without inheritance fails the case instead of hanging. */
	while (!done) {
		if (!ts_before(clock_now(CLOCK_MONOTONIC), give_up)) {
			spinner_gave_up = 1;
			break;
		}
	}
	return 0;
}

static int inv_waiter(void)
{
	set_fifo(90);
	pin_to(inv_waiter_cpu);
	waiter_ret = futex(&lockword, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0);
	done = 1;
	if (!waiter_ret)
		futex(&lockword, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0);
	return 0;
}

static int online_cpus(void)
{
	unsigned long mask = 0;

	if (sys3(SYS_sched_getaffinity, 0, sizeof(mask), &mask) < 0)
		return 1;
	return __builtin_popcountl(mask);
}

/*
 * Owner and spinner on @cpu, the waiter on @waiter_cpu. On one CPU the
 * waiter also shows the boost undone: it takes the CPU at the unlock.
 */
static void priority_inversion(int cpu, int waiter_cpu)
{
	long owner, spinner, waiter;

	/* FIFO 99 while it only sleeps: it must not be starved itself on one CPU. */
	if (set_fifo(99)) {
		ktap_skip("SCHED_FIFO not permitted (needs root)");
		return;
	}
	inv_cpu = cpu;
	inv_waiter_cpu = waiter_cpu;
	ktap_diag("owner and spinner pinned to CPU %d, the waiter to CPU %d", cpu, waiter_cpu);
	lockword = 0;
	owner_locked = spinner_started = 0;
	done = spinner_gave_up = done_at_unlock = 0;
	waiter_ret = prio_held = prio_after = -1000;
	owner_err = 0;
	owner = clone_vm(inv_owner, stacks[0], 0);
	EXPECT(owner > 0 && !flag_wait(&owner_locked), "the owner never took the lock");
	spinner = clone_vm(inv_spinner, stacks[1], 0);
	EXPECT(spinner > 0 && !flag_wait(&spinner_started), "the spinner never started");
	waiter = clone_vm(inv_waiter, stacks[2], 0);
	EXPECT(reap(waiter) == 0 && reap(owner) == 0 && reap(spinner) == 0, "children");
	set_fifo(0);
	EXPECT(!owner_err, "owner step %ld failed", owner_err);
	EXPECT(waiter_ret == 0, "the waiter's LOCK_PI returned %ld", waiter_ret);
	EXPECT(!spinner_gave_up, "the spinner starved the owner: no inheritance");
	if (cpu == waiter_cpu)
		EXPECT(done_at_unlock, "the owner ran on after its unlock: its boost was not undone");
	if (prio_held == -1000) {
		ktap_diag("no /proc/self/stat: the boost is seen by its effects only");
		return;
	}
	EXPECT(prio_held == -91, "owner's priority while the FIFO 90 waiter blocks: %ld",
	       prio_held);
	EXPECT(prio_after >= 0, "owner's priority after the unlock: %ld", prio_after);
}

static void priority_inversion_bounded_by_inheritance(void)
{
	int cpu = online_cpus() > 1 ? 1 : 0;

	priority_inversion(cpu, cpu);
}

/* The waiter's boost reaches the owner running on another CPU. */
static void priority_inversion_waiter_on_another_cpu(void)
{
	if (online_cpus() < 2) {
		ktap_skip("one CPU");
		return;
	}
	priority_inversion(1, 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(lock_unlock_free_word),
	KTAP_CASE(lock_held_by_caller_edeadlk),
	KTAP_CASE(unlock_by_non_owner_eperm),
	KTAP_CASE(trylock_held_eagain),
	KTAP_CASE(dead_owner_esrch),
	KTAP_CASE(owner_died_word_is_taken),
	KTAP_CASE(contended_lock_handed_over),
	KTAP_CASE(lock_pi_timeout_each_clock),
	KTAP_CASE(lock_pi_survives_handled_signal),
	KTAP_CASE(lock_pi_handler_runs_then_waits_again),
	KTAP_CASE(robust_owner_death_sets_owner_died),
	KTAP_CASE(owner_exit_hands_lock_to_waiter_owner_died),
	KTAP_CASE(pi_mutex_16_tasks_count_exact),
	KTAP_CASE(requeue_pi_errors),
	KTAP_CASE(cmp_requeue_pi_free_lock_goes_to_first),
	KTAP_CASE(cmp_requeue_pi_held_lock_queues_all),
	KTAP_CASE(priority_inversion_bounded_by_inheritance),
	KTAP_CASE(priority_inversion_waiter_on_another_cpu),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
