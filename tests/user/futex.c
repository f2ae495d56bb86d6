// SPDX-License-Identifier: MIT
/*
 * futex(2) as futex(2)'s manual page describes it: FUTEX_WAIT and WAKE
 * (values, counts, errors, timeouts on both clocks, signals), the
 * bitset forms, REQUEUE and CMP_REQUEUE, every operation and comparison
 * of FUTEX_WAKE_OP, shared futexes between processes (fork + MAP_SHARED)
 * and private ones between tasks sharing memory (clone(CLONE_VM)),
 * clear_child_tid and the robust list at exit, 64 tasks counting under
 * a futex mutex, and random operations from processes sharing words,
 * every one still killable. Waiters are known to be asleep by counting
 * them (futex_util.h), never by sleeping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>
#include "ktap.h"
#include "futex_util.h"

#define PRIV	FUTEX_PRIVATE_FLAG
#define NR_TASKS	64

static char stacks[NR_TASKS][CHILD_STACK_SIZE] __attribute__((aligned(16)));

/* Words and results the CLONE_VM children share with the parent. */
static futex_t word, word2;
static volatile long child_ret[NR_TASKS];
static volatile uint32_t child_bitset[NR_TASKS];
static volatile int next_child;

static int claim_slot(void)
{
	return __atomic_fetch_add(&next_child, 1, __ATOMIC_RELAXED);
}

/* A child that sleeps on `word` (its value when the child was made) with its bitset. */
static int waiter_child(void)
{
	int i = claim_slot();

	child_ret[i] = futex(&word, FUTEX_WAIT_BITSET | PRIV, word, NULL, NULL, child_bitset[i]);
	return 0;
}

static long spawn_waiters(int n, uint32_t bitset)
{
	long first = 0;
	int i;

	next_child = 0;
	for (i = 0; i < n; i++) {
		long pid;

		child_ret[i] = 1;
		child_bitset[i] = bitset;
		pid = clone_vm(waiter_child, stacks[i], 0);
		if (pid < 0)
			return pid;
		if (!first)
			first = pid;
	}
	return first;
}

/* Reap the n children made after @first (pids are handed out in order here). */
static void reap_all(int n)
{
	int status, i;

	for (i = 0; i < n; i++)
		sys4(SYS_wait4, -1, &status, 0, 0);
}

static void wait_value_differs_eagain(void)
{
	futex_t f = 1;

	EXPECT(futex(&f, FUTEX_WAIT | PRIV, 0, NULL, NULL, 0) == -EAGAIN, "private");
	EXPECT(futex(&f, FUTEX_WAIT, 0, NULL, NULL, 0) == -EAGAIN, "shared");
}

static void misaligned_word_einval(void)
{
	static uint32_t w[2];
	futex_t *odd = (futex_t *)((char *)w + 1);

	EXPECT(futex(odd, FUTEX_WAIT | PRIV, 0, NULL, NULL, 0) == -EINVAL, "WAIT");
	EXPECT(futex(odd, FUTEX_WAKE, 1, NULL, NULL, 0) == -EINVAL, "WAKE");
	EXPECT(futex(odd, FUTEX_LOCK_PI | PRIV, 0, NULL, NULL, 0) == -EINVAL, "LOCK_PI");
}

static void bad_address_efault(void)
{
	struct timespec *bad_ts = (struct timespec *)8;
	futex_t f = 0;

	EXPECT(futex(NULL, FUTEX_WAIT | PRIV, 0, NULL, NULL, 0) == -EFAULT, "WAIT NULL");
	EXPECT(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0) == -EFAULT, "shared WAKE NULL");
	EXPECT(futex((futex_t *)0xffff800000000000UL, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0) ==
	       -EFAULT, "kernel address");
	EXPECT(futex(&f, FUTEX_WAIT | PRIV, 0, bad_ts, NULL, 0) == -EFAULT, "timeout pointer");
	EXPECT(futex(&f, FUTEX_WAKE_OP | PRIV, 1, (void *)1, NULL, 0) == -EFAULT, "WAKE_OP uaddr2");
	EXPECT(futex(NULL, FUTEX_UNLOCK_PI | PRIV, 0, NULL, NULL, 0) == -EFAULT, "UNLOCK_PI");
}

static void unknown_op_enosys(void)
{
	futex_t f = 0;

	EXPECT(futex(&f, 99, 0, NULL, NULL, 0) == -ENOSYS, "op 99");
	EXPECT(futex(&f, FUTEX_FD, 0, NULL, NULL, 0) == -ENOSYS, "FUTEX_FD (removed)");
	/* CLOCK_REALTIME only for the absolute-timeout waits. */
	EXPECT(futex(&f, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0) == -ENOSYS,
	       "WAIT|CLOCK_REALTIME");
	EXPECT(futex(&f, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0) == -ENOSYS,
	       "WAKE|CLOCK_REALTIME");
}

static void empty_bitset_einval(void)
{
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_WAIT_BITSET | PRIV, 0, NULL, NULL, 0) == -EINVAL, "WAIT_BITSET");
	EXPECT(futex(&f, FUTEX_WAKE_BITSET | PRIV, 1, NULL, NULL, 0) == -EINVAL, "WAKE_BITSET");
}

static void bad_timespec_einval(void)
{
	struct timespec big = { 0, 1000000000L }, neg = { -1, 0 };
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_WAIT | PRIV, 0, &big, NULL, 0) == -EINVAL, "tv_nsec 1e9");
	EXPECT(futex(&f, FUTEX_WAIT | PRIV, 0, &neg, NULL, 0) == -EINVAL, "tv_sec -1");
}

/* FUTEX_WAIT's timeout is relative, on CLOCK_MONOTONIC: never early. */
static void wait_relative_timeout_etimedout(void)
{
	struct timespec rel = { 0, 2000000 }, start = clock_now(CLOCK_MONOTONIC), end;
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_WAIT | PRIV, 0, &rel, NULL, 0) == -ETIMEDOUT, "2 ms");
	end = clock_now(CLOCK_MONOTONIC);
	EXPECT(!ts_before(end, ts_add_ns(start, 2000000)), "returned before the timeout");
}

static void wait_bitset_past_deadline_etimedout(void)
{
	struct timespec zero = { 0, 0 };
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_WAIT_BITSET | PRIV, 0, &zero, NULL, ~0u) == -ETIMEDOUT,
	       "CLOCK_MONOTONIC 0");
	EXPECT(futex(&f, FUTEX_WAIT_BITSET | PRIV | FUTEX_CLOCK_REALTIME, 0, &zero, NULL, ~0u) ==
	       -ETIMEDOUT, "CLOCK_REALTIME 0");
}

/* Absolute deadlines on each clock: reached, and not before they are. */
static void wait_bitset_absolute_deadline_each_clock(void)
{
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME };
	futex_t f = 0;
	int i;

	for (i = 0; i < 2; i++) {
		int op = FUTEX_WAIT_BITSET | PRIV | (i ? FUTEX_CLOCK_REALTIME : 0);
		struct timespec deadline = ts_add_ns(clock_now(clocks[i]), 3000000);

		EXPECT(futex(&f, op, 0, &deadline, NULL, ~0u) == -ETIMEDOUT, "clock %d", clocks[i]);
		EXPECT(!ts_before(clock_now(clocks[i]), deadline), "early on clock %d", clocks[i]);
	}
}

static void wake_nobody_returns_zero(void)
{
	futex_t f = 0;

	EXPECT(futex(&f, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0) == 0, "private");
	EXPECT(futex(&f, FUTEX_WAKE, INT_MAX, NULL, NULL, 0) == 0, "shared");
}

/* Private futexes meet between tasks sharing an mm (clone(CLONE_VM)). */
static void wake_wakes_clone_vm_waiter(void)
{
	long pid;

	word = 5;
	pid = spawn_waiters(1, ~0u);
	EXPECT(pid > 0, "clone: %ld", pid);
	EXPECT(!wait_for_waiters(&word, PRIV, 1), "the child never slept");
	EXPECT(futex(&word, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0) == 1, "one woken");
	EXPECT(reap(pid) == 0, "child");
	EXPECT(child_ret[0] == 0, "the child's FUTEX_WAIT returned %ld", child_ret[0]);
}

static void wake_counts_limit(void)
{
	word = 6;
	EXPECT(spawn_waiters(3, ~0u) > 0, "clone");
	EXPECT(!wait_for_waiters(&word, PRIV, 3), "three never slept");
	EXPECT(futex(&word, FUTEX_WAKE | PRIV, 2, NULL, NULL, 0) == 2, "WAKE 2 of 3");
	EXPECT(futex(&word, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0) == 1, "the last one");
	reap_all(3);
}

/* Only waiters whose bitset shares a bit with the waker's wake. */
static void wake_bitset_matches_bits(void)
{
	word = 7;
	next_child = 0;
	child_bitset[0] = 0x1;
	child_bitset[1] = 0x6;
	child_ret[0] = child_ret[1] = 1;
	EXPECT(clone_vm(waiter_child, stacks[0], 0) > 0 && clone_vm(waiter_child, stacks[1], 0) > 0,
	       "clone");
	EXPECT(!wait_for_waiters(&word, PRIV, 2), "never slept");
	EXPECT(futex(&word, FUTEX_WAKE_BITSET | PRIV, INT_MAX, NULL, NULL, 0x8) == 0, "bit 3: none");
	EXPECT(futex(&word, FUTEX_WAKE_BITSET | PRIV, INT_MAX, NULL, NULL, 0x4) == 1, "bit 2: one");
	EXPECT(futex(&word, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0) == 1, "WAKE: the other");
	reap_all(2);
	EXPECT(child_ret[0] == 0 && child_ret[1] == 0, "results %ld %ld", child_ret[0],
	       child_ret[1]);
}

/* CMP_REQUEUE: one woken, the rest moved to word2 still asleep; count both. */
static void cmp_requeue_wakes_and_moves(void)
{
	word = 8;
	word2 = 0;
	EXPECT(spawn_waiters(4, ~0u) > 0, "clone");
	EXPECT(!wait_for_waiters(&word, PRIV, 4), "never slept");
	EXPECT(futex(&word, FUTEX_CMP_REQUEUE | PRIV, 1, (void *)2L, &word2, 9) == -EAGAIN,
	       "value differs");
	EXPECT(futex(&word, FUTEX_CMP_REQUEUE | PRIV, 1, (void *)2L, &word2, 8) == 3,
	       "1 woken + 2 requeued");
	EXPECT(futex(&word2, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0) == 2, "two on word2");
	EXPECT(futex(&word, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0) == 1, "one left on word");
	reap_all(4);
}

static void requeue_moves_all(void)
{
	word = 10;
	word2 = 0;
	EXPECT(spawn_waiters(2, ~0u) > 0, "clone");
	EXPECT(!wait_for_waiters(&word, PRIV, 2), "never slept");
	EXPECT(futex(&word, FUTEX_REQUEUE | PRIV, 0, (void *)(long)INT_MAX, &word2, 0) == 2,
	       "none woken, both moved");
	EXPECT(futex(&word, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0) == 0, "word is empty");
	EXPECT(futex(&word2, FUTEX_WAKE | PRIV, INT_MAX, NULL, NULL, 0) == 2, "both on word2");
	reap_all(2);
	EXPECT(futex(&word, FUTEX_REQUEUE | PRIV, -1, NULL, &word2, 0) == -EINVAL, "nr_wake < 0");
	EXPECT(futex(&word, FUTEX_REQUEUE | PRIV, 1, (void *)-1L, &word2, 0) == -EINVAL,
	       "nr_requeue < 0");
}

/* Each operation on *uaddr2, with and without FUTEX_OP_OPARG_SHIFT. */
static void wake_op_each_operation(void)
{
	static const struct {
		int op, oparg;
		uint32_t before, after;
	} t[] = {
		{ 0, 5, 100, 5 },		/* SET */
		{ 1, -3, 100, 97 },		/* ADD (oparg is signed 12-bit) */
		{ 2, 0x0f0, 0x00f, 0x0ff },	/* OR */
		{ 3, 0x00f, 0x0ff, 0x0f0 },	/* ANDN */
		{ 4, 0x0ff, 0x0f0, 0x00f },	/* XOR */
		{ 8 | 0, 4, 0, 1u << 4 },	/* SET, 1 << oparg */
		{ 8 | 2, 31, 1, 0x80000001u },	/* OR, 1 << 31 */
		{ 8 | 4, 33, 5, 7 },		/* XOR, shift masked to 1, as Linux */
	};
	futex_t u1 = 0, u2;
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long ret;

		u2 = t[i].before;
		ret = futex(&u1, FUTEX_WAKE_OP | PRIV, 1, (void *)1L, &u2,
			    FUTEX_OP(t[i].op, t[i].oparg, 0, 0));
		EXPECT(ret == 0 && u2 == t[i].after, "op %d oparg %d: ret %ld, %#x not %#x", t[i].op,
		       t[i].oparg, ret, u2, t[i].after);
	}
	u2 = 3;
	EXPECT(futex(&u1, FUTEX_WAKE_OP | PRIV, 1, (void *)1L, &u2, FUTEX_OP(5, 1, 0, 0)) ==
	       -ENOSYS && u2 == 3, "op 5 is unknown and changes nothing");
	EXPECT(futex(&u1, FUTEX_WAKE_OP | PRIV, 1, (void *)1L, &u2, FUTEX_OP(1, 1, 6, 0)) ==
	       -ENOSYS && u2 == 4, "cmp 6 is unknown, found after the op");
}

/* Each comparison of the old value, seen by whether word2's sleeper is woken. */
static void wake_op_each_comparison(void)
{
	static const struct {
		int cmp, cmparg, wakes;
	} t[] = {
		{ 0, 20, 1 }, { 0, 21, 0 },	/* EQ */
		{ 1, 21, 1 }, { 1, 20, 0 },	/* NE */
		{ 2, 21, 1 }, { 2, 20, 0 },	/* LT */
		{ 3, 20, 1 }, { 3, 19, 0 },	/* LE */
		{ 4, 19, 1 }, { 4, 20, 0 },	/* GT */
		{ 5, 20, 1 }, { 5, 21, 0 },	/* GE */
		{ 2, -1, 0 },			/* LT: cmparg is signed */
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long pid, ret;

		word = 20;	/* the child sleeps on it; SET keeps it 20 */
		word2 = 0;
		pid = spawn_waiters(1, ~0u);
		if (!EXPECT(pid > 0 && !wait_for_waiters(&word, PRIV, 1), "waiter %u", i))
			return;
		ret = futex(&word2, FUTEX_WAKE_OP | PRIV, 1, (void *)1L, &word,
			    FUTEX_OP(0, 20, t[i].cmp, t[i].cmparg));
		EXPECT(ret == t[i].wakes, "cmp %d cmparg %d: woke %ld", t[i].cmp, t[i].cmparg, ret);
		if (ret == 0)
			futex(&word, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0);
		reap(pid);
	}
}

/* A waiter interrupted by a handled signal (no SA_RESTART) sees -EINTR. */
static void on_usr1(int sig)
{
	(void)sig;
}

static void wait_interrupted_by_signal_eintr(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, old;
	long pid;

	sigaction(SIGUSR1, &sa, &old);
	word = 11;
	pid = spawn_waiters(1, ~0u);
	EXPECT(pid > 0 && !wait_for_waiters(&word, PRIV, 1), "never slept");
	EXPECT(sys2(SYS_kill, pid, SIGUSR1) == 0, "kill");
	EXPECT(reap(pid) == 0, "child");
	EXPECT(child_ret[0] == -EINTR, "FUTEX_WAIT returned %ld", child_ret[0]);
	sigaction(SIGUSR1, &old, NULL);
}

/* A MAP_SHARED word meets across fork(); a private wake does not reach it. */
static void shared_futex_across_fork(void)
{
	futex_t *f = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long pid;

	if (!EXPECT(f != MAP_FAILED, "mmap"))
		return;
	f[0] = 1;
	pid = sys0(SYS_fork);
	if (pid == 0) {
		long r = futex(f, FUTEX_WAIT, 1, NULL, NULL, 0);

		_exit(r == 0 ? 0 : 1);
	}
	EXPECT(!wait_for_waiters(f, 0, 1), "the child never slept");
	EXPECT(futex(f, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0) == 0, "private wake: other key");
	EXPECT(futex(f, FUTEX_WAKE, 1, NULL, NULL, 0) == 1, "shared wake");
	EXPECT(reap(pid) == 0, "the child's wait did not return 0");
	munmap((void *)f, 4096);
}

/* clear_child_tid (set_tid_address): zeroed and woken when the task exits. */
static futex_t tid_word;

static int set_tid_and_exit(void)
{
	sys1(SYS_set_tid_address, &tid_word);
	return 0;
}

static void exit_clears_and_wakes_child_tid(void)
{
	struct timespec rel = { 20, 0 };
	long pid, i;

	tid_word = 1;
	pid = clone_vm(set_tid_and_exit, stacks[0], 0);
	EXPECT(pid > 0, "clone");
	for (i = 0; i < 100 && tid_word; i++)
		if (futex(&tid_word, FUTEX_WAIT, 1, &rel, NULL, 0) == -ETIMEDOUT)
			break;
	EXPECT(tid_word == 0, "clear_child_tid still %u", tid_word);
	reap(pid);
}

/* Linux's struct robust_list_head, and one lock on it. */
struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list *list_op_pending;
};

struct robust_mutex {
	struct robust_list link;
	futex_t lock;
};

static struct robust_list_head rhead;
static struct robust_mutex rmutex;
static volatile int robust_child_ready;

/* Hold rmutex (the word names us, FUTEX_WAITERS once the parent waits) and exit. */
static int robust_owner_child(void)
{
	rhead.list.next = &rmutex.link;
	rmutex.link.next = &rhead.list;
	rhead.futex_offset = __builtin_offsetof(struct robust_mutex, lock);
	rhead.list_op_pending = NULL;
	rmutex.lock = gettid_raw();
	if (sys2(SYS_set_robust_list, &rhead, sizeof(rhead)))
		return 2;
	robust_child_ready = 1;
	while (!(rmutex.lock & FUTEX_WAITERS))
		sys0(SYS_sched_yield);
	return 0;
}

static void robust_list_owner_death_wakes_waiter(void)
{
	struct timespec rel = { 20, 0 };
	uint32_t v;
	long pid;

	robust_child_ready = 0;
	pid = clone_vm(robust_owner_child, stacks[0], 0);
	if (!EXPECT(pid > 0 && !wait_for_flag(&robust_child_ready), "child"))
		return;
	v = rmutex.lock;
	__atomic_compare_exchange_n(&rmutex.lock, &v, v | FUTEX_WAITERS, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	/* The child may exit before or after we sleep: either way we return. */
	futex(&rmutex.lock, FUTEX_WAIT, v | FUTEX_WAITERS, &rel, NULL, 0);
	v = rmutex.lock;
	EXPECT(v == (FUTEX_OWNER_DIED | FUTEX_WAITERS), "word %#x: owner died, waiters kept", v);
	EXPECT(reap(pid) == 0, "child");
}

static void robust_list_get_returns_set(void)
{
	struct robust_list_head head, *got = NULL;
	size_t len = 0;

	EXPECT(sys2(SYS_set_robust_list, &head, sizeof(head) + 1) == -EINVAL, "bad length");
	EXPECT(sys2(SYS_set_robust_list, &head, sizeof(head)) == 0, "set");
	EXPECT(sys3(SYS_get_robust_list, 0, &got, &len) == 0 && got == &head &&
	       len == sizeof(head), "get: %p %zu", (void *)got, len);
	EXPECT(sys3(SYS_get_robust_list, 0, NULL, &len) == -EFAULT, "bad head_ptr");
	EXPECT(sys3(SYS_get_robust_list, 0x3ffffff0, &got, &len) == -ESRCH, "no such task");
	sys2(SYS_set_robust_list, NULL, sizeof(head));
}

/* Drepper's three-state mutex: 0 free, 1 locked, 2 locked with sleepers. */
static futex_t mutex;
static volatile long counter;
#define ROUNDS	200

static void mutex_lock(futex_t *m)
{
	uint32_t c = 0;

	if (__atomic_compare_exchange_n(m, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		futex(m, FUTEX_WAIT | PRIV, 2, NULL, NULL, 0);
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	}
}

static void mutex_unlock(futex_t *m)
{
	if (__atomic_fetch_sub(m, 1, __ATOMIC_RELEASE) != 1) {
		*m = 0;
		futex(m, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0);
	}
}

static int counting_child(void)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		mutex_lock(&mutex);
		counter = counter + 1;	/* a plain read-modify-write: only the mutex protects it */
		mutex_unlock(&mutex);
	}
	return 0;
}

static void mutex_64_tasks_count_exact(void)
{
	int i, bad = 0;
	long pids[NR_TASKS];

	mutex = 0;
	counter = 0;
	for (i = 0; i < NR_TASKS; i++)
		pids[i] = clone_vm(counting_child, stacks[i], 0);
	for (i = 0; i < NR_TASKS; i++)
		bad += reap(pids[i]) != 0;
	EXPECT(!bad, "%d tasks failed", bad);
	EXPECT(counter == NR_TASKS * ROUNDS, "counter %ld, not %d", counter, NR_TASKS * ROUNDS);
}

/*
 * Random operations, flags, values (free, a sibling's TID, FUTEX_WAITERS,
 * garbage), timeouts and robust lists from processes sharing a page of
 * words, changing them underneath each other; then SIGKILL. Every
 * process must be reapable: no sleep the kernel cannot end, no lock or
 * PI state left to hang the next round.
 */
#define FUZZ_PROCS	12
#define FUZZ_ROUNDS	3

static uint64_t fuzz_rng;

static uint64_t fuzz_next(void)
{
	fuzz_rng ^= fuzz_rng << 13;
	fuzz_rng ^= fuzz_rng >> 7;
	fuzz_rng ^= fuzz_rng << 17;
	return fuzz_rng;
}

static uint32_t fuzz_value(futex_t *w, volatile uint32_t *tids, int idx)
{
	switch (fuzz_next() % 5) {
	case 0:
		return 0;
	case 1:
		return tids[fuzz_next() % FUZZ_PROCS];
	case 2:
		return w[idx];
	case 3:
		return tids[fuzz_next() % FUZZ_PROCS] | FUTEX_WAITERS;
	default:
		return fuzz_next();
	}
}

static void __attribute__((noreturn)) fuzz_child(futex_t *w, volatile uint32_t *tids, int me)
{
	static struct robust_list_head head;
	int i;

	fuzz_rng = 0x9e3779b97f4a7c15ULL * (me + 1);
	tids[me] = gettid_raw();
	for (i = 0; i < 3000; i++) {
		int op = fuzz_next() % 14, idx = fuzz_next() % 8, idx2 = fuzz_next() % 8;
		uint32_t val = fuzz_value(w, tids, idx);
		struct timespec ts = { 0, (long)(fuzz_next() % 2000000) };
		const void *arg4 = &ts;

		if (fuzz_next() % 4 == 0)
			w[idx] = val;
		/* Every operation but FUTEX_WAIT takes an absolute time. */
		if (op != FUTEX_WAIT)
			ts = ts_add_ns(clock_now(fuzz_next() % 2 ? CLOCK_REALTIME : CLOCK_MONOTONIC),
				       ts.tv_nsec);
		if (fuzz_next() % 3 == 0)
			arg4 = (void *)(long)(fuzz_next() % 4);	/* a count, or a bad pointer */
		futex(&w[idx], op | (fuzz_next() % 2 ? PRIV : 0) |
		      (fuzz_next() % 8 ? 0 : FUTEX_CLOCK_REALTIME), val, arg4, &w[idx2],
		      (uint32_t)fuzz_next());
		if ((w[idx] & FUTEX_TID_MASK) == tids[me])
			futex(&w[idx], FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
		if (fuzz_next() % 64 == 0) {
			head.list.next = &head.list;
			head.futex_offset = 0;
			head.list_op_pending = (struct robust_list *)&w[idx];
			sys2(SYS_set_robust_list, &head, sizeof(head));
		}
	}
	_exit(0);
}

static void random_ops_leave_every_process_killable(void)
{
	futex_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *tids = (volatile uint32_t *)(w + 64);
	struct timespec run = { 1, 0 };
	long pids[FUZZ_PROCS];
	int round, i, unreaped = 0;

	if (!EXPECT(w != MAP_FAILED, "mmap"))
		return;
	for (round = 0; round < FUZZ_ROUNDS; round++) {
		for (i = 0; i < FUZZ_PROCS; i++) {
			pids[i] = sys0(SYS_fork);
			if (!pids[i])
				fuzz_child(w, tids, i);
		}
		sys2(SYS_nanosleep, &run, NULL);
		for (i = 0; i < FUZZ_PROCS; i++)
			sys2(SYS_kill, pids[i], SIGKILL);
		for (i = 0; i < FUZZ_PROCS; i++) {
			int status;

			unreaped += sys4(SYS_wait4, pids[i], &status, 0, 0) != pids[i];
		}
	}
	EXPECT(!unreaped, "%d processes not reaped", unreaped);
	munmap((void *)w, 4096);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(wait_value_differs_eagain),
	KTAP_CASE(misaligned_word_einval),
	KTAP_CASE(bad_address_efault),
	KTAP_CASE(unknown_op_enosys),
	KTAP_CASE(empty_bitset_einval),
	KTAP_CASE(bad_timespec_einval),
	KTAP_CASE(wait_relative_timeout_etimedout),
	KTAP_CASE(wait_bitset_past_deadline_etimedout),
	KTAP_CASE(wait_bitset_absolute_deadline_each_clock),
	KTAP_CASE(wake_nobody_returns_zero),
	KTAP_CASE(wake_wakes_clone_vm_waiter),
	KTAP_CASE(wake_counts_limit),
	KTAP_CASE(wake_bitset_matches_bits),
	KTAP_CASE(cmp_requeue_wakes_and_moves),
	KTAP_CASE(requeue_moves_all),
	KTAP_CASE(wake_op_each_operation),
	KTAP_CASE(wake_op_each_comparison),
	KTAP_CASE(wait_interrupted_by_signal_eintr),
	KTAP_CASE(shared_futex_across_fork),
	KTAP_CASE(exit_clears_and_wakes_child_tid),
	KTAP_CASE(robust_list_owner_death_wakes_waiter),
	KTAP_CASE(robust_list_get_returns_set),
	KTAP_CASE(mutex_64_tasks_count_exact),
	KTAP_CASE(random_ops_leave_every_process_killable),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
