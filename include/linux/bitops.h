/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

/*
 * Bits in an array of unsigned longs, Linux's calling convention (bit
 * number first). The set/clear/test-and-* forms are atomic: one
 * lock-prefixed instruction on x86, so a bit can serve as a flag another
 * CPU or an interrupt handler flips at the same time (tasklet state, say).
 * The __ forms are not, for words nobody else can touch.
 */
#include <linux/types.h>
#include <linux/compiler.h>

#define BITS_PER_TYPE(t)	(8 * sizeof(t))
#define BIT_WORD(nr)		((nr) / BITS_PER_TYPE(long))
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_TYPE(long)))

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (READ_ONCE(addr[BIT_WORD(nr)]) & BIT_MASK(nr)) != 0;
}

static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

#endif
