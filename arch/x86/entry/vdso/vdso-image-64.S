/* SPDX-License-Identifier: MIT */
/*
 * The linked vDSO (build/arch/x86/entry/vdso/vdso64.so), embedded in the
 * kernel image page-aligned; vma.c copies it into the pages it maps.
 */
	.section .rodata, "a"
	.balign 4096
	.globl vdso64_image_start, vdso64_image_end
vdso64_image_start:
	.incbin "build/arch/x86/entry/vdso/vdso64.so"
vdso64_image_end:
	.balign 4096
	.section .note.GNU-stack, "", @progbits
