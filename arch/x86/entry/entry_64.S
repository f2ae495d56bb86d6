/* SPDX-License-Identifier: MIT */
/*
 * Every way into the kernel and back out: the exception and interrupt
 * stubs (generated from the list in asm/idtentry.h), NMI, #DB, SYSCALL
 * (64-bit and compat), SYSENTER, int $0x80, the context switch, a new
 * task's first return and the end of a task an oops killed.
 *
 * The assembly builds struct pt_regs, clears DF, keeps the stack aligned
 * for C, and decides only what C cannot: which GS base is live (the
 * saved CS on ordinary entries; on the paranoid ones, which can arrive
 * anywhere, the GS base MSR, or with FSGSBASE the CPU's own base loaded
 * whatever was there; the user's on a fault of the IRET to user mode,
 * which error_entry hands to fixup_bad_iret()); whether an NMI nests inside another
 * (asm_exc_nmi); on SYSCALL, the dispatch through sys_call_table and
 * whether SYSRET may return instead of IRET; and on every return to user
 * mode, whether a _TIF_WORK_MASK flag is set, so that C is called only
 * when there is work. C decides the rest: what an exception means
 * (traps.c, mm/fault.c), which handler a vector runs and on which stack
 * (asm/idtentry.h, irq.c), the i386 system calls (do_int80_syscall_32,
 * do_fast_syscall_32, do_SYSENTER_32) and the work before a return to
 * user mode (irqentry_exit_to_user_mode: reschedule, signals).
 *
 * Frame-pointer chain: before calling C, %rbp is set to the address of
 * pt_regs with bit 0 set (Linux's ENCODE_FRAME_POINTER), so the unwinder
 * knows the next frame is an interrupted context and prints its RIP.
 */
#include <asm/ptrace.h>
#include <asm/trapnr.h>
#include <asm/processor-flags.h>
#include <asm/switch_to.h>
#include <asm/segment.h>
#include <linux/errno.h>
#include <asm/irqflags.h>
#include <asm/syscall.h>
#include <linux/sched_tif.h>

	.section .entry.text, "ax"

.macro PUSH_REGS rax=%rax
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	\rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro POP_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

/*
 * Call \cfunc(regs, orig_ax). On entry %rsp points at pt_regs, which the
 * CPU's 16-byte alignment of the interrupt frame leaves at 8 mod 16.
 */
.macro CALL_C cfunc
	movq	%rsp, %rdi
	movq	ORIG_RAX(%rsp), %rsi
	movq	$-1, ORIG_RAX(%rsp)
	leaq	1(%rsp), %rbp
	subq	$8, %rsp
	call	\cfunc
	addq	$8, %rsp
.endm

.macro idtentry vector asmsym cfunc has_error_code paranoid
	.balign 16
	.globl \asmsym
	.type \asmsym, @function
\asmsym:
	endbr64
	.if \vector == X86_TRAP_BP
	/*
	 * From kernel mode, move the CPU's five-word frame down five words:
	 * an int3 the handler answers by emulating a call (the function
	 * tracer's, int3_emulate_call()) pushes its return address below
	 * the interrupted stack pointer, where the frame was.
	 */
	testb	$3, CS-RIP(%rsp)
	jnz	.Lfrom_user_no_gap_\@
	.rept 5
	pushq	4*8(%rsp)
	.endr
.Lfrom_user_no_gap_\@:
	.endif
	.if \has_error_code == 0
	pushq	$-1
	.endif
	PUSH_REGS
	.if \paranoid
	call	paranoid_entry
	CALL_C	\cfunc
	jmp	paranoid_exit
	.else
	call	error_entry
	CALL_C	\cfunc
	jmp	error_return
	.endif
	.size \asmsym, . - \asmsym
.endm

.macro idtentry_reserved vector
	.balign 16
	.globl asm_exc_reserved_\vector
	.type asm_exc_reserved_\vector, @function
asm_exc_reserved_\vector:
	endbr64
	pushq	$\vector
	PUSH_REGS
	call	error_entry
	CALL_C	exc_reserved
	jmp	error_return
	.size asm_exc_reserved_\vector, . - asm_exc_reserved_\vector
.endm

/*
 * Entered from user mode: switch to the kernel's GS. Never swap twice.
 * An IRET to user mode can fault in the kernel, after its swapgs (#GP,
 * #NP or #SS: a user CS or SS naming an LDT entry another thread cleared,
 * or one rt_sigreturn put there): GS is the user's then, and the fault
 * is the program's. fixup_bad_iret() rebuilds it as a user-mode fault at
 * the top of the task stack (leaving the NMI stack, for an NMI's return:
 * the task stack is empty then), and the stub carries on from there with
 * the user-mode path. Two IRETs return to user mode: error_return's
 * (native_irq_return_iret, which the SYSCALL path's IRET return shares)
 * and the NMI's.
 */
	.type error_entry, @function
error_entry:
	cld
	testb	$3, CS+8(%rsp)
	jz	.Lerror_kernelspace
	swapgs
	ret
.Lerror_kernelspace:
	leaq	native_irq_return_iret(%rip), %rcx
	cmpq	%rcx, RIP+8(%rsp)
	je	.Lerror_iret
	leaq	.Lnmi_return_iret(%rip), %rcx
	cmpq	%rcx, RIP+8(%rsp)
	jne	1f
.Lerror_iret:
	movq	RSP+8(%rsp), %rcx		/* the frame the IRET could not load */
	testb	$3, 8(%rcx)			/* its CS: only a return to user */
	jz	1f
	swapgs
	popq	%r12				/* back to the stub, on the new stack */
	movq	%rsp, %rdi
	subq	$8, %rsp
	call	fixup_bad_iret
	movq	%rax, %rsp
	pushq	%r12
1:	ret
	.size error_entry, . - error_entry

	.globl error_return
	.type error_return, @function
error_return:
	testb	$3, CS(%rsp)
	jz	1f
	/* Back to user mode: pending signals and reschedules first, if any. */
	cli
	movq	%gs:current_task, %rax
	testl	$_TIF_WORK_MASK, (%rax)
	jz	2f
	movq	%rsp, %rdi
	leaq	1(%rsp), %rbp
	subq	$8, %rsp
	call	irqentry_exit_to_user_mode
	addq	$8, %rsp
	.globl swapgs_restore_regs_and_return_to_usermode
swapgs_restore_regs_and_return_to_usermode:
2:	swapgs
1:	POP_REGS
	addq	$8, %rsp			/* orig_ax */
	.globl native_irq_return_iret
native_irq_return_iret:
	iretq
	.size error_return, . - error_return

/*
 * NMI, #DB, #MC and #DF can arrive anywhere, even between an entry and
 * its swapgs, so the CS check cannot tell which GS is loaded. Without
 * FSGSBASE the GS base MSR can: the kernel's is a high-half address and
 * a user's (arch_prctl) never is; %ebx (callee-saved and restored from
 * pt_regs at exit) remembers whether to swap back. With FSGSBASE a user
 * can write any canonical GS base, a high-half one too, so the value
 * proves nothing: as Linux does, keep whatever is loaded in %rbx and
 * load this CPU's own base, found without GS through the CPU number in
 * the GDT_ENTRY_CPUNODE limit; the exit puts %rbx back.
 */
	.type paranoid_entry, @function
paranoid_entry:
	cld
	cmpb	$0, x86_fsgsbase_enabled(%rip)
	je	.Lparanoid_entry_checkgs
	rdgsbase %rbx
	movl	$__CPUNODE_SEG, %eax
	lsl	%eax, %eax
	andl	$VDSO_CPUNODE_MASK, %eax
	movq	__per_cpu_offset(, %rax, 8), %rax
	wrgsbase %rax
	ret
.Lparanoid_entry_checkgs:
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	xorl	%ebx, %ebx
	testl	%edx, %edx
	js	1f
	swapgs
	movl	$1, %ebx
1:	ret
	.size paranoid_entry, . - paranoid_entry

/* The GS base paranoid_entry found, back in place; %rbx as it left it. */
.macro PARANOID_RESTORE_GS
	cmpb	$0, x86_fsgsbase_enabled(%rip)
	je	.Lcheck_swapgs_\@
	wrgsbase %rbx
	jmp	.Lgs_restored_\@
.Lcheck_swapgs_\@:
	testl	%ebx, %ebx
	jz	.Lgs_restored_\@
	swapgs
.Lgs_restored_\@:
.endm

	.type paranoid_exit, @function
paranoid_exit:
	PARANOID_RESTORE_GS
	POP_REGS
	addq	$8, %rsp
	iretq
	.size paranoid_exit, . - paranoid_exit

/*
 * #DB (Linux's idtentry_mce_db). From kernel mode it is paranoid, like
 * NMI. From user mode GS is the user's for certain and the task's stack
 * is empty, so the frame moves there (Linux's sync_regs) and leaves
 * through error_return, which delivers the SIGTRAP before the IRET.
 */
.macro idtentry_db vector asmsym cfunc
	.balign 16
	.globl \asmsym
	.type \asmsym, @function
\asmsym:
	endbr64
	pushq	$-1
	PUSH_REGS
	testb	$3, CS(%rsp)
	jnz	.Lfrom_usermode_switch_stack_\@
	call	paranoid_entry
	CALL_C	\cfunc
	jmp	paranoid_exit
.Lfrom_usermode_switch_stack_\@:
	call	error_entry
	movq	%rsp, %rsi
	movq	%gs:cpu_current_top_of_stack, %rsp
	subq	$SIZEOF_PTREGS, %rsp
	movq	%rsp, %rdi
	movl	$SIZEOF_PTREGS / 8, %ecx
	rep movsq
	CALL_C	\cfunc
	jmp	error_return
	.size \asmsym, . - \asmsym
.endm

/*
 * NMI, on its own IST stack. NMIs stay blocked until the next IRET, but
 * that IRET need not be the NMI's own: a #PF, #DB or int3 taken inside
 * the handler returns with one, and a second NMI can then arrive while
 * the first still runs. The CPU would put its frame at the top of the
 * same IST stack, over the first one's. So the hardware frame at the top
 * is only ever read here, and the stack is laid out as (T its top):
 *
 *   T-40  .. T      the CPU's frame ("original"): a nested NMI's lands here
 *   T-48            %rdx, saved while deciding
 *   T-56            "NMI executing": 1 from repeat_nmi until nmi_restore
 *   T-96  .. T-56   the "iret" frame the final IRET uses; a nested NMI
 *                   points it at repeat_nmi to have the handler run again
 *   T-136 .. T-96   the "outermost" frame: the interrupted context, copied
 *                   once by the first NMI, pt_regs below it
 *
 * A nested NMI only rewrites the iret frame and returns: the NMI it
 * interrupted then runs exc_nmi() once more on its way out. What tells a
 * nested NMI from a first one, for an NMI from the kernel:
 *  - RIP in repeat_nmi..end_repeat_nmi: the outer one is already going
 *    round again, with the iret frame half copied. Leave it alone.
 *  - "NMI executing" is 1.
 *  - RSP inside this stack and DF set: between nmi_restore's clearing of
 *    "NMI executing" and its IRET, which sets DF to be recognised here
 *    (no other kernel code runs with DF set, and SYSCALL, whose first
 *    instructions run on a stack the user chose, clears it).
 * An NMI from user mode cannot interrupt an NMI, and its RSP and DF are
 * the user's: it is always a first NMI.
 */
	.balign 16
	.globl asm_exc_nmi
	.type asm_exc_nmi, @function
asm_exc_nmi:
	endbr64
	pushq	%rdx
	testb	$3, 2*8(%rsp)			/* CS */
	jnz	first_nmi
	movq	1*8(%rsp), %rdx			/* RIP */
	cmpq	$repeat_nmi, %rdx
	jb	1f
	cmpq	$end_repeat_nmi, %rdx
	jb	nested_nmi_out
1:	cmpq	$1, -1*8(%rsp)
	je	nested_nmi
	leaq	6*8(%rsp), %rdx			/* T */
	cmpq	%rdx, 4*8(%rsp)			/* RSP */
	ja	first_nmi
	subq	$EXCEPTION_STKSZ, %rdx
	cmpq	%rdx, 4*8(%rsp)
	jb	first_nmi
	testl	$X86_EFLAGS_DF, 3*8(%rsp)	/* RFLAGS */
	jz	first_nmi

nested_nmi:
	/* The iret frame becomes repeat_nmi, on this stack at the outermost frame. */
	subq	$8, %rsp
	leaq	-10*8(%rsp), %rdx
	pushq	$__KERNEL_DS
	pushq	%rdx
	pushfq
	pushq	$__KERNEL_CS
	pushq	$repeat_nmi
	addq	$6*8, %rsp
nested_nmi_out:
	popq	%rdx
	iretq

first_nmi:
	movq	(%rsp), %rdx
	pushq	$0				/* "NMI executing" */
	subq	$5*8, %rsp			/* the iret frame */
	.rept 5
	pushq	11*8(%rsp)			/* original -> outermost */
	.endr
	/* NMIs are still blocked: nothing can nest before the first IRET. */
repeat_nmi:
	/*
	 * RSP points at the outermost frame, whichever way we came. An NMI
	 * nesting from here to end_repeat_nmi just returns: the handler is
	 * about to run anyway.
	 */
	movq	$1, 10*8(%rsp)
	addq	$10*8, %rsp
	.rept 5
	pushq	-6*8(%rsp)			/* outermost -> iret */
	.endr
	subq	$5*8, %rsp
end_repeat_nmi:
	pushq	$-1				/* orig_ax */
	PUSH_REGS
	call	paranoid_entry
	CALL_C	exc_nmi
	PARANOID_RESTORE_GS
nmi_restore:
	POP_REGS
	addq	$6*8, %rsp			/* orig_ax and the outermost frame */
	std
	movq	$0, 5*8(%rsp)			/* "NMI executing" */
.Lnmi_return_iret:
	iretq
	.size asm_exc_nmi, . - asm_exc_nmi

#include <asm/idtentry.h>

/*
 * irq_entries_start: one stub per device vector [0x20, 0xeb), each 16
 * bytes, so the IDT gate for vector v is irq_entries_start + 16 * (v -
 * 0x20). A stub pushes its vector as a sign-extended byte (push imm8, so
 * it fits) where the CPU would put an error code; common_interrupt()
 * takes the low byte back.
 */
	.balign 16
	.globl irq_entries_start
irq_entries_start:
	vector = FIRST_EXTERNAL_VECTOR
	.rept NR_EXTERNAL_VECTORS
	endbr64
	.byte	0x6a, vector
	jmp	asm_common_interrupt
	.balign	16, 0xcc
	vector = vector + 1
	.endr
	.globl irq_entries_end
irq_entries_end:

/* The same for the system vectors that have no handler of their own. */
	.balign 16
	.globl spurious_entries_start
spurious_entries_start:
	vector = FIRST_SYSTEM_VECTOR
	.rept NR_VECTORS - FIRST_SYSTEM_VECTOR
	endbr64
	.byte	0x6a, vector
	jmp	asm_spurious_interrupt
	.balign	16, 0xcc
	vector = vector + 1
	.endr

/*
 * __switch_to_asm(prev, next): save prev's callee-saved registers on its
 * stack, switch stacks, restore next's, and finish in __switch_to (C),
 * which returns prev as "last" in %rax. A task switched out here resumes
 * here; a new task's stack is built so that the restore "returns" into
 * ret_from_fork_asm.
 */
	.text
	.globl __switch_to_asm
	.type __switch_to_asm, @function
__switch_to_asm:
	endbr64
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, TASK_threadsp(%rdi)
	movq	TASK_threadsp(%rsi), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	jmp	__switch_to
	.size __switch_to_asm, . - __switch_to_asm

/*
 * A new task's first instructions: %rax is the previous task (from
 * __switch_to), %rbx the thread function, %r12 its argument.
 */
	.globl ret_from_fork_asm
	.type ret_from_fork_asm, @function
ret_from_fork_asm:
	endbr64
	movq	%rax, %rdi
	movq	%rbx, %rsi
	movq	%r12, %rdx
	andq	$-16, %rsp		/* a forked child starts just below its pt_regs */
	call	ret_from_fork
	/* Only a user task (no thread function) gets here: to user mode. */
	jmp	ret_to_user_mode
	.size ret_from_fork_asm, . - ret_from_fork_asm

/*
 * rewind_stack_and_make_dead(signr): the end of an oops that kills its
 * task. The frames below are dropped and make_task_dead() starts afresh
 * at the top of the task's stack, below its pt_regs; %rbp 0 ends any
 * unwind there.
 */
	.globl rewind_stack_and_make_dead
	.type rewind_stack_and_make_dead, @function
rewind_stack_and_make_dead:
	endbr64
	xorl	%ebp, %ebp
	movq	%gs:cpu_current_top_of_stack, %rax
	leaq	-SIZEOF_PTREGS(%rax), %rsp
	andq	$-16, %rsp
	call	make_task_dead
	ud2
	.size rewind_stack_and_make_dead, . - rewind_stack_and_make_dead

/*
 * entry_SYSCALL_64: the SYSCALL instruction lands here with the user's
 * RIP in %rcx, RFLAGS in %r11, and nothing else changed — still the
 * user's stack and GS. Build pt_regs on this task's kernel stack exactly
 * as an interrupt would (so one exit path serves both), clear the
 * registers the syscall does not need, and call the handler through
 * sys_call_table here. SYSRET returns, unless there is work first or
 * SYSRET could not restore what IRET would; then we leave through IRET.
 */
	.section .entry.text, "ax"
	.balign 16
	.globl entry_SYSCALL_64
	.type entry_SYSCALL_64, @function
entry_SYSCALL_64:
	endbr64
	swapgs
	movq	%rsp, %gs:cpu_user_rsp_scratch
	movq	%gs:cpu_current_top_of_stack, %rsp
	pushq	$__USER_DS			/* ss */
	pushq	%gs:cpu_user_rsp_scratch	/* sp */
	pushq	%r11				/* flags */
	pushq	$__USER_CS			/* cs */
	pushq	%rcx				/* ip */
	pushq	%rax				/* orig_ax: the number */
	PUSH_REGS rax=$-ENOSYS
	/*
	 * Nothing of the user's may steer the kernel speculatively (%rsi
	 * gets the number below).
	 */
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%ebx, %ebx
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	/*
	 * do_syscall_64() dispatches in C and says whether SYSRET may
	 * return: it restores only what the frame holds when RIP = RCX,
	 * RFLAGS = R11, the selectors are the 64-bit user ones and RIP is
	 * canonical. SYSCALL cleared DF through FMASK, so no cld.
	 */
	leaq	1(%rsp), %rbp
	movq	%rsp, %rdi
	movl	%eax, %esi
	call	do_syscall_64
	testb	%al, %al
	jz	syscall_return_via_iret
	POP_REGS
	movq	RSP-ORIG_RAX(%rsp), %rsp	/* the user stack */
	swapgs
	sysretq
syscall_return_via_iret:
	/* The one user-mode IRET, whose faults error_entry recognises. */
	jmp	swapgs_restore_regs_and_return_to_usermode
	.size entry_SYSCALL_64, . - entry_SYSCALL_64

/*
 * int $0x80, from a 64-bit process or from compat mode: the i386
 * system-call ABI (number in eax, arguments in ebx, ecx, edx, esi, edi,
 * ebp), as Linux keeps it for compatibility. Always returns through IRET,
 * to the mode the CPU's frame names.
 */
	.balign 16
	.globl entry_INT80_compat
	.type entry_INT80_compat, @function
entry_INT80_compat:
	endbr64
	pushq	%rax				/* orig_ax */
	PUSH_REGS rax=$-ENOSYS
	call	error_entry
	movq	%rsp, %rdi
	leaq	1(%rsp), %rbp
	subq	$8, %rsp
	call	do_int80_syscall_32
	addq	$8, %rsp
	jmp	error_return
	.size entry_INT80_compat, . - entry_INT80_compat

/*
 * The first return of a new user task (fork) or of a kernel thread that
 * just exec'd (init): its pt_regs sit at the top of its stack.
 */
	.globl ret_to_user_mode
	.type ret_to_user_mode, @function
ret_to_user_mode:
	movq	%gs:cpu_current_top_of_stack, %rsp
	subq	$SIZEOF_PTREGS, %rsp
	jmp	error_return
	.size ret_to_user_mode, . - ret_to_user_mode

/*
 * entry_SYSCALL_compat: SYSCALL from compat mode (MSR_CSTAR). As for
 * entry_SYSCALL_64, the CPU left the user's stack and GS, put the return
 * EIP in %rcx and EFLAGS in %r11, and cleared IF, TF, AC, NT and DF
 * through MSR_SYSCALL_MASK. SYSCALL takes %ecx, so in the i386
 * convention of this door (Linux's) arg2 travels in %ebp, which goes
 * into pt_regs->cx; do_fast_syscall_32() fetches arg6 from the user
 * stack. The upper halves of %rsp and %eax are undefined in compat mode
 * and are dropped. The return is always through IRET, to the instruction
 * after the SYSCALL: SYSRETL would need its own checks (Linux's) to be
 * safe, and reflex runs no i386 program that would gain from it.
 */
	.balign 16
	.globl entry_SYSCALL_compat
	.type entry_SYSCALL_compat, @function
entry_SYSCALL_compat:
	endbr64
	swapgs
	movl	%esp, %esp
	movq	%rsp, %gs:cpu_user_rsp_scratch
	movq	%gs:cpu_current_top_of_stack, %rsp
	pushq	$__USER_DS			/* ss */
	pushq	%gs:cpu_user_rsp_scratch	/* sp */
	pushq	%r11				/* flags */
	pushq	$__USER32_CS			/* cs */
	pushq	%rcx				/* ip */
	movl	%eax, %eax
	pushq	%rax				/* orig_ax: the number */
	PUSH_REGS rax=$-ENOSYS
	movq	%rbp, RCX(%rsp)			/* arg2 */
	movq	%rsp, %rdi
	leaq	1(%rsp), %rbp
	subq	$8, %rsp
	call	do_fast_syscall_32
	addq	$8, %rsp
	jmp	error_return
	.size entry_SYSCALL_compat, . - entry_SYSCALL_compat

/*
 * entry_SYSENTER_compat: SYSENTER (MSR_IA32_SYSENTER_EIP). The CPU saved
 * neither the user's RIP nor RSP, loaded the entry stack, and cleared IF
 * alone: TF, AC, NT and DF are as the user left them, and GS is the
 * user's. The i386 convention of this door (Linux's vDSO) passes the
 * user's stack pointer in %ebp; do_SYSENTER_32() takes it from there.
 *
 * The first push saves the user's flags for the return; the popfq then
 * closes SMAP's window (AC), makes the IRET possible (NT) and stops
 * single-stepping (TF). With TF set every instruction up to it traps:
 * exc_debug() ignores the steps inside this function (Linux's
 * is_sysenter_singlestep), so its end is marked.
 */
	.balign 16
	.globl entry_SYSENTER_compat
	.type entry_SYSENTER_compat, @function
entry_SYSENTER_compat:
	endbr64
	swapgs
	movq	%gs:cpu_current_top_of_stack, %rsp
	pushq	$__USER_DS			/* ss */
	pushq	$0				/* sp: do_SYSENTER_32() */
	pushfq					/* flags, but IF: do_SYSENTER_32() */
	pushq	$__USER32_CS			/* cs */
	pushq	$0				/* ip: do_SYSENTER_32() */
	movl	%eax, %eax
	pushq	%rax				/* orig_ax: the number */
	PUSH_REGS rax=$-ENOSYS
	pushq	$X86_EFLAGS_FIXED
	popfq
	movq	%rsp, %rdi
	leaq	1(%rsp), %rbp
	subq	$8, %rsp
	call	do_SYSENTER_32
	addq	$8, %rsp
	jmp	error_return
	.globl __end_entry_SYSENTER_compat
__end_entry_SYSENTER_compat:
	.size entry_SYSENTER_compat, . - entry_SYSENTER_compat
