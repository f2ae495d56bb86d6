/* SPDX-License-Identifier: MIT */
/*
 * Register probes for syscall_abi: load every general-purpose register and
 * RFLAGS from a struct gpr, execute one trapping instruction (SYSCALL or
 * int $0x80), and store every register and RFLAGS as they came back, plus
 * the address of the instruction after the trap (what RCX must hold after
 * SYSCALL). Only RSP cannot be chosen; it comes back or the probe crashes.
 *
 *	void regs_probe_syscall(const struct gpr *in, struct gpr *out);
 *	void regs_probe_int80(const struct gpr *in, struct gpr *out);
 */

/* struct gpr in syscall_abi.c: these offsets, in this order. */
#define G_RAX	0
#define G_RBX	8
#define G_RCX	16
#define G_RDX	24
#define G_RSI	32
#define G_RDI	40
#define G_RBP	48
#define G_R8	56
#define G_R9	64
#define G_R10	72
#define G_R11	80
#define G_R12	88
#define G_R13	96
#define G_R14	104
#define G_R15	112
#define G_FLAGS	120
#define G_NEXT	128

.macro REGS_PROBE name, trap:vararg
	.text
	.globl \name
	.type \name, @function
\name:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	pushfq				/* the caller's flags, restored at the end */
	push	%rsi			/* out */

	pushq	G_FLAGS(%rdi)
	popfq
	mov	G_RAX(%rdi), %rax
	mov	G_RBX(%rdi), %rbx
	mov	G_RCX(%rdi), %rcx
	mov	G_RDX(%rdi), %rdx
	mov	G_RSI(%rdi), %rsi
	mov	G_RBP(%rdi), %rbp
	mov	G_R8(%rdi), %r8
	mov	G_R9(%rdi), %r9
	mov	G_R10(%rdi), %r10
	mov	G_R11(%rdi), %r11
	mov	G_R12(%rdi), %r12
	mov	G_R13(%rdi), %r13
	mov	G_R14(%rdi), %r14
	mov	G_R15(%rdi), %r15
	mov	G_RDI(%rdi), %rdi
	\trap
1:
	push	%rax
	pushfq				/* stack: flags, rax, out */
	mov	16(%rsp), %rax
	mov	%rbx, G_RBX(%rax)
	mov	%rcx, G_RCX(%rax)
	mov	%rdx, G_RDX(%rax)
	mov	%rsi, G_RSI(%rax)
	mov	%rdi, G_RDI(%rax)
	mov	%rbp, G_RBP(%rax)
	mov	%r8, G_R8(%rax)
	mov	%r9, G_R9(%rax)
	mov	%r10, G_R10(%rax)
	mov	%r11, G_R11(%rax)
	mov	%r12, G_R12(%rax)
	mov	%r13, G_R13(%rax)
	mov	%r14, G_R14(%rax)
	mov	%r15, G_R15(%rax)
	popq	G_FLAGS(%rax)
	popq	G_RAX(%rax)
	lea	1b(%rip), %rdx
	mov	%rdx, G_NEXT(%rax)
	add	$8, %rsp
	popfq
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
	.size \name, . - \name
.endm

REGS_PROBE regs_probe_syscall, syscall
REGS_PROBE regs_probe_int80, int $0x80

	.section .note.GNU-stack, "", @progbits
