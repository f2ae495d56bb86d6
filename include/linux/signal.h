/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

/* Signals: Linux's x86-64 numbers, si_codes and user-visible layouts. */
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/hrtimer.h>
#include <linux/resource.h>
#include <linux/list.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGWINCH	28
#define SIGRTMIN	32
#define _NSIG		64

#define SIG_DFL		((void *)0)
#define SIG_IGN		((void *)1)

#define SA_NOCLDSTOP	0x00000001
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_RESTORER	0x04000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)	/* disarmed while its handler runs */
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	-1
#define SI_TIMER	-2	/* a POSIX timer's expiry */
#define SI_TKILL	-6
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define TRAP_HWBKPT	4
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define sigmask(sig)	(1ULL << ((sig) - 1))

/* The layout user space sees (uapi siginfo_t, 128 bytes). */
struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct { int pid; unsigned int uid; } kill;
		struct { void *addr; } fault;
		struct { int pid; unsigned int uid; u64 sigval; } rt;
		struct { int pid; unsigned int uid; int status; } chld;
		struct { int tid; int overrun; u64 sigval; } timer;	/* SI_TIMER */
		char __pad[128 - 16];
	};
};
typedef struct kernel_siginfo siginfo_t;

struct k_sigaction {		/* rt_sigaction's struct sigaction */
	void *sa_handler;
	unsigned long sa_flags;
	void *sa_restorer;
	u64 sa_mask;
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/*
 * Signals waiting for one thread (task->pending) or for any thread of a
 * process (signal->shared_pending): a bit per signal, and the siginfo of
 * each queued instance. A standard signal is queued once however often
 * it is sent; a real-time one once per send, in order. A bit may be set
 * with nothing queued (no memory, or RLIMIT_SIGPENDING reached by a
 * kill()): it is then delivered with an SI_USER siginfo.
 */
struct sigpending {
	struct list_head list;
	u64 signal;
};

struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

/*
 * The handler table: one per process unless CLONE_SIGHAND without
 * CLONE_THREAD shares it between processes. siglock guards it, every
 * pending set of the tasks that use it, their blocked masks and their
 * signal_struct's stop and exit state; it is taken with interrupts off,
 * so that a sender on one CPU and the receiver on another agree on
 * TIF_SIGPENDING.
 */
struct sighand_struct {
	int count;			/* tasks using it, atomic */
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
};

/* signal_struct->flags, Linux's values */
#define SIGNAL_STOP_STOPPED	0x00000001	/* the group stop is complete */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since the last stop */
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group() or a fatal signal */
#define SIGNAL_CLD_STOPPED	0x00000010	/* the parent is yet to hear of it */
#define SIGNAL_CLD_CONTINUED	0x00000020
#define SIGNAL_CLD_MASK		(SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED)
#define SIGNAL_UNKILLABLE	0x00000040	/* init: default-action signals from others are dropped */
#define SIGNAL_STOP_MASK	(SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED)

struct tty_struct;

/*
 * What a thread group (a process) shares: its threads, the signals sent
 * to the process, its exit and stop state, its resource limits. Freed
 * with the last task_struct of the group (sigcnt).
 */
struct signal_struct {
	int sigcnt;			/* task_structs referring to it, atomic */
	int live;			/* threads not yet exiting, under siglock */
	int nr_threads;			/* threads on thread_head */
	struct list_head thread_head;	/* task->thread_node, under tasklist_lock */
	struct sigpending shared_pending;
	struct task_struct *curr_target;	/* where complete_signal() looks first */

	int group_exit_code;		/* wait status once SIGNAL_GROUP_EXIT */
	struct task_struct *group_exec_task;	/* de_thread(): the thread that execs */
	int notify_count;
	int group_stop_count;		/* threads still to stop */
	int group_stop_sig;		/* the signal that stopped the group */
	unsigned int flags;		/* SIGNAL_* */

	struct rlimit rlim[RLIM_NLIMITS];	/* per process (linux/resource.h) */
	struct tty_struct *tty;		/* the controlling terminal, NULL if none */

	/* POSIX timers (kernel/time/posix-timers.c) */
	struct list_head posix_timers;
	struct mutex timers_mutex;	/* the timer system calls */
	spinlock_t timers_lock;		/* the list, and what expiry and rearm share */
	int next_posix_timer_id;	/* -1 once every id was used */

	/* ITIMER_REAL and alarm() (kernel/time/itimer.c), under siglock */
	struct hrtimer real_timer;
	ktime_t it_real_incr;		/* the period; 0: one-shot */
	struct task_struct *real_timer_target;	/* the leader; NULL once the process ends */
};

/* A stop or continue replaces the stop state; the rest (init's SIGNAL_UNKILLABLE) stays. */
static inline void signal_set_stop_flags(struct signal_struct *sig, unsigned int flags)
{
	sig->flags = (sig->flags & ~SIGNAL_STOP_MASK) | flags;
}

/* task->jobctl */
#define JOBCTL_STOP_PENDING	(1UL << 17)	/* this thread is yet to join the group stop */
#define JOBCTL_TRAP_STOP	(1UL << 19)	/* PTRACE_INTERRUPT, or a seized new child: trap */
#define JOBCTL_TRAP_NOTIFY	(1UL << 20)	/* SIGCONT came: a seized tracee traps to say so */
#define JOBCTL_TRAP_MASK	(JOBCTL_TRAP_STOP | JOBCTL_TRAP_NOTIFY)
#define JOBCTL_LISTENING	(1UL << 22)	/* PTRACE_LISTEN: stopped, but woken by SIGCONT */

struct task_struct;
struct pt_regs;

int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p);
int do_send_sig_info(int sig, const siginfo_t *info, struct task_struct *p, bool group);
int send_sig(int sig, struct task_struct *p, int priv);
void force_sig_fault(int sig, int code, void *addr);
void force_sig(int sig);
void force_fatal_sig(int sig);
void force_sigsegv(int sig);
bool signal_pending(struct task_struct *p);
bool fatal_signal_pending(struct task_struct *p);
void recalc_sigpending_tsk(struct task_struct *t);
/* current's blocked mask becomes set (less SIGKILL and SIGSTOP), under siglock. */
void set_current_blocked(u64 set);
u64 sigmask_to_save(void);
/* fs/select.c: the mask of a ppoll/pselect6/epoll_pwait wait, and putting it back */
int set_user_sigmask(const u64 *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);
int get_signal(struct k_sigaction *ka, siginfo_t *info);
void signal_setup_done(bool ok, int sig, struct k_sigaction *ka);
void restore_saved_sigmask(void);
int copy_sighand(unsigned long clone_flags, struct task_struct *p);
int copy_signal(unsigned long clone_flags, struct task_struct *p);
void __cleanup_sighand(struct sighand_struct *sighand);
void put_signal_struct(struct signal_struct *sig);
void flush_sigqueue(struct sigpending *queue);
void flush_signal_handlers(struct task_struct *t);
int zap_other_threads(struct task_struct *p);
void exit_signals(struct task_struct *tsk);
void do_notify_parent_cldstop(struct task_struct *tsk, int why);
/* kernel/exit.c: process groups as the terminal sees them */
bool is_current_pgrp_orphaned(void);
int session_of_pgrp(int pgrp);
int do_sigtimedwait(u64 which, siginfo_t *info, const s64 *timeout);
/* Take current's next signal of mask (its own first), under siglock; 0 if none. */
int dequeue_signal(u64 mask, siginfo_t *info);
__noreturn void do_group_exit(int exit_code);
/* current's alternate signal stack (kernel/signal.c) */
bool __on_sig_stack(unsigned long sp);
bool on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
bool unhandled_signal(struct task_struct *tsk, int sig);
int restore_altstack(const stack_t *uss);
int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp);

#endif
