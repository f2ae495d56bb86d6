/* SPDX-License-Identifier: MIT */
/*
 * The application processors' way from reset to the kernel. A started AP
 * (INIT, then STARTUP with the vector = this page's number) begins here in
 * real mode at CS:IP = page:0. The blob is linked into .rodata and copied
 * to its page below 1 MiB by setup_real_mode() (arch/x86/realmode/init.c),
 * which fills in the header: the physical addresses the far jumps and the
 * GDT need, the trampoline's own page-table root and the EFER bits.
 *
 * What it decides: only how to reach long mode. 16-bit real mode ->
 * 32-bit protected mode (its own flat GDT) -> PAE, CR3, EFER.LME/NXE/SCE,
 * paging -> 64-bit mode on an identity mapping of this page alone (the
 * page tables of trampoline_pgd map it executable; the kernel's direct
 * map of low memory is NX), then a jump to secondary_startup_64 in the
 * kernel image, which the same page tables reach through the kernel half
 * copied from init_top_pgt. Everything else (the kernel's page tables,
 * GS base, stack) is secondary_startup_64's.
 *
 * Every address here is an offset from trampoline_start: in real mode DS
 * is this page's segment, later %ebx holds its physical base and 64-bit
 * code uses RIP-relative operands. The AP also writes
 * TRAMPOLINE_STATUS_ALIVE into tr_status as its first act, so the boot
 * CPU can tell "nothing answered" from "started but never arrived".
 */
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/realmode.h>

#define OFF(x)		((x) - trampoline_start)

	.section .rodata.trampoline, "a"
	.balign 16
	.globl trampoline_start
trampoline_start:
	.code16
	cli
	movw	%cs, %ax
	movw	%ax, %ds
	movl	$TRAMPOLINE_STATUS_ALIVE, OFF(tr_status)
	xorl	%ebx, %ebx
	movw	%cs, %bx
	shll	$4, %ebx			/* the page's physical base */

	lgdtl	OFF(tr_gdt_desc)
	movl	%cr0, %eax
	orl	$X86_CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*OFF(tr_jump32)

	.code32
trampoline_32:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs

	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	OFF(tr_cr3)(%ebx), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	OFF(tr_efer)(%ebx), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl	%eax, %cr0
	ljmpl	*OFF(tr_jump64)(%ebx)

	.code64
trampoline_64:
	jmpq	*tr_entry64(%rip)

/* --- the header setup_real_mode() fills in --- */
	.balign 8
	.globl tr_status, tr_cr3, tr_efer, tr_jump32, tr_jump64, tr_gdt_desc, tr_gdt
	.globl tr_entry64
tr_entry64:	.quad	secondary_startup_64	/* a kernel virtual address */
tr_status:	.long	0
tr_cr3:		.long	0			/* physical trampoline_pgd */
tr_efer:	.long	0			/* EFER bits to set */
tr_jump32:	.long	OFF(trampoline_32)	/* + the page's physical base */
		.word	__KERNEL32_CS
tr_jump64:	.long	OFF(trampoline_64)	/* + the page's physical base */
		.word	__KERNEL_CS
	.balign 8
tr_gdt_desc:	.word	tr_gdt_end - tr_gdt - 1
		.long	OFF(tr_gdt)		/* + the page's physical base */
	.balign 8
/* The kernel's selector numbers, so that nothing changes meaning later. */
tr_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff		/* __KERNEL32_CS */
	.quad	0x00af9a000000ffff		/* __KERNEL_CS: 64-bit code */
	.quad	0x00cf92000000ffff		/* __KERNEL_DS */
tr_gdt_end:
	.globl trampoline_end
trampoline_end:
