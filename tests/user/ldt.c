// SPDX-License-Identifier: MIT
/*
 * modify_ldt(2) and set_thread_area(2)/get_thread_area(2) as Linux x86-64
 * answers them: reading and writing the LDT (sizes, zero fill, the old
 * and new ABI, errors, returned as a zero-extended int), using what was
 * written (a data segment in DS, GS and ES with its base, a not-present
 * one is SIGBUS, 32-bit code entered by far return or far call), fork
 * copying the LDT, exec dropping it and the TLS slots, a CLONE_VM task on
 * another CPU using a new entry at once, and the three TLS slots.
 *
 * Under QEMU's TCG a far CALL's pushes are supervisor accesses that SMAP
 * refuses: there the far-call case expects SIGSEGV (ldt_segments.c says
 * more); the far-return way in works everywhere.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "ktap.h"
#include "sys.h"
#include "fault.h"

#define NR_modify_ldt		154
#define NR_sched_setaffinity	203
/* x86-64 Linux has no 64-bit set/get_thread_area: 205 and 211 are -ENOSYS. */
#define NR_set_thread_area	205
#define NR_get_thread_area	211
/* They are i386 calls (syscall_32.tbl), reached through int $0x80. */
#define NR32_set_thread_area	243
#define NR32_get_thread_area	244
#define LDT_ENTRIES		8192
#define SEL(idx)		((idx) << 3 | 7)	/* LDT, RPL 3 */
#define TLS_SEL(idx)		((idx) << 3 | 3)	/* GDT, RPL 3 */
#define USER_CS			0x33
#define CHILD_STACK_SIZE	(64 * 1024)

struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;
	unsigned int lm : 1;
};

/* modify_ldt's int result: Linux zero-extends it into %rax. */
static long modify_ldt(int func, void *ptr, unsigned long bytecount)
{
	return sys3(NR_modify_ldt, func, ptr, bytecount);
}

static int ldt_ret(long raw)
{
	return (int)raw;
}

/* A flat 4 GiB 32-bit segment at base: data (contents 0) or code (2). */
static struct user_desc flat(unsigned int entry, unsigned int base, unsigned int contents)
{
	return (struct user_desc){ .entry_number = entry, .base_addr = base,
				   .limit = 0xfffff, .seg_32bit = 1, .contents = contents,
				   .limit_in_pages = 1 };
}

static int write_entry(struct user_desc d)
{
	return ldt_ret(modify_ldt(0x11, &d, sizeof(d)));
}

static volatile uint32_t cell[4] = { 0x600dcafe, 0x12345678 };

/*
 * int $0x80 passes 32-bit pointers: the descriptor goes through a static
 * buffer, which the low-linked binary keeps below 4 GiB.
 */
static struct user_desc tls_buf;

static long tls_call(int nr, struct user_desc *d)
{
	long r;

	tls_buf = *d;
	r = int80(nr, (long)(uintptr_t)&tls_buf, 0, 0);
	*d = tls_buf;
	return r;
}

#define set_thread_area(d)	tls_call(NR32_set_thread_area, (d))
#define get_thread_area(d)	tls_call(NR32_get_thread_area, (d))

/* x86-64 Linux answers the 64-bit numbers with -ENOSYS: the calls are i386 ones. */
static void thread_area_64bit_numbers_are_enosys(void)
{
	struct user_desc d = { .entry_number = 12 };

	EXPECT(sys1(NR_set_thread_area, &d) == -ENOSYS, "set_thread_area (205)");
	EXPECT(sys1(NR_get_thread_area, &d) == -ENOSYS, "get_thread_area (211)");
}

/*
 * Whether this kernel lets the CPU use the program's descriptors: a child
 * writes an LDT data segment and loads it into GS. A paravirtualized Linux
 * guest (PVM, as some sandboxes run) accepts modify_ldt() but never loads
 * the table, and the load faults: then the cases that load selectors skip.
 * So do they without the i386 calls (no IA32 emulation). reflex has both.
 */
static int segments_usable(void)
{
	static int usable = -1;
	struct user_desc g = { .entry_number = 12 };
	int status = 0;
	pid_t pid;

	if (usable < 0) {
		pid = fork();
		if (pid == 0) {
			if (write_entry(flat(1, 0, 0)))
				_exit(2);
			__asm__ volatile("movw %w0, %%gs" : : "r"(1 << 3 | 4 | 3));
			_exit(0);
		}
		usable = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
			 WEXITSTATUS(status) == 0;
	}
	if (!usable) {
		ktap_skip("LDT selectors do not load: a paravirtualized kernel whose LDT the CPU never sees");
		return 0;
	}
	if (get_thread_area(&g) == -ENOSYS) {
		ktap_skip("no i386 get_thread_area: a kernel without IA32 emulation");
		return 0;
	}
	return 1;
}

/* A base the 32-bit descriptor can hold (the binary is linked low), on a kernel that loads it. */
static int cell_base(unsigned int *base)
{
	if (!segments_usable())
		return 0;
	if ((uintptr_t)cell > 0xffffffffUL) {
		ktap_skip("binary above 4 GiB");
		return 0;
	}
	*base = (uintptr_t)cell;
	return 1;
}

/* %gs:0 through sel; the selector is null again afterwards. */
static uint32_t read_through_gs(unsigned int sel)
{
	uint32_t v;

	__asm__ volatile("mov %w1, %%gs\n\t"
			 "movl %%gs:0, %0\n\t"
			 "mov %w2, %%gs"
			 : "=r"(v) : "r"(sel), "r"(0) : "memory");
	return v;
}

/* --- 32-bit code ---------------------------------------------------------- */

/*
 * Both routines read ES:0 into EAX (ES holds a data selector with a base,
 * which only a 32-bit segment honours). The first returns by 32-bit far
 * RET; the second, entered by a 64-bit far RET, jumps back by a far JMP
 * through a pointer read with a CS override (DS is null).
 */
__asm__(".text\n"
	".code32\n"
	"ldt_code32_lret:\n\t"
	"movl %es:0, %eax\n\t"
	"lretl\n"
	"ldt_code32_ljmp:\n\t"
	"movl %es:0, %eax\n\t"
	"ljmpl *%cs:back_to_64\n"
	".code64\n");
extern char ldt_code32_lret[], ldt_code32_ljmp[];

struct far_ptr32 {
	uint32_t offset;
	uint16_t sel;
} __attribute__((packed));

struct far_ptr32 back_to_64;
struct far_ptr32 call_target;
static uintptr_t low_stack_top;

static __attribute__((noinline)) uint32_t enter_by_lret(unsigned int cs, unsigned int es)
{
	uint32_t v;

	__asm__ volatile("mov %w[es], %%es\n\t"
			 "lea 1f(%%rip), %%rax\n\t"
			 "movl %%eax, back_to_64(%%rip)\n\t"
			 "movw $0x33, back_to_64+4(%%rip)\n\t"
			 "mov %%rsp, %%r12\n\t"
			 "sub $128, %%rsp\n\t"
			 "and $-16, %%rsp\n\t"
			 "push %q[cs]\n\t"
			 "push %[ip]\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "mov %%r12, %%rsp\n\t"
			 "xor %%ecx, %%ecx\n\t"
			 "mov %%ecx, %%es"
			 : "=&a"(v)
			 : [cs] "r"((unsigned long)cs), [es] "r"(es), [ip] "r"(ldt_code32_ljmp)
			 : "rcx", "r12", "memory");
	return v;
}

/* lcall to the LDT code on a stack below 4 GiB (a 32-bit RET pops through ESP). */
static __attribute__((noinline)) uint32_t enter_by_lcall(unsigned int cs, unsigned int es)
{
	uint32_t v = 0;

	call_target = (struct far_ptr32){ (uint32_t)(uintptr_t)ldt_code32_lret, cs };
	__asm__ volatile("mov %w[es], %%es\n\t"
			 "mov %%rsp, %%r12\n\t"
			 "mov %[stack], %%rsp\n\t"
			 FAULT_ASM("lcall *call_target(%%rip)")
			 "mov %%r12, %%rsp\n\t"
			 "xor %%ecx, %%ecx\n\t"
			 "mov %%ecx, %%es"
			 : "+a"(v), FAULT_OUT
			 : [es] "r"(es), [stack] "m"(low_stack_top)
			 : "rcx", "r12", "memory");
	return v;
}

/* --- helpers for tasks ---------------------------------------------------- */

static long pin_to_cpu(int cpu)
{
	unsigned long mask = 1UL << cpu;

	return sys3(NR_sched_setaffinity, 0, sizeof(mask), &mask);
}

static int child_status(long pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 0x100 | WTERMSIG(status);
}

/* --- cases: modify_ldt's calls ------------------------------------------- */

static void read_is_0_bytes_while_there_is_no_ldt(void)
{
	char buf[64];

	memset(buf, 0xaa, sizeof(buf));
	EXPECT(ldt_ret(modify_ldt(0, buf, sizeof(buf))) == 0, "read");
	EXPECT((unsigned char)buf[0] == 0xaa, "buffer written");
}

static void read_default_ldt_zero_fills_at_most_128_bytes(void)
{
	unsigned char buf[200];
	int i, bad = 0;

	memset(buf, 0xaa, sizeof(buf));
	EXPECT(ldt_ret(modify_ldt(2, buf, sizeof(buf))) == 128, "func 2 result");
	for (i = 0; i < 200; i++)
		bad += buf[i] != (i < 128 ? 0 : 0xaa);
	EXPECT(!bad, "%d bytes wrong", bad);
	EXPECT(ldt_ret(modify_ldt(2, buf, 5)) == 5, "func 2, 5 bytes");
	EXPECT(ldt_ret(modify_ldt(2, (void *)8, 16)) == -EFAULT, "func 2, bad buffer");
}

static void unknown_func_is_enosys_zero_extended(void)
{
	static const int funcs[] = { 3, 0x10, 0x12, -1, 0x111 };
	unsigned int i;

	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		long raw = modify_ldt(funcs[i], NULL, 0);

		EXPECT(raw == (long)(unsigned int)-ENOSYS, "func %#x: %#lx", funcs[i], raw);
	}
}

static void write_checks_size_index_conforming_code_and_pointer(void)
{
	struct user_desc d = flat(0, 0, 0);

	EXPECT(ldt_ret(modify_ldt(0x11, &d, sizeof(d) - 1)) == -EINVAL, "short");
	EXPECT(ldt_ret(modify_ldt(0x11, &d, sizeof(d) + 1)) == -EINVAL, "long");
	d.entry_number = LDT_ENTRIES;
	EXPECT(write_entry(d) == -EINVAL, "entry %d", LDT_ENTRIES);
	d = flat(1, 0, 3);	/* conforming code, present */
	EXPECT(write_entry(d) == -EINVAL, "present conforming code");
	d.seg_not_present = 1;
	EXPECT(ldt_ret(modify_ldt(1, &d, sizeof(d))) == -EINVAL, "conforming code, old ABI");
	EXPECT(write_entry(d) == 0, "not-present conforming code, new ABI");
	EXPECT(ldt_ret(modify_ldt(0x11, (void *)8, sizeof(d))) == -EFAULT, "bad pointer");
	EXPECT(ldt_ret(modify_ldt(0, (void *)8, 16)) == -EFAULT, "read to a bad pointer");
}

/*
 * A 16-bit segment: Linux with CONFIG_X86_16BIT (and espfix) takes it,
 * Linux without it and reflex refuse it with EINVAL. Either way the
 * empty encoding, 16-bit by its bits, still clears.
 */
static void sixteen_bit_segment_is_refused_or_written_as_16_bit(void)
{
	struct user_desc d = flat(10, 0, 0), empty = { .entry_number = 10, .read_exec_only = 1,
						       .seg_not_present = 1 };
	uint64_t ldt[11];
	int ret;

	d.seg_32bit = 0;
	ret = write_entry(d);
	if (ret == -EINVAL) {
		ktap_diag("16-bit segments refused (no CONFIG_X86_16BIT)");
	} else if (EXPECT(ret == 0, "write: %d", ret)) {
		modify_ldt(0, ldt, sizeof(ldt));
		EXPECT(!(ldt[10] & (1ULL << 54)), "D bit set: %#llx", (unsigned long long)ldt[10]);
	}
	EXPECT(write_entry(empty) == 0, "the empty encoding");
}

static uint64_t entry_of(const uint64_t *ldt, unsigned int i)
{
	return ldt[i];
}

static void write_then_read_gives_the_descriptor_and_zero_fill(void)
{
	struct user_desc d = flat(2, 0x12345678, 0);
	uint64_t ldt[8];
	int ret;

	d.useable = 1;
	d.lm = 1;		/* never an L bit */
	EXPECT(write_entry(d) == 0, "new ABI write");
	memset(ldt, 0xaa, sizeof(ldt));
	ret = ldt_ret(modify_ldt(0, ldt, sizeof(ldt)));
	EXPECT(ret == (int)sizeof(ldt), "read %d", ret);
	EXPECT(entry_of(ldt, 2) == 0x12dff3345678ffffULL, "entry 2 %#llx (AVL set, L clear)",
	       (unsigned long long)entry_of(ldt, 2));
	EXPECT(entry_of(ldt, 0) == 0 && entry_of(ldt, 3) == 0 && entry_of(ldt, 7) == 0,
	       "zero fill: %#llx %#llx", (unsigned long long)ldt[3], (unsigned long long)ldt[7]);

	d.entry_number = 3;
	EXPECT(ldt_ret(modify_ldt(1, &d, sizeof(d))) == 0, "old ABI write");
	modify_ldt(0, ldt, sizeof(ldt));
	EXPECT(entry_of(ldt, 3) == 0x12cff3345678ffffULL, "entry 3 %#llx (old ABI: AVL clear)",
	       (unsigned long long)entry_of(ldt, 3));

	/* Clearing: base and limit 0 in the old ABI, the "empty" encoding in the new. */
	d = (struct user_desc){ .entry_number = 3, .seg_32bit = 1 };
	EXPECT(ldt_ret(modify_ldt(1, &d, sizeof(d))) == 0, "old ABI clear");
	d = (struct user_desc){ .entry_number = 2, .read_exec_only = 1, .seg_not_present = 1 };
	EXPECT(write_entry(d) == 0, "new ABI clear");
	modify_ldt(0, ldt, sizeof(ldt));
	EXPECT(entry_of(ldt, 2) == 0 && entry_of(ldt, 3) == 0, "cleared: %#llx %#llx",
	       (unsigned long long)ldt[2], (unsigned long long)ldt[3]);
	EXPECT(ldt_ret(modify_ldt(0, ldt, 12)) == 12, "a read of 12 bytes");
}

static void ldt_grows_to_8192_entries_and_reads_are_capped(void)
{
	static uint64_t ldt[LDT_ENTRIES + 16];
	int ret;

	EXPECT(write_entry(flat(LDT_ENTRIES - 1, 0, 0)) == 0, "entry 8191");
	ret = ldt_ret(modify_ldt(0, ldt, sizeof(ldt)));
	EXPECT(ret == LDT_ENTRIES * 8, "read of %zu bytes: %d", sizeof(ldt), ret);
	EXPECT(ldt[LDT_ENTRIES - 1] == 0x00cff3000000ffffULL, "entry 8191 %#llx",
	       (unsigned long long)ldt[LDT_ENTRIES - 1]);
}

/* --- cases: using the segments ------------------------------------------- */

static void data_segment_loads_into_ds_and_gs_with_its_base(void)
{
	unsigned int base, ds;

	if (!cell_base(&base))
		return;
	if (!EXPECT(write_entry(flat(4, base, 0)) == 0, "write"))
		return;
	EXPECT(read_through_gs(SEL(4)) == 0x600dcafe, "read through GS");
	EXPECT(write_entry(flat(4, base + 4, 0)) == 0, "rewrite");
	EXPECT(read_through_gs(SEL(4)) == 0x12345678, "read through GS after a rewrite");
	__asm__ volatile("mov %%ds, %0\n\t"
			 "mov %w1, %%ds\n\t"
			 "mov %%ds, %%eax\n\t"
			 "mov %0, %%ds"
			 : "=&r"(ds) : "r"(SEL(4)) : "rax", "memory");
}

static void not_present_data_segment_is_sigbus(void)
{
	struct user_desc d = flat(5, 0, 0);

	d.seg_not_present = 1;
	if (!segments_usable())
		return;
	if (!EXPECT(write_entry(d) == 0, "write"))
		return;
	fault_resume_install();
	__asm__ volatile(FAULT_ASM("mov %w[s], %%es")
			 : FAULT_OUT : [s] "r"(SEL(5)) : "rcx", "memory");
	EXPECT(got.count == 1 && got.signo == SIGBUS && got.code == SI_KERNEL,
	       "%d signals, signal %d, si_code %d", got.count, got.signo, got.code);
	__asm__ volatile("mov %w0, %%es" : : "r"(0));
}

static void far_return_into_32bit_ldt_code_and_far_jump_back(void)
{
	unsigned int base;
	uint32_t v;

	if (!cell_base(&base))
		return;
	if (!EXPECT(write_entry(flat(6, 0, 2)) == 0 && write_entry(flat(7, base + 4, 0)) == 0,
		    "write"))
		return;
	fault_resume_install();
	v = enter_by_lret(SEL(6), SEL(7));
	EXPECT(got.count == 0, "%d signals (signal %d)", got.count, got.signo);
	EXPECT(v == 0x12345678, "32-bit code read %#x through ES", v);
}

static void far_call_into_32bit_ldt_code_returns_or_under_tcg_is_sigsegv(void)
{
	unsigned int base;
	void *stack;
	uint32_t v;

	if (!cell_base(&base))
		return;
	stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (!EXPECT(stack != MAP_FAILED, "low stack: %s", strerror(errno)))
		return;
	low_stack_top = (uintptr_t)stack + CHILD_STACK_SIZE - 64;
	if (!EXPECT(write_entry(flat(6, 0, 2)) == 0 && write_entry(flat(7, base, 0)) == 0,
		    "write"))
		return;
	fault_resume_install();
	v = enter_by_lcall(SEL(6), SEL(7));
	if (under_tcg()) {
		EXPECT(got.count == 1 && got.signo == SIGSEGV, "TCG: %d signals, signal %d",
		       got.count, got.signo);
	} else {
		EXPECT(got.count == 0, "%d signals (signal %d)", got.count, got.signo);
		EXPECT(v == 0x600dcafe, "32-bit code read %#x through ES", v);
	}
	munmap(stack, CHILD_STACK_SIZE);
}

/* --- cases: fork, exec, another CPU -------------------------------------- */

static void fork_child_gets_a_copy_of_the_ldt(void)
{
	uint64_t mine[9], theirs[9];
	long pid;

	if (!EXPECT(write_entry(flat(8, 0x1000, 0)) == 0, "write"))
		return;
	modify_ldt(0, mine, sizeof(mine));
	pid = fork();
	if (pid == 0) {
		int ok = ldt_ret(modify_ldt(0, theirs, sizeof(theirs))) == sizeof(theirs) &&
			 !memcmp(mine, theirs, sizeof(mine));

		ok &= write_entry(flat(8, 0x2000, 0)) == 0;
		_exit(ok ? 0 : 1);
	}
	EXPECT(child_status(pid) == 0, "child saw another LDT");
	modify_ldt(0, theirs, sizeof(theirs));
	EXPECT(theirs[8] == mine[8], "the child's write reached the parent: %#llx",
	       (unsigned long long)theirs[8]);
}

/* After exec (argv[1] "exec-check"): no LDT, empty TLS slots, null DS, ES and GS. */
static int exec_check(void)
{
	struct user_desc d = { .entry_number = 12 };
	char buf[16];
	unsigned int ds, es, gs;

	if (ldt_ret(modify_ldt(0, buf, sizeof(buf))) != 0)
		return 1;
	if (get_thread_area(&d) || d.base_addr || !d.seg_not_present)
		return 2;
	__asm__ volatile("mov %%ds, %0\n\tmov %%es, %1" : "=r"(ds), "=r"(es));
	if ((ds & 4) || (es & 4))
		return 3;
	__asm__ volatile("mov %%gs, %0" : "=r"(gs));
	return gs ? 4 : 0;
}

static const char *self;

static void exec_drops_the_ldt_and_the_tls_slots(void)
{
	struct user_desc t = flat(-1, 0x1000, 0);
	int status;
	long pid;

	if (!segments_usable())
		return;
	if (!EXPECT(write_entry(flat(9, 0, 0)) == 0, "write"))
		return;
	if (!EXPECT(set_thread_area(&t) == 0, "set_thread_area"))
		return;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)self, "exec-check", NULL };

		__asm__ volatile("mov %w0, %%es\n\tmov %w0, %%gs" : : "r"(SEL(9)));
		execve(self, argv, NULL);
		_exit(99);
	}
	status = child_status(pid);
	EXPECT(status == 0, "after exec: check %#x", status);
	t.base_addr = 0;
	t.limit = 0;
	t.seg_32bit = 0;
	t.limit_in_pages = 0;
	set_thread_area(&t);	/* LDT_zero: the slot is free again */
}

static struct {
	volatile int pinned, running, go, status;
} hs;
static unsigned long all_cpus = ~0UL;

static int other_cpu_child(void)
{
	hs.pinned = pin_to_cpu(1) == 0 ? 1 : -1;
	while (!hs.go)
		hs.running = 1;		/* no system call: nothing reloads the LDT but the IPI */
	hs.status = read_through_gs(SEL(40)) == 0x600dcafe ? 0 : 1;
	return hs.status;
}

static void clone_vm_task_on_another_cpu_uses_a_new_entry_at_once(void)
{
	unsigned int base;
	void *stack;
	int status;
	long pid;

	if (!cell_base(&base))
		return;
	if (!EXPECT(write_entry(flat(0, base, 0)) == 0, "write"))
		return;
	stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(stack != MAP_FAILED, "stack"))
		return;
	memset((void *)&hs, 0, sizeof(hs));
	fault_resume_install();
	pin_to_cpu(0);
	pid = clone_vm_top(other_cpu_child, (char *)stack + CHILD_STACK_SIZE, 0);
	if (!EXPECT(pid > 0, "clone: %ld", pid))
		return;
	while (!hs.running)
		sys0(SYS_sched_yield);
	if (hs.pinned != 1)
		ktap_diag("child not pinned to CPU 1: running where it can");
	EXPECT(write_entry(flat(40, base, 0)) == 0, "write entry 40");
	hs.go = 1;
	status = child_status(pid);
	EXPECT(status == 0, "child on the other CPU: %#x", status);
	munmap(stack, CHILD_STACK_SIZE);
	sys3(NR_sched_setaffinity, 0, sizeof(all_cpus), &all_cpus);
}

static int ss_child(void)
{
	__asm__ volatile("mov %w[s], %%ss\n\t"
			 "movl $1, %[running]\n"
			 "1:\tjmp 1b"
			 : [running] "=m"(hs.running) : [s] "r"(SEL(41)) : "memory");
	return 0;
}

/*
 * The kernel's IRET back to a task whose SS names an entry another task
 * cleared faults in the kernel: that is the task's #GP, SIGSEGV, and
 * the kernel carries on.
 */
static void ss_naming_an_entry_cleared_meanwhile_is_sigsegv(void)
{
	struct user_desc empty = { .entry_number = 41, .read_exec_only = 1, .seg_not_present = 1 };
	void *stack;
	long pid;
	int status;

	if (!segments_usable())
		return;
	if (!EXPECT(write_entry(flat(41, 0, 0)) == 0, "write"))
		return;
	stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(stack != MAP_FAILED, "stack"))
		return;
	memset((void *)&hs, 0, sizeof(hs));
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	pid = clone_vm_top(ss_child, (char *)stack + CHILD_STACK_SIZE, 0);
	if (!EXPECT(pid > 0, "clone: %ld", pid))
		return;
	while (!hs.running)
		sys0(SYS_sched_yield);
	EXPECT(write_entry(empty) == 0, "clear entry 41");
	status = child_status(pid);
	EXPECT(status == (0x100 | SIGSEGV), "child: %#x, expected death by SIGSEGV", status);
	munmap(stack, CHILD_STACK_SIZE);
}

/*
 * A GS selector naming an LDT entry cleared meanwhile: the CPU keeps the
 * old descriptor until GS is loaded again, which the context switch does
 * (Linux's save_fsgs() and load_gs_index()); that load faults in the
 * kernel, which gives the task the null selector and carries on. A
 * partner process on the same CPU proves that switches happened.
 */
static void gs_naming_an_entry_cleared_meanwhile_becomes_null(void)
{
	struct user_desc empty = { .entry_number = 42, .read_exec_only = 1, .seg_not_present = 1 };
	volatile long *partner_runs;
	unsigned short gs, cached;
	long before, pid;
	int i;

	if (!segments_usable())
		return;
	partner_runs = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(partner_runs != MAP_FAILED, "mmap"))
		return;
	if (!EXPECT(write_entry(flat(42, 0, 0)) == 0, "write"))
		return;
	pin_to_cpu(0);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 1000; i++) {
			__atomic_fetch_add(partner_runs, 1, __ATOMIC_RELAXED);
			sys0(SYS_sched_yield);
		}
		_exit(0);
	}
	__asm__ volatile("mov %w0, %%gs" : : "r"(SEL(42)) : "memory");
	EXPECT(write_entry(empty) == 0, "clear entry 42");
	__asm__ volatile("mov %%gs, %w0" : "=r"(cached));
	before = *partner_runs;
	for (i = 0; i < 1000 && *partner_runs == before; i++)
		sys0(SYS_sched_yield);
	__asm__ volatile("mov %%gs, %w0" : "=r"(gs));
	__asm__ volatile("mov %w0, %%gs" : : "r"(0) : "memory");
	EXPECT(cached == SEL(42), "GS right after the clear: %#x", cached);
	EXPECT(*partner_runs != before, "the partner never ran");
	EXPECT(gs == 0, "GS after a switch: %#x, not the null selector", gs);
	EXPECT(child_status(pid) == 0, "partner");
	munmap((void *)partner_runs, 4096);
}

static void set_cs_to_ldt_entry_0(int sig, siginfo_t *si, void *ucp)
{
	greg_t *g = ((ucontext_t *)ucp)->uc_mcontext.gregs;

	g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffL) | SEL(0);
}

/*
 * rt_sigreturn to a CS the (null) LDT does not have: the program's
 * SIGSEGV, whether the kernel refuses the frame or its IRET faults.
 */
static void sigreturn_to_a_cs_the_ldt_lacks_is_sigsegv(void)
{
	long pid = fork();
	int status;

	if (pid == 0) {
		struct sigaction sa = { 0 };

		sa.sa_sigaction = set_cs_to_ldt_entry_0;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR1, &sa, NULL);
		signal(SIGSEGV, SIG_DFL);
		kill(getpid(), SIGUSR1);
		_exit(0);
	}
	status = child_status(pid);
	EXPECT(status == (0x100 | SIGSEGV), "child: %#x, expected death by SIGSEGV", status);
}

/* --- cases: TLS slots ----------------------------------------------------- */

static void set_thread_area_picks_a_free_slot_and_gs_reads_through_it(void)
{
	struct user_desc t, g = { 0 };
	unsigned int base;

	if (!cell_base(&base))
		return;
	t = flat(-1, base, 0);
	if (!EXPECT(set_thread_area(&t) == 0, "set_thread_area"))
		return;
	EXPECT(t.entry_number == 12, "slot %u", t.entry_number);
	EXPECT(read_through_gs(TLS_SEL(t.entry_number)) == 0x600dcafe, "read through GS");
	g.entry_number = t.entry_number;
	EXPECT(get_thread_area(&g) == 0, "get_thread_area");
	EXPECT(g.base_addr == base && g.limit == 0xfffff && g.seg_32bit && g.limit_in_pages &&
	       !g.contents && !g.read_exec_only && !g.seg_not_present && !g.useable && !g.lm,
	       "got base %#x limit %#x", g.base_addr, g.limit);
	t = (struct user_desc){ .entry_number = 12 };	/* LDT_zero clears it */
	EXPECT(set_thread_area(&t) == 0, "clear");
	g = (struct user_desc){ .entry_number = 12 };
	get_thread_area(&g);
	EXPECT(!g.base_addr && !g.limit && g.seg_not_present && g.read_exec_only,
	       "cleared slot reads base %#x present %d", g.base_addr, !g.seg_not_present);
}

static void set_thread_area_refuses_bad_slots_and_segments(void)
{
	static const int bad_idx[] = { 0, 6, 11, 15, 16, 255 };
	struct user_desc t;
	unsigned int i;

	if (!segments_usable())
		return;

	for (i = 0; i < sizeof(bad_idx) / sizeof(bad_idx[0]); i++) {
		t = flat(bad_idx[i], 0, 0);
		EXPECT(set_thread_area(&t) == -EINVAL, "set slot %d", bad_idx[i]);
		EXPECT(get_thread_area(&t) == -EINVAL, "get slot %d", bad_idx[i]);
	}
	t = flat(13, 0, 0);
	t.seg_32bit = 0;
	EXPECT(set_thread_area(&t) == -EINVAL, "16-bit");
	t = flat(13, 0, 2);
	EXPECT(set_thread_area(&t) == -EINVAL, "code");
	t = flat(13, 0, 0);
	t.seg_not_present = 1;
	EXPECT(set_thread_area(&t) == -EINVAL, "not present");
	EXPECT(int80(NR32_set_thread_area, 8, 0, 0) == -EFAULT, "bad pointer (set)");
	EXPECT(int80(NR32_get_thread_area, 8, 0, 0) == -EFAULT, "bad pointer (get)");
}

static void set_thread_area_with_every_slot_taken_is_esrch(void)
{
	struct user_desc t;
	int i;

	if (!segments_usable())
		return;

	for (i = 0; i < 3; i++) {
		t = flat(-1, 0x1000 * i, 0);
		EXPECT(set_thread_area(&t) == 0 && t.entry_number == 12u + i,
		       "slot %u", t.entry_number);
	}
	t = flat(-1, 0, 0);
	EXPECT(set_thread_area(&t) == -ESRCH, "a fourth");
	for (i = 12; i <= 14; i++) {
		t = (struct user_desc){ .entry_number = i };
		set_thread_area(&t);
	}
}

static void tls_slots_are_copied_by_fork(void)
{
	struct user_desc t = flat(14, 0x4000, 0);
	long pid;

	if (!segments_usable())
		return;

	if (!EXPECT(set_thread_area(&t) == 0, "set"))
		return;
	pid = fork();
	if (pid == 0) {
		struct user_desc g = { .entry_number = 14 };

		_exit(get_thread_area(&g) == 0 && g.base_addr == 0x4000 ? 0 : 1);
	}
	EXPECT(child_status(pid) == 0, "child's slot 14");
	t = (struct user_desc){ .entry_number = 14 };
	set_thread_area(&t);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(read_is_0_bytes_while_there_is_no_ldt),
	KTAP_CASE(sigreturn_to_a_cs_the_ldt_lacks_is_sigsegv),
	KTAP_CASE(read_default_ldt_zero_fills_at_most_128_bytes),
	KTAP_CASE(unknown_func_is_enosys_zero_extended),
	KTAP_CASE(exec_drops_the_ldt_and_the_tls_slots),
	KTAP_CASE(write_checks_size_index_conforming_code_and_pointer),
	KTAP_CASE(write_then_read_gives_the_descriptor_and_zero_fill),
	KTAP_CASE(sixteen_bit_segment_is_refused_or_written_as_16_bit),
	KTAP_CASE(data_segment_loads_into_ds_and_gs_with_its_base),
	KTAP_CASE(not_present_data_segment_is_sigbus),
	KTAP_CASE(far_return_into_32bit_ldt_code_and_far_jump_back),
	KTAP_CASE(far_call_into_32bit_ldt_code_returns_or_under_tcg_is_sigsegv),
	KTAP_CASE(fork_child_gets_a_copy_of_the_ldt),
	KTAP_CASE(clone_vm_task_on_another_cpu_uses_a_new_entry_at_once),
	KTAP_CASE(ss_naming_an_entry_cleared_meanwhile_is_sigsegv),
	KTAP_CASE(gs_naming_an_entry_cleared_meanwhile_becomes_null),
	KTAP_CASE(ldt_grows_to_8192_entries_and_reads_are_capped),
	KTAP_CASE(thread_area_64bit_numbers_are_enosys),
	KTAP_CASE(set_thread_area_picks_a_free_slot_and_gs_reads_through_it),
	KTAP_CASE(set_thread_area_refuses_bad_slots_and_segments),
	KTAP_CASE(set_thread_area_with_every_slot_taken_is_esrch),
	KTAP_CASE(tls_slots_are_copied_by_fork),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-check"))
		return exec_check();
	self = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
