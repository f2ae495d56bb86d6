// SPDX-License-Identifier: MIT
/*
 * Creating tasks. For now only kernel threads: a task_struct, a kernel
 * stack with a guard page below it, a PID, and a first stack frame that
 * starts it in ret_from_fork. (Processes, with fork/clone semantics and
 * address spaces, come with user mode.)
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/pgtable.h>

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg);
extern const struct sched_class fair_sched_class;

static int next_pid = 1;

struct task_struct *copy_kthread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	unsigned long flags;

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->stack = vmap_stack_alloc();
	if (!p->stack) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	p->__state = TASK_UNINTERRUPTIBLE;	/* until wake_up_new_task() */
	p->usage = 1;				/* dropped when it has died */
	p->flags = PF_KTHREAD;
	p->policy = SCHED_NORMAL;
	p->static_prio = p->normal_prio = p->prio = DEFAULT_PRIO;
	p->sched_class = &fair_sched_class;
	p->time_slice = NORMAL_TIMESLICE;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->pi_waiters);
	strscpy(p->comm, name, sizeof(p->comm));
	copy_thread(p, fn, arg);

	spin_lock_irqsave(&tasklist_lock, flags);
	p->pid = next_pid++;
	list_add_tail(&p->tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* The stack goes as soon as the task is off it; the task_struct lives on. */
void put_task_stack(struct task_struct *p)
{
	if (p->stack) {
		vmap_stack_free(p->stack);
		p->stack = NULL;
	}
}

/* The last reference gone (the task dead, its reaper done): forget it. */
void put_task_struct(struct task_struct *p)
{
	unsigned long flags;

	if (__atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL))
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_stack(p);
	kfree(p);
}
