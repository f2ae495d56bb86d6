/* SPDX-License-Identifier: MIT */
/*
 * Raw system calls for the tests and benchmarks: the SYSCALL instruction
 * and int $0x80 with the kernel's own return value (-errno on failure),
 * bypassing musl's wrappers (which set errno, or on Linux go through the
 * vDSO, which would fault in user space on the bad pointers the tests
 * pass). x86-64 numbers come from musl's <sys/syscall.h>; int $0x80 uses
 * the i386 numbers, defined here.
 */
#ifndef REFLEX_SYS_H
#define REFLEX_SYS_H

#include <cpuid.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* i386 system-call numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
#define NR32_exit	1
#define NR32_read	3
#define NR32_write	4
#define NR32_getpid	20
#define NR32_brk	45
#define NR32_ioperm	101
#define NR32_iopl	110
#define NR32_modify_ldt	123

static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define sys0(nr)		sys6(nr, 0, 0, 0, 0, 0, 0)
#define sys1(nr, a)		sys6(nr, (long)(a), 0, 0, 0, 0, 0)
#define sys2(nr, a, b)		sys6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(nr, a, b, c)	sys6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(nr, a, b, c, d)	sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(nr, a, b, c, d, e)	sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* int $0x80: i386 numbers, arguments in ebx, ecx, edx, esi, edi. */
static inline long int80(long nr, long bx, long cx, long dx)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(bx), "c"(cx), "d"(dx)
			 : "memory");
	return ret;
}

/*
 * A "Field:  N kB" line of a /proc file ("/proc/meminfo", "MemFree"), in
 * KiB, or -1 when the file or the field is missing. Read with raw calls: no
 * stdio buffers to inherit.
 */
static inline long proc_kib(const char *path, const char *field)
{
	char buf[4096], *p;
	long fd, n, total = 0;
	size_t len = strlen(field);

	fd = sys3(SYS_open, path, O_RDONLY, 0);
	if (fd < 0)
		return -1;
	while (total < (long)sizeof(buf) - 1 &&
	       (n = sys3(SYS_read, fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	sys1(SYS_close, fd);
	buf[total] = 0;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (!strncmp(p, field, len) && p[len] == ':')
			return strtol(p + len + 1, NULL, 10);
	}
	return -1;
}

static inline long meminfo_kib(const char *field)
{
	return proc_kib("/proc/meminfo", field);
}

/*
 * Memory this process holds, in KiB, for before/after comparisons: Linux's
 * RssAnon from /proc/self/status where there is one (Linux's MemFree lags
 * behind frees, which wait in per-CPU lists), else the system's used memory
 * from /proc/meminfo (reflex). -1 when neither exists; *src names the source.
 */
static inline long held_kib(const char **src)
{
	long v = proc_kib("/proc/self/status", "RssAnon");

	if (v >= 0) {
		*src = "RssAnon";
		return v;
	}
	v = meminfo_kib("MemFree");
	*src = "MemTotal-MemFree";
	return v < 0 ? -1 : meminfo_kib("MemTotal") - v;
}

/* QEMU's TCG, by the CPUID hypervisor leaf: "TCGTCGTCGTCG". */
static inline int under_tcg(void)
{
	unsigned int a, b, c, d;
	char sig[13];

	__cpuid(1, a, b, c, d);
	if (!(c & (1u << 31)))		/* no hypervisor */
		return 0;
	__cpuid(0x40000000, a, b, c, d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	sig[12] = 0;
	return !strcmp(sig, "TCGTCGTCGTCG");
}

/*
 * An instruction expected to fault, inside an asm statement: its address
 * goes to expect.fault_rip and the address after it to expect.resume_rip,
 * for a signal handler that checks the one and resumes at the other.
 */
#define FAULT_ASM(insn)						\
	"lea 1f(%%rip), %%rcx\n\t"				\
	"mov %%rcx, %[fault]\n\t"				\
	"lea 2f(%%rip), %%rcx\n\t"				\
	"mov %%rcx, %[resume]\n"				\
	"1:\t" insn "\n"					\
	"2:\n\t"
#define FAULT_OUT [fault] "=m"(expect.fault_rip), [resume] "=m"(expect.resume_rip)

/*
 * clone(@flags) onto @stack_top, @tls as CLONE_SETTLS's value: the child
 * calls fn() on that stack and leaves with its value through the raw
 * SYS_exit (not exit_group), never touching libc state meant for the
 * parent. Returns the child's id or -errno.
 */
static inline long clone_raw(int (*fn)(void), void *stack_top, unsigned long flags,
			     unsigned long tls)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = tls;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t"
			 "call *%%rbx\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov %[exit], %%eax\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "D"(flags), "S"(stack_top), "d"(0),
			   "r"(r10), "r"(r8), "b"(fn), [exit] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return ret;
}

/* clone(CLONE_VM | SIGCHLD | @flags): a child sharing the address space. */
static inline long clone_vm_top(int (*fn)(void), void *stack_top, unsigned long flags)
{
	return clone_raw(fn, stack_top, 0x100 /* CLONE_VM */ | 17 /* SIGCHLD */ | flags, 0);
}

#endif
