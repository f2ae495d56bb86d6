// SPDX-License-Identifier: MIT
/* Completions: complete() may be called from interrupt context. */
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
	spin_unlock_irqrestore(&x->wait.lock, flags);
	wake_up(&x->wait);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = UINT_MAX_DONE;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	wake_up_all(&x->wait);
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
