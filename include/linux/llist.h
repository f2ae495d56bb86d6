/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_LLIST_H
#define _LINUX_LLIST_H

/*
 * Lock-free singly linked lists, as Linux's: any number of CPUs (and
 * NMIs) push with llist_add(), one consumer takes the whole list at once
 * with llist_del_all(). The list comes out newest first;
 * llist_reverse_order() gives the order of the pushes.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>

struct llist_node {
	struct llist_node *next;
};

struct llist_head {
	struct llist_node *first;
};

#define LLIST_HEAD_INIT(name)	{ NULL }

static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

/*
 * Push @new; true when the list was empty before, which tells the
 * producer it is the one to wake the consumer.
 */
static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	struct llist_node *first = READ_ONCE(head->first);

	do {
		new->next = first;
	} while (!__atomic_compare_exchange_n(&head->first, &first, new, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	return first == NULL;
}

/* Take every node; newest first. */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return __atomic_exchange_n(&head->first, NULL, __ATOMIC_SEQ_CST);
}

static inline struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *new_head = NULL;

	while (head) {
		struct llist_node *tmp = head;

		head = head->next;
		tmp->next = new_head;
		new_head = tmp;
	}
	return new_head;
}

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)

/* @n holds the next node, so the loop body may reuse or free @pos. */
#define llist_for_each_entry_safe(pos, n, node, member)				\
	for ((pos) = (node) ? llist_entry((node), __typeof__(*(pos)), member) : NULL; \
	     (pos) && ((n) = (pos)->member.next ?					\
		       llist_entry((pos)->member.next, __typeof__(*(pos)), member) : NULL, 1); \
	     (pos) = (n))

#endif
