// SPDX-License-Identifier: MIT
/*
 * The XSAVE user ABI, as Linux's: XCR0 (xgetbv) is what arch_prctl's
 * ARCH_GET_XCOMP_SUPP reports; AT_MINSIGSTKSZ has Linux's value and the
 * frame fits in it; the signal frame's fpstate is an XSAVE image with
 * struct _fpx_sw_bytes and both magics; the SSE/AVX registers (the YMM
 * upper halves included) survive context switches, a handler that
 * clobbers them, fork and a handler's edit of the frame, and exec resets
 * them; a frame whose XSAVE header or MXCSR XRSTOR would refuse is
 * SIGSEGV, one without magic1 loads only the legacy area. Without OSXSAVE (no XSAVE,
 * or "noxsave") the XSAVE cases skip and the rest use XMM alone.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include "ktap.h"
#include "sys.h"

#define ARCH_GET_XCOMP_SUPP	0x1021
#define ARCH_GET_XCOMP_PERM	0x1022
#define ARCH_REQ_XCOMP_PERM	0x1023
#define XFEATURE_MASK_XTILE	(3ULL << 17)	/* AMX: permission needed */
#define AT_MINSIGSTKSZ_		51
#define FP_XSTATE_MAGIC1	0x46505853U
#define FP_XSTATE_MAGIC2	0x46505845U
#define UC_FP_XSTATE		0x1

/* The frame's image: FXSAVE layout, _fpx_sw_bytes at 464, the XSAVE header at 512. */
struct xsave_image {
	uint16_t cwd, swd, twd, fop;
	uint64_t rip, rdp;
	uint32_t mxcsr, mxcsr_mask;
	uint32_t st_space[32];
	uint32_t xmm_space[64];
	uint32_t padding[12];
	struct {
		uint32_t magic1, extended_size;
		uint64_t xfeatures;
		uint32_t xstate_size, padding[7];
	} sw;
	uint64_t xstate_bv, xcomp_bv, reserved[6];
};

static int osxsave(void)
{
	unsigned int a, b, c, d;

	__cpuid(1, a, b, c, d);
	return !!(c & (1u << 27));
}

static uint64_t xgetbv0(void)
{
	uint32_t lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return lo | (uint64_t)hi << 32;
}

/* AVX usable: the OS enabled XSAVE and both SSE and YMM state in XCR0. */
static int avx_on(void)
{
	return osxsave() && (xgetbv0() & 6) == 6;
}

/* The standard-format size for the features in XCR0 (CPUID 0xD, EBX). */
static unsigned int xstate_size(void)
{
	unsigned int a, b, c, d;

	__cpuid_count(0xd, 0, a, b, c, d);
	return b;
}

static int skip_without_xsave(void)
{
	if (osxsave())
		return 0;
	ktap_skip("CPUID.1:ECX.OSXSAVE[bit 27] is 0: XSAVE off (no XSAVE or noxsave)");
	return 1;
}

/*
 * The vector registers as 16 slots of 32 bytes: YMM0..15 with AVX,
 * otherwise XMM0..15 in the low 16 bytes of each slot.
 */
struct vregs {
	uint8_t r[16][32];
};

#define ALL16(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) \
		 M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)
#define YLD(n)	"vmovdqu " #n "*32(%[in]), %%ymm" #n "\n\t"
#define YST(n)	"vmovdqu %%ymm" #n ", " #n "*32(%[out])\n\t"
#define XLD(n)	"movdqu " #n "*32(%[in]), %%xmm" #n "\n\t"
#define XST(n)	"movdqu %%xmm" #n ", " #n "*32(%[out])\n\t"
#define VCLOBBER "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
		 "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

/*
 * Load @in into the registers, make system call @nr (three arguments)
 * @loops times, store the registers into @out; returns the last result.
 * Nothing between the load and the store touches a vector register.
 */
static long vregs_across_syscall(const struct vregs *in, struct vregs *out, long nr,
				 long a1, long a2, long a3, long loops)
{
	long ret = nr;

	if (avx_on())
		__asm__ volatile(ALL16(YLD)
				 "1: mov %[nr], %%rax\n\t"
				 "mov %[a1], %%rdi\n\tmov %[a2], %%rsi\n\tmov %[a3], %%rdx\n\t"
				 "syscall\n\t"
				 "dec %[loops]\n\tjnz 1b\n\t"
				 ALL16(YST)
				 : "=&a"(ret), [loops] "+r"(loops)
				 : [in] "r"(in), [out] "r"(out), [nr] "m"(nr), [a1] "m"(a1),
				   [a2] "m"(a2), [a3] "m"(a3)
				 : "rcx", "r11", "rdi", "rsi", "rdx", "memory", VCLOBBER);
	else
		__asm__ volatile(ALL16(XLD)
				 "1: mov %[nr], %%rax\n\t"
				 "mov %[a1], %%rdi\n\tmov %[a2], %%rsi\n\tmov %[a3], %%rdx\n\t"
				 "syscall\n\t"
				 "dec %[loops]\n\tjnz 1b\n\t"
				 ALL16(XST)
				 : "=&a"(ret), [loops] "+r"(loops)
				 : [in] "r"(in), [out] "r"(out), [nr] "m"(nr), [a1] "m"(a1),
				   [a2] "m"(a2), [a3] "m"(a3)
				 : "rcx", "r11", "rdi", "rsi", "rdx", "memory", VCLOBBER);
	return ret;
}

static void vregs_fill(struct vregs *v, uint32_t seed)
{
	unsigned int i;

	for (i = 0; i < sizeof(*v); i++) {
		seed = seed * 1103515245u + 12345u;
		((uint8_t *)v)[i] = seed >> 16;
	}
}

/* Index of the first register (slot) that differs, or -1. */
static int vregs_diff(const struct vregs *a, const struct vregs *b)
{
	int n = avx_on() ? 32 : 16, i;

	for (i = 0; i < 16; i++)
		if (memcmp(a->r[i], b->r[i], n))
			return i;
	return -1;
}

/* --- XCR0, arch_prctl and AT_MINSIGSTKSZ --------------------------------- */

static void xcr0_matches_arch_get_xcomp_supp(void)
{
	uint64_t supp = 0, perm = 0;

	EXPECT(sys2(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, &supp) == 0, "GET_XCOMP_SUPP failed");
	EXPECT(sys2(SYS_arch_prctl, ARCH_GET_XCOMP_PERM, &perm) == 0, "GET_XCOMP_PERM failed");
	if (!osxsave()) {
		EXPECT(supp == 3, "without XSAVE SUPP %#llx, want FP|SSE", (unsigned long long)supp);
		return;
	}
	EXPECT(supp == xgetbv0(), "SUPP %#llx, XCR0 %#llx", (unsigned long long)supp,
	       (unsigned long long)xgetbv0());
	EXPECT(perm == (supp & ~XFEATURE_MASK_XTILE), "PERM %#llx, SUPP %#llx",
	       (unsigned long long)perm, (unsigned long long)supp);
	ktap_diag("XCR0 %#llx, XSAVE image %u bytes", (unsigned long long)xgetbv0(),
		  xstate_size());
}

static void arch_xcomp_bad_calls_fail_as_linux(void)
{
	long r;

	r = sys2(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, (void *)8);
	EXPECT(r == -EFAULT, "SUPP to a bad pointer: %ld", r);
	r = sys2(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, 1000);
	EXPECT(r == -EINVAL, "REQ_XCOMP_PERM(1000): %ld", r);
	/* AVX needs no permission: it is no dynamic feature. */
	r = sys2(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, 2);
	EXPECT(r == -EOPNOTSUPP, "REQ_XCOMP_PERM(YMM): %ld", r);
	r = sys2(SYS_arch_prctl, 0x10ff, 0);
	EXPECT(r == -EINVAL, "unknown option: %ld", r);
}

/* Linux's get_sigframe_size(): the i386 frame, padding, image, magic2, FSAVE header. */
static unsigned long linux_minsigstksz(void)
{
	unsigned long fp = osxsave() ? xstate_size() + 4 : 512;

	return (736 + 15 + fp + 112 + 63 + 15) & ~15UL;
}

static volatile uintptr_t frame_low, frame_fpstate;

static void on_measure(int sig, siginfo_t *si, void *ucp)
{
	frame_low = (uintptr_t)ucp - 8;		/* pretcode, the frame's first word */
	frame_fpstate = (uintptr_t)((ucontext_t *)ucp)->uc_mcontext.fpregs;
}

static void minsigstksz_is_linux_value_and_holds_the_frame(void)
{
	static char stack[65536] __attribute__((aligned(64)));
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, old;
	struct sigaction sa = { .sa_sigaction = on_measure,
				.sa_flags = SA_SIGINFO | SA_ONSTACK };
	uintptr_t top = (uintptr_t)stack + sizeof(stack);
	unsigned long min = getauxval(AT_MINSIGSTKSZ_);

	sigaltstack(&ss, &old);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	sigaltstack(&old, NULL);
	signal(SIGUSR1, SIG_DFL);
	EXPECT(min == linux_minsigstksz(), "AT_MINSIGSTKSZ %lu, Linux's formula %lu", min,
	       linux_minsigstksz());
	EXPECT(frame_low > (uintptr_t)stack && min >= top - frame_low,
	       "frame of %lu bytes, AT_MINSIGSTKSZ %lu", (unsigned long)(top - frame_low), min);
	EXPECT(frame_fpstate % 64 == 0 && frame_fpstate > frame_low && frame_fpstate < top,
	       "fpstate at %#lx", (unsigned long)frame_fpstate);
	ktap_diag("AT_MINSIGSTKSZ %lu, this frame %lu bytes", min, (unsigned long)(top - frame_low));
}

/* --- the frame's image ---------------------------------------------------- */

/* What the handler saw, and what it is asked to do to the frame. */
enum { EDIT_NONE, EDIT_XMM3, EDIT_RESERVED, EDIT_XSTATE_BV, EDIT_MAGIC1_XMM3, EDIT_MXCSR };
static volatile int edit;
static struct xsave_image seen;
static volatile unsigned long seen_uc_flags;
static volatile uint32_t seen_magic2;
static const uint32_t xmm3_edit[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
static struct vregs junk;

static void clobber_vregs(void)
{
	if (avx_on())
		__asm__ volatile(ALL16(YLD) : : [in] "r"(&junk) : VCLOBBER);
	else
		__asm__ volatile(ALL16(XLD) : : [in] "r"(&junk) : VCLOBBER);
}

static void on_usr1(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	struct xsave_image *img = (struct xsave_image *)uc->uc_mcontext.fpregs;

	seen_uc_flags = uc->uc_flags;
	memcpy(&seen, img, sizeof(seen));
	if (osxsave())
		memcpy((void *)&seen_magic2, (char *)img + img->sw.xstate_size, 4);
	clobber_vregs();
	switch (edit) {
	case EDIT_MAGIC1_XMM3:
		img->sw.magic1 = 0;
		/* fall through */
	case EDIT_XMM3:
		memcpy(&img->xmm_space[3 * 4], xmm3_edit, sizeof(xmm3_edit));
		break;
	case EDIT_RESERVED:
		img->reserved[0] = 1;
		break;
	case EDIT_XSTATE_BV:
		img->xstate_bv |= 1ULL << 62;
		break;
	case EDIT_MXCSR:
		img->mxcsr |= 1u << 31;		/* reserved in every MXCSR_MASK */
		break;
	}
}

/* The registers across a SIGUSR1 to ourselves, with @mode's edit. */
static void vregs_across_signal(int mode, const struct vregs *in, struct vregs *out)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };

	edit = mode;
	vregs_fill(&junk, 0xbad);
	sigaction(SIGUSR1, &sa, NULL);
	vregs_across_syscall(in, out, SYS_kill, getpid(), SIGUSR1, 0, 1);
	signal(SIGUSR1, SIG_DFL);
}

static void sigframe_fpstate_carries_the_xsave_magics(void)
{
	struct vregs in, out;

	if (skip_without_xsave())
		return;
	vregs_fill(&in, 1);
	vregs_across_signal(EDIT_NONE, &in, &out);
	EXPECT(seen_uc_flags & UC_FP_XSTATE, "uc_flags %#lx", seen_uc_flags);
	EXPECT(seen.sw.magic1 == FP_XSTATE_MAGIC1, "magic1 %#x", seen.sw.magic1);
	EXPECT(seen.sw.xstate_size == xstate_size(), "xstate_size %u, CPUID %u",
	       seen.sw.xstate_size, xstate_size());
	EXPECT(seen.sw.extended_size == seen.sw.xstate_size + 4, "extended_size %u",
	       seen.sw.extended_size);
	EXPECT(seen.sw.xfeatures == (xgetbv0() & ~XFEATURE_MASK_XTILE), "xfeatures %#llx",
	       (unsigned long long)seen.sw.xfeatures);
	EXPECT(seen_magic2 == FP_XSTATE_MAGIC2, "magic2 %#x", seen_magic2);
	EXPECT((seen.xstate_bv & 3) == 3 && !(seen.xstate_bv & ~xgetbv0()),
	       "XSTATE_BV %#llx", (unsigned long long)seen.xstate_bv);
	if (avx_on())
		EXPECT(seen.xstate_bv & 4, "YMM in use but XSTATE_BV %#llx",
		       (unsigned long long)seen.xstate_bv);
	EXPECT(!seen.xcomp_bv && !seen.reserved[0], "xcomp_bv %#llx",
	       (unsigned long long)seen.xcomp_bv);
	EXPECT(!memcmp(&seen.xmm_space[5 * 4], in.r[5], 16), "xmm5 in the frame differs");
}

static void vregs_survive_a_handler_that_clobbers_them(void)
{
	struct vregs in, out;
	int d;

	vregs_fill(&in, 2);
	vregs_across_signal(EDIT_NONE, &in, &out);
	d = vregs_diff(&in, &out);
	EXPECT(d < 0, "%smm%d differs after sigreturn", avx_on() ? "y" : "x", d);
}

static void handler_edit_of_xmm3_is_loaded_at_sigreturn(void)
{
	struct vregs in, out, want;

	vregs_fill(&in, 3);
	want = in;
	memcpy(want.r[3], xmm3_edit, 16);
	vregs_across_signal(EDIT_XMM3, &in, &out);
	EXPECT(!memcmp(out.r[3], want.r[3], avx_on() ? 32 : 16),
	       "xmm3 %08x.., upper half kept: %d", *(uint32_t *)out.r[3],
	       !memcmp(out.r[3] + 16, in.r[3] + 16, 16));
	EXPECT(vregs_diff(&want, &out) == 3 || vregs_diff(&want, &out) < 0, "others changed");
}

static void frame_without_magic1_loads_only_the_legacy_area(void)
{
	static const uint8_t zero[16];
	struct vregs in, out;

	if (skip_without_xsave())
		return;
	vregs_fill(&in, 4);
	vregs_across_signal(EDIT_MAGIC1_XMM3, &in, &out);
	EXPECT(!memcmp(out.r[3], xmm3_edit, 16), "xmm3 %08x", *(uint32_t *)out.r[3]);
	EXPECT(!memcmp(out.r[5], in.r[5], 16), "xmm5 changed");
	if (avx_on())
		EXPECT(!memcmp(out.r[5] + 16, zero, 16), "ymm5's upper half not reset");
}

/* In a child: an image XRSTOR (FXRSTOR) would refuse; the sigreturn must kill it with SIGSEGV. */
static void check_bad_image(int mode)
{
	int st = -1;
	pid_t pid;

	if (mode != EDIT_MXCSR && skip_without_xsave())
		return;
	pid = fork();
	if (pid == 0) {
		struct vregs in, out;

		vregs_fill(&in, 5);
		vregs_across_signal(mode, &in, &out);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child status %#x", st);
}

static void reserved_header_bytes_in_frame_raise_sigsegv(void) { check_bad_image(EDIT_RESERVED); }
static void xstate_bv_beyond_xcr0_in_frame_raises_sigsegv(void) { check_bad_image(EDIT_XSTATE_BV); }
/* Past the header check: the CPU's own #GP, which the kernel must survive. */
static void reserved_mxcsr_bits_in_frame_raise_sigsegv(void) { check_bad_image(EDIT_MXCSR); }

/* --- switches, fork, exec -------------------------------------------------- */

static void pin_to_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Two processes on CPU 0, each yielding to the other with its own values loaded. */
static void vregs_survive_a_context_switch_storm(void)
{
	struct vregs in, out;
	int st = -1, d;
	pid_t pid;

	pid = fork();
	pin_to_cpu0();
	vregs_fill(&in, pid ? 6 : 7);
	vregs_across_syscall(&in, &out, SYS_sched_yield, 0, 0, 0, 3000);
	d = vregs_diff(&in, &out);
	if (pid == 0)
		_exit(d < 0 ? 0 : 10 + d);
	waitpid(pid, &st, 0);
	EXPECT(d < 0, "parent: register %d differs", d);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
}

static void fork_child_starts_with_the_parents_registers(void)
{
	struct vregs in, out;
	int st = -1, d;
	long pid;

	vregs_fill(&in, 8);
	pid = vregs_across_syscall(&in, &out, SYS_fork, 0, 0, 0, 1);
	d = vregs_diff(&in, &out);
	if (pid == 0)
		_exit(d < 0 ? 0 : 10 + d);
	waitpid(pid, &st, 0);
	EXPECT(d < 0, "parent: register %d differs", d);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
}

/* The exec'd image: MXCSR, FCW and XMM8..15 (which musl's start-up leaves alone) as Linux's init. */
static int exec_check(void)
{
	static const uint8_t zero[32];
	struct vregs out;
	uint32_t mxcsr;
	uint16_t fcw;
	int i;

	__asm__ volatile("stmxcsr %0\n\tfnstcw %1" : "=m"(mxcsr), "=m"(fcw));
	if (avx_on())
		__asm__ volatile(YST(8) YST(9) YST(10) YST(11) YST(12) YST(13) YST(14) YST(15)
				 : : [out] "r"(&out) : "memory");
	else
		__asm__ volatile(XST(8) XST(9) XST(10) XST(11) XST(12) XST(13) XST(14) XST(15)
				 : : [out] "r"(&out) : "memory");
	if (mxcsr != 0x1f80 || fcw != 0x37f)
		return 1;
	for (i = 8; i < 16; i++)
		if (memcmp(out.r[i], zero, avx_on() ? 32 : 16))
			return 2;
	return 0;
}

static const char *self_path;

static void exec_resets_the_registers(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		static const char *const argv[] = { "xstate", "--exec-check", NULL };
		static const char *const envp[] = { NULL };
		uint32_t mxcsr = 0x3f80;
		uint16_t fcw = 0x27f;
		struct vregs in, out;

		vregs_fill(&in, 9);
		__asm__ volatile("ldmxcsr %0\n\tfldcw %1" : : "m"(mxcsr), "m"(fcw));
		vregs_across_syscall(&in, &out, SYS_execve, (long)self_path, (long)argv,
				     (long)envp, 1);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "exec'd child status %#x (1: MXCSR/FCW kept, 2: a vector register kept)", st);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(xcr0_matches_arch_get_xcomp_supp),
	KTAP_CASE(arch_xcomp_bad_calls_fail_as_linux),
	KTAP_CASE(minsigstksz_is_linux_value_and_holds_the_frame),
	KTAP_CASE(sigframe_fpstate_carries_the_xsave_magics),
	KTAP_CASE(vregs_survive_a_handler_that_clobbers_them),
	KTAP_CASE(handler_edit_of_xmm3_is_loaded_at_sigreturn),
	KTAP_CASE(frame_without_magic1_loads_only_the_legacy_area),
	KTAP_CASE(reserved_header_bytes_in_frame_raise_sigsegv),
	KTAP_CASE(xstate_bv_beyond_xcr0_in_frame_raises_sigsegv),
	KTAP_CASE(reserved_mxcsr_bits_in_frame_raise_sigsegv),
	KTAP_CASE(vregs_survive_a_context_switch_storm),
	KTAP_CASE(fork_child_starts_with_the_parents_registers),
	KTAP_CASE(exec_resets_the_registers),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-check"))
		return exec_check();
	self_path = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
