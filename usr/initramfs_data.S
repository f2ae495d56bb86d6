/* SPDX-License-Identifier: MIT */
/*
 * The built-in initramfs: build/initramfs.cpio (newc, made by
 * usr/gen_init_cpio from usr/initramfs_list) included whole in its own
 * section, which the linker script places in .rodata. init/initramfs.c
 * unpacks it, reading these two symbols (it has weak empty defaults; these
 * definitions are the strong ones):
 *
 *	extern const char __initramfs_start[];
 *	extern const unsigned long __initramfs_size;
 *
 * INITRAMFS_IMAGE is the archive's path, given by the Makefile.
 */
	.section .init.ramfs, "a"
	.balign 8
	.globl __initramfs_start
	.type __initramfs_start, @object
__initramfs_start:
	.incbin INITRAMFS_IMAGE
__initramfs_end:
	.size __initramfs_start, __initramfs_end - __initramfs_start

	.section .init.ramfs.info, "a"
	.balign 8
	.globl __initramfs_size
	.type __initramfs_size, @object
__initramfs_size:
	.quad __initramfs_end - __initramfs_start
	.size __initramfs_size, 8

	.section .note.GNU-stack, "", @progbits
