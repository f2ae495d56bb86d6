/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

/*
 * Tasks. Every kernel thread and every process is a task_struct with
 * its own kernel stack; the scheduler picks among the
 * runnable ones by class: SCHED_FIFO and SCHED_RR (priorities 1-99, as
 * Linux), then SCHED_NORMAL, then the idle task.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>
#include <uapi/linux/sched.h>
#include <linux/signal.h>
#include <linux/restart_block.h>
#include <asm/current.h>
#include <linux/ftrace.h>
#include <asm/processor.h>
#include <asm/desc.h>

/* Task states, Linux's values. */
#define TASK_RUNNING		0x00000000
#define TASK_INTERRUPTIBLE	0x00000001
#define TASK_UNINTERRUPTIBLE	0x00000002
#define __TASK_STOPPED		0x00000004
#define __TASK_TRACED		0x00000008
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_TRACED		(TASK_WAKEKILL | __TASK_TRACED)	/* in a ptrace stop; SIGKILL ends it */
#define TASK_PARKED		0x00000040	/* a kthread parked while its CPU is down */
#define TASK_DEAD		0x00000080
#define TASK_WAKEKILL		0x00000100
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define EXIT_ZOMBIE		0x00000020
#define EXIT_DEAD		0x00000010

/* Scheduling policies, Linux's numbers (uapi/linux/sched.h). */
#define SCHED_NORMAL		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5

#define MAX_RT_PRIO		100
#define MAX_PRIO		(MAX_RT_PRIO + 40)
#define DEFAULT_PRIO		(MAX_RT_PRIO + 20)	/* nice 0 */
#define NICE_TO_PRIO(nice)	((nice) + DEFAULT_PRIO)

/* task->flags */
#define PF_IDLE			0x00000002	/* the idle task */
#define PF_EXITING		0x00000004
#define PF_WQ_WORKER		0x00000020	/* a workqueue's kworker */
#define PF_KTHREAD		0x00200000
#define PF_NO_SETAFFINITY	0x04000000	/* bound by kthread_bind(): sched_setaffinity refuses */

#define TASK_COMM_LEN		16
#define RR_TIMESLICE		(100 * HZ / 1000)	/* 100 ms, as Linux */
#define NORMAL_TIMESLICE	(4 * HZ / 1000)		/* 4 ms: a tick */

struct sched_class;
struct rt_mutex_waiter;
struct completion;
struct mm_struct;
struct files_struct;
struct signal_struct;
struct sighand_struct;
struct fpu;
struct wait_queue_head;
struct robust_list_head;
struct futex_pi_state;

struct sched_param {
	int sched_priority;
};

struct task_struct {
	/* thread_info: flags the entry and scheduling paths test. */
	unsigned long ti_flags;
	struct thread_struct thread;	/* at TASK_threadsp - 0: see asm/switch_to.h */
	unsigned int __state;
	void *stack;			/* the lowest address of the kernel stack */
	unsigned int cpu;		/* the CPU whose run queue it is on, or last ran on */
	int on_cpu;			/* running, or still being switched away from */
	int on_rq;
	cpumask_t cpus_mask;		/* where it may run (sched_setaffinity, kthread_bind) */
	int nr_cpus_allowed;
	unsigned int flags;		/* PF_* */
	raw_spinlock_t pi_lock;		/* serialises wake-ups and affinity changes (zero = unlocked) */
	int usage;			/* references; the task holds one until it is dead */
	spinlock_t alloc_lock;		/* task_lock(): vfork_done */

	int prio, static_prio, normal_prio;
	unsigned int rt_priority;
	unsigned int policy;
	const struct sched_class *sched_class;
	struct list_head run_list;	/* on the run queue of its priority */
	unsigned int time_slice;	/* ticks left (RR) */
	u64 slice_start;		/* sum_exec_runtime when its NORMAL slice began */

	u64 exec_start;			/* sched_clock() when it last got the CPU */
	u64 sum_exec_runtime;		/* ns on the CPU */
	unsigned long pcount;		/* times it got the CPU (Linux's sched_info.pcount) */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */

	int pid;
	u64 start_time;			/* local_clock() at creation: /proc/PID/stat's starttime */
	char comm[TASK_COMM_LEN];
	struct list_head tasks;		/* every task, for ps */

	/*
	 * The function graph tracer's return stack (kernel/trace/fgraph.c):
	 * the return addresses it replaced, innermost last. A new task's is
	 * empty (the task_struct starts zeroed).
	 */
	int curr_ret_stack;		/* entries in use */
	int graph_in_filter;		/* entries made by a set_graph_function function */
	struct ftrace_ret_stack ret_stack[FTRACE_RETFUNC_DEPTH];

	/* kthreads */
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
	int exit_code;
	struct completion *exited;

	/* processes */
	struct mm_struct *mm;		/* NULL for kernel threads */
	struct files_struct *files;	/* open files (fs/file.c) */
	struct task_struct *real_parent;
	struct list_head children, sibling;
	int exit_state;			/* EXIT_ZOMBIE / EXIT_DEAD once exited */
	int pgrp, session;		/* process group and session ids */
	int exit_signal;
	int *clear_child_tid;
	struct fpu *fpu;		/* user FPU state (XSAVE or FXSAVE image) */
	struct completion *vfork_done;	/* a vfork parent waits on it until exec or exit */
	short oom_score_adj;		/* -1000 (never) .. 1000, added to oom_badness() */

	/* priority inheritance (kernel/locking/rtmutex.c) */
	struct list_head pi_waiters;	/* waiters on locks this task holds */
	struct rt_mutex_waiter *pi_blocked_on;

	/* resource usage and personality (kernel/sys.c) */
	u64 utime, stime;		/* ns the tick charged to user and kernel mode */
	u64 cutime, cstime;		/* of reaped children, their own children included */
	unsigned long min_flt, cmin_flt;	/* page faults resolved without I/O */
	unsigned long cnvcsw, cnivcsw;	/* context switches of reaped children */
	unsigned long maxrss, cmaxrss;	/* peak resident set, KiB */
	unsigned int personality;
	/*
	 * Capabilities capset() dropped (kernel/capability.c): 0, every one
	 * held, for the zeroed task fork starts from; [0] effective, [1]
	 * permitted, [2] inheritable.
	 */
	u64 cap_dropped[3];
	int pdeath_signal;		/* prctl(PR_SET_PDEATHSIG); 0 in a new child */

	/* x86 segments and ports: GDT TLS slots (tls.c), I/O permissions (ioport.c) */
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];
	struct io_bitmap *io_bitmap;	/* ioperm()'s ports, shared with fork children */
	unsigned int iopl_emul;		/* iopl()'s level: 3 allows every port */
	bool iopl_warn;			/* CLI/STI under iopl(3) reported once */

	/* threads and signals (kernel/fork.c, kernel/exit.c, kernel/signal.c) */
	int tgid;			/* the process: its first thread's pid */
	struct task_struct *group_leader;
	struct list_head thread_node;	/* on signal->thread_head */
	struct signal_struct *signal;	/* shared by the thread group */
	struct sighand_struct *sighand;	/* handlers, siglock */
	u64 blocked;
	u64 real_blocked;		/* the mask before rt_sigtimedwait() unblocked its set */
	u64 saved_sigmask;		/* rt_sigsuspend's caller's mask */
	bool restore_sigmask;		/* put saved_sigmask back on the way out */
	struct restart_block restart_block;	/* restart_syscall()'s continuation */
	struct sigpending pending;	/* signals for this thread alone */
	stack_t altstack;		/* sigaltstack(): each thread has its own */
	unsigned long jobctl;		/* JOBCTL_* */
	int *set_child_tid;		/* CLONE_CHILD_SETTID: written as the child starts */

	/* futexes (kernel/futex/) */
	struct robust_list_head *robust_list;	/* set_robust_list(); walked at exit */
	struct list_head pi_state_list;	/* futex_pi_states owned; zeroed until first used */
	struct futex_pi_state *pi_state_cache;	/* allocated before the bucket lock is taken */
	unsigned int futex_state;	/* FUTEX_STATE_*: may waiters attach to its PI locks */

	/* signal delivery's fast path (kernel/signal.c) */
	struct sigqueue *sigqueue_cache;	/* its last dequeued sigqueue; under siglock */

	/* ptrace (kernel/ptrace.c); the links are under tasklist_lock */
	unsigned int ptrace;		/* PT_*, the options shifted by PT_OPT_FLAG_SHIFT */
	struct task_struct *parent;	/* the tracer, while traced */
	struct list_head ptraced;	/* the tasks this one traces */
	struct list_head ptrace_entry;	/* on the tracer's ptraced */
	int ptrace_code;		/* the stop's report; then the signal to resume with */
	unsigned long ptrace_message;	/* PTRACE_GETEVENTMSG */
	siginfo_t *last_siginfo;	/* the signal of a signal-delivery stop */
};

#include <linux/sched_tif.h>
_Static_assert(__builtin_offsetof(struct task_struct, ti_flags) == 0,
	       "entry_64.S tests ti_flags at offset 0");

static inline void set_tsk_thread_flag(struct task_struct *t, int flag)
{
	__atomic_fetch_or(&t->ti_flags, 1UL << flag, __ATOMIC_RELAXED);
}

static inline void clear_tsk_thread_flag(struct task_struct *t, int flag)
{
	__atomic_fetch_and(&t->ti_flags, ~(1UL << flag), __ATOMIC_RELAXED);
}

static inline bool test_tsk_thread_flag(struct task_struct *t, int flag)
{
	return READ_ONCE(t->ti_flags) & (1UL << flag);
}

#define set_thread_flag(flag)	set_tsk_thread_flag(current, flag)
#define clear_thread_flag(flag)	clear_tsk_thread_flag(current, flag)
#define test_thread_flag(flag)	test_tsk_thread_flag(current, flag)

/*
 * The current task's frame was rewritten (exec, rt_sigreturn, a
 * tracer): its next return from SYSCALL tests it before any SYSRET.
 */
#define force_iret()		set_thread_flag(TIF_IRET)

static inline void set_tsk_need_resched(struct task_struct *t)
{
	__atomic_fetch_or(&t->ti_flags, 1UL << TIF_NEED_RESCHED, __ATOMIC_RELAXED);
}

static inline void clear_tsk_need_resched(struct task_struct *t)
{
	__atomic_fetch_and(&t->ti_flags, ~(1UL << TIF_NEED_RESCHED), __ATOMIC_RELAXED);
}

static inline bool test_tsk_need_resched(struct task_struct *t)
{
	return READ_ONCE(t->ti_flags) & (1UL << TIF_NEED_RESCHED);
}

static inline bool need_resched(void)
{
	return test_tsk_need_resched(current);
}

static inline void task_lock(struct task_struct *p)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	spin_unlock(&p->alloc_lock);
}

static inline unsigned int task_state(struct task_struct *p)
{
	return READ_ONCE(p->__state);
}

/*
 * A full barrier after the store: the sleeper's later read of its wake-up
 * condition must not pass the state store, or a waker on another CPU
 * could set the condition, still read TASK_RUNNING and skip the wake-up.
 */
#define set_current_state(state)	\
	__atomic_store_n(&current->__state, (state), __ATOMIC_SEQ_CST)
#define __set_current_state(state)	WRITE_ONCE(current->__state, (state))

static inline unsigned int task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}

static inline bool rt_prio(int prio) { return prio < MAX_RT_PRIO; }
static inline bool rt_task(struct task_struct *p) { return rt_prio(p->prio); }
static inline bool is_idle_task(struct task_struct *p) { return p->flags & PF_IDLE; }

extern struct list_head task_list;
extern spinlock_t tasklist_lock;
/* raw_syscalls events on: new tasks get TIF_SYSCALL_TRACEPOINT (kernel/trace/) */
extern u8 syscall_tracepoints_on;

void sched_init(void);
void schedule(void);
void schedule_idle(void);

/* A voluntary preemption point for long loops in task context. */
static inline int cond_resched(void)
{
	if (!need_resched() || preempt_count() || irqs_disabled())
		return 0;
	schedule();
	return 1;
}

void schedule_preempt_disabled(void);
void preempt_schedule_irq(void);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
void kick_process(struct task_struct *p);
int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags);
void wake_up_new_task(struct task_struct *p);
void scheduler_tick(void);
void resched_curr_local(void);
void yield(void);
int sched_setscheduler(struct task_struct *p, int policy, const struct sched_param *param);
int sched_setscheduler_nocheck(struct task_struct *p, int policy, const struct sched_param *param);
void set_user_nice(struct task_struct *p, long nice);
void sched_set_fifo(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);
void rt_mutex_setprio(struct task_struct *p, int prio);
int rt_mutex_get_effective_prio(struct task_struct *p, int newprio);
unsigned long rt_mutex_sched_lock(void);
void rt_mutex_sched_unlock(unsigned long flags);
__noreturn void do_task_dead(void);
/* Every wait4() sleeper (kernel/exit.c): woken when a child dies or stops. */
extern struct wait_queue_head child_exit_wq;
__noreturn void make_task_dead(int signr);
void init_idle(struct task_struct *idle, int cpu);
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask);
long sched_setaffinity(int pid, const struct cpumask *in_mask);
long sched_getaffinity(int pid, struct cpumask *mask);
void scheduler_ipi(void);
int idle_cpu(int cpu);

/*
 * The CPU-online hook: bringing a CPU up (kernel/cpu.c) calls
 * cpuhp_online(cpu) in task context (it sleeps) once @cpu is in
 * cpu_online_mask; it makes @cpu's per-CPU threads (migration/N,
 * ksoftirqd/N, the kworker pools), or finds them made (a CPU back after
 * hotplug, whose parked kworkers it unparks). Calling it
 * twice, or before kernel_init() has made the boot CPU's threads
 * (cpuhp_threads_init()), is harmless: that pass covers every CPU
 * online by then. The new CPU's rq needs nothing else: init_idle() for
 * its idle task set it up.
 */
int cpuhp_online(unsigned int cpu);
void cpuhp_threads_init(void);
__noreturn void cpu_startup_entry(void);
struct task_struct *find_task_by_pid(int pid);
struct task_struct *find_task_by_pid_locked(int pid);
struct task_struct *find_get_task_by_vpid(int pid);
/* pid 0 is the caller; put_task_struct() when done. */
struct task_struct *find_get_task(int pid);

/* kernel/fork.c */
extern int nr_threads, max_threads;
int pid_last(void);
void fork_init(void);
struct task_struct *copy_kthread(int (*fn)(void *), void *arg, const char *name);
struct task_struct *fork_idle(int cpu);
void put_task_stack(struct task_struct *p);
static inline void get_task_struct(struct task_struct *t)
{
	__atomic_fetch_add(&t->usage, 1, __ATOMIC_RELAXED);
}
void put_task_struct(struct task_struct *t);
void complete_vfork_done(struct task_struct *tsk);

/* What fork, vfork, clone and clone3 ask of kernel_clone(). */
struct kernel_clone_args {
	u64 flags;
	int exit_signal;
	unsigned long stack;
	unsigned long stack_size;
	int *parent_tid;
	int *child_tid;
	unsigned long tls;
	u64 set_tid_size;
};
long kernel_clone(struct kernel_clone_args *args);

bool signal_pending(struct task_struct *p);
bool fatal_signal_pending(struct task_struct *p);

/*
 * Would a sleep in @state end for @p's pending signals? As Linux's: an
 * interruptible one for any, a killable (or stopped) one for SIGKILL.
 */
static inline bool signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) || !signal_pending(p))
		return false;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* With tasklist_lock or the group's siglock held. */
#define for_each_thread(p, t)	\
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

/* The thread after @p in its group, round the list. */
static inline struct task_struct *next_thread(struct task_struct *p)
{
	struct list_head *n = p->thread_node.next;

	if (n == &p->signal->thread_head)
		n = n->next;
	return list_entry(n, struct task_struct, thread_node);
}

static inline bool thread_group_empty(struct task_struct *p)
{
	return p->signal->nr_threads <= 1;
}

/* kernel/sched/core.c: the ps-like view, /proc/tasks */
struct seq_file;
int proc_tasks_show(struct seq_file *m, void *v);

#endif
