/* SPDX-License-Identifier: MIT */
/*
 * The harness shared by compat_entry.c and compat_traps.c: running 32-bit
 * code in compat mode (__USER32_CS, 0x23) through the snippets of
 * compat_stubs.S, each case in a forked child that reports what it saw
 * through a pipe; the parent checks that report and the wait status.
 */
#ifndef REFLEX_COMPAT_H
#define REFLEX_COMPAT_H

#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"

#define PAGE		4096
#define USER32_CS	0x23
#define USER_DS		0x2b
#define USER_CS		0x33
#define KERNEL_CS	0x10
#define KERNEL_DS	0x18
#define EFL_FIXED	0x2
#define EFL_TF		0x100
#define EFL_IF		0x200
#define EFL_OF		0x800
#define EFL_NT		0x4000
#define EFL_AC		0x40000
#define NR32_sendto	369
#define NR32_unknown	1000
#define LOW_TOP		0x100000000ul	/* 4 GiB */

struct compat_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eflags, cs, ss;
};

extern struct compat_regs compat_regs;
extern char compat_stack[], compat_return64[];
#define COMPAT_STACK_SIZE	32768	/* as in compat_stubs.S */
#define COMPAT_STACK_TOP	((uintptr_t)compat_stack + COMPAT_STACK_SIZE)
void compat_run(void (*stub)(void));
void sysenter64(void);

#define STUB(n) extern void n(void); extern char n##_ret[], n##_step[]
STUB(stub_int80); STUB(stub_syscall); STUB(stub_sysenter); STUB(stub_int3);
STUB(stub_into); STUB(stub_bound); STUB(stub_icebp); STUB(stub_int_1);
STUB(stub_int_0x81); STUB(stub_lcall_kernel_cs); STUB(stub_ljmp_tss);
STUB(stub_ljmp_beyond_gdt); STUB(stub_iret); STUB(stub_nop); STUB(stub_yield_loop);

/* --- running a case in a child ------------------------------------------ */

/* What a child saw, sent to the parent through a pipe. */
struct report {
	int returned;			/* came back from compat mode to C */
	int pid;			/* the child's, from the 64-bit getpid */
	int signals, signo, code;
	uint64_t ip, sp, flags, cs, ss;	/* of the last signal's context */
	uint16_t handler_cs;		/* the mode the handler ran in */
	uint16_t ss_back;		/* ss once back in C */
	struct compat_regs regs;
};

/* What the handler does with the context of a signal taken in the child. */
enum handler_action {
	ACT_EXIT,			/* report and _exit(0) */
	ACT_RESUME,			/* clear TF and return */
	ACT_SET_CS,			/* return with cs, ip, ss set to edit.* */
	ACT_SYSRET_SHAPED,		/* return with rcx == rip, r11 == eflags */
};

static struct {
	int action;
	uint64_t cs, ip, ss;
} edit;

static struct report rep;
static int report_fd = -1;

static inline void send_report(void)
{
	if (write(report_fd, &rep, sizeof(rep)) != sizeof(rep))
		_exit(3);
}

static inline void on_signal(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;
	uint16_t *seg = (uint16_t *)&g[REG_CSGSFS];	/* cs, gs, fs, ss */

	rep.signals++;
	rep.signo = sig;
	rep.code = si->si_code;
	rep.ip = g[REG_RIP];
	rep.sp = g[REG_RSP];
	rep.flags = g[REG_EFL];
	rep.cs = seg[0];
	rep.ss = seg[3];
	__asm__("mov %%cs, %0" : "=r"(rep.handler_cs));
	switch (edit.action) {
	case ACT_EXIT:
		rep.regs = compat_regs;
		send_report();
		_exit(0);
	case ACT_RESUME:
		g[REG_EFL] &= ~EFL_TF;
		break;
	case ACT_SET_CS:
		seg[0] = edit.cs;
		seg[3] = edit.ss;
		g[REG_RIP] = edit.ip;
		break;
	case ACT_SYSRET_SHAPED:
		g[REG_RCX] = g[REG_RIP];
		g[REG_R11] = g[REG_EFL];
		break;
	}
}

static inline void catch(int sig)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };

	sigaction(sig, &sa, NULL);
}

/*
 * Run setup() and then stub in compat mode, in a child; returns the wait
 * status and fills *r with the child's report (zeroed if it sent none).
 */
static inline int run_child(void (*setup)(void), void (*stub)(void), struct report *r)
{
	int fds[2], status = -1;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		report_fd = fds[1];
		rep.pid = sys0(SYS_getpid);
		compat_regs = (struct compat_regs){
			.esp = COMPAT_STACK_TOP - 256, .eflags = EFL_FIXED | EFL_IF,
		};
		if (setup)
			setup();
		compat_run(stub);
		__asm__("mov %%ss, %0" : "=r"(rep.ss_back));
		rep.returned = 1;
		rep.regs = compat_regs;
		send_report();
		_exit(0);
	}
	close(fds[1]);
	if (pid > 0) {
		waitpid(pid, &status, 0);
		if (read(fds[0], r, sizeof(*r)) != sizeof(*r))
			memset(r, 0, sizeof(*r));
	}
	close(fds[0]);
	return status;
}

#define EXPECT_EXITED(st) \
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st)
/* The door returned to the instruction after it, still in compat mode. */
#define EXPECT_BACK_IN_COMPAT(r)					\
	EXPECT((r).returned && (r).regs.cs == USER32_CS &&		\
	       (r).regs.ss == USER_DS, "returned %d cs %#x ss %#x",	\
	       (r).returned, (r).regs.cs, (r).regs.ss)

/* --- CPU ------------------------------------------------------------------ */

static inline int cpu_is(const char *vendor)
{
	unsigned int a, b, c, d;
	char v[13];

	__cpuid(0, a, b, c, d);
	memcpy(v, &b, 4);
	memcpy(v + 4, &d, 4);
	memcpy(v + 8, &c, 4);
	v[12] = 0;
	return !strcmp(v, vendor);
}

/* uname's release says which kernel speaks Linux's ABI here. */
static inline int on_reflex(void)
{
	struct utsname u;

	return !uname(&u) && strstr(u.release, "reflex");
}

/*
 * Linux returns from SYSCALL and SYSENTER in compat mode to the int $0x80
 * landing pad of its 32-bit vDSO, which a 64-bit process does not have;
 * reflex returns after the SYSCALL and gives SIGSEGV after a SYSENTER.
 */
static inline int skip_fast_syscall_on_linux(void)
{
	if (!on_reflex()) {
		ktap_skip("Linux returns to the 32-bit vDSO, which a 64-bit process lacks");
		return 1;
	}
	return 0;
}

static inline int skip_compat_syscall(void)
{
	if (skip_fast_syscall_on_linux())
		return 1;
	if (cpu_is("GenuineIntel") && !under_tcg()) {
		ktap_skip("SYSCALL is #UD in compat mode on Intel CPUs");
		return 1;
	}
	return 0;
}

static inline int skip_compat_sysenter(void)
{
	if (skip_fast_syscall_on_linux())
		return 1;
	if (cpu_is("AuthenticAMD") && !under_tcg()) {
		ktap_skip("SYSENTER is #UD in long mode on AMD CPUs");
		return 1;
	}
	return 0;
}


static inline void set_catch_exit_segv(void) { edit.action = ACT_EXIT; catch(SIGSEGV); }
static inline void set_catch_exit_trap(void) { edit.action = ACT_EXIT; catch(SIGTRAP); }

/*
 * The child took sig with Linux's si_code, in compat mode at ip, and
 * its handler reported it.
 */
static inline void check_fault(void (*setup)(void), void (*stub)(void), uintptr_t ip,
			       int sig, int code)
{
	struct report r;
	int st = run_child(setup, stub, &r);

	EXPECT_EXITED(st);
	EXPECT(!r.returned && r.signals == 1 && r.signo == sig && r.code == code,
	       "returned %d, %d signals, last %d code %#x", r.returned, r.signals,
	       r.signo, r.code);
	EXPECT(r.cs == USER32_CS && r.ip == ip, "cs %#lx ip %#lx, expected ip %#lx",
	       (long)r.cs, (long)r.ip, (long)ip);
}

static inline void set_getpid(void) { compat_regs.eax = NR32_getpid; }
static inline void set_unknown(void) { compat_regs.eax = NR32_unknown; }

static inline void skip_no_user32_cs(void)
{
	ktap_skip("no 32-bit user code segment (Linux without IA32 emulation)");
}

/*
 * ktap_run(), except that where Linux was built or booted without IA32
 * emulation (no usable __USER32_CS: the far jump faults) every case is
 * skipped. reflex always has one, so there nothing is skipped this way.
 */
static inline int ktap_run_compat(const char *argv0, const struct ktap_case *cases, int n)
{
	struct ktap_case skipped[n];
	struct report r;
	int i;

	if (!on_reflex()) {
		run_child(NULL, stub_nop, &r);
		if (!r.returned) {
			for (i = 0; i < n; i++)
				skipped[i] = (struct ktap_case){ cases[i].name, skip_no_user32_cs };
			cases = skipped;
		}
	}
	return ktap_run(argv0, cases, n);
}

#endif
