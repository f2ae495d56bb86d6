// SPDX-License-Identifier: MIT
/*
 * The legacy vsyscall page at 0xffffffffff600000, as Linux's default
 * vsyscall=xonly: calling its entries (gettimeofday at 0x000, time at
 * 0x400, getcpu at 0x800) works and returns to the caller; reading the
 * page is SIGSEGV (SEGV_MAPERR at the address), and so is a call into
 * the middle of an entry, or one with a bad pointer argument. With
 * vsyscall=none on the kernel command line (or as the kernel's built-in
 * default) every call is SIGSEGV too; the program reads /proc/cmdline and
 * /proc/self/maps to know which to expect.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"

#define VSYSCALL_ADDR		0xffffffffff600000UL
#define NR_sched_setaffinity	203

static volatile struct {
	int count, signo, code;
	unsigned long addr, rip;
} got;

static uintptr_t resume_rip;

/*
 * A fault at a vsyscall address is resumed as the entry's RET would
 * have: at the return address on the stack. A read is resumed at
 * resume_rip.
 */
static void on_segv(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;

	got.count++;
	got.signo = sig;
	got.code = si->si_code;
	got.addr = (unsigned long)si->si_addr;
	got.rip = g[REG_RIP];
	if (((unsigned long)g[REG_RIP] & ~0xfffUL) == VSYSCALL_ADDR) {
		g[REG_RIP] = *(greg_t *)g[REG_RSP];
		g[REG_RSP] += 8;
		g[REG_RAX] = -1;
	} else {
		g[REG_RIP] = resume_rip;
	}
}

static void install(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	memset((void *)&got, 0, sizeof(got));
}

static int file_has(const char *path, const char *text)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return strstr(buf, text) != NULL;
}

/*
 * vsyscall=none on the command line, or built in as the default (Debian's
 * kernels: CONFIG_LEGACY_VSYSCALL_NONE), which shows as no [vsyscall]
 * line in /proc/self/maps where the kernel has that file.
 */
static int vsyscall_none(void)
{
	if (file_has("/proc/cmdline", "vsyscall=none") == 1)
		return 1;
	return file_has("/proc/self/maps", "[vsyscall]") == 0;
}

/* A call to addr with up to three arguments, as old binaries made it. */
static long vcall(unsigned long off, long a, long b, long c)
{
	long (*fn)(long, long, long) = (long (*)(long, long, long))(VSYSCALL_ADDR + off);

	return fn(a, b, c);
}

/* For "none": every call is SIGSEGV, at the entry's address. */
static int expect_none(unsigned long off)
{
	if (!vsyscall_none())
		return 0;
	install();
	vcall(off, 0, 0, 0);
	EXPECT(got.count == 1 && got.signo == SIGSEGV, "vsyscall=none: %d signals", got.count);
	EXPECT(got.rip == VSYSCALL_ADDR + off, "fault at %#lx", got.rip);
	return 1;
}

static void gettimeofday_entry_returns_the_time(void)
{
	struct timeval before, v, after;
	long ret;

	if (expect_none(0))
		return;
	install();
	syscall(SYS_gettimeofday, &before, NULL);
	ret = vcall(0, (long)&v, 0, 0);
	syscall(SYS_gettimeofday, &after, NULL);
	EXPECT(got.count == 0, "%d signals", got.count);
	EXPECT(ret == 0, "returned %ld", ret);
	EXPECT(timercmp(&before, &v, <=) && timercmp(&v, &after, <=),
	       "%ld.%06ld not within %ld.%06ld .. %ld.%06ld", (long)v.tv_sec, (long)v.tv_usec,
	       (long)before.tv_sec, (long)before.tv_usec, (long)after.tv_sec, (long)after.tv_usec);
	EXPECT(vcall(0, 0, 0, 0) == 0 && got.count == 0, "NULL arguments");
}

static void time_entry_returns_and_stores_the_seconds(void)
{
	long before, after, t = -1, ret;

	if (expect_none(0x400))
		return;
	install();
	before = syscall(SYS_time, NULL);
	ret = vcall(0x400, (long)&t, 0, 0);
	after = syscall(SYS_time, NULL);
	EXPECT(got.count == 0, "%d signals", got.count);
	EXPECT(ret == t, "returned %ld, stored %ld", ret, t);
	EXPECT(before <= ret && ret <= after, "%ld not within %ld .. %ld", ret, before, after);
}

static void getcpu_entry_gives_the_pinned_cpu(void)
{
	unsigned long mask = 1, all = ~0UL;
	unsigned int cpu = 99, node = 99;
	long ret;

	if (expect_none(0x800))
		return;
	install();
	if (!EXPECT(sys3(NR_sched_setaffinity, 0, sizeof(mask), &mask) == 0, "pin to CPU 0"))
		return;
	ret = vcall(0x800, (long)&cpu, (long)&node, 0);
	EXPECT(got.count == 0, "%d signals", got.count);
	EXPECT(ret == 0 && cpu == 0 && node == 0, "returned %ld, cpu %u node %u", ret, cpu, node);
	sys3(NR_sched_setaffinity, 0, sizeof(all), &all);
}

static void reading_the_page_is_sigsegv_at_its_address(void)
{
	install();
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "mov %%rax, %[resume]\n\t"
			 "movb (%[p]), %%al\n"
			 "1:"
			 : [resume] "=m"(resume_rip) : [p] "r"(VSYSCALL_ADDR) : "rax", "memory");
	EXPECT(got.count == 1 && got.signo == SIGSEGV, "%d signals", got.count);
	EXPECT(got.code == SEGV_MAPERR && got.addr == VSYSCALL_ADDR,
	       "si_code %d si_addr %#lx", got.code, got.addr);
}

static void call_into_the_middle_of_an_entry_is_sigsegv(void)
{
	static const unsigned long offs[] = { 0x1, 0x10, 0x401, 0xc00, 0xfff };
	unsigned int i;

	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		install();
		vcall(offs[i], 0, 0, 0);
		EXPECT(got.count == 1 && got.signo == SIGSEGV, "+%#lx: %d signals",
		       offs[i], got.count);
		EXPECT(got.rip == VSYSCALL_ADDR + offs[i], "+%#lx: fault at %#lx", offs[i], got.rip);
	}
}

static void bad_pointer_argument_is_sigsegv(void)
{
	unsigned long kernel = 0xffff888000000000UL;

	if (vsyscall_none()) {
		ktap_skip("vsyscall=none");
		return;
	}
	install();
	vcall(0, (long)kernel, 0, 0);
	EXPECT(got.count == 1 && got.signo == SIGSEGV, "kernel pointer: %d signals", got.count);
	EXPECT(got.code == SEGV_MAPERR && got.addr == kernel, "si_code %d si_addr %#lx",
	       got.code, got.addr);
	install();
	vcall(0x400, 0x1000, 0, 0);	/* user, but unmapped: the call's own -EFAULT */
	EXPECT(got.count == 1 && got.signo == SIGSEGV && got.code == SI_KERNEL,
	       "unmapped pointer: %d signals, si_code %d", got.count, got.code);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(gettimeofday_entry_returns_the_time),
	KTAP_CASE(time_entry_returns_and_stores_the_seconds),
	KTAP_CASE(getcpu_entry_gives_the_pinned_cpu),
	KTAP_CASE(reading_the_page_is_sigsegv_at_its_address),
	KTAP_CASE(call_into_the_middle_of_an_entry_is_sigsegv),
	KTAP_CASE(bad_pointer_argument_is_sigsegv),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
