// SPDX-License-Identifier: MIT
/*
 * ioperm(2) and iopl(2) as Linux 6.x has them: both work through the
 * TSS's I/O bitmap, never through EFLAGS.IOPL. A port the process was
 * not given is SIGSEGV (#GP, si_code SI_KERNEL) on IN or OUT; ioperm()
 * gives exactly the ports asked for, iopl(3) every port, and CLI/STI
 * under iopl(3) are stepped over as no-ops with IF still set. The
 * permissions go with fork and exec, and stay with the task that has
 * them: a process without them faults after one that had them ran.
 *
 * Ports used: 0x80 (the POST diagnostic port: reads and writes are
 * harmless) and the CMOS pair 0x70/0x71, through which the test reads
 * the RTC's seconds register.
 *
 * Linux built without CONFIG_X86_IOPL_IOPERM answers ENOSYS: then only
 * the fault without permission is checked. Allowing a port needs
 * CAP_SYS_RAWIO; run as root.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"
#include "fault.h"

#define NR_iopl		172
#define NR_ioperm	173
#define EFLAGS_IF	0x200UL

/* IN from port; the faults it took go to got. */
static __attribute__((noinline)) unsigned int inb_probe(unsigned int port)
{
	unsigned int v = 0xffff;

	__asm__ volatile(FAULT_ASM("inb %w[p], %%al")
			 : "+a"(v), FAULT_OUT : [p] "d"(port) : "rcx", "memory");
	return v & 0xff;
}

static __attribute__((noinline)) void outb_probe(unsigned int port, unsigned int v)
{
	__asm__ volatile(FAULT_ASM("outb %%al, %w[p]")
			 : FAULT_OUT : [p] "d"(port), "a"(v) : "rcx", "memory");
}

/* 1 if the port can be read now: no signal. */
static int port_readable(unsigned int port)
{
	int before = got.count;

	inb_probe(port);
	return got.count == before;
}

static int have_ioperm(void)
{
	if (sys3(NR_ioperm, 0, 1, 0) == -ENOSYS) {
		ktap_skip("ioperm: ENOSYS (a kernel without CONFIG_X86_IOPL_IOPERM)");
		return 0;
	}
	return 1;
}

static int child_status(long pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 0x100 | WTERMSIG(status);
}

/* --- cases ---------------------------------------------------------------- */

static void in_out_and_cli_without_permission_are_sigsegv(void)
{
	fault_resume_install();
	inb_probe(0x80);
	EXPECT(got.count == 1 && got.signo == SIGSEGV && got.code == SI_KERNEL,
	       "inb: %d signals, si_code %d", got.count, got.code);
	outb_probe(0x80, 0);
	EXPECT(got.count == 2 && got.code == SI_KERNEL, "outb: %d signals", got.count);
	__asm__ volatile(FAULT_ASM("cli") : FAULT_OUT : : "rcx", "memory");
	EXPECT(got.count == 3 && got.code == SI_KERNEL, "cli: %d signals", got.count);
}

static void ioperm_and_iopl_check_their_arguments(void)
{
	if (!have_ioperm())
		return;
	EXPECT(sys3(NR_ioperm, 65536, 1, 1) == -EINVAL, "from 65536");
	EXPECT(sys3(NR_ioperm, 65535, 2, 1) == -EINVAL, "past 65536");
	EXPECT(sys3(NR_ioperm, 0x80, 0, 1) == -EINVAL, "no ports");
	EXPECT(sys3(NR_ioperm, -1UL, 2, 1) == -EINVAL, "a range that wraps");
	EXPECT(sys3(NR_ioperm, 0x80, 1, 0) == 0, "dropping ports never had");
	EXPECT(sys1(NR_iopl, 4) == -EINVAL, "iopl(4)");
	EXPECT(sys1(NR_iopl, 0) == 0, "iopl(0)");
}

static void ioperm_allows_exactly_its_ports(void)
{
	if (!have_ioperm())
		return;
	fault_resume_install();
	if (!EXPECT(sys3(NR_ioperm, 0x80, 1, 1) == 0, "ioperm(0x80, 1, 1)"))
		return;
	EXPECT(port_readable(0x80), "0x80 after ioperm");
	outb_probe(0x80, 0);
	EXPECT(got.count == 0, "outb 0x80: %d signals", got.count);
	EXPECT(!port_readable(0x81), "0x81 readable");
	EXPECT(!port_readable(0x7f), "0x7f readable");
	EXPECT(sys3(NR_ioperm, 0x80, 1, 0) == 0, "ioperm(0x80, 1, 0)");
	EXPECT(!port_readable(0x80), "0x80 after dropping it");
}

static void ioperm_reads_the_rtc_seconds_through_cmos_ports(void)
{
	unsigned int sec, bin;

	if (!have_ioperm())
		return;
	fault_resume_install();
	if (!EXPECT(sys3(NR_ioperm, 0x70, 2, 1) == 0, "ioperm(0x70, 2, 1)"))
		return;
	outb_probe(0x70, 0x00);		/* register 0: seconds */
	sec = inb_probe(0x71);
	EXPECT(got.count == 0, "%d signals", got.count);
	bin = (sec & 0x0f) < 10 ? (sec >> 4) * 10 + (sec & 0x0f) : 99;
	EXPECT(bin < 60 || sec < 60, "seconds register %#x", sec);
	sys3(NR_ioperm, 0x70, 2, 0);
}

static void iopl_3_allows_every_port_and_steps_over_cli_sti(void)
{
	unsigned long flags;

	if (!have_ioperm())
		return;
	fault_resume_install();
	if (!EXPECT(sys1(NR_iopl, 3) == 0, "iopl(3)"))
		return;
	EXPECT(port_readable(0x80) && port_readable(0x71), "ports under iopl(3)");
	__asm__ volatile("cli\n\t"
			 "pushfq\n\t"
			 "pop %0\n\t"
			 "sti" : "=r"(flags) : : "memory");
	EXPECT(got.count == 0, "CLI/STI: %d signals", got.count);
	EXPECT(flags & EFLAGS_IF, "IF cleared by CLI: flags %#lx", flags);
	EXPECT(!(flags & 0x3000), "IOPL in EFLAGS: %#lx", flags);
	EXPECT(sys1(NR_iopl, 0) == 0, "iopl(0)");
	EXPECT(!port_readable(0x80), "0x80 after iopl(0)");
}

static void fork_child_inherits_the_ports(void)
{
	long pid;

	if (!have_ioperm())
		return;
	fault_resume_install();
	if (!EXPECT(sys3(NR_ioperm, 0x80, 1, 1) == 0, "ioperm"))
		return;
	pid = fork();
	if (pid == 0) {
		int ok = port_readable(0x80) && !port_readable(0x81);

		/* The child's change is its own. */
		ok &= sys3(NR_ioperm, 0x80, 1, 0) == 0 && !port_readable(0x80);
		_exit(ok ? 0 : 1);
	}
	EXPECT(child_status(pid) == 0, "child");
	EXPECT(port_readable(0x80), "parent lost 0x80 to its child's ioperm");
	sys3(NR_ioperm, 0x80, 1, 0);
}

static const char *self;

static void exec_keeps_the_ports(void)
{
	int status;
	long pid;

	if (!have_ioperm())
		return;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)self, "exec-check", NULL };

		if (sys3(NR_ioperm, 0x80, 1, 1))
			_exit(2);
		execve(self, argv, NULL);
		_exit(99);
	}
	status = child_status(pid);
	EXPECT(status == 0, "after exec: %#x", status);
}

static void ports_stay_with_the_process_that_has_them(void)
{
	long pid;
	int i;

	if (!have_ioperm())
		return;
	fault_resume_install();
	for (i = 0; i < 20; i++) {
		pid = fork();
		if (pid == 0) {
			sys1(NR_iopl, 3);
			sys3(NR_ioperm, 0x80, 1, 1);
			_exit(port_readable(0x80) ? 0 : 1);
		}
		EXPECT(child_status(pid) == 0, "child %d", i);
		EXPECT(!port_readable(0x80), "0x80 readable after child %d ran", i);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(in_out_and_cli_without_permission_are_sigsegv),
	KTAP_CASE(ioperm_and_iopl_check_their_arguments),
	KTAP_CASE(ioperm_allows_exactly_its_ports),
	KTAP_CASE(ioperm_reads_the_rtc_seconds_through_cmos_ports),
	KTAP_CASE(iopl_3_allows_every_port_and_steps_over_cli_sti),
	KTAP_CASE(fork_child_inherits_the_ports),
	KTAP_CASE(exec_keeps_the_ports),
	KTAP_CASE(ports_stay_with_the_process_that_has_them),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-check")) {
		fault_resume_install();
		return port_readable(0x80) && !port_readable(0x81) ? 0 : 1;
	}
	self = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
