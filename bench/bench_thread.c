// SPDX-License-Identifier: MIT
/*
 * bench_thread [N]: threads, futexes and signals, N samples each (default
 * 2000) after WARMUP unmeasured ones. Threads are made with raw clone(2)
 * and musl's pthread flags (CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|
 * SETTLS|PARENT_SETTID|CHILD_CLEARTID) on a static stack, with a TLS block
 * of their own whose first word points to itself (the x86-64 TLS ABI);
 * they run raw system calls only, never libc.
 *
 *   thread_create_join    clone a thread that exits at once, then wait
 *                         (FUTEX_WAIT, shared, as the kernel's wake on the
 *                         cleared tid word is) until its tid word is 0;
 *   futex_wake_to_run     a ping-pong between the caller on CPU 0 and a
 *                         thread pinned to CPU 1 through two futex words,
 *                         each side storing the round's number in its word
 *                         and FUTEX_WAKE_PRIVATE, then FUTEX_WAIT_PRIVATE
 *                         on the other's: one round trip per sample;
 *   pi_futex_handover     a PI futex with the TID protocol: the caller on
 *                         CPU 0 takes it in user space (0 -> tid), a thread
 *                         on CPU 1 blocks in FUTEX_LOCK_PI_PRIVATE, and,
 *                         once the waiters bit shows it queued, the caller
 *                         unlocks (the cmpxchg fails on the waiters bit,
 *                         then FUTEX_UNLOCK_PI_PRIVATE). A sample runs from
 *                         before the unlock to the waiter's rdtsc on
 *                         return from FUTEX_LOCK_PI as the new owner;
 *   sigreturn_round_trip  kill(2) of SIGUSR1 to the own process, delivered
 *                         to a handler that returns (rt_sigreturn through
 *                         musl's restorer);
 *   sigill_round_trip     ud2, SIGILL delivered to a handler that steps
 *                         the saved RIP over it, and rt_sigreturn.
 *
 * The cross-CPU figures are TSC deltas across CPUs: under QEMU's -icount
 * the sum of all vCPUs' instructions in between. A figure the kernel cannot
 * take (a call it refuses, fewer than two CPUs, a thread it cannot pin)
 * prints "bench: NAME unavailable (REASON)". A wait that could block
 * forever on a kernel that half-supports a call is first tried with a
 * timeout, so that such a kernel shows as unavailable rather than hanging.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <ucontext.h>

#include "bench.h"
#include "sys.h"

#define WARMUP		50
#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
			 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID)
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_PRIVATE		128
#define FUTEX_WAITERS		0x80000000U
#define STOP			0xffffffffU

/* One thread at a time runs on these: each is joined before the next starts. */
static char thread_stack[65536] __attribute__((aligned(16)));
static struct { void *self; unsigned long pad[31]; } thread_tls;
static uint64_t *samples;
static long nsamples;
static int stuck;		/* a thread never finished: its stack is not free */

/*
 * bench_clone(flags, stack_top, ptid, ctid, tls, fn, arg): raw clone(2);
 * the child pops @fn and @arg from its new stack, calls fn(arg) and ends
 * with exit(2) of its return value. Returns the child's tid or -errno.
 */
long bench_clone(unsigned long flags, void *stack_top, uint32_t *ptid, uint32_t *ctid,
		 void *tls, int (*fn)(void *), void *arg);
__asm__(".text\n"
	".globl bench_clone\n"
	"bench_clone:\n\t"
	"movq 8(%rsp), %rax\n\t"
	"subq $16, %rsi\n\t"
	"movq %r9, (%rsi)\n\t"
	"movq %rax, 8(%rsi)\n\t"
	"movq %rcx, %r10\n\t"
	"movl $56, %eax\n\t"
	"syscall\n\t"
	"testq %rax, %rax\n\t"
	"jnz 1f\n\t"
	"xorl %ebp, %ebp\n\t"
	"popq %rax\n\t"
	"popq %rdi\n\t"
	"callq *%rax\n\t"
	"movl %eax, %edi\n\t"
	"movl $60, %eax\n\t"
	"syscall\n\t"
	"ud2\n"
	"1:\tret\n");

static inline uint32_t load(uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void store(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static inline long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts)
{
	return sys4(SYS_futex, uaddr, op, val, ts);
}

static void unavailable(const char *name, const char *why, long err)
{
	if (err)
		bench_print("bench: %s unavailable (%s: %s)\n", name, why, strerror(-err));
	else
		bench_print("bench: %s unavailable (%s)\n", name, why);
}

/* A one-second bound for the first wait of each figure (see the file head). */
static const struct timespec probe_timeout = { 1, 0 };

/*
 * Starts @fn(@arg) as a thread; its tid word is @tid. 0, or -errno from
 * clone.
 */
static long thread_start(uint32_t *tid, int (*fn)(void *), void *arg)
{
	long ret;

	if (stuck)
		return -EBUSY;
	thread_tls.self = &thread_tls;
	ret = bench_clone(THREAD_FLAGS, thread_stack + sizeof(thread_stack), tid, tid,
			  &thread_tls, fn, arg);
	return ret < 0 ? ret : 0;
}

/*
 * Waits until the thread whose tid word is @tid has exited: 0, or -errno
 * of a futex wait that failed (-ETIMEDOUT past @ts when given), after
 * which no other thread starts.
 */
static long thread_join(uint32_t *tid, const struct timespec *ts)
{
	uint32_t v;

	while ((v = load(tid))) {
		long ret = futex(tid, FUTEX_WAIT, v, ts);

		if (ret < 0 && ret != -EAGAIN && ret != -EINTR) {
			stuck = 1;
			return ret;
		}
	}
	return 0;
}

/* Waits, private, until *@p != @old; -errno of a failed wait. */
static long wait_change(uint32_t *p, uint32_t old, const struct timespec *ts)
{
	while (load(p) == old) {
		long ret = futex(p, FUTEX_WAIT | FUTEX_PRIVATE, old, ts);

		if (ret < 0 && ret != -EAGAIN && ret != -EINTR)
			return ret;
	}
	return 0;
}

static int exit_at_once(void *arg)
{
	return 0;
}

static void bench_create_join(void)
{
	const char *name = "thread_create_join";
	uint32_t tid;
	long ret;

	for (long i = -WARMUP; i < nsamples; i++) {
		uint64_t t0 = bench_rdtsc();

		ret = thread_start(&tid, exit_at_once, NULL);
		if (ret) {
			unavailable(name, stuck ? "an earlier thread did not finish" :
			    "clone with the pthread flags", stuck ? 0 : ret);
			return;
		}
		ret = thread_join(&tid, i == -WARMUP ? &probe_timeout : NULL);
		if (ret) {
			unavailable(name, ret == -ETIMEDOUT ? "the tid word was not cleared "
				    "and woken within 1 s" : "FUTEX_WAIT on the tid word", ret);
			return;
		}
		if (i >= 0)
			samples[i] = bench_rdtsc() - t0;
	}
	bench_report(name, samples, nsamples, "tsc");
}

/* Shared with the thread on CPU 1 of the two cross-CPU figures. */
static struct {
	uint32_t ping, pong;		/* futex_wake_to_run: round numbers */
	uint32_t go, done;		/* pi_futex_handover: round numbers */
	uint32_t lock;			/* the PI futex */
	uint64_t acquired;		/* rdtsc when the waiter got the lock */
	long err;			/* the thread's failure, -errno */
	const char *what;		/* ... and what failed */
} sh;

/* The thread's failure, for the caller to report; 1 as its exit status. */
static int fail(const char *what, long err)
{
	sh.what = what;
	sh.err = err;
	return 1;
}

/* The CPU 1 side of futex_wake_to_run: echo each round number back. */
static int pong_thread(void *arg)
{
	uint32_t seen = 0;
	long ret = bench_pin(1);

	while (!ret) {
		ret = wait_change(&sh.ping, seen, NULL);
		if (ret) {
			fail("FUTEX_WAIT_PRIVATE", ret);
			break;
		}
		seen = load(&sh.ping);
		if (seen == STOP)
			return 0;
		store(&sh.pong, seen);
		ret = futex(&sh.pong, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
		if (ret < 0) {
			fail("FUTEX_WAKE_PRIVATE", ret);
			break;
		}
		ret = 0;
	}
	if (!sh.err)
		fail("pinning the thread to CPU 1", ret);
	/* STOP answers every round from now on: the caller sees the failure. */
	store(&sh.pong, STOP);
	futex(&sh.pong, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
	return 1;
}

static void bench_wake_to_run(void)
{
	const char *name = "futex_wake_to_run";
	uint32_t tid, round = 0;
	long ret;

	sh.err = 0;
	store(&sh.ping, 0);
	store(&sh.pong, 0);
	ret = thread_start(&tid, pong_thread, NULL);
	if (ret) {
		unavailable(name, stuck ? "an earlier thread did not finish" :
			    "clone with the pthread flags", stuck ? 0 : ret);
		return;
	}
	for (long i = -WARMUP; i < nsamples && !ret; i++) {
		uint64_t t0 = bench_rdtsc();

		store(&sh.ping, ++round);
		ret = futex(&sh.ping, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
		if (ret >= 0)
			ret = wait_change(&sh.pong, round - 1, i == -WARMUP ? &probe_timeout : NULL);
		if (i >= 0)
			samples[i] = bench_rdtsc() - t0;
		if (!ret && load(&sh.pong) != round)
			ret = -EIO;
	}
	if (ret == -ETIMEDOUT) {
		unavailable(name, "no wake-up within 1 s", 0);
		stuck = 1;	/* the thread is left to exit_group */
		return;
	}
	store(&sh.ping, STOP);
	futex(&sh.ping, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
	thread_join(&tid, NULL);
	if (sh.err)
		unavailable(name, sh.what, sh.err);
	else if (ret < 0)
		unavailable(name, "FUTEX_WAKE_PRIVATE/FUTEX_WAIT_PRIVATE", ret);
	else
		bench_report(name, samples, nsamples, "tsc");
}

/* The waiter's failure: DONE answers every round from now on. */
static int pi_fail(const char *what, long err)
{
	fail(what, err);
	store(&sh.done, STOP);
	futex(&sh.done, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
	return 1;
}

/*
 * The CPU 1 side of pi_futex_handover: each round, block in FUTEX_LOCK_PI
 * on the lock the caller holds, note the time on getting it, unlock.
 */
static int pi_waiter(void *arg)
{
	uint32_t self = sys0(SYS_gettid), round = 0, expect;
	long ret = bench_pin(1);

	if (ret)
		return pi_fail("pinning the thread to CPU 1", ret);
	for (;;) {
		ret = wait_change(&sh.go, round, NULL);
		if (ret)
			return pi_fail("FUTEX_WAIT_PRIVATE", ret);
		round = load(&sh.go);
		if (round == STOP)
			return 0;
		expect = 0;
		if (!__atomic_compare_exchange_n(&sh.lock, &expect, self, 0, __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED)) {
			ret = futex(&sh.lock, FUTEX_LOCK_PI | FUTEX_PRIVATE, 0, NULL);
			__atomic_store_n(&sh.acquired, bench_rdtsc(), __ATOMIC_RELEASE);
			if (ret)
				return pi_fail("FUTEX_LOCK_PI_PRIVATE", ret);
		}
		expect = self;
		if (!__atomic_compare_exchange_n(&sh.lock, &expect, 0, 0, __ATOMIC_RELEASE,
						 __ATOMIC_RELAXED)) {
			ret = futex(&sh.lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE, 0, NULL);
			if (ret)
				return pi_fail("FUTEX_UNLOCK_PI_PRIVATE", ret);
		}
		store(&sh.done, round);
		futex(&sh.done, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
	}
}

/*
 * One handover: take the free lock in user space, let the waiter queue
 * on it, unlock. Returns the sample, or 0 with sh.err/sh.what set.
 */
static uint64_t pi_round(uint32_t self, uint32_t round, const struct timespec *ts)
{
	uint32_t expect = 0;
	uint64_t t0;
	long ret, spins = 0;

	if (!__atomic_compare_exchange_n(&sh.lock, &expect, self, 0, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return fail("the lock was not free after the waiter's unlock", -EIO), 0;
	store(&sh.go, round);
	futex(&sh.go, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
	/* PAUSE: QEMU's round-robin -icount scheduler runs the other vCPUs on it. */
	while (!(load(&sh.lock) & FUTEX_WAITERS) && !sh.err) {
		if (++spins > 100000000)
			return fail("the waiters bit never showed", -ETIMEDOUT), 0;
		__asm__ volatile("pause");
	}
	if (sh.err)
		return 0;
	t0 = bench_rdtsc();
	expect = self;
	if (!__atomic_compare_exchange_n(&sh.lock, &expect, 0, 0, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED)) {
		ret = futex(&sh.lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE, 0, NULL);
		if (ret)
			return fail("FUTEX_UNLOCK_PI_PRIVATE", ret), 0;
	}
	ret = wait_change(&sh.done, round - 1, ts);
	if (ret)
		return fail(ret == -ETIMEDOUT ? "the waiter did not get the lock within 1 s" :
			    "FUTEX_WAIT_PRIVATE", ret), 0;
	if (sh.err)
		return 0;
	return __atomic_load_n(&sh.acquired, __ATOMIC_ACQUIRE) - t0;
}

static void bench_pi_handover(void)
{
	const char *name = "pi_futex_handover";
	uint32_t tid, self = sys0(SYS_gettid), round = 0;
	long ret;

	/* An uncontended lock and unlock first: the kernel has PI futexes. */
	ret = futex(&sh.lock, FUTEX_LOCK_PI | FUTEX_PRIVATE, 0, NULL);
	if (!ret)
		ret = futex(&sh.lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE, 0, NULL);
	if (ret || load(&sh.lock)) {
		unavailable(name, "FUTEX_LOCK_PI/FUTEX_UNLOCK_PI_PRIVATE", ret ? ret : -EIO);
		return;
	}
	sh.err = 0;
	store(&sh.go, 0);
	store(&sh.done, 0);
	ret = thread_start(&tid, pi_waiter, NULL);
	if (ret) {
		unavailable(name, stuck ? "an earlier thread did not finish" :
			    "clone with the pthread flags", stuck ? 0 : ret);
		return;
	}
	for (long i = -WARMUP; i < nsamples && !sh.err; i++) {
		uint64_t t = pi_round(self, ++round, i == -WARMUP ? &probe_timeout : NULL);

		if (i >= 0)
			samples[i] = t;
	}
	if (sh.err == -ETIMEDOUT) {
		unavailable(name, sh.what, 0);
		stuck = 1;	/* the waiter is left to exit_group */
		return;
	}
	store(&sh.go, STOP);
	futex(&sh.go, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
	thread_join(&tid, NULL);
	if (sh.err)
		unavailable(name, sh.what, sh.err);
	else
		bench_report(name, samples, nsamples, "tsc");
}

static volatile long delivered;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	delivered++;
}

static void on_sigill(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	uc->uc_mcontext.gregs[REG_RIP] += 2;	/* ud2 is two bytes */
	delivered++;
}

/* @sig to a @handler that returns: by kill(2), or for SIGILL by ud2. */
static void bench_signal(const char *name, int sig, void (*handler)(int, siginfo_t *, void *))
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	long pid = sys0(SYS_getpid), ret;

	if (sigaction(sig, &sa, NULL)) {
		unavailable(name, "sigaction", -errno);
		return;
	}
	delivered = 0;
	for (long i = -WARMUP; i < nsamples; i++) {
		uint64_t t0 = bench_rdtsc();

		if (sig == SIGILL) {
			__asm__ volatile("ud2" ::: "memory");
		} else if ((ret = sys2(SYS_kill, pid, sig))) {
			unavailable(name, "kill", ret);
			return;
		}
		if (i >= 0)
			samples[i] = bench_rdtsc() - t0;
	}
	signal(sig, SIG_DFL);
	if (delivered != WARMUP + nsamples) {
		unavailable(name, "a signal was not delivered", -EIO);
		return;
	}
	bench_report(name, samples, nsamples, "tsc");
}

int main(int argc, char **argv)
{
	const char *cross[] = { "futex_wake_to_run", "pi_futex_handover" };
	int online = bench_online_cpus();
	uint32_t word = 0;
	long ret;

	nsamples = bench_count(argc, argv, 2000);
	samples = calloc(nsamples, sizeof(*samples));
	if (!samples)
		return 1;
	ret = futex(&word, FUTEX_WAKE, 1, NULL);
	if (ret < 0) {
		unavailable("thread_create_join", "futex", ret);
		for (int i = 0; i < 2; i++)
			unavailable(cross[i], "futex", ret);
	} else {
		bench_create_join();
		ret = online < 2 ? 0 : bench_pin(0);
		if (online < 2 || ret) {
			for (int i = 0; i < 2; i++)
				unavailable(cross[i], ret ? "pinning to CPU 0" : "one CPU online", ret);
		} else {
			bench_wake_to_run();
			bench_pi_handover();
		}
	}
	bench_signal("sigreturn_round_trip", SIGUSR1, on_usr1);
	bench_signal("sigill_round_trip", SIGILL, on_sigill);
	return 0;
}
