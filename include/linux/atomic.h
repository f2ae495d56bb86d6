/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

/*
 * atomic_t: an int that several CPUs (or a CPU and its interrupt
 * handlers) change without a lock. On x86 every read-modify-write below
 * is one lock-prefixed instruction, which is also a full barrier, so the
 * smp_mb__{before,after}_atomic() pair only has to stop the compiler.
 * The builtins keep the file usable by the host unit tests as is.
 */
#include <linux/types.h>
#include <linux/compiler.h>

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

static inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static inline void atomic_add(int i, atomic_t *v)
{
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_sub(int i, atomic_t *v)
{
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

#define atomic_inc(v)			atomic_add(1, v)
#define atomic_dec(v)			atomic_sub(1, v)
#define atomic_inc_return(v)		atomic_add_return(1, v)
#define atomic_dec_return(v)		atomic_add_return(-1, v)
#define atomic_dec_and_test(v)		(atomic_add_return(-1, v) == 0)

/* Returns the old value; the exchange happened when it equals @old. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__atomic_compare_exchange_n(&v->counter, &old, new, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}

#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_mb__before_atomic()	barrier()
#define smp_mb__after_atomic()	barrier()

#endif
