// SPDX-License-Identifier: MIT
/*
 * Kernel threads. Every one starts in kthread(), reached from
 * ret_from_fork_asm → ret_from_fork, which runs the thread function and
 * exits with its value; kthread_stop() asks a thread to return, waits for
 * it and reaps it. (Linux creates threads through kthreadd; reflex
 * creates them directly, which changes who the parent is, nothing else.)
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	struct completion exited;
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
