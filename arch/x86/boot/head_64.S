/* SPDX-License-Identifier: MIT */
/*
 * From the boot loader to C. Two loaders are understood: QEMU's -kernel
 * (the PVH ELF note, entry pvh_start_xen, %ebx = struct hvm_start_info)
 * and GRUB (Multiboot2, entry mb2_start, %eax = magic, %ebx = info).
 * Both arrive in 32-bit protected mode with paging off. This file checks
 * for long mode, builds just enough page tables to reach the kernel's
 * virtual addresses (identity, __START_KERNEL_map and the direct map of
 * the first 4 GiB), enables long mode and NX, and calls
 * x86_64_start_kernel() on the boot stack. paging_init() replaces these
 * tables with the final ones.
 */
#include <asm/page.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/bootinfo.h>

#define PA(x)		((x) - __START_KERNEL_map)
#define PTE_P		0x001
#define PTE_RW		0x002
#define PTE_PS		0x080

	.section .head.text, "ax"
	.code32

/* Multiboot2 header (Multiboot2 spec, 3.1); must be in the first 32 KiB. */
	.balign 8
mb2_header:
	.long	0xe85250d6			/* magic */
	.long	0				/* architecture: i386 */
	.long	mb2_header_end - mb2_header
	.long	-(0xe85250d6 + (mb2_header_end - mb2_header))
	.balign 8
	.short	3, 0				/* entry address tag */
	.long	12
	.long	mb2_start
	.balign 8
	.short	0, 0				/* end tag */
	.long	8
mb2_header_end:

/* The PVH entry point (Xen's XEN_ELFNOTE_PHYS32_ENTRY, which QEMU honours). */
	.pushsection .note.Xen, "a"
	.balign 4
	.long	4, 4, 18			/* namesz, descsz, type */
	.asciz	"Xen"
	.long	pvh_start_xen
	.popsection

	.globl pvh_start_xen
pvh_start_xen:
	movl	$BOOT_PROTO_PVH, %eax
	jmp	startup_32

	.globl mb2_start
mb2_start:
	cmpl	$0x36d76289, %eax
	jne	no_long_mode			/* not a Multiboot2 loader */
	movl	$BOOT_PROTO_MB2, %eax

startup_32:
	cld
	cli
	movl	%eax, %edi			/* boot protocol */
	movl	%ebx, %esi			/* boot information */
	movl	$PA(boot_stack_top), %esp

	/* Clear .bss (the loaders need not); the stack lives there too. */
	movl	%edi, %ebp
	movl	$PA(__bss_start), %edi
	movl	$PA(__bss_stop), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	movl	%ebp, PA(boot_protocol)
	movl	%esi, PA(boot_params_phys)

	/* Long mode is required: CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode

	/* Four page directories of 2 MiB pages: physical 0..4 GiB. */
	movl	$PA(early_pmd), %edi
	movl	$(PTE_P | PTE_RW | PTE_PS), %eax
	xorl	%edx, %edx
	movl	$2048, %ecx
1:	movl	%eax, (%edi)
	movl	%edx, 4(%edi)
	addl	$0x200000, %eax
	adcl	$0, %edx
	addl	$8, %edi
	loop	1b

	/* The identity/direct-map PUD points at all four directories. */
	movl	$PA(early_pud), %edi
	movl	$PA(early_pmd) + (PTE_P | PTE_RW), %eax
	movl	%eax, 0(%edi)
	addl	$4096, %eax
	movl	%eax, 8(%edi)
	addl	$4096, %eax
	movl	%eax, 16(%edi)
	addl	$4096, %eax
	movl	%eax, 24(%edi)

	/* The kernel-image PUD: slot 510 is 0xffffffff80000000 -> physical 0. */
	movl	$PA(early_kernel_pud), %edi
	movl	$PA(early_pmd) + (PTE_P | PTE_RW), %eax
	movl	%eax, 510 * 8(%edi)

	movl	$PA(early_top_pgt), %edi
	movl	$PA(early_pud) + (PTE_P | PTE_RW), %eax
	movl	%eax, 0(%edi)				/* identity */
	movl	%eax, ((PAGE_OFFSET >> 39) & 511) * 8(%edi)	/* direct map */
	movl	$PA(early_kernel_pud) + (PTE_P | PTE_RW), %eax
	movl	%eax, 511 * 8(%edi)			/* kernel image */

	/* PAE, then EFER.LME and NXE, then paging: we are in long mode. */
	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PA(early_top_pgt), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NX), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP), %eax
	movl	%eax, %cr0

	lgdt	early_gdt_descr
	ljmp	$__KERNEL_CS, $startup_64_low

no_long_mode:
	/* Nothing can be printed reliably this early; stop. */
1:	hlt
	jmp	1b

	.code64
startup_64_low:
	movabsq	$startup_64, %rax
	jmp	*%rax

	.balign 8
early_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff		/* __KERNEL32_CS */
	.quad	0x00af9a000000ffff		/* __KERNEL_CS: 64-bit code */
	.quad	0x00cf92000000ffff		/* __KERNEL_DS */
early_gdt_end:
early_gdt_descr:
	.short	early_gdt_end - early_gdt - 1
	.quad	early_gdt

/* From here on the kernel runs at its linked, high addresses. */
	.text
	.globl startup_64
startup_64:
	endbr64
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp			/* end of the frame-pointer chain */
	movl	boot_protocol(%rip), %edi
	movl	boot_params_phys(%rip), %esi
	call	x86_64_start_kernel
1:	hlt
	jmp	1b

/*
 * An application processor arrives here from the real-mode trampoline
 * (arch/x86/realmode/rm/trampoline_64.S) in 64-bit mode, interrupts off,
 * on the trampoline's page tables and GDT. It moves to the kernel's own
 * page tables, takes the per-CPU base and idle stack the boot CPU left in
 * initial_gs and initial_stack for it (CPUs are started one at a time),
 * and calls start_secondary(), which loads its GDT, TSS and IDT first.
 */
	.globl secondary_startup_64
secondary_startup_64:
	endbr64
	movabsq	$__START_KERNEL_map, %rdx
	leaq	init_top_pgt(%rip), %rax
	subq	%rdx, %rax
	movq	%rax, %cr3
	movl	$MSR_GS_BASE, %ecx
	movl	initial_gs(%rip), %eax
	movl	initial_gs+4(%rip), %edx
	wrmsr
	movq	initial_stack(%rip), %rsp
	andq	$~15, %rsp
	xorl	%ebp, %ebp			/* end of the frame-pointer chain */
	call	start_secondary
1:	hlt
	jmp	1b

	.data
	.globl boot_protocol, boot_params_phys
boot_protocol:		.long 0
boot_params_phys:	.long 0
	.balign 8
	.globl initial_gs, initial_stack
initial_gs:		.quad 0
initial_stack:		.quad 0

	.section .bss..page_aligned, "aw", @nobits
	.balign	PAGE_SIZE
early_top_pgt:		.skip PAGE_SIZE
early_pud:		.skip PAGE_SIZE
early_kernel_pud:	.skip PAGE_SIZE
early_pmd:		.skip 4 * PAGE_SIZE
/* The boot CPU's first kernel stack, with an unmapped guard page below. */
	.globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:	.skip PAGE_SIZE
boot_stack:		.skip THREAD_SIZE
boot_stack_top:
