/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

/*
 * Test-and-set spinlocks. The _irqsave variants are the ones to use for
 * data an interrupt handler also touches: taking the plain lock there
 * and being interrupted by a handler that takes it too deadlocks the CPU.
 */
#include <linux/types.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>

typedef struct {
	volatile unsigned int locked;
} raw_spinlock_t;
typedef raw_spinlock_t spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED	{ 0 }
#define DEFINE_SPINLOCK(x)		spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED
#define DEFINE_RAW_SPINLOCK(x)		raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED

static inline void cpu_relax(void) { asm volatile("pause" ::: "memory"); }

static inline void spin_lock_init(spinlock_t *lock) { lock->locked = 0; }

/*
 * Holding a spinlock disables preemption: a task preempted while holding
 * one would leave the next taker on this CPU spinning forever.
 */
static inline void do_raw_spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (lock->locked)
			cpu_relax();
}

static inline void do_raw_spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

static inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	do_raw_spin_lock(lock);
}

static inline int spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (!__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		return 1;
	preempt_enable();
	return 0;
}

static inline void spin_unlock(spinlock_t *lock)
{
	do_raw_spin_unlock(lock);
	preempt_enable();
}

static inline int spin_is_locked(spinlock_t *lock) { return READ_ONCE(lock->locked); }

/* Interrupts come back on before preemption is allowed again. */
#define spin_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { do_raw_spin_unlock(lock); local_irq_restore(flags); preempt_enable(); } while (0)
#define spin_lock_irq(lock)	do { local_irq_disable(); spin_lock(lock); } while (0)
#define spin_unlock_irq(lock)	do { do_raw_spin_unlock(lock); local_irq_enable(); preempt_enable(); } while (0)

#define raw_spin_lock			spin_lock
#define raw_spin_unlock			spin_unlock
#define raw_spin_lock_irqsave		spin_lock_irqsave
#define raw_spin_unlock_irqrestore	spin_unlock_irqrestore
#define raw_spin_lock_init		spin_lock_init
#define raw_spin_lock_irq		spin_lock_irq
#define raw_spin_unlock_irq		spin_unlock_irq

#define lockdep_assert_held(lock)	WARN_ON_ONCE(!spin_is_locked(lock))

#endif
