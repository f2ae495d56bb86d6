/* SPDX-License-Identifier: MIT */
/*
 * Expecting a fault, two ways, for the tests that provoke one on purpose.
 *
 * fault_probe(fn, arg) runs fn(arg) and says which signal (SIGSEGV,
 * SIGBUS or SIGILL) its first fault raised, 0 if none, with that
 * signal's si_code and si_addr in fault_caught; the handler leaves fn
 * through siglongjmp(), so fn is abandoned at the faulting instruction.
 * The previous handlers come back afterwards.
 *
 * fault_resume_install() instead resumes after one instruction: an asm
 * statement built with FAULT_ASM() (sys.h) stores the instruction's
 * address in expect.fault_rip and the next one's in expect.resume_rip;
 * a SIGSEGV or SIGBUS at any other address ends the program with 98.
 * What the handler saw goes to got.
 */
#ifndef REFLEX_FAULT_H
#define REFLEX_FAULT_H

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include "ktap.h"

/* --- fault_probe ------------------------------------------------------------------ */

static volatile struct {
	int signo, code;
	void *addr;
} fault_caught;

static sigjmp_buf fault_probe_env;

static void fault_probe_jump(int sig, siginfo_t *si, void *ucp)
{
	(void)ucp;
	fault_caught.signo = sig;
	fault_caught.code = si->si_code;
	fault_caught.addr = si->si_addr;
	siglongjmp(fault_probe_env, 1);
}

static __attribute__((unused)) int fault_probe(void (*fn)(void *), void *arg)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL };
	struct sigaction sa = { .sa_sigaction = fault_probe_jump, .sa_flags = SA_SIGINFO };
	struct sigaction old[3];
	unsigned int i;

	memset((void *)&fault_caught, 0, sizeof(fault_caught));
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	if (!sigsetjmp(fault_probe_env, 1))
		fn(arg);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	return fault_caught.signo;
}

/* --- resuming after the faulting instruction ----------------------------------------- */

static struct {
	uintptr_t fault_rip, resume_rip;
} expect;

static volatile struct {
	int count, signo, code;
	void *addr;
	uintptr_t rip;
} got;

static void fault_resume(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;

	got.count++;
	got.signo = sig;
	got.code = si->si_code;
	got.addr = si->si_addr;
	got.rip = g[REG_RIP];
	if ((uintptr_t)g[REG_RIP] != expect.fault_rip) {
		ktap_diag("signal %d at unexpected rip %#llx", sig, (unsigned long long)g[REG_RIP]);
		_exit(98);
	}
	g[REG_RIP] = expect.resume_rip;
}

/* SIGSEGV and SIGBUS resume after the instruction; got is cleared. */
static __attribute__((unused)) void fault_resume_install(void)
{
	struct sigaction sa = { .sa_sigaction = fault_resume, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	memset((void *)&got, 0, sizeof(got));
}

#endif
