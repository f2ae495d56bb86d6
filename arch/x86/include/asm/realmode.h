/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_REALMODE_H
#define _ASM_X86_REALMODE_H

/*
 * The AP start-up trampoline (arch/x86/realmode/rm/trampoline_64.S) and
 * its page below 1 MiB (arch/x86/realmode/init.c).
 */

/* tr_status: written by an AP as the first thing it does in real mode. */
#define TRAMPOLINE_STATUS_ALIVE	0x4150	/* "AP" */

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* The trampoline's page: real-mode entry at offset 0, so SIPI vector = pfn. */
extern phys_addr_t real_mode_trampoline_phys;

void reserve_real_mode(void);
int setup_real_mode(void);
u32 *trampoline_status(void);
#endif

#endif
