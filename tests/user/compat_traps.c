// SPDX-License-Identifier: MIT
/*
 * Everything else compat-mode code (32-bit, __USER32_CS, 0x23) can do to
 * enter the kernel, each with the outcome Linux gives:
 *
 * - int3 and icebp: SIGTRAP (SI_KERNEL, TRAP_BRKPT); into with OF set
 *   and a failing bound: SIGSEGV (SI_KERNEL); int $n through a gate
 *   without DPL 3, far calls and jumps to a kernel code segment, to the
 *   TSS or beyond the GDT, iret to a kernel CS and iret with NT set:
 *   #GP, SIGSEGV (SI_KERNEL);
 * - a stack just below 4 GiB: int $0x80 and SYSCALL work, an arg6 slot
 *   that straddles 4 GiB is -EFAULT, and a signal is delivered there;
 * - a signal taken in compat mode runs its handler in 64-bit mode with
 *   the compat CS in the context; rt_sigreturn goes back to compat mode
 *   (also when the registers would let SYSRET return, which would land in
 *   64-bit mode) or leaves it for 64-bit mode; it refuses (SIGSEGV) a
 *   kernel or data segment as CS, a bad SS in compat mode and a
 *   non-canonical ip in 64-bit mode, as Linux's IRET would, forces a bad
 *   SS to __USER_DS on the way to 64-bit mode, and keeps only the low
 *   half of an ip for compat mode (as Linux does under QEMU's TCG);
 * - DS and ES are the task's: another task's null DS does not reach it.
 */
#define _GNU_SOURCE
#include <sched.h>

#include "compat.h"

/* --- exceptions and far transfers ------------------------------------------ */

static void set_into(void) { set_catch_exit_segv(); compat_regs.eflags |= EFL_OF; }
static void set_bound(void) { set_catch_exit_segv(); compat_regs.eax = 1; }

static void into_in_compat_is_sigsegv(void)
{
	/* #OF is a trap: ip after the into. */
	check_fault(set_into, stub_into, (uintptr_t)stub_into_ret, SIGSEGV, SI_KERNEL);
}

static void bound_in_compat_is_sigsegv(void)
{
	check_fault(set_bound, stub_bound, (uintptr_t)stub_bound_ret - 6, SIGSEGV, SI_KERNEL);
}

static void icebp_in_compat_is_sigtrap(void)
{
	if (under_tcg()) {
		ktap_skip("QEMU's TCG decodes icebp (int1) as #UD");
		return;
	}
	check_fault(set_catch_exit_trap, stub_icebp, (uintptr_t)stub_icebp_ret, SIGTRAP,
		    1 /* TRAP_BRKPT */);
}

static void int3_in_compat_is_sigtrap(void)
{
	check_fault(set_catch_exit_trap, stub_int3, (uintptr_t)stub_int3_ret, SIGTRAP, SI_KERNEL);
}

/* Gates without DPL 3: #GP, whose ip is the int itself. */
static void int_1_and_int_0x81_from_compat_are_sigsegv(void)
{
	check_fault(set_catch_exit_segv, stub_int_1, (uintptr_t)stub_int_1_ret - 2, SIGSEGV,
		    SI_KERNEL);
	check_fault(set_catch_exit_segv, stub_int_0x81, (uintptr_t)stub_int_0x81_ret - 2,
		    SIGSEGV, SI_KERNEL);
}

static void far_transfers_to_kernel_and_system_selectors_are_sigsegv(void)
{
	check_fault(set_catch_exit_segv, stub_lcall_kernel_cs,
		    (uintptr_t)stub_lcall_kernel_cs_ret - 7, SIGSEGV, SI_KERNEL);
	check_fault(set_catch_exit_segv, stub_ljmp_tss, (uintptr_t)stub_ljmp_tss_ret - 7,
		    SIGSEGV, SI_KERNEL);
	check_fault(set_catch_exit_segv, stub_ljmp_beyond_gdt,
		    (uintptr_t)stub_ljmp_beyond_gdt_ret - 7, SIGSEGV, SI_KERNEL);
}

/*
 * An IRET to ring 0 is #GP. (Under TCG with SMAP, QEMU pops a user IRET's
 * frame with supervisor accesses; arch/x86/mm/tcg_smap.c carries the IRET
 * out as the CPU would, refusing the kernel CS the same way.)
 */
static void set_iret_kernel_cs(void)
{
	uint32_t *frame = (uint32_t *)(COMPAT_STACK_TOP - 512);

	set_catch_exit_segv();
	frame[0] = (uintptr_t)stub_iret_ret;
	frame[1] = KERNEL_CS;
	frame[2] = EFL_FIXED | EFL_IF;
	compat_regs.esp = (uintptr_t)frame;
}

static void iret_in_compat_to_a_kernel_cs_is_sigsegv(void)
{
	check_fault(set_iret_kernel_cs, stub_iret, (uintptr_t)stub_iret_ret - 1, SIGSEGV,
		    SI_KERNEL);
}

/* IRET with NT set is #GP in long mode, before it reads its frame. */
static void set_iret_nt(void) { set_catch_exit_segv(); compat_regs.eflags |= EFL_NT; }

static void iret_with_nt_in_compat_is_sigsegv(void)
{
	check_fault(set_iret_nt, stub_iret, (uintptr_t)stub_iret_ret - 1, SIGSEGV, SI_KERNEL);
}

/* --- a stack just below 4 GiB ---------------------------------------------- */

#define HIGH_STACK_PAGES	4

static uint32_t high_esp;

static void set_high_stack(void)
{
	char *p = mmap((void *)(LOW_TOP - HIGH_STACK_PAGES * PAGE), HIGH_STACK_PAGES * PAGE,
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED)
		_exit(4);
	compat_regs.esp = high_esp;
}

static void set_high_getpid(void) { set_high_stack(); set_getpid(); }

static void set_high_int3(void)
{
	set_high_stack();
	edit.action = ACT_RESUME;
	catch(SIGTRAP);
}

static void check_high_getpid(void (*stub)(void))
{
	struct report r;
	int st = run_child(set_high_getpid, stub, &r);

	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int)r.regs.eax == r.pid && r.regs.esp == high_esp, "eax %d (pid %d) esp %#x",
	       (int32_t)r.regs.eax, r.pid, r.regs.esp);
}

static void stack_below_4gib_system_calls_work(void)
{
	struct report r;
	int st;

	high_esp = LOW_TOP - 16;
	check_high_getpid(stub_int80);
	if (skip_compat_syscall())
		return;
	check_high_getpid(stub_syscall);
	/* arg6's slot straddles 4 GiB: its upper half is not mapped. */
	high_esp = LOW_TOP - 2;
	st = run_child(set_high_getpid, stub_syscall, &r);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int32_t)r.regs.eax == -EFAULT, "eax %d", (int32_t)r.regs.eax);
}

static void stack_below_4gib_takes_a_signal_frame(void)
{
	struct report r;
	int st;

	high_esp = LOW_TOP - 16;
	st = run_child(set_high_int3, stub_int3, &r);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT(r.signals == 1 && r.signo == SIGTRAP && r.sp == LOW_TOP - 16,
	       "%d signals, last %d, sp %#lx", r.signals, r.signo, (long)r.sp);
}

/* --- signals in compat mode and rt_sigreturn -------------------------------- */

/* An int3 in compat mode; the SIGTRAP handler returns with edit applied. */
static void set_int3_edit(void)
{
	catch(SIGTRAP);
}

static int sigreturn_with(int action, uint64_t cs, uint64_t ip, uint64_t ss, struct report *r)
{
	edit.action = action;
	edit.cs = cs;
	edit.ip = ip;
	edit.ss = ss;
	return run_child(set_int3_edit, stub_int3, r);
}

static void signal_in_compat_runs_the_handler_in_64bit_mode_and_returns(void)
{
	struct report r;
	int st = sigreturn_with(ACT_RESUME, 0, 0, 0, &r);

	EXPECT_EXITED(st);
	EXPECT(r.handler_cs == USER_CS, "the handler ran with cs %#x", r.handler_cs);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT(r.signals == 1 && r.signo == SIGTRAP && r.code == SI_KERNEL &&
	       r.cs == USER32_CS && r.ip == (uintptr_t)stub_int3_ret,
	       "%d signals, last %d code %#x at %#lx:%#lx", r.signals, r.signo, r.code,
	       (long)r.cs, (long)r.ip);
}

/*
 * rt_sigreturn is a 64-bit SYSCALL; with rcx == rip and r11 == eflags the
 * fast SYSRET return would be taken, and SYSRET loads the 64-bit CS.
 */
static void sigreturn_to_compat_with_sysret_shaped_regs_stays_compat(void)
{
	struct report r;
	int st = sigreturn_with(ACT_SYSRET_SHAPED, 0, 0, 0, &r);

	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
}

static void sigreturn_can_leave_compat_mode(void)
{
	struct report r;
	int st = sigreturn_with(ACT_SET_CS, USER_CS, (uintptr_t)compat_return64, USER_DS, &r);

	EXPECT_EXITED(st);
	EXPECT(r.returned && r.signals == 1, "returned %d, %d signals", r.returned, r.signals);
}

/* Compat mode has only EIP: the upper half of ip is dropped. */
static void sigreturn_to_compat_keeps_the_low_half_of_ip(void)
{
	struct report r;
	int st = sigreturn_with(ACT_SET_CS, USER32_CS, LOW_TOP + (uintptr_t)stub_int3_ret,
				USER_DS, &r);

	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
}

static const uint64_t bad_ss[] = { 0, KERNEL_DS, USER32_CS, 0xfff8 };

/* Linux keeps the ss a return to compat mode is given; IRET refuses a bad one. */
static void sigreturn_to_compat_refuses_a_bad_ss(void)
{
	struct report r;
	unsigned int i;
	int st;

	for (i = 0; i < sizeof(bad_ss) / sizeof(bad_ss[0]); i++) {
		st = sigreturn_with(ACT_SET_CS, USER32_CS, (uintptr_t)stub_int3_ret, bad_ss[i], &r);
		EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "ss %#lx: child status %#x",
		       (long)bad_ss[i], st);
	}
}

/* A frame from compat mode is not UC_STRICT_RESTORE_SS: Linux's force_valid_ss. */
static void sigreturn_to_64bit_forces_a_bad_ss_to_user_ds(void)
{
	struct report r;
	unsigned int i;
	int st;

	for (i = 0; i < sizeof(bad_ss) / sizeof(bad_ss[0]); i++) {
		st = sigreturn_with(ACT_SET_CS, USER_CS, (uintptr_t)compat_return64, bad_ss[i], &r);
		EXPECT_EXITED(st);
		EXPECT(r.returned && r.ss_back == USER_DS, "ss %#lx: returned %d, ss now %#x",
		       (long)bad_ss[i], r.returned, r.ss_back);
	}
}

static void sigreturn_refuses_a_bad_cs_or_ip(void)
{
	static const struct { uint64_t cs, ip; } bad[] = {
		{ KERNEL_CS, 0 },			/* ring 0 code: RPL forced to 3 */
		{ USER_DS, 0 },				/* a data segment */
		{ 0, 0 },				/* null */
		{ USER_CS, 0x8000000000000000ul },	/* non-canonical */
	};
	struct report r;
	unsigned int i;
	int st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st = sigreturn_with(ACT_SET_CS, bad[i].cs,
				    bad[i].ip + (uintptr_t)stub_int3_ret, USER_DS, &r);
		EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		       "cs %#lx ip %#lx: child status %#x", (long)bad[i].cs,
		       (long)(bad[i].ip + (uintptr_t)stub_int3_ret), st);
	}
}

/* --- DS and ES belong to the task ------------------------------------------ */

#define YIELDS	2000

static void set_yield_loop(void)
{
	compat_regs.ecx = YIELDS;
}

/*
 * A compat-mode task addresses memory through DS. Another task loading a
 * null DS and yielding, over and over, must not reach it: the compat
 * task keeps __USER_DS across every switch.
 */
static void another_tasks_ds_does_not_reach_a_compat_task(void)
{
	struct report r;
	pid_t other = fork();
	int st;

	if (other == 0) {
		for (int i = 0; i < YIELDS; i++) {
			__asm__ volatile("movl %0, %%ds" : : "r"(0));
			sched_yield();
		}
		_exit(0);
	}
	st = run_child(set_yield_loop, stub_yield_loop, &r);
	if (other > 0)
		waitpid(other, NULL, 0);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT(r.regs.ecx == 0 && r.regs.edx == USER_DS, "ds %#x with %u yields to go",
	       r.regs.edx & 0xffff, r.regs.ecx);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(int3_in_compat_is_sigtrap),
	KTAP_CASE(icebp_in_compat_is_sigtrap),
	KTAP_CASE(into_in_compat_is_sigsegv),
	KTAP_CASE(bound_in_compat_is_sigsegv),
	KTAP_CASE(int_1_and_int_0x81_from_compat_are_sigsegv),
	KTAP_CASE(far_transfers_to_kernel_and_system_selectors_are_sigsegv),
	KTAP_CASE(iret_in_compat_to_a_kernel_cs_is_sigsegv),
	KTAP_CASE(iret_with_nt_in_compat_is_sigsegv),
	KTAP_CASE(stack_below_4gib_system_calls_work),
	KTAP_CASE(stack_below_4gib_takes_a_signal_frame),
	KTAP_CASE(signal_in_compat_runs_the_handler_in_64bit_mode_and_returns),
	KTAP_CASE(sigreturn_to_compat_with_sysret_shaped_regs_stays_compat),
	KTAP_CASE(sigreturn_can_leave_compat_mode),
	KTAP_CASE(sigreturn_to_compat_keeps_the_low_half_of_ip),
	KTAP_CASE(sigreturn_to_compat_refuses_a_bad_ss),
	KTAP_CASE(sigreturn_to_64bit_forces_a_bad_ss_to_user_ds),
	KTAP_CASE(sigreturn_refuses_a_bad_cs_or_ip),
	KTAP_CASE(another_tasks_ds_does_not_reach_a_compat_task),
};

int main(int argc, char **argv)
{
	return ktap_run_compat(argv[0], cases, KTAP_COUNT(cases));
}
