/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

/*
 * Ticket spinlocks, as Linux's x86 ones before queued locks: a lock is
 * two 16-bit counters, the ticket now being served (head) and the next
 * ticket to hand out (tail). A taker draws a ticket with one locked xadd
 * on the pair and spins until head reaches it; unlocking advances head.
 * CPUs get the lock in the order they asked for it, so none starves:
 *
 *   CPU0                 CPU1                 CPU2
 *   lock: ticket 0,
 *   head 0: holds it
 *                        lock: ticket 1,
 *                        waits for head 1
 *                                             lock: ticket 2,
 *                                             waits for head 2
 *   unlock: head 1       holds it
 *
 * The _irqsave variants are the ones to use for data an interrupt
 * handler also touches: taking the plain lock there and being
 * interrupted by a handler that takes it too deadlocks the CPU.
 *
 * Every lock also carries a small usage record for the IRQ-safety check
 * in kernel/locking/lockdep.c: which of "taken with hard interrupts
 * enabled" and "taken in hard-IRQ context" it has seen, and where each
 * was first seen. A lock that has seen both can deadlock, and is
 * reported the moment the second kind of use happens:
 *
 *   task A                                 hard IRQ on the same CPU
 *   spin_lock(&l)   (interrupts on)
 *     ...           <- interrupt ---------  spin_lock(&l): spins forever,
 *                                           A never runs again to unlock
 *
 * Cost on every acquisition: one per-CPU read of the preempt count, one
 * pushf, an AND and a not-taken branch for the check, then one locked
 * xadd and a compare; release is a plain 16-bit store (x86 stores are
 * releases). The out-of-line call happens at most twice per lock (once
 * per usage bit). It costs 28 bytes per lock. raw_spinlock_t and
 * spinlock_t are the same type here (no PREEMPT_RT), so both are
 * checked, as Linux's lockdep checks both.
 */
#include <linux/types.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <asm/barrier.h>

/* lock->usage bits (Linux's lockdep calls them HARDIRQ-ON-W and IN-HARDIRQ-W). */
#define LOCK_USED_HARDIRQ_ON	0x1	/* taken with hard interrupts enabled */
#define LOCK_USED_IN_HARDIRQ	0x2	/* taken in hard-IRQ context */
#define LOCK_USAGE_REPORTED	0x4	/* inconsistency already reported */
#define LOCK_USAGE_STATES	2

/* The lock word: head in the low half, so tail is drawn by adding 1 << 16. */
typedef struct {
	union {
		u32 head_tail;
		struct {
			u16 head;	/* ticket being served */
			u16 tail;	/* next ticket to hand out */
		} tickets;
	};
} arch_spinlock_t;

#define TICKET_SHIFT			16
#define __ARCH_SPIN_LOCK_UNLOCKED	{ { 0 } }

typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
	unsigned int usage;			/* LOCK_USED_* */
	const char *name;			/* as initialised: "&desc->lock" */
	unsigned long usage_ip[LOCK_USAGE_STATES]; /* where each usage was first seen */
} raw_spinlock_t;
typedef raw_spinlock_t spinlock_t;

/* Unnamed (reports show the address); prefer the named form. */
#define __RAW_SPIN_LOCK_UNLOCKED	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED }
#define __SPIN_LOCK_UNLOCKED(lockname)	\
	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED, .name = #lockname }
#define DEFINE_SPINLOCK(x)		spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x)		raw_spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

static inline void cpu_relax(void) { asm volatile("pause" ::: "memory"); }

static inline void __raw_spin_lock_init(spinlock_t *lock, const char *name)
{
	lock->raw_lock.head_tail = 0;
	lock->usage = 0;
	lock->name = name;
}
#define spin_lock_init(lock)		__raw_spin_lock_init((lock), #lock)

/*
 * kernel/locking/lockdep.c: records a new kind of use and reports
 * conflicts. Everything on the way is always inlined, so the call's
 * return address is the lock site itself.
 */
void lock_mark_usage(raw_spinlock_t *lock, unsigned int bit);

static __always_inline void lock_check_usage(raw_spinlock_t *lock)
{
	unsigned int bit;

	if (in_hardirq())
		bit = LOCK_USED_IN_HARDIRQ;
	else
		bit = irqs_disabled() ? 0 : LOCK_USED_HARDIRQ_ON;
	if (unlikely(bit & ~READ_ONCE(lock->usage)))
		lock_mark_usage(lock, bit);
}

/* --- the ticket lock itself ---------------------------------------------- */

static __always_inline void arch_spin_lock(arch_spinlock_t *lock)
{
	u32 old = __atomic_fetch_add(&lock->head_tail, 1U << TICKET_SHIFT, __ATOMIC_ACQUIRE);
	u16 ticket = old >> TICKET_SHIFT;

	if (likely((u16)old == ticket))
		return;
	while (READ_ONCE(lock->tickets.head) != ticket)
		cpu_relax();
	barrier();	/* the load that saw our turn is the acquire */
}

/* Takes the lock only when nobody holds it or waits for it. */
static __always_inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	u32 old = READ_ONCE(lock->head_tail);

	if ((u16)old != (u16)(old >> TICKET_SHIFT))
		return false;
	return __atomic_compare_exchange_n(&lock->head_tail, &old, old + (1U << TICKET_SHIFT),
					   false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Only the holder writes head, so a plain release store serves the next ticket. */
static __always_inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	__atomic_store_n(&lock->tickets.head, (u16)(lock->tickets.head + 1), __ATOMIC_RELEASE);
}

static __always_inline bool arch_spin_is_locked(arch_spinlock_t *lock)
{
	u32 v = READ_ONCE(lock->head_tail);

	return (u16)v != (u16)(v >> TICKET_SHIFT);
}

/* Someone waits behind the holder. */
static __always_inline bool arch_spin_is_contended(arch_spinlock_t *lock)
{
	u32 v = READ_ONCE(lock->head_tail);

	return (u16)((v >> TICKET_SHIFT) - v) > 1;
}

/*
 * Holding a spinlock disables preemption: a task preempted while holding
 * one would leave the next taker on this CPU spinning forever.
 */
static __always_inline void do_raw_spin_lock(spinlock_t *lock)
{
	arch_spin_lock(&lock->raw_lock);
}

static __always_inline void do_raw_spin_unlock(spinlock_t *lock)
{
	arch_spin_unlock(&lock->raw_lock);
}

/* The usage is checked before spinning, so a deadlock is reported, not just hung in. */
static __always_inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	lock_check_usage(lock);
	do_raw_spin_lock(lock);
}

/* A trylock cannot deadlock, so it records no usage. */
static inline int spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (arch_spin_trylock(&lock->raw_lock))
		return 1;
	preempt_enable();
	return 0;
}

static inline void spin_unlock(spinlock_t *lock)
{
	do_raw_spin_unlock(lock);
	preempt_enable();
}

static inline int spin_is_locked(spinlock_t *lock) { return arch_spin_is_locked(&lock->raw_lock); }
static inline int spin_is_contended(spinlock_t *lock) { return arch_spin_is_contended(&lock->raw_lock); }

/* Interrupts come back on before preemption is allowed again. */
#define spin_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { do_raw_spin_unlock(lock); local_irq_restore(flags); preempt_enable(); } while (0)
#define spin_lock_irq(lock)	do { local_irq_disable(); spin_lock(lock); } while (0)
#define spin_unlock_irq(lock)	do { do_raw_spin_unlock(lock); local_irq_enable(); preempt_enable(); } while (0)
/* For data shared with softirqs (not with hard IRQs). */
#define spin_lock_bh(lock)	do { local_bh_disable(); spin_lock(lock); } while (0)
#define spin_unlock_bh(lock)	do { spin_unlock(lock); local_bh_enable(); } while (0)

#define raw_spin_lock			spin_lock
#define raw_spin_trylock		spin_trylock
#define raw_spin_unlock			spin_unlock
#define raw_spin_lock_irqsave		spin_lock_irqsave
#define raw_spin_unlock_irqrestore	spin_unlock_irqrestore
#define raw_spin_lock_init		spin_lock_init
#define raw_spin_lock_irq		spin_lock_irq
#define raw_spin_unlock_irq		spin_unlock_irq
#define raw_spin_is_locked		spin_is_locked
#define raw_spin_is_contended		spin_is_contended

#define lockdep_assert_held(lock)	WARN_ON_ONCE(!spin_is_locked(lock))

#endif
