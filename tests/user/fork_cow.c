// SPDX-License-Identifier: MIT
/*
 * Processes and memory: fork with copy-on-write (each side sees only its
 * own writes, in .bss, .data, the stack, brk and mmap'd memory), vfork,
 * execve with argv/envp/auxv, wait4 and Linux's status encoding, demand
 * paging of a 64 MiB mapping and its release on munmap, and exhaustion
 * answered with -ENOMEM while the process carries on.
 *
 * The child checks what it sees and exits 0 or with the number of the
 * check that failed; where the parent must know the child is still there,
 * the child waits on a pipe for the parent's word, never for a time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define PAGE	4096ul
#define MiB	(1024ul * 1024)

static const char *self_path;
static char bss_array[1 << 20];
static char data_array[64 << 10] = { 'd' };
static int exec_marker = 1;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys2(SYS_nanosleep, &ts, NULL);
}

/* The first offset in @p not equal to @c, or -1. */
static long first_mismatch(const volatile char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i += 61)
		if (p[i] != c)
			return i;
	return p[len - 1] == c ? -1 : (long)len - 1;
}

static void fill(volatile char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i++)
		p[i] = c;
}

/*
 * The COW check on one buffer: filled with 'o' before fork, the child
 * checks 'o', writes 'c' and, after the parent has had time to write 'p',
 * checks 'c'; the parent writes 'p' at once and checks 'p' once the child
 * is gone. Child exit codes: 1 saw a parent's write, 2 lost its own.
 */
static void expect_private_after_fork(volatile char *buf, size_t len, const char *what)
{
	int status = 0;
	pid_t pid;
	long off;

	fill(buf, len, 'o');
	pid = fork();
	if (pid == 0) {
		if (first_mismatch(buf, len, 'o') >= 0)
			_exit(1);
		fill(buf, len, 'c');
		sleep_ms(20);
		_exit(first_mismatch(buf, len, 'c') >= 0 ? 2 : 0);
	}
	if (!EXPECT(pid > 0, "fork: %s", strerror(errno)))
		return;
	fill(buf, len, 'p');
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "%s: child status %#x (exit 1: saw the parent's write, 2: lost its own)",
	       what, status);
	off = first_mismatch(buf, len, 'p');
	EXPECT(off < 0, "%s: parent sees %#x at offset %ld", what, buf[off < 0 ? 0 : off], off);
}

static void fork_cow_bss(void)
{
	expect_private_after_fork(bss_array, sizeof(bss_array), ".bss");
}

static void fork_cow_data(void)
{
	expect_private_after_fork(data_array, sizeof(data_array), ".data");
}

static void fork_cow_stack(void)
{
	volatile char stack_buf[32 << 10];

	expect_private_after_fork(stack_buf, sizeof(stack_buf), "stack");
}

static void fork_cow_malloc(void)
{
	char *small = malloc(200), *big = malloc(1 * MiB);

	if (!EXPECT(small && big, "malloc"))
		return;
	expect_private_after_fork(small, 200, "small malloc");
	expect_private_after_fork(big, 1 * MiB, "1 MiB malloc");
	free(small);
	free(big);
}

static void fork_cow_mmap_and_brk(void)
{
	char *m = mmap(NULL, 256 << 10, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long cur = sys1(SYS_brk, 0), grown;

	if (EXPECT(m != MAP_FAILED, "mmap")) {
		expect_private_after_fork(m, 256 << 10, "mmap");
		munmap(m, 256 << 10);
	}
	grown = sys1(SYS_brk, cur + (128 << 10));
	if (EXPECT(grown == cur + (128 << 10), "brk %#lx -> %#lx", cur, grown)) {
		expect_private_after_fork((char *)cur, 128 << 10, "brk");
		EXPECT(sys1(SYS_brk, cur) == cur, "brk shrinks back");
	}
}

static void fork_child_sees_its_parent(void)
{
	pid_t parent = getpid(), pid = fork();
	int status = 0;

	if (pid == 0)
		_exit(sys0(SYS_getppid) == parent && getpid() != parent ? 0 : 1);
	EXPECT(pid > 0 && pid != parent, "fork returned %d", pid);
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(status == 0, "child status %#x", status);
}

/* wait4 status words: exit code << 8, or the signal number (| 0x80 for a core). */
static void wait4_encodes_exit_status(void)
{
	static const int codes[] = { 0, 1, 42, 255, 256 + 3 };

	for (unsigned int i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int status = -1;
		pid_t pid = fork();

		if (pid == 0)
			sys1(SYS_exit_group, codes[i]);
		EXPECT(sys4(SYS_wait4, pid, &status, 0, NULL) == pid, "wait4");
		EXPECT(status == (codes[i] & 0xff) << 8, "exit(%d) gave status %#x",
		       codes[i], status);
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == (codes[i] & 0xff),
		       "WEXITSTATUS");
	}
}

static void wait4_encodes_termination_signal(void)
{
	static const int sigs[] = { SIGKILL, SIGTERM, SIGUSR1, SIGSEGV };

	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int status = -1;
		pid_t pid = fork();

		if (pid == 0) {
			volatile int *volatile bad = (int *)8;

			if (sigs[i] == SIGSEGV)
				*bad = 1;
			else
				sys2(SYS_kill, sys0(SYS_getpid), sigs[i]);
			_exit(99);
		}
		EXPECT(sys4(SYS_wait4, pid, &status, 0, NULL) == pid, "wait4");
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i],
		       "signal %d gave status %#x", sigs[i], status);
		EXPECT((status & 0x7f) == sigs[i] && !(status & 0xff00),
		       "status word %#x", status);
	}
}

static void wait4_wnohang_returns_zero_while_child_runs(void)
{
	int status = -1, go[2];
	pid_t pid;
	long ret;
	char c = 'x';

	if (!EXPECT(pipe(go) == 0, "pipe: %s", strerror(errno)))
		return;
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		_exit(read(go[0], &c, 1) == 1 ? 5 : 6);	/* until the parent has looked */
	}
	close(go[0]);
	ret = sys4(SYS_wait4, pid, &status, WNOHANG, NULL);
	EXPECT(ret == 0, "wait4(WNOHANG) on a running child: %ld", ret);
	EXPECT(write(go[1], &c, 1) == 1, "write to the child's pipe");
	close(go[1]);
	EXPECT(sys4(SYS_wait4, pid, &status, 0, NULL) == pid, "blocking wait4");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 5, "status %#x", status);
}

static void wait4_any_reaps_each_child_once(void)
{
	pid_t pids[3];
	int seen = 0, status;
	long ret;

	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < 3; n++) {
		ret = sys4(SYS_wait4, -1, &status, 0, NULL);
		for (int i = 0; i < 3; i++) {
			if (ret == pids[i]) {
				EXPECT(!(seen & (1 << i)), "pid %ld reaped twice", ret);
				EXPECT(WEXITSTATUS(status) == 10 + i, "status %#x", status);
				seen |= 1 << i;
			}
		}
	}
	EXPECT(seen == 7, "reaped set %#x", seen);
	ret = sys4(SYS_wait4, -1, &status, WNOHANG, NULL);
	EXPECT(ret == -ECHILD, "wait4 with no children left: %ld", ret);
}

static volatile int vfork_word;

static void vfork_shares_memory_until_exit(void)
{
	int status = -1;
	pid_t pid;

	vfork_word = 0;
	pid = vfork();
	if (pid == 0) {
		/* The parent is suspended: it can only see 2 if it waited. */
		sleep_ms(20);
		vfork_word = 2;
		_exit(7);
	}
	EXPECT(pid > 0, "vfork");
	EXPECT(vfork_word == 2, "the parent ran on before the child exited (word %d)",
	       vfork_word);
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);
}

/* The exec'd copy of this program: exit 0 when the new image is right. */
static int exec_child(int argc, char **argv)
{
	const char *v = getenv("REFLEX_EXEC");

	if (argc != 3 || strcmp(argv[2], "two words"))
		return 1;
	if (!v || strcmp(v, "42"))
		return 2;
	if (exec_marker != 1)		/* the parent set it to 2 before exec */
		return 3;
	if (getauxval(AT_PAGESZ) != PAGE || !getauxval(AT_RANDOM) ||
	    !getauxval(AT_PHDR) || !getauxval(AT_ENTRY))
		return 4;
	return 0;
}

static void execve_starts_a_fresh_image(void)
{
	char *const argv[] = { (char *)self_path, "--exec-child", "two words", NULL };
	char *const envp[] = { "REFLEX_EXEC=42", NULL };
	int status = -1;
	pid_t pid;

	exec_marker = 2;
	pid = fork();
	if (pid == 0) {
		sys3(SYS_execve, self_path, argv, envp);
		_exit(100);
	}
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "exec'd child status %#x (1 argv, 2 envp, 3 old memory, 4 auxv, 100 exec failed)",
	       status);
}

static void vfork_then_execve(void)
{
	char *const argv[] = { (char *)self_path, "--exec-child", "two words", NULL };
	char *const envp[] = { "REFLEX_EXEC=42", NULL };
	int status = -1;
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		sys3(SYS_execve, self_path, argv, envp);
		_exit(100);
	}
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

static void execve_of_a_missing_file_returns_enoent(void)
{
	char *const argv[] = { "/nonexistent/program", NULL };
	long ret = sys3(SYS_execve, "/nonexistent/program", argv, NULL);

	EXPECT(ret == -ENOENT, "execve: %ld", ret);
	EXPECT(sys0(SYS_getpid) == getpid(), "still running");
}

/*
 * 64 MiB: nothing is allocated until touched, every page reads zero and
 * keeps what is written, and munmap gives the memory back. Judged by
 * held_kib() (RssAnon on Linux, used memory on reflex) with some slack.
 */
static void anon_64mib_is_demand_paged_and_released(void)
{
	const size_t len = 64 * MiB;
	long before, mapped, touched, after;
	const char *src = "";
	char *p;
	size_t i;
	int bad = 0;

	before = held_kib(&src);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(p != MAP_FAILED, "mmap 64 MiB: %s", strerror(errno)))
		return;
	mapped = held_kib(&src);
	for (i = 0; i < len; i += PAGE) {
		bad += p[i] != 0;
		p[i] = (char)(i / PAGE);
	}
	touched = held_kib(&src);
	for (i = 0; i < len; i += PAGE)
		bad += p[i] != (char)(i / PAGE);
	EXPECT(!bad, "%d pages read back wrong", bad);
	EXPECT(munmap(p, len) == 0, "munmap");
	after = held_kib(&src);
	if (before < 0) {
		ktap_skip("no /proc/self/status or /proc/meminfo to judge allocation by");
		return;
	}
	ktap_diag("%s KiB: before %ld, mapped %ld, touched %ld, unmapped %ld",
		  src, before, mapped, touched, after);
	EXPECT(mapped - before < 8 * 1024, "mapping alone took %ld KiB", mapped - before);
	EXPECT(touched - mapped > 48 * 1024, "touching 64 MiB took only %ld KiB",
	       touched - mapped);
	EXPECT(touched - after > 48 * 1024, "munmap gave back only %ld KiB",
	       touched - after);
}

static void munmap_then_mmap_fixed_gives_zero_pages(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *q;

	if (!EXPECT(p != MAP_FAILED, "mmap"))
		return;
	memset(p, 0x5a, 4 * PAGE);
	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT(q == p + PAGE, "MAP_FIXED placed at %p, asked %p", q, p + PAGE);
	EXPECT(q[0] == 0 && q[PAGE - 1] == 0, "the replaced page is zero");
	EXPECT(p[0] == 0x5a && p[2 * PAGE] == 0x5a, "the neighbours are kept");
	EXPECT(mprotect(p, PAGE, PROT_READ) == 0, "mprotect");
	EXPECT(p[0] == 0x5a, "still readable");
	EXPECT(munmap(p, 4 * PAGE) == 0, "munmap");
}

/* 2 MiB below the current frame, touched from the top as a stack grows. */
static __attribute__((noinline)) int touch_deep_stack(void)
{
	volatile char big[2 << 20];
	int sum = 0;

	for (long i = sizeof(big) - 1; i >= 0; i -= PAGE)
		big[i] = (char)i;
	for (long i = sizeof(big) - 1; i >= 0; i -= PAGE)
		sum += big[i] == (char)i;
	return sum;
}

static void stack_grows_on_demand(void)
{
	EXPECT(touch_deep_stack() == (2 << 20) / PAGE, "pages of the grown stack read back");
}

static __attribute__((noinline)) int recurse_forever(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	if (depth == 1 << 30)		/* 4 TiB of stack: never reached */
		return 0;
	return recurse_forever(depth + 1) + frame[0];
}

/* Past the stack limit, growth stops with SIGSEGV (Linux: RLIMIT_STACK). */
static void stack_overflow_kills_with_sigsegv(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(recurse_forever(0));
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x", status);
}

/* n bytes of stack below the current frame, touched from the top down. */
static __attribute__((noinline)) int touch_stack_below(long n)
{
	volatile char big[n];

	for (long i = n - 1; i >= 0; i -= PAGE)
		big[i] = 1;
	return big[n - 1];
}

/* Growth by 4 MiB in a child, under limit (bytes, 0 for the default). */
static int grow_stack_in_child(unsigned long limit)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit r = { limit, RLIM_INFINITY };

		if (limit && setrlimit(RLIMIT_STACK, &r))
			_exit(3);
		_exit(touch_stack_below(4 << 20) == 1 ? 0 : 4);
	}
	waitpid(pid, &status, 0);
	return status;
}

/* Linux's acct_stack_growth: the stack may not grow past RLIMIT_STACK. */
static void stack_growth_honours_rlimit_stack(void)
{
	int status = grow_stack_in_child(0);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "4 MiB under the default 8 MiB: status %#x", status);
	status = grow_stack_in_child(1 << 20);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "4 MiB under a 1 MiB limit: status %#x", status);
}

static int overcommit_always(void)
{
	char c = 0;
	long fd = sys3(SYS_open, "/proc/sys/vm/overcommit_memory", O_RDONLY, 0);

	if (fd < 0)
		return 0;
	sys3(SYS_read, fd, &c, 1);
	sys1(SYS_close, fd);
	return c == '1';
}

static void mmap_exhaustion_returns_enomem(void)
{
	const int prot = PROT_READ | PROT_WRITE, flags = MAP_PRIVATE | MAP_ANONYMOUS;
	long ret;

	ret = sys6(SYS_mmap, 0, 1ul << 50, prot, flags, -1, 0);
	EXPECT(ret == -ENOMEM, "mmap beyond the address space: %#lx", ret);
	ret = sys6(SYS_mmap, 0xffff888000000000ul, PAGE, prot, flags | MAP_FIXED, -1, 0);
	EXPECT(ret == -ENOMEM, "MAP_FIXED in the kernel half: %#lx", ret);
	if (overcommit_always()) {
		ktap_diag("vm.overcommit_memory=1 grants 1 TiB; not asked");
		return;
	}
	ret = sys6(SYS_mmap, 0, 1ul << 40, prot, flags, -1, 0);
	EXPECT(ret == -ENOMEM, "mmap of 1 TiB: %#lx", ret);
	if (ret > 0)
		munmap((void *)ret, 1ul << 40);
}

/* brk's failure is the old break (Linux's raw semantics; libc makes it ENOMEM). */
static void brk_exhaustion_keeps_the_break(void)
{
	long cur = sys1(SYS_brk, 0), ret;

	EXPECT(cur > 0, "brk(0) = %#lx", cur);
	ret = sys1(SYS_brk, 1ul << 47);
	EXPECT(ret == cur, "brk beyond the address space: %#lx (break %#lx)", ret, cur);
	ret = sys1(SYS_brk, 0xffff888000000000ul);
	EXPECT(ret == cur, "brk into the kernel half: %#lx", ret);
	if (!overcommit_always()) {
		ret = sys1(SYS_brk, cur + (1l << 40));
		EXPECT(ret == cur, "brk 1 TiB away: %#lx", ret);
	}
	EXPECT(sys1(SYS_brk, 0) == cur, "the break is unchanged");
}

static void process_carries_on_after_exhaustion(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = -1;
	pid_t pid;

	EXPECT(p != MAP_FAILED, "a page is still available");
	if (p != MAP_FAILED) {
		p[0] = 1;
		munmap(p, PAGE);
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid && status == 0, "fork still works");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(fork_cow_bss),
	KTAP_CASE(fork_cow_data),
	KTAP_CASE(fork_cow_stack),
	KTAP_CASE(fork_cow_malloc),
	KTAP_CASE(fork_cow_mmap_and_brk),
	KTAP_CASE(fork_child_sees_its_parent),
	KTAP_CASE(wait4_encodes_exit_status),
	KTAP_CASE(wait4_encodes_termination_signal),
	KTAP_CASE(wait4_wnohang_returns_zero_while_child_runs),
	KTAP_CASE(wait4_any_reaps_each_child_once),
	KTAP_CASE(vfork_shares_memory_until_exit),
	KTAP_CASE(execve_starts_a_fresh_image),
	KTAP_CASE(vfork_then_execve),
	KTAP_CASE(execve_of_a_missing_file_returns_enoent),
	KTAP_CASE(anon_64mib_is_demand_paged_and_released),
	KTAP_CASE(munmap_then_mmap_fixed_gives_zero_pages),
	KTAP_CASE(stack_grows_on_demand),
	KTAP_CASE(stack_overflow_kills_with_sigsegv),
	KTAP_CASE(stack_growth_honours_rlimit_stack),
	KTAP_CASE(mmap_exhaustion_returns_enomem),
	KTAP_CASE(brk_exhaustion_keeps_the_break),
	KTAP_CASE(process_carries_on_after_exhaustion),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return exec_child(argc, argv);
	self_path = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
