// SPDX-License-Identifier: MIT
/*
 * Completions: complete() may be called from interrupt context. The
 * wake-up happens under the wait-queue lock: a waiter on another CPU
 * that sees done may return and free the completion (often on its
 * stack, or with the structure holding it) as soon as the lock is
 * dropped, so complete() must not touch it after that.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/signal.h>

#define UINT_MAX_DONE	(~0u)

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX_DONE)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = UINT_MAX_DONE;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = false;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != UINT_MAX_DONE)
			x->done--;
		ret = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, try_wait_for_completion(x));
}

/* 0 once completed; -ERESTARTSYS if a fatal signal came first. */
int wait_for_completion_killable(struct completion *x)
{
	DEFINE_WAIT(wait);
	int ret = 0;

	might_sleep();
	for (;;) {
		prepare_to_wait(&x->wait, &wait, TASK_KILLABLE);
		if (try_wait_for_completion(x))
			break;
		if (fatal_signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&x->wait, &wait);
	return ret;
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return wait_event_timeout(x->wait, try_wait_for_completion(x), timeout);
}
