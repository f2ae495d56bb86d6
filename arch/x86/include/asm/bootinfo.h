/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_BOOTINFO_H
#define _ASM_X86_BOOTINFO_H

/* Which loader started us: head_64.S records it for setup_arch(). */
#define BOOT_PROTO_PVH		1	/* QEMU -kernel: struct hvm_start_info */
#define BOOT_PROTO_MB2		2	/* GRUB: Multiboot2 information */

#define THREAD_SIZE		(4 * 4096)	/* a kernel stack (16 KiB, as Linux) */

#endif
