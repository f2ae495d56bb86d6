// SPDX-License-Identifier: MIT
/* unit-test-sources: kernel/locking/lockdep.c */
/*
 * The lock debug checks on a fake CPU: a spinlock's usage record and
 * the "inconsistent lock state" report when one lock is taken both with
 * interrupts on and in hard-IRQ context (in either order, once per
 * lock); might_sleep() in atomic context, reported once per call site
 * and counted every time; quiet while booting; reflex.lockdebug=0 keeps
 * counting but stops reporting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/lockdep.h>
#include <linux/sched.h>
#include <asm/irqflags.h>

enum system_states system_state = SYSTEM_RUNNING;

void dump_stack(void)
{
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	char *end;

	*res = strtoul(s, &end, base);
	return *end ? -EINVAL : 0;
}

/* A hard IRQ as common_interrupt brackets one: interrupts off, HARDIRQ count up. */
static void enter_hardirq(void)
{
	local_irq_disable();
	preempt_count_add(HARDIRQ_OFFSET);
}

static void exit_hardirq(void)
{
	preempt_count_sub(HARDIRQ_OFFSET);
	local_irq_enable();
}

static int count_in_log(const char *needle)
{
	const char *p = host_log;
	int n = 0;

	while ((p = strstr(p, needle))) {
		n++;
		p++;
	}
	return n;
}

static int setup(void **state)
{
	host_log_reset();
	local_irq_enable();
	might_sleep_bugs = lock_usage_bugs = 0;
	debug_locks = 1;
	system_state = SYSTEM_RUNNING;
	return 0;
}

static void irqs_on_then_hardirq_is_inconsistent(void **state)
{
	DEFINE_SPINLOCK(dev_lock);

	spin_lock(&dev_lock);
	spin_unlock(&dev_lock);
	assert_int_equal(dev_lock.usage, LOCK_USED_HARDIRQ_ON);
	assert_int_equal(lock_usage_bugs, 0);

	enter_hardirq();
	spin_lock(&dev_lock);
	spin_unlock(&dev_lock);
	exit_hardirq();
	assert_int_equal(lock_usage_bugs, 1);
	assert_true(host_log_contains("WARNING: inconsistent lock state"));
	assert_true(host_log_contains("inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage."));
	assert_true(host_log_contains("(dev_lock){?...}, at: "));
	assert_true(host_log_contains("[HC1[1]:SC0[0]:HE0:SE1] takes:"));
	assert_true(host_log_contains("{HARDIRQ-ON-W} state was registered at:"));
	assert_true(host_log_contains("*** DEADLOCK ***"));

	/* Once per lock. */
	enter_hardirq();
	spin_lock(&dev_lock);
	spin_unlock(&dev_lock);
	exit_hardirq();
	spin_lock(&dev_lock);
	spin_unlock(&dev_lock);
	assert_int_equal(lock_usage_bugs, 1);
	assert_int_equal(count_in_log("inconsistent lock state"), 1);
}

static void hardirq_then_irqs_on_is_inconsistent(void **state)
{
	spinlock_t lock;

	spin_lock_init(&lock);
	enter_hardirq();
	spin_lock(&lock);
	spin_unlock(&lock);
	exit_hardirq();
	assert_int_equal(lock.usage, LOCK_USED_IN_HARDIRQ);
	spin_lock(&lock);
	spin_unlock(&lock);
	assert_int_equal(lock_usage_bugs, 1);
	assert_true(host_log_contains("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage."));
	assert_true(host_log_contains("(&lock){?...}"));
	assert_true(host_log_contains("HE1"));
}

static void irqs_off_outside_the_handler_is_fine(void **state)
{
	DEFINE_SPINLOCK(safe_lock);
	unsigned long flags;

	spin_lock_irqsave(&safe_lock, flags);
	spin_unlock_irqrestore(&safe_lock, flags);
	spin_lock_irq(&safe_lock);
	spin_unlock_irq(&safe_lock);
	enter_hardirq();
	spin_lock(&safe_lock);
	spin_unlock(&safe_lock);
	exit_hardirq();
	/* A trylock cannot deadlock and records nothing. */
	assert_true(spin_trylock(&safe_lock));
	spin_unlock(&safe_lock);
	assert_int_equal(safe_lock.usage, LOCK_USED_IN_HARDIRQ);
	assert_int_equal(lock_usage_bugs, 0);
	assert_false(host_log_contains("inconsistent"));
}

static void sleeper(void)
{
	might_sleep();
}

static void might_sleep_reports_once_per_site_counts_always(void **state)
{
	preempt_disable();
	sleeper();
	sleeper();
	preempt_enable();
	assert_int_equal(might_sleep_bugs, 2);
	assert_int_equal(count_in_log("BUG: sleeping function called from invalid context at "), 1);
	assert_true(host_log_contains("test_lockdep.c:"));
	assert_true(host_log_contains("in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 0, name: host"));

	/* Interrupts off is atomic too; a fine context is quiet. */
	local_irq_disable();
	might_sleep();
	local_irq_enable();
	assert_int_equal(might_sleep_bugs, 3);
	assert_true(host_log_contains("in_atomic(): 0, irqs_disabled(): 1"));
	might_sleep();
	assert_int_equal(might_sleep_bugs, 3);
}

static void quiet_while_booting(void **state)
{
	system_state = SYSTEM_BOOTING;
	preempt_disable();
	might_sleep();
	preempt_enable();
	assert_int_equal(might_sleep_bugs, 0);
}

static void lockdebug_off_counts_silently(void **state)
{
	DEFINE_SPINLOCK(quiet_lock);

	debug_locks = 0;
	preempt_disable();
	might_sleep();
	preempt_enable();
	spin_lock(&quiet_lock);
	spin_unlock(&quiet_lock);
	enter_hardirq();
	spin_lock(&quiet_lock);
	spin_unlock(&quiet_lock);
	exit_hardirq();
	assert_int_equal(might_sleep_bugs, 1);
	assert_int_equal(lock_usage_bugs, 1);
	assert_int_equal(host_log[0], '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(irqs_on_then_hardirq_is_inconsistent, setup),
		cmocka_unit_test_setup(hardirq_then_irqs_on_is_inconsistent, setup),
		cmocka_unit_test_setup(irqs_off_outside_the_handler_is_fine, setup),
		cmocka_unit_test_setup(might_sleep_reports_once_per_site_counts_always, setup),
		cmocka_unit_test_setup(quiet_while_booting, setup),
		cmocka_unit_test_setup(lockdebug_off_counts_silently, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
