// SPDX-License-Identifier: MIT
/*
 * The system-call ABI as a static musl program sees it: SYSCALL with the
 * x86-64 numbers and int $0x80 with the i386 ones return the same answers,
 * preserve every register the ABI promises (SYSCALL: all but RAX, RCX and
 * R11, which come back as the return address and RFLAGS; int $0x80: all but
 * RAX), unknown numbers give -ENOSYS, and every call taking a pointer gives
 * -EFAULT for NULL, kernel-half, non-canonical, unmapped and partly mapped
 * buffers, without harming the caller.
 *
 * Linux answers read() and write() on a partly mapped buffer with a short
 * count (the bytes before the hole) rather than -EFAULT; both are accepted
 * there, and the diagnostic line says which one the kernel chose.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <poll.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

struct gpr {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rflags, next;
};

void regs_probe_syscall(const struct gpr *in, struct gpr *out);
void regs_probe_int80(const struct gpr *in, struct gpr *out);

static const char *const gpr_names[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9",
	"r10", "r11", "r12", "r13", "r14", "r15",
};

#define X86_EFLAGS_CF	0x00000001
#define X86_EFLAGS_FIXED 0x00000002
#define X86_EFLAGS_PF	0x00000004
#define X86_EFLAGS_AF	0x00000010
#define X86_EFLAGS_ZF	0x00000040
#define X86_EFLAGS_SF	0x00000080
#define X86_EFLAGS_IF	0x00000200
#define X86_EFLAGS_DF	0x00000400
#define X86_EFLAGS_OF	0x00000800
#define X86_EFLAGS_AC	0x00040000
#define X86_EFLAGS_RF	0x00010000

/* Flags user space may set with popf and expect back. */
#define USER_FLAGS	(X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
			 X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_DF | \
			 X86_EFLAGS_OF | X86_EFLAGS_AC)

static const char *self_path;

/* Distinct 64-bit patterns, upper halves set, so truncation shows. */
static void gpr_fill(struct gpr *g, uint64_t nr, uint64_t flags)
{
	uint64_t *r = &g->rax;
	int i;

	for (i = 0; i < 15; i++)
		r[i] = 0xa5a5000000000000ull | ((uint64_t)(i + 1) << 40) |
		       ((uint64_t)(i + 1) * 0x01010101ull);
	g->rax = nr;
	g->rflags = flags | X86_EFLAGS_FIXED;
	g->next = 0;
}

/* Compare every register except those in @skip (bit i = gpr_names[i]). */
static void expect_gprs_preserved(const struct gpr *in, const struct gpr *out,
				  unsigned int skip)
{
	const uint64_t *a = &in->rax, *b = &out->rax;
	int i;

	for (i = 0; i < 15; i++) {
		if (skip & (1u << i))
			continue;
		EXPECT(a[i] == b[i], "%s went in as %#llx, came back %#llx",
		       gpr_names[i], (unsigned long long)a[i],
		       (unsigned long long)b[i]);
	}
}

static void syscall_and_libc_agree_on_identity(void)
{
	long pid = sys0(SYS_getpid);

	EXPECT(pid > 0, "getpid = %ld", pid);
	EXPECT(pid == getpid(), "%ld vs %d", pid, getpid());
	EXPECT(sys0(SYS_gettid) == pid, "a single thread's tid is its pid");
	EXPECT(sys0(SYS_getppid) == getppid(), "getppid");
	EXPECT(sys0(SYS_getuid) >= 0 && sys0(SYS_geteuid) >= 0, "uid calls");
	EXPECT(sys0(SYS_getgid) >= 0 && sys0(SYS_getegid) >= 0, "gid calls");
	EXPECT(sys1(SYS_set_tid_address, NULL) == pid, "set_tid_address returns the tid");
}

static void int80_getpid_matches_syscall(void)
{
	long a = int80(NR32_getpid, 0, 0, 0), b = sys0(SYS_getpid);

	EXPECT(a == b, "int $0x80 getpid %ld, SYSCALL getpid %ld", a, b);
}

static void int80_brk_matches_syscall(void)
{
	long a = int80(NR32_brk, 0, 0, 0), b = sys1(SYS_brk, 0);

	EXPECT(a == b && a > 0, "int $0x80 brk(0) %#lx, SYSCALL brk(0) %#lx", a, b);
}

static char int80_msg[64];	/* .bss: below 4 GiB in a static non-PIE image */

static void int80_write_writes_the_buffer(void)
{
	long len, ret;

	/* int $0x80 passes 32-bit pointers. */
	if ((uintptr_t)int80_msg >> 32) {
		ktap_skip("the image is above 4 GiB (PIE?)");
		return;
	}
	len = snprintf(int80_msg, sizeof(int80_msg), "%*s# written through int $0x80\n",
		       ktap_indent, "");
	ret = int80(NR32_write, 1, (long)int80_msg, len);
	EXPECT(ret == len, "write returned %ld", ret);
}

/* The x86 calls a 32-bit program uses for its segments and ports are in the i386 table. */
static void int80_ldt_and_port_calls(void)
{
	EXPECT(int80(NR32_modify_ldt, 0, (long)int80_msg, 0) == 0, "modify_ldt read of 0 bytes");
	if (sys1(SYS_iopl, 0) == -ENOSYS) {
		ktap_skip("iopl, ioperm: ENOSYS (a kernel without CONFIG_X86_IOPL_IOPERM)");
		return;
	}
	EXPECT(int80(NR32_iopl, 0, 0, 0) == 0, "iopl(0)");
	EXPECT(int80(NR32_ioperm, 0x80, 1, 0) == 0, "ioperm off");
}

static void int80_exit_ends_the_process_with_status(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int80(NR32_exit, 7, 0, 0);
		_exit(99);
	}
	EXPECT(pid > 0, "fork: %d", pid);
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	       "status %#x", status);
}

static void syscall_preserves_all_but_rax_rcx_r11(void)
{
	struct gpr in, out;

	gpr_fill(&in, SYS_getppid, 0);
	regs_probe_syscall(&in, &out);
	EXPECT((long)out.rax == getppid(), "rax = %#llx", (unsigned long long)out.rax);
	/* rax, rcx (bit 2), r11 (bit 10) */
	expect_gprs_preserved(&in, &out, 1u << 0 | 1u << 2 | 1u << 10);
}

static void syscall_returns_rip_in_rcx_and_rflags_in_r11(void)
{
	struct gpr in, out;

	gpr_fill(&in, SYS_getppid, X86_EFLAGS_CF | X86_EFLAGS_ZF);
	regs_probe_syscall(&in, &out);
	EXPECT(out.rcx == out.next, "rcx %#llx, next instruction %#llx",
	       (unsigned long long)out.rcx, (unsigned long long)out.next);
	EXPECT((out.r11 & ~X86_EFLAGS_RF) == (out.rflags & ~X86_EFLAGS_RF),
	       "r11 %#llx, rflags %#llx", (unsigned long long)out.r11,
	       (unsigned long long)out.rflags);
}

static void syscall_preserves_user_flags(void)
{
	struct gpr in, out;

	gpr_fill(&in, SYS_getppid, USER_FLAGS);
	regs_probe_syscall(&in, &out);
	EXPECT((out.rflags & USER_FLAGS) == USER_FLAGS,
	       "rflags %#llx, wanted bits %#x set", (unsigned long long)out.rflags,
	       USER_FLAGS);
	EXPECT(out.rflags & X86_EFLAGS_IF, "IF came back clear");
	gpr_fill(&in, SYS_getppid, 0);
	regs_probe_syscall(&in, &out);
	EXPECT(!(out.rflags & USER_FLAGS), "rflags %#llx, wanted them clear",
	       (unsigned long long)out.rflags);
}

static void int80_preserves_all_but_rax(void)
{
	struct gpr in, out;

	gpr_fill(&in, NR32_getpid, USER_FLAGS);
	regs_probe_int80(&in, &out);
	EXPECT((long)out.rax == getpid(), "rax = %#llx", (unsigned long long)out.rax);
	expect_gprs_preserved(&in, &out, 1u << 0);
	EXPECT((out.rflags & USER_FLAGS) == USER_FLAGS, "rflags %#llx",
	       (unsigned long long)out.rflags);
	gpr_fill(&in, NR32_getpid, 0);
	regs_probe_int80(&in, &out);
	expect_gprs_preserved(&in, &out, 1u << 0);
	EXPECT(!(out.rflags & USER_FLAGS), "rflags %#llx",
	       (unsigned long long)out.rflags);
}

/*
 * Linux reads the number as an int: the upper half of RAX is ignored, so
 * every number here is invalid in its low 32 bits too. 423 sits in the gap
 * Linux keeps below the numbers shared with the other architectures (335
 * and 336, once in that gap, are uretprobe and uprobe since Linux 6.11).
 */
static const uint64_t bad_numbers[] = {
	400, 423, 512, 1000, 4095, 0x40000000ull + 1000, 0x7fffffffull,
	0x80000000ull, 0xffffffffull, 0x100000000ull + 1000,
	(uint64_t)-1, (uint64_t)-2, (uint64_t)-4096, 0x8000000000000000ull + 1000,
};

static void unknown_syscall_numbers_return_enosys(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(bad_numbers) / sizeof(bad_numbers[0]); i++) {
		long ret = sys6((long)bad_numbers[i], 1, 2, 3, 4, 5, 6);

		EXPECT(ret == -ENOSYS, "syscall %#llx returned %ld",
		       (unsigned long long)bad_numbers[i], ret);
	}
}

static void unknown_int80_numbers_return_enosys(void)
{
	static const uint64_t nrs[] = {
		1000, 4095, 0x7fffffffull, 0xffffffffull, (uint64_t)-1,
		(uint64_t)-2, 0x100000000ull + 1000,
	};
	unsigned int i;

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		long ret = int80((long)nrs[i], 0, 0, 0);

		EXPECT(ret == -ENOSYS, "int $0x80 %#llx returned %ld",
		       (unsigned long long)nrs[i], ret);
	}
}

/*
 * Bad pointers. "straddle" is computed per object size: it starts half the
 * object before the end of a mapped page whose successor is unmapped.
 */
static char *hole;		/* an unmapped page */
static char *edge;		/* first byte of an unmapped page after a mapped one */

static int bad_pointers_init(void)
{
	char *p;

	if (hole)
		return 0;
	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	memset(p, 'a', 4096);
	munmap(p + 4096, 2 * 4096);
	edge = p + 4096;
	hole = p + 2 * 4096;
	return 0;
}

enum { BAD_NULL, BAD_KERNEL, BAD_NONCANONICAL, BAD_UNMAPPED, BAD_STRADDLE, NR_BAD };
static const char *const bad_names[] = {
	"NULL", "kernel half", "non-canonical", "unmapped", "partly mapped",
};

static void *bad_pointer(int kind, size_t size)
{
	switch (kind) {
	case BAD_NULL:		return NULL;
	case BAD_KERNEL:	return (void *)0xffff888000000000ul;
	case BAD_NONCANONICAL:	return (void *)0x0000800000000000ul;
	case BAD_UNMAPPED:	return hole;
	default:
		/* Earlier calls may have left NULs here; a path must find none. */
		memset(edge - 4096, 'a', 4096);
		return edge - (size > 1 ? size / 2 : 1);
	}
}

/* -EFAULT for every kind of bad pointer (first from @from_kind). */
#define EXPECT_EFAULT(call_name, size, from_kind, expr) do {		\
	int kind;							\
	for (kind = (from_kind); kind < NR_BAD; kind++) {		\
		void *bad = bad_pointer(kind, (size));			\
		long ret = (expr);					\
		EXPECT(ret == -EFAULT, "%s with a %s pointer %p: %ld",	\
		       call_name, bad_names[kind], bad, ret);		\
	}								\
} while (0)

static void read_rejects_bad_buffers(void)
{
	long fd, ret;
	char *bad;
	int kind;

	if (bad_pointers_init()) {
		EXPECT(0, "mmap failed");
		return;
	}
	fd = sys3(SYS_open, self_path, O_RDONLY, 0);
	if (!EXPECT(fd >= 0, "open %s: %ld", self_path, fd))
		return;
	for (kind = 0; kind < BAD_STRADDLE; kind++) {
		bad = bad_pointer(kind, 64);
		ret = sys3(SYS_read, fd, bad, 64);
		EXPECT(ret == -EFAULT, "read into a %s buffer: %ld", bad_names[kind], ret);
	}
	sys3(SYS_lseek, fd, 0, SEEK_SET);
	bad = edge - 16;
	ret = sys3(SYS_read, fd, bad, 64);
	EXPECT(ret == -EFAULT || ret == 16,
	       "read into a partly mapped buffer: %ld (-EFAULT or the 16 mapped bytes)", ret);
	ktap_diag("read into a partly mapped buffer gave %ld", ret);
	EXPECT(sys3(SYS_read, fd, NULL, 0) == 0, "read of 0 bytes into NULL");
	sys1(SYS_close, fd);
}

static void write_rejects_bad_buffers(void)
{
	static const char line[16] = "# straddle test\n";
	long ret;
	int kind;

	if (bad_pointers_init()) {
		EXPECT(0, "mmap failed");
		return;
	}
	for (kind = 0; kind < BAD_STRADDLE; kind++) {
		ret = sys3(SYS_write, 1, bad_pointer(kind, 64), 64);
		EXPECT(ret == -EFAULT, "write from a %s buffer: %ld", bad_names[kind], ret);
	}
	/* The mapped part is a KTAP diagnostic, should the kernel write it. */
	memcpy(edge - 16, line, 16);
	ret = sys3(SYS_write, 1, edge - 16, 64);
	EXPECT(ret == -EFAULT || ret == 16,
	       "write from a partly mapped buffer: %ld (-EFAULT or the 16 mapped bytes)", ret);
	ktap_diag("write from a partly mapped buffer gave %ld", ret);
}

static void vectored_io_rejects_bad_pointers(void)
{
	struct iovec iov;
	long fd;

	if (bad_pointers_init()) {
		EXPECT(0, "mmap failed");
		return;
	}
	fd = sys3(SYS_open, self_path, O_RDONLY, 0);
	if (!EXPECT(fd >= 0, "open %s: %ld", self_path, fd))
		return;
	EXPECT_EFAULT("writev iov", sizeof(iov), 0, sys3(SYS_writev, 1, bad, 1));
	EXPECT_EFAULT("readv iov", sizeof(iov), 0, sys3(SYS_readv, fd, bad, 1));
	iov.iov_len = 32;
	for (int kind = 0; kind < BAD_STRADDLE; kind++) {
		iov.iov_base = bad_pointer(kind, 32);
		long ret = sys3(SYS_writev, 1, &iov, 1);
		EXPECT(ret == -EFAULT, "writev from a %s iov_base: %ld", bad_names[kind], ret);
	}
	iov.iov_base = hole;
	EXPECT(sys3(SYS_readv, fd, &iov, 1) == -EFAULT, "readv into a hole");
	sys1(SYS_close, fd);
}

static void struct_calls_reject_bad_pointers(void)
{
	long ret;

	if (bad_pointers_init()) {
		EXPECT(0, "mmap failed");
		return;
	}
	EXPECT_EFAULT("clock_gettime", sizeof(struct timespec), 0,
		      sys2(SYS_clock_gettime, CLOCK_MONOTONIC, bad));
	EXPECT_EFAULT("clock_gettime(REALTIME)", sizeof(struct timespec), 0,
		      sys2(SYS_clock_gettime, CLOCK_REALTIME, bad));
	EXPECT_EFAULT("uname", 390, 0, sys1(SYS_uname, bad));
	EXPECT_EFAULT("fstat", sizeof(struct stat), 0, sys2(SYS_fstat, 1, bad));
	for (int kind = 0; kind < BAD_STRADDLE; kind++) {
		long ret = sys3(SYS_getrandom, bad_pointer(kind, 16), 16, 0);
		EXPECT(ret == -EFAULT, "getrandom into a %s buffer: %ld", bad_names[kind], ret);
	}
	ret = sys3(SYS_getrandom, edge - 8, 16, 0);
	EXPECT(ret == -EFAULT || ret == 8,
	       "getrandom into a partly mapped buffer: %ld (-EFAULT or the 8 mapped bytes)", ret);
	ktap_diag("getrandom into a partly mapped buffer gave %ld", ret);
	EXPECT_EFAULT("nanosleep", sizeof(struct timespec), 0,
		      sys2(SYS_nanosleep, bad, NULL));
	EXPECT_EFAULT("clock_nanosleep", sizeof(struct timespec), 0,
		      sys4(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, bad, NULL));
	EXPECT_EFAULT("arch_prctl(ARCH_GET_FS)", 8, 0,
		      sys2(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, bad));
	EXPECT_EFAULT("poll", sizeof(struct pollfd), 0, sys3(SYS_poll, bad, 1, 0));
	EXPECT_EFAULT("sched_getparam", sizeof(int), 1,
		      sys2(SYS_sched_getparam, 0, bad));
	EXPECT_EFAULT("sched_setparam", sizeof(int), 1,
		      sys2(SYS_sched_setparam, 0, bad));
	EXPECT_EFAULT("sched_setscheduler", sizeof(int), 1,
		      sys3(SYS_sched_setscheduler, 0, 0 /* SCHED_OTHER */, bad));
}

static void signal_calls_reject_bad_pointers(void)
{
	if (bad_pointers_init()) {
		EXPECT(0, "mmap failed");
		return;
	}
	/* struct k_sigaction is 32 bytes: handler, flags, restorer, mask. */
	EXPECT_EFAULT("rt_sigaction act", 32, 1,
		      sys4(SYS_rt_sigaction, SIGUSR1, bad, NULL, 8));
	EXPECT_EFAULT("rt_sigaction oldact", 32, 1,
		      sys4(SYS_rt_sigaction, SIGUSR1, NULL, bad, 8));
	EXPECT_EFAULT("rt_sigprocmask set", 8, 1,
		      sys4(SYS_rt_sigprocmask, SIG_BLOCK, bad, NULL, 8));
	EXPECT_EFAULT("rt_sigprocmask oldset", 8, 1,
		      sys4(SYS_rt_sigprocmask, SIG_BLOCK, NULL, bad, 8));
	EXPECT_EFAULT("sigaltstack ss", sizeof(stack_t), 1,
		      sys2(SYS_sigaltstack, bad, NULL));
	EXPECT_EFAULT("sigaltstack old_ss", sizeof(stack_t), 1,
		      sys2(SYS_sigaltstack, NULL, bad));
}

/* A path whose bytes run into an unmapped page without a NUL. */
static void path_calls_reject_bad_pointers(void)
{
	static char *const argv[] = { "x", NULL };
	struct stat st;

	if (bad_pointers_init()) {
		EXPECT(0, "mmap failed");
		return;
	}
	EXPECT_EFAULT("open", 8, 0, sys3(SYS_open, bad, O_RDONLY, 0));
	EXPECT_EFAULT("openat", 8, 0, sys4(SYS_openat, AT_FDCWD, bad, O_RDONLY, 0));
	EXPECT_EFAULT("newfstatat path", 8, 0,
		      sys4(SYS_newfstatat, AT_FDCWD, bad, &st, 0));
	EXPECT_EFAULT("newfstatat buf", sizeof(st), 0,
		      sys4(SYS_newfstatat, AT_FDCWD, "/", bad, 0));
	EXPECT_EFAULT("execve path", 8, 0, sys3(SYS_execve, bad, argv, NULL));
	EXPECT_EFAULT("execve argv", 16, 1, sys3(SYS_execve, self_path, bad, NULL));
}

static void getdents64_rejects_bad_buffers(void)
{
	long fd = sys4(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY, 0);

	if (bad_pointers_init() || !EXPECT(fd >= 0, "open /: %ld", fd))
		return;
	for (int kind = 0; kind < BAD_STRADDLE; kind++) {
		long ret = sys3(SYS_getdents64, fd, bad_pointer(kind, 4096), 4096);
		EXPECT(ret == -EFAULT, "getdents64 into a %s buffer: %ld",
		       bad_names[kind], ret);
	}
	sys1(SYS_close, fd);
}

static void wait4_reaps_even_with_a_bad_status_pointer(void)
{
	pid_t pid;
	long ret;

	if (bad_pointers_init())
		return;
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (!EXPECT(pid > 0, "fork"))
		return;
	ret = sys4(SYS_wait4, pid, hole, 0, NULL);
	EXPECT(ret == -EFAULT, "wait4 into an unmapped status: %ld", ret);
	ret = sys4(SYS_wait4, pid, NULL, 0, NULL);
	EXPECT(ret == -ECHILD, "the child was reaped all the same: %ld", ret);
}

static void socket_calls_reject_bad_pointers(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9),
				   .sin_addr.s_addr = htonl(0x7f000001) };
	long fd = sys3(SYS_socket, AF_INET, SOCK_DGRAM, 0), ret;

	if (bad_pointers_init() || !EXPECT(fd >= 0, "socket(AF_INET, SOCK_DGRAM): %ld", fd))
		return;
	EXPECT_EFAULT("bind", sizeof(sin), 0, sys3(SYS_bind, fd, bad, sizeof(sin)));
	/* A NULL address is "none given": -EDESTADDRREQ, not -EFAULT. */
	EXPECT_EFAULT("sendto addr", sizeof(sin), 1,
		      sys6(SYS_sendto, fd, (long)"x", 1, 0, (long)bad, sizeof(sin)));
	/*
	 * Linux routes a datagram before copying its bytes: without a route
	 * to 127.0.0.1 (no loopback configured) a bad buffer gives
	 * -ENETUNREACH, so the buffer is only judged where a good one goes.
	 */
	ret = sys6(SYS_sendto, fd, (long)"x", 1, 0, (long)&sin, sizeof(sin));
	if (ret == 1)
		EXPECT_EFAULT("sendto buf", 16, 0,
			      sys6(SYS_sendto, fd, (long)bad, 16, 0, (long)&sin, sizeof(sin)));
	else
		ktap_diag("no route to 127.0.0.1 (sendto: %ld): sendto's buffer not judged", ret);
	sys1(SYS_close, fd);
}

/* The kernel's answers land whole; nothing faults in the caller. */
static void pointer_calls_fill_good_buffers(void)
{
	struct { char f[6][65]; } uts;
	unsigned char rnd[32] = { 0 };
	struct timespec ts = { -1, -1 };
	struct stat st;
	uint64_t fs = 0;
	int i, nonzero = 0;

	EXPECT(sys1(SYS_uname, &uts) == 0, "uname");
	for (i = 0; i < 5; i++)
		EXPECT(memchr(uts.f[i], 0, 65) != NULL, "uname field %d is terminated", i);
	ktap_diag("uname: %s %s %s", uts.f[0], uts.f[2], uts.f[4]);
	EXPECT(sys2(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0 &&
	       ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000, "clock_gettime");
	EXPECT(sys3(SYS_getrandom, rnd, sizeof(rnd), 0) == sizeof(rnd), "getrandom");
	for (i = 0; i < (int)sizeof(rnd); i++)
		nonzero += rnd[i] != 0;
	EXPECT(nonzero > 8, "getrandom gave %d non-zero bytes of 32", nonzero);
	EXPECT(sys2(SYS_fstat, 1, &st) == 0, "fstat(1)");
	EXPECT(sys2(SYS_arch_prctl, 0x1003, &fs) == 0, "arch_prctl(ARCH_GET_FS)");
	EXPECT(fs == (uint64_t)pthread_self(), "fs base %#llx, thread pointer %p",
	       (unsigned long long)fs, (void *)pthread_self());
	EXPECT(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ %lu", getauxval(AT_PAGESZ));
	EXPECT(getauxval(AT_RANDOM) != 0, "AT_RANDOM");
}

/* getrlimit(res) is cur/max, else a diagnostic with what it is. */
static int limit_is(int res, unsigned long long cur, unsigned long long max)
{
	struct rlimit r = { 0, 0 };

	if (sys2(SYS_getrlimit, res, &r) == 0 && r.rlim_cur == cur && r.rlim_max == max)
		return 1;
	ktap_diag("resource %d: %llu/%llu", res, (unsigned long long)r.rlim_cur,
		  (unsigned long long)r.rlim_max);
	return 0;
}

/* What a process started by the kernel inherits: Linux's INIT_RLIMITS. */
static void resource_limits_start_as_linux_sets_them(void)
{
	EXPECT(limit_is(RLIMIT_NOFILE, 1024, 4096), "RLIMIT_NOFILE");
	EXPECT(limit_is(RLIMIT_STACK, 8 << 20, RLIM_INFINITY), "RLIMIT_STACK");
	EXPECT(limit_is(RLIMIT_CORE, 0, RLIM_INFINITY), "RLIMIT_CORE");
	EXPECT(limit_is(RLIMIT_FSIZE, RLIM_INFINITY, RLIM_INFINITY), "RLIMIT_FSIZE");
}

/* prlimit64 reads and sets another process's limits; a child's are its own. */
static void prlimit64_sets_and_reads_another_process(void)
{
	struct rlimit lower = { 64, 128 }, other = { 100, 200 };
	struct rlimit r = { 0, 0 }, old = { 0, 0 };
	int to_child[2], to_parent[2], status = -1;
	char c;
	pid_t pid;

	EXPECT(pipe(to_child) == 0 && pipe(to_parent) == 0, "pipes");
	pid = fork();
	if (pid == 0) {
		if (sys2(SYS_setrlimit, RLIMIT_NOFILE, &lower) || write(to_parent[1], "x", 1) != 1 ||
		    read(to_child[0], &c, 1) != 1)
			_exit(3);
		_exit(limit_is(RLIMIT_NOFILE, 100, 200) ? 0 : 4);
	}
	EXPECT(read(to_parent[0], &c, 1) == 1, "the child lowered its limit");
	EXPECT(sys4(SYS_prlimit64, pid, RLIMIT_NOFILE, 0, &r) == 0 && r.rlim_cur == 64 &&
	       r.rlim_max == 128, "the child's limit read");
	EXPECT(sys4(SYS_prlimit64, pid, RLIMIT_NOFILE, &other, &old) == 0 &&
	       old.rlim_cur == 64, "prlimit64 set, the old value back");
	EXPECT(write(to_child[1], "x", 1) == 1, "release the child");
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0, "the child saw the new limit: status %#x", status);
	EXPECT(limit_is(RLIMIT_NOFILE, 1024, 4096), "the parent's own limit is untouched");
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
}

static void rlimit_calls_reject_bad_arguments(void)
{
	struct rlimit inverted = { 10, 5 }, huge = { 1024, 1 << 30 }, r;

	EXPECT(sys2(SYS_getrlimit, RLIM_NLIMITS, &r) == -EINVAL, "resource out of range");
	EXPECT(sys2(SYS_setrlimit, RLIMIT_NOFILE, &inverted) == -EINVAL, "cur above max");
	EXPECT(sys2(SYS_setrlimit, RLIMIT_NOFILE, &huge) == -EPERM, "NOFILE above nr_open");
	EXPECT(sys2(SYS_getrlimit, RLIMIT_NOFILE, (void *)0xffff888000000000ul) == -EFAULT,
	       "getrlimit into the kernel half");
	EXPECT(sys2(SYS_setrlimit, RLIMIT_NOFILE, (void *)0) == -EFAULT, "setrlimit from NULL");
	EXPECT(sys4(SYS_prlimit64, 0x7ffffff0, RLIMIT_NOFILE, 0, &r) == -ESRCH, "no such pid");
	EXPECT(sys4(SYS_prlimit64, -1, RLIMIT_NOFILE, 0, &r) == -ESRCH, "negative pid");
}

/*
 * Two processes write long lines to the console at once, one write(2) a
 * line; tests/user.sh checks on the serial log that every line arrived
 * whole (Linux's tty write lock).
 */
static void console_writes_do_not_interleave(void)
{
	pid_t pids[2];
	int i, status;

	for (i = 0; i < 2; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			char line[300];
			int n = snprintf(line, sizeof(line), "%*s# tty-atomic %c ", ktap_indent, "",
					 'A' + i);

			memset(line + n, 'A' + i, 200);
			line[n + 200] = '\n';
			for (int k = 0; k < 40; k++)
				if (write(1, line, n + 201) != n + 201)
					_exit(1);
			_exit(0);
		}
	}
	for (i = 0; i < 2; i++)
		EXPECT(waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status) &&
		       WEXITSTATUS(status) == 0, "writer %d: status %#x", i, status);
}

static void process_is_healthy_after_bad_pointers(void)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%*s# still here, pid %d\n", ktap_indent, "",
			 getpid());

	EXPECT(sys3(SYS_write, 1, buf, n) == n, "write after the bad pointers");
	EXPECT(sys0(SYS_getpid) == getpid(), "getpid");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(syscall_and_libc_agree_on_identity),
	KTAP_CASE(resource_limits_start_as_linux_sets_them),
	KTAP_CASE(prlimit64_sets_and_reads_another_process),
	KTAP_CASE(rlimit_calls_reject_bad_arguments),
	KTAP_CASE(int80_getpid_matches_syscall),
	KTAP_CASE(int80_brk_matches_syscall),
	KTAP_CASE(int80_write_writes_the_buffer),
	KTAP_CASE(int80_ldt_and_port_calls),
	KTAP_CASE(int80_exit_ends_the_process_with_status),
	KTAP_CASE(syscall_preserves_all_but_rax_rcx_r11),
	KTAP_CASE(syscall_returns_rip_in_rcx_and_rflags_in_r11),
	KTAP_CASE(syscall_preserves_user_flags),
	KTAP_CASE(int80_preserves_all_but_rax),
	KTAP_CASE(unknown_syscall_numbers_return_enosys),
	KTAP_CASE(unknown_int80_numbers_return_enosys),
	KTAP_CASE(read_rejects_bad_buffers),
	KTAP_CASE(write_rejects_bad_buffers),
	KTAP_CASE(vectored_io_rejects_bad_pointers),
	KTAP_CASE(struct_calls_reject_bad_pointers),
	KTAP_CASE(signal_calls_reject_bad_pointers),
	KTAP_CASE(path_calls_reject_bad_pointers),
	KTAP_CASE(getdents64_rejects_bad_buffers),
	KTAP_CASE(wait4_reaps_even_with_a_bad_status_pointer),
	KTAP_CASE(socket_calls_reject_bad_pointers),
	KTAP_CASE(pointer_calls_fill_good_buffers),
	KTAP_CASE(console_writes_do_not_interleave),
	KTAP_CASE(process_is_healthy_after_bad_pointers),
};

int main(int argc, char **argv)
{
	long fd = sys3(SYS_open, argv[0], O_RDONLY, 0);

	/* This program's own file is the one regular file sure to exist. */
	self_path = fd >= 0 ? argv[0] : "/proc/self/exe";
	if (fd >= 0)
		sys1(SYS_close, fd);
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
