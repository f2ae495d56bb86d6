// SPDX-License-Identifier: MIT
/*
 * The kernel bugs Debian's trinity found (tests/user/trinity.c), each
 * reproduced by the one call that hit it:
 *  - a program larger than kmalloc's largest block (4 MiB) would not
 *    execute (-E2BIG): data/big_exec beside this program (big_exec.c)
 *    carries 5 MiB of initialised data;
 *  - process_vm_readv/writev(0, ...) found the boot CPU's idle task
 *    under pid 0 and its put_task_struct() freed the boot stack (Linux:
 *    -ESRCH, as for any pid no process has);
 *  - two tasks reading one /proc file at offset 0 at once both freed
 *    its old text (a double free; Linux's seq_file holds m->lock);
 *  - F_SETPIPE_SZ of 1 GiB warned in the page allocator (Linux: the
 *    size, or -ENOMEM without a word);
 *  - a relative timerfd (or itimer) expiry near the end of time wrapped
 *    negative in hrtimer_start() and the clock-event code warned
 *    (Linux's ktime_add_safe() saturates).
 * During the cases the kernel must log (syslog(2)) no warning, oops or
 * allocator complaint.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/klog.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

static char big_exec[256];

static void program_larger_than_4_mib_executes(void)
{
	int fd = open(big_exec, O_RDONLY), pid, st;
	off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;

	if (fd >= 0)
		close(fd);
	if (!EXPECT(size > 4 << 20, "%s is %lld bytes, wanted over 4 MiB", big_exec,
		    (long long)size))
		return;
	pid = fork();
	if (pid == 0) {
		execl(big_exec, "big_exec", (char *)NULL);
		_exit(errno == E2BIG ? 100 : 101);
	}
	if (!EXPECT(pid > 0, "fork: %d", errno))
		return;
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42,
	       "child status %#x (25600: E2BIG, 42: ran with its data intact)", st);
}

static long vm_rw(long nr, long pid)
{
	char local[16], remote[16] = "remote";
	struct iovec l = { local, sizeof(local) }, r = { remote, sizeof(remote) };

	return sys6(nr, pid, (long)&l, 1, (long)&r, 1, 0);
}

static void process_vm_rw_pid_0_is_esrch(void)
{
	/* Many times: each call used to take one reference from the idle task. */
	for (int i = 0; i < 4; i++) {
		EXPECT(vm_rw(SYS_process_vm_readv, 0) == -ESRCH, "process_vm_readv(0)");
		EXPECT(vm_rw(SYS_process_vm_writev, 0) == -ESRCH, "process_vm_writev(0)");
		EXPECT(vm_rw(SYS_process_vm_readv, -1) == -ESRCH, "process_vm_readv(-1)");
		EXPECT(vm_rw(SYS_process_vm_readv, -(1L << 31)) == -ESRCH, "process_vm_readv(INT_MIN)");
	}
	/* The caller's own pid still works. */
	EXPECT(vm_rw(SYS_process_vm_readv, getpid()) == 16, "process_vm_readv(self)");
}

#define SHARED_READS	300

/* pread at 0 renders the text again each time: the racy path. */
static bool read_meminfo_at_0(int fd)
{
	char buf[64];

	for (int i = 0; i < SHARED_READS; i++)
		if (pread(fd, buf, sizeof(buf), 0) < 9 || memcmp(buf, "MemTotal:", 9))
			return false;
	return true;
}

static void proc_file_shared_by_two_readers(void)
{
	int fd = open("/proc/meminfo", O_RDONLY), pid, st;
	bool ok;

	if (!EXPECT(fd >= 0, "open /proc/meminfo: %d", errno))
		return;
	pid = fork();
	if (pid == 0)
		_exit(read_meminfo_at_0(fd) ? 0 : 1);
	ok = read_meminfo_at_0(fd);
	EXPECT(ok, "the parent read something other than MemTotal: at 0");
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the child's reads: status %#x", st);
	close(fd);
}

static void pipe_size_of_1_gib(void)
{
	int fds[2];
	long r;

	if (!EXPECT(pipe(fds) == 0, "pipe: %d", errno))
		return;
	r = sys3(SYS_fcntl, fds[1], F_SETPIPE_SZ, 1L << 30);
	EXPECT(r == 1L << 30 || r == -ENOMEM || r == -EPERM, "F_SETPIPE_SZ 1 GiB: %ld", r);
	EXPECT(sys3(SYS_fcntl, fds[1], F_SETPIPE_SZ, (1L << 31) + 1) == -EINVAL,
	       "F_SETPIPE_SZ past 2 GiB");
	EXPECT(sys3(SYS_fcntl, fds[1], F_SETPIPE_SZ, 4096) == 4096, "and back to a page");
	EXPECT(write(fds[1], "x", 1) == 1, "the pipe still works");
	close(fds[0]);
	close(fds[1]);
}

static void timers_at_the_end_of_time(void)
{
	struct itimerspec its = { .it_value = { .tv_sec = (1L << 62), .tv_nsec = 0 } }, cur;
	struct itimerval itv = { .it_value = { .tv_sec = 1L << 62 } };
	int fd = sys2(SYS_timerfd_create, CLOCK_MONOTONIC, 0);

	if (!EXPECT(fd >= 0, "timerfd_create: %d", fd))
		return;
	EXPECT(sys4(SYS_timerfd_settime, fd, 0, &its, NULL) == 0, "timerfd 2^62 s from now");
	EXPECT(sys2(SYS_timerfd_gettime, fd, &cur) == 0 && cur.it_value.tv_sec > 1L << 32,
	       "still armed, far off: %ld s", (long)cur.it_value.tv_sec);
	its.it_value.tv_sec = 0x7fffffffffffffffL;
	EXPECT(sys4(SYS_timerfd_settime, fd, 0, &its, NULL) == 0, "timerfd LONG_MAX s from now");
	close(fd);
	EXPECT(sys3(SYS_setitimer, ITIMER_REAL, &itv, NULL) == 0, "setitimer 2^62 s");
	itv.it_value.tv_sec = 0;
	EXPECT(sys3(SYS_setitimer, ITIMER_REAL, &itv, NULL) == 0, "and disarmed");
}

static const char *const bad_words[] = {
	"WARNING:", "BUG:", "Oops", "double free", "not allocated by kmalloc", "Bad page state",
};
#define NR_BAD	(sizeof(bad_words) / sizeof(*bad_words))
static int bad_before[NR_BAD];

/* How often each bad word is in the kernel's log; -1 if it cannot be read. */
static int count_bad(int *counts)
{
	static char log[1 << 17];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log) - 1);

	if (n < 0)
		return -1;
	log[n] = 0;
	for (size_t i = 0; i < NR_BAD; i++) {
		counts[i] = 0;
		for (char *p = log; (p = strstr(p, bad_words[i])); p++)
			counts[i]++;
	}
	return 0;
}

/* Programs run before this one may have warned on purpose: only new lines count. */
static void kernel_log_is_clean(void)
{
	int after[NR_BAD];

	if (!EXPECT(count_bad(after) == 0, "syslog(READ_ALL): %d", errno))
		return;
	for (size_t i = 0; i < NR_BAD; i++)
		EXPECT(after[i] <= bad_before[i], "the kernel logged \"%s\" during these cases",
		       bad_words[i]);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(program_larger_than_4_mib_executes),
	KTAP_CASE(process_vm_rw_pid_0_is_esrch),
	KTAP_CASE(proc_file_shared_by_two_readers),
	KTAP_CASE(pipe_size_of_1_gib),
	KTAP_CASE(timers_at_the_end_of_time),
	KTAP_CASE(kernel_log_is_clean),
};

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');

	(void)argc;
	/* data/big_exec beside this program (build/user/data/ on the host). */
	snprintf(big_exec, sizeof(big_exec), "%.*sdata/big_exec", slash ? (int)(slash - argv[0] + 1) : 0,
		 argv[0]);
	count_bad(bad_before);
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
