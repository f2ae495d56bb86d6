/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ATOMIC_LONG_H
#define _LINUX_ATOMIC_LONG_H

/*
 * atomic64_t, and atomic_long_t on top of it (the same width on x86-64):
 * 64-bit counters changed by several CPUs without a lock, with the same
 * ordering as atomic_t's operations (linux/atomic.h).
 */
#include <linux/types.h>
#include <linux/compiler.h>

typedef struct {
	s64 counter;
} atomic64_t;
typedef atomic64_t atomic_long_t;

#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

static inline s64 atomic64_read(const atomic64_t *v)
{
	return READ_ONCE(v->counter);
}

static inline void atomic64_set(atomic64_t *v, s64 i)
{
	WRITE_ONCE(v->counter, i);
}

static inline void atomic64_add(s64 i, atomic64_t *v)
{
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);
}

static inline s64 atomic64_add_return(s64 i, atomic64_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

#define atomic64_inc(v)			atomic64_add(1, v)
#define atomic64_inc_return(v)		atomic64_add_return(1, v)
#define atomic_long_read		atomic64_read
#define atomic_long_set			atomic64_set
#define atomic_long_add			atomic64_add
#define atomic_long_inc(v)		atomic64_add(1, v)
#define atomic_long_dec(v)		atomic64_add(-1, v)

#endif
