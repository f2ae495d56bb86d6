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

/*
 * Ordering between CPUs on write-back memory. x86 (TSO) only lets a later
 * load pass an earlier store to another address, so smp_mb() is the one
 * real fence (a locked add to the stack, cheaper than mfence and as
 * strong for normal memory); the rest only hold the compiler back.
 */
#define smp_mb()	asm volatile("lock addl $0, -4(%%rsp)" ::: "memory", "cc")
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
#define smp_mb__before_atomic()	barrier()	/* every locked RMW is a full fence */
#define smp_mb__after_atomic()	barrier()

/* Every x86 load is an acquire and every store a release. */
#define smp_load_acquire(p) ({						\
	__typeof__(*(p)) ___v = READ_ONCE(*(p));			\
	barrier();							\
	___v;								\
})
#define smp_store_release(p, v) do {					\
	barrier();							\
	WRITE_ONCE(*(p), (v));						\
} while (0)

/*
 * Spin until cond_expr, written in terms of VAL (the value just read from
 * *ptr), holds; the read that satisfied it orders as an acquire. Returns
 * that value.
 */
#define smp_cond_load_acquire(ptr, cond_expr) ({			\
	__typeof__(*(ptr)) VAL;						\
									\
	for (;;) {							\
		VAL = READ_ONCE(*(ptr));				\
		if (cond_expr)						\
			break;						\
		asm volatile("pause" ::: "memory");			\
	}								\
	barrier();							\
	VAL;								\
})
#define smp_cond_load_relaxed	smp_cond_load_acquire

#endif
