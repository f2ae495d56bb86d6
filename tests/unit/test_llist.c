// SPDX-License-Identifier: MIT
/* unit-test-sources: */
/*
 * The lock-free list under kernel/smp.c's call queues (linux/llist.h) and
 * the ticket arithmetic of arch_spinlock_t (linux/spinlock.h), on one
 * thread: which push reports the list empty (the one that must send the
 * IPI), the order del_all and reverse give, a walk that may reuse each
 * node, and the ticket counters across their 16-bit wrap.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/spinlock.h>

struct item {
	struct llist_node node;
	int n;
};

static void only_the_push_onto_empty_reports_it(void **state)
{
	struct llist_head head = LLIST_HEAD_INIT(head);
	struct item a = { .n = 1 }, b = { .n = 2 };

	assert_true(llist_empty(&head));
	assert_true(llist_add(&a.node, &head));
	assert_false(llist_add(&b.node, &head));
	assert_false(llist_empty(&head));
	llist_del_all(&head);
	assert_true(llist_empty(&head));
	assert_true(llist_add(&a.node, &head));	/* empty again: the next IPI's pusher */
}

static void del_all_is_newest_first_and_reverse_is_push_order(void **state)
{
	struct llist_head head;
	struct item items[5], *pos, *next;
	struct llist_node *list;
	int i, seen = 0;

	init_llist_head(&head);
	for (i = 0; i < 5; i++) {
		items[i].n = i;
		llist_add(&items[i].node, &head);
	}
	list = llist_del_all(&head);
	assert_true(llist_empty(&head));
	llist_for_each_entry_safe(pos, next, list, node)
		assert_int_equal(pos->n, 4 - seen++);
	assert_int_equal(seen, 5);

	list = llist_reverse_order(llist_del_all(&head));
	assert_null(list);
	for (i = 0; i < 5; i++)
		llist_add(&items[i].node, &head);
	list = llist_reverse_order(llist_del_all(&head));
	seen = 0;
	llist_for_each_entry_safe(pos, next, list, node) {
		assert_int_equal(pos->n, seen++);
		pos->node.next = NULL;	/* the walk must not need it any more */
	}
	assert_int_equal(seen, 5);
}

static void ticket_counters_wrap(void **state)
{
	arch_spinlock_t lock = __ARCH_SPIN_LOCK_UNLOCKED;
	unsigned int i;

	lock.head_tail = 0xfffefffe;	/* head = tail = 0xfffe: free, about to wrap */
	for (i = 0; i < 4; i++) {
		assert_false(arch_spin_is_locked(&lock));
		arch_spin_lock(&lock);
		assert_true(arch_spin_is_locked(&lock));
		assert_false(arch_spin_is_contended(&lock));
		assert_false(arch_spin_trylock(&lock));
		arch_spin_unlock(&lock);
	}
	assert_int_equal(lock.tickets.head, 2);
	assert_int_equal(lock.tickets.tail, 2);

	/* A waiter's ticket drawn by hand: the lock is then contended and not trylockable. */
	assert_true(arch_spin_trylock(&lock));
	lock.head_tail += 1U << TICKET_SHIFT;
	assert_true(arch_spin_is_contended(&lock));
	arch_spin_unlock(&lock);	/* served: the waiter holds it now */
	assert_true(arch_spin_is_locked(&lock));
	assert_false(arch_spin_is_contended(&lock));
	arch_spin_unlock(&lock);
	assert_false(arch_spin_is_locked(&lock));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_push_onto_empty_reports_it),
		cmocka_unit_test(del_all_is_newest_first_and_reverse_is_push_order),
		cmocka_unit_test(ticket_counters_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
