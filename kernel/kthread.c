// SPDX-License-Identifier: MIT
/*
 * Kernel threads. Every one starts in kthread(), reached from
 * ret_from_fork_asm → ret_from_fork, which runs the thread function and
 * exits with its value; kthread_stop() asks a thread to return, waits for
 * it and reaps it; kthread_park() and kthread_unpark() hold a thread
 * asleep and let it go again (CPU hotplug parks each CPU's own threads
 * while the CPU is down). (Linux creates threads through kthreadd; reflex
 * creates them directly, which changes who the parent is, nothing else.)
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>

enum kthread_bits {
	KTHREAD_SHOULD_PARK,
	KTHREAD_IS_PARKED,
};

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	unsigned long flags;		/* KTHREAD_* bits */
	struct completion exited;
	struct completion parked;
};

static struct kthread *to_kthread(struct task_struct *k)
{
	return k->data;
}

static int kthread(void *unused)
{
	struct kthread *self = to_kthread(current);

	return self->threadfn(self->data);
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char namefmt[], ...)
{
	struct kthread *kt = kzalloc(sizeof(*kt), GFP_KERNEL);
	struct task_struct *p;
	char name[TASK_COMM_LEN];
	va_list args;

	if (!kt)
		return ERR_PTR(-ENOMEM);
	va_start(args, namefmt);
	vsnprintf(name, sizeof(name), namefmt, args);
	va_end(args);
	kt->threadfn = threadfn;
	kt->data = data;
	init_completion(&kt->exited);
	init_completion(&kt->parked);
	p = copy_kthread(kthread, NULL, name);
	if (IS_ERR(p)) {
		kfree(kt);
		return p;
	}
	p->data = kt;
	p->exited = &kt->exited;
	get_task_struct(p);	/* kthread_stop()'s: it reads the exit code */
	return p;
}

void kthread_bind(struct task_struct *p, unsigned int cpu)
{
	WARN_ON(task_state(p) != TASK_UNINTERRUPTIBLE);
	cpumask_copy(&p->cpus_mask, cpumask_of(cpu));
	p->nr_cpus_allowed = 1;
	p->cpu = cpu;
	p->flags |= PF_NO_SETAFFINITY;
}

/* The data a kthread was created with (workqueue workers find their queue so). */
void *kthread_data(struct task_struct *k)
{
	return to_kthread(k)->data;
}

bool kthread_should_stop(void)
{
	return READ_ONCE(current->should_stop);
}

__noreturn void kthread_exit(int result)
{
	current->exit_code = result;
	current->flags |= PF_EXITING;
	if (current->exited)
		complete(current->exited);
	do_task_dead();
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);
	int ret;

	might_sleep();
	WRITE_ONCE(k->should_stop, true);
	kthread_unpark(k);	/* a parked thread must run to see the request */
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = k->exit_code;
	/*
	 * k may not have switched away for the last time yet; whichever of
	 * us drops the last reference frees it. kt goes with us: k no longer
	 * touches it after complete().
	 */
	kfree(kt);
	put_task_struct(k);
	return ret;
}

bool kthread_should_park(void)
{
	return test_bit(KTHREAD_SHOULD_PARK, &to_kthread(current)->flags);
}

bool kthread_is_parked(struct task_struct *k)
{
	return test_bit(KTHREAD_IS_PARKED, &to_kthread(k)->flags);
}

/*
 * Sleep in TASK_PARKED until unparked. Ordinary wake-ups (TASK_NORMAL)
 * do not end that sleep, so a thread parked on a CPU that is down is not
 * woken onto another one by whoever queues work for it. Preemption stays
 * off from announcing the park to leaving the CPU: kthread_park()'s
 * caller may tear the CPU down as soon as we are off it.
 */
void kthread_parkme(void)
{
	struct kthread *self = to_kthread(current);

	for (;;) {
		set_current_state(TASK_PARKED);
		if (!test_bit(KTHREAD_SHOULD_PARK, &self->flags))
			break;
		/*
		 * Announced on every pass: after an unpark the thread may not
		 * have run (and left this loop) before the next park request,
		 * which waits for an announcement of its own.
		 */
		preempt_disable();
		set_bit(KTHREAD_IS_PARKED, &self->flags);
		complete(&self->parked);
		schedule_preempt_disabled();
		preempt_enable();
	}
	clear_bit(KTHREAD_IS_PARKED, &self->flags);
	__set_current_state(TASK_RUNNING);
}

/* Linux's wait_task_inactive(): @k has left its run queue and its CPU. */
static void kthread_wait_inactive(struct task_struct *k)
{
	while (READ_ONCE(k->on_rq) || __atomic_load_n(&k->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/**
 * kthread_park - make @k sleep in kthread_parkme() until kthread_unpark()
 *
 * From another task: waits until @k is parked and off its CPU. From @k
 * itself: only asks, and @k parks at its loop's next check.
 *
 * Return: 0, or -EBUSY when @k was parked already.
 */
int kthread_park(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (WARN_ON(k->flags & PF_EXITING))
		return -ENOSYS;
	if (test_bit(KTHREAD_SHOULD_PARK, &kt->flags))
		return -EBUSY;
	reinit_completion(&kt->parked);
	set_bit(KTHREAD_SHOULD_PARK, &kt->flags);
	if (k == current)
		return 0;
	wake_up_process(k);
	wait_for_completion(&kt->parked);
	kthread_wait_inactive(k);
	return 0;
}

/*
 * A per-CPU thread (kthread_bind()) goes back to its CPU: its mask never
 * changed, so the wake-up places it there once that CPU is online.
 */
void kthread_unpark(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (!test_and_clear_bit(KTHREAD_SHOULD_PARK, &kt->flags))
		return;
	wake_up_state(k, TASK_PARKED);
}
