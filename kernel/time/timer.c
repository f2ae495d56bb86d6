// SPDX-License-Identifier: MIT
/*
 * Jiffies timers. Pending timers sit on one list sorted by expiry (a
 * wheel would scale better; the few timers of this kernel do not need
 * one). The tick only compares jiffies with the first expiry and raises
 * TIMER_SOFTIRQ; the expired timers run there, with interrupts enabled.
 * Also schedule_timeout() and msleep(), built on them.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/sched.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>

static LIST_HEAD(timer_list_head);
static DEFINE_SPINLOCK(timer_lock);
static struct timer_list *running_timer;

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = func;
	timer->flags = flags;
}

bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

static void enqueue_timer_locked(struct timer_list *timer)
{
	struct timer_list *t;

	list_for_each_entry(t, &timer_list_head, entry)
		if (time_before(timer->expires, t->expires))
			break;
	list_add_tail(&timer->entry, &t->entry);
}

/* Called with timer_lock held: whether timer was queued, and it is not now. */
static int detach_if_pending(struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	list_del_init(&timer->entry);
	return 1;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = detach_if_pending(timer);
	timer->expires = expires;
	enqueue_timer_locked(timer);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	mod_timer(timer, timer->expires);
}

int del_timer(struct timer_list *timer)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = detach_if_pending(timer);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

/* Also waits for a running callback (which, on one CPU, can only be below us). */
int del_timer_sync(struct timer_list *timer)
{
	int ret = del_timer(timer);

	while (READ_ONCE(running_timer) == timer && !in_interrupt())
		cpu_relax();
	return ret;
}

/* From the tick, in hard-IRQ context: is there work for the softirq? */
void run_local_timers(void)
{
	struct timer_list *first;

	if (list_empty(&timer_list_head))
		return;
	first = list_first_entry(&timer_list_head, struct timer_list, entry);
	if (!time_before(jiffies, first->expires))
		raise_softirq(TIMER_SOFTIRQ);
}

static void run_timer_softirq(void)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head, struct timer_list, entry);

		if (time_before(jiffies, t->expires))
			break;
		list_del_init(&t->entry);
		WRITE_ONCE(running_timer, t);
		spin_unlock_irqrestore(&timer_lock, flags);
		t->function(t);
		spin_lock_irqsave(&timer_lock, flags);
		WRITE_ONCE(running_timer, NULL);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

void init_timers(void)
{
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *timeout = from_timer(timeout, t, timer);

	wake_up_process(timeout->task);
}

/*
 * Sleep until woken or timeout jiffies pass, in the state the caller set;
 * the jiffies left (0 when the time ran out).
 */
long schedule_timeout(long timeout)
{
	struct process_timer timer;
	unsigned long expire;

	might_sleep();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies + timeout;
	timer.task = current;
	timer_setup(&timer.timer, process_timeout, 0);
	timer.timer.expires = expire;
	add_timer(&timer.timer);
	schedule();
	del_timer_sync(&timer.timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

void msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
