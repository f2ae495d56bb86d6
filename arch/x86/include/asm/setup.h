/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <linux/types.h>
#include <asm/bootinfo.h>

/* What the boot loader told us, whichever protocol it spoke. */
struct boot_params {
	const char *loader;		/* "PVH" or "Multiboot2" */
	const char *cmdline;
	phys_addr_t acpi_rsdp_addr;	/* 0: search the BIOS areas */
	phys_addr_t initrd_start;
	u64 initrd_size;
};

extern struct boot_params boot_params;
extern u32 boot_protocol, boot_params_phys;

void setup_arch(void);
void x86_64_start_kernel(u32 protocol, u32 info_phys);

/* arch/x86/kernel/paravirt.c: how spinlocks are taken under a hypervisor. */
void native_pv_lock_init(void);

#endif
