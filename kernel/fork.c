// SPDX-License-Identifier: MIT
/*
 * Creating tasks: a task_struct, a kernel stack with a guard page below
 * it, a PID, and a first stack frame that starts it in ret_from_fork.
 * Kernel threads (copy_kthread()) run a function; processes
 * (kernel_clone(), for fork, vfork and clone) copy or share the
 * caller's address space and return to user mode.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/smp.h>
#include <linux/mm.h>
#include <linux/resource.h>
#include <asm/bootinfo.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg);
extern const struct sched_class fair_sched_class;

static int next_pid = 1;
/* Tasks created since boot, kernel threads included: /proc/stat's "processes". */
unsigned long total_forks;

#define MIN_THREADS	20
#define MAX_THREADS	0x3fffffff	/* Linux's FUTEX_TID_MASK */

int nr_threads;		/* tasks in existence, counted until their task_struct goes */
int max_threads;	/* fork fails with -EAGAIN at this many */

/*
 * As Linux's set_max_threads(): the kernel stacks of max_threads tasks
 * may take an eighth of RAM.
 */
static void set_max_threads(unsigned int max_threads_suggested)
{
	u64 threads = (u64)totalram_pages() * PAGE_SIZE / ((u64)THREAD_SIZE * 8);

	threads = min(threads, (u64)max_threads_suggested);
	max_threads = min(max(threads, (u64)MIN_THREADS), (u64)MAX_THREADS);
}

/* Before the first process: the bound on tasks and the boot RLIMIT_NPROC. */
void fork_init(void)
{
	set_max_threads(MAX_THREADS);
	init_rlimits[RLIMIT_NPROC].rlim_cur = max_threads / 2;
	init_rlimits[RLIMIT_NPROC].rlim_max = max_threads / 2;
	init_rlimits[RLIMIT_SIGPENDING] = init_rlimits[RLIMIT_NPROC];
	pr_info("fork: max_threads %d, RLIMIT_NPROC %d\n", max_threads, max_threads / 2);
}

/* A zeroed task_struct and its kernel stack (a guard page below), as Linux's dup_task_struct(). */
static struct task_struct *dup_task_struct(void)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->stack = vmap_stack_alloc();
	if (!p->stack) {
		kfree(p);
		return ERR_PTR(-ENOMEM);
	}
	return p;
}

struct task_struct *copy_kthread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = dup_task_struct();
	unsigned long flags;

	if (IS_ERR(p))
		return p;
	p->__state = TASK_UNINTERRUPTIBLE;	/* until wake_up_new_task() */
	p->usage = 1;				/* dropped when it has died */
	spin_lock_init(&p->alloc_lock);
	p->flags = PF_KTHREAD;
	p->policy = SCHED_NORMAL;
	p->static_prio = p->normal_prio = p->prio = DEFAULT_PRIO;
	p->sched_class = &fair_sched_class;
	p->time_slice = NORMAL_TIMESLICE;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->pi_waiters);
	cpumask_copy(&p->cpus_mask, cpu_possible_mask);
	p->nr_cpus_allowed = cpumask_weight(&p->cpus_mask);
	p->cpu = smp_processor_id();
	strscpy(p->comm, name, sizeof(p->comm));
	copy_thread(p, fn, arg);

	spin_lock_irqsave(&tasklist_lock, flags);
	p->pid = next_pid++;
	total_forks++;
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

extern const struct sched_class idle_sched_class;

/**
 * fork_idle - the idle task of an application processor, "swapper/@cpu"
 * @cpu: the CPU it will idle
 *
 * Like init_task: PID 0, PF_IDLE, the idle class, bound to @cpu and
 * already "running" there, on a fresh stack with a guard page below.
 * It is in no task list (Linux keeps idle tasks out of the PID hash) and
 * never returns through ret_from_fork: the CPU starts on its stack in
 * start_secondary(). init_idle() makes it the CPU's run-queue idle.
 *
 * Return: the task, or ERR_PTR(-ENOMEM).
 */
struct task_struct *fork_idle(int cpu)
{
	struct task_struct *p = dup_task_struct();

	if (IS_ERR(p))
		return p;
	p->__state = TASK_RUNNING;
	p->usage = 1;
	spin_lock_init(&p->alloc_lock);
	p->flags = PF_KTHREAD | PF_IDLE;
	p->policy = SCHED_IDLE;
	p->static_prio = p->normal_prio = p->prio = MAX_PRIO;
	p->sched_class = &idle_sched_class;
	p->on_rq = 1;
	p->on_cpu = 1;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->pi_waiters);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->children);
	cpumask_copy(&p->cpus_mask, cpumask_of(cpu));
	p->nr_cpus_allowed = 1;
	snprintf(p->comm, sizeof(p->comm), "swapper/%d", cpu);
	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	p->thread.sp = p->thread.sp0 - sizeof(struct pt_regs);
	init_idle(p, cpu);
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
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_stack(p);
	kfree(p->sig);
	kfree(p->fpu);
	kfree(p);
}

/* --- processes --------------------------------------------------------- */

#include <linux/mm_types.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/completion.h>
#include <asm/fpu.h>
#include <linux/uaccess.h>

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
#define CSIGNAL			0x000000ff

#include <linux/fdtable.h>
#include <linux/err.h>
void copy_thread_user(struct task_struct *p, const struct pt_regs *parent_regs);

static struct task_struct *task_alloc_like_current(void)
{
	struct task_struct *p = copy_kthread(NULL, NULL, current->comm);

	if (IS_ERR(p))
		return p;
	p->flags = 0;
	p->policy = current->policy;
	p->rt_priority = current->rt_priority;
	p->static_prio = current->static_prio;
	p->normal_prio = current->normal_prio;
	p->prio = current->normal_prio;
	p->sched_class = current->sched_class;
	p->time_slice = current->time_slice;
	p->oom_score_adj = current->oom_score_adj;
	p->personality = current->personality;
	cpumask_copy(&p->cpus_mask, &current->cpus_mask);
	p->nr_cpus_allowed = current->nr_cpus_allowed;
	return p;
}

/* The child execs or exits: its vfork parent, if still waiting, may go on. */
void complete_vfork_done(struct task_struct *tsk)
{
	struct completion *vfork;

	task_lock(tsk);
	vfork = tsk->vfork_done;
	if (vfork) {
		tsk->vfork_done = NULL;
		complete(vfork);
	}
	task_unlock(tsk);
}

/*
 * The vfork parent sleeps killably, as Linux since 3.5. Killed, it
 * unhooks its completion (on this stack, about to go) from the child
 * before dying; the mm they share stays the child's through its own
 * reference.
 */
static int wait_for_vfork_done(struct task_struct *child, struct completion *vfork)
{
	int killed = wait_for_completion_killable(vfork);

	if (killed) {
		task_lock(child);
		child->vfork_done = NULL;
		task_unlock(child);
	}
	put_task_struct(child);
	return killed;
}

/*
 * RLIMIT_NPROC bounds the processes of the caller's real user. Every
 * reflex task runs as root (uid 0, every capability; see getuid()), and
 * Linux exempts root (INIT_USER, CAP_SYS_RESOURCE, CAP_SYS_ADMIN): a
 * root fork bomb meets max_threads instead. With a single user, that
 * user's process count is nr_threads.
 */
static bool task_is_root(struct task_struct *p)
{
	return true;
}

static int fork_over_limits(void)
{
	if (nr_threads >= rlimit(RLIMIT_NPROC) && !task_is_root(current))
		return -EAGAIN;
	/* Only there to stop a root fork bomb, as Linux says of its own. */
	if (READ_ONCE(nr_threads) >= max_threads)
		return -EAGAIN;
	return 0;
}

long kernel_clone(unsigned long flags, unsigned long newsp, int *child_tid, unsigned long tls)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct completion vfork;
	struct task_struct *p;
	unsigned long irqflags;
	int pid;

	/*
	 * reflex has no threads: one task per process. CLONE_VM alone is
	 * allowed (as on Linux): a new process with its own pid, signals and
	 * files that shares the caller's address space, possibly running on
	 * another CPU at the same time; mm_users keeps the mm alive until
	 * the last of them exits or execs.
	 */
	if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_FS | CLONE_FILES | CLONE_PARENT))
		return -EINVAL;
	pid = fork_over_limits();
	if (pid)
		return pid;
	p = task_alloc_like_current();
	if (IS_ERR(p))
		return PTR_ERR(p);
	p->fpu = fpu_alloc_init();
	p->sig = copy_signal_state(current->sig);
	if (!p->fpu || !p->sig)
		goto nomem;
	fpu_clone(p->fpu);		/* the parent's live registers */
	if (flags & CLONE_VM) {
		p->mm = current->mm;
		mmget(p->mm);
	} else {
		p->mm = dup_mm(current->mm);
		if (!p->mm)
			goto nomem;
	}
	p->files = dup_fd(current->files);
	if (IS_ERR_OR_NULL(p->files)) {
		p->files = NULL;
		goto nomem;
	}
	p->pgrp = current->pgrp;
	p->session = current->session;
	p->exit_signal = flags & CSIGNAL;
	copy_thread_user(p, regs);
	if (flags & CLONE_SETTLS)
		p->thread.fsbase = tls;
	if (newsp)
		task_pt_regs(p)->sp = newsp;
	p->real_parent = current;
	INIT_LIST_HEAD(&p->children);
	get_task_struct(p);		/* the parent's, until wait4 reaps */
	spin_lock_irqsave(&tasklist_lock, irqflags);
	list_add_tail(&p->sibling, &current->children);
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
	pid = p->pid;
	if ((flags & CLONE_PARENT_SETTID) && child_tid)
		put_user(pid, child_tid);
	if (flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
		get_task_struct(p);	/* the child may be reaped by init once we are killed */
	}
	wake_up_new_task(p);
	if (flags & CLONE_VFORK)
		wait_for_vfork_done(p, &vfork);
	return pid;

nomem:
	if (p->mm)
		mmput(p->mm);
	p->mm = NULL;
	put_task_struct(p);	/* never ran: the stack goes too */
	return -ENOMEM;
}

SYSCALL_DEFINE0(fork)
{
	return kernel_clone(SIGCHLD, 0, NULL, 0);
}

SYSCALL_DEFINE0(vfork)
{
	return kernel_clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, 0);
}

SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int *, parent_tidptr, int *, child_tidptr, unsigned long, tls)
{
	return kernel_clone(clone_flags, newsp, parent_tidptr, tls);
}
