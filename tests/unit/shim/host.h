/* SPDX-License-Identifier: MIT */
#ifndef _UNIT_SHIM_HOST_H
#define _UNIT_SHIM_HOST_H

/*
 * Forced into every host unit-test translation unit, kernel sources
 * included. It points the direct map at memory a test owns: a test
 * allocates an arena standing for physical [base, base + size) and sets
 * host_page_offset = arena - base, so __va()/__pa() land inside it.
 * It also declares what tests use to observe the kernel: the captured
 * printk log and the count of WARNs.
 */
/*
 * glibc's <sys/cdefs.h> and the kernel's compiler.h both define
 * __always_inline; give glibc's the kernel's exact spelling so that the
 * second definition is an identical, silent one.
 */
#include <sys/cdefs.h>
#undef __always_inline
#define __always_inline	inline __attribute__((always_inline))

extern unsigned long host_page_offset;
#define PAGE_OFFSET host_page_offset

#define HOST_LOG_SIZE 65536
extern char host_log[HOST_LOG_SIZE];	/* everything printk()ed since the reset */
extern unsigned int host_warn_count;	/* __warn() calls since the reset */
extern int host_cpu_number;		/* what smp_processor_id() returns */
void host_log_reset(void);
int host_log_contains(const char *needle);

#endif
