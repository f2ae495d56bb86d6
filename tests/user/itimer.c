// SPDX-License-Identifier: MIT
/*
 * ITIMER_REAL: alarm(2), setitimer(2), getitimer(2) (trinity arms an
 * alarm around every call that may block; without them each such call's
 * failure read as ENOSYS). The previous alarm's seconds, the time left
 * and the interval read back, SIGALRM from the kernel (SI_KERNEL) ending
 * a pause and interrupting a blocked read, an interval timer firing
 * again, a forked child starting without one, and the errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

static volatile sig_atomic_t alarms, last_code;

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	alarms++;
	last_code = si->si_code;
}

static void catch_alarm(void)
{
	struct sigaction sa = { .sa_sigaction = on_alarm, .sa_flags = SA_SIGINFO };

	sigaction(SIGALRM, &sa, NULL);
	alarms = 0;
	last_code = 0;
}

static long set_real(long sec, long usec, long isec, long iusec, struct itimerval *old)
{
	struct itimerval v = { { isec, iusec }, { sec, usec } };

	return sys3(SYS_setitimer, ITIMER_REAL, &v, old);
}

static void alarm_returns_previous_seconds(void)
{
	long left;

	EXPECT(sys1(SYS_alarm, 100) == 0, "alarm(100) with none pending");
	/* Rounded to the nearest second: 100 unless this vCPU stalled half a second. */
	left = sys1(SYS_alarm, 50);
	EXPECT(left == 100 || left == 99, "alarm(50) after alarm(100): %ld", left);
	left = sys1(SYS_alarm, 0);
	EXPECT(left == 50 || left == 49, "alarm(0) after alarm(50): %ld", left);
	EXPECT(sys1(SYS_alarm, 0) == 0, "alarm(0) with none pending");
}

static void getitimer_reads_back(void)
{
	struct itimerval v, old;

	EXPECT(set_real(10, 0, 2, 500000, NULL) == 0, "setitimer 10 s every 2.5 s");
	EXPECT(sys2(SYS_getitimer, ITIMER_REAL, &v) == 0, "getitimer");
	EXPECT(v.it_interval.tv_sec == 2 && v.it_interval.tv_usec == 500000, "interval %ld.%06ld",
	       (long)v.it_interval.tv_sec, (long)v.it_interval.tv_usec);
	EXPECT(v.it_value.tv_sec == 9 || (v.it_value.tv_sec == 10 && v.it_value.tv_usec == 0),
	       "value %ld.%06ld, wanted just under 10 s", (long)v.it_value.tv_sec,
	       (long)v.it_value.tv_usec);
	EXPECT(set_real(0, 0, 0, 0, &old) == 0, "disarm");
	EXPECT(old.it_interval.tv_sec == 2 && old.it_value.tv_sec <= 10, "old value returned");
	EXPECT(sys2(SYS_getitimer, ITIMER_REAL, &v) == 0 && !v.it_value.tv_sec &&
	       !v.it_value.tv_usec && !v.it_interval.tv_sec && !v.it_interval.tv_usec,
	       "disarmed reads back zero");
}

/* Blocked until it comes: pause() returns only for a handled signal. */
static void sigalrm_from_the_kernel_ends_pause(void)
{
	catch_alarm();
	if (!EXPECT(set_real(0, 20000, 0, 0, NULL) == 0, "setitimer 20 ms"))
		return;
	while (!alarms)
		pause();
	EXPECT(alarms == 1, "%d SIGALRMs", (int)alarms);
	EXPECT(last_code == SI_KERNEL, "si_code %d, wanted SI_KERNEL", (int)last_code);
	signal(SIGALRM, SIG_DFL);
}

static void interval_timer_fires_again(void)
{
	struct itimerval v;

	catch_alarm();
	if (!EXPECT(set_real(0, 5000, 0, 5000, NULL) == 0, "setitimer 5 ms every 5 ms"))
		return;
	while (alarms < 3)
		pause();
	EXPECT(set_real(0, 0, 0, 0, NULL) == 0, "disarm");
	EXPECT(sys2(SYS_getitimer, ITIMER_REAL, &v) == 0 && !v.it_value.tv_sec && !v.it_value.tv_usec,
	       "disarmed");
	signal(SIGALRM, SIG_DFL);
}

/* What trinity relies on: a read with nothing to read ends with EINTR. */
static void alarm_interrupts_a_blocked_read(void)
{
	int fds[2];
	char c;

	catch_alarm();
	if (!EXPECT(pipe(fds) == 0, "pipe"))
		return;
	if (!EXPECT(sys1(SYS_alarm, 1) == 0, "alarm(1)")) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	EXPECT(sys3(SYS_read, fds[0], &c, 1) == -EINTR, "read on an empty pipe: EINTR");
	EXPECT(alarms == 1, "%d SIGALRMs", (int)alarms);
	EXPECT(sys1(SYS_alarm, 0) == 0, "nothing pending afterwards");
	close(fds[0]);
	close(fds[1]);
	signal(SIGALRM, SIG_DFL);
}

static void forked_child_has_no_timer(void)
{
	int pid, st;
	long left;

	EXPECT(sys1(SYS_alarm, 100) == 0, "alarm(100)");
	pid = fork();
	if (pid == 0) {
		struct itimerval v;

		_exit(sys2(SYS_getitimer, ITIMER_REAL, &v) == 0 && !v.it_value.tv_sec &&
		      !v.it_value.tv_usec ? 0 : 1);
	}
	EXPECT(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the child's timer: status %#x", st);
	left = sys1(SYS_alarm, 0);
	EXPECT(left == 100 || left == 99, "the parent's alarm kept: %ld s left", left);
}

static void errors(void)
{
	struct itimerval v;

	EXPECT(set_real(0, 1000000, 0, 0, NULL) == -EINVAL, "tv_usec 1000000");
	EXPECT(set_real(-1, 0, 0, 0, NULL) == -EINVAL, "negative seconds");
	EXPECT(set_real(1, 0, 0, -1, NULL) == -EINVAL, "negative interval");
	EXPECT(sys3(SYS_setitimer, 99, &(struct itimerval){}, NULL) == -EINVAL, "which 99");
	EXPECT(sys3(SYS_setitimer, ITIMER_REAL, (void *)8, NULL) == -EFAULT, "bad new value");
	EXPECT(sys2(SYS_getitimer, 99, &v) == -EINVAL, "getitimer which 99");
	EXPECT(sys2(SYS_getitimer, ITIMER_REAL, (void *)8) == -EFAULT, "getitimer bad pointer");
	EXPECT(sys2(SYS_getitimer, -1, &v) == -EINVAL, "getitimer which -1");
	/* The old value is written even when the new one disarms. */
	EXPECT(set_real(5, 0, 0, 0, NULL) == 0 && set_real(0, 0, 0, 0, &v) == 0 &&
	       v.it_value.tv_sec <= 5 && (v.it_value.tv_sec || v.it_value.tv_usec),
	       "the old value on disarm");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(alarm_returns_previous_seconds),
	KTAP_CASE(getitimer_reads_back),
	KTAP_CASE(sigalrm_from_the_kernel_ends_pause),
	KTAP_CASE(interval_timer_fires_again),
	KTAP_CASE(alarm_interrupts_a_blocked_read),
	KTAP_CASE(forked_child_has_no_timer),
	KTAP_CASE(errors),
};

int main(int argc, char **argv)
{
	(void)argc;
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
