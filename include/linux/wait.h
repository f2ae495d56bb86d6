/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

/*
 * Wait queues: a task that must wait for a condition queues itself,
 * sets a sleeping state, re-checks the condition and schedules; whoever
 * makes the condition true wakes the queue. Checking after queueing is
 * what makes a wake-up between the check and the sleep impossible to lose.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01

struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
typedef struct wait_queue_entry wait_queue_entry_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);

#define DEFINE_WAIT(name)						\
	struct wait_queue_entry name = {				\
		.private = current, .func = autoremove_wake_function,	\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}

void init_waitqueue_head(struct wait_queue_head *wq_head);
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)

static inline bool waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

long schedule_timeout(long timeout);

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd) ({	\
	long __ret = ret;						\
	DEFINE_WAIT(__wq_entry);					\
									\
	for (;;) {							\
		if (exclusive)						\
			prepare_to_wait_exclusive(&wq_head, &__wq_entry, state); \
		else							\
			prepare_to_wait(&wq_head, &__wq_entry, state);	\
		if (condition)						\
			break;						\
		cmd;							\
	}								\
	finish_wait(&wq_head, &__wq_entry);				\
	__ret;								\
})

#define wait_event(wq_head, condition) do {				\
	might_sleep();							\
	if (!(condition))						\
		___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)

/*
 * A pending signal does not end the wait by itself (Linux's returns
 * -ERESTARTSYS): it ends when the condition holds, so a caller that must
 * stop for signals puts signal_pending(current) in it (net/socket.c).
 */
#define wait_event_interruptible(wq_head, condition) ({			\
	int __r = 0;							\
	might_sleep();							\
	if (!(condition))						\
		___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule()); \
	__r;								\
})

/*
 * 0 if the timeout elapsed with the condition false, else the jiffies
 * left (at least 1). The condition is evaluated once per wake-up, so one
 * with side effects (try_wait_for_completion) is safe.
 */
#define wait_event_timeout(wq_head, condition, timeout) ({		\
	long __ret = (timeout);						\
	DEFINE_WAIT(__wq_entry);					\
									\
	might_sleep();							\
									\
	for (;;) {							\
		bool __cond;						\
									\
		prepare_to_wait(&wq_head, &__wq_entry, TASK_UNINTERRUPTIBLE); \
		__cond = (condition);					\
		if (__cond) {						\
			if (!__ret)					\
				__ret = 1;				\
			break;						\
		}							\
		if (!__ret)						\
			break;						\
		__ret = schedule_timeout(__ret);			\
	}								\
	finish_wait(&wq_head, &__wq_entry);				\
	__ret;								\
})

#endif
