/* SPDX-License-Identifier: MIT */
/*
 * Compat-mode (32-bit) snippets for compat_entry.c.
 *
 * compat_run(stub) saves the 64-bit context, loads DS and ES with
 * __USER_DS (a 64-bit process runs with null data selectors, which
 * compat mode cannot address through), and far-jumps to stub in
 * __USER32_CS. A stub loads compat_regs (stack pointer and flags too),
 * executes one instruction, stores the registers, CS and SS back and
 * far-jumps to __USER_CS, where compat_run returns. The far jumps go
 * through memory operands (m16:32), which every x86-64 CPU takes in both
 * modes; lret and iret are avoided on purpose, since QEMU's TCG pops
 * their frames with supervisor accesses that SMAP refuses.
 *
 * Flags are loaded by the popfl just before the instruction, so a TF set
 * there traps after that instruction and not before. Everything here
 * lies below 4 GiB: the binary is static and not position-independent.
 */
#define USER32_CS	0x23
#define USER_DS		0x2b
#define USER_CS		0x33

/* struct compat_regs in compat_entry.c */
#define R_EAX		0
#define R_EBX		4
#define R_ECX		8
#define R_EDX		12
#define R_ESI		16
#define R_EDI		20
#define R_EBP		24
#define R_ESP		28
#define R_EFLAGS	32
#define R_CS		36
#define R_SS		40

	.bss
	.balign 4096
	.globl compat_stack
compat_stack:
	.space 32768
compat_stack_top:

	.balign 16
	.globl compat_regs
compat_regs:
	.space 48
saved_rsp:
	.quad 0

	.data
to32:
	.long 0
	.word USER32_CS
back64:
	.long compat_return64
	.word USER_CS
bound_pair:
	.long 0, 0

	.text
	.code64
	.globl compat_run
	.type compat_run, @function
compat_run:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, saved_rsp(%rip)
	movl	%edi, to32(%rip)
	movl	$USER_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	ljmpl	*to32(%rip)
	.globl compat_return64
compat_return64:
	movq	saved_rsp(%rip), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size compat_run, . - compat_run

/*
 * COMPAT_STUB name, instruction: name_ret is the address after the
 * instruction (where a door returns), name_step the one after the first
 * store (where a single step that came back with TF set traps).
 */
.macro COMPAT_STUB name insn:vararg
	.code32
	.globl \name, \name\()_ret, \name\()_step
	.type \name, @function
\name:
	movl	compat_regs + R_ESP, %esp
	pushl	compat_regs + R_EFLAGS
	movl	compat_regs + R_EAX, %eax
	movl	compat_regs + R_EBX, %ebx
	movl	compat_regs + R_ECX, %ecx
	movl	compat_regs + R_EDX, %edx
	movl	compat_regs + R_ESI, %esi
	movl	compat_regs + R_EDI, %edi
	movl	compat_regs + R_EBP, %ebp
	popfl
	\insn
\name\()_ret:
	movl	%eax, compat_regs + R_EAX
\name\()_step:
	movl	%esp, compat_regs + R_ESP
	movl	$compat_stack_top, %esp
	pushfl
	popl	compat_regs + R_EFLAGS
	movl	%ebx, compat_regs + R_EBX
	movl	%ecx, compat_regs + R_ECX
	movl	%edx, compat_regs + R_EDX
	movl	%esi, compat_regs + R_ESI
	movl	%edi, compat_regs + R_EDI
	movl	%ebp, compat_regs + R_EBP
	movw	%cs, compat_regs + R_CS
	movw	%ss, compat_regs + R_SS
	ljmpl	*back64
	.size \name, . - \name
	.code64
.endm

COMPAT_STUB stub_int80, int $0x80
COMPAT_STUB stub_syscall, syscall
COMPAT_STUB stub_sysenter, sysenter
COMPAT_STUB stub_int3, int3
COMPAT_STUB stub_into, into
COMPAT_STUB stub_bound, boundl %eax, bound_pair
COMPAT_STUB stub_icebp, .byte 0xf1
COMPAT_STUB stub_int_1, int $0x01
COMPAT_STUB stub_int_0x81, int $0x81
COMPAT_STUB stub_lcall_kernel_cs, lcall $0x10, $0
COMPAT_STUB stub_ljmp_tss, ljmp $0x43, $0
COMPAT_STUB stub_ljmp_beyond_gdt, ljmp $0x83, $0
COMPAT_STUB stub_iret, iretl
COMPAT_STUB stub_nop, nop
COMPAT_STUB stub_yield_loop, call yield_loop32

/*
 * ecx times: sched_yield through int $0x80, then DS must still be
 * __USER_DS (QEMU's TCG does not check the selector on a load through
 * it, so look at it); the loop stops early, ecx not 0, if it is not.
 */
	.code32
	.type yield_loop32, @function
yield_loop32:
	movl	$158, %eax
	int	$0x80
	movw	%ds, %dx
	cmpw	$USER_DS, %dx
	jne	1f
	loop	yield_loop32
1:	ret
	.size yield_loop32, . - yield_loop32
	.code64

/* SYSENTER from 64-bit mode (Intel only; #UD on AMD). */
	.globl sysenter64
	.type sysenter64, @function
sysenter64:
	pushq	%rbp
	movq	%rsp, %rbp
	sysenter
	popq	%rbp
	ret
	.size sysenter64, . - sysenter64

	.section .note.GNU-stack, "", @progbits
