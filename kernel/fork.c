// SPDX-License-Identifier: MIT
/*
 * Creating tasks: a task_struct, a kernel stack with a guard page below
 * it, a PID, and a first stack frame that starts it in ret_from_fork.
 * Kernel threads (copy_kthread()) run a function; processes and threads
 * (kernel_clone(), for fork, vfork, clone and clone3) copy or share the
 * caller's address space, files and handlers, as their flags say, and
 * return to user mode. A thread (CLONE_THREAD) joins the caller's thread
 * group: same tgid, same signal_struct, the same parent.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <asm/smp.h>
#include <linux/mm.h>
#include <linux/resource.h>
#include <asm/bootinfo.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/fpu.h>
#include <linux/mm_types.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/fdtable.h>
#include <linux/err.h>
#include <linux/ptrace.h>
#include <trace/events/sched.h>

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg);
extern const struct sched_class fair_sched_class;

static int next_pid = 1;

/* The last pid handed out (/proc/loadavg's last field). */
int pid_last(void)
{
	return READ_ONCE(next_pid) - 1;
}
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
	INIT_LIST_HEAD(&p->pending.list);
	INIT_LIST_HEAD(&p->thread_node);
	ptrace_init_task(p);
	p->group_leader = p;
	cpumask_copy(&p->cpus_mask, cpu_possible_mask);
	p->nr_cpus_allowed = cpumask_weight(&p->cpus_mask);
	p->cpu = smp_processor_id();
	strscpy(p->comm, name, sizeof(p->comm));
	copy_thread(p, fn, arg);

	spin_lock_irqsave(&tasklist_lock, flags);
	p->pid = p->tgid = next_pid++;
	p->start_time = local_clock();
	total_forks++;
	if (READ_ONCE(syscall_tracepoints_on))
		set_tsk_thread_flag(p, TIF_SYSCALL_TRACEPOINT);
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
	ptrace_init_task(p);
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
	if (p->signal)
		flush_sigqueue(&p->pending);
	kfree(p->sigqueue_cache);
	__cleanup_sighand(p->sighand);
	put_signal_struct(p->signal);
	kfree(p->fpu);
	kfree(p);
}

/* --- processes and threads ---------------------------------------------- */

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
	memcpy(p->cap_dropped, current->cap_dropped, sizeof(p->cap_dropped));
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

/*
 * Linux's checks on a flag combination, in its order: a thread shares
 * its handlers, shared handlers need a shared address space. reflex
 * has no namespaces, pidfds or cgroups: asking for one is -EINVAL.
 */
static int clone_flags_valid(u64 flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;		/* init's siblings would have no one to reap them */
	if (flags & (CLONE_NEWNS_ALL | CLONE_PIDFD | CLONE_INTO_CGROUP))
		return -EINVAL;
	return 0;
}

/*
 * The descriptor table, and with it the working directory and umask
 * (reflex keeps those in files_struct): shared with CLONE_FILES,
 * copied otherwise.
 */
static int copy_files(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_FILES) {
		get_files_struct(current->files);
		p->files = current->files;
		return 0;
	}
	p->files = dup_fd(current->files);
	if (IS_ERR_OR_NULL(p->files)) {
		p->files = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* The address space: the caller's with CLONE_VM, else a copy-on-write duplicate. */
static int copy_mm(u64 flags, struct task_struct *p)
{
	if (flags & CLONE_VM) {
		p->mm = current->mm;
		mmget(p->mm);
		return 0;
	}
	p->mm = dup_mm(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

/* CLONE_CLEAR_SIGHAND: the child starts with every handled signal back at SIG_DFL. */
static void clear_sighand(struct task_struct *p)
{
	int i;

	for (i = 0; i < _NSIG; i++)
		if (p->sighand->action[i].sa_handler != SIG_IGN)
			p->sighand->action[i].sa_handler = SIG_DFL;
}

/*
 * Hook the new task into the task tree, under tasklist_lock and the
 * group's siglock: a thread joins its group (its parent is the group's),
 * a process becomes a child of the caller's process (of its parent with
 * CLONE_PARENT). A group already exiting or exec-ing takes no new thread.
 */
static int link_new_task(u64 flags, struct task_struct *p, int trace)
{
	struct task_struct *leader = current->group_leader;
	struct signal_struct *sig = current->signal;
	unsigned long irqflags;
	int ret = 0;

	spin_lock_irqsave(&tasklist_lock, irqflags);
	spin_lock(&current->sighand->siglock);
	/* A kill that came during the copy ends the call here, as Linux's does. */
	if (fatal_signal_pending(current)) {
		ret = -EINTR;
		goto out;
	}
	if (flags & CLONE_THREAD) {
		if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
			ret = -EINTR;
			goto out;
		}
		p->tgid = current->tgid;
		p->group_leader = leader;
		p->real_parent = leader->real_parent;
		p->exit_signal = -1;
		list_add_tail(&p->thread_node, &sig->thread_head);
		sig->nr_threads++;
		sig->live++;
	} else {
		p->real_parent = (flags & CLONE_PARENT) ? leader->real_parent : leader;
		if (flags & CLONE_PARENT)
			p->exit_signal = leader->exit_signal;
		list_add_tail(&p->thread_node, &p->signal->thread_head);
		p->signal->nr_threads = 1;
		p->signal->live = 1;
		list_add_tail(&p->sibling, &p->real_parent->children);
	}
	ptrace_link_new_task(p, trace);
out:
	spin_unlock(&current->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
	return ret;
}

/* What a failed copy_process() had taken. */
static void free_unlinked_task(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	p->mm = NULL;
	exit_files(p);
	put_task_struct(p);	/* never ran: the stack goes too */
}

/**
 * copy_process - a new task like current, not yet running
 * @args: the clone flags and arguments (from clone or clone3)
 * @trace: the PTRACE_EVENT_* current's tracer asked to see, which also
 *	makes the new task its tracee; or 0
 *
 * Return: the task, with a reference for its parent (or, for a thread,
 * for the group until it is released), or an ERR_PTR.
 */
static struct task_struct *copy_process(struct kernel_clone_args *args, int trace)
{
	u64 flags = args->flags;
	struct task_struct *p;
	int ret;

	/*
	 * A signal pending for the caller is taken first and the call made
	 * again after its handler (Linux's -ERESTARTNOINTR, which no program
	 * sees): the child must not be born after a signal its parent had
	 * been sent, such as one for the whole process group.
	 */
	spin_lock_irq(&current->sighand->siglock);
	recalc_sigpending_tsk(current);
	spin_unlock_irq(&current->sighand->siglock);
	if (signal_pending(current))
		return ERR_PTR(-ERESTARTNOINTR);
	ret = fork_over_limits();
	if (ret)
		return ERR_PTR(ret);
	p = task_alloc_like_current();
	if (IS_ERR(p))
		return p;
	ret = -ENOMEM;
	p->fpu = fpu_alloc_init();
	if (!p->fpu || copy_sighand(flags, p) || copy_signal(flags, p))
		goto bad;
	if ((flags & CLONE_CLEAR_SIGHAND))
		clear_sighand(p);
	p->blocked = current->blocked;
	/* A thread has a stack of its own: the caller's altstack is not for it. */
	if ((flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM)
		p->altstack = current->altstack;
	fpu_clone(p->fpu);		/* the parent's live registers */
	if (copy_mm(flags, p) || copy_files(flags, p))
		goto bad;
	p->pgrp = current->pgrp;
	p->session = current->session;
	p->exit_signal = args->exit_signal;
	p->set_child_tid = (flags & CLONE_CHILD_SETTID) ? args->child_tid : NULL;
	p->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? args->child_tid : NULL;
	copy_thread_user(p, task_pt_regs(current));
	if (flags & CLONE_SETTLS) {
		p->thread.fsindex = 0;	/* the new base, not a selector's */
		p->thread.fsbase = args->tls;
	}
	if (args->stack)
		task_pt_regs(p)->sp = args->stack;
	INIT_LIST_HEAD(&p->children);
	ptrace_init_task(p);
	ret = link_new_task(flags, p, trace);
	if (ret)
		goto bad;
	get_task_struct(p);	/* the parent's until wait4 reaps; a thread's until it is released */
	return p;
bad:
	free_unlinked_task(p);
	return ERR_PTR(ret);
}

/**
 * kernel_clone - fork, vfork, clone and clone3
 * @args: flags (already checked by the caller's syscall), stack, tls and
 *	the tid pointers
 *
 * Return: the new task's id, or a negative errno.
 */
long kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	int ret, pid, trace;

	ret = clone_flags_valid(args->flags);
	if (ret)
		return ret;
	if ((args->flags & CLONE_SETTLS) && args->tls >= TASK_SIZE_MAX)
		return -EPERM;		/* as arch_prctl(ARCH_SET_FS) */
	trace = ptrace_clone_event(args->flags, args->exit_signal);
	p = copy_process(args, trace);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(pid, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
		get_task_struct(p);	/* the child may be reaped by init once we are killed */
	}
	trace_sched_process_fork(current, p);
	wake_up_new_task(p);
	if (trace)
		ptrace_event(trace, pid);
	/* The tracer hears when the parent runs again: the child exec'd or exited. */
	if ((args->flags & CLONE_VFORK) && !wait_for_vfork_done(p, &vfork))
		ptrace_event(PTRACE_EVENT_VFORK_DONE, pid);
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM, .exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

/* The legacy call: unknown flags are ignored, the low byte is the exit signal. */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int *, parent_tidptr, int *, child_tidptr, unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = (u32)clone_flags & ~CSIGNAL,
		.exit_signal = clone_flags & CSIGNAL,
		.stack = newsp,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.tls = tls,
	};

	if (args.flags & CLONE_NEWTIME)
		args.flags &= ~CLONE_NEWTIME;	/* in CSIGNAL's bits: clone() cannot ask for it */
	return kernel_clone(&args);
}

/*
 * clone3's argument block, as Linux's copy_clone_args_from_user():
 * sizes below the first version are -EINVAL; bytes past what reflex
 * knows must be zero (-E2BIG), up to a page.
 */
static int copy_clone_args_from_user(struct kernel_clone_args *kargs,
				     const struct clone_args *uargs, size_t usize)
{
	struct clone_args args = { 0 };
	size_t i;

	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	for (i = sizeof(args); i < usize; i++) {
		u8 c;

		if (get_user(c, (u8 *)uargs + i))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	if (copy_from_user(&args, uargs, min(usize, sizeof(args))))
		return -EFAULT;
	if (args.set_tid_size > 32 || (!args.set_tid && args.set_tid_size) ||
	    (args.set_tid && !args.set_tid_size))
		return -EINVAL;
	if (args.exit_signal & ~(u64)CSIGNAL || args.exit_signal > _NSIG)
		return -EINVAL;
	if ((args.flags & CLONE_INTO_CGROUP) &&
	    (args.cgroup > 0x7fffffff || usize < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	*kargs = (struct kernel_clone_args){
		.flags = args.flags,
		.exit_signal = args.exit_signal,
		.stack = args.stack,
		.stack_size = args.stack_size,
		.parent_tid = (int *)args.parent_tid,
		.child_tid = (int *)args.child_tid,
		.tls = args.tls,
		.set_tid_size = args.set_tid_size,
	};
	return 0;
}

/* clone3's own rules on top of clone's, as Linux's clone3_args_valid(). */
static bool clone3_args_valid(struct kernel_clone_args *kargs)
{
	u64 flags = kargs->flags;

	if (flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return false;
	if (flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return false;
	if ((flags & (CLONE_THREAD | CLONE_PARENT)) && kargs->exit_signal)
		return false;
	if (!kargs->stack)
		return !kargs->stack_size;
	if (!kargs->stack_size || kargs->stack + kargs->stack_size > TASK_SIZE_MAX ||
	    kargs->stack + kargs->stack_size < kargs->stack)
		return false;
	kargs->stack += kargs->stack_size;	/* the stack grows down from its end */
	return true;
}

/*
 * set_tid (choosing the new pid) is not supported: reflex has no pid
 * namespaces to choose in, and refuses it with -EINVAL.
 */
SYSCALL_DEFINE2(clone3, struct clone_args *, uargs, size_t, size)
{
	struct kernel_clone_args kargs;
	int err = copy_clone_args_from_user(&kargs, uargs, size);

	if (err)
		return err;
	if (!clone3_args_valid(&kargs) || kargs.set_tid_size)
		return -EINVAL;
	return kernel_clone(&kargs);
}
