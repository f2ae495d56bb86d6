/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

/*
 * Ordering between the CPU and devices. x86 keeps stores in order and
 * loads in order for write-back memory, and DMA is cache-coherent, so
 * ordering descriptor memory against the MMIO doorbell (a volatile
 * access) or against the device's status writes needs only the compiler
 * held back; mb()/rmb()/wmb() are the full fences for uncached and
 * non-temporal accesses.
 */
#include <linux/compiler.h>

#define mb()		asm volatile("mfence" ::: "memory")
#define rmb()		asm volatile("lfence" ::: "memory")
#define wmb()		asm volatile("sfence" ::: "memory")
/* Descriptor writes before the doorbell; status read before the rest of a descriptor. */
#define dma_wmb()	barrier()
#define dma_rmb()	barrier()

#endif
