// SPDX-License-Identifier: MIT
/*
 * POSIX interval timers (timer_create and kin) and ITIMER_REAL (alarm,
 * setitimer, getitimer), as stress-ng's timer, hrtimers and clock
 * stressors and its -t limit use them: the signal and its siginfo
 * (SI_TIMER, the timer's id and value, the overrun), a periodic timer
 * re-armed as its signal is taken, SIGEV_NONE counting down, and every
 * error Linux gives. The signals are waited for with sigtimedwait() on
 * a blocked signal, never by sleeping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include "ktap.h"
#include "sys.h"

#define SIGEV_THREAD_ID_ 4

struct ksigevent {
	unsigned long value;
	int signo, notify, tid;
	int pad[11];
};

static long k_timer_create(int clock, struct ksigevent *ev, int *id)
{
	return sys3(SYS_timer_create, clock, ev, id);
}

static long k_settime(int id, int flags, long val_ns, long int_ns)
{
	struct itimerspec its = {
		.it_value = { val_ns / 1000000000, val_ns % 1000000000 },
		.it_interval = { int_ns / 1000000000, int_ns % 1000000000 },
	};

	return sys4(SYS_timer_settime, id, flags, &its, NULL);
}

/* Wait (5 s at most) for @sig, blocked, and return its siginfo's signo. */
static int wait_sig(int sig, siginfo_t *si)
{
	struct timespec ts = { 5, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, si, &ts);
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void timer_create_rejects_bad_arguments(void)
{
	struct ksigevent ev = { .signo = SIGRTMIN, .notify = 0 };
	struct itimerspec one_sec = { .it_value = { 1, 0 } }, cur;
	struct itimerspec bad_nsec = { .it_value = { 0, 1000000000 } };
	long r;
	int id;

	EXPECT((r = k_timer_create(99, NULL, &id)) == -EINVAL, "clock 99: %ld", r);
	ev.notify = 7;
	EXPECT((r = k_timer_create(CLOCK_MONOTONIC, &ev, &id)) == -EINVAL, "notify 7: %ld", r);
	ev.notify = 0;
	ev.signo = 65;
	EXPECT((r = k_timer_create(CLOCK_MONOTONIC, &ev, &id)) == -EINVAL, "signal 65: %ld", r);
	ev.signo = SIGRTMIN;
	ev.notify = SIGEV_THREAD_ID_;
	ev.tid = 999999;
	EXPECT((r = k_timer_create(CLOCK_MONOTONIC, &ev, &id)) == -EINVAL, "tid 999999: %ld", r);
	EXPECT((r = k_timer_create(CLOCK_MONOTONIC, (void *)8, &id)) == -EFAULT, "sevp 8: %ld", r);
	EXPECT((r = sys4(SYS_timer_settime, 12345, 0, &one_sec, NULL)) == -EINVAL,
	       "settime of no timer: %ld", r);
	EXPECT((r = sys1(SYS_timer_delete, 12345)) == -EINVAL, "delete of no timer: %ld", r);
	EXPECT((r = sys1(SYS_timer_getoverrun, 12345)) == -EINVAL, "getoverrun: %ld", r);
	EXPECT((r = sys2(SYS_timer_gettime, 12345, &cur)) == -EINVAL, "gettime: %ld", r);
	EXPECT(k_timer_create(CLOCK_MONOTONIC, NULL, &id) == 0, "create");
	EXPECT((r = sys4(SYS_timer_settime, id, 0, &bad_nsec, NULL)) == -EINVAL,
	       "tv_nsec 1e9: %ld", r);
	EXPECT((r = sys4(SYS_timer_settime, id, 0, (void *)8, NULL)) == -EFAULT, "new 8: %ld", r);
	EXPECT((r = sys2(SYS_timer_gettime, id, (void *)8)) == -EFAULT, "gettime to 8: %ld", r);
	EXPECT(sys1(SYS_timer_delete, id) == 0, "delete");
	EXPECT((r = sys1(SYS_timer_delete, id)) == -EINVAL, "delete twice: %ld", r);
}

/* A one-shot timer's signal carries SI_TIMER, the id and the sigevent's value. */
static void one_shot_signal_carries_timer_siginfo(void)
{
	struct ksigevent ev = { .value = 0xfeedbeef, .signo = SIGRTMIN + 1, .notify = 0 };
	siginfo_t si;
	int id;

	block(SIGRTMIN + 1);
	if (!EXPECT(k_timer_create(CLOCK_MONOTONIC, &ev, &id) == 0, "create"))
		return;
	EXPECT(k_settime(id, 0, 2000000, 0) == 0, "settime");
	if (EXPECT(wait_sig(SIGRTMIN + 1, &si) == SIGRTMIN + 1, "no signal: errno %d", errno)) {
		EXPECT(si.si_code == SI_TIMER, "si_code %d", si.si_code);
		EXPECT(si.si_timerid == id, "si_timerid %d, id %d", si.si_timerid, id);
		EXPECT(si.si_value.sival_ptr == (void *)0xfeedbeef, "si_value %p",
		       si.si_value.sival_ptr);
		EXPECT(si.si_overrun == 0, "si_overrun %d", si.si_overrun);
	}
	/* Fired and done: disarmed. */
	struct itimerspec cur;

	EXPECT(sys2(SYS_timer_gettime, id, &cur) == 0 && !cur.it_value.tv_sec &&
	       !cur.it_value.tv_nsec, "still armed: %ld ns", cur.it_value.tv_nsec);
	EXPECT(sys1(SYS_timer_delete, id) == 0, "delete");
}

/* Without a sigevent: SIGALRM with the timer's id as its value. */
static void default_sigevent_is_sigalrm_with_the_id(void)
{
	siginfo_t si;
	int id;

	block(SIGALRM);
	if (!EXPECT(k_timer_create(CLOCK_REALTIME, NULL, &id) == 0, "create"))
		return;
	EXPECT(k_settime(id, 0, 1000000, 0) == 0, "settime");
	if (EXPECT(wait_sig(SIGALRM, &si) == SIGALRM, "no SIGALRM: errno %d", errno)) {
		EXPECT(si.si_code == SI_TIMER, "si_code %d", si.si_code);
		EXPECT(si.si_value.sival_int == id, "si_value %d, id %d", si.si_value.sival_int, id);
	}
	sys1(SYS_timer_delete, id);
}

/*
 * A periodic 1 ms timer whose signal is left blocked 30 ms: one signal
 * queued (not thirty), and once taken the missed periods are its
 * overrun; it then goes on firing.
 */
static void periodic_timer_counts_overruns_and_rearms(void)
{
	struct ksigevent ev = { .signo = SIGRTMIN + 2, .notify = 0 };
	struct timespec until;
	siginfo_t si;
	int id, n;

	block(SIGRTMIN + 2);
	if (!EXPECT(k_timer_create(CLOCK_MONOTONIC, &ev, &id) == 0, "create"))
		return;
	EXPECT(k_settime(id, 0, 1000000, 1000000) == 0, "settime");
	/* Let periods pass with the signal blocked: a deadline, not a synchronisation. */
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += 30000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR)
		;
	EXPECT(wait_sig(SIGRTMIN + 2, &si) == SIGRTMIN + 2, "no signal");
	EXPECT(si.si_overrun >= 10, "overrun %d after 30 periods", si.si_overrun);
	EXPECT((n = sys1(SYS_timer_getoverrun, id)) == si.si_overrun, "getoverrun %d, si %d", n,
	       si.si_overrun);
	/* Re-armed by the dequeue: more signals come. */
	for (n = 0; n < 3; n++)
		EXPECT(wait_sig(SIGRTMIN + 2, &si) == SIGRTMIN + 2, "signal %d after rearm", n);
	struct itimerspec cur;

	EXPECT(sys2(SYS_timer_gettime, id, &cur) == 0 && cur.it_interval.tv_nsec == 1000000,
	       "interval %ld", cur.it_interval.tv_nsec);
	EXPECT(sys1(SYS_timer_delete, id) == 0, "delete");
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 2);
	while (sigtimedwait(&set, &si, &(struct timespec){ 0, 0 }) > 0)
		;	/* one may have been queued before the delete */
}

/*
 * SIGEV_THREAD_ID: the signal goes to the one thread named, which takes
 * it with sigtimedwait while the main thread has it blocked too; the
 * timer outlives the thread (its next expiry signals no one).
 */
static volatile int thread_tid, thread_got;
static int ready_pipe[2], go_pipe[2];

static void *thread_id_target(void *arg)
{
	siginfo_t si;
	char c;

	thread_tid = sys0(SYS_gettid);
	if (write(ready_pipe[1], "r", 1) != 1 || read(go_pipe[0], &c, 1) != 1)
		return NULL;
	if (wait_sig(SIGRTMIN + 3, &si) == SIGRTMIN + 3 && si.si_code == SI_TIMER)
		thread_got = 1;
	return NULL;
}

static void thread_id_timer_signals_that_thread(void)
{
	struct ksigevent ev = { .signo = SIGRTMIN + 3, .notify = SIGEV_THREAD_ID_ };
	pthread_t th;
	char c;
	int id;

	block(SIGRTMIN + 3);	/* the thread inherits the mask */
	if (!EXPECT(pipe(ready_pipe) == 0 && pipe(go_pipe) == 0, "pipes") ||
	    !EXPECT(pthread_create(&th, NULL, thread_id_target, NULL) == 0, "pthread_create"))
		return;
	EXPECT(read(ready_pipe[0], &c, 1) == 1, "ready");
	ev.tid = thread_tid;
	EXPECT(k_timer_create(CLOCK_MONOTONIC, &ev, &id) == 0, "create for tid %d", thread_tid);
	EXPECT(k_settime(id, 0, 1000000, 0) == 0, "settime");
	EXPECT(write(go_pipe[1], "g", 1) == 1, "go");
	pthread_join(th, NULL);
	EXPECT(thread_got, "the thread did not get SI_TIMER");
	/* Its thread gone, the timer fires at no one and can still be set and deleted. */
	EXPECT(k_settime(id, 0, 1000, 0) == 0, "settime after the thread");
	EXPECT(sys1(SYS_timer_delete, id) == 0, "delete");
	for (int i = 0; i < 2; i++) {
		close(ready_pipe[i]);
		close(go_pipe[i]);
	}
}

/* SIGEV_NONE: no signal, but timer_gettime counts the time left down to 0. */
static void sigev_none_counts_down(void)
{
	struct ksigevent ev = { .notify = 1 };
	struct itimerspec a, b;
	int id;

	if (!EXPECT(k_timer_create(CLOCK_MONOTONIC, &ev, &id) == 0, "create"))
		return;
	EXPECT(k_settime(id, 0, 3000000000L, 0) == 0, "settime");
	EXPECT(sys2(SYS_timer_gettime, id, &a) == 0, "gettime");
	EXPECT(sys2(SYS_timer_gettime, id, &b) == 0, "gettime");
	EXPECT(a.it_value.tv_sec <= 2 && (a.it_value.tv_sec || a.it_value.tv_nsec),
	       "left %ld.%09ld", a.it_value.tv_sec, a.it_value.tv_nsec);
	EXPECT(b.it_value.tv_sec < a.it_value.tv_sec ||
	       (b.it_value.tv_sec == a.it_value.tv_sec && b.it_value.tv_nsec <= a.it_value.tv_nsec),
	       "not counting down");
	EXPECT(k_settime(id, 0, 0, 0) == 0, "disarm");
	EXPECT(sys1(SYS_timer_delete, id) == 0, "delete");
}

/* alarm(): the seconds left of the previous one; alarm(0) cancels. */
static void alarm_returns_seconds_left(void)
{
	long r;

	sys1(SYS_alarm, 0);
	EXPECT((r = sys1(SYS_alarm, 100)) == 0, "first alarm: %ld", r);
	EXPECT((r = sys1(SYS_alarm, 50)) == 100, "left of 100: %ld", r);
	EXPECT((r = sys1(SYS_alarm, 0)) == 50, "left of 50: %ld", r);
	EXPECT((r = sys1(SYS_alarm, 0)) == 0, "none left: %ld", r);
}

/* setitimer(ITIMER_REAL) periodic: SIGALRM again and again; getitimer sees it. */
static void itimer_real_periodic_sigalrm(void)
{
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, cur, old;
	siginfo_t si;
	long r;

	block(SIGALRM);
	EXPECT(sys3(SYS_setitimer, ITIMER_REAL, &it, NULL) == 0, "setitimer");
	for (int i = 0; i < 3; i++)
		if (EXPECT(wait_sig(SIGALRM, &si) == SIGALRM, "SIGALRM %d", i))
			EXPECT(si.si_code == SI_KERNEL, "si_code %d", si.si_code);
	EXPECT(sys2(SYS_getitimer, ITIMER_REAL, &cur) == 0 && cur.it_interval.tv_usec == 2000,
	       "interval %ld", cur.it_interval.tv_usec);
	it = (struct itimerval){};
	EXPECT(sys3(SYS_setitimer, ITIMER_REAL, &it, &old) == 0 && old.it_interval.tv_usec == 2000,
	       "old interval %ld", old.it_interval.tv_usec);
	EXPECT(sys2(SYS_getitimer, ITIMER_REAL, &cur) == 0 && !cur.it_value.tv_sec &&
	       !cur.it_value.tv_usec, "disarmed but %ld us left", cur.it_value.tv_usec);
	while (sigtimedwait(&(sigset_t){ { 1UL << (SIGALRM - 1) } }, &si,
			    &(struct timespec){ 0, 0 }) > 0)
		;
	/* The errors. */
	it.it_value.tv_usec = 1000000;
	EXPECT((r = sys3(SYS_setitimer, ITIMER_REAL, &it, NULL)) == -EINVAL, "usec 1e6: %ld", r);
	it.it_value.tv_usec = -1;
	EXPECT((r = sys3(SYS_setitimer, ITIMER_REAL, &it, NULL)) == -EINVAL, "usec -1: %ld", r);
	EXPECT((r = sys3(SYS_setitimer, 7, &cur, NULL)) == -EINVAL, "which 7: %ld", r);
	EXPECT((r = sys2(SYS_getitimer, 7, &cur)) == -EINVAL, "getitimer 7: %ld", r);
	EXPECT((r = sys3(SYS_setitimer, ITIMER_REAL, (void *)8, NULL)) == -EFAULT, "value 8: %ld", r);
	EXPECT((r = sys2(SYS_getitimer, ITIMER_REAL, (void *)8)) == -EFAULT, "getitimer 8: %ld", r);
}

/* An alarm left running kills a child that does not handle SIGALRM (stress-ng's -t). */
static void alarm_kills_by_default(void)
{
	int pid = fork(), st;

	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGALRM, SIG_DFL);
		sys1(SYS_alarm, 1);
		for (;;)
			pause();
	}
	EXPECT(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM,
	       "status %#x", st);
}

/*
 * Across exec an alarm stays (the new program, which leaves SIGALRM at
 * its default, dies of it) and POSIX timers go (the id is -EINVAL after).
 */
static void exec_keeps_the_alarm_and_drops_posix_timers(void)
{
	char idbuf[16];
	int pid, st, id = -1;

	pid = fork();
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (k_timer_create(CLOCK_MONOTONIC, NULL, &id))
			_exit(3);
		k_settime(id, 0, 100000000000L, 0);
		snprintf(idbuf, sizeof(idbuf), "%d", id);
		sys1(SYS_alarm, 1);
		execl("/proc/self/exe", "posix_timers", "after-exec", idbuf, (char *)NULL);
		_exit(4);
	}
	EXPECT(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM,
	       "status %#x (exit 5: the timer was still there)", st);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(timer_create_rejects_bad_arguments),
	KTAP_CASE(one_shot_signal_carries_timer_siginfo),
	KTAP_CASE(default_sigevent_is_sigalrm_with_the_id),
	KTAP_CASE(periodic_timer_counts_overruns_and_rearms),
	KTAP_CASE(thread_id_timer_signals_that_thread),
	KTAP_CASE(sigev_none_counts_down),
	KTAP_CASE(alarm_returns_seconds_left),
	KTAP_CASE(itimer_real_periodic_sigalrm),
	KTAP_CASE(alarm_kills_by_default),
	KTAP_CASE(exec_keeps_the_alarm_and_drops_posix_timers),
};

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "after-exec")) {
		struct itimerspec cur;

		if (sys2(SYS_timer_gettime, atoi(argv[2]), &cur) != -EINVAL)
			return 5;
		for (;;)
			pause();	/* until the alarm from before the exec */
	}
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
