// SPDX-License-Identifier: MIT
/*
 * The two lock debug checks (see linux/lockdep.h): might_sleep()'s
 * "sleeping function called from invalid context" and the IRQ-safety
 * record every spinlock keeps ("inconsistent lock state"). The inline
 * halves live in linux/kernel.h and linux/spinlock.h; this file owns
 * the slow paths and the reports, whose wording follows Linux's so that
 * the same eyes and scripts read both.
 *
 * Both checks are on by default; "reflex.lockdebug=0" silences the
 * reports (the detections are still counted).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/lockdep.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/irqflags.h>
#include <asm/kdebug.h>

int debug_locks = 1;
unsigned int might_sleep_bugs;
unsigned int lock_usage_bugs;

static int __init lockdebug_setup(char *arg)
{
	unsigned long v;

	if (kstrtoul(arg, 0, &v))
		return -EINVAL;
	debug_locks = !!v;
	return 0;
}
__setup("reflex.lockdebug=", lockdebug_setup);

/* --- might_sleep() ---------------------------------------------------------- */

/*
 * Sleeping is wrong with preemption off (a spinlock held, an interrupt
 * or softirq being served, bottom halves off) and with interrupts off,
 * and always wrong for the idle task. Quiet while booting: start_kernel()
 * runs with preemption off until the scheduler takes over.
 */
static bool may_sleep_here(void)
{
	return preempt_count() == 0 && !irqs_disabled() && !is_idle_task(current);
}

void __might_sleep(const char *file, int line, bool *reported)
{
	struct task_struct *tsk = current;

	if (system_state == SYSTEM_BOOTING || may_sleep_here())
		return;
	__atomic_fetch_add(&might_sleep_bugs, 1, __ATOMIC_RELAXED);
	if (!debug_locks || *reported)
		return;
	*reported = true;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), tsk->pid, tsk->comm);
	pr_err("preempt_count: %x, expected: 0\n", preempt_count());
	dump_stack();
}

/* --- spinlock usage -------------------------------------------------------- */

static const char *usage_name(unsigned int bit)
{
	return bit == LOCK_USED_IN_HARDIRQ ? "IN-HARDIRQ-W" : "HARDIRQ-ON-W";
}

static unsigned int usage_index(unsigned int bit)
{
	return bit == LOCK_USED_IN_HARDIRQ;
}

/* Linux's usage letters: '+' taken with irqs on, '-' in irq, '?' both. */
static char usage_char(unsigned int usage)
{
	bool on = usage & LOCK_USED_HARDIRQ_ON, in = usage & LOCK_USED_IN_HARDIRQ;

	return on && in ? '?' : on ? '+' : in ? '-' : '.';
}

/* "ffff888000123450 (&desc->lock){?...}, at: handle_edge_irq+0x1c/0x120" */
static void print_lock(raw_spinlock_t *lock, unsigned long ip)
{
	if (lock->name)
		pr_warn("%p (%s){%c...}, at: %pS\n", lock, lock->name,
			usage_char(lock->usage), (void *)ip);
	else
		pr_warn("%p (%ps){%c...}, at: %pS\n", lock, lock,
			usage_char(lock->usage), (void *)ip);
}

/* The deadlock in the form of Linux's "possible unsafe locking scenario". */
static void print_scenario(raw_spinlock_t *lock)
{
	const char *name = lock->name ? lock->name : "lock";

	pr_warn("\nother info that might help us debug this:\n");
	pr_warn(" Possible unsafe locking scenario:\n\n");
	pr_warn("       CPU0\n");
	pr_warn("       ----\n");
	pr_warn("  lock(%s);\n", name);
	pr_warn("  <Interrupt>\n");
	pr_warn("    lock(%s);\n", name);
	pr_warn("\n *** DEADLOCK ***\n\n");
}

static void report_inconsistent(raw_spinlock_t *lock, unsigned int prev, unsigned int now,
				unsigned long ip, unsigned long flags)
{
	struct task_struct *tsk = current;

	pr_warn("\n================================\n");
	pr_warn("WARNING: inconsistent lock state\n");
	pr_warn("--------------------------------\n");
	pr_warn("inconsistent {%s} -> {%s} usage.\n", usage_name(prev), usage_name(now));
	pr_warn("%s/%d [HC%u[%u]:SC%u[%u]:HE%d:SE%d] takes:\n",
		tsk ? tsk->comm : "swapper", tsk ? tsk->pid : 0,
		!!in_hardirq(), (unsigned int)(hardirq_count() >> HARDIRQ_SHIFT),
		!!in_serving_softirq(), (unsigned int)(softirq_count() >> SOFTIRQ_SHIFT),
		!irqs_disabled_flags(flags), !in_softirq());
	print_lock(lock, ip);
	pr_warn("{%s} state was registered at:\n", usage_name(prev));
	pr_warn("  %pS\n", (void *)lock->usage_ip[usage_index(prev)]);
	print_scenario(lock);
	dump_stack();
}

/*
 * A new kind of use of @lock, seen at the caller (the lock site: see
 * linux/spinlock.h). The usage bits are set with atomic ORs, so two CPUs
 * recording opposite uses at once cannot both miss the conflict, and
 * only one of them reports it; interrupts go off around the update so a
 * hard IRQ on this CPU cannot come in between either.
 */
noinline void lock_mark_usage(raw_spinlock_t *lock, unsigned int bit)
{
	unsigned int other = bit ^ (LOCK_USED_HARDIRQ_ON | LOCK_USED_IN_HARDIRQ);
	unsigned long ip = (unsigned long)__builtin_return_address(0);
	unsigned long flags;
	unsigned int old;

	local_irq_save(flags);
	old = __atomic_fetch_or(&lock->usage, bit, __ATOMIC_SEQ_CST);
	if (!(old & bit))
		lock->usage_ip[usage_index(bit)] = ip;
	if ((old & other) &&
	    !(__atomic_fetch_or(&lock->usage, LOCK_USAGE_REPORTED, __ATOMIC_SEQ_CST) &
	      LOCK_USAGE_REPORTED)) {
		__atomic_fetch_add(&lock_usage_bugs, 1, __ATOMIC_RELAXED);
		if (debug_locks)
			report_inconsistent(lock, other, bit, ip, flags);
	}
	local_irq_restore(flags);
}
