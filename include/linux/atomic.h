/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

/*
 * atomic_t: an int that several CPUs (or a CPU and its interrupt
 * handlers) change without a lock. On x86 every read-modify-write below
 * is one lock-prefixed instruction, which is also a full barrier, so the
 * smp_mb__{before,after}_atomic() pair (asm/barrier.h) only has to stop
 * the compiler.
 * The builtins keep the file usable by the host unit tests as is.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

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

static inline int atomic_sub_return(int i, atomic_t *v)
{
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

/* The fetch_ forms return the value before the operation. */
static inline int atomic_fetch_add(int i, atomic_t *v)
{
	return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int atomic_fetch_or(int i, atomic_t *v)
{
	return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int atomic_fetch_and(int i, atomic_t *v)
{
	return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int atomic_fetch_andnot(int i, atomic_t *v)
{
	return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_SEQ_CST);
}

static inline void atomic_or(int i, atomic_t *v)
{
	__atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_and(int i, atomic_t *v)
{
	__atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_andnot(int i, atomic_t *v)
{
	__atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED);
}

static inline int atomic_xchg(atomic_t *v, int new)
{
	return __atomic_exchange_n(&v->counter, new, __ATOMIC_SEQ_CST);
}

static inline int atomic_read_acquire(const atomic_t *v)
{
	return smp_load_acquire(&v->counter);
}

static inline void atomic_set_release(atomic_t *v, int i)
{
	smp_store_release(&v->counter, i);
}

#define atomic_inc(v)			atomic_add(1, v)
#define atomic_dec(v)			atomic_sub(1, v)
#define atomic_inc_return(v)		atomic_add_return(1, v)
#define atomic_dec_return(v)		atomic_add_return(-1, v)
#define atomic_dec_and_test(v)		(atomic_add_return(-1, v) == 0)
#define atomic_inc_and_test(v)		(atomic_add_return(1, v) == 0)
#define atomic_sub_and_test(i, v)	(atomic_sub_return((i), (v)) == 0)

/* Returns the old value; the exchange happened when it equals @old. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__atomic_compare_exchange_n(&v->counter, &old, new, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}

/*
 * On failure *old is updated to the value found, so a retry loop needs
 * no second read.
 */
static inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int new)
{
	return __atomic_compare_exchange_n(&v->counter, old, new, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* Adds @a unless the value is @u; returns whether it added. */
static inline bool atomic_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);

	do {
		if (c == u)
			return false;
	} while (!atomic_try_cmpxchg(v, &c, c + a));
	return true;
}

#define atomic_inc_not_zero(v)		atomic_add_unless((v), 1, 0)

#endif
