/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

/*
 * The register frame every entry builds, in Linux's x86-64 layout: the
 * general registers pushed by the entry code, orig_ax (error code, vector
 * or system-call number), then the hardware frame (ip, cs, flags, sp, ss).
 * The offsets are used by entry_64.S; keep the two in step.
 */
#define R15		0
#define R14		8
#define R13		16
#define R12		24
#define RBP		32
#define RBX		40
#define R11		48
#define R10		56
#define R9		64
#define R8		72
#define RAX		80
#define RCX		88
#define RDX		96
#define RSI		104
#define RDI		112
#define ORIG_RAX	120
#define RIP		128
#define CS		136
#define EFLAGS		144
#define RSP		152
#define SS		160
#define SIZEOF_PTREGS	168

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax;
	unsigned long ip, cs, flags, sp, ss;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return regs->cs & 3;
}

/*
 * Snapshot the caller's registers, for reports made without a trap
 * (panic, BUG, WARN): ip is the snapshot's own address in the caller.
 */
static __always_inline void crash_setup_regs(struct pt_regs *r)
{
	asm volatile("movq %%rbx, %0\n\t" "movq %%rcx, %1\n\t" "movq %%rdx, %2\n\t"
		     "movq %%rsi, %3\n\t" "movq %%rdi, %4\n\t" "movq %%rbp, %5\n\t"
		     "movq %%rax, %6\n\t" "movq %%rsp, %7\n\t"
		     : "=m"(r->bx), "=m"(r->cx), "=m"(r->dx), "=m"(r->si),
		       "=m"(r->di), "=m"(r->bp), "=m"(r->ax), "=m"(r->sp));
	asm volatile("movq %%r8, %0\n\t" "movq %%r9, %1\n\t" "movq %%r10, %2\n\t"
		     "movq %%r11, %3\n\t" "movq %%r12, %4\n\t" "movq %%r13, %5\n\t"
		     "movq %%r14, %6\n\t" "movq %%r15, %7\n\t"
		     : "=m"(r->r8), "=m"(r->r9), "=m"(r->r10), "=m"(r->r11),
		       "=m"(r->r12), "=m"(r->r13), "=m"(r->r14), "=m"(r->r15));
	asm volatile("movl %%ss, %k0\n\t" "movl %%cs, %k1\n\t"
		     "pushfq\n\t" "popq %2\n\t" "leaq 0(%%rip), %3"
		     : "=r"(r->ss), "=r"(r->cs), "=r"(r->flags), "=r"(r->ip));
	r->orig_ax = -1;
}

_Static_assert(sizeof(struct pt_regs) == SIZEOF_PTREGS, "pt_regs layout");
_Static_assert(__builtin_offsetof(struct pt_regs, orig_ax) == ORIG_RAX, "orig_ax");
#endif

#endif
