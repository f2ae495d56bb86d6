// SPDX-License-Identifier: MIT
/*
 * Threads: musl's pthreads (clone with CLONE_VM|FS|FILES|SIGHAND|THREAD|
 * SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID) and raw clone/clone3 for
 * what pthreads do not reach. Each process-wide effect is watched from a
 * forked parent: exit_group from a thread, a thread's fault, exec from a
 * thread, a leader that exits before its threads. The same binary passes
 * on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

/* uapi/linux/sched.h, which musl's headers do not carry. */
struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0	64
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND	0x100000000ULL
#endif

static const char *self_path;

/* A forked child runs fn, which ends the process its own way; its wait status. */
static int status_of(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(100);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void *spin_forever(void *arg)
{
	for (;;)
		sched_yield();
	return arg;
}

static pthread_t start_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	if (pthread_create(&t, NULL, fn, arg))
		_exit(101);
	return t;
}

/* --- identity ------------------------------------------------------------ */

static long thread_pid, thread_tid;

static void *report_ids(void *arg)
{
	thread_pid = sys0(SYS_getpid);
	thread_tid = sys0(SYS_gettid);
	return arg;
}

static void getpid_is_the_process_gettid_the_thread(void)
{
	pthread_t t = start_thread(report_ids, NULL);

	pthread_join(t, NULL);
	EXPECT(sys0(SYS_gettid) == getpid(), "the main thread's tid is the pid");
	EXPECT(thread_pid == getpid(), "thread's getpid %ld, process %d", thread_pid, getpid());
	EXPECT(thread_tid > 0 && thread_tid != getpid(), "thread's gettid %ld", thread_tid);
	EXPECT(sys0(SYS_getppid) == getppid(), "getppid");
}

/* --- the process ends as one --------------------------------------------- */

static void *exit_group_7(void *arg)
{
	sys1(SYS_exit_group, 7);
	return arg;
}

static void threads_then_exit_group(void)
{
	start_thread(spin_forever, NULL);
	start_thread(spin_forever, NULL);
	start_thread(exit_group_7, NULL);
	spin_forever(NULL);
}

static void exit_group_from_a_thread_ends_every_thread(void)
{
	int status = status_of(threads_then_exit_group);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);
}

static int *volatile null_page;

static void *segfault(void *arg)
{
	*null_page = 1;
	return arg;
}

static void threads_then_segfault(void)
{
	signal(SIGSEGV, SIG_DFL);
	start_thread(spin_forever, NULL);
	start_thread(segfault, NULL);
	spin_forever(NULL);
}

static void sigsegv_in_a_thread_kills_the_process(void)
{
	int status = status_of(threads_then_segfault);

	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x", status);
}

/* --- exec from a thread -------------------------------------------------- */

static char exec_pid_arg[16];

static void *exec_self(void *arg)
{
	char *argv[] = { (char *)self_path, "exec-check", exec_pid_arg, NULL };

	execve(self_path, argv, (char *[]){ NULL });
	_exit(102);
	return arg;
}

static void threads_then_exec(void)
{
	snprintf(exec_pid_arg, sizeof(exec_pid_arg), "%d", getpid());
	start_thread(spin_forever, NULL);
	start_thread(exec_self, NULL);
	spin_forever(NULL);
}

/* The new image: the pid it had, and it is the only thread (its tid is the pid). */
static int exec_check(const char *pid)
{
	if (getpid() != atoi(pid))
		return 1;
	if (sys0(SYS_gettid) != getpid())
		return 2;
	return 42;
}

static void execve_from_a_thread_keeps_the_pid(void)
{
	int status = status_of(threads_then_exec);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	       "status %#x (1: pid changed, 2: tid is not the pid, 102: exec failed)", status);
}

/* --- a leader that goes first -------------------------------------------- */

static volatile int leader_tid_word = 1;
static int leader_pipes[2][2];	/* [0]: thread to parent, [1]: parent to thread */

static void *outlive_the_leader(void *arg)
{
	char c = 'x';

	while (leader_tid_word)	/* zeroed by the kernel as the leader exits */
		sched_yield();
	if (write(leader_pipes[0][1], &c, 1) != 1 || read(leader_pipes[1][0], &c, 1) != 1)
		sys1(SYS_exit_group, 9);
	sys1(SYS_exit, 4);
	return arg;
}

static void leader_exits_first(void)
{
	sys1(SYS_set_tid_address, &leader_tid_word);
	start_thread(outlive_the_leader, NULL);
	sys1(SYS_exit, 3);
}

static void zombie_leader_is_reaped_after_the_last_thread(void)
{
	int status = -1;
	pid_t pid;
	char c;

	if (pipe(leader_pipes[0]) || pipe(leader_pipes[1]))
		return (void)EXPECT(0, "pipe");
	pid = fork();
	if (pid == 0)
		leader_exits_first();
	EXPECT(read(leader_pipes[0][0], &c, 1) == 1, "the thread saw its leader go");
	EXPECT(waitpid(pid, &status, WNOHANG) == 0, "not reapable while a thread lives");
	EXPECT(kill(pid, 0) == 0, "the process still exists");
	EXPECT(write(leader_pipes[1][1], "g", 1) == 1, "let the thread go");
	EXPECT(waitpid(pid, &status, 0) == pid, "reaped");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 4,
	       "status %#x: the last thread's exit code (the leader's was 3)", status);
	for (int i = 0; i < 2; i++)
		close(leader_pipes[i][0]), close(leader_pipes[i][1]);
}

/* --- raw clone ----------------------------------------------------------- */

/*
 * clone() with fn run on @stack_top in the child, which then exits
 * (SYS_exit). The child shares the caller's TLS: fn may only make raw
 * system calls and touch plain memory.
 */
static long raw_clone(unsigned long flags, void *stack_top, int *ptid, int *ctid, void (*fn)(void))
{
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = 0;
	register void (*r9)(void) __asm__("r9") = fn;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t"
			 "call *%%r9\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "D"(flags), "S"(stack_top), "d"(ptid), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static volatile int ctid_word = 0x12345, ptid_word;
static volatile long child_saw_ctid, child_tid;

static void record_ctid(void)
{
	child_tid = sys0(SYS_gettid);
	child_saw_ctid = ctid_word;
}

static void clone_child_cleartid_zeroes_the_word(void)
{
	const unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				    CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
				    CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	size_t size = 64 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long tid;

	if (stack == MAP_FAILED)
		return (void)EXPECT(0, "mmap");
	tid = raw_clone(flags, stack + size, (int *)&ptid_word, (int *)&ctid_word, record_ctid);
	EXPECT(tid > 0, "clone: %ld", tid);
	for (long i = 0; tid > 0 && ctid_word && i < 100000000; i++)
		sched_yield();
	EXPECT(ctid_word == 0, "the word is %#x after the thread exited", ctid_word);
	EXPECT(ptid_word == tid, "CLONE_PARENT_SETTID stored %d, tid %ld", ptid_word, tid);
	EXPECT(child_tid == tid, "the thread's gettid %ld", child_tid);
	EXPECT(child_saw_ctid == tid, "CLONE_CHILD_SETTID stored %ld", child_saw_ctid);
	munmap(stack, size);
}

static long clone3_call(void *args, size_t size)
{
	return sys2(435, args, size);
}

static void bad_clone_flag_combinations_are_einval(void)
{
	struct clone_args ca = { 0 };
	char big[4200] = { 0 };

	EXPECT(sys5(SYS_clone, CLONE_THREAD | SIGCHLD, 0, 0, 0, 0) == -EINVAL, "THREAD alone");
	EXPECT(sys5(SYS_clone, CLONE_THREAD | CLONE_VM, 0, 0, 0, 0) == -EINVAL,
	       "THREAD without SIGHAND");
	EXPECT(sys5(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0) == -EINVAL,
	       "SIGHAND without VM");
	EXPECT(sys5(SYS_clone, CLONE_NEWNS | CLONE_FS, 0, 0, 0, 0) == -EINVAL, "NEWNS with FS");
	EXPECT(clone3_call(&ca, 0) == -EINVAL, "clone3 size 0");
	EXPECT(clone3_call(&ca, 63) == -EINVAL, "clone3 below the first version");
	EXPECT(clone3_call(big, sizeof(big)) == -E2BIG, "clone3 over a page");
	big[100] = 1;
	EXPECT(clone3_call(big, 128) == -E2BIG, "clone3 with unknown non-zero bytes");
	ca.flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
	ca.exit_signal = SIGCHLD;
	EXPECT(clone3_call(&ca, sizeof(ca)) == -EINVAL, "clone3 thread with an exit signal");
	ca = (struct clone_args){ .flags = CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND };
	EXPECT(clone3_call(&ca, sizeof(ca)) == -EINVAL, "clone3 SIGHAND with CLEAR_SIGHAND");
	ca = (struct clone_args){ .stack = 0x10000, .stack_size = 0, .exit_signal = SIGCHLD };
	EXPECT(clone3_call(&ca, sizeof(ca)) == -EINVAL, "clone3 stack without a size");
	ca = (struct clone_args){ .exit_signal = 65 };
	EXPECT(clone3_call(&ca, sizeof(ca)) == -EINVAL, "clone3 exit signal 65");
	ca = (struct clone_args){ .flags = CLONE_DETACHED, .exit_signal = SIGCHLD };
	EXPECT(clone3_call(&ca, sizeof(ca)) == -EINVAL, "clone3 CLONE_DETACHED");
}

/* clone3 makes a process too: fork's equivalent, with CLONE_CHILD_SETTID. */
static void clone3_forks_a_child(void)
{
	int child_tid_word = 0, status = -1;
	struct clone_args ca = {
		.flags = CLONE_CHILD_SETTID | CLONE_PARENT_SETTID,
		.child_tid = (uintptr_t)&child_tid_word,
		.parent_tid = (uintptr_t)&child_tid_word,
		.exit_signal = SIGCHLD,
	};
	long pid = clone3_call(&ca, CLONE_ARGS_SIZE_VER0);

	if (pid == 0)
		_exit(child_tid_word == sys0(SYS_getpid) ? 5 : 6);
	EXPECT(pid > 0, "clone3: %ld", pid);
	EXPECT(child_tid_word == pid, "parent's word %d", child_tid_word);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	       "status %#x (6: the child's word was not its tid)", status);
}

/* --- many threads -------------------------------------------------------- */

#define NTHREADS	64
#define NROUNDS		2000

static unsigned long shared_count;
static long worker_tids[NTHREADS];

static void *count_job(void *arg)
{
	long i = (long)arg;

	worker_tids[i] = sys0(SYS_gettid);
	for (int n = 0; n < NROUNDS; n++) {
		__atomic_fetch_add(&shared_count, 1, __ATOMIC_RELAXED);
		if (!(n % 256))
			sched_yield();
	}
	return (void *)(i + 1);
}

static void sixty_four_threads_do_a_counted_job(void)
{
	pthread_t t[NTHREADS];
	pthread_attr_t attr;
	int started = 0, joined = 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (long i = 0; i < NTHREADS; i++)
		if (!pthread_create(&t[i], &attr, count_job, (void *)i))
			started++;
		else
			break;
	EXPECT(started == NTHREADS, "%d threads started", started);
	for (long i = 0; i < started; i++) {
		void *ret = NULL;

		if (!pthread_join(t[i], &ret) && ret == (void *)(i + 1))
			joined++;
	}
	EXPECT(joined == started, "%d of %d joined with their values", joined, started);
	EXPECT(shared_count == (unsigned long)started * NROUNDS, "count %lu", shared_count);
	for (int i = 0; i < started; i++)
		for (int j = i + 1; j < started; j++)
			if (worker_tids[i] == worker_tids[j] || worker_tids[i] == getpid())
				return (void)EXPECT(0, "tid %ld repeated", worker_tids[i]);
}

/* --- churn ---------------------------------------------------------------- */

static volatile long churn_signals, churn_last_tid;
static volatile int stop_storm;

static void count_signal(int sig)
{
	churn_signals++;
	(void)sig;
}

static void *short_lived(void *arg)
{
	churn_last_tid = sys0(SYS_gettid);
	for (int i = 0; i < 100; i++)
		sched_yield();
	return arg;
}

static void *signal_storm(void *arg)
{
	while (!stop_storm) {
		kill(getpid(), SIGUSR1);
		sys3(SYS_tgkill, getpid(), churn_last_tid, SIGUSR1);
	}
	return arg;
}

/*
 * Threads created and exiting while another thread signals the process
 * and the latest of them: every signal lands on some live thread (or
 * ESRCH), none is lost to an exiting one for good, nothing breaks.
 */
static void signals_while_threads_come_and_go(void)
{
	struct sigaction sa = { .sa_handler = count_signal, .sa_flags = SA_RESTART };
	pthread_t storm, t[4];
	int made = 0;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	churn_signals = 0;
	churn_last_tid = getpid();
	stop_storm = 0;
	if (pthread_create(&storm, NULL, signal_storm, NULL))
		return (void)EXPECT(0, "pthread_create");
	for (int round = 0; round < 100; round++) {
		for (int i = 0; i < 4; i++)
			if (!pthread_create(&t[i], NULL, short_lived, NULL))
				made++;
		for (int i = 0; i < 4; i++)
			pthread_join(t[i], NULL);
	}
	stop_storm = 1;
	pthread_join(storm, NULL);
	signal(SIGUSR1, SIG_DFL);
	EXPECT(made == 400, "%d threads made", made);
	EXPECT(churn_signals > 0, "%ld signals handled", churn_signals);
}

static volatile long spawned;

static void *spawn_forever(void *arg)
{
	for (;;) {
		pthread_t t;

		if (!pthread_create(&t, NULL, short_lived, NULL)) {
			pthread_detach(t);
			__atomic_fetch_add(&spawned, 1, __ATOMIC_RELAXED);
		}
	}
	return arg;
}

static void *exit_group_later(void *arg)
{
	while (spawned < 20)
		sched_yield();
	sys1(SYS_exit_group, 11);
	return arg;
}

static void threads_spawning_then_exit_group(void)
{
	start_thread(spawn_forever, NULL);
	start_thread(spawn_forever, NULL);
	start_thread(exit_group_later, NULL);
	spin_forever(NULL);
}

/* exit_group() while two threads keep creating threads: it still ends them all. */
static void exit_group_while_threads_are_being_created(void)
{
	for (int i = 0; i < 5; i++) {
		int status = status_of(threads_spawning_then_exit_group);

		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 11, "round %d: status %#x",
		       i, status);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(getpid_is_the_process_gettid_the_thread),
	KTAP_CASE(exit_group_from_a_thread_ends_every_thread),
	KTAP_CASE(sigsegv_in_a_thread_kills_the_process),
	KTAP_CASE(execve_from_a_thread_keeps_the_pid),
	KTAP_CASE(zombie_leader_is_reaped_after_the_last_thread),
	KTAP_CASE(clone_child_cleartid_zeroes_the_word),
	KTAP_CASE(bad_clone_flag_combinations_are_einval),
	KTAP_CASE(clone3_forks_a_child),
	KTAP_CASE(sixty_four_threads_do_a_counted_job),
	KTAP_CASE(signals_while_threads_come_and_go),
	KTAP_CASE(exit_group_while_threads_are_being_created),
};

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc == 3 && !strcmp(argv[1], "exec-check"))
		return exec_check(argv[2]);
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
