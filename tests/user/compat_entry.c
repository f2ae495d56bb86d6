// SPDX-License-Identifier: MIT
/*
 * The i386 system-call ABI from compat mode (32-bit code in __USER32_CS,
 * 0x23) through all three doors, as Linux with IA32 emulation:
 *
 * - int $0x80: the call runs and the IRET returns to compat mode;
 * - SYSCALL: arg2 travels in ebp (the instruction takes ecx), arg6 is
 *   read from the user stack, and an unreadable slot fails the call
 *   with -EFAULT; a TF the program set comes back with the return, so
 *   it traps one instruction later (SIGTRAP, TRAP_TRACE);
 * - SYSENTER: the call runs; then, with no 32-bit vDSO to return to,
 *   SIGSEGV (SI_KERNEL) at ip 0 on the stack passed in ebp. With TF, AC
 *   or NT set (SYSENTER clears none of them) the kernel survives and
 *   the handler's context shows them set.
 * Unknown numbers are -ENOSYS. Intel CPUs refuse SYSCALL in compat mode
 * and AMD CPUs SYSENTER (#UD): those cases are skipped there, but not
 * under QEMU's TCG, which runs both.
 */
#define _GNU_SOURCE
#include "compat.h"

/* --- int $0x80 -------------------------------------------------------------- */

static void int80_from_compat_getpid_returns_to_compat(void)
{
	struct report r;
	int st = run_child(set_getpid, stub_int80, &r);

	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int)r.regs.eax == r.pid, "eax %d, pid %d", r.regs.eax, r.pid);
}

static void int80_from_compat_unknown_number_is_enosys(void)
{
	struct report r;
	int st = run_child(set_unknown, stub_int80, &r);

	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int32_t)r.regs.eax == -ENOSYS, "eax %d", (int32_t)r.regs.eax);
}

/* --- SYSCALL from compat mode ------------------------------------------------ */

static int data_pipe[2];
static const char message[] = "compat";

/* write(data_pipe[1], message, 6): arg2, the buffer, travels in ebp. */
static void set_syscall_write(void)
{
	compat_regs.eax = NR32_write;
	compat_regs.ebx = data_pipe[1];
	compat_regs.ebp = (uintptr_t)message;
	compat_regs.ecx = 0xdead;	/* SYSCALL overwrites it: not an argument */
	compat_regs.edx = sizeof(message) - 1;
}

/* The bytes the child wrote into data_pipe; the parent's write end closed. */
static long drain_data_pipe(char *buf, size_t len)
{
	long n;

	close(data_pipe[1]);
	n = read(data_pipe[0], buf, len);
	close(data_pipe[0]);
	return n;
}

static void syscall_from_compat_getpid(void)
{
	struct report r;
	int st;

	if (skip_compat_syscall())
		return;
	st = run_child(set_getpid, stub_syscall, &r);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int)r.regs.eax == r.pid, "eax %d, pid %d", r.regs.eax, r.pid);
}

static void syscall_from_compat_write_takes_arg2_from_ebp(void)
{
	char buf[16] = "";
	struct report r;
	int st;

	if (skip_compat_syscall() || pipe(data_pipe))
		return;
	st = run_child(set_syscall_write, stub_syscall, &r);
	EXPECT(drain_data_pipe(buf, sizeof(buf)) == 6 && !memcmp(buf, message, 6),
	       "pipe holds \"%s\"", buf);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT(r.regs.eax == 6, "eax %d", (int32_t)r.regs.eax);
}

/*
 * sendto(fd, buf, 65536, 0, &sin, addrlen): the length is refused
 * (-EMSGSIZE) only once the address has passed, which needs addrlen, arg6,
 * to be 16; with 8 the address is refused (-EINVAL). arg6 is read from
 * the word at esp.
 */
static uint32_t *arg6_slot;
static int udp_fd;
static struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = 0x0900 /* 9 */ };

static void set_sendto(uint32_t addrlen)
{
	arg6_slot = (uint32_t *)(COMPAT_STACK_TOP - 512);
	*arg6_slot = addrlen;
	compat_regs.eax = NR32_sendto;
	compat_regs.ebx = udp_fd;
	compat_regs.ebp = (uintptr_t)message;
	compat_regs.edx = 65536;
	compat_regs.esi = 0;
	compat_regs.edi = (uintptr_t)&sin;
	compat_regs.esp = (uintptr_t)arg6_slot;
}
static void set_sendto_16(void) { set_sendto(sizeof(sin)); }
static void set_sendto_8(void) { set_sendto(8); }

static void syscall_from_compat_reads_arg6_from_the_user_stack(void)
{
	struct report r16, r8;
	int st16, st8;

	if (skip_compat_syscall())
		return;
	udp_fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (!EXPECT(udp_fd >= 0, "socket: %s", strerror(errno)))
		return;
	st16 = run_child(set_sendto_16, stub_syscall, &r16);
	st8 = run_child(set_sendto_8, stub_syscall, &r8);
	close(udp_fd);
	EXPECT_EXITED(st16);
	EXPECT_EXITED(st8);
	EXPECT((int32_t)r16.regs.eax == -EMSGSIZE, "addrlen 16: eax %d", (int32_t)r16.regs.eax);
	EXPECT((int32_t)r8.regs.eax == -EINVAL, "addrlen 8: eax %d", (int32_t)r8.regs.eax);
	EXPECT(r16.regs.ebp == sizeof(sin), "ebp %#x (arg6)", r16.regs.ebp);
}

/* esp at the start of a PROT_NONE page, below a writable one. */
static void set_sendto_unreadable_stack(void)
{
	char *p = mmap((void *)0x10000000, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED || mprotect(p + PAGE, PAGE, PROT_NONE))
		_exit(4);
	set_sendto(sizeof(sin));
	compat_regs.esp = (uintptr_t)(p + PAGE);
}

static void syscall_from_compat_unreadable_arg6_is_efault(void)
{
	struct report r;
	int st;

	if (skip_compat_syscall())
		return;
	udp_fd = socket(AF_INET, SOCK_DGRAM, 0);
	st = run_child(set_sendto_unreadable_stack, stub_syscall, &r);
	close(udp_fd);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int32_t)r.regs.eax == -EFAULT, "eax %d", (int32_t)r.regs.eax);
}

static void syscall_from_compat_unknown_number_is_enosys(void)
{
	struct report r;
	int st;

	if (skip_compat_syscall())
		return;
	st = run_child(set_unknown, stub_syscall, &r);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int32_t)r.regs.eax == -ENOSYS, "eax %d", (int32_t)r.regs.eax);
}

/*
 * SYSCALL clears TF for the kernel; the IRET gives it back, so the
 * program traps one instruction after the door: SIGTRAP, TRAP_TRACE,
 * in compat mode. The handler clears TF and returns there.
 */
static void set_getpid_tf(void)
{
	set_getpid();
	compat_regs.eflags |= EFL_TF;
	edit.action = ACT_RESUME;
	catch(SIGTRAP);
}

static void syscall_from_compat_with_tf_traps_after_the_return(void)
{
	struct report r;
	int st;

	if (skip_compat_syscall())
		return;
	st = run_child(set_getpid_tf, stub_syscall, &r);
	EXPECT_EXITED(st);
	EXPECT_BACK_IN_COMPAT(r);
	EXPECT((int)r.regs.eax == r.pid, "eax %d, pid %d", r.regs.eax, r.pid);
	EXPECT(r.signals == 1 && r.signo == SIGTRAP && r.code == 2 /* TRAP_TRACE */,
	       "%d signals, last %d code %d", r.signals, r.signo, r.code);
	EXPECT(r.ip == (uintptr_t)stub_syscall_step && r.cs == USER32_CS && (r.flags & EFL_TF),
	       "trap at %#lx cs %#lx flags %#lx, expected %p", (long)r.ip, (long)r.cs,
	       (long)r.flags, (void *)stub_syscall_step);
	EXPECT(!(r.regs.eflags & EFL_TF), "eflags after %#x", r.regs.eflags);
}

/* --- SYSENTER --------------------------------------------------------------- */

/*
 * write(data_pipe[1], message, 6) through SYSENTER, with the stack pointer
 * in ebp as Linux's vDSO passes it and arg6 at that stack pointer.
 */
static uint32_t sysenter_flags;

static void set_sysenter_write(void)
{
	compat_regs.eax = NR32_write;
	compat_regs.ebx = data_pipe[1];
	compat_regs.ecx = (uintptr_t)message;
	compat_regs.edx = sizeof(message) - 1;
	compat_regs.ebp = compat_regs.esp;
	compat_regs.eflags |= sysenter_flags;
	edit.action = ACT_EXIT;
	catch(SIGSEGV);
}

/*
 * The call runs; then SIGSEGV (SI_KERNEL) at ip 0 in compat mode, on the
 * stack from ebp, with the flags the program entered with.
 */
static void check_sysenter(uint32_t flags)
{
	char buf[16] = "";
	struct report r;
	int st;

	if (skip_compat_sysenter() || pipe(data_pipe))
		return;
	sysenter_flags = flags;
	st = run_child(set_sysenter_write, stub_sysenter, &r);
	EXPECT(drain_data_pipe(buf, sizeof(buf)) == 6 && !memcmp(buf, message, 6),
	       "pipe holds \"%s\"", buf);
	EXPECT_EXITED(st);
	EXPECT(!r.returned && r.signals == 1 && r.signo == SIGSEGV && r.code == SI_KERNEL,
	       "returned %d, %d signals, last %d code %#x", r.returned, r.signals,
	       r.signo, r.code);
	EXPECT(r.ip == 0 && r.cs == USER32_CS && r.ss == USER_DS &&
	       r.sp == COMPAT_STACK_TOP - 256,
	       "ip %#lx cs %#lx ss %#lx sp %#lx", (long)r.ip, (long)r.cs, (long)r.ss,
	       (long)r.sp);
	EXPECT((r.flags & (EFL_TF | EFL_AC | EFL_NT | EFL_IF)) == (flags | EFL_IF),
	       "flags %#lx, entered with %#x", (long)r.flags, flags | EFL_IF);
}

static void sysenter_runs_the_call_then_sigsegv(void) { check_sysenter(0); }
/* Every instruction of the entry up to its popfq traps; the kernel ignores them. */
static void sysenter_with_tf_survives_and_gives_tf_back(void) { check_sysenter(EFL_TF); }
/* AC would leave SMAP open in the kernel; NT would make its IRET fault. */
static void sysenter_with_ac_survives_and_gives_ac_back(void) { check_sysenter(EFL_AC); }
static void sysenter_with_nt_survives_and_gives_nt_back(void) { check_sysenter(EFL_NT); }
static void sysenter_with_tf_ac_nt_together(void) { check_sysenter(EFL_TF | EFL_AC | EFL_NT); }

/* Intel runs SYSENTER from 64-bit mode too (SIGSEGV after it); AMD: #UD. */
static void sysenter_from_64bit_mode_is_sigsegv_or_sigill(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		sysenter64();
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == (cpu_is("GenuineIntel") ? SIGSEGV : SIGILL),
	       "child status %#x", st);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(int80_from_compat_getpid_returns_to_compat),
	KTAP_CASE(int80_from_compat_unknown_number_is_enosys),
	KTAP_CASE(syscall_from_compat_getpid),
	KTAP_CASE(syscall_from_compat_write_takes_arg2_from_ebp),
	KTAP_CASE(syscall_from_compat_reads_arg6_from_the_user_stack),
	KTAP_CASE(syscall_from_compat_unreadable_arg6_is_efault),
	KTAP_CASE(syscall_from_compat_unknown_number_is_enosys),
	KTAP_CASE(syscall_from_compat_with_tf_traps_after_the_return),
	KTAP_CASE(sysenter_runs_the_call_then_sigsegv),
	KTAP_CASE(sysenter_with_tf_survives_and_gives_tf_back),
	KTAP_CASE(sysenter_with_ac_survives_and_gives_ac_back),
	KTAP_CASE(sysenter_with_nt_survives_and_gives_nt_back),
	KTAP_CASE(sysenter_with_tf_ac_nt_together),
	KTAP_CASE(sysenter_from_64bit_mode_is_sigsegv_or_sigill),
};

int main(int argc, char **argv)
{
	return ktap_run_compat(argv[0], cases, KTAP_COUNT(cases));
}
