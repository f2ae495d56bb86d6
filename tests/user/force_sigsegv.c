// SPDX-License-Identifier: MIT
/*
 * Signals whose frame cannot be written, and sigreturn from a frame that
 * is garbage, end as Linux ends them (force_sigsegv): a SIGSEGV handler
 * that cannot be entered is dropped and the process dies of SIGSEGV at
 * once; any other signal that cannot be entered becomes a SIGSEGV, which
 * its own handler gets if that handler's stack works. rt_sigreturn from a
 * frame that cannot be read, or that asks for a bad FPU image or
 * instruction pointer, is SIGSEGV too. Each case runs in a child and reads
 * its fate from the wait status: on a kernel that loops instead, the
 * child never ends and the boot's timeout reports it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"

#define PAGE		4096
#define EXIT_HANDLED	42

/* A SIGSEGV handler that reports through its exit status. */
static void segv_exits(int sig, siginfo_t *si, void *uc)
{
	_exit(si->si_code == SI_KERNEL ? EXIT_HANDLED : EXIT_HANDLED + 1);
}

static void never_runs(int sig, siginfo_t *si, void *uc)
{
	_exit(3);
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* An alternate stack that was unmapped after sigaltstack() took it. */
static void altstack_on_nothing(void)
{
	stack_t ss = { .ss_size = 4 * PAGE };

	ss.ss_sp = mmap(NULL, ss.ss_size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sigaltstack(&ss, NULL);
	munmap(ss.ss_sp, ss.ss_size);
}

static int run_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(4);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void expect_sigsegv_death(int status)
{
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "wait status %#x, not a death by SIGSEGV", status);
}

static void segv_on_dead_altstack(void)
{
	altstack_on_nothing();
	handle(SIGSEGV, never_runs, SA_ONSTACK);
	__asm__ volatile("movl $1, 8" ::: "memory");
}

static void sigsegv_handler_on_unmapped_altstack_kills(void)
{
	expect_sigsegv_death(run_child(segv_on_dead_altstack));
}

/* The stack pointer itself is garbage when the fault arrives. */
static void segv_with_rsp_zero(void)
{
	handle(SIGSEGV, never_runs, 0);
	__asm__ volatile("xor %%esp, %%esp\n\tmovl $1, 8" ::: "memory");
}

static void sigsegv_handler_with_bad_rsp_kills(void)
{
	expect_sigsegv_death(run_child(segv_with_rsp_zero));
}

static void usr1_and_segv_on_dead_altstack(void)
{
	altstack_on_nothing();
	handle(SIGUSR1, never_runs, SA_ONSTACK);
	handle(SIGSEGV, never_runs, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
}

static void sigusr1_unwritable_frame_then_sigsegv_unwritable_kills(void)
{
	expect_sigsegv_death(run_child(usr1_and_segv_on_dead_altstack));
}

static void usr1_on_dead_altstack_segv_on_stack(void)
{
	altstack_on_nothing();
	handle(SIGUSR1, never_runs, SA_ONSTACK);
	handle(SIGSEGV, segv_exits, 0);
	kill(getpid(), SIGUSR1);
}

static void sigusr1_unwritable_frame_forces_sigsegv_to_its_handler(void)
{
	int status = run_child(usr1_on_dead_altstack_segv_on_stack);

	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_HANDLED,
	       "wait status %#x: the SIGSEGV handler did not run with SI_KERNEL",
	       status);
}

/* A handler without SA_RESTORER has no way back: x86-64 has no trampoline. */
static void usr1_without_restorer(void)
{
	struct { void *handler; unsigned long flags; void *restorer; uint64_t mask; } ka = {
		.handler = (void *)never_runs, .flags = SA_SIGINFO,
	};

	sys4(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
	kill(getpid(), SIGUSR1);
}

static void handler_without_sa_restorer_gets_sigsegv(void)
{
	expect_sigsegv_death(run_child(usr1_without_restorer));
}

/* rt_sigreturn with the stack pointer at unmapped memory. */
static void sigreturn_unmapped_frame(void)
{
	__asm__ volatile("mov $0x10000, %%rsp\n\tmov %0, %%eax\n\tsyscall"
			 :: "i"(SYS_rt_sigreturn) : "memory");
}

static void rt_sigreturn_unreadable_frame_is_sigsegv(void)
{
	expect_sigsegv_death(run_child(sigreturn_unmapped_frame));
}

/*
 * rt_sigreturn from a frame built here: pretcode then the ucontext, as
 * the kernel lays it out; the ucontext's fields come from @edit, on top
 * of a valid 64-bit user CS (0x33), so that each case fails for its own
 * reason.
 */
static void sigreturn_from(void (*edit)(ucontext_t *uc))
{
	static char frame[2 * PAGE] __attribute__((aligned(16)));
	ucontext_t *uc = (ucontext_t *)(frame + 8);

	memset(frame, 0, sizeof(frame));
	uc->uc_mcontext.gregs[REG_CSGSFS] = 0x33;
	edit(uc);
	__asm__ volatile("mov %0, %%rsp\n\tmov %1, %%eax\n\tsyscall"
			 :: "r"(frame + 8), "i"(SYS_rt_sigreturn) : "memory");
}

static void fpstate_in_kernel(ucontext_t *uc)
{
	uc->uc_mcontext.fpregs = (void *)0xffffffff81000000UL;
	uc->uc_mcontext.gregs[REG_RIP] = 0x10000;
}

static void sigreturn_kernel_fpstate(void)
{
	sigreturn_from(fpstate_in_kernel);
}

static void rt_sigreturn_kernel_fpstate_is_sigsegv(void)
{
	expect_sigsegv_death(run_child(sigreturn_kernel_fpstate));
}

static void every_byte_ff(ucontext_t *uc)
{
	memset(uc, 0xff, sizeof(*uc));
	uc->uc_mcontext.fpregs = NULL;
}

static void sigreturn_all_ones(void)
{
	sigreturn_from(every_byte_ff);
}

/* RIP, RSP and every flag bit all ones: the return faults in user mode. */
static void rt_sigreturn_all_ones_frame_is_sigsegv(void)
{
	expect_sigsegv_death(run_child(sigreturn_all_ones));
}

static void noncanonical_rip(ucontext_t *uc)
{
	uc->uc_mcontext.gregs[REG_RIP] = 0x8000000000000000UL;
	uc->uc_mcontext.gregs[REG_RSP] = 0x10000;
}

static void sigreturn_noncanonical_rip(void)
{
	sigreturn_from(noncanonical_rip);
}

static void rt_sigreturn_noncanonical_rip_is_sigsegv(void)
{
	expect_sigsegv_death(run_child(sigreturn_noncanonical_rip));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sigsegv_handler_on_unmapped_altstack_kills),
	KTAP_CASE(sigsegv_handler_with_bad_rsp_kills),
	KTAP_CASE(sigusr1_unwritable_frame_then_sigsegv_unwritable_kills),
	KTAP_CASE(sigusr1_unwritable_frame_forces_sigsegv_to_its_handler),
	KTAP_CASE(handler_without_sa_restorer_gets_sigsegv),
	KTAP_CASE(rt_sigreturn_unreadable_frame_is_sigsegv),
	KTAP_CASE(rt_sigreturn_kernel_fpstate_is_sigsegv),
	KTAP_CASE(rt_sigreturn_all_ones_frame_is_sigsegv),
	KTAP_CASE(rt_sigreturn_noncanonical_rip_is_sigsegv),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
