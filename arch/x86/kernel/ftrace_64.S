/* SPDX-License-Identifier: MIT */
/*
 * The function tracer's trampolines. A traced function's entry nop,
 * once enabled, is "call ftrace_caller": at that point the function has
 * not touched its stack or its argument registers, so ftrace_caller
 * saves every register an argument or the static chain may be in,
 * calls the C dispatcher, restores them and returns into the function.
 *
 * ftrace_caller also builds two frames, so that a frame-pointer walk
 * from the tracer sees the traced function and then its caller (whose
 * own frame the traced function had not yet linked): the traced
 * function's stack traces start with the traced function itself.
 *
 * return_to_handler is where a function the graph tracer hooked returns
 * to: the C side pops the real return address off the task's return
 * stack; the return value registers are kept across it.
 */

	.text
	.globl ftrace_caller
	.type ftrace_caller, @function
	.p2align 4
ftrace_caller:
	/* 0(%rsp): the site + 5; 8(%rsp): the traced function's return address. */
	pushq	8(%rsp)			/* frame A: returns into the caller */
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	16(%rsp)		/* frame B: returns into the traced function */
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	subq	$8, %rsp		/* 16-byte aligned for the call */

	movq	32(%rbp), %rdi		/* ip: the site */
	subq	$5, %rdi
	movq	40(%rbp), %rsi		/* parent_ip */
	leaq	40(%rbp), %rdx		/* the slot holding parent_ip */
	movq	%rbp, %rcx		/* frame B */
	call	ftrace_ops_list_func

	addq	$8, %rsp
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
	popq	%rbp
	addq	$8, %rsp
	popq	%rbp
	addq	$8, %rsp
	ret
	.size ftrace_caller, . - ftrace_caller

	.globl return_to_handler
	.type return_to_handler, @function
	.p2align 4
return_to_handler:
	/* The hooked function returned here; its return value is in %rax:%rdx. */
	subq	$8, %rsp		/* the slot for the real return address */
	pushq	%rax
	pushq	%rdx
	subq	$8, %rsp		/* 16-byte aligned for the call */
	call	ftrace_return_to_handler
	addq	$8, %rsp
	movq	%rax, 16(%rsp)
	popq	%rdx
	popq	%rax
	/* A return, not an indirect jump: the caller's return address has no endbr64. */
	ret
	.size return_to_handler, . - return_to_handler
