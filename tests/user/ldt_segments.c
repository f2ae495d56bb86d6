// SPDX-License-Identifier: MIT
/*
 * A program that never called modify_ldt() has the null LDT, and low
 * memory stays unmapped, as on Linux:
 * an LDT selector (TI=1: 0x4, 0x7, ...) loaded into ds, es, fs, gs or ss,
 * or used by a far call or jump, is a #GP, which arrives as SIGSEGV with
 * si_code SI_KERNEL and si_addr 0, whatever the program mapped at the
 * lowest address it may map (mmap_min_addr, 65536); mmap with MAP_FIXED
 * below it fails with EPERM and a hint below it is moved up to it.
 *
 * Also: IRET and far RET from ring 3 return where they should (QEMU's
 * TCG performs their stack reads as supervisor accesses, which SMAP
 * refuses; the kernel must neither loop on that fault nor oops), and an
 * IRET to a segment ring 3 may not load is SIGSEGV (#GP). A far CALL to
 * ring-3 code returns on a CPU; under TCG, whose pushes SMAP refuses
 * alike and which the kernel does not carry out, it is SIGSEGV.
 *
 * Linux lets a holder of CAP_SYS_RAWIO map below mmap_min_addr; the
 * program drops that capability first (where capabilities exist) so that
 * the same binary checks the same thing on Linux run as root.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"
#include "fault.h"

#define PAGE		4096
#define MMAP_MIN_ADDR	0x10000UL
#define USER_CS		0x33
#define USER_DS		0x2b
#define KERNEL_CS	0x10
#define EFLAGS_CF	0x1UL
#define EFLAGS_IF	0x200UL
#define CAP_SYS_RAWIO	17

/* --- triggers ----------------------------------------------------------- */

#define DEFINE_LOAD(seg)							\
static __attribute__((noinline)) void load_##seg(unsigned int sel)		\
{										\
	__asm__ volatile(FAULT_ASM("mov %w[s], %%" #seg)			\
			 : FAULT_OUT : [s] "r"(sel) : "rcx", "memory");		\
}
DEFINE_LOAD(ds)
DEFINE_LOAD(es)
DEFINE_LOAD(fs)
DEFINE_LOAD(gs)
DEFINE_LOAD(ss)

static const struct {
	const char *name;
	void (*load)(unsigned int sel);
} seg_loads[] = {
	{ "ds", load_ds }, { "es", load_es }, { "fs", load_fs }, { "gs", load_gs },
	{ "ss", load_ss },
};

struct far_ptr {
	uint32_t offset;
	uint16_t sel;
} __attribute__((packed));

static __attribute__((noinline)) void far_call(unsigned int sel)
{
	struct far_ptr fp = { 0, sel };

	__asm__ volatile(FAULT_ASM("lcall *%[fp]") : FAULT_OUT : [fp] "m"(fp)
			 : "rcx", "memory");
}

static __attribute__((noinline)) void far_jump(unsigned int sel)
{
	struct far_ptr fp = { 0, sel };

	__asm__ volatile(FAULT_ASM("ljmp *%[fp]") : FAULT_OUT : [fp] "m"(fp)
			 : "rcx", "memory");
}

/* The far CALL's target: back with a 32-bit far RET (EIP, CS). */
__asm__(".text\n"
	"far_ret_stub:\n\t"
	"lret\n");
extern char far_ret_stub[];

/* Static, so that moving %rsp below the red zone cannot move it. */
static struct far_ptr user_code_fp;

static __attribute__((noinline)) void far_call_user_code(void)
{
	user_code_fp = (struct far_ptr){ (uint32_t)(uintptr_t)far_ret_stub, USER_CS };
	__asm__ volatile("sub $128, %%rsp\n\t"
			 FAULT_ASM("lcall *%[fp]")
			 "add $128, %%rsp\n\t"
			 : FAULT_OUT : [fp] "m"(user_code_fp) : "rcx", "memory");
}

/*
 * IRETQ to the next instruction with the given CS and RFLAGS; the frame's
 * RSP is the one on entry, which %r12 also restores after a #GP. The
 * frame goes below the red zone. Returns the RFLAGS seen after it.
 */
static __attribute__((noinline)) unsigned long do_iretq(unsigned long cs, unsigned long flags)
{
	unsigned long after;

	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "sub $128, %%rsp\n\t"
			 "and $-16, %%rsp\n\t"
			 "pushq $0x2b\n\t"
			 "push %%r12\n\t"
			 "push %[flags]\n\t"
			 "push %[cs]\n\t"
			 "lea 2f(%%rip), %%rax\n\t"
			 "push %%rax\n\t"
			 FAULT_ASM("iretq")
			 "pushfq\n\t"
			 "pop %[after]\n\t"
			 "mov %%r12, %%rsp\n\t"
			 : FAULT_OUT, [after] "=&r"(after)
			 : [cs] "r"(cs), [flags] "r"(flags)
			 : "rax", "rcx", "r12", "memory", "cc");
	return after;
}

/* lretq $16 to the next instruction: RSP must come back to where it was. */
static __attribute__((noinline)) long do_lretq_release(void)
{
	long moved;

	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "sub $128, %%rsp\n\t"
			 "and $-16, %%rsp\n\t"
			 "mov %%rsp, %%r13\n\t"
			 "pushq $0\n\t"
			 "pushq $0\n\t"
			 "pushq $0x33\n\t"
			 "lea 1f(%%rip), %%rax\n\t"
			 "push %%rax\n\t"
			 "lretq $16\n"
			 "1:\n\t"
			 "mov %%rsp, %[moved]\n\t"
			 "sub %%r13, %[moved]\n\t"
			 "mov %%r12, %%rsp\n\t"
			 : [moved] "=&r"(moved) : : "rax", "r12", "r13", "memory");
	return moved;
}

/* --- fixtures ----------------------------------------------------------- */

/* Linux's capset(2): CAP_SYS_RAWIO out of the effective set, if there is one. */
static void drop_cap_sys_rawio(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];

	if (syscall(SYS_capget, &hdr, data))
		return;		/* no capabilities (reflex): nothing to drop */
	data[0].effective &= ~(1u << CAP_SYS_RAWIO);
	syscall(SYS_capset, &hdr, data);
}

/* Run fn(sel), expect one SIGSEGV as a #GP gives it: SI_KERNEL, si_addr 0. */
static void expect_gp(const char *what, void (*fn)(unsigned int), unsigned int sel)
{
	int before = got.count;

	got.signo = got.code = 0;
	got.addr = (void *)1;
	fn(sel);
	EXPECT(got.count == before + 1, "%s %#x: %d signals", what, sel, got.count - before);
	EXPECT(got.signo == SIGSEGV, "%s %#x: signal %d", what, sel, got.signo);
	EXPECT(got.code == SI_KERNEL, "%s %#x: si_code %d, expected SI_KERNEL (%d)",
	       what, sel, got.code, SI_KERNEL);
	EXPECT(got.addr == NULL, "%s %#x: si_addr %p", what, sel, got.addr);
}

static const unsigned int ldt_sels[] = { 0x4, 0x7, 0xc, 0xfff };

static void every_ldt_selector_is_gp(void)
{
	unsigned int i, j;

	for (i = 0; i < sizeof(ldt_sels) / sizeof(ldt_sels[0]); i++) {
		for (j = 0; j < sizeof(seg_loads) / sizeof(seg_loads[0]); j++)
			expect_gp(seg_loads[j].name, seg_loads[j].load, ldt_sels[i]);
		expect_gp("lcall", far_call, ldt_sels[i]);
		expect_gp("ljmp", far_jump, ldt_sels[i]);
	}
}

/* A flat ring-3 data descriptor and a ring-3 64-bit code descriptor. */
static void fill_with_descriptors(uint64_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = i & 1 ? 0x00affb000000ffffULL : 0x00cff3000000ffffULL;
}

/* --- cases -------------------------------------------------------------- */

static void ldt_selector_in_a_segment_register_is_sigsegv(void)
{
	fault_resume_install();
	every_ldt_selector_is_gp();
}

static void far_call_and_jump_through_the_ldt_are_sigsegv(void)
{
	fault_resume_install();
	expect_gp("lcall", far_call, 0x4);
	expect_gp("lcall", far_call, 0x7);
	expect_gp("ljmp", far_jump, 0x4);
	expect_gp("ljmp", far_jump, 0x7);
}

static void descriptors_at_the_lowest_mappable_page_change_nothing(void)
{
	void *low = (void *)MMAP_MIN_ADDR;
	void *p;

	drop_cap_sys_rawio();
	p = mmap(low, 16 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (!EXPECT(p == low, "mmap(%p, MAP_FIXED): %p (%s)", low, p, strerror(errno)))
		return;
	fill_with_descriptors(p, 16 * PAGE / 8);
	fault_resume_install();
	every_ldt_selector_is_gp();
	munmap(p, 16 * PAGE);
}

/* The kernel's own answer: musl turns EPERM for a NULL non-MAP_FIXED address into ENOMEM. */
static long raw_mmap(unsigned long addr, unsigned long flags)
{
	long ret = syscall(SYS_mmap, addr, PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	return ret == -1 ? -errno : ret;
}

static void mmap_fixed_below_mmap_min_addr_is_eperm(void)
{
	static const unsigned long addrs[] = { 0, PAGE, MMAP_MIN_ADDR - PAGE };
	unsigned int i;
	long ret;

	drop_cap_sys_rawio();
	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		ret = raw_mmap(addrs[i], MAP_FIXED);
		EXPECT(ret == -EPERM, "MAP_FIXED at %#lx: %ld", addrs[i], ret);
		ret = raw_mmap(addrs[i], MAP_FIXED_NOREPLACE);
		EXPECT(ret == -EPERM, "MAP_FIXED_NOREPLACE at %#lx: %ld", addrs[i], ret);
	}
}

static void mmap_hint_below_mmap_min_addr_moves_up_to_it(void)
{
	char *p = mmap((void *)PAGE, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(p != MAP_FAILED, "mmap: %s", strerror(errno)))
		return;
	EXPECT((uintptr_t)p == MMAP_MIN_ADDR, "hint %#x landed at %p", PAGE, p);
	p[0] = 1;
	munmap(p, PAGE);
}

/* brk(2) itself: musl's sbrk() refuses to move the break. */
static void brk_is_not_bound_by_mmap_min_addr(void)
{
	unsigned long cur = syscall(SYS_brk, 0);

	EXPECT(cur >= MMAP_MIN_ADDR, "brk(0) %#lx", cur);
	if (!EXPECT((unsigned long)syscall(SYS_brk, cur + PAGE) == cur + PAGE,
		    "brk(%#lx) did not grow the heap", cur + PAGE))
		return;
	((volatile char *)cur)[PAGE - 1] = 1;
	EXPECT((unsigned long)syscall(SYS_brk, cur) == cur, "brk(%#lx) did not shrink it", cur);
}

static void iretq_in_ring_3_returns_with_its_flags(void)
{
	unsigned long flags, after;

	fault_resume_install();
	__asm__ volatile("pushfq\n\tpop %0" : "=r"(flags));
	got.count = 0;
	after = do_iretq(USER_CS, flags | EFLAGS_CF);
	EXPECT(got.count == 0, "%d signals", got.count);
	EXPECT(after & EFLAGS_CF, "CF not loaded: %#lx", after);
	/* IF is not ring 3's to change: IRET leaves it as it was. */
	after = do_iretq(USER_CS, (flags & ~EFLAGS_CF) & ~EFLAGS_IF);
	EXPECT(got.count == 0, "%d signals", got.count);
	EXPECT(!(after & EFLAGS_CF) && (after & EFLAGS_IF), "flags after IRET %#lx", after);
}

static void lretq_in_ring_3_returns_and_releases_its_operand(void)
{
	long moved = do_lretq_release();

	EXPECT(moved == 0, "RSP moved by %ld", moved);
}

static void iretq_to_a_segment_ring_3_may_not_load_is_sigsegv(void)
{
	static const unsigned long bad_cs[] = { KERNEL_CS, USER_DS, 0x4 };
	unsigned long flags;
	unsigned int i;

	fault_resume_install();
	__asm__ volatile("pushfq\n\tpop %0" : "=r"(flags));
	for (i = 0; i < sizeof(bad_cs) / sizeof(bad_cs[0]); i++) {
		int before = got.count;

		got.code = 0;
		do_iretq(bad_cs[i], flags);
		EXPECT(got.count == before + 1 && got.code == SI_KERNEL,
		       "CS %#lx: %d signals, si_code %d", bad_cs[i], got.count - before, got.code);
	}
}

static void far_call_to_ring_3_code_returns_or_under_tcg_is_sigsegv(void)
{
	int before;

	fault_resume_install();
	before = got.count;
	got.code = 0;
	far_call_user_code();
	if (under_tcg())
		EXPECT(got.count == before + 1 && got.code == SI_KERNEL,
		       "TCG: %d signals, si_code %d", got.count - before, got.code);
	else
		EXPECT(got.count == before, "%d signals", got.count - before);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(ldt_selector_in_a_segment_register_is_sigsegv),
	KTAP_CASE(far_call_and_jump_through_the_ldt_are_sigsegv),
	KTAP_CASE(descriptors_at_the_lowest_mappable_page_change_nothing),
	KTAP_CASE(mmap_fixed_below_mmap_min_addr_is_eperm),
	KTAP_CASE(mmap_hint_below_mmap_min_addr_moves_up_to_it),
	KTAP_CASE(brk_is_not_bound_by_mmap_min_addr),
	KTAP_CASE(iretq_in_ring_3_returns_with_its_flags),
	KTAP_CASE(lretq_in_ring_3_returns_and_releases_its_operand),
	KTAP_CASE(iretq_to_a_segment_ring_3_may_not_load_is_sigsegv),
	KTAP_CASE(far_call_to_ring_3_code_returns_or_under_tcg_is_sigsegv),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
